import { bankHolidayName, type BankHolidayOptions } from './bank-holidays.js';
import { addDays, isoWeekday, type IsoDate } from './uk-time.js';

/**
 * Working days for service of notices: every day except Saturdays, Sundays and
 * bank holidays in England and Wales (the definition of "working day" in
 * SI 2022/71 reg. 2 and SI 2007/3483 reg. 2). England and Wales share one bank
 * holiday list, so the default region is england-and-wales.
 */
export function isWorkingDay(date: IsoDate, options: BankHolidayOptions = {}): boolean {
  const wd = isoWeekday(date);
  if (wd === 6 || wd === 7) return false;
  return bankHolidayName(date, { region: 'england-and-wales', ...options }) === null;
}

/**
 * The `n`th working day *after* `date` (the date itself is not counted): a
 * letter posted on `date` is taken as served on `addWorkingDays(date, 2)`.
 */
export function addWorkingDays(date: IsoDate, n: number, options: BankHolidayOptions = {}): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, options)) left--;
  }
  return d;
}

/**
 * The latest date on which posting a letter still has it served (second
 * working day after posting) on or before `deadline`.
 */
export function latestPostingDateFor(deadline: IsoDate, workingDaysToServe: number, options: BankHolidayOptions = {}): IsoDate {
  // Walk back from the deadline; at most a few weeks even over Christmas.
  let d = deadline;
  for (let i = 0; i < 60; i++) {
    if (addWorkingDays(d, workingDaysToServe, options) <= deadline) return d;
    d = addDays(d, -1);
  }
  throw new RangeError(`no posting date found for deadline ${deadline}`);
}
