import { createHash, type Hash } from 'node:crypto';
import { Fmp4StreamSplitter, type Fmp4Fragment, type Fmp4Init } from './fmp4-stream.js';
import { rebaseMoof } from './mp4-boxes.js';
import { packetTimesFromSamples, type PacketTimes } from './packet-times.js';
import { SegmentClock } from './segment-timing.js';

/** A run taking over holds its fragments for at most this long while waiting to be aligned with the old one. */
const MAX_HOLD_MS = 15_000;
/** Fragments kept for recent(): a live view's playlist holds four. */
const RECENT = 4;

/** A segment cut from a run, once its last byte has been handed to the writer: everything the index needs, computed from those bytes. */
export interface CutSegment {
  /** Wall-clock start of its first frame and end of its last, epoch ms. */
  startMs: number;
  endMs: number;
  bytes: number;
  /** Length of the init section: the #EXT-X-MAP byte range. */
  initBytes: number;
  /** SHA-256 (hex) of exactly the bytes written, in order. */
  sha256: string;
  packets: PacketTimes;
}

/**
 * Where a segment's bytes go as they are cut: the run's init section
 * (ftyp + moov) first, then each fragment (moof rebased to decode time 0,
 * mdat), a few at a time, so no more than one read's worth is held.
 */
export interface SegmentWriter {
  begin(startMs: number): void;
  write(parts: readonly Buffer[]): void;
  end(seg: CutSegment): void;
}

/** A fragment as the run gave it, dated: what live view serves. */
export interface DatedFragment {
  moof: Buffer;
  mdat: readonly Buffer[];
  durationS: number;
  /** Wall-clock time of its first frame, epoch ms. */
  startMs: number;
}

export interface RunSegmenterOptions {
  /** Segments are cut at the first keyframe on or after each multiple of this on the UTC clock (so cameras' segments line up). */
  segmentTimeS: number;
  writer: SegmentWriter;
  /** Every fragment, dated, as it is read (live view). */
  onFragment?: (f: DatedFragment, init: Fmp4Init) => void;
}

/** The segment being cut: its bytes have gone to the writer; only its hash and frame times are kept. */
interface OpenSegment {
  slot: number;
  startMs: number;
  endMs: number;
  /** Each track's decode time at the segment's start, subtracted from every fragment's. */
  bases: Map<number, number>;
  hash: Hash;
  bytes: number;
  pts: number[];
  keys: boolean[];
}

/**
 * Cuts the fragmented MP4 one recorder run writes into segments: the
 * run's init section followed by the fragments (one per keyframe interval)
 * whose first frame falls in one `segmentTimeS` slot of the UTC clock. Each
 * segment's decode times are moved back to start at 0, so the files are the
 * same standalone fMP4 files ffmpeg's segment muxer wrote with
 * -reset_timestamps. Bytes go to the writer as they are read, and the
 * segment's SHA-256 and frame times are computed from those same bytes:
 * nothing is read back, and nothing but the hash state and the frame times
 * is held between reads (no garbage for the collector to promote).
 *
 * Dating: stream time 0 of a run is when its first packet arrived, which is
 * not seen directly; each read gives when the file was last written (its
 * newest fragment completing), and SegmentClock keeps the earliest
 * `written − stream end` as the anchor.
 *
 * Hand-over between two runs of one camera (a reconnect, a rotation):
 * `skipBeforeMs` drops fragments already in the index, `endAt` ends the
 * run at the next run's first fragment (a fragment is dropped when most of
 * it lies after that time), and the new run's clock is aligned with the
 * old one's (holdForAlignment, align).
 */
export class RunSegmenter {
  private readonly splitter: Fmp4StreamSplitter;
  private readonly clock = new SegmentClock();
  private init: Fmp4Init | null = null;
  private open: OpenSegment | null = null;
  /** Bytes of the open segment cut in this read, handed to the writer in one go at its end. */
  private pendingParts: Buffer[] = [];
  /** The newest fragments, across segment boundaries, for a live viewer who has just arrived. */
  private newest: DatedFragment[] = [];
  private lastEndMs = -Infinity;
  private pending: Fmp4Fragment[] = [];
  private ended = false;
  private endAtMs = Infinity;
  /** Fragments read while waiting to be aligned with the run handing over (see holdForAlignment). */
  private held: Array<{ f: Fmp4Fragment; ms: number }> | null = null;
  /** Added to this run's clock once aligned. */
  private shiftMs = 0;
  /** Fragments whose first frame is before this (epoch ms) are already recorded elsewhere. */
  skipBeforeMs = -Infinity;
  /** Fragments taken into segments so far. */
  fragmentsSeen = 0;
  /** Wall-clock start of the run's first fragment by its own clock (epoch ms), null before it. */
  firstMs: number | null = null;
  /** Where this run ended for the next one: the start, by this run's clock, of its first fragment that belongs to the next run. */
  cutAtMs: number | null = null;

  constructor(private readonly opts: RunSegmenterOptions) {
    if (!(opts.segmentTimeS >= 1)) throw new Error('segmentTimeS must be at least 1 s');
    this.splitter = new Fmp4StreamSplitter({
      init: (init) => {
        if (this.init) this.close();
        this.init = init;
      },
      fragment: (f) => this.pending.push(f),
    });
  }

