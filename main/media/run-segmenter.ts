import { createHash } from 'node:crypto';
import { Fmp4StreamSplitter, type Fmp4Fragment, type Fmp4Init } from './fmp4-stream.js';
import { rebaseMoof, type Fmp4Sample } from './mp4-boxes.js';
import { packetTimesFromSamples, type PacketTimes } from './packet-times.js';
import { SegmentClock } from './segment-timing.js';

/** A run taking over holds its fragments for at most this long while waiting to be aligned with the old one. */
const MAX_HOLD_MS = 15_000;
/** Fragments kept for recent(): a live view's playlist holds four. */
const RECENT = 4;

/** A segment cut from a run: the bytes of a standalone fMP4 file and everything the index needs, computed from those bytes. */
export interface CutSegment {
  /** Wall-clock start of its first frame and end of its last, epoch ms. */
  startMs: number;
  endMs: number;
  /** The file, in order: the run's init section (ftyp + moov), then each fragment (moof rebased to decode time 0, mdat). */
  parts: Buffer[];
  bytes: number;
  /** Length of the init section: the #EXT-X-MAP byte range. */
  initBytes: number;
  /** SHA-256 (hex) of exactly `parts`, in order. */
  sha256: string;
  packets: PacketTimes;
}

/** A fragment as the run gave it, dated. */
export interface DatedFragment {
  fragment: Fmp4Fragment;
  /** Wall-clock time of its first frame, epoch ms. */
  startMs: number;
}

export interface RunSegmenterOptions {
  /** Segments are cut at the first keyframe on or after each multiple of this on the UTC clock (so cameras' segments line up). */
  segmentTimeS: number;
  onSegment: (seg: CutSegment) => void;
  /** Every fragment, dated, as it is read (live view). */
  onFragment?: (f: DatedFragment, init: Fmp4Init) => void;
}

/**
 * Cuts the fragmented MP4 one recorder run writes into segments: the
 * run's init section followed by the fragments (one per keyframe interval)
 * whose first frame falls in one `segmentTimeS` slot of the UTC clock. Each
 * segment's decode times are moved back to start at 0, so the files are the
 * same standalone fMP4 files ffmpeg's segment muxer wrote with
 * -reset_timestamps, and the index gets their SHA-256 and frame times from
 * the bytes in memory: nothing is read back.
 *
 * Dating: stream time 0 of a run is when its first packet arrived, which is
 * not seen directly; each read gives when the file was last written (its
 * newest fragment completing), and SegmentClock keeps the earliest
 * `written − stream end` as the anchor.
 *
 * Hand-over between two runs of one camera (a reconnect, a rotation):
 * `skipBeforeMs` drops fragments already in the index, `endAtMs` ends the
 * run at the next run's first fragment (a fragment is dropped when most of
 * it lies after that time).
 */
export class RunSegmenter {
  private readonly splitter: Fmp4StreamSplitter;
  private readonly clock = new SegmentClock();
  private init: Fmp4Init | null = null;
  private open: DatedFragment[] = [];
  /** The newest fragments, across segment boundaries, for a live viewer who has just arrived. */
  private newest: DatedFragment[] = [];
  private slot = -1;
  private lastEndMs = -Infinity;
  private pending: Fmp4Fragment[] = [];
  private ended = false;
  /** Fragments whose first frame is before this (epoch ms) are already recorded elsewhere. */
  skipBeforeMs = -Infinity;
  /** Fragments from this wall time on belong to the next run. */
  private endAtMs = Infinity;
  /** Fragments taken into segments so far. */
  fragmentsSeen = 0;
  /** Wall-clock start of the run's first fragment by its own clock (epoch ms), null before it. */
  firstMs: number | null = null;
  /** Where this run ended for the next one: the start, by this run's clock, of its first fragment that belongs to the next run. */
  cutAtMs: number | null = null;
  /** Fragments read while waiting to be aligned with the run handing over (see holdForAlignment). */
  private held: Array<{ f: Fmp4Fragment; ms: number }> | null = null;
  /** Added to this run's clock once aligned. */
  private shiftMs = 0;

