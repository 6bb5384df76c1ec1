import { openSync, readSync, closeSync, fstatSync } from 'node:fs';

/**
 * Byte length of the initialisation section (ftyp + moov, everything before
 * the first moof) of a fragmented MP4: the `#EXT-X-MAP` byte range that lets
 * hls.js play a recorded segment file in place, without copying or
 * re-muxing it. Reads only box headers (16 bytes each), never the media.
 * Returns null for a file with no moof (no frames were written).
 */
export function fmp4InitBytes(file: string): number | null {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(16);
    let offset = 0;
    for (let boxes = 0; offset + 8 <= size && boxes < 64; boxes++) {
      const n = readSync(fd, head, 0, 16, offset);
      if (n < 8) return null;
      let boxSize = head.readUInt32BE(0);
      const type = head.toString('latin1', 4, 8);
      if (type === 'moof') return offset;
      if (boxSize === 1) {
        if (n < 16) return null;
        boxSize = Number(head.readBigUInt64BE(8));
      } else if (boxSize === 0) {
        return null; // box runs to end of file: no fragment follows
      }
      if (boxSize < 8) return null;
      offset += boxSize;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/** One video sample (frame) of a fragmented MP4, in the track's timescale. */
export interface Fmp4Sample {
  /** Presentation time (decode time + composition offset), track timescale. */
  pts: number;
  /** A sync sample, by the rule ffmpeg's demuxer applies (neither non-sync nor depends-on-others flagged). */
  key: boolean;
}

/** What one pass over a fragmented MP4 found. */
export interface Fmp4Scan {
  /** Bytes seen. */
  bytes: number;
  /** Offset of the first moof (= length of ftyp + moov), null when no fragment starts in the file. */
  initBytes: number | null;
  /** Timescale of the video track, null when the moov named none. */
  timescale: number | null;
  /** Video samples whose data lies wholly inside the file, in decode order. */
  samples: Fmp4Sample[];
}

// ISO/IEC 14496-12 sample_flags bits, and the rule ffmpeg's mov demuxer uses
// for a fragment sample's key flag (libavformat/mov.c, mov_read_trun), so a
// frame counts as a keyframe here exactly when ffprobe flags its packet 'K'.
const SAMPLE_IS_NON_SYNC = 0x0001_0000;
const SAMPLE_DEPENDS_YES = 0x0100_0000;
// tfhd flags
const TFHD_BASE_DATA_OFFSET = 0x01;
const TFHD_SAMPLE_DESCRIPTION_INDEX = 0x02;
const TFHD_DEFAULT_DURATION = 0x08;
const TFHD_DEFAULT_SIZE = 0x10;
const TFHD_DEFAULT_FLAGS = 0x20;
// trun flags
const TRUN_DATA_OFFSET = 0x001;
const TRUN_FIRST_SAMPLE_FLAGS = 0x004;
const TRUN_DURATION = 0x100;
const TRUN_SIZE = 0x200;
const TRUN_FLAGS = 0x400;
const TRUN_CTS = 0x800;
/** moov and moof are held whole to parse; ffmpeg writes them in kilobytes. A bigger one is not a recorder segment. */
const MAX_HELD_BOX = 32 * 1024 * 1024;
const MAX_SAMPLES = 3600 * 240;

export interface TrackDefaults {
  duration: number;
  size: number;
  flags: number;
}

/** The video track a moov describes: its id, timescale and fragment defaults (trex). */
export interface VideoTrackInfo {
  trackId: number;
  timescale: number;
  trex: TrackDefaults;
}

/** Children of a box body as [type, start, end] (offsets into `buf`); stops at the first malformed child. */
function* childBoxes(buf: Buffer, start: number, end: number): Generator<[string, number, number]> {
  let at = start;
  while (at + 8 <= end) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) return;
      size = Number(buf.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < header || at + size > end) throw new Error(`malformed "${type}" box at byte ${at}`);
    yield [type, at + header, at + size];
    at += size;
  }
}

function firstChild(buf: Buffer, start: number, end: number, type: string): [number, number] | null {
  for (const [t, s, e] of childBoxes(buf, start, end)) if (t === type) return [s, e];
  return null;
}

