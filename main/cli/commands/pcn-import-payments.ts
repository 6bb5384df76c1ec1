import { readFileSync } from 'node:fs';
import { UsageError, type CliCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { cliActor, withPcnService } from './pcn-cli-support.js';

export const pcnImportPaymentsCommand: CliCommand = {
  path: ['pcn', 'import-payments'],
  summary: 'Import a payments CSV; every row is checked and nothing is applied if any is bad',
  help: `Usage: cctv pcn import-payments FILE --officer NAME [--data DIR]

FILE has a header: pcn_number, amount (pounds) or amount_pence, date, method, reference.
Exit 3 with each bad row on stderr when the file is refused.
`,
  async run(argv, io) {
    const { flags, positional } = parseFlags(argv, { values: ['officer', 'data'] });
    if (positional.length !== 1) throw new UsageError('give one payments file');
    const officer = cliActor(flags.officer);
    if (!officer) throw new UsageError('--officer NAME is required (imports are audited)');
    const text = readFileSync(positional[0]!, 'utf8');
    return withPcnService('pcn import-payments', flags.data, io, (s) => {
      io.out(JSON.stringify(s.importPayments(text, officer)));
      return 0;
    });
  },
};
