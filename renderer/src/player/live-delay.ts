/**
 * How far behind the camera a live picture is: the wall time now minus the
 * recorded wall time (PROGRAM-DATE-TIME) of the frame on screen. Goal ≤ 2 s.
 */
export const LIVE_DELAY_GOAL_MS = 2_000;

export function liveDelayMs(nowMs: number, playingDateMs: number | null): number | null {
  if (playingDateMs === null || !Number.isFinite(playingDateMs)) return null;
  return Math.max(0, nowMs - playingDateMs);
}

export function formatDelay(ms: number | null): string {
  return ms === null ? 'delay unknown' : `${(ms / 1000).toFixed(1)} s behind`;
}
