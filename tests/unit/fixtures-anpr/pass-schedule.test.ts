import { describe, expect, it } from 'vitest';
import { PassSchedule } from '../../../fixtures/anpr/pass-schedule.js';

describe('pass schedule', () => {
  const s = new PassSchedule([3.0, 0.5, 0.5], 1_000_000, 4);

  it('numbers passes in time order across loops, keeping simultaneous passes', () => {
    expect([0, 1, 2, 3].map((n) => s.at(n))).toEqual([
      { sequence: 0, vehicleIndex: 1, loopIndex: 0, atMs: 1_000_500 },
      { sequence: 1, vehicleIndex: 2, loopIndex: 0, atMs: 1_000_500 },
      { sequence: 2, vehicleIndex: 0, loopIndex: 0, atMs: 1_003_000 },
      { sequence: 3, vehicleIndex: 1, loopIndex: 1, atMs: 1_004_500 },
    ]);
  });

  it('finds the first pass at or after a time, including before the loop starts', () => {
    expect(s.firstAtOrAfter(0)).toBe(0);
    expect(s.firstAtOrAfter(1_000_500)).toBe(0);
    expect(s.firstAtOrAfter(1_000_501)).toBe(2);
    expect(s.firstAtOrAfter(1_003_001)).toBe(3);
    expect(s.at(s.firstAtOrAfter(1_041_000)).loopIndex).toBe(10);
  });
});