/**
 * Reads the video samples of a fragmented MP4 (ftyp, moov, then moof+mdat
 * pairs, as ffmpeg's mp4 muxer writes with frag_keyframe/empty_moov) from
 * its bytes as they stream past, so one read of a closed segment yields its
 * SHA-256, its frame count, its keyframes and its timing — what a
 * packet-level ffprobe gave, for a fraction of the CPU (ffprobe costs a
 * process start and a demuxer per segment: ~100 ms every 10 s per camera).
 *
 * Only moov and moof are held (kilobytes); mdat is counted past, never
 * buffered. A sample is kept only when its data lies wholly inside the
 * bytes seen, so a file cut short by a crash yields the frames it really
 * holds. Structures it does not understand throw (the caller falls back to
 * ffprobe), so an odd file never gets a wrong index silently.
 */
export class Fmp4SampleReader {
  private offset = 0;
  private readonly head = Buffer.alloc(16);
  private headLen = 0;
  /** The box being held (moov/moof) or skipped. */
  private box: { type: string; start: number; headerLen: number; size: number | null; held: Buffer | null; heldLen: number } | null = null;
  private initBytes: number | null = null;
  private videoTrackId: number | null = null;
  private timescale: number | null = null;
  private trex: TrackDefaults = { duration: 0, size: 0, flags: 0 };
  private nextDts = 0;
  /** Samples parsed from moofs, with where their data ends (kept only if the file reaches that far). */
  private readonly pending: Array<Fmp4Sample & { dataEnd: number }> = [];

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (!this.box) {
        // Gather a box header: 8 bytes, or 16 when the size field says 1 (64-bit size follows).
        const want = this.headLen >= 8 && this.head.readUInt32BE(0) === 1 ? 16 : 8;
        const n = Math.min(want - this.headLen, chunk.length - at);
        chunk.copy(this.head, this.headLen, at, at + n);
        this.headLen += n;
        at += n;
        this.offset += n;
        if (this.headLen === want && !(want === 8 && this.head.readUInt32BE(0) === 1)) this.beginBox();
        continue;
      }
      const b = this.box;
      const n = b.size === null ? chunk.length - at : Math.min(b.start + b.size - this.offset, chunk.length - at);
      if (b.held) {
        chunk.copy(b.held, b.heldLen, at, at + n);
        b.heldLen += n;
      }
      at += n;
      this.offset += n;
      if (b.size !== null && this.offset === b.start + b.size) this.endBox();
    }
  }

  /** Everything pushed: the samples and layout found. */
  finish(): Fmp4Scan {
    const bytes = this.offset;
    return {
      bytes,
      initBytes: this.initBytes,
      timescale: this.timescale,
      samples: this.pending.filter((s) => s.dataEnd <= bytes).map(({ pts, key }) => ({ pts, key })),
    };
  }

  private beginBox(): void {
    const headerLen = this.headLen;
    this.headLen = 0;
    const start = this.offset - headerLen;
    const type = this.head.toString('latin1', 4, 8);
    const size32 = this.head.readUInt32BE(0);
    // size 0: the box runs to the end of the file.
    const size = size32 === 1 ? Number(this.head.readBigUInt64BE(8)) : size32 === 0 ? null : size32;
    if (size !== null && size < headerLen) throw new Error(`malformed top-level "${type}" box at byte ${start}`);
    if (type === 'moof' && this.initBytes === null) this.initBytes = start;
    const hold = type === 'moov' || type === 'moof';
    if (hold && (size === null || size > MAX_HELD_BOX)) throw new Error(`"${type}" box at byte ${start} is too large to be a recorder segment's`);
    this.box = { type, start, headerLen, size, held: hold ? Buffer.alloc(size! - headerLen) : null, heldLen: 0 };
    // A box that is nothing but its header ends here.
    if (size === headerLen) this.endBox();
  }

  private endBox(): void {
    const b = this.box!;
    this.box = null;
    if (!b.held) return;
    if (b.type === 'moov') this.readMoov(b.held);
    else this.readMoof(b.held, b.start, b.start + b.headerLen);
  }

  private readMoov(m: Buffer): void {
    const track = videoTrackOf(m);
    this.videoTrackId = track.trackId;
    this.timescale = track.timescale;
    this.trex = track.trex;
  }

  private readMoof(m: Buffer, moofStart: number, bodyStart: number): void {
    if (this.videoTrackId === null || this.timescale === null) throw new Error(`a moof at byte ${moofStart} comes before any moov`);
    const video = { trackId: this.videoTrackId, timescale: this.timescale, trex: this.trex };
    // All-default samples take no bytes in the trun: bound them by what a segment could hold (an hour at 240 fps).
    const r = readMoofBody(m, moofStart, bodyStart, video, this.nextDts, MAX_SAMPLES - this.pending.length);
    this.nextDts = r.nextDts;
    for (const sample of r.videoSamples) this.pending.push(sample);
  }
}

