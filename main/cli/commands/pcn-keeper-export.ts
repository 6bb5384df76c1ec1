import { writeFileSync } from 'node:fs';
import { UsageError, type CliCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { cliActor, withPcnService } from './pcn-cli-support.js';

export const keeperExportCommand: CliCommand = {
  path: ['keeper', 'export'],
  summary: 'Export a keeper enquiry batch (KADOE) for the approved PCNs',
  help: `Usage: cctv keeper export --officer NAME [--out FILE] [--data DIR]
`,
  async run(argv, io) {
    const { flags } = parseFlags(argv, { values: ['out', 'officer', 'data'] });
    const officer = cliActor(flags.officer);
    if (!officer) throw new UsageError('--officer NAME is required (enquiries are audited)');
    return withPcnService('keeper export', flags.data, io, (s) => {
      const r = s.exportKeeperBatch(officer);
      if (typeof flags.out === 'string') {
        writeFileSync(flags.out, r.content);
        io.err(`batch ${r.batchRef}: ${r.count} enquiries written to ${flags.out}`);
      } else io.out(r.content.trimEnd());
      return 0;
    });
  },
};
