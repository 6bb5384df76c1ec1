import type { EnforcementArea } from './areas.js';
import type { ChargeLevel } from './contravention-codes.js';
import type { EnforcementKind } from './restriction-types.js';
import { STATUTORY_PERIODS, type PeriodBasis, type PeriodTable } from './statutory-periods.js';
import type { IsoDate } from './uk-time.js';

/**
 * Penalty charges, as data (DOMAIN §3). Every figure names its source; the
 * ones DOMAIN marks (verify) say so. A council replaces a row (or passes its
 * own table) rather than editing code — London's April 2025 rise started on
 * different dates in different boroughs, so `withEffectiveFrom` moves it.
 *
 * Amounts are in pence. Discount *periods* (and their basis: the date of
 * service in England and Wales, the date of the notice in London) live with
 * every other period in statutory-periods.ts, so there is one table of days.
 */
export type ChargeBand = 'band-1' | 'band-2' | 'band-a' | 'band-b';
/** How the PCN reached the keeper: by post (camera) or fixed to the vehicle. */
export type ServiceMethod = 'post' | 'affixed';

export interface ChargeRow {
  area: EnforcementArea;
  kind: EnforcementKind;
  /** Parking only. */
  band?: ChargeBand;
  /** Parking only; 'none' for bus lane and moving traffic. */
  level: ChargeLevel;
  amountPence: number;
  discountPercent: number;
  /** Increase when a charge certificate is served. */
  chargeCertificateIncreasePercent: number;
  effectiveFrom: IsoDate;
  /** Exclusive end; omitted while current. */
  effectiveTo?: IsoDate;
  source: string;
  verify?: string;
}

const LONDON_2025: IsoDate = '2025-04-01';

export const CHARGES: readonly ChargeRow[] = [
  // ── England outside London ─────────────────────────────────────────────
  {
    area: 'england', kind: 'bus-lane', level: 'none', amountPence: 7000, discountPercent: 50, chargeCertificateIncreasePercent: 50,
    effectiveFrom: '2022-05-31',
    source: 'SI 2022/71 Sch. 3 (Charging guidelines) and councils\' published figures (South Gloucestershire, Kent 2023); discount to the applicable date, reg. 2 / reg. 10(2)(a)',
    verify: '£70/£35 are councils\' published figures, not read from the Schedule',
  },
  {
    area: 'england', kind: 'moving-traffic', level: 'none', amountPence: 7000, discountPercent: 50, chargeCertificateIncreasePercent: 50,
    effectiveFrom: '2022-05-31',
    source: 'SI 2022/71 Sch. 3 and councils\' published figures (South Gloucestershire, Kent 2023); applicable date reg. 2 / reg. 10(2)(a)',
    verify: '£70/£35 are councils\' published figures, not read from the Schedule',
  },
  // England parking, SI 2007/3487 (Guidelines on Levels of Charges) bands; discount 50 % (SI 2007/3483 Sch. para. 1),
    ...(
    [
      ['band-1', 'higher', 6000],
      ['band-1', 'lower', 4000],
      ['band-2', 'higher', 7000],
      ['band-2', 'lower', 5000],
    ] as const
  ).map(
    ([band, level, amountPence]): ChargeRow => ({
      area: 'england', kind: 'parking', band, level, amountPence, discountPercent: 50, chargeCertificateIncreasePercent: 50,
      effectiveFrom: '2008-03-31',
      source: 'SI 2007/3487 (Guidelines on Levels of Charges) Sch.; discount periods SI 2007/3483 Sch. paras 1-2',
      verify: 'band figures from DOMAIN §3',
    }),
  ),
  // ── London (London Councils / TfL, by band) ──────────────────────────────
  ...londonRows('2011-07-01', LONDON_2025, { a: [13000, 8000], b: [11000, 6000], movingTraffic: 13000 }),
  ...londonRows(LONDON_2025, undefined, { a: [16000, 11000], b: [14000, 9000], movingTraffic: 16000 }),
  // ── Wales ───────────────────────────────────────────────────────────────
  {
    area: 'wales', kind: 'bus-lane', level: 'none', amountPence: 7000, discountPercent: 50,
    // VERIFY: the Welsh regulations' figures (DOMAIN §1, §3); Cardiff's published £70/£35.
    chargeCertificateIncreasePercent: 50,
    effectiveFrom: '2013-01-01',
    source: 'Welsh bus lane and moving traffic regulations; Cardiff published charges (£70, £35 discounted)',
    verify: 'Welsh regulations and the discount window (DOMAIN §1, §3)',
  },
  {
    area: 'wales', kind: 'moving-traffic', level: 'none', amountPence: 7000, discountPercent: 50,
    // VERIFY: as above.
    chargeCertificateIncreasePercent: 50,
    effectiveFrom: '2013-01-01',
    source: 'Welsh moving traffic regulations; Cardiff published charges (£70, £35 discounted)',
    verify: 'Welsh regulations and the discount window (DOMAIN §1, §3)',
  },
];

