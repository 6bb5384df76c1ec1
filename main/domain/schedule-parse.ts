/**
 * Parsing the times printed on a restriction's sign (or written in its
 * traffic order) into a schedule: which days, which times of day, and whether
 * bank holidays are excepted.
 *
 * Accepted, as signs write them (case-insensitive):
 *   "At any time"                       "Mon-Sun 24 hours"
 *   "Mon-Fri 7-10am 4-7pm"              "Mon-Fri 7.00am-10.00am"
 *   "Mon-Sat 7am-7pm except bank holidays"
 *   "8.15-9.15am 2.45-3.45pm Mon-Fri"   (school streets: times first)
 *   "Mon-Fri 7am-7pm Sat 8am-6.30pm"    "Sat 8am-6.30pm"
 *   "Mon, Wed & Fri 10pm-6am"           (a window past midnight belongs to its start day)
 * Times without am/pm are read as a 24-hour clock ("07:00-19:00").
 *
 * Two styles, fixed by what comes first: days then their times (a days group
 * with no times is all day), or times then the days they apply to. A parse
 * error names what was wrong and the column (1-based) where.
 */

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface TimeWindow {
  /** Minutes after local midnight, 0–1439. */
  startMin: number;
  /** Minutes after local midnight, 1–1440; ≤ startMin means it runs past midnight. */
  endMin: number;
}

export interface ScheduleRule {
  days: Weekday[];
  windows: TimeWindow[];
  /** The words of the sign this rule came from, for explanations. */
  label: string;
}

export interface Schedule {
  text: string;
  anyTime: boolean;
  rules: ScheduleRule[];
  exceptBankHolidays: boolean;
}

export class ScheduleParseError extends Error {
  constructor(
    readonly reason: string,
    readonly column: number,
    readonly text: string,
  ) {
    super(`cannot read schedule "${text}" at column ${column}: ${reason}`);
    this.name = 'ScheduleParseError';
  }
}

export const ALL_DAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
export const ALL_DAY: TimeWindow = { startMin: 0, endMin: 1440 };

const DAY_WORDS: Record<string, Weekday> = {
  mon: 1, monday: 1,
  tue: 2, tues: 2, tuesday: 2,
  wed: 3, weds: 3, wednesday: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4,
  fri: 5, friday: 5,
  sat: 6, saturday: 6,
  sun: 7, sunday: 7,
};

type Token =
  | { t: 'word'; v: string; col: number; end: number }
  | { t: 'num'; h: number; m: number | null; raw: string; mer: 'am' | 'pm' | null; col: number; end: number }
  | { t: 'dash'; col: number; end: number }
  | { t: 'sep'; col: number; end: number };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const s = text.toLowerCase();
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const col = i + 1;
    if (/\d/.test(c)) {
      const m = /^(\d{1,2})(?:[.:](\d{2}))?(?!\d)|^(\d{2})(\d{2})(?!\d)/.exec(s.slice(i));
      if (!m) throw new ScheduleParseError(`"${text.slice(i).split(/\s/)[0]}" is not a time`, col, text);
      const h = Number(m[1] ?? m[3]);
      const mins = m[2] ?? m[4];
      i += m[0].length;
      const mer = /^\s*(a\.?m\.?|p\.?m\.?)(?![a-z])/.exec(s.slice(i));
      let meridiem: 'am' | 'pm' | null = null;
      if (mer) {
        meridiem = mer[1]!.startsWith('a') ? 'am' : 'pm';
        i += mer[0].length;
      }
      out.push({ t: 'num', h, m: mins === undefined ? null : Number(mins), raw: text.slice(col - 1, i).trim(), mer: meridiem, col, end: i });
      continue;
    }
    if (/[a-z]/.test(c)) {
      const m = /^[a-z]+/.exec(s.slice(i))!;
      i += m[0].length;
      // "hrs." and "thurs." abbreviations: swallow the dot.
      if (s[i] === '.') i++;
      out.push({ t: 'word', v: m[0], col, end: i });
      continue;
    }
    if (c === '-' || c === '\u2013' || c === '\u2014') {
      i++;
      out.push({ t: 'dash', col, end: i });
      continue;
    }
    if (c === ',' || c === '&' || c === ';' || c === '/' || c === '+') {
      i++;
      out.push({ t: 'sep', col, end: i });
      continue;
    }
    throw new ScheduleParseError(`unexpected character "${text[i]}"`, col, text);
  }
  return out;
}

type Item =
  | { k: 'days'; days: Weekday[]; col: number; end: number }
  | { k: 'time'; w: TimeWindow; col: number; end: number }
  | { k: 'anytime'; col: number; end: number }
  | { k: 'except-bh'; col: number; end: number };

const EXPECTED = 'expected days (Mon-Fri), times (7-10am), "at any time", "24 hours" or "except bank holidays"';

