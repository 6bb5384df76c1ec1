/**
 * The first moment after `afterMs` on a grid of step `everyMs`, offset by
 * `phaseMs` from the epoch (all epoch ms).
 *
 * Every recorder reads its run file on the same grid, so the cameras'
 * reads fall in one wake-up and one transaction rather than each on the
 * phase its recorder happened to start on (with four cameras recording, up
 * to four wake-ups and commits every five seconds instead of one).
 */
export function nextOnGrid(afterMs: number, everyMs: number, phaseMs: number): number {
  if (!(everyMs > 0)) throw new Error('everyMs must be positive');
  return Math.floor((afterMs - phaseMs) / everyMs) * everyMs + everyMs + phaseMs;
}
