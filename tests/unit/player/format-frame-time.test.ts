import { describe, expect, it } from 'vitest';
import { formatSpan, formatTick, formatUkMs, formatUtcMs, ukOffsetMs } from '../../../renderer/src/player/format-frame-time.js';

describe('frame time formats', () => {
  it('gives UTC to the millisecond, so two frames never read the same', () => {
    expect(formatUtcMs(Date.UTC(2026, 2, 14, 9, 41, 7, 240))).toBe('2026-03-14 09:41:07.240Z');
    expect(formatUtcMs(Date.UTC(2026, 2, 14, 9, 41, 7, 240) + 0.9)).toBe('2026-03-14 09:41:07.240Z');
  });

  it('gives UK local time with GMT or BST', () => {
    expect(formatUkMs(Date.UTC(2026, 0, 14, 9, 41, 7, 40))).toBe('14/01/2026 09:41:07.040 GMT');
    expect(formatUkMs(Date.UTC(2026, 6, 14, 9, 41, 7, 40))).toBe('14/07/2026 10:41:07.040 BST');
    // The hour the clocks go forward (29 March 2026, 01:00 UTC).
    expect(formatUkMs(Date.UTC(2026, 2, 29, 0, 59, 59, 960))).toBe('29/03/2026 00:59:59.960 GMT');
    expect(formatUkMs(Date.UTC(2026, 2, 29, 1, 0, 0, 0))).toBe('29/03/2026 02:00:00.000 BST');
    expect(ukOffsetMs(Date.UTC(2026, 0, 1))).toBe(0);
    expect(ukOffsetMs(Date.UTC(2026, 6, 1))).toBe(3_600_000);
  });

  it('labels ticks and spans', () => {
    expect(formatTick(Date.UTC(2026, 0, 14, 9, 40), 10 * 60_000)).toBe('09:40');
    expect(formatTick(Date.UTC(2026, 0, 14, 9, 40, 30), 10_000)).toBe('09:40:30');
    expect(formatTick(Date.UTC(2026, 0, 14, 0, 0), 3_600_000)).toMatch(/14 Jan/);
    expect(formatSpan(60_000)).toBe('1 min');
    expect(formatSpan(24 * 3_600_000)).toBe('24 h');
    expect(formatSpan(7 * 86_400_000)).toBe('7 days');
  });
});
