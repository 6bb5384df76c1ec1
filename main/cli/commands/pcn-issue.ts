import { UsageError, type CliCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { cliActor, withPcnService } from './pcn-cli-support.js';

export const pcnIssueCommand: CliCommand = {
  path: ['pcn', 'issue'],
  summary: 'Issue a PCN (or warning notice) for an event, through every precondition',
  help: `Usage: cctv pcn issue --event ID --code CODE --officer NAME [--suffix X] [--notes TEXT] [--check] [--data DIR]

Runs the same preconditions as the API (restriction in force, not exempt, no
blocking defect, approved device and certificate, clock and frame rate, continuous
footage, service deadline, no duplicate, warning period). Prints the PCN as JSON,
or each failed precondition on stderr (exit 3). --check only reports.
`,
  async run(argv, io) {
    const { flags, positional } = parseFlags(argv, { values: ['event', 'code', 'suffix', 'notes', 'officer', 'data'], booleans: ['check'] });
    if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"`);
    const eventId = Number(flags.event);
    if (!Number.isInteger(eventId) || eventId < 1) throw new UsageError('--event ID is required (a positive whole number)');
    if (typeof flags.code !== 'string') throw new UsageError('--code CODE is required (e.g. 34J)');
    const officer = cliActor(flags.officer);
    if (!officer) throw new UsageError('--officer NAME is required (the decision is recorded against it)');
    return withPcnService('pcn issue', flags.data, io, (s) => {
      const d = { eventId, code: flags.code as string, ...(typeof flags.suffix === 'string' ? { suffix: flags.suffix } : {}) };
      if (flags.check) {
        const a = s.assess(d);
        io.out(JSON.stringify({ outcome: a.outcome, failures: a.failures }));
        for (const f of a.failures) io.err(`precondition ${f.id}: ${f.reason}`);
        return a.outcome === 'refused' ? 3 : 0;
      }
      const p = s.issueFromDecision({ ...d, officer, ...(typeof flags.notes === 'string' ? { notes: flags.notes } : {}) });
      io.out(JSON.stringify({ id: p.id, kind: p.kind, reference: p.reference, stage: p.stage, vrm: p.vrm, code: p.code }));
      return 0;
    });
  },
};
