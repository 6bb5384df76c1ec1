import { buildKeyframeIndexArgs, type ProcessOwner } from '../../native/index.js';

/**
 * Every video packet's presentation time and key flag, from one ffprobe run
 * that reads packets without decoding (fast: tens of ms for a 10 s segment).
 * It gives the frame count, the keyframe index and the frame times the
 * frame-accurate mapping uses. Times are relative to the first frame.
 */
export interface PacketTimes {
  /** Sorted presentation times, seconds from the first frame. */
  frameTimesS: number[];
  keyframeTimesS: number[];
}

export function parsePacketCsv(text: string): PacketTimes {
  const all: Array<{ t: number; key: boolean }> = [];
  for (const line of text.split(/\r?\n/)) {
    const [pts, flags] = line.split(',');
    if (!pts || pts === 'N/A') continue;
    const t = Number(pts);
    if (Number.isFinite(t)) all.push({ t, key: (flags ?? '').includes('K') });
  }
  all.sort((a, b) => a.t - b.t);
  const t0 = all[0]?.t ?? 0;
  const round = (x: number): number => Math.round((x - t0) * 1e6) / 1e6;
  return {
    frameTimesS: all.map((p) => round(p.t)),
    keyframeTimesS: all.filter((p) => p.key).map((p) => round(p.t)),
  };
}

export async function probePacketTimes(owner: ProcessOwner, ffprobePath: string, file: string): Promise<PacketTimes> {
  const r = await owner.run({ command: ffprobePath, args: buildKeyframeIndexArgs(file).args, timeoutMs: 60_000, name: 'ffprobe packets' });
  return parsePacketCsv(r.stdout.toString('utf8'));
}
