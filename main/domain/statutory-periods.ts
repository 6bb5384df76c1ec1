import type { EnforcementArea } from './areas.js';
import type { EnforcementKind } from './restriction-types.js';

/**
 * Every statutory period the workstation counts, in one table (DOMAIN §3–4).
 * A change of law is a one-line edit here; a council passes its own table to
 * override. Periods of calendar days count the basis date as day 1 ("a
 * period of 28 days beginning with the date of service"); periods of working
 * days count from the day *after* the basis date ("the second working day
 * after the day of posting").
 */
export type PeriodId =
  /** Serve the PCN within, from the contravention. */
  | 'service'
  /** A posted notice is taken as served on this working day after posting. */
  | 'deemed-service'
  /** Reduced charge if paid within (PCN sent by post). */
  | 'discount'
  /** Reduced charge if paid within (PCN fixed to the vehicle). */
  | 'discount-affixed'
  /** Pay or make representations within. */
  | 'payment'
  /** London bus lane / moving traffic: pay or represent within, after an enforcement notice. */
  | 'enforcement-notice'
  /** Pay within after a charge certificate, before an order for recovery. */
  | 'charge-certificate'
  /** The council must decide representations within, or they are accepted. */
  | 'council-decision'
  /** Appeal to the adjudicator within, after a notice of rejection. */
  | 'appeal'
  /** File a witness statement within, after an order for recovery. */
  | 'witness-statement';

export type PeriodBasis =
  | 'contravention'
  | 'posting'
  | 'service'
  | 'notice-date'
  | 'enforcement-notice-service'
  | 'charge-certificate-service'
  | 'representations-received'
  | 'rejection'
  | 'order-for-recovery';

export interface PeriodRule {
  days: number;
  unit: 'days' | 'working-days';
  from: PeriodBasis;
  source: string;
  /** Set where DOMAIN.md marks the figure (verify). */
  verify?: string;
}

export type PeriodSet = Partial<Record<PeriodId, PeriodRule>>;
export type PeriodTable = Record<EnforcementArea, Record<EnforcementKind, PeriodSet>>;

const DEEMED_SERVICE: PeriodRule = {
  days: 2, unit: 'working-days', from: 'posting',
  source: 'Service by first-class post: second working day after posting (SI 2022/71 reg. 2 & service provisions; SI 2007/3483 reg. 3(2))',
  verify: 'the regulation paragraph for SI 2022/71 (the 2007 parking rule, reg. 3(2), is the same)',
};

const SHARED_ENGLAND = {
  'deemed-service': DEEMED_SERVICE,
  'charge-certificate': {
    days: 14, unit: 'days', from: 'charge-certificate-service',
    source: 'Order for recovery once unpaid 14 days after the charge certificate is served (SI 2022/71 regs. 21-22; SI 2007/3483 reg. 21-22)',
    verify: 'regulation numbers',
  },
  'council-decision': {
    days: 56, unit: 'days', from: 'representations-received',
    source: 'Representations not answered within 56 days are taken as accepted (SI 2022/576; SI 2007/3482 reg. 5)',
  },
  appeal: {
    days: 28, unit: 'days', from: 'rejection',
    source: '28 days to appeal to the adjudicator after a notice of rejection (SI 2022/576; SI 2007/3482 reg. 7)',
  },
  'witness-statement': {
    days: 21, unit: 'days', from: 'order-for-recovery',
    source: '21 days (extendable) to file a witness statement against an order for recovery (SI 2022/71 reg. 23)',
  },
} as const satisfies PeriodSet;

const ENGLAND_CAMERA: PeriodSet = {
  ...SHARED_ENGLAND,
  service: {
    days: 28, unit: 'days', from: 'contravention',
    source: 'PCN on camera evidence served within 28 days beginning with the contravention (SI 2022/71 reg. 10(5))',
    verify: 'reg. 10(5)-(6): the exact period and the extension where DVLA keeper details came late through no fault of the council',
  },
  discount: {
    days: 21, unit: 'days', from: 'service',
    source: 'Applicable date: last day of 21 days beginning with service for a postal PCN on an approved device (SI 2022/71 reg. 2, reg. 10(2)(a))',
  },
  'discount-affixed': {
    days: 14, unit: 'days', from: 'service',
    source: 'Applicable date: 14 days for any other notice (SI 2022/71 reg. 2)',
  },
  payment: {
    days: 28, unit: 'days', from: 'service',
    source: '28 days beginning with service to pay or make representations (SI 2022/71 Sch. 2 para. 3(d); SI 2022/576)',
  },
};

