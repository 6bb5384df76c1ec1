import { readFileSync } from 'node:fs';
import { UsageError, type CliCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { cliActor, withPcnService } from './pcn-cli-support.js';

export const keeperImportCommand: CliCommand = {
  path: ['keeper', 'import'],
  summary: 'Import a keeper enquiry reply (CSV); nothing is applied if any row is bad',
  help: `Usage: cctv keeper import FILE --officer NAME [--data DIR]
`,
  async run(argv, io) {
    const { flags, positional } = parseFlags(argv, { values: ['officer', 'data'] });
    if (positional.length !== 1) throw new UsageError('give one reply file');
    const officer = cliActor(flags.officer);
    if (!officer) throw new UsageError('--officer NAME is required (imports are audited)');
    const text = readFileSync(positional[0]!, 'utf8');
    return withPcnService('keeper import', flags.data, io, (s) => {
      io.out(JSON.stringify(s.importKeeperReplies(text, officer)));
      return 0;
    });
  },
};
