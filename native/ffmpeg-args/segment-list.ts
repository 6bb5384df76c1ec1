/**
 * Parses one line of the recorder's `-segment_list_type csv` output:
 * `file,start,end`. ffmpeg quotes the file name (RFC 4180 style) when it
 * contains a comma, quote or newline.
 */
export interface ClosedSegment {
  /**
   * File name as ffmpeg lists it: the base name only (the segment muxer
   * lists entries relative to the list); join it with the recorder's outputDir.
   */
  file: string;
  /** Stream time in seconds at which the segment starts. */
  startS: number;
  /** Stream time in seconds at which the segment ends. */
  endS: number;
  durationS: number;
}

export function parseSegmentListLine(line: string): ClosedSegment | null {
  const text = line.replace(/\r$/, '');
  if (text.trim() === '') return null;
  let file: string;
  let rest: string;
  if (text.startsWith('"')) {
    let i = 1;
    let out = '';
    for (;;) {
      if (i >= text.length) return null;
      const c = text[i];
      if (c === '"') {
        if (text[i + 1] === '"') {
          out += '"';
          i += 2;
          continue;
        }
        i += 1;
        break;
      }
      out += c;
      i += 1;
    }
    if (text[i] !== ',') return null;
    file = out;
    rest = text.slice(i + 1);
  } else {
    // Times never contain commas, so split from the right.
    const parts = text.split(',');
    if (parts.length < 3) return null;
    file = parts.slice(0, -2).join(',');
    rest = parts.slice(-2).join(',');
  }
  const [a, b, extra] = rest.split(',');
  if (a === undefined || b === undefined || extra !== undefined) return null;
  const startS = Number(a);
  const endS = Number(b);
  if (!Number.isFinite(startS) || !Number.isFinite(endS) || file === '' || a.trim() === '' || b.trim() === '') return null;
  return { file, startS, endS, durationS: Math.max(0, endS - startS) };
}

/**
 * Wall-clock start (UTC epoch ms) from a recorder file name
 * `<prefix>YYYYMMDDTHHMMSSZ.mp4`, or null when the name does not match.
 */
export function segmentStartFromFileName(file: string): number | null {
  const m = /(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.mp4$/.exec(file);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return ms;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * The name the recorder gives a segment it opens during the UTC second of
 * `ms` (its `<prefix>%Y%m%dT%H%M%SZ.mp4` pattern with TZ=UTC0): how the app
 * finds the file being written, which no list line has named yet.
 */
export function segmentFileNameAt(prefix: string, ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  if (Number.isNaN(d.getTime())) throw new Error('a segment time must be a valid time');
  return `${prefix}${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z.mp4`;
}