const ENGLAND_PARKING: PeriodSet = {
  ...SHARED_ENGLAND,
  service: {
    days: 14, unit: 'days', from: 'contravention',
    source: 'CCTV parking PCN served by post within 14 days beginning with the contravention (SI 2007/3483 reg. 10(4))',
    verify: 'whether CCTV parking under SI 2022/71 reg. 11 now shares the 28-day rule of reg. 10(5), and the DVLA-delay extension',
  },
  discount: {
    days: 21, unit: 'days', from: 'service',
    source: '21 days beginning with service for a PCN served by post (SI 2007/3483 Sch. para. 1(c)(ii); SI 2022/71 reg. 10(2)(a))',
  },
  'discount-affixed': {
    days: 14, unit: 'days', from: 'service',
    source: '14 days for a PCN fixed to the vehicle (SI 2007/3483 Sch. para. 1(c)(i))',
  },
  payment: {
    days: 28, unit: 'days', from: 'service',
    source: '28 days beginning with service (SI 2007/3483 Sch.; SI 2007/3482 reg. 3)',
  },
};

const LONDON_MOVING: PeriodSet = {
  ...SHARED_ENGLAND,
  service: {
    days: 28, unit: 'days', from: 'contravention',
    source: 'No PCN served more than 28 days after the contravention (LLA&TfL Act 2003 s. 6; LLA 1996 s. 4 for bus lanes)',
    verify: 'the bus lane provision in LLA 1996 and whether "after" counts the contravention day',
  },
  discount: {
    days: 14, unit: 'days', from: 'notice-date',
    source: 'Half within 14 days beginning with the date of the notice (LLA 1996 Sch. 1; London Tribunals published process)',
  },
  payment: {
    days: 28, unit: 'days', from: 'notice-date',
    source: 'Pay or represent within 28 days beginning with the date of the notice (LLA 1996; LLA&TfL Act 2003 Sch. 1)',
  },
  'enforcement-notice': {
    days: 28, unit: 'days', from: 'enforcement-notice-service',
    source: 'Enforcement notice, then charge certificate if unpaid 28 days after it is served (LLA 1996 Sch. 1 paras 1-6; LLA&TfL Act 2003 Sch. 1)',
    verify: 'the 28-day period after an enforcement notice and its basis (service vs date of notice)',
  },
};

const LONDON_PARKING: PeriodSet = {
  ...SHARED_ENGLAND,
  service: {
    days: 14, unit: 'days', from: 'contravention',
    source: 'CCTV parking PCN served by post within 14 days (SI 2007/3483 reg. 10(4), applies in London)',
    verify: 'as for England parking',
  },
  discount: {
    days: 21, unit: 'days', from: 'notice-date',
    source: 'London: 21 days for CCTV parking PCNs sent by post (DOMAIN §3)',
    verify: 'whether London CCTV parking periods run from the date of notice or of service',
  },
  'discount-affixed': { days: 14, unit: 'days', from: 'service', source: '14 days for a PCN fixed to the vehicle (SI 2007/3483 Sch.)' },
  payment: {
    days: 28, unit: 'days', from: 'notice-date',
    source: 'London: 28 days beginning with the date of the notice (DOMAIN §3)',
    verify: 'basis for CCTV parking (date of notice vs service)',
  },
};

// VERIFY: Wales has its own regulations (DOMAIN §1); these mirror England's
// periods except the discount window, until checked against the Welsh SIs.
const WALES_CAMERA: PeriodSet = {
  ...ENGLAND_CAMERA,
  service: { ...ENGLAND_CAMERA.service!, source: 'Welsh bus lane / moving traffic regulations (mirrors SI 2022/71 reg. 10(5))', verify: 'Welsh regulations' },
  discount: { days: 14, unit: 'days', from: 'service', source: 'Welsh regulations; Cardiff published process', verify: 'the Welsh discount window (DOMAIN §3)' },
};
const WALES_PARKING: PeriodSet = { ...ENGLAND_PARKING, service: { ...ENGLAND_PARKING.service!, verify: 'Welsh parking regulations' } };

export const STATUTORY_PERIODS: PeriodTable = {
  england: { 'bus-lane': ENGLAND_CAMERA, 'moving-traffic': ENGLAND_CAMERA, parking: ENGLAND_PARKING },
  london: { 'bus-lane': LONDON_MOVING, 'moving-traffic': LONDON_MOVING, parking: LONDON_PARKING },
  wales: { 'bus-lane': WALES_CAMERA, 'moving-traffic': WALES_CAMERA, parking: WALES_PARKING },
};

export function periodRule(area: EnforcementArea, kind: EnforcementKind, id: PeriodId, table: PeriodTable = STATUTORY_PERIODS): PeriodRule | undefined {
  return table[area][kind][id];
}
