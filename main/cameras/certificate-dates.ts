import { addDays, isIsoDate, ukLocalToUtcMs } from '../domain/uk-time.js';

/**
 * A certificate is valid for whole UK calendar days: from the start of its
 * first day to the end of its last, in Europe/London (whatever the clocks
 * did), so an event at 23:59 on the last day is covered.
 */
export function certificateWindow(validFrom: string, validTo: string): { validFrom: number; validTo: number } | { error: string; field: 'validFrom' | 'validTo' } {
  if (!isIsoDate(validFrom)) return { error: `"${validFrom}" is not a date (YYYY-MM-DD)`, field: 'validFrom' };
  if (!isIsoDate(validTo)) return { error: `"${validTo}" is not a date (YYYY-MM-DD)`, field: 'validTo' };
  if (validTo < validFrom) return { error: `the certificate ends (${validTo}) before it starts (${validFrom})`, field: 'validTo' };
  return { validFrom: ukLocalToUtcMs(validFrom), validTo: ukLocalToUtcMs(addDays(validTo, 1)) - 1 };
}

/** Days until the certificate ends (negative once it has), for the 30-day warning. */
export function daysUntil(validTo: number, now: number): number {
  return Math.floor((validTo - now) / 86_400_000);
}
