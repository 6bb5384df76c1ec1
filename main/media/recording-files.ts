/**
 * Names of the files in a camera's recordings folder, all in UTC:
 *
 * - `seg-YYYYMMDDTHHMMSS.mmmZ.mp4`: an indexed segment, named for the wall
 *   time of its first frame (to the millisecond: two segments may start in
 *   one second around a reconnect). Older recorders named them to the
 *   second (`seg-YYYYMMDDTHHMMSSZ.mp4`); both are read.
 * - `run-YYYYMMDDTHHMMSS.mmmZ.mp4`: what one ffmpeg run is writing, named
 *   for when it was started; cut into segments as it grows, deleted once
 *   every fragment of it is in a segment.
 *
 * Names sort in time order, so "every segment after the newest indexed
 * one" is a string comparison.
 */

export const SEGMENT_PREFIX = 'seg-';
export const RUN_PREFIX = 'run-';
/** A segment being written: renamed to its final name once whole. */
export const PARTIAL_SUFFIX = '.part';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function stamp(ms: number): string {
  const d = new Date(ms);
  if (!Number.isFinite(ms) || Number.isNaN(d.getTime())) throw new Error('a recording time must be a valid time');
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}Z`;
}

/** UTC epoch ms from `<prefix>YYYYMMDDTHHMMSS[.mmm]Z.mp4`, or null when the name does not match or is no real time. */
function timeOf(prefix: string, file: string): number | null {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  if (!base.startsWith(prefix)) return null;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:\.(\d{3}))?Z\.mp4$/.exec(base.slice(prefix.length));
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s, m[7] ? Number(m[7]) : 0);
  const check = new Date(ms);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return ms;
}

export function segmentFileName(startMs: number): string {
  return `${SEGMENT_PREFIX}${stamp(startMs)}.mp4`;
}

export function segmentStartFromFileName(file: string): number | null {
  return timeOf(SEGMENT_PREFIX, file);
}

export function runFileName(startedMs: number): string {
  return `${RUN_PREFIX}${stamp(startedMs)}.mp4`;
}

export function runStartFromFileName(file: string): number | null {
  return timeOf(RUN_PREFIX, file);
}
