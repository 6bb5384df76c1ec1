// Evidence times carry milliseconds: a frame at 25 fps lasts 40 ms, and two
// frames a second apart must not read the same.
const ukParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
  timeZoneName: 'short',
});

const ukClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false });
const ukDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', day: 'numeric', month: 'short' });

const ms3 = (epochMs: number) => String(((Math.floor(epochMs) % 1000) + 1000) % 1000).padStart(3, '0');

/** "2026-03-14 09:41:07.240Z" */
export function formatUtcMs(epochMs: number): string {
  return `${new Date(Math.floor(epochMs)).toISOString().replace('T', ' ').slice(0, 23)}Z`;
}

/** "14/03/2026 09:41:07.240 GMT" (or BST), UK local time. */
export function formatUkMs(epochMs: number): string {
  const p = Object.fromEntries(ukParts.formatToParts(new Date(Math.floor(epochMs))).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}.${ms3(epochMs)} ${p.timeZoneName}`;
}

/** Tick label: "09:40", or the day at midnight and for day-sized steps. */
export function formatTick(epochMs: number, stepMs: number): string {
  const clock = ukClock.format(new Date(epochMs));
  if (stepMs >= 24 * 3_600_000 || clock === '00:00') return ukDay.format(new Date(epochMs));
  if (stepMs < 60_000) {
    const s = new Date(epochMs).getUTCSeconds();
    return `${clock}:${String(s).padStart(2, '0')}`;
  }
  return clock;
}

/** Offset of UK local time from UTC at a moment (0 or 1 h), for aligning ticks. */
export function ukOffsetMs(epochMs: number): number {
  const p = Object.fromEntries(ukParts.formatToParts(new Date(epochMs)).map((x) => [x.type, x.value]));
  return p.timeZoneName === 'BST' ? 3_600_000 : 0;
}

/** "1 min", "2 h", "7 days" */
export function formatSpan(ms: number): string {
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 2 * 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}
