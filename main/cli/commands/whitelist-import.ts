import { readFileSync } from 'node:fs';
import os from 'node:os';
import { UsageError, type CliCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { resolveDataDir } from '../../config/data-dir.js';
import { Store } from '../../store/store.js';
import { AuditLog } from '../../audit/audit-log.js';
import { WhiteListStore } from '../../store/whitelist-store.js';
import { AnprCameraIdsStore } from '../../store/anpr-camera-ids-store.js';
import { WhiteListService, WHITE_LIST_CSV_HEADER } from '../../anpr/white-list-service.js';

export const whitelistImportCommand: CliCommand = {
  path: ['whitelist', 'import'],
  summary: 'Import white-list entries from a CSV: all rows or none, with a row-by-row report',
  help: `Usage: cctv whitelist import FILE [--data DIR] [--dry-run] [--by NAME]

FILE is CSV with the header
  ${WHITE_LIST_CSV_HEADER.join(',')}
category: bus-operator, hackney-carriage, private-hire, emergency-service,
council, utility, dispensation, permit-holder, other. scope_cameras and
scope_types are lists separated by ';' (empty: everywhere). Dates are UK
days YYYY-MM-DD (valid_to inclusive, empty: no end). source (who vouches
for the entry) is required.

Every row is checked; if any is wrong nothing is imported. Prints one JSON
object {"imported","rows","dryRun","errors":[{"line","field","message"}],
"warnings":[...]}; exit 0 when imported (or a clean dry run), 1 otherwise.
The import is audited.

  --data DIR   data folder (default: CCTV_DATA_DIR or the per-OS default)
  --dry-run    check only
  --by NAME    who is importing (default: cli:<your login>)
`,
  async run(argv, io) {
    const { flags, positional } = parseFlags(argv, { values: ['data', 'by'], booleans: ['dry-run'] });
    if (positional.length !== 1) throw new UsageError('give one CSV FILE to import');
    let text: string;
    try {
      text = readFileSync(positional[0]!, 'utf8');
    } catch (e) {
      io.err(`${positional[0]}: cannot read (${e instanceof Error ? e.message : String(e)})`);
      return 1;
    }
    const store = Store.open(resolveDataDir(typeof flags.data === 'string' ? flags.data : undefined));
    try {
      const cams = new AnprCameraIdsStore(store.db).known();
      const service = new WhiteListService({
        store: new WhiteListStore(store.db),
        audit: new AuditLog(store.audit),
        resolveCamera: (ref) => {
          const id = /^\d{1,9}$/.test(ref.trim()) ? Number(ref.trim()) : cams.bySite.get(ref.trim().toUpperCase());
          return id !== undefined && cams.ids.has(id) ? id : undefined;
        },
      });
      service.load();
      const by = typeof flags.by === 'string' ? flags.by : `cli:${os.userInfo().username}`;
      const report = service.importCsv(text, { id: null, name: by }, { dryRun: flags['dry-run'] === true });
      io.out(JSON.stringify(report));
      for (const e of report.errors) io.err(`line ${e.line}${e.field ? ` ${e.field}` : ''}: ${e.message}`);
      return report.errors.length ? 1 : 0;
    } finally {
      store.close();
    }
  },
};
