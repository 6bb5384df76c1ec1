import { describe, expect, it } from 'vitest';
import { buildPlaybackPlaylist } from '../../../main/media/playlist.js';
import { isLocked, selectExpired, selectForSpace } from '../../../main/media/retention-policy.js';
import { gapCauseOf, gapCauseOfLine, maskCredentials } from '../../../main/media/gap-cause.js';
import { exportFileName, EXPORT_NAME_PATTERN, safeCameraName } from '../../../main/media/export-names.js';
import { frameAtTime } from '../../../main/media/frame-map.js';
import { SegmentClock } from '../../../main/media/segment-timing.js';
import { bucketCoverage } from '../../../main/media/timeline.js';

const T = Date.UTC(2025, 0, 6, 8, 0, 0);

describe('playback playlist', () => {
  const seg = (id: number, s: number, present = true) => ({ id, startMs: T + s * 1000, endMs: T + (s + 10) * 1000, bytes: 5000, initBytes: 800, uri: `/media/segments/${id}.mp4`, present });

  it('gives every segment its own map, byte range, date-time and a discontinuity', () => {
    const text = buildPlaybackPlaylist([seg(1, 0), seg(2, 10)], []);
    expect(text).toContain('#EXT-X-VERSION:7');
    expect(text.match(/#EXT-X-MAP:URI="\/media\/segments\/\d\.mp4",BYTERANGE="800@0"/g)).toHaveLength(2);
    expect(text.match(/#EXT-X-BYTERANGE:4200@800/g)).toHaveLength(2);
    expect(text).toContain('#EXT-X-PROGRAM-DATE-TIME:2025-01-06T08:00:10.000Z');
    expect(text.match(/#EXT-X-DISCONTINUITY/g)).toHaveLength(1);
    expect(text.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
  });

  it('reports gaps and missing files as dated gap ranges and leaves missing files out', () => {
    const text = buildPlaybackPlaylist([seg(1, 0), seg(2, 10, false), seg(3, 60)], [{ id: 7, startMs: T + 20_000, endMs: T + 60_000, cause: 'connection-refused' }]);
    expect(text).not.toContain('/media/segments/2.mp4');
    expect(text).toContain('X-CAUSE="file-missing"');
    expect(text).toContain('ID="gap-7"');
    expect(text).toContain('DURATION=40.000,X-CAUSE="connection-refused"');
    // The gap is announced before the segment after it.
    expect(text.indexOf('gap-7')).toBeLessThan(text.indexOf('/media/segments/3.mp4'));
  });

  it('is still a valid playlist with no footage at all', () => {
    const text = buildPlaybackPlaylist([], [{ id: 1, startMs: T, endMs: T + 5000, cause: 'timeout' }]);
    expect(text).toContain('#EXT-X-PROGRAM-DATE-TIME');
    expect(text).toContain('#EXT-X-ENDLIST');
  });
});

describe('retention selection', () => {
  const day = 86_400_000;
  const now = T + 40 * day;
  const segs = [
    { id: 1, cameraId: 1, startMs: T, endMs: T + 10_000, bytes: 100 },
    { id: 2, cameraId: 1, startMs: T + 10_000, endMs: T + 20_000, bytes: 100 },
    { id: 3, cameraId: 1, startMs: now - day, endMs: now - day + 10_000, bytes: 100 },
    { id: 4, cameraId: 2, startMs: T, endMs: T + 10_000, bytes: 100 },
  ];
  const lock = { cameraId: 1, fromMs: T + 15_000, toMs: T + 16_000, releasedAt: null };

  it('deletes what is older than retention unless a lock touches it', () => {
    const r = selectExpired(segs, now, 31, [lock]);
    expect(r.expired.map((s) => s.id)).toEqual([1, 4]);
    expect(r.keptByLock.map((s) => s.id)).toEqual([2]);
  });

  it('ignores released locks and other cameras’ locks', () => {
    expect(isLocked(segs[1]!, [{ ...lock, releasedAt: now }])).toBe(false);
    expect(isLocked(segs[3]!, [lock])).toBe(false);
  });

  it('frees space from the oldest unlocked footage only as far as needed', () => {
    expect(selectForSpace(segs, 150, [lock]).map((s) => s.id)).toEqual([1, 3]);
  });
});

describe('gap causes from ffmpeg stderr', () => {
  it.each([
    ['[tcp @ 0x5] Connection to tcp://10.0.0.1:554?timeout=0 failed: Connection refused', 'connection-refused'],
    ['[rtsp @ 0x5] method DESCRIBE failed: 401 Unauthorized', 'auth-failed'],
    ['[rtsp @ 0x5] method DESCRIBE failed: 404 Not Found', 'not-found'],
    ['[rtsp @ 0x5] method DESCRIBE failed: 503 Service Unavailable', 'unavailable'],
    ['rtsp://10.0.0.1/s: Connection timed out', 'timeout'],
    ['[h264 @ 0x5] non-existing PPS 0 referenced', 'invalid-data'],
    ['Error writing trailer: No space left on device', 'disk-full'],
  ])('%s → %s', (line, cause) => {
    expect(gapCauseOfLine(line)).toBe(cause);
  });

  it('prefers the most specific cause in a burst, and defaults to stream-ended', () => {
    expect(gapCauseOf(['Invalid data found when processing input', 'method DESCRIBE failed: 401 Unauthorized']).cause).toBe('auth-failed');
    expect(gapCauseOf([]).cause).toBe('stream-ended');
  });

  it('never shows a camera password', () => {
    expect(maskCredentials('rtsp://admin:s3cret@10.0.0.1/x: Connection refused')).toBe('rtsp://***@10.0.0.1/x: Connection refused');
  });
});

describe('export file names', () => {
  it('carry the camera and UTC time, and are safe everywhere', () => {
    expect(exportFileName('Bus Lane / North (A38)', T + 1234, 'original', 'mp4')).toBe('Bus-Lane-North-A38_20250106T080001Z_original.mp4');
    expect(safeCameraName('∆∆')).toBe('camera');
    const taken = new Set(['Cam_20250106T080000Z_still.png']);
    expect(exportFileName('Cam', T, 'still', 'png', taken)).toBe('Cam_20250106T080000Z_still-2.png');
    expect(EXPORT_NAME_PATTERN.test('Cam_20250106T080000Z_still-2.png')).toBe(true);
    expect(EXPORT_NAME_PATTERN.test('../x_20250106T080000Z_still.png')).toBe(false);
  });
});

describe('frame mapping and segment timing', () => {
  const frames = [0, 0.04, 0.08, 0.12];
  it('finds the frame shown at a time and its neighbours', () => {
    const f = frameAtTime(T, frames, [0], T + 90)!;
    expect([f.frameIndex, f.frameMs, f.previousFrameMs, f.nextFrameMs, f.keyframe]).toEqual([2, T + 80, T + 40, T + 120, false]);
    expect(frameAtTime(T, frames, [0], T)!.keyframe).toBe(true);
    expect(frameAtTime(T, frames, [0], T - 100)).toBeNull();
  });

  it('anchors stream time to the earliest arrival of a fragment, and starts again on reset', () => {
    const c = new SegmentClock();
    expect(c.wallMs(0)).toBeNull();
    c.observe(1, T + 1_300);
    expect(c.wallMs(0)).toBe(T + 300);
    // A fragment delivered faster moves the anchor earlier…
    c.observe(2, T + 2_100);
    expect([c.wallMs(0), c.wallMs(10)]).toEqual([T + 100, T + 10_100]);
    // …one delivered late never moves it later.
    c.observe(3, T + 9_000);
    expect(c.wallMs(0)).toBe(T + 100);
    c.reset();
    c.observe(1, T + 60_000);
    expect(c.wallMs(0)).toBe(T + 59_000);
  });

  it('folds coverage into buckets', () => {
    const r = bucketCoverage(T, T + 60_000, 6, [{ startMs: T, endMs: T + 25_000 }], [{ startMs: T + 25_000, endMs: T + 30_000 }], []);
    expect(r.buckets.map((b) => b.recordedMs)).toEqual([10_000, 10_000, 5000, 0, 0, 0]);
    expect(r.buckets[2]!.gapMs).toBe(5000);
  });
});