/**
 * Reads the first video track of a moov box body (ISO/IEC 14496-12 8.3 tkhd,
 * 8.4.2 mdhd, 8.4.3 hdlr, 8.8.3 trex). Throws when there is none.
 */
export function videoTrackOf(m: Buffer): VideoTrackInfo {
  let trackId: number | null = null;
  let timescale: number | null = null;
  for (const [type, s, e] of childBoxes(m, 0, m.length)) {
    if (type !== 'trak' || trackId !== null) continue;
    const tkhd = firstChild(m, s, e, 'tkhd');
    const mdia = firstChild(m, s, e, 'mdia');
    const hdlr = mdia && firstChild(m, mdia[0], mdia[1], 'hdlr');
    const mdhd = mdia && firstChild(m, mdia[0], mdia[1], 'mdhd');
    if (!tkhd || !hdlr || !mdhd || m.toString('latin1', hdlr[0] + 8, hdlr[0] + 12) !== 'vide') continue;
    trackId = m.readUInt32BE(tkhd[0] + (m[tkhd[0]] === 1 ? 20 : 12));
    timescale = m.readUInt32BE(mdhd[0] + (m[mdhd[0]] === 1 ? 20 : 12));
  }
  if (trackId === null || !timescale) throw new Error('the moov box has no video track');
  let trex: TrackDefaults = { duration: 0, size: 0, flags: 0 };
  const mvex = firstChild(m, 0, m.length, 'mvex');
  if (mvex) {
    for (const [type, s] of childBoxes(m, mvex[0], mvex[1])) {
      if (type === 'trex' && m.readUInt32BE(s + 4) === trackId) {
        trex = { duration: m.readUInt32BE(s + 12), size: m.readUInt32BE(s + 16), flags: m.readUInt32BE(s + 20) };
      }
    }
  }
  return { trackId, timescale, trex };
}

/** Timing of one track's run of samples in a fragment (one traf of a moof). */
export interface TrafTiming {
  trackId: number;
  /** tfdt baseMediaDecodeTime, track timescale; null when the traf has no tfdt. */
  decodeTime: number | null;
  /** Sum of the sample durations, track timescale. */
  duration: number;
  samples: number;
}

/** What one moof says: each track's timing, and the video track's samples. */
export interface FragmentInfo {
  trafs: TrafTiming[];
  /** Video samples in decode order, presentation time in the track's timescale (stream time, before any rewrite). */
  videoSamples: Fmp4Sample[];
}

/** A box's type for a message, quoted ("mfhd"), whatever bytes it holds. */
const boxName = (buf: Buffer, at: number): string => `"${buf.toString('latin1', at + 4, Math.min(at + 8, buf.length)).replace(/[^\x20-\x7e]/g, '?')}"`;

/** A box type as the 32-bit number its four bytes read as: compared without making strings. */
const fourcc = (t: string): number => Buffer.from(t, 'latin1').readUInt32BE(0);
const MOOF = fourcc('moof');
const TRAF = fourcc('traf');
const TRUN = fourcc('trun');
const TFHD = fourcc('tfhd');
const TFDT = fourcc('tfdt');

/** [start, end) of the first child box of `type` in buf[from, to), or null. Plain loop: this runs for every fragment of every camera. */
function findChild(buf: Buffer, from: number, to: number, type: number): [number, number] | null {
  let at = from;
  while (at + 8 <= to) {
    const size = buf.readUInt32BE(at);
    if (size < 8 || at + size > to) throw new Error(`malformed ${boxName(buf, at)} box at byte ${at}`);
    if (buf.readUInt32BE(at + 4) === type) return [at + 8, at + size];
    at += size;
  }
  return null;
}

