import { describe, expect, it } from 'vitest';
import { nextOnGrid } from '../../../main/media/tick-grid.js';

describe('nextOnGrid: the recorders\' shared read schedule', () => {
  it.each([
    // [after, every, phase, expected]
    [0, 5000, 2500, 2500],
    [2499, 5000, 2500, 2500],
    [2500, 5000, 2500, 7500], // strictly after: a round at 2500 schedules the next one
    [2503, 5000, 2500, 7500], // a timer that fired a few ms late keeps the grid
    [7499, 5000, 2500, 7500],
    [1_795_000_001_234, 5000, 2500, 1_795_000_002_500],
    [1_795_000_001_234, 1000, 2500, 1_795_000_001_500],
    [1_795_000_001_234, 150, 2500, 1_795_000_001_350], // the grid is 2500 + 150k ms from the epoch: …1200, …1350
  ])('after %d every %d (phase %d) → %d', (after, every, phase, expected) => {
    expect(nextOnGrid(after, every, phase)).toBe(expected);
  });

  it('puts recorders that started on different phases into the same round', () => {
    // Two cameras whose last reads were 1.7 s apart are next read together.
    const a = nextOnGrid(1_795_000_003_100, 5000, 2500);
    const b = nextOnGrid(1_795_000_004_800, 5000, 2500);
    expect(a).toBe(b);
    expect(a).toBe(1_795_000_007_500);
  });

  it('refuses a step that is not positive', () => {
    expect(() => nextOnGrid(0, 0, 0)).toThrow(/everyMs must be positive/);
  });
});
