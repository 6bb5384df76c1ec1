import Holidays from 'date-holidays';
import type { IsoDate } from './uk-time.js';

/**
 * UK bank holidays by region.
 *
 * The rules (including substitute days when a holiday falls at a weekend, and
 * one-off days such as coronations and state funerals) come from the
 * `date-holidays` package; only its `public` entries are bank holidays —
 * Mother's Day and the like are `observance` and ignored. England and Wales
 * share one list (Banking and Financial Dealings Act 1971, Sch. 1 para. 1).
 * A council can add one-off dates (a royal proclamation not yet in the
 * package) or remove a date the package has wrong, without a code change.
 */
export type UkRegion = 'england-and-wales' | 'scotland' | 'northern-ireland';

export const UK_REGIONS: readonly UkRegion[] = ['england-and-wales', 'scotland', 'northern-ireland'];

/** date-holidays' GB subdivision for each region (ENG and WLS give the same list). */
const REGION_TO_STATE: Record<UkRegion, string> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

export interface ExtraHoliday {
  date: IsoDate;
  name: string;
  /** Regions it applies to; all regions when omitted. */
  regions?: readonly UkRegion[];
}

export interface BankHolidayOptions {
  region?: UkRegion;
  /** Council-edited one-off holidays, added to the rules. */
  extra?: readonly (ExtraHoliday | IsoDate)[];
  /** Dates the council says are not bank holidays despite the rules. */
  exclude?: readonly IsoDate[];
}

const calendars = new Map<UkRegion, Holidays>();
const yearCache = new Map<string, ReadonlyMap<IsoDate, string>>();

function calendar(region: UkRegion): Holidays {
  let hd = calendars.get(region);
  if (!hd) {
    hd = new Holidays('GB', REGION_TO_STATE[region]);
    calendars.set(region, hd);
  }
  return hd;
}

/** The rule-based bank holidays of one year in one region: date → name. */
export function ruleBankHolidays(year: number, region: UkRegion = 'england-and-wales'): ReadonlyMap<IsoDate, string> {
  const key = `${region}:${year}`;
  let map = yearCache.get(key);
  if (!map) {
    const m = new Map<IsoDate, string>();
    for (const h of calendar(region).getHolidays(year)) {
      if (h.type !== 'public') continue;
      const date = h.date.slice(0, 10);
      // Two holidays on one date (rare): keep both names.
      m.set(date, m.has(date) ? `${m.get(date)}; ${h.name}` : h.name);
    }
    map = m;
    yearCache.set(key, map);
  }
  return map;
}

/** The bank holiday's name if `date` is one in the region, else null. */
export function bankHolidayName(date: IsoDate, options: BankHolidayOptions = {}): string | null {
  const region = options.region ?? 'england-and-wales';
  if (options.exclude?.includes(date)) return null;
  for (const e of options.extra ?? []) {
    if (typeof e === 'string') {
      if (e === date) return 'council-listed holiday';
    } else if (e.date === date && (!e.regions || e.regions.includes(region))) {
      return e.name;
    }
  }
  const year = Number(date.slice(0, 4));
  if (!Number.isInteger(year)) return null;
  return ruleBankHolidays(year, region).get(date) ?? null;
}

export function isBankHoliday(date: IsoDate, options: BankHolidayOptions = {}): boolean {
  return bankHolidayName(date, options) !== null;
}