function londonRows(
  from: IsoDate,
  to: IsoDate | undefined,
  f: { a: readonly [number, number]; b: readonly [number, number]; movingTraffic: number },
): ChargeRow[] {
  const source =
    to === undefined
      ? 'London Councils Transport and Environment Committee charge levels from April 2025 (start date varies by borough); LLA 1996 s.4 (bus lanes), LLA&TfL Act 2003 s.4 (moving traffic)'
      : 'London Councils charge levels from 2011; LLA 1996 s.4, LLA&TfL Act 2003 s.4';
  const verify = 'DOMAIN §3 figures; the borough\'s own start date for the 2025 levels';
  const base = {
    area: 'london' as const, discountPercent: 50, chargeCertificateIncreasePercent: 50,
    effectiveFrom: from, ...(to ? { effectiveTo: to } : {}), source, verify,
  };
  return [
    { ...base, kind: 'bus-lane', level: 'none', amountPence: f.movingTraffic },
    { ...base, kind: 'moving-traffic', level: 'none', amountPence: f.movingTraffic },
    { ...base, kind: 'parking', band: 'band-a', level: 'higher', amountPence: f.a[0] },
    { ...base, kind: 'parking', band: 'band-a', level: 'lower', amountPence: f.a[1] },
    { ...base, kind: 'parking', band: 'band-b', level: 'higher', amountPence: f.b[0] },
    { ...base, kind: 'parking', band: 'band-b', level: 'lower', amountPence: f.b[1] },
  ];
}

/** A copy of the table with the current London rows starting on a borough's own date. */
export function withLondonEffectiveFrom(date: IsoDate, table: readonly ChargeRow[] = CHARGES): ChargeRow[] {
  return table.map((r) => {
    if (r.area !== 'london') return r;
    if (r.effectiveFrom === LONDON_2025) return { ...r, effectiveFrom: date };
    if (r.effectiveTo === LONDON_2025) return { ...r, effectiveTo: date };
    return r;
  });
}

export interface ChargeQuery {
  area: EnforcementArea;
  kind: EnforcementKind;
  /** Parking only. */
  band?: ChargeBand;
  level?: ChargeLevel;
  /** UK date of the contravention: the charge in force then applies. */
  onDate: IsoDate;
  service?: ServiceMethod;
}

export interface Charge {
  amountPence: number;
  discountedPence: number;
  discountPercent: number;
  discountDays: number;
  discountBasis: PeriodBasis;
  discountSource: string;
  chargeCertificatePence: number;
  source: string;
  verify?: string;
}

/** Rounded to whole pence, halves up. */
function percentOf(pence: number, percent: number): number {
  return Math.round((pence * percent) / 100);
}

/** The charge for a contravention, or null when the table has no row for it. */
export function findCharge(q: ChargeQuery, table: readonly ChargeRow[] = CHARGES, periods: PeriodTable = STATUTORY_PERIODS): Charge | null {
  const level = q.kind === 'parking' ? q.level : 'none';
  const r = table.find(
    (x) =>
      x.area === q.area &&
      x.kind === q.kind &&
      x.level === level &&
      (q.kind !== 'parking' || x.band === q.band) &&
      x.effectiveFrom <= q.onDate &&
      (x.effectiveTo === undefined || q.onDate < x.effectiveTo),
  );
  if (!r) return null;
  const discount = periods[q.area][q.kind][q.service === 'affixed' ? 'discount-affixed' : 'discount'];
  if (!discount) return null;
  return {
    amountPence: r.amountPence,
    discountedPence: r.amountPence - percentOf(r.amountPence, r.discountPercent),
    discountPercent: r.discountPercent,
    discountDays: discount.days,
    discountBasis: discount.from,
    discountSource: discount.source,
    chargeCertificatePence: r.amountPence + percentOf(r.amountPence, r.chargeCertificateIncreasePercent),
    source: r.source,
    ...(r.verify || discount.verify ? { verify: [r.verify, discount.verify].filter(Boolean).join('; ') } : {}),
  };
}
