import { describe, expect, it } from 'vitest';
import { parseSegmentListLine, segmentFileNameAt, segmentStartFromFileName } from '../../../native/ffmpeg-args/segment-list.js';

describe('parseSegmentListLine', () => {
  it('reads file,start,end', () => {
    expect(parseSegmentListLine('/r/seg-20240101T000000Z.mp4,0.000000,60.040000')).toEqual({
      file: '/r/seg-20240101T000000Z.mp4', startS: 0, endS: 60.04, durationS: 60.04,
    });
  });
  it('reads quoted names with commas and quotes', () => {
    expect(parseSegmentListLine('"/r/a,""b"".mp4",1.5,3.5\r')).toEqual({ file: '/r/a,"b".mp4', startS: 1.5, endS: 3.5, durationS: 2 });
  });
  it('keeps unquoted commas in the file name', () => {
    expect(parseSegmentListLine('/r/a,b.mp4,1,2')?.file).toBe('/r/a,b.mp4');
  });
  it('returns null for junk', () => {
    for (const l of ['', '   ', 'hello', 'a,b', 'f,1,x', '"unterminated,1,2', '"f"x,1,2', ',1,2']) {
      expect(parseSegmentListLine(l)).toBeNull();
    }
  });
});

describe('segmentStartFromFileName', () => {
  it('reads the UTC start from the strftime name', () => {
    expect(segmentStartFromFileName('/r/seg-20240331T005959Z.mp4')).toBe(Date.UTC(2024, 2, 31, 0, 59, 59));
  });
  it('rejects impossible dates and other names', () => {
    expect(segmentStartFromFileName('/r/seg-20240231T000000Z.mp4')).toBeNull();
    expect(segmentStartFromFileName('/r/seg-20240101T250000Z.mp4')).toBeNull();
    expect(segmentStartFromFileName('/r/other.mp4')).toBeNull();
  });
});

describe('segmentFileNameAt', () => {
  it('names a second as the recorder does, in UTC whatever the zone, and round-trips', () => {
    const ms = Date.UTC(2026, 2, 29, 0, 59, 59, 999); // the last second of GMT before BST starts
    expect(segmentFileNameAt('seg-', ms)).toBe('seg-20260329T005959Z.mp4');
    expect(segmentStartFromFileName(segmentFileNameAt('seg-', ms))).toBe(Date.UTC(2026, 2, 29, 0, 59, 59));
    expect(() => segmentFileNameAt('seg-', Number.NaN)).toThrow(/valid time/);
  });
});
