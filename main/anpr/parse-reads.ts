/**
 * One entry point for every format, for `cctv anpr parse` and tests: the
 * same parsers the HTTP routes use. Pure.
 */
import type { ParseResult } from './anpr-read.js';
import { parseCsvReads } from './parse-csv-reads.js';
import { isAlertPart, parseHikvisionAlert } from './parse-hikvision.js';
import { parseJsonReadsText } from './parse-json-read.js';
import { looksLikeMultipart, splitMultipart } from './split-multipart.js';

export type ReadFormat = 'json' | 'hikvision' | 'csv';
export const READ_FORMATS: readonly ReadFormat[] = ['json', 'hikvision', 'csv'];

export function guessFormat(data: Buffer, fileName = ''): ReadFormat {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.csv$/i.test(fileName)) return 'csv';
  if (/\.(xml|bin)$/i.test(fileName)) return 'hikvision';
  const head = data.subarray(0, 200).toString('utf8').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  if (head.startsWith('<') || looksLikeMultipart(data)) return 'hikvision';
  return 'csv';
}

export function parseReads(data: Buffer, format: ReadFormat): ParseResult & { ignored: string | null } {
  if (format === 'json') return { ...parseJsonReadsText(data.toString('utf8')), ignored: null };
  if (format === 'csv') return { ...parseCsvReads(data.toString('utf8')), ignored: null };
  if (!looksLikeMultipart(data)) return parseHikvisionAlert(data);
  let parts;
  try {
    parts = splitMultipart(data);
  } catch (e) {
    return { reads: [], errors: [{ location: 'body', field: null, message: `multipart: ${e instanceof Error ? e.message : String(e)}` }], ignored: null };
  }
  const alert = parts.find((p) => isAlertPart(p.name, p.contentType));
  if (!alert) return { reads: [], errors: [{ location: 'body', field: null, message: 'no XML part (anpr.xml) in the upload' }], ignored: null };
  return parseHikvisionAlert(alert.data, parts.filter((p) => p !== alert), `part ${alert.name}`);
}
