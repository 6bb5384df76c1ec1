import { describe, expect, it } from 'vitest';
import { backoffDelay, resolveBackoff } from '../../../native/backoff.js';
import { parseComponentList, parseVersionLine } from '../../../native/ffmpeg-capabilities.js';
import { LineSplitter } from '../../../native/line-splitter.js';
import { LogRateLimiter } from '../../../native/log-rate-limiter.js';
import { ProgressParser, type FfmpegProgress } from '../../../native/progress-parser.js';

describe('backoff schedule', () => {
  const b = resolveBackoff({ minMs: 100, maxMs: 1000, factor: 2, jitter: 0.5 });
  it('doubles up to the cap without jitter', () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(b, a, () => 0))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
  it('jitter only shortens, by at most the jitter fraction', () => {
    expect(backoffDelay(b, 2, () => 1)).toBe(200);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(b, 3);
      expect(d).toBeGreaterThanOrEqual(400);
      expect(d).toBeLessThanOrEqual(800);
    }
  });
  it('has sane defaults and rejects nonsense', () => {
    expect(resolveBackoff()).toEqual({ minMs: 1000, maxMs: 60000, factor: 2, jitter: 0.3, resetAfterMs: 60000 });
    expect(() => resolveBackoff({ minMs: 10, maxMs: 5 })).toThrow();
    expect(() => resolveBackoff({ factor: 0.5 })).toThrow();
    expect(() => resolveBackoff({ jitter: 2 })).toThrow();
  });
});

describe('ProgressParser', () => {
  it('emits one progress per block', () => {
    const seen: FfmpegProgress[] = [];
    const p = new ProgressParser((x) => seen.push(x));
    for (const l of [
      'frame=50', 'fps=25.00', 'bitrate= 512.3kbits/s', 'total_size=32000', 'out_time_us=2000000',
      'out_time_ms=2000000', 'out_time=00:00:02.000000', 'speed=1.5x', 'progress=continue',
      'frame=125', 'fps=N/A', 'bitrate=N/A', 'total_size=N/A', 'out_time=00:01:05.500000', 'speed=N/A', 'progress=end',
    ]) p.line(l);
    expect(seen).toEqual([
      { frame: 50, fps: 25, outTimeS: 2, totalSizeBytes: 32000, speed: 1.5, bitrateKbps: 512.3, done: false },
      { frame: 125, fps: null, outTimeS: 65.5, totalSizeBytes: null, speed: null, bitrateKbps: null, done: true },
    ]);
  });
  it('ignores junk lines', () => {
    const seen: FfmpegProgress[] = [];
    const p = new ProgressParser((x) => seen.push(x));
    p.line('garbage');
    p.line('=x');
    expect(seen).toEqual([]);
  });
});

describe('LineSplitter', () => {
  it('splits on \\n and \\r across chunks, with UTF-8 split mid-character', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l), 8);
    const bytes = Buffer.from('ab\ncé\r\nlast');
    s.push(bytes.subarray(0, 5));
    s.push(bytes.subarray(5));
    s.push('0123456789');
    s.end();
    expect(lines).toEqual(['ab', 'cé', 'last0123', '456789']);
  });
});

describe('LogRateLimiter', () => {
  it('allows N per window and reports the dropped count', () => {
    let now = 0;
    const r = new LogRateLimiter(2, 1000, () => now);
    expect([r.take(), r.take(), r.take(), r.take()].map((x) => x.allowed)).toEqual([true, true, false, false]);
    now = 1000;
    expect(r.take()).toEqual({ allowed: true, droppedBefore: 2 });
    r.take();
    r.take();
    expect(r.takeDropped()).toBe(1);
    expect(r.takeDropped()).toBe(0);
  });
});

describe('ffmpeg capability parsing', () => {
  it('reads version strings', () => {
    expect(parseVersionLine('ffmpeg version 5.1.6-0+deb12u1 Copyright (c) 2000-2024')).toEqual({ version: '5.1.6-0+deb12u1', major: 5, minor: 1 });
    expect(parseVersionLine('ffmpeg version N-112000-gabc https://johnvansickle.com')).toEqual({ version: 'N-112000-gabc', major: null, minor: null });
    expect(parseVersionLine('ffprobe version n6.1.1 Copyright')).toMatchObject({ major: 6, minor: 1 });
    expect(parseVersionLine('')).toEqual({ version: null, major: null, minor: null });
  });
  it('reads component lists', () => {
    const enc = parseComponentList('Encoders:\n V..... = Video\n ------\n V....D libx264              libx264 H.264\n VF.... png   PNG\n');
    expect([...enc]).toEqual(['libx264', 'png']);
    const mux = parseComponentList('File formats:\n D. = Demuxing supported\n --\n  E mp4             MP4\n  E stream_segment,ssegment streaming\n');
    expect([...mux]).toEqual(['mp4', 'stream_segment', 'ssegment']);
    const filters = parseComponentList('Filters:\n  T.. = Timeline support\n T.C drawtext          V->V       Draw text\n ... freezedetect V->V x\n');
    expect([...filters]).toEqual(['drawtext', 'freezedetect']);
  });
});
