import { describe, expect, it } from 'vitest';
import { clockOffset, clockWithinTolerance } from '../../../main/cameras/clock-offset.js';

describe('camera clock offset', () => {
  it('compares the camera time with the midpoint of the round trip', () => {
    // Sent at t=1000 s, answered at t=1000.4 s; the camera said 1007.2 s: 7 s fast.
    const r = clockOffset(1_000_000, 1_000_400, 1_007_200);
    expect(r.offsetS).toBe(7);
    expect(r.at).toBe(1_000_200);
    expect(r.roundTripMs).toBe(400);
    expect(r.uncertaintyS).toBe(1.2);
  });

  it('gives a negative offset for a slow camera and zero for an exact one', () => {
    expect(clockOffset(0, 2000, -11_000).offsetS).toBe(-12);
    expect(clockOffset(5000, 5000, 5000).offsetS).toBe(0);
  });

  it('refuses a reply timed before its request', () => {
    expect(() => clockOffset(10, 9, 10)).toThrow(RangeError);
  });

  it('applies the ±10 s tolerance of SI 2022/71 Sch. 1', () => {
    expect(clockWithinTolerance(10)).toBe(true);
    expect(clockWithinTolerance(-10)).toBe(true);
    expect(clockWithinTolerance(10.5)).toBe(false);
    expect(clockWithinTolerance(-30)).toBe(false);
  });
});
