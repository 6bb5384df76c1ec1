import { describe, expect, it } from 'vitest';
import { buildClipOriginalArgs } from '../../../native/ffmpeg-args/clip-original.js';
import { buildConcatList, quoteConcatPath, snapToKeyframe } from '../../../native/ffmpeg-args/concat-list.js';

const after = (a: readonly string[], f: string): string | undefined => a[a.indexOf(f) + 1];

describe('concat list', () => {
  it('quotes paths and writes in/out points', () => {
    expect(quoteConcatPath("/r/it's.mp4")).toBe("'/r/it'\\''s.mp4'");
    const text = buildConcatList([
      { path: '/r/a.mp4', inpointS: 12 },
      { path: '/r/b.mp4' },
      { path: '/r/c.mp4', outpointS: 3.25 },
    ]);
    expect(text).toBe(
      "ffconcat version 1.0\nfile '/r/a.mp4'\ninpoint 12\nfile '/r/b.mp4'\nfile '/r/c.mp4'\noutpoint 3.25\n",
    );
  });
  it('rejects empty lists, negative times, reversed cuts and newlines', () => {
    expect(() => buildConcatList([])).toThrow(/at least one/);
    expect(() => buildConcatList([{ path: '/a', inpointS: -1 }])).toThrow(/negative/);
    expect(() => buildConcatList([{ path: '/a', inpointS: 5, outpointS: 4 }])).toThrow(/after/);
    expect(() => buildConcatList([{ path: '/a\nfile /etc/passwd' }])).toThrow();
    expect(() => buildConcatList([{ path: '' }])).toThrow(/path/);
  });
  it('snaps a start to the keyframe at or before it', () => {
    const k = [0, 2, 4, 6];
    expect(snapToKeyframe(k, 3.9)).toBe(2);
    expect(snapToKeyframe(k, 4)).toBe(4);
    expect(snapToKeyframe([1, 3], 0.5)).toBe(1);
    expect(() => snapToKeyframe([], 1)).toThrow(/empty/);
    expect(() => snapToKeyframe(k, -1)).toThrow(/negative/);
  });
});

describe('buildClipOriginalArgs', () => {
  it('stream-copies the concat list into a faststart MP4', () => {
    const { args } = buildClipOriginalArgs({ concatListPath: '/tmp/l.ffconcat', outputPath: '/tmp/o.mp4' });
    expect(args.slice(args.indexOf('-f'), args.indexOf('-i') + 2)).toEqual(['-f', 'concat', '-safe', '0', '-i', '/tmp/l.ffconcat']);
    expect(after(args, '-c')).toBe('copy');
    expect(after(args, '-movflags')).toBe('+faststart');
    expect(after(args, '-progress')).toBe('pipe:1');
    expect(args).not.toContain('libx264');
    expect(args.at(-1)).toBe('/tmp/o.mp4');
  });
  it('rejects missing paths', () => {
    expect(() => buildClipOriginalArgs({ concatListPath: '', outputPath: '/o.mp4' })).toThrow(/concatListPath/);
    expect(() => buildClipOriginalArgs({ concatListPath: '/a', outputPath: '/a' })).toThrow(/differ/);
  });
});
