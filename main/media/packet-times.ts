import { buildKeyframeIndexArgs, type ProcessOwner } from '../../native/index.js';
import type { Fmp4Sample } from './mp4-boxes.js';

/**
 * Every video packet's presentation time and key flag: the frame count, the
 * keyframe index and the frame times the frame-accurate mapping uses. Times
 * are relative to the first frame. Two sources give the same answer: the
 * fMP4 boxes read in Node as a segment is hashed (segment-scan.ts, what the
 * indexer uses) and a packet-level ffprobe (no decoding; the fallback for a
 * file the box reader does not understand).
 */
export interface PacketTimes {
  /** Sorted presentation times, seconds from the first frame. */
  frameTimesS: number[];
  keyframeTimesS: number[];
}

/** Seconds rounded to the microsecond, as ffprobe prints them (`%f`). */
const micro = (x: number): number => Math.round(x * 1e6) / 1e6;

function packetTimesOf(all: Array<{ t: number; key: boolean }>): PacketTimes {
  all.sort((a, b) => a.t - b.t);
  const t0 = all[0]?.t ?? 0;
  return {
    frameTimesS: all.map((p) => micro(p.t - t0)),
    keyframeTimesS: all.filter((p) => p.key).map((p) => micro(p.t - t0)),
  };
}

export function parsePacketCsv(text: string): PacketTimes {
  const all: Array<{ t: number; key: boolean }> = [];
  for (const line of text.split(/\r?\n/)) {
    const [pts, flags] = line.split(',');
    if (!pts || pts === 'N/A') continue;
    const t = Number(pts);
    if (Number.isFinite(t)) all.push({ t, key: (flags ?? '').includes('K') });
  }
  return packetTimesOf(all);
}

/** The same times from the samples of a fragmented MP4's video track (timescale from its mdhd). */
export function packetTimesFromSamples(samples: readonly Fmp4Sample[], timescale: number): PacketTimes {
  if (!(timescale > 0)) throw new Error(`video timescale must be positive, got ${timescale}`);
  return packetTimesOf(samples.map((s) => ({ t: micro(s.pts / timescale), key: s.key })));
}

export async function probePacketTimes(owner: ProcessOwner, ffprobePath: string, file: string): Promise<PacketTimes> {
  const r = await owner.run({ command: ffprobePath, args: buildKeyframeIndexArgs(file).args, timeoutMs: 60_000, name: 'ffprobe packets' });
  return parsePacketCsv(r.stdout.toString('utf8'));
}
