/**
 * Frame-accurate mapping between wall time and frames of one segment. Pure:
 * given the segment's start and its frame times (from ffprobe), the frame
 * shown at a wall time is the last frame whose time is at or before it.
 */
export interface FrameLookup {
  frameIndex: number;
  frameMs: number;
  mediaTimeS: number;
  previousFrameMs: number | null;
  nextFrameMs: number | null;
  keyframe: boolean;
}

export function frameAtTime(startMs: number, frameTimesS: readonly number[], keyframeTimesS: readonly number[], atMs: number): FrameLookup | null {
  if (frameTimesS.length === 0) return null;
  const t = (atMs - startMs) / 1000;
  // Binary search: last index with time <= t (+½ ms for rounding of stored times).
  let lo = 0;
  let hi = frameTimesS.length - 1;
  if (t < frameTimesS[0]! - 0.0005) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (frameTimesS[mid]! <= t + 0.0005) lo = mid;
    else hi = mid - 1;
  }
  const i = lo;
  const ms = (s: number): number => startMs + Math.round(s * 1000);
  const mediaTimeS = frameTimesS[i]!;
  return {
    frameIndex: i,
    frameMs: ms(mediaTimeS),
    mediaTimeS,
    previousFrameMs: i > 0 ? ms(frameTimesS[i - 1]!) : null,
    nextFrameMs: i + 1 < frameTimesS.length ? ms(frameTimesS[i + 1]!) : null,
    keyframe: keyframeTimesS.some((k) => Math.abs(k - mediaTimeS) < 0.0005),
  };
}
