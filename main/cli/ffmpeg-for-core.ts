import { describeFfmpeg } from '../../native/index.js';

/**
 * Which ffmpeg the core reports in /api/health: located once at start-up
 * (in the background, so a slow binary never delays the core), null until known
 * or when there is none.
 */
export function describeFfmpegForCore(): () => { path: string; version: string } | null {
  let known: { path: string; version: string } | null = null;
  void describeFfmpeg().then(
    (r) => {
      if (r.ffmpeg.found && r.ffmpeg.path) known = { path: r.ffmpeg.path, version: r.ffmpeg.version ?? 'unknown' };
    },
    () => undefined,
  );
  return () => known;
}
