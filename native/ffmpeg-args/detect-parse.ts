/**
 * Reads blackdetect / freezedetect results from ffmpeg's stderr. ffmpeg
 * prints them as log lines, e.g.
 *   [blackdetect @ 0x..] black_start:0 black_end:2.04 black_duration:2.04
 *   [freezedetect @ 0x..] lavfi.freezedetect.freeze_start: 1.2
 *   [freezedetect @ 0x..] lavfi.freezedetect.freeze_duration: 3
 *   [freezedetect @ 0x..] lavfi.freezedetect.freeze_end: 4.2
 */
export type DetectEvent =
  | { kind: 'black'; startS: number; endS: number; durationS: number }
  | { kind: 'freeze-start'; startS: number }
  | { kind: 'freeze-end'; endS: number }
  | { kind: 'freeze-duration'; durationS: number };

export function parseDetectLine(line: string): DetectEvent | null {
  const black = /black_start:\s*([\d.]+)\s+black_end:\s*([\d.]+)\s+black_duration:\s*([\d.]+)/.exec(line);
  if (black) {
    return { kind: 'black', startS: Number(black[1]), endS: Number(black[2]), durationS: Number(black[3]) };
  }
  const freeze = /lavfi\.freezedetect\.freeze_(start|end|duration):\s*([\d.]+)/.exec(line);
  if (freeze) {
    const v = Number(freeze[2]);
    if (freeze[1] === 'start') return { kind: 'freeze-start', startS: v };
    if (freeze[1] === 'end') return { kind: 'freeze-end', endS: v };
    return { kind: 'freeze-duration', durationS: v };
  }
  return null;
}

export interface DetectSummary {
  black: Array<{ startS: number; endS: number }>;
  /** endS is null when the picture was still frozen when analysis stopped. */
  frozen: Array<{ startS: number; endS: number | null }>;
}

export function summariseDetect(lines: Iterable<string>): DetectSummary {
  const out: DetectSummary = { black: [], frozen: [] };
  for (const line of lines) {
    const e = parseDetectLine(line);
    if (!e) continue;
    if (e.kind === 'black') out.black.push({ startS: e.startS, endS: e.endS });
    else if (e.kind === 'freeze-start') out.frozen.push({ startS: e.startS, endS: null });
    else if (e.kind === 'freeze-end') {
      const open = out.frozen.find((f) => f.endS === null);
      if (open) open.endS = e.endS;
    }
  }
  return out;
}
