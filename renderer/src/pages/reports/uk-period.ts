import { parseUkLocal } from '../../lib/format-time';

/**
 * A report period is whole UK days, first to last inclusive: it runs from
 * midnight Europe/London at the start of the first day to midnight at the
 * end of the last (23 or 25 hours on clock-change days, never the desk's zone).
 */
export interface UkPeriod {
  /** "2026-03-01" */
  fromDate: string;
  /** "2026-03-31", inclusive. */
  toDate: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function shiftDate(date: string, days: number): string {
  const m = ISO_DATE.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

const ukDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in the UK, "YYYY-MM-DD". */
export function ukToday(now = Date.now()): string {
  return ukDay.format(new Date(now));
}

export function periodToRange(p: UkPeriod): { ok: true; from: number; to: number } | { ok: false; field: 'fromDate' | 'toDate'; message: string } {
  if (!ISO_DATE.test(p.fromDate)) return { ok: false, field: 'fromDate', message: 'Enter the first day of the period' };
  if (!ISO_DATE.test(p.toDate)) return { ok: false, field: 'toDate', message: 'Enter the last day of the period' };
  if (p.toDate < p.fromDate) return { ok: false, field: 'toDate', message: 'The last day cannot be before the first' };
  const from = parseUkLocal(`${p.fromDate}T00:00`);
  const to = parseUkLocal(`${shiftDate(p.toDate, 1)}T00:00`);
  if (from === undefined || to === undefined) return { ok: false, field: 'fromDate', message: 'Enter real dates' };
  return { ok: true, from, to };
}

export type Preset = 'last7' | 'last30' | 'lastMonth' | 'thisMonth';

export const presetLabels: Record<Preset, string> = { last7: 'Last 7 days', last30: 'Last 30 days', thisMonth: 'This month', lastMonth: 'Last month' };

/** The presets count today as the last day (a supervisor runs "last 7 days" to include this morning). */
export function presetPeriod(preset: Preset, now = Date.now()): UkPeriod {
  const today = ukToday(now);
  const monthStart = `${today.slice(0, 8)}01`;
  switch (preset) {
    case 'last7':
      return { fromDate: shiftDate(today, -6), toDate: today };
    case 'last30':
      return { fromDate: shiftDate(today, -29), toDate: today };
    case 'thisMonth':
      return { fromDate: monthStart, toDate: today };
    case 'lastMonth': {
      const lastDay = shiftDate(monthStart, -1);
      return { fromDate: `${lastDay.slice(0, 8)}01`, toDate: lastDay };
    }
  }
}

/**
 * Nothing can be measured after now: a period that runs on past it ends now,
 * or open defects would age, and enforcement be "lost", in the future.
 * null when the period has not started.
 */
export function endingByNow(r: { from: number; to: number }, now = Date.now()): { from: number; to: number } | null {
  if (r.from >= now) return null;
  return { from: r.from, to: Math.min(r.to, now) };
}
