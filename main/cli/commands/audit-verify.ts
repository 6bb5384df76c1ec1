import type { CliCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { resolveDataDir } from '../../config/data-dir.js';
import { Store } from '../../store/store.js';
import { AuditLog } from '../../audit/audit-log.js';

export const auditVerifyCommand: CliCommand = {
  path: ['audit', 'verify'],
  summary: 'Check the audit log hash chain for edited or removed entries',
  help: `Usage: cctv audit verify [--data DIR] [--json]

Walks the append-only audit log from the first entry and recomputes each
entry's hash over its content and the previous entry's hash. Exit 0 when the
chain is whole; 1 naming the first entry that was edited, removed or
re-ordered.

  --data DIR  data folder (default: CCTV_DATA_DIR or the per-OS default)
  --json      print the result as JSON
`,
  async run(argv, io) {
    const { flags } = parseFlags(argv, { values: ['data'], booleans: ['json'] });
    const store = Store.open(resolveDataDir(typeof flags.data === 'string' ? flags.data : undefined));
    try {
      const r = new AuditLog(store.audit).verify();
      if (flags.json) io.out(JSON.stringify(r));
      else if (r.ok) io.out(`OK: ${r.entries} audit entries, chain intact`);
      else io.err(`FAILED at entry ${r.seq}: ${r.problem} (${r.entries} entries read)`);
      return r.ok ? 0 : 1;
    } finally {
      store.close();
    }
  },
};
