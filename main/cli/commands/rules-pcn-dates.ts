import { UsageError, type CliCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { ENFORCEMENT_AREAS, isEnforcementArea } from '../../domain/areas.js';
import { checkContraventionCode } from '../../domain/contravention-codes.js';
import { pcnDates, PcnDatesError } from '../../domain/pcn-dates.js';
import { isIsoDate, parseUkInstant } from '../../domain/uk-time.js';

export const rulesPcnDatesCommand: CliCommand = {
  path: ['rules', 'pcn-dates'],
  summary: 'Statutory dates of a PCN (service, discount, representations, charge certificate)',
  help: `Usage: cctv rules pcn-dates --code CODE --area london|england|wales --contravention ISO-TIME [--posted YYYY-MM-DD]

Prints one JSON object of UK local dates (YYYY-MM-DD): contraventionDate,
serviceBy, postBy, deemedService (when --posted is given), discountUntil,
paymentDue, representationsUntil, enforcementNoticeFrom (London bus lane and
moving traffic), chargeCertificateFrom, orderForRecoveryFrom, and "verify":
notes on periods still to be checked against the regulations.

Without --posted the dates assume posting on postBy, the last day that still
gets the PCN served in time.

  --code CODE            contravention code as written: 34J, 31, 50Jr, 33Je
  --area AREA            london, england (outside London) or wales
  --contravention TIME   ISO 8601 instant; with no offset it is UK local time
  --posted DATE          UK date the PCN was (or will be) posted
`,
  async run(argv, io) {
    const { flags, positional } = parseFlags(argv, { values: ['code', 'area', 'contravention', 'posted'] });
    if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"`);
    if (typeof flags.code !== 'string') throw new UsageError('--code CODE is required (e.g. 34J)');
    if (typeof flags.area !== 'string') throw new UsageError(`--area is required (${ENFORCEMENT_AREAS.join('|')})`);
    if (typeof flags.contravention !== 'string') throw new UsageError('--contravention ISO-TIME is required');
    if (!isEnforcementArea(flags.area)) throw new UsageError(`--area must be one of ${ENFORCEMENT_AREAS.join(', ')}, not ${flags.area}`);
    const code = checkContraventionCode(flags.code);
    if (!code.ok) {
      io.err(`cctv rules pcn-dates: --code ${flags.code}: ${code.problems.join('; ')}`);
      return 2;
    }
    const at = parseUkInstant(flags.contravention);
    if (at === null) {
      io.err(`cctv rules pcn-dates: --contravention "${flags.contravention}" is not an ISO 8601 time (e.g. 2024-06-11T08:15 or 2024-06-11T07:15Z)`);
      return 2;
    }
    const posted = flags.posted;
    if (posted !== undefined && (typeof posted !== 'string' || !isIsoDate(posted))) {
      io.err(`cctv rules pcn-dates: --posted must be a date YYYY-MM-DD, not ${String(posted)}`);
      return 2;
    }
    try {
      const dates = pcnDates({ code: flags.code, area: flags.area, contraventionUtcMs: at, ...(typeof posted === 'string' ? { postedDate: posted } : {}) });
      io.out(JSON.stringify(dates));
      return 0;
    } catch (e) {
      if (e instanceof PcnDatesError) {
        io.err(`cctv rules pcn-dates: ${e.message}`);
        return 2;
      }
      throw e;
    }
  },
};
