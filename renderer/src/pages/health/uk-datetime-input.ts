// <input type="datetime-local"> values are wall-clock strings with no zone;
// enforcement times are read in UK local time (Europe/London) whatever zone
// the desk is set to, so the conversion both ways names the zone.
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** Epoch ms → "2026-03-14T09:41" as UK wall time; '' for null. */
export function toUkInputValue(epochMs: number | null): string {
  if (epochMs === null) return '';
  const p = Object.fromEntries(parts.formatToParts(new Date(epochMs)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${String(Number(p.hour) % 24).padStart(2, '0')}:${p.minute}`;
}
