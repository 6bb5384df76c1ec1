import { UsageError, type CliCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { UK_REGIONS, type UkRegion } from '../../domain/bank-holidays.js';
import { isInForce } from '../../domain/schedule-in-force.js';
import { tryParseSchedule } from '../../domain/schedule-parse.js';
import { parseUkInstant } from '../../domain/uk-time.js';

export const rulesInForceCommand: CliCommand = {
  path: ['rules', 'in-force'],
  summary: 'Whether a restriction schedule (sign text) is in force at a time',
  help: `Usage: cctv rules in-force --schedule "TEXT" --at ISO-TIME [--region REGION] [--holiday YYYY-MM-DD[,…]]

Reads the times on a sign ("Mon-Fri 7-10am 4-7pm", "At any time",
"Mon-Sat 7am-7pm except bank holidays", "8.15-9.15am 2.45-3.45pm Mon-Fri")
and prints {"inForce":true|false,"why":"…"}, judged in UK local time.

  --schedule TEXT  the sign's wording
  --at TIME        ISO 8601 instant; with no offset it is UK local time
                   (2024-06-11T08:15 or 2024-06-11T07:15Z)
  --region R       bank holidays of england-and-wales (default), scotland
                   or northern-ireland
  --holiday DATES  extra one-off holidays, comma-separated
`,
  async run(argv, io) {
    const { flags, positional } = parseFlags(argv, { values: ['schedule', 'at', 'region', 'holiday'] });
    if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"`);
    if (typeof flags.schedule !== 'string') throw new UsageError('--schedule "TEXT" is required');
    if (typeof flags.at !== 'string') throw new UsageError('--at ISO-TIME is required');
    const region = (flags.region ?? 'england-and-wales') as UkRegion;
    if (!UK_REGIONS.includes(region)) throw new UsageError(`--region must be one of ${UK_REGIONS.join(', ')}, not ${String(flags.region)}`);
    const at = parseUkInstant(flags.at);
    if (at === null) {
      io.err(`cctv rules in-force: --at "${flags.at}" is not an ISO 8601 time (e.g. 2024-06-11T08:15 or 2024-06-11T07:15Z)`);
      return 2;
    }
    const extra = typeof flags.holiday === 'string' ? flags.holiday.split(',').map((s) => s.trim()).filter(Boolean) : [];
    const parsed = tryParseSchedule(flags.schedule);
    if (!parsed.ok) {
      io.err(`cctv rules in-force: ${parsed.error.message}`);
      return 2;
    }
    const result = isInForce(parsed.schedule, at, { region, extraHolidays: extra });
    io.out(JSON.stringify(result));
    return 0;
  },
};
