/**
 * CSV batches of reads: header `camera_id,plate,timestamp,confidence,direction`
 * (fixtures/anpr/samples/reads-batch.csv). Every row is checked; bad rows are
 * reported by line and field and the good ones kept. Pure.
 */
import type { ParsedRead, ParseResult } from './anpr-read.js';
import { CsvSyntaxError, parseCsv } from './csv.js';
import { checkConfidence, checkDirection, checkPlate, checkTime } from './read-fields.js';

export const READ_CSV_HEADER = ['camera_id', 'plate', 'timestamp', 'confidence', 'direction'] as const;
/** Most rows one batch may hold (bigger files are split by the sender). */
export const MAX_CSV_ROWS = 50_000;

export function parseCsvReads(text: string): ParseResult {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { reads: [], errors: [{ location: `line ${e.line}`, field: null, message: e.message }] };
    throw e;
  }
  const [head, ...rows] = records;
  if (!head) return { reads: [], errors: [{ location: 'line 1', field: null, message: 'the file is empty' }] };
  const names = head.fields.map((f) => f.trim().toLowerCase());
  const missing = READ_CSV_HEADER.filter((h) => !names.includes(h));
  if (missing.length) {
    return { reads: [], errors: [{ location: 'line 1', field: null, message: `header must name ${READ_CSV_HEADER.join(',')}; missing ${missing.join(', ')}` }] };
  }
  if (rows.length > MAX_CSV_ROWS) {
    return { reads: [], errors: [{ location: 'line 1', field: null, message: `${rows.length} rows; at most ${MAX_CSV_ROWS} per batch` }] };
  }
  const col = (name: string) => names.indexOf(name);
  const out: ParseResult = { reads: [], errors: [] };
  for (const row of rows) {
    const location = `line ${row.line}`;
    if (row.fields.length !== names.length) {
      out.errors.push({ location, field: null, message: `${row.fields.length} columns; the header has ${names.length}` });
      continue;
    }
    const get = (name: string) => row.fields[col(name)]!;
    const before = out.errors.length;
    const camera = get('camera_id').trim();
    if (!camera) out.errors.push({ location, field: 'camera_id', message: 'camera_id is empty' });
    const time = checkTime(get('timestamp'));
    if (!time.ok) out.errors.push({ location, field: 'timestamp', message: time.message });
    const plate = checkPlate(get('plate'), time.ok ? time.value : Date.now());
    if (!plate.ok) out.errors.push({ location, field: 'plate', message: plate.message });
    const conf = checkConfidence(get('confidence'));
    if (!conf.ok) out.errors.push({ location, field: 'confidence', message: conf.message });
    const dir = checkDirection(get('direction'), true);
    if (!dir.ok) out.errors.push({ location, field: 'direction', message: dir.message });
    if (out.errors.length > before || !time.ok || !plate.ok || !conf.ok || !dir.ok) continue;
    const read: ParsedRead = {
      source: 'csv',
      camera,
      channel: null,
      plate: plate.value.plate,
      vrm: plate.value.vrm,
      vrmFormat: plate.value.format,
      vrmFlags: plate.value.flags,
      atMs: time.value,
      confidence: conf.value,
      direction: dir.value,
      images: [],
      location,
    };
    out.reads.push(read);
  }
  return out;
}
