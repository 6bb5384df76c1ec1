import { readFileSync, statSync } from 'node:fs';
import { UsageError, type CliCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { describeRead } from '../../anpr/anpr-read.js';
import { guessFormat, parseReads, READ_FORMATS, type ReadFormat } from '../../anpr/parse-reads.js';
import { checkTimeWindow } from '../../anpr/read-fields.js';

/** Larger than any push or batch the ingest accepts. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

export const anprParseCommand: CliCommand = {
  path: ['anpr', 'parse'],
  summary: 'Check a camera push or a CSV batch: print the reads ingest would store',
  help: `Usage: cctv anpr parse FILE [--format json|hikvision|csv] [--now ISO]

Reads FILE with the same parsers the ingest endpoints use and prints one JSON
line per read it would store: {"location","plate" (as sent),"vrm"
(normalised),"format","flags","time" (UTC ISO 8601),"confidence" (0-100),
"camera","channel","direction","images":[{"role","name","bytes"}]}.
Anything refused is explained on stderr ("line 12 timestamp: ...") and the
exit code is 1; 0 when every read would be stored.

  --format F   json (generic push), hikvision (ISAPI XML, or a saved
               multipart body with anpr.xml and the JPEGs), csv
               (camera_id,plate,timestamp,confidence,direction).
               Default: guessed from the name and content.
  --now ISO    judge the ingest clock window (at most 10 minutes ahead, at
               most 31 days old) as of this time instead of now, e.g. to
               check a capture from last month.

Hostile XML (DTDs, entities) and oversized files are refused, never expanded.
`,
  async run(argv, io) {
    const { flags, positional } = parseFlags(argv, { values: ['format', 'now'] });
    if (positional.length !== 1) throw new UsageError('give one FILE to parse');
    const file = positional[0]!;
    const format = flags.format;
    if (format !== undefined && !(READ_FORMATS as readonly string[]).includes(String(format))) {
      throw new UsageError(`--format must be one of ${READ_FORMATS.join(', ')}, not ${String(format)}`);
    }
    let nowMs = Date.now();
    if (flags.now !== undefined) {
      nowMs = Date.parse(String(flags.now));
      if (!Number.isFinite(nowMs)) throw new UsageError(`--now must be an ISO 8601 time, not ${String(flags.now)}`);
    }
    let data: Buffer;
    try {
      const size = statSync(file).size;
      if (size > MAX_FILE_BYTES) {
        io.err(`${file}: ${size} bytes; larger than any push or batch ingest accepts (${MAX_FILE_BYTES})`);
        return 1;
      }
      data = readFileSync(file);
    } catch (e) {
      io.err(`${file}: cannot read (${e instanceof Error ? e.message : String(e)})`);
      return 1;
    }
    const fmt: ReadFormat = (format as ReadFormat | undefined) ?? guessFormat(data, file);
    const result = parseReads(data, fmt);
    let refused = result.errors.length;
    for (const e of result.errors) io.err(`${file} (${fmt}) ${e.location}${e.field ? ` ${e.field}` : ''}: ${e.message}`);
    if (result.ignored) io.err(`${file} (${fmt}): ignored: ${result.ignored}`);
    for (const r of result.reads) {
      const late = checkTimeWindow(r.atMs, nowMs);
      if (late) {
        refused++;
        io.err(`${file} (${fmt}) ${r.location} timestamp: ${late}${flags.now === undefined ? ' (use --now to judge an old capture)' : ''}`);
        continue;
      }
      io.out(JSON.stringify(describeRead(r)));
    }
    if (!result.reads.length && !refused && !result.ignored) {
      io.err(`${file}: no reads found`);
      return 1;
    }
    return refused ? 1 : 0;
  },
};
