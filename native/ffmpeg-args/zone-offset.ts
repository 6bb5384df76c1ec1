/**
 * UTC offsets of an IANA zone, computed with Intl so burned-in times are
 * UK local time (Europe/London, GMT/BST) whatever zone the workstation is in,
 * and without asking ffmpeg's localtime (which on Windows cannot read IANA
 * zone names).
 */

/** Offset of `zone` from UTC at `utcMs`, in whole seconds (e.g. 3600 for BST). */
export function zoneOffsetSeconds(zone: string, utcMs: number): number {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const parts = Object.fromEntries(fmt.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year), Number(parts.month) - 1, Number(parts.day),
    Number(parts.hour), Number(parts.minute), Number(parts.second),
  );
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 1000);
}

/** Short zone name at `utcMs`, e.g. "GMT" or "BST" for Europe/London. */
export function zoneAbbreviation(zone: string, utcMs: number): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(new Date(utcMs))
    .find((p) => p.type === 'timeZoneName')?.value;
  return name ?? zone;
}

export interface ZoneSpan {
  /** Start of the span, UTC ms. */
  fromMs: number;
  offsetS: number;
  abbreviation: string;
}

/**
 * Spans of constant offset covering [startMs, endMs]: one span normally,
 * two when a clock change falls inside (found to the millisecond by bisection).
 */
export function zoneSpans(zone: string, startMs: number, endMs: number): ZoneSpan[] {
  const spans: ZoneSpan[] = [];
  let from = startMs;
  let offset = zoneOffsetSeconds(zone, from);
  spans.push({ fromMs: from, offsetS: offset, abbreviation: zoneAbbreviation(zone, from) });
  // A clip is minutes long; at most one change can fall inside, but loop to
  // be safe for longer spans.
  while (zoneOffsetSeconds(zone, endMs) !== offset) {
    let lo = from;
    let hi = endMs;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (zoneOffsetSeconds(zone, mid) === offset) lo = mid;
      else hi = mid;
    }
    from = hi;
    offset = zoneOffsetSeconds(zone, from);
    spans.push({ fromMs: from, offsetS: offset, abbreviation: zoneAbbreviation(zone, from) });
  }
  return spans;
}
