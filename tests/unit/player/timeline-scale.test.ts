import { describe, expect, it } from 'vitest';
import { centredOn, clampSpan, follow, MAX_VIEW_MS, MIN_VIEW_MS, panBy, ticks, tickStep, toTime, toX, zoomAround } from '../../../renderer/src/player/timeline-scale.js';
import { ukOffsetMs } from '../../../renderer/src/player/format-frame-time.js';

const H = 3_600_000;
const T = Date.UTC(2026, 6, 1, 12, 0, 0); // summer: UK is UTC+1

describe('timeline zoom and pan', () => {
  it('keeps the view between one minute and seven days', () => {
    expect(MIN_VIEW_MS).toBe(60_000);
    expect(MAX_VIEW_MS).toBe(7 * 24 * H);
    expect(clampSpan(1_000)).toBe(60_000);
    expect(clampSpan(30 * 24 * H)).toBe(7 * 24 * H);
    let v = { from: T, to: T + H };
    for (let i = 0; i < 40; i++) v = zoomAround(v, 0.5, T + H / 2);
    expect(v.to - v.from).toBe(60_000);
    for (let i = 0; i < 40; i++) v = zoomAround(v, 2, T + H / 2);
    expect(v.to - v.from).toBe(7 * 24 * H);
  });

  it('zooms around the anchor: the time under the cursor stays under it', () => {
    const v = { from: T, to: T + 4 * H };
    const anchor = T + H; // a quarter of the way across
    const z = zoomAround(v, 0.25, anchor);
    expect(z.to - z.from).toBe(H);
    expect((anchor - z.from) / (z.to - z.from)).toBeCloseTo(0.25, 6);
  });

  it('pans, centres and follows the playhead without zooming', () => {
    expect(panBy({ from: T, to: T + H }, -H / 2)).toEqual({ from: T - H / 2, to: T + H / 2 });
    expect(centredOn(T, 2 * H)).toEqual({ from: T - H, to: T + H });
    const v = { from: T, to: T + H };
    expect(follow(v, T + 10)).toBe(v);
    expect(follow(v, T + 3 * H)).toEqual({ from: T + 2.5 * H, to: T + 3.5 * H });
  });

  it('maps time to x and back', () => {
    const v = { from: T, to: T + H };
    expect(toX(v, T + H / 4, 800)).toBe(200);
    expect(toTime(v, 200, 800)).toBe(T + H / 4);
  });

  it('spaces ticks readably at every zoom and aligns hour ticks to UK local time', () => {
    expect(tickStep(60_000, 10)).toBe(10_000);
    expect(tickStep(24 * H, 12)).toBe(2 * H);
    expect(tickStep(7 * 24 * H, 10)).toBe(24 * H);
    for (const span of [60_000, H, 24 * H, 7 * 24 * H]) {
      const t = ticks({ from: T, to: T + span }, 12, ukOffsetMs);
      expect(t.length).toBeGreaterThan(0);
      expect(t.length).toBeLessThanOrEqual(13);
    }
    // Six-hour steps in summer fall on 00:00, 06:00… UK time, i.e. 23:00, 05:00… UTC.
    const six = ticks({ from: T, to: T + 2 * 24 * H }, 8, ukOffsetMs);
    expect(tickStep(2 * 24 * H, 8)).toBe(6 * H);
    for (const t of six) expect(new Date(t).getUTCHours() % 6).toBe(5);
  });
});
