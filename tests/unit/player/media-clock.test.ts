import { describe, expect, it } from 'vitest';
import {
  fragmentAfterWall,
  fragmentAtMedia,
  fragmentAtWall,
  frameAtMedia,
  mediaAtWall,
  stepTarget,
  wallAtMedia,
  type ClockFragment,
} from '../../../renderer/src/player/media-clock.js';

const FPS = 25;
const T0 = Date.UTC(2026, 2, 14, 9, 0, 0);
/** Three 10 s segments, then a 2-minute gap, then two more (as hls.js lists them: media time is continuous). */
const frags: ClockFragment[] = [0, 1, 2, 3, 4].map((i) => ({
  start: i * 10,
  duration: 10,
  programDateTime: T0 + i * 10_000 + (i >= 3 ? 120_000 : 0),
  url: `/media/segments/${100 + i}.mp4`,
}));

describe('media clock: media time ↔ wall time', () => {
  it('finds the fragment holding a media time, edges included once', () => {
    expect(fragmentAtMedia(frags, 0)?.url).toBe('/media/segments/100.mp4');
    expect(fragmentAtMedia(frags, 9.999)?.url).toBe('/media/segments/100.mp4');
    expect(fragmentAtMedia(frags, 10)?.url).toBe('/media/segments/101.mp4');
    expect(fragmentAtMedia(frags, 49.99)?.url).toBe('/media/segments/104.mp4');
    expect(fragmentAtMedia(frags, 50)).toBeUndefined();
    expect(fragmentAtMedia(frags, -1)).toBeUndefined();
    expect(fragmentAtMedia([], 3)).toBeUndefined();
  });

  it('finds the fragment recorded at a wall time, and none in the gap', () => {
    expect(fragmentAtWall(frags, T0 + 25_000)?.url).toBe('/media/segments/102.mp4');
    expect(fragmentAtWall(frags, T0 + 30_000)).toBeUndefined(); // gap starts
    expect(fragmentAtWall(frags, T0 + 149_999)).toBeUndefined(); // gap ends at +150 s
    expect(fragmentAtWall(frags, T0 + 150_000)?.url).toBe('/media/segments/103.mp4');
    expect(fragmentAtWall(frags, T0 - 1)).toBeUndefined();
  });

  it('a seek into the gap lands on the first recording after it', () => {
    expect(fragmentAfterWall(frags, T0 + 60_000)?.url).toBe('/media/segments/103.mp4');
    expect(fragmentAfterWall(frags, T0 + 5_000)?.url).toBe('/media/segments/100.mp4');
    expect(fragmentAfterWall(frags, T0 + 10 * 60_000)).toBeUndefined();
  });

  it('maps both ways across the gap without losing a millisecond', () => {
    expect(wallAtMedia(frags, 35.2)).toBe(T0 + 150_000 + 5_200);
    expect(mediaAtWall(frags, T0 + 150_000 + 5_200)).toBeCloseTo(35.2, 9);
    for (const m of [0, 4.04, 19.96, 30, 44.6]) expect(mediaAtWall(frags, wallAtMedia(frags, m)!)).toBeCloseTo(m, 9);
    expect(mediaAtWall(frags, T0 + 60_000)).toBeUndefined();
  });
});

describe('media clock: frames', () => {
  it('numbers frames within their segment and absorbs float error in the painted time', () => {
    const f = frameAtMedia(frags, 10 + 4.2 - 1e-7, FPS)!;
    expect(f.frameIndex).toBe(105);
    expect(f.fragment.url).toBe('/media/segments/101.mp4');
    expect(f.wallMs).toBe(T0 + 10_000 + 4_200);
    // The last frame of a segment is frame 249, not frame 0 of the next.
    const last = frameAtMedia(frags, 20 - 1 / FPS + 1e-7, FPS)!;
    expect(last.frameIndex).toBe(249);
    expect(last.fragment.url).toBe('/media/segments/101.mp4');
    // A painted time a hair before the next segment's first frame belongs to it.
    const next = frameAtMedia(frags, 20 - 1e-6, FPS)!;
    expect([next.fragment.url, next.frameIndex]).toEqual(['/media/segments/102.mp4', 0]);
    expect(frameAtMedia(frags, 60, FPS)).toBeUndefined();
  });

  it('steps to the middle of the target frame, so ten steps are ten frames exactly', () => {
    expect(stepTarget(4, 1, FPS)).toBeCloseTo(4 + 1.5 / FPS, 12);
    expect(stepTarget(4, -1, FPS)).toBeCloseTo(4 - 0.5 / FPS, 12);
    let t = 7.2 + 3e-7; // a painted time with hls.js's offset noise
    const startFrame = Math.round(t * FPS);
    for (let i = 0; i < 10; i++) {
      // The frame painted after a seek to the middle of an interval starts half a frame earlier.
      t = stepTarget(t, 1, FPS) - 0.5 / FPS;
    }
    expect(Math.round(t * FPS)).toBe(startFrame + 10);
    expect(stepTarget(0.02, -5, FPS)).toBe(0);
  });
});