  /** Bytes the run file grew by, and when it was last written (epoch ms). Throws when they are not fragmented MP4. */
  push(chunk: Buffer, writtenAtMs: number): void {
    this.splitter.push(chunk);
    if (this.pending.length === 0) return;
    const last = this.pending[this.pending.length - 1]!;
    this.clock.observe(last.startS + last.durationS, writtenAtMs);
    const batch = this.pending;
    this.pending = [];
    for (const f of batch) this.take(f);
    this.flush();
  }

  /** Sets the anchor from a known time: stream time `endS` was written at `writtenAtMs` (a recovered run's last fragment and its mtime). */
  anchor(endS: number, writtenAtMs: number): void {
    this.clock.observe(endS, writtenAtMs);
  }

  /**
   * A run taking over from another: its fragments are held (not cut, not
   * offered to live view) until align() says how far its clock is from the
   * old run's, so the footage of both is dated on one clock. Two RTSP
   * sessions' clocks can differ by tens of milliseconds at first; the old
   * run's has had longer to settle. At most MAX_HOLD_MS of fragments are held.
   */
  holdForAlignment(): void {
    this.held = [];
  }

  /** Ends the hold: `shiftMs` is added to every time of this run (0 when the old run could not say). */
  align(shiftMs: number): void {
    const held = this.held;
    if (!held) return;
    this.held = null;
    this.shiftMs = shiftMs;
    for (const h of held) this.place(h.f, h.ms + shiftMs);
    this.flush();
  }

  /** The run ends at `ms` (the next run took over there): the open segment closes now if it reaches it. */
  endAt(ms: number): void {
    this.endAtMs = ms;
  }

  /** The newest `n` (at most four) fragments of the run, dated, with its init (a live viewer who has just arrived). */
  recent(n: number): { init: Fmp4Init; fragments: DatedFragment[] } | null {
    return this.init ? { init: this.init, fragments: this.newest.slice(-n) } : null;
  }

  /** The run has ended: closes the open segment. */
  finish(): void {
    this.align(0);
    this.close();
    this.ended = true;
  }

  private take(f: Fmp4Fragment): void {
    if (this.ended || f.frames === 0) return;
    const ms = this.clock.wallMs(f.startS)!;
    this.firstMs ??= ms;
    if (this.held) {
      this.held.push({ f, ms });
      if (ms - this.held[0]!.ms > MAX_HOLD_MS) this.align(0);
      return;
    }
    this.place(f, ms + this.shiftMs);
  }

  private place(f: Fmp4Fragment, wallMs: number): void {
    if (this.ended) return;
    const startMs = Math.max(wallMs, this.lastEndMs);
    const halfMs = (f.durationS * 1000) / 2;
    // Already in the index (most of it before the line), or the next run's.
    if (startMs + halfMs <= this.skipBeforeMs) return;
    if (startMs + halfMs > this.endAtMs) {
      this.cutAtMs ??= startMs;
      this.close();
      return;
    }
    const slotMs = this.opts.segmentTimeS * 1000;
    const slot = Math.floor(startMs / slotMs);
    if (this.open && slot !== this.open.slot) this.close();
    const init = this.init!;
    if (!this.open) {
      const bases = new Map<number, number>();
      for (const t of f.trafs) if (t.decodeTime !== null) bases.set(t.trackId, t.decodeTime);
      this.open = { slot, startMs, endMs: startMs, bases, hash: createHash('sha256'), bytes: 0, pts: [], keys: [] };
      this.opts.writer.begin(startMs);
      this.append(init.bytes);
    }
    const seg = this.open;
    this.append(rebaseMoof(f.moof, seg.bases));
    for (const p of f.mdat) this.append(p);
    for (const s of f.videoSamples) {
      seg.pts.push(s.pts);
      seg.keys.push(s.key);
    }
    this.lastEndMs = startMs + f.durationS * 1000;
    seg.endMs = this.lastEndMs;
    this.fragmentsSeen++;
    const dated: DatedFragment = { moof: f.moof, mdat: f.mdat, durationS: f.durationS, startMs };
    this.newest.push(dated);
    if (this.newest.length > RECENT) this.newest.shift();
    this.opts.onFragment?.(dated, init);
    // This fragment reaches the end of its slot, so the next one (which
    // starts where this one ends, or later) belongs to the next: the segment
    // is whole now. Closed at this read rather than at the one that brings
    // the next fragment, a keyframe interval later: a segment is indexed at
    // the first read after it ends (camera-recorder.ts).
    if (Math.floor(this.lastEndMs / slotMs) !== slot) this.close();
  }

  private append(part: Buffer): void {
    const seg = this.open!;
    seg.hash.update(part);
    seg.bytes += part.length;
    this.pendingParts.push(part);
  }

  private flush(): void {
    if (this.pendingParts.length === 0) return;
    const parts = this.pendingParts;
    this.pendingParts = [];
    this.opts.writer.write(parts);
  }

  private close(): void {
    const seg = this.open;
    if (!seg) return;
    this.flush();
    this.open = null;
    const samples = seg.pts.map((pts, i) => ({ pts, key: seg.keys[i]! }));
    this.opts.writer.end({
      startMs: seg.startMs,
      endMs: Math.round(seg.endMs),
      bytes: seg.bytes,
      initBytes: this.init!.bytes.length,
      sha256: seg.hash.digest('hex'),
      packets: packetTimesFromSamples(samples, this.init!.video.timescale),
    });
  }
}
