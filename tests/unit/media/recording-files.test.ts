import { describe, expect, it } from 'vitest';
import { runFileName, runStartFromFileName, segmentFileName, segmentStartFromFileName } from '../../../main/media/recording-files.js';

describe('recording file names', () => {
  const ms = Date.UTC(2026, 2, 29, 0, 59, 59, 7); // the night the clocks go forward: names stay UTC
  it('name segments and runs by their UTC start to the millisecond, and read the time back', () => {
    expect(segmentFileName(ms)).toBe('seg-20260329T005959.007Z.mp4');
    expect(runFileName(ms)).toBe('run-20260329T005959.007Z.mp4');
    expect(segmentStartFromFileName(segmentFileName(ms))).toBe(ms);
    expect(runStartFromFileName(`/data/recordings/3/${runFileName(ms)}`)).toBe(ms);
    // Names sort in time order.
    expect(segmentFileName(ms) < segmentFileName(ms + 1)).toBe(true);
    expect(segmentFileName(ms + 999) < segmentFileName(ms + 1000)).toBe(true);
  });
  it('still read the names older recorders gave segments (to the second)', () => {
    expect(segmentStartFromFileName('/r/seg-20240331T005959Z.mp4')).toBe(Date.UTC(2024, 2, 31, 0, 59, 59));
  });
  it('refuse names that are not theirs or are no real time', () => {
    expect(segmentStartFromFileName('/r/seg-20240231T000000Z.mp4')).toBeNull();
    expect(segmentStartFromFileName('/r/seg-20240101T250000.000Z.mp4')).toBeNull();
    expect(segmentStartFromFileName('/r/run-20240101T000000.000Z.mp4')).toBeNull();
    expect(runStartFromFileName('/r/seg-20240101T000000.000Z.mp4')).toBeNull();
    expect(segmentStartFromFileName('/r/other.mp4')).toBeNull();
    expect(() => segmentFileName(Number.NaN)).toThrow(/valid time/);
  });
});
