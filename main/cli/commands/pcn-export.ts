import { writeFileSync } from 'node:fs';
import { UsageError, type CliCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { cliActor, withPcnService } from './pcn-cli-support.js';

export const pcnExportCommand: CliCommand = {
  path: ['pcn', 'export'],
  summary: 'Export PCNs for the back office (CSV or JSON, with evidence references and hashes)',
  help: `Usage: cctv pcn export --officer NAME [--format csv|json] [--out FILE] [--data DIR]

Writes to FILE, or to standard output.
`,
  async run(argv, io) {
    const { flags } = parseFlags(argv, { values: ['format', 'out', 'officer', 'data'] });
    const format = flags.format ?? 'csv';
    if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json');
    const officer = cliActor(flags.officer);
    if (!officer) throw new UsageError('--officer NAME is required (exports are audited)');
    return withPcnService('pcn export', flags.data, io, (s) => {
      const r = s.exportPcns(format, {}, officer);
      if (typeof flags.out === 'string') {
        writeFileSync(flags.out, r.content);
        io.err(`${r.count} PCN(s) written to ${flags.out}`);
      } else io.out(r.content.trimEnd());
      return 0;
    });
  },
};
