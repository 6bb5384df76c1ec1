import { bankHolidayName, type ExtraHoliday, type UkRegion } from './bank-holidays.js';
import { formatMinutes, formatWindow, parseSchedule, type Schedule, type TimeWindow, type Weekday } from './schedule-parse.js';
import { addDays, ukDateTime, ukZoneName, WEEKDAY_NAMES, type IsoDate } from './uk-time.js';

/**
 * Whether a restriction is in force at an instant.
 *
 * Signs give UK local wall-clock times, so the instant is turned into
 * Europe/London local time first: a 7am start on a clock-change day is 7am by
 * the clock on the street, whatever its UTC offset. Bank holidays are those of
 * the region the restriction is in, plus the council's one-off list.
 */
export interface InForceOptions {
  region?: UkRegion;
  /** Council-edited one-off holidays (YYYY-MM-DD or {date, name}). */
  extraHolidays?: readonly (ExtraHoliday | IsoDate)[];
  /** Dates the council says are not holidays despite the rules. */
  notHolidays?: readonly IsoDate[];
}

export interface InForceResult {
  inForce: boolean;
  why: string;
}

function dayList(days: readonly Weekday[]): string {
  return days.map((d) => WEEKDAY_NAMES[d - 1]!.slice(0, 3)).join(', ');
}

function windowsText(ws: readonly TimeWindow[]): string {
  const parts = ws.map(formatWindow);
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function isInForce(schedule: Schedule | string, atUtcMs: number, options: InForceOptions = {}): InForceResult {
  const s = typeof schedule === 'string' ? parseSchedule(schedule) : schedule;
  const region = options.region ?? 'england-and-wales';
  const local = ukDateTime(atUtcMs);
  const date = local.toISODate()!;
  const weekday = local.weekday as Weekday;
  const minute = local.hour * 60 + local.minute;
  const when = `${WEEKDAY_NAMES[weekday - 1]} ${date} ${formatMinutes(minute)} ${ukZoneName(atUtcMs)}`;
  const holidayOn = (d: IsoDate) =>
    s.exceptBankHolidays ? bankHolidayName(d, { region, extra: options.extraHolidays, exclude: options.notHolidays }) : null;

  if (s.anyTime) {
    const hol = holidayOn(date);
    if (hol) return { inForce: false, why: `${s.text.trim()}: ${when} is a bank holiday in ${region} (${hol}) and the restriction does not apply on bank holidays` };
    return { inForce: true, why: `${s.text.trim()}: in force at all times, including ${when}` };
  }

  const reasons: string[] = [];
  let holidayReason: string | null = null;
  for (const rule of s.rules) {
    for (const w of rule.windows) {
      const wraps = w.endMin <= w.startMin;
      // The window opening today, and one that opened yesterday and runs past midnight.
      const candidates: { day: Weekday; dayDate: IsoDate; hit: boolean }[] = [
        { day: weekday, dayDate: date, hit: wraps ? minute >= w.startMin : minute >= w.startMin && minute < w.endMin },
      ];
      if (wraps) candidates.push({ day: (((weekday + 5) % 7) + 1) as Weekday, dayDate: addDays(date, -1), hit: minute < w.endMin });
      for (const c of candidates) {
        if (!c.hit || !rule.days.includes(c.day)) continue;
        const hol = holidayOn(c.dayDate);
        if (hol) {
          holidayReason = `${rule.label}: ${c.dayDate} is a bank holiday in ${region} (${hol}) and the restriction does not apply on bank holidays`;
          continue;
        }
        const sameDay = c.dayDate === date ? '' : ` (the window began on ${WEEKDAY_NAMES[c.day - 1]})`;
        return { inForce: true, why: `${rule.label}: ${when} is within ${formatWindow(w)}${sameDay}` };
      }
    }
    if (!rule.days.includes(weekday) && !rule.windows.some((w) => w.endMin <= w.startMin)) {
      reasons.push(`${rule.label}: ${WEEKDAY_NAMES[weekday - 1]} is not one of ${dayList(rule.days)}`);
    } else {
      reasons.push(`${rule.label}: ${when} is outside ${windowsText(rule.windows)}`);
    }
  }
  if (holidayReason) return { inForce: false, why: holidayReason };
  return { inForce: false, why: reasons.join('; ') };
}
