/**
 * Which ffmpeg the core reports in /api/health. Filled in from native/ once
 * the binary is located; null until then.
 */
export function describeFfmpegForCore(): () => { path: string; version: string } | null {
  return () => null;
}
