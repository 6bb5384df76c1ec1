/**
 * Parses ffmpeg's `-progress pipe:1` output: blocks of key=value lines, each
 * ending with `progress=continue` or `progress=end`.
 */
export interface FfmpegProgress {
  frame: number | null;
  fps: number | null;
  /** Output time reached, seconds. */
  outTimeS: number | null;
  totalSizeBytes: number | null;
  /** e.g. 2.5 for "2.5x"; null for N/A. */
  speed: number | null;
  /** kbit/s, null for N/A. */
  bitrateKbps: number | null;
  done: boolean;
}

function num(v: string | undefined): number | null {
  if (v === undefined || v === 'N/A' || v.trim() === '') return null;
  const n = Number.parseFloat(v);
  return Number.isFinite(n) ? n : null;
}

/** "HH:MM:SS.micro" → seconds. */
function clockToSeconds(v: string | undefined): number | null {
  if (!v) return null;
  const m = /^(-)?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(v.trim());
  if (!m) return null;
  const s = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return m[1] ? -s : s;
}

export class ProgressParser {
  private fields = new Map<string, string>();

  constructor(private readonly onProgress: (p: FfmpegProgress) => void) {}

  /** Feed one line (without its newline). */
  line(text: string): void {
    const eq = text.indexOf('=');
    if (eq <= 0) return;
    const key = text.slice(0, eq).trim();
    const value = text.slice(eq + 1).trim();
    if (key !== 'progress') {
      this.fields.set(key, value);
      return;
    }
    const f = this.fields;
    // out_time_us is microseconds; out_time_ms is *also* microseconds (a
    // long-standing ffmpeg misnomer); out_time is the same as a clock string.
    const us = num(f.get('out_time_us')) ?? num(f.get('out_time_ms'));
    const outTimeS = us !== null ? us / 1e6 : clockToSeconds(f.get('out_time'));
    const speed = f.get('speed');
    const bitrate = f.get('bitrate');
    this.onProgress({
      frame: num(f.get('frame')),
      fps: num(f.get('fps')),
      outTimeS,
      totalSizeBytes: num(f.get('total_size')),
      speed: speed ? num(speed.replace(/x$/, '')) : null,
      bitrateKbps: bitrate ? num(bitrate.replace(/kbits\/s$/, '')) : null,
      done: value === 'end',
    });
    this.fields = new Map();
  }
}
