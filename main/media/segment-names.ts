/**
 * Segment file names: `seg-YYYYMMDDTHHMMSSZ.mp4`, the UTC second the segment
 * starts. Names sort in time order (the recovery after a crash relies on it:
 * only names after the newest indexed one can be unindexed), never change
 * with BST/GMT, and let a file found on disk without its index row still say
 * when it was recorded.
 */
export const SEGMENT_PREFIX = 'seg-';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function segmentFileName(startMs: number): string {
  const d = new Date(Math.floor(startMs / 1000) * 1000);
  if (Number.isNaN(d.getTime())) throw new Error('segment start must be a valid time');
  return `${SEGMENT_PREFIX}${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z.mp4`;
}

/** The UTC start (epoch ms, to the second) a segment file name carries, or null for any other name. */
export function segmentStartFromFileName(file: string): number | null {
  const m = /(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.mp4$/.exec(file);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return ms;
}