  constructor(private readonly opts: RunSegmenterOptions) {
    if (!(opts.segmentTimeS >= 1)) throw new Error('segmentTimeS must be at least 1 s');
    this.splitter = new Fmp4StreamSplitter({
      init: (init) => {
        if (this.init && this.open.length > 0) this.close();
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
  }

  /** Sets the anchor from a known time: stream time `endS` was written at `writtenAtMs` (a recovered run's last fragment and its mtime). */
  anchor(endS: number, writtenAtMs: number): void {
    this.clock.observe(endS, writtenAtMs);
  }

  /** Wall time (epoch ms) of the run's stream time `s`, once anything has been read. */
  wallMs(s: number): number | null {
    return this.clock.wallMs(s);
  }

  /**
   * A run taking over from another: its fragments are held (not cut, not
   * offered to live view) until align() says how far its clock is from the
   * old run's, so the footage of both is dated on one clock. Two RTSP
   * sessions' clocks can differ by tens of milliseconds at first; the old
   * run's has had longer to settle. At most `maxHoldS` of fragments are held.
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
  }

  /** The run ends at `ms` (the next run took over there): the open segment closes now if it reaches it. */
  endAt(ms: number): void {
    this.endAtMs = ms;
    if (this.open.length > 0 && this.reachesEnd(this.open[this.open.length - 1]!)) this.close();
  }

  /** The newest `n` (at most RECENT) fragments of the run, dated, with its init (a live viewer who has just arrived). */
  recent(n: number): { init: Fmp4Init; fragments: DatedFragment[] } | null {
    return this.init ? { init: this.init, fragments: this.newest.slice(-n) } : null;
  }

  /** The run has ended: closes the open segment. */
  finish(): void {
    this.align(0);
    if (this.open.length > 0) this.close();
    this.ended = true;
  }

  /** Wall-clock end of the last fragment taken (epoch ms), or null before any. */
  get endMs(): number | null {
    return Number.isFinite(this.lastEndMs) ? this.lastEndMs : null;
  }

  private reachesEnd(d: DatedFragment): boolean {
    return d.startMs + (d.fragment.durationS * 1000) / 2 > this.endAtMs;
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
    const startMs = Math.max(wallMs, Number.isFinite(this.lastEndMs) ? this.lastEndMs : -Infinity);
    const d: DatedFragment = { fragment: f, startMs };
    // Already in the index (most of it before the line), or the next run's.
    if (startMs + (f.durationS * 1000) / 2 <= this.skipBeforeMs) return;
    if (this.reachesEnd(d)) {
      this.cutAtMs ??= startMs;
      if (this.open.length > 0) this.close();
      return;
    }
    const slot = Math.floor(startMs / (this.opts.segmentTimeS * 1000));
    if (this.open.length > 0 && slot !== this.slot) this.close();
    if (this.open.length === 0) this.slot = slot;
    this.open.push(d);
    this.fragmentsSeen++;
    this.newest.push(d);
    if (this.newest.length > RECENT) this.newest.shift();
    this.lastEndMs = startMs + f.durationS * 1000;
    this.opts.onFragment?.(d, this.init!);
  }

  private close(): void {
    const init = this.init!;
    const frags = this.open;
    this.open = [];
    const first = frags[0]!.fragment;
    const bases = new Map<number, number>();
    for (const t of first.trafs) if (t.decodeTime !== null) bases.set(t.trackId, t.decodeTime);
    const hash = createHash('sha256');
    const parts: Buffer[] = [init.bytes];
    hash.update(init.bytes);
    let bytes = init.bytes.length;
    const samples: Fmp4Sample[] = [];
    for (const { fragment } of frags) {
      const moof = rebaseMoof(fragment.moof, bases);
      parts.push(moof);
      hash.update(moof);
      for (const p of fragment.mdat) {
        parts.push(p);
        hash.update(p);
      }
      bytes += moof.length + fragment.mdatBytes;
      for (const s of fragment.videoSamples) samples.push(s);
    }
    const last = frags[frags.length - 1]!;
    this.opts.onSegment({
      startMs: frags[0]!.startMs,
      endMs: Math.round(last.startMs + last.fragment.durationS * 1000),
      parts,
      bytes,
      initBytes: init.bytes.length,
      sha256: hash.digest('hex'),
      packets: packetTimesFromSamples(samples, init.video.timescale),
    });
  }
}
