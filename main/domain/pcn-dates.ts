import type { EnforcementArea } from './areas.js';
import { checkContraventionCode, CONTRAVENTION_CODES, type ContraventionCode } from './contravention-codes.js';
import type { BankHolidayOptions } from './bank-holidays.js';
import { STATUTORY_PERIODS, type PeriodBasis, type PeriodRule, type PeriodTable } from './statutory-periods.js';
import { addDays, isIsoDate, lastDayOfPeriodBeginningWith, ukLocalDate, type IsoDate } from './uk-time.js';
import { addWorkingDays, latestPostingDateFor } from './working-days.js';

/**
 * The statutory dates of one PCN (DOMAIN §3–4), all UK local calendar dates.
 *
 * Without a posting date the dates are worked out as if the PCN were posted
 * on the last day that still gets it served in time (`postBy`): the latest
 * case, so "from" dates (charge certificate, order for recovery) are never
 * too early and "until" dates are never shorter than the keeper's real ones.
 */
export interface PcnDatesInput {
  /** Contravention code as written ("34J", "31", "50Jr"). */
  code: string;
  area: EnforcementArea;
  contraventionUtcMs: number;
  /** UK date the PCN was (or will be) posted. */
  postedDate?: IsoDate;
}

export interface PcnDatesOptions {
  periods?: PeriodTable;
  codes?: readonly ContraventionCode[];
  /** Council additions to the England & Wales bank holidays used for working days. */
  holidays?: BankHolidayOptions;
}

export interface PcnDates {
  code: string;
  area: EnforcementArea;
  kind: ContraventionCode['kind'];
  contraventionDate: IsoDate;
  /** Last day on which the PCN may be served. */
  serviceBy: IsoDate;
  /** Last day to post it so it is deemed served by `serviceBy`. */
  postBy: IsoDate;
  postedDate: IsoDate | null;
  /** The posting date the other dates assume (postedDate, or postBy when not posted). */
  assumedPostedDate: IsoDate;
  /** A postal PCN is dated the day it is posted (SI 2022/71 Sch. 2 para. 3(1)(a)). */
  noticeDate: IsoDate;
  /** Second working day after posting; null when not yet posted. */
  deemedService: IsoDate | null;
  /** Whether deemed service falls on or before serviceBy. */
  serviceInTime: boolean;
  discountUntil: IsoDate;
  paymentDue: IsoDate;
  representationsUntil: IsoDate;
  /** London bus lane / moving traffic: the enforcement notice comes before any charge certificate. */
  enforcementNoticeFrom: IsoDate | null;
  chargeCertificateFrom: IsoDate;
  orderForRecoveryFrom: IsoDate;
  /** Notes on periods that DOMAIN.md marks (verify). */
  verify: string[];
}

export class PcnDatesError extends Error {}

function rule(set: Partial<Record<string, PeriodRule>>, id: string, where: string): PeriodRule {
  const r = set[id];
  if (!r) throw new PcnDatesError(`no "${id}" period in the statutory periods table for ${where}`);
  return r;
}

/** Last day of a period beginning with (calendar days) or the nth working day after (working days) the basis. */
function endOf(r: PeriodRule, basis: IsoDate, holidays: BankHolidayOptions): IsoDate {
  return r.unit === 'working-days' ? addWorkingDays(basis, r.days, holidays) : lastDayOfPeriodBeginningWith(basis, r.days);
}

export function pcnDates(input: PcnDatesInput, options: PcnDatesOptions = {}): PcnDates {
  const table = options.periods ?? STATUTORY_PERIODS;
  const holidays: BankHolidayOptions = { region: 'england-and-wales', ...options.holidays };
  const checked = checkContraventionCode(input.code, options.codes ?? CONTRAVENTION_CODES);
  if (!checked.ok) throw new PcnDatesError(checked.problems.join('; '));
  if (!Number.isFinite(input.contraventionUtcMs)) throw new PcnDatesError('the contravention time is not a valid instant');
  if (input.postedDate !== undefined && !isIsoDate(input.postedDate)) {
    throw new PcnDatesError(`posted date must be YYYY-MM-DD, got ${JSON.stringify(input.postedDate)}`);
  }
  const kind = checked.entry.kind;
  const set = table[input.area]?.[kind];
  if (!set) throw new PcnDatesError(`no statutory periods for ${input.area} ${kind}`);
  const where = `${input.area} ${kind}`;
  const used: PeriodRule[] = [];
  const get = (id: string) => {
    const r = rule(set, id, where);
    used.push(r);
    return r;
  };

  // Day 1 of every contravention-based period is the UK local date, not the UTC one.
  const contraventionDate = ukLocalDate(input.contraventionUtcMs);
  if (input.postedDate !== undefined && input.postedDate < contraventionDate) {
    throw new PcnDatesError(`posted date ${input.postedDate} is before the contravention (${contraventionDate})`);
  }
  const service = get('service');
  const serviceBy = endOf(service, contraventionDate, holidays);
  const deemed = get('deemed-service');
  const postBy = latestPostingDateFor(serviceBy, deemed.days, holidays);
  const posted = input.postedDate ?? postBy;
  const deemedService = endOf(deemed, posted, holidays);
  const noticeDate = posted;

  const basisDate = (b: PeriodBasis): IsoDate => {
    if (b === 'service') return deemedService;
    if (b === 'notice-date' || b === 'posting') return noticeDate;
    if (b === 'contravention') return contraventionDate;
    throw new PcnDatesError(`period basis "${b}" cannot start a PCN's own periods`);
  };
  const discount = get('discount');
  const discountUntil = endOf(discount, basisDate(discount.from), holidays);
  const payment = get('payment');
  const paymentDue = endOf(payment, basisDate(payment.from), holidays);

  // London bus lane / moving traffic: after the 28 days an enforcement notice,
  // then a charge certificate if that too goes unpaid. Elsewhere the charge
  // certificate follows the PCN directly. Each later notice is posted, so it
  // is served on the second working day after the earliest day it may be sent.
  let enforcementNoticeFrom: IsoDate | null = null;
  let chargeCertificateFrom = addDays(paymentDue, 1);
  const en = set['enforcement-notice'];
  if (en) {
    used.push(en);
    enforcementNoticeFrom = chargeCertificateFrom;
    const enServed = endOf(deemed, enforcementNoticeFrom, holidays);
    chargeCertificateFrom = addDays(endOf(en, enServed, holidays), 1);
  }
  const cc = get('charge-certificate');
  const ccServed = endOf(deemed, chargeCertificateFrom, holidays);
  const orderForRecoveryFrom = addDays(endOf(cc, ccServed, holidays), 1);

  return {
    code: checked.display,
    area: input.area,
    kind,
    contraventionDate,
    serviceBy,
    postBy,
    postedDate: input.postedDate ?? null,
    assumedPostedDate: posted,
    noticeDate,
    deemedService: input.postedDate !== undefined ? deemedService : null,
    serviceInTime: deemedService <= serviceBy,
    discountUntil,
    paymentDue,
    representationsUntil: paymentDue,
    enforcementNoticeFrom,
    chargeCertificateFrom,
    orderForRecoveryFrom,
    verify: [...new Set(used.filter((r) => r.verify).map((r) => r.verify!))],
  };
}
