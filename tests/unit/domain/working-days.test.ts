import { describe, expect, it } from 'vitest';
import { bankHolidayName, isBankHoliday } from '../../../main/domain/bank-holidays.js';
import {
  lastDayOfMonthsBeginningWith,
  lastDayOfPeriodBeginningWith,
  parseUkInstant,
  ukLocalDate,
} from '../../../main/domain/uk-time.js';
import { addWorkingDays, isWorkingDay, latestPostingDateFor } from '../../../main/domain/working-days.js';

describe('ukLocalDate', () => {
  it.each([
    ['2024-06-11T23:30:00Z', '2024-06-12'], // BST: next local date
    ['2024-01-11T23:30:00Z', '2024-01-11'], // GMT: same date
    ['2024-03-30T23:30:00Z', '2024-03-30'], // night before spring forward (still GMT)
    ['2024-03-31T23:30:00Z', '2024-04-01'],
    ['2024-10-26T23:30:00Z', '2024-10-27'], // night before fall back (BST)
    ['2024-10-27T23:30:00Z', '2024-10-27'],
    ['2024-12-31T23:59:59Z', '2024-12-31'],
  ])('%s is UK date %s', (iso, date) => {
    expect(ukLocalDate(Date.parse(iso))).toBe(date);
  });
});

describe('parseUkInstant', () => {
  it.each([
    ['2024-06-11T08:15', '2024-06-11T07:15:00.000Z'], // no offset: UK local (BST)
    ['2024-01-11T08:15', '2024-01-11T08:15:00.000Z'], // no offset: UK local (GMT)
    ['2024-06-11T08:15:00Z', '2024-06-11T08:15:00.000Z'],
    ['2024-06-11T08:15:00+02:00', '2024-06-11T06:15:00.000Z'],
    ['2024-06-11 08:15', '2024-06-11T07:15:00.000Z'],
    ['2024-06-11', '2024-06-10T23:00:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(new Date(parseUkInstant(text)!).toISOString()).toBe(iso);
  });
  it.each(['yesterday', '2024-13-01T00:00', '11/06/2024', '2024-06-11T25:00', ''])('rejects %j', (text) => {
    expect(parseUkInstant(text)).toBeNull();
  });
});

describe('periods beginning with a date (day 1 is the date itself)', () => {
  it.each([
    ['2024-03-01', 28, '2024-03-28'],
    ['2024-06-12', 28, '2024-07-09'],
    ['2024-02-15', 21, '2024-03-06'], // leap year
    ['2023-02-15', 21, '2023-03-07'],
    ['2024-12-20', 14, '2025-01-02'],
    ['2024-03-31', 1, '2024-03-31'],
  ])('%s + %i days ends %s', (start, days, end) => {
    expect(lastDayOfPeriodBeginningWith(start, days)).toBe(end);
  });

  it.each([
    ['2024-01-15', 6, '2024-07-14'],
    ['2024-08-31', 6, '2025-02-28'], // no 31 February: the month's last day
    ['2023-08-31', 6, '2024-02-29'],
    ['2024-03-31', 6, '2024-09-30'], // no 31 September
    ['2024-03-30', 6, '2024-09-29'],
    ['2024-01-01', 6, '2024-06-30'],
  ])('%s + %i months ends %s (corresponding-date rule)', (start, months, end) => {
    expect(lastDayOfMonthsBeginningWith(start, months)).toBe(end);
  });
});

describe('bank holidays (England and Wales)', () => {
  it.each([
    ['2024-01-01', "New Year's Day"],
    ['2024-03-29', 'Good Friday'],
    ['2024-04-01', 'Easter Monday'],
    ['2024-12-25', 'Christmas Day'],
    ['2024-03-31', null], // Easter Sunday: not a bank holiday
    ['2024-03-10', null], // Mother's Day: an observance only
  ])('%s → %s', (date, name) => {
    expect(bankHolidayName(date)).toBe(name);
  });

  it.each([
    ['2022-01-03', true], // substitute for New Year's Day (Saturday)
    ['2022-06-02', true], // spring bank holiday moved for the Platinum Jubilee
    ['2022-06-03', true], // Platinum Jubilee
    ['2022-09-19', true], // State funeral of Queen Elizabeth II
    ['2023-05-08', true], // Coronation of King Charles III
    ['2020-05-08', true], // VE Day: early May moved to Friday
    ['2020-05-04', false], // ... so the first Monday was a working day
    ['2022-12-27', true], // substitute for Christmas Day (Sunday)
    ['2021-12-28', true], // substitute for Boxing Day (Sunday)
    ['2024-03-31', false],
    ['2024-01-02', false],
  ])('%s bank holiday: %s', (date, expected) => {
    expect(isBankHoliday(date)).toBe(expected);
  });

  it('Wales shares England\'s list; Scotland and Northern Ireland have their own', () => {
    expect(isBankHoliday('2024-01-02', { region: 'scotland' })).toBe(true);
    expect(isBankHoliday('2024-04-01', { region: 'scotland' })).toBe(false);
    expect(isBankHoliday('2024-07-12', { region: 'northern-ireland' })).toBe(true);
    expect(isBankHoliday('2024-11-29', { region: 'scotland' })).toBe(false); // St Andrew's Day 2024 fell on Saturday 30th
    expect(isBankHoliday('2024-12-02', { region: 'scotland' })).toBe(true); // ... substitute Monday
  });
});

describe('working days and deemed service (second working day after posting)', () => {
  it.each([
    ['2024-06-11', true], // Tuesday
    ['2024-06-15', false], // Saturday
    ['2024-06-16', false], // Sunday
    ['2024-05-27', false], // spring bank holiday
  ])('%s working day: %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it.each([
    ['2024-06-13', '2024-06-17'], // Thursday → Monday
    ['2024-06-14', '2024-06-18'], // Friday → Tuesday
    ['2024-06-15', '2024-06-18'], // Saturday → Tuesday
    ['2024-03-28', '2024-04-03'], // Maundy Thursday: Good Friday, weekend, Easter Monday skipped
    ['2022-12-23', '2022-12-29'], // Boxing Day and the substitute for Christmas Day skipped
    ['2020-12-24', '2020-12-30'], // Christmas Friday, weekend, substitute Boxing Day Monday
    ['2021-12-24', '2021-12-30'], // both Christmas substitutes (27th, 28th)
    ['2023-05-05', '2023-05-10'], // coronation Monday
    ['2024-12-31', '2025-01-03'], // New Year's Day
  ])('posted %s → served %s', (posted, served) => {
    expect(addWorkingDays(posted, 2)).toBe(served);
  });

  it('takes council one-off holidays', () => {
    expect(addWorkingDays('2024-06-13', 2, { extra: ['2024-06-14'] })).toBe('2024-06-18');
  });

  it.each([
    ['2024-07-08', '2024-07-04'], // Monday deadline: post by the Thursday before
    ['2024-07-10', '2024-07-08'], // Wednesday deadline: post by Monday
    ['2022-12-27', '2022-12-21'], // deadline on a substitute bank holiday
  ])('to be served by %s, post by %s', (deadline, postBy) => {
    expect(latestPostingDateFor(deadline, 2)).toBe(postBy);
  });
});
