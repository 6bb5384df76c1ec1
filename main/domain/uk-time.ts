import { DateTime } from 'luxon';

/**
 * UK local time and calendar-date arithmetic.
 *
 * Restrictions are signed, and statutory periods are counted, in UK local time
 * (Europe/London with its clock changes), never in the machine's zone: a
 * contravention at 23:30 UTC on a summer evening happened on the *next* UK
 * date, and "day 1" of a period is that UK date.
 *
 * Calendar dates are plain `YYYY-MM-DD` strings; arithmetic on them is done in
 * UTC so that a clock change can never add or lose a day.
 */
export const UK_ZONE = 'Europe/London';

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  return DateTime.fromISO(text, { zone: 'utc' }).isValid;
}

function toUtcDate(date: IsoDate): DateTime {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return DateTime.fromISO(date, { zone: 'utc' });
}

/** The UK local date (`YYYY-MM-DD`) of an instant given as UTC epoch ms. */
export function ukLocalDate(utcMs: number): IsoDate {
  return ukDateTime(utcMs).toISODate()!;
}

/** The instant as a luxon DateTime in Europe/London. */
export function ukDateTime(utcMs: number): DateTime {
  const dt = DateTime.fromMillis(utcMs, { zone: UK_ZONE });
  if (!dt.isValid) throw new RangeError(`not a valid instant: ${utcMs}`);
  return dt;
}

/** "GMT" or "BST": what a UK sign reader calls the zone at that instant. */
export function ukZoneName(utcMs: number): 'GMT' | 'BST' {
  return ukDateTime(utcMs).offset === 0 ? 'GMT' : 'BST';
}

/** The UTC epoch ms of a UK local wall-clock time (the earlier one if it repeats). */
export function ukLocalToUtcMs(date: IsoDate, hour = 0, minute = 0): number {
  const d = toUtcDate(date);
  return DateTime.fromObject({ year: d.year, month: d.month, day: d.day, hour, minute }, { zone: UK_ZONE }).toMillis();
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return toUtcDate(date).plus({ days }).toISODate()!;
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  return toUtcDate(date).weekday;
}

export function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[isoWeekday(date) - 1]!;
}

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round(toUtcDate(b).diff(toUtcDate(a), 'days').days);
}

/**
 * Last day of a period of `days` days *beginning with* `start`: the start day
 * is day 1 (the statutory wording in SI 2022/71 and SI 2022/576), so a 28-day
 * period beginning 1 March ends 28 March.
 */
export function lastDayOfPeriodBeginningWith(start: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`a period needs at least one day, got ${days}`);
  return addDays(start, days - 1);
}

/**
 * Last day of a period of `months` months beginning with `start`, by the
 * corresponding-date rule (Dodds v Walker [1981]): the period ends the day
 * before the corresponding date in the later month, or on that month's last
 * day when it has no corresponding date (six months from 31 August ends
 * 28/29 February, not 27/28).
 */
export function lastDayOfMonthsBeginningWith(start: IsoDate, months: number): IsoDate {
  const d = toUtcDate(start);
  const target = d.startOf('month').plus({ months });
  if (d.day > target.daysInMonth!) return target.endOf('month').toISODate()!;
  return target.set({ day: d.day }).minus({ days: 1 }).toISODate()!;
}

export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads an ISO 8601 instant as typed by a person: with "Z" or an offset it is
 * exact; without one it is UK local wall-clock time (what a sign or an
 * officer means). A date alone is UK local midnight. Returns UTC ms, or null
 * when it is not an ISO time.
 */
export function parseUkInstant(text: string): number | null {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(t)) return null;
  const dt = DateTime.fromISO(t.replace(' ', 'T'), { zone: UK_ZONE, setZone: false });
  return dt.isValid ? dt.toMillis() : null;
}
