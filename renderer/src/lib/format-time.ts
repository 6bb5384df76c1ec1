// Enforcement times are read and signed in UK local time (Europe/London,
// with its clock changes), whatever zone the desk's machine is set to.
const ukDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

const ukDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: 'short', year: 'numeric' });

/** "14/03/2026, 09:41:07" in UK local time. */
export function formatUkDateTime(epochMs: number): string {
  return ukDateTime.format(new Date(epochMs));
}

/** "14 Mar 2026" in UK local time. */
export function formatUkDate(epochMs: number): string {
  return ukDate.format(new Date(epochMs));
}

/**
 * Reads an <input type="datetime-local"> value as UK local time and returns
 * epoch ms, or undefined for an empty or invalid value. The browser's own
 * zone is not used, because the desk may be set to anything.
 */
export function parseUkLocal(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // London is UTC or UTC+1: find the offset that maps back to the same wall
  // time. In the repeated autumn hour, the earlier (BST) instant wins.
  for (const offsetH of [1, 0]) {
    const candidate = asUtc - offsetH * 3_600_000;
    if (wallTime(candidate) === asUtc) return candidate;
  }
  // A wall time skipped by the spring clock change (01:xx): read it as GMT,
  // which lands on the same clock time an hour later, after the change.
  return asUtc;
}

function wallTime(epochMs: number): number {
  const parts = Object.fromEntries(ukDateTime.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute), Number(parts.second));
}