/**
 * Reads a whole moof box (header included) as it comes off a stream: each
 * traf's track, decode time and duration, and the video samples.
 */
export function readFragment(moof: Buffer, video: VideoTrackInfo): FragmentInfo {
  if (moof.length < 8 || moof.readUInt32BE(4) !== MOOF) throw new Error('not a moof box');
  const r = readMoofBody(moof.subarray(8), 0, 8, video, 0, MAX_SAMPLES);
  return { trafs: r.trafs, videoSamples: r.videoSamples.map(({ pts, key }) => ({ pts, key })) };
}

/**
 * One moof box's body (`m`; the file offsets of the moof and of m[0] are
 * given, for data offsets and messages), read once: each traf's track,
 * decode time and duration (ISO/IEC 14496-12 8.8.7 tfhd, 8.8.8 trun, 8.8.12
 * tfdt), and every video sample's presentation time, key flag and where its
 * data ends. A traf without a tfdt carries on from `prevDts`. The key flag
 * follows the rule ffmpeg's mov demuxer applies (libavformat/mov.c,
 * mov_read_trun), so a frame counts as a keyframe here exactly when ffprobe
 * flags its packet 'K'. Plain loops: this runs for every fragment of every
 * camera. Throws on structures it cannot follow.
 */
function readMoofBody(m: Buffer, moofStart: number, bodyStart: number, video: VideoTrackInfo, prevDts: number, maxSamples: number): { trafs: TrafTiming[]; videoSamples: Array<Fmp4Sample & { dataEnd: number }>; nextDts: number } {
  const trafs: TrafTiming[] = [];
  const videoSamples: Array<Fmp4Sample & { dataEnd: number }> = [];
  let nextDts = prevDts;
  let at = 0;
  while (at + 8 <= m.length) {
    const size = m.readUInt32BE(at);
    if (size < 8 || at + size > m.length) throw new Error(`malformed ${boxName(m, at)} box at byte ${bodyStart + at}`);
    const s = at + 8;
    const e = at + size;
    at = e;
    if (m.readUInt32BE(s - 4) !== TRAF) continue;
    const tfhd = findChild(m, s, e, TFHD);
    if (!tfhd) throw new Error(`a traf at byte ${bodyStart + s} has no tfhd`);
    const tfFlags = m.readUInt32BE(tfhd[0]) & 0xffffff;
    const trackId = m.readUInt32BE(tfhd[0] + 4);
    const isVideo = trackId === video.trackId;
    let p = tfhd[0] + 8;
    let base = moofStart; // default-base-is-moof, or the first traf without a base offset
    if (tfFlags & TFHD_BASE_DATA_OFFSET) {
      base = Number(m.readBigUInt64BE(p));
      p += 8;
    }
    if (tfFlags & TFHD_SAMPLE_DESCRIPTION_INDEX) p += 4;
    const d: TrackDefaults = isVideo ? { ...video.trex } : { duration: 0, size: 0, flags: 0 };
    if (tfFlags & TFHD_DEFAULT_DURATION) { d.duration = m.readUInt32BE(p); p += 4; }
    if (tfFlags & TFHD_DEFAULT_SIZE) { d.size = m.readUInt32BE(p); p += 4; }
    if (tfFlags & TFHD_DEFAULT_FLAGS) d.flags = m.readUInt32BE(p);
    const tfdt = findChild(m, s, e, TFDT);
    const decodeTime = tfdt ? (m[tfdt[0]] === 1 ? Number(m.readBigUInt64BE(tfdt[0] + 4)) : m.readUInt32BE(tfdt[0] + 4)) : null;
    let dts = decodeTime ?? (isVideo ? nextDts : 0);
    let duration = 0;
    let samples = 0;
    let dataAt = base;
    let r = s;
    while (r + 8 <= e) {
      const rsize = m.readUInt32BE(r);
      if (rsize < 8 || r + rsize > e) throw new Error(`malformed ${boxName(m, r)} box at byte ${bodyStart + r}`);
      const rs = r + 8;
      const re = r + rsize;
      r = re;
      if (m.readUInt32BE(rs - 4) !== TRUN) continue;
      const flags = m.readUInt32BE(rs) & 0xffffff;
      const count = m.readUInt32BE(rs + 4);
      let q = rs + 8;
      if (flags & TRUN_DATA_OFFSET) { dataAt = base + m.readInt32BE(q); q += 4; }
      let firstFlags = d.flags;
      if (flags & TRUN_FIRST_SAMPLE_FLAGS) { firstFlags = m.readUInt32BE(q); q += 4; }
      const hasDuration = (flags & TRUN_DURATION) !== 0;
      const hasSize = (flags & TRUN_SIZE) !== 0;
      const hasFlags = (flags & TRUN_FLAGS) !== 0;
      const hasCts = (flags & TRUN_CTS) !== 0;
      const perSample = 4 * (Number(hasDuration) + Number(hasSize) + Number(hasFlags) + Number(hasCts));
      if (q + count * perSample > re) throw new Error(`a trun at byte ${bodyStart + rs} lists more samples than it holds`);
      if (isVideo && videoSamples.length + count > maxSamples) throw new Error(`a trun at byte ${bodyStart + rs} lists ${count} samples, more than a recorder segment holds`);
      for (let i = 0; i < count; i++) {
        let sampleDuration = d.duration;
        let sampleSize = d.size;
        let sampleFlags = i === 0 ? firstFlags : d.flags;
        let cts = 0;
        if (hasDuration) { sampleDuration = m.readUInt32BE(q); q += 4; }
        if (hasSize) { sampleSize = m.readUInt32BE(q); q += 4; }
        if (hasFlags) { sampleFlags = m.readUInt32BE(q); q += 4; }
        // Signed whatever the trun version, as ffmpeg reads it.
        if (hasCts) { cts = m.readInt32BE(q); q += 4; }
        dataAt += sampleSize;
        if (isVideo) videoSamples.push({ pts: dts + cts, key: (sampleFlags & (SAMPLE_IS_NON_SYNC | SAMPLE_DEPENDS_YES)) === 0, dataEnd: dataAt });
        dts += sampleDuration;
        duration += sampleDuration;
      }
      samples += count;
    }
    if (isVideo) nextDts = dts;
    trafs.push({ trackId, decodeTime, duration, samples });
  }
  return { trafs, videoSamples, nextDts };
}

