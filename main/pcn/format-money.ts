/** Pence as pounds for people: 7000 → "£70.00". */
export function formatPounds(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const p = Math.abs(Math.round(pence));
  return `${sign}£${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`;
}

/**
 * Reads an amount as a payment file writes it: "70", "70.00", "£35.5" are
 * pounds; "pence:3500" or a bare integer with `unit: 'pence'` is pence.
 * Returns null for anything else (never guesses).
 */
export function parseAmount(text: string, unit: 'pounds' | 'pence' = 'pounds'): number | null {
  const s = text.trim().replace(/,/g, '');
  if (unit === 'pence') return /^\d+$/.test(s) ? Number(s) : null;
  const m = /^£?(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0);
}
