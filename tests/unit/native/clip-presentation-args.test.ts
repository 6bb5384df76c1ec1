import { describe, expect, it } from 'vitest';
import { buildClipPresentationArgs } from '../../../native/ffmpeg-args/clip-presentation.js';
import { buildStillArgs } from '../../../native/ffmpeg-args/still.js';
import { zoneOffsetSeconds, zoneSpans } from '../../../native/ffmpeg-args/zone-offset.js';

const after = (a: readonly string[], f: string): string | undefined => a[a.indexOf(f) + 1];
const base = {
  input: { file: '/r/a.mp4' },
  outputPath: '/o/p.mp4',
  startS: 2.5,
  durationS: 10,
  startUtcMs: Date.UTC(2024, 6, 1, 8, 0, 0),
  camera: 'CAM-12',
  location: 'High St: bus gate',
};

describe('buildClipPresentationArgs', () => {
  it('seeks before the input, re-encodes with libx264 and burns in the overlay', () => {
    const { args } = buildClipPresentationArgs(base);
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i'));
    expect(after(args, '-ss')).toBe('2.5');
    expect(after(args, '-t')).toBe('10');
    expect(after(args, '-c:v')).toBe('libx264');
    expect(after(args, '-crf')).toBe('18');
    expect(after(args, '-movflags')).toBe('+faststart');
    const vf = after(args, '-vf')!;
    expect(vf.match(/drawtext=/g)).toHaveLength(3);
    expect(vf).toContain('CAM-12 | High St: bus gate');
    // BST in July: offset +3600 s added to the clock's epoch
    expect(vf).toContain(`%{pts:gmtime:${base.startUtcMs / 1000 + 3600}:`);
    expect(vf).toContain('BST');
    expect(vf).toContain('n+1');
  });
  it('draws the clock twice across a GMT/BST change', () => {
    const { args } = buildClipPresentationArgs({ ...base, startUtcMs: Date.UTC(2024, 2, 31, 0, 59, 50), durationS: 20 });
    const vf = after(args, '-vf')!;
    expect(vf.match(/drawtext=/g)).toHaveLength(4);
    expect(vf).toContain('GMT');
    expect(vf).toContain('BST');
    expect(vf).toContain('between(t\\,0\\,9.999999)');
    expect(vf).toContain('gte(t\\,10)');
  });
  it('accepts a concat list as input and a font file', () => {
    const { args } = buildClipPresentationArgs({ ...base, input: { concatListPath: '/t/l.txt' }, fontFile: '/f/DejaVuSans.ttf' });
    expect(after(args, '-f')).toBe('concat');
    expect(after(args, '-vf')).toContain('fontfile=\\\'/f/DejaVuSans.ttf\\\'');
  });
  it('rejects nonsense', () => {
    expect(() => buildClipPresentationArgs({ ...base, startS: -1 })).toThrow(/startS/);
    expect(() => buildClipPresentationArgs({ ...base, durationS: 0 })).toThrow(/durationS/);
    expect(() => buildClipPresentationArgs({ ...base, startUtcMs: Number.NaN })).toThrow(/startUtcMs/);
    expect(() => buildClipPresentationArgs({ ...base, camera: '' })).toThrow(/camera/);
    expect(() => buildClipPresentationArgs({ ...base, timeZone: 'Mars/Base' })).toThrow(/timeZone/);
    expect(() => buildClipPresentationArgs({ ...base, crf: 60 })).toThrow(/crf/);
    expect(() => buildClipPresentationArgs({ ...base, input: {} as { file: string } })).toThrow(/input/);
  });
});

describe('zone offsets', () => {
  it('knows GMT and BST', () => {
    expect(zoneOffsetSeconds('Europe/London', Date.UTC(2024, 0, 15))).toBe(0);
    expect(zoneOffsetSeconds('Europe/London', Date.UTC(2024, 6, 15))).toBe(3600);
  });
  it('finds the October change to the millisecond', () => {
    const spans = zoneSpans('Europe/London', Date.UTC(2024, 9, 27, 0, 59), Date.UTC(2024, 9, 27, 1, 1));
    expect(spans).toHaveLength(2);
    expect(spans[1]).toEqual({ fromMs: Date.UTC(2024, 9, 27, 1, 0, 0), offsetS: 0, abbreviation: 'GMT' });
    expect(spans[0]?.abbreviation).toBe('BST');
  });
});

describe('buildStillArgs', () => {
  it('seeks exactly and writes one full-resolution PNG', () => {
    const { args } = buildStillArgs({ input: { file: '/r/a.mp4' }, at: { timeS: 1.04 }, outputPath: '/o/s.png' });
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i'));
    expect(after(args, '-frames:v')).toBe('1');
    expect(after(args, '-c:v')).toBe('png');
    expect(args).not.toContain('scale');
    expect(args.join(' ')).not.toMatch(/scale=/);
  });
  it('selects by frame index', () => {
    const { args } = buildStillArgs({ input: { file: '/r/a.mp4' }, at: { frameIndex: 37 }, outputPath: '/o/s.png' });
    expect(args).not.toContain('-ss');
    expect(after(args, '-vf')).toBe("select=expr=\\'eq(n\\,37)\\'");
  });
  it('rejects nonsense', () => {
    expect(() => buildStillArgs({ input: { file: '/a' }, at: { timeS: -0.1 }, outputPath: '/o.png' })).toThrow(/timeS/);
    expect(() => buildStillArgs({ input: { file: '/a' }, at: { frameIndex: 1.5 }, outputPath: '/o.png' })).toThrow(/whole/);
    expect(() => buildStillArgs({ input: { file: '/a' }, at: {} as { timeS: number }, outputPath: '/o.png' })).toThrow(/at must/);
    expect(() => buildStillArgs({ input: { file: '' }, at: { timeS: 1 }, outputPath: '/o.png' })).toThrow(/input.file/);
  });
});