/**
 * A copy of a moof box with each traf's tfdt (baseMediaDecodeTime,
 * ISO/IEC 14496-12 8.8.12) moved back by that track's `base`, so a run of
 * fragments cut out of a longer recording starts at decode time 0, as a file
 * of its own must (the concat demuxer's in-points and the player's frame
 * times are measured from it). Sizes do not change: a version 1 tfdt keeps
 * its 64 bits, a version 0 one its 32 (the result is never larger).
 */
export function rebaseMoof(moof: Buffer, baseByTrack: ReadonlyMap<number, number>): Buffer {
  if (moof.length < 8 || moof.readUInt32BE(4) !== MOOF) throw new Error('not a moof box');
  const out = Buffer.from(moof);
  let at = 8;
  while (at + 8 <= out.length) {
    const size = out.readUInt32BE(at);
    if (size < 8 || at + size > out.length) throw new Error(`malformed ${boxName(out, at)} box at byte ${at}`);
    const s = at + 8;
    const e = at + size;
    at = e;
    if (out.readUInt32BE(s - 4) !== TRAF) continue;
    const tfhd = findChild(out, s, e, TFHD);
    const tfdt = findChild(out, s, e, TFDT);
    if (!tfhd || !tfdt) continue;
    const base = baseByTrack.get(out.readUInt32BE(tfhd[0] + 4)) ?? 0;
    if (out[tfdt[0]] === 1) {
      const t = out.readBigUInt64BE(tfdt[0] + 4) - BigInt(base);
      if (t < 0n) throw new Error(`rebasing a tfdt at byte ${tfdt[0]} would make it negative`);
      out.writeBigUInt64BE(t, tfdt[0] + 4);
    } else {
      const t = out.readUInt32BE(tfdt[0] + 4) - base;
      if (t < 0) throw new Error(`rebasing a tfdt at byte ${tfdt[0]} would make it negative`);
      out.writeUInt32BE(t, tfdt[0] + 4);
    }
  }
  return out;
}
