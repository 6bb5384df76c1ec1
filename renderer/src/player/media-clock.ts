/**
 * Maps between the <video>'s media time (seconds on hls.js's timeline) and
 * wall time (UTC epoch ms) through the playlist's #EXT-X-PROGRAM-DATE-TIME,
 * and numbers frames within their recorded segment.
 *
 * Pure: the player feeds it the fragments hls.js parsed, so the mapping is
 * unit-tested without a browser. Each recorded segment is one HLS fragment,
 * so "frame N of the fragment" is "frame N of the segment", which is what the
 * core's /api/media/frame route and an exported clip count too.
 */
export interface ClockFragment {
  /** Start on the media timeline, seconds. */
  start: number;
  duration: number;
  /**
   * Wall time of the fragment's first frame (PROGRAM-DATE-TIME), ms. The
   * shape matches hls.js's Fragment, so its fragment list is searched as is
   * (no copy of 8,640 fragments for a day on every painted frame).
   */
  programDateTime: number | null;
  /** Fragment URL (tells which recorded segment it is). */
  url: string;
}

export interface FramePosition {
  fragment: ClockFragment;
  /** 0-based frame number within the fragment (= the recorded segment). */
  frameIndex: number;
  /** Wall time of that frame's start, ms. */
  wallMs: number;
}

/** The fragment whose [start, start + duration) holds `mediaTime` (binary search; fragments are in order). */
export function fragmentAtMedia(frags: readonly ClockFragment[], mediaTime: number): ClockFragment | undefined {
  let lo = 0;
  let hi = frags.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = frags[mid]!;
    if (mediaTime < f.start - 1e-6) hi = mid - 1;
    else if (mediaTime >= f.start + f.duration - 1e-6) lo = mid + 1;
    else return f;
  }
  return undefined;
}

/** The fragment recorded at wall time `wallMs`, or undefined in a gap or outside the playlist. */
export function fragmentAtWall(frags: readonly ClockFragment[], wallMs: number): ClockFragment | undefined {
  let lo = 0;
  let hi = frags.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = frags[mid]!;
    const at = f.programDateTime ?? NaN;
    if (!(wallMs >= at)) hi = mid - 1;
    else if (wallMs >= at + f.duration * 1000) lo = mid + 1;
    else return f;
  }
  return undefined;
}

/** First fragment starting at or after `wallMs` (where a seek into a gap lands: the footage after it). */
export function fragmentAfterWall(frags: readonly ClockFragment[], wallMs: number): ClockFragment | undefined {
  return frags.find((f) => f.programDateTime !== null && f.programDateTime + f.duration * 1000 > wallMs);
}

export function wallAtMedia(frags: readonly ClockFragment[], mediaTime: number): number | undefined {
  const f = fragmentAtMedia(frags, mediaTime);
  return f ? (f.programDateTime ?? NaN) + (mediaTime - f.start) * 1000 : undefined;
}

export function mediaAtWall(frags: readonly ClockFragment[], wallMs: number): number | undefined {
  const f = fragmentAtWall(frags, wallMs);
  return f ? f.start + (wallMs - (f.programDateTime ?? NaN)) / 1000 : undefined;
}

/**
 * The frame a painted media time belongs to. `mediaTime` is the painted
 * frame's presentation time (requestVideoFrameCallback metadata.mediaTime),
 * i.e. the start of its interval; rounding absorbs the float error of the
 * timeline offsets hls.js applies.
 */
export function frameAtMedia(frags: readonly ClockFragment[], mediaTime: number, fps: number): FramePosition | undefined {
  const f = fragmentAtMedia(frags, mediaTime + 0.25 / fps);
  if (!f) return undefined;
  const frameIndex = Math.max(0, Math.round((mediaTime - f.start) * fps));
  return { fragment: f, frameIndex, wallMs: (f.programDateTime ?? NaN) + (frameIndex / fps) * 1000 };
}

/**
 * Where to set currentTime to show the frame `delta` frames from the one
 * painted at `mediaTime`: the middle of its presentation interval, so the
 * seek lands on exactly that frame whatever the rounding (a seek to an
 * interval's edge may show the frame before).
 */
export function stepTarget(mediaTime: number, delta: number, fps: number): number {
  const current = Math.round(mediaTime * fps);
  return Math.max(0, (current + delta + 0.5) / fps);
}
