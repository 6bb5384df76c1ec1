import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInForce } from '../../../main/domain/schedule-in-force.js';
import { parseSchedule, ScheduleParseError, tryParseSchedule } from '../../../main/domain/schedule-parse.js';

const W = [1, 2, 3, 4, 5];
const h = (hh: number, mm = 0) => hh * 60 + mm;

describe('parseSchedule', () => {
  it.each([
    ['At any time', true, [[[1, 2, 3, 4, 5, 6, 7], [[0, 1440]]]], false],
    ['at any time', true, [[[1, 2, 3, 4, 5, 6, 7], [[0, 1440]]]], false],
    ['Mon-Fri 7-10am 4-7pm', false, [[W, [[h(7), h(10)], [h(16), h(19)]]]], false],
    ['Mon-Sat 7am-7pm except bank holidays', false, [[[1, 2, 3, 4, 5, 6], [[h(7), h(19)]]]], true],
    ['Mon-Fri 7.00am-10.00am', false, [[W, [[h(7), h(10)]]]], false],
    ['8.15-9.15am 2.45-3.45pm Mon-Fri', false, [[W, [[h(8, 15), h(9, 15)], [h(14, 45), h(15, 45)]]]], false],
    ['Mon-Sun 24 hours', false, [[[1, 2, 3, 4, 5, 6, 7], [[0, 1440]]]], false],
    ['Sat 8am-6.30pm', false, [[[6], [[h(8), h(18, 30)]]]], false],
    ['Mon-Fri 7am-7pm Sat 8am-1pm', false, [[W, [[h(7), h(19)]]], [[6], [[h(8), h(13)]]]], false],
    ['Monday - Friday 7am to 7pm', false, [[W, [[h(7), h(19)]]]], false],
    ['Mon, Wed & Fri 10am-noon', false, [[[1, 3, 5], [[h(10), h(12)]]]], false],
    ['11-1pm', false, [[[1, 2, 3, 4, 5, 6, 7], [[h(11), h(13)]]]], false],
    ['07:00-19:00', false, [[[1, 2, 3, 4, 5, 6, 7], [[h(7), h(19)]]]], false],
    ['Mon-Fri', false, [[W, [[0, 1440]]]], false],
    ['Fri-Mon 10pm-6am', false, [[[1, 5, 6, 7], [[h(22), h(6)]]]], false],
    ['Mon-Fri 7-10am, 4-7pm excluding public holidays', false, [[W, [[h(7), h(10)], [h(16), h(19)]]]], true],
  ])('%j', (text, anyTime, rules, exceptBH) => {
    const s = parseSchedule(text);
    expect(s.anyTime).toBe(anyTime);
    expect(s.exceptBankHolidays).toBe(exceptBH);
    expect(s.rules.map((r) => [r.days, r.windows.map((w) => [w.startMin, w.endMin])])).toEqual(rules);
  });

  it.each([
    ['', 1, /nothing to read/],
    ['Mon-Fri 7-10am xyz', 16, /"xyz" is not understood/],
    ['Mon-Fri 13-14pm', 12, /"14pm" is not a 12-hour clock time/],
    ['Mon-Fri 7-10am 4-7pm 25:00-26:00', 22, /not a time of day/],
    ['Mon-Fry 7am-7pm', 5, /"Fry" is not a day/],
    ['Mon-Fri 7am', 9, /part of a range/],
    ['At any time Mon-Fri', 13, /cannot be combined/],
    ['Mon-Fri 7am-7pm except Sundays', 17, /must be followed by "bank holidays"/],
    ['7-10am Mon-Fri 4-7pm', 16, /no days after them/],
    ['Mon-Fri 7.75am-9am', 9, /more than 59 minutes/],
    ['Mon-Fri 7am-7pm!', 16, /unexpected character "!"/],
  ])('rejects %j at column %i', (text, column, reason) => {
    const r = tryParseSchedule(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.column).toBe(column);
      expect(r.error.reason).toMatch(reason);
      expect(r.error.message).toContain(`column ${column}`);
    }
  });

  it('throws only ScheduleParseError, whatever the text', () => {
    const ch = fc.constantFrom(...'MonTueFriSat0123456789 -.:amp,&toexceptbankholidaysany'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 30 }), fc.array(ch, { maxLength: 30 }).map((a) => a.join(''))), (text) => {
        try {
          parseSchedule(text);
        } catch (e) {
          expect(e).toBeInstanceOf(ScheduleParseError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isInForce (UK local time)', () => {
  it.each([
    // Ordinary BST weekday: 07:15Z is 08:15 BST.
    ['Mon-Fri 7-10am', '2024-06-11T07:15:00Z', true],
    ['Mon-Fri 7-10am', '2024-06-11T09:15:00Z', false], // 10:15 BST
    ['Mon-Fri 7-10am', '2024-06-11T06:00:00Z', true], // 07:00 BST: start is inclusive
    ['Mon-Fri 7-10am', '2024-06-11T09:00:00Z', false], // 10:00 BST: end is exclusive
    ['Mon-Fri 7-10am 4-7pm', '2024-06-11T15:30:00Z', true], // 16:30 BST
    ['Mon-Fri 7-10am 4-7pm', '2024-06-15T07:15:00Z', false], // Saturday
    // GMT: 07:15Z is 07:15.
    ['Mon-Fri 7-10am', '2024-01-09T07:15:00Z', true],
    ['Mon-Fri 7-10am', '2024-01-09T06:59:00Z', false],
    // Spring forward, Sunday 31 March 2024 (01:00Z): 7am local is 06:00Z.
    ['Mon-Sun 7am-7pm', '2024-03-31T05:59:00Z', false],
    ['Mon-Sun 7am-7pm', '2024-03-31T06:00:00Z', true],
    ['Mon-Sun 7am-7pm', '2024-03-31T17:59:00Z', true],
    ['Mon-Sun 7am-7pm', '2024-03-31T18:00:00Z', false],
    ['Mon-Sun 7am-7pm', '2024-03-30T06:30:00Z', false], // Saturday before, still GMT
    // Fall back, Sunday 27 October 2024 (01:00Z): 7am local is 07:00Z again.
    ['Mon-Sun 7am-7pm', '2024-10-27T06:30:00Z', false],
    ['Mon-Sun 7am-7pm', '2024-10-27T07:00:00Z', true],
    ['Mon-Sun 7am-7pm', '2024-10-26T06:00:00Z', true], // Saturday before: 07:00 BST
    // 23:30 UTC on a summer Friday is 00:30 on Saturday in the UK.
    ['Mon-Fri 12am-6am', '2024-06-14T23:30:00Z', false],
    ['Sat 00:00-06:00', '2024-06-14T23:30:00Z', true],
    ['Mon-Fri 7pm-midnight', '2024-01-12T23:30:00Z', true], // winter: still Friday
    // Windows past midnight belong to the day they start.
    ['Fri 10pm-6am', '2024-01-13T03:00:00Z', true], // Saturday 03:00 GMT
    ['Fri 10pm-6am', '2024-01-12T03:00:00Z', false], // Friday 03:00: Thursday's window, not signed
    ['At any time', '2024-12-25T12:00:00Z', true],
    ['Mon-Sun 24 hours', '2024-12-25T12:00:00Z', true],
    ['8.15-9.15am 2.45-3.45pm Mon-Fri', '2024-06-12T13:50:00Z', true], // 14:50 BST
    ['8.15-9.15am 2.45-3.45pm Mon-Fri', '2024-06-12T12:50:00Z', false],
  ])('%j at %s → %s', (schedule, at, expected) => {
    expect(isInForce(schedule, Date.parse(at)).inForce).toBe(expected);
  });

  it.each([
    // Christmas 2022: 25th Sunday, 26th Boxing Day, 27th substitute for Christmas Day.
    ['2022-12-26T10:00:00Z', 'england-and-wales', false],
    ['2022-12-27T10:00:00Z', 'england-and-wales', false],
    ['2022-12-28T10:00:00Z', 'england-and-wales', true],
    // Christmas 2021: both days at the weekend; substitutes Mon 27 and Tue 28.
    ['2021-12-27T10:00:00Z', 'england-and-wales', false],
    ['2021-12-28T10:00:00Z', 'england-and-wales', false],
    ['2021-12-29T10:00:00Z', 'england-and-wales', true],
    // Easter 2024: Good Friday 29 March everywhere; Easter Monday 1 April not in Scotland.
    ['2024-03-29T10:00:00Z', 'england-and-wales', false],
    ['2024-03-29T10:00:00Z', 'scotland', false],
    ['2024-04-01T10:00:00Z', 'england-and-wales', false],
    ['2024-04-01T10:00:00Z', 'scotland', true],
    ['2024-04-01T10:00:00Z', 'northern-ireland', false],
    // 2 January is a holiday only in Scotland; St Patrick's Day only in Northern Ireland.
    ['2024-01-02T10:00:00Z', 'england-and-wales', true],
    ['2024-01-02T10:00:00Z', 'scotland', false],
    ['2025-03-17T10:00:00Z', 'northern-ireland', false],
    ['2025-03-17T10:00:00Z', 'england-and-wales', true],
    // One-off: the coronation, Monday 8 May 2023.
    ['2023-05-08T10:00:00Z', 'england-and-wales', false],
    // Summer bank holiday differs: first Monday of August in Scotland, last in England.
    ['2024-08-05T10:00:00Z', 'scotland', false],
    ['2024-08-26T10:00:00Z', 'scotland', true],
    ['2024-08-26T10:00:00Z', 'england-and-wales', false],
  ] as const)('"Mon-Sat 7am-7pm except bank holidays" at %s in %s → %s', (at, region, expected) => {
    expect(isInForce('Mon-Sat 7am-7pm except bank holidays', Date.parse(at), { region }).inForce).toBe(expected);
  });

  it('applies on a bank holiday when the sign does not except them', () => {
    expect(isInForce('Mon-Sat 7am-7pm', Date.parse('2022-12-27T10:00:00Z')).inForce).toBe(true);
  });

  it('honours the council\'s extra holidays and exclusions', () => {
    const at = Date.parse('2024-05-08T10:00:00Z');
    const s = 'Mon-Fri 7am-7pm except bank holidays';
    expect(isInForce(s, at).inForce).toBe(true);
    expect(isInForce(s, at, { extraHolidays: ['2024-05-08'] }).inForce).toBe(false);
    expect(isInForce(s, at, { extraHolidays: [{ date: '2024-05-08', name: 'Royal event', regions: ['scotland'] }] }).inForce).toBe(true);
    expect(isInForce(s, Date.parse('2024-05-06T10:00:00Z'), { notHolidays: ['2024-05-06'] }).inForce).toBe(true);
  });

  it.each([
    ['Mon-Fri 7-10am', '2024-06-11T07:15:00Z', 'Mon-Fri 7-10am: Tuesday 2024-06-11 08:15 BST is within 07:00-10:00'],
    ['Mon-Fri 7-10am 4-7pm', '2024-01-09T11:00:00Z', 'Mon-Fri 7-10am 4-7pm: Tuesday 2024-01-09 11:00 GMT is outside 07:00-10:00 and 16:00-19:00'],
    ['Mon-Fri 7-10am', '2024-06-15T07:15:00Z', 'Mon-Fri 7-10am: Saturday is not one of Mon, Tue, Wed, Thu, Fri'],
    [
      'Mon-Sat 7am-7pm except bank holidays',
      '2023-12-25T10:00:00Z',
      'Mon-Sat 7am-7pm: 2023-12-25 is a bank holiday in england-and-wales (Christmas Day) and the restriction does not apply on bank holidays',
    ],
  ])('explains %j at %s', (schedule, at, why) => {
    expect(isInForce(schedule, Date.parse(at)).why).toBe(why);
  });
});
