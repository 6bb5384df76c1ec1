/**
 * Two cameras at one location played together: the first is the master
 * clock, the others follow it in wall time. A follower is corrected (seeked)
 * only when it drifts more than one frame, so normal playback is not
 * interrupted by seeks for sub-frame jitter.
 */
export function needsCorrection(masterWallMs: number, followerWallMs: number | null, fps: number): boolean {
  if (followerWallMs === null) return true;
  return Math.abs(masterWallMs - followerWallMs) > 1000 / fps;
}

/** Drift in ms (follower minus master), for the readout. */
export function driftMs(masterWallMs: number, followerWallMs: number | null): number | null {
  return followerWallMs === null ? null : Math.round(followerWallMs - masterWallMs);
}