function toMinutes(tok: Extract<Token, { t: 'num' }>, mer: 'am' | 'pm' | null, text: string): number {
  const minutes = tok.m ?? 0;
  if (minutes > 59) throw new ScheduleParseError(`"${tok.raw}" has more than 59 minutes`, tok.col, text);
  if (mer) {
    if (tok.h < 1 || tok.h > 12) throw new ScheduleParseError(`"${tok.raw}" is not a 12-hour clock time`, tok.col, text);
    const h = (tok.h % 12) + (mer === 'pm' ? 12 : 0);
    return h * 60 + minutes;
  }
  if (tok.h > 24 || (tok.h === 24 && minutes > 0)) throw new ScheduleParseError(`"${tok.raw}" is not a time of day`, tok.col, text);
  return tok.h * 60 + minutes;
}

export function parseSchedule(text: string): Schedule {
  const tokens = tokenize(text);
  const items: Item[] = [];
  let i = 0;
  const peek = (o = 0) => tokens[i + o];
  const word = (o = 0) => {
    const t = peek(o);
    return t?.t === 'word' ? t.v : undefined;
  };
  const fail = (reason: string, at?: Token): never => {
    throw new ScheduleParseError(reason, at ? at.col : text.length + 1, text);
  };

  const readDay = (): Weekday => {
    const t = peek();
    const d = t?.t === 'word' ? DAY_WORDS[t.v] : undefined;
    if (d === undefined) return fail(t ? `"${text.slice(t.col - 1, t.end)}" is not a day` : 'expected a day after this', t);
    i++;
    return d;
  };

  const readTime = (): Extract<Token, { t: 'num' }> | 'noon' | 'midnight' => {
    const t = peek();
    if (t?.t === 'num') {
      i++;
      return t;
    }
    if (t?.t === 'word' && (t.v === 'noon' || t.v === 'midday' || t.v === 'midnight')) {
      i++;
      return t.v === 'midnight' ? 'midnight' : 'noon';
    }
    return fail(t ? `expected a time, found "${text.slice(t.col - 1, t.end)}"` : 'expected a time after this', t);
  };

  while (i < tokens.length) {
    const t = peek()!;
    if (t.t === 'sep' || (t.t === 'word' && (t.v === 'and' || t.v === 'only' || t.v === 'on'))) {
      i++;
      continue;
    }
    const w = word();
    // "At any time", "any time", "anytime"
    if (w === 'at' && word(1) === 'any' && word(2) === 'time') {
      items.push({ k: 'anytime', col: t.col, end: peek(2)!.end });
      i += 3;
      continue;
    }
    if ((w === 'any' && word(1) === 'time') || w === 'anytime') {
      const n = w === 'anytime' ? 1 : 2;
      items.push({ k: 'anytime', col: t.col, end: peek(n - 1)!.end });
      i += n;
      continue;
    }
    // "except bank holidays", "excluding public holidays", "not bank hols", "bank holidays excepted"
    if (w === 'except' || w === 'excluding' || w === 'excl' || w === 'not') {
      const kind = word(1);
      const hol = word(2);
      if ((kind === 'bank' || kind === 'public') && hol !== undefined && /^hol/.test(hol)) {
        items.push({ k: 'except-bh', col: t.col, end: peek(2)!.end });
        i += 3;
        continue;
      }
      return fail(`"${w}" must be followed by "bank holidays" (no other exception is understood)`, t);
    }
    if (w === 'daily' || (w === 'every' && word(1) === 'day') || (w === 'all' && word(1) === 'days')) {
      const n = w === 'daily' ? 1 : 2;
      items.push({ k: 'days', days: [...ALL_DAYS], col: t.col, end: peek(n - 1)!.end });
      i += n;
      continue;
    }
    if (w !== undefined && DAY_WORDS[w] !== undefined) {
      const set = new Set<Weekday>();
      let end = t.end;
      for (;;) {
        const from = readDay();
        end = tokens[i - 1]!.end;
        if (peek()?.t === 'dash' || word() === 'to') {
          i++;
          const to = readDay();
          end = tokens[i - 1]!.end;
          for (let d = from; ; d = ((d % 7) + 1) as Weekday) {
            set.add(d);
            if (d === to) break;
          }
        } else {
          set.add(from);
        }
        // Another day after a separator continues the list ("Mon, Wed & Fri").
        const sepThenDay = (peek()?.t === 'sep' || word() === 'and') && DAY_WORDS[word(1) ?? ''] !== undefined;
        if (sepThenDay) {
          i++;
          continue;
        }
        if (DAY_WORDS[word() ?? ''] !== undefined) continue;
        break;
      }
      items.push({ k: 'days', days: [...set].sort(), col: t.col, end });
      continue;
    }
    // "24 hours", "24 hrs", "24hrs"
    if (t.t === 'num' && t.h === 24 && t.m === null && !t.mer && /^(hours?|hrs?)$/.test(word(1) ?? '')) {
      items.push({ k: 'time', w: { ...ALL_DAY }, col: t.col, end: peek(1)!.end });
      i += 2;
      continue;
    }
    if (t.t === 'num' || w === 'noon' || w === 'midday' || w === 'midnight') {
      const a = readTime();
      if (!(peek()?.t === 'dash' || word() === 'to')) {
        return fail('a time must be part of a range such as 7-10am', peek() ?? t);
      }
      i++;
      const b = readTime();
      const aMer = typeof a === 'string' ? null : a.mer;
      const bMer = typeof b === 'string' ? null : b.mer;
      // Check the start before the end so an error points at the first bad time.
      let startMin: number | undefined;
      if (a === 'midnight') startMin = 0;
      else if (a === 'noon') startMin = 720;
      else if (aMer || !bMer) startMin = toMinutes(a, aMer, text);
      const endMin = b === 'midnight' ? 1440 : b === 'noon' ? 720 : toMinutes(b, bMer, text);
      if (startMin === undefined && typeof a !== 'string') {
        // "7-10am", "4-7pm": the start takes the end's am/pm, unless that puts
        // it after the end ("11-1pm" is 11am to 1pm).
        startMin = toMinutes(a, bMer, text);
        if (startMin >= endMin && bMer === 'pm') startMin = toMinutes(a, 'am', text);
      }
      if (startMin === undefined) return fail('unreadable time range', t);
      if (startMin === endMin) return fail('a time range must not start and end at the same time', t);
      items.push({ k: 'time', w: { startMin: startMin % 1440, endMin: endMin === 0 ? 1440 : endMin }, col: t.col, end: tokens[i - 1]!.end });
      continue;
    }
    return fail(`"${text.slice(t.col - 1, t.end)}" is not understood; ${EXPECTED}`, t);
  }

  const exceptBankHolidays = items.some((x) => x.k === 'except-bh');
  const main = items.filter((x) => x.k !== 'except-bh');
  if (main.length === 0) return fail(`nothing to read; ${EXPECTED}`);
  const anyTime = main.find((x) => x.k === 'anytime');
  if (anyTime) {
    const other = main.find((x) => x.k !== 'anytime');
    if (other) return fail('"at any time" cannot be combined with other days or times', { t: 'sep', col: other.col, end: other.end });
    return { text, anyTime: true, rules: [{ days: [...ALL_DAYS], windows: [{ ...ALL_DAY }], label: text.trim() }], exceptBankHolidays };
  }

  const rules: ScheduleRule[] = [];
  const label = (from: number, to: number) => text.slice(from - 1, to).trim();
  if (main[0]!.k === 'days') {
    // Days then times: each days group owns the times that follow it.
    let cur: { days: Weekday[]; windows: TimeWindow[]; col: number; end: number } | null = null;
    for (const it of main) {
      if (it.k === 'days') {
        if (cur) rules.push({ days: cur.days, windows: cur.windows.length ? cur.windows : [{ ...ALL_DAY }], label: label(cur.col, cur.end) });
        cur = { days: it.days, windows: [], col: it.col, end: it.end };
      } else if (it.k === 'time') {
        cur!.windows.push(it.w);
        cur!.end = it.end;
      }
    }
    if (cur) rules.push({ days: cur.days, windows: cur.windows.length ? cur.windows : [{ ...ALL_DAY }], label: label(cur.col, cur.end) });
  } else {
    // Times then days ("8.15-9.15am 2.45-3.45pm Mon-Fri"): times wait for their days.
    let pending: TimeWindow[] = [];
    let col = main[0]!.col;
    for (const it of main) {
      if (it.k === 'time') {
        if (pending.length === 0) col = it.col;
        pending.push(it.w);
      } else if (it.k === 'days') {
        if (pending.length === 0) {
          return fail('these days have no times: in a sign that starts with times, each group of times is followed by its days', { t: 'sep', col: it.col, end: it.end });
        }
        rules.push({ days: it.days, windows: pending, label: label(col, it.end) });
        pending = [];
      }
    }
    if (pending.length) {
      // Times with no days at all mean every day; trailing times after a days group are ambiguous.
      if (rules.length) return fail('these times have no days after them', { t: 'sep', col, end: col });
      rules.push({ days: [...ALL_DAYS], windows: pending, label: label(col, main[main.length - 1]!.end) });
    }
  }
  return { text, anyTime: false, rules, exceptBankHolidays };
}

/** Parse without throwing: the error's reason and column instead. */
export function tryParseSchedule(
  text: string,
): { ok: true; schedule: Schedule } | { ok: false; error: { message: string; reason: string; column: number } } {
  try {
    return { ok: true, schedule: parseSchedule(text) };
  } catch (e) {
    if (e instanceof ScheduleParseError) return { ok: false, error: { message: e.message, reason: e.reason, column: e.column } };
    throw e;
  }
}

/** "07:00" from minutes after midnight ("24:00" for the end of the day). */
export function formatMinutes(min: number): string {
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}

export function formatWindow(w: TimeWindow): string {
  return `${formatMinutes(w.startMin)}-${formatMinutes(w.endMin)}`;
}
