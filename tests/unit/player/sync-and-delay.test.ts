import { describe, expect, it } from 'vitest';
import { driftMs, needsCorrection } from '../../../renderer/src/player/sync-clock.js';
import { formatDelay, LIVE_DELAY_GOAL_MS, liveDelayMs } from '../../../renderer/src/player/live-delay.js';

describe('two cameras in sync', () => {
  it('corrects a follower only when it drifts more than one frame', () => {
    expect(needsCorrection(10_000, 10_040, 25)).toBe(false);
    expect(needsCorrection(10_000, 9_960, 25)).toBe(false);
    expect(needsCorrection(10_000, 10_041, 25)).toBe(true);
    expect(needsCorrection(10_000, 9_900, 25)).toBe(true);
    // A follower with no frame yet is always brought to the master.
    expect(needsCorrection(10_000, null, 25)).toBe(true);
    // At 12.5 fps a frame is 80 ms.
    expect(needsCorrection(10_000, 10_070, 12.5)).toBe(false);
  });

  it('reports drift as follower minus master, in whole ms', () => {
    expect(driftMs(10_000, 10_040.4)).toBe(40);
    expect(driftMs(10_000, 9_960)).toBe(-40);
    expect(driftMs(10_000, null)).toBeNull();
  });
});

describe('live delay', () => {
  it('is the wall clock minus the recorded time of the frame on screen', () => {
    expect(LIVE_DELAY_GOAL_MS).toBe(2_000);
    expect(liveDelayMs(10_000, 8_650)).toBe(1_350);
    // Clocks a touch apart never show a negative delay.
    expect(liveDelayMs(10_000, 10_020)).toBe(0);
    expect(liveDelayMs(10_000, null)).toBeNull();
    expect(liveDelayMs(10_000, NaN)).toBeNull();
  });

  it('reads as seconds behind, or says it is unknown', () => {
    expect(formatDelay(1_350)).toBe('1.4 s behind');
    expect(formatDelay(null)).toBe('delay unknown');
  });
});
