import { readFragment, videoTrackOf, type Fmp4Sample, type TrafTiming, type VideoTrackInfo } from './mp4-boxes.js';

/** The init section of a fragmented-MP4 stream: every box before the first moof (ftyp + moov). */
export interface Fmp4Init {
  bytes: Buffer;
  video: VideoTrackInfo;
}

/** One fragment (moof + mdat) as it came off the stream, with its timing read from the moof. */
export interface Fmp4Fragment {
  moof: Buffer;
  /**
   * The whole mdat box (header included) as the pieces it arrived in:
   * never joined, so a fragment costs no copy on its way to disk and to
   * live view.
   */
  mdat: Buffer[];
  /** Bytes of the mdat box. */
  mdatBytes: number;
  /** Every traf (track run) of the moof. */
  trafs: TrafTiming[];
  /** The video samples (frames): presentation time in the track's timescale, key flag. */
  videoSamples: Fmp4Sample[];
  /** Stream time of the fragment's first video sample and its duration, seconds. */
  startS: number;
  durationS: number;
  /** Video frames in the fragment. */
  frames: number;
}

export interface Fmp4StreamHandlers {
  init(init: Fmp4Init): void;
  fragment(fragment: Fmp4Fragment): void;
}

/** A box type is four printable ASCII characters (checked without a regular expression: this runs for every box). */
function printableType(head: Buffer): boolean {
  for (let i = 4; i < 8; i++) if (head[i]! < 0x20 || head[i]! > 0x7e) return false;
  return true;
}

/** moov and moof are kilobytes; an mdat holds one keyframe interval (megabytes at most). */
const MAX_BOX = 256 * 1024 * 1024;

/**
 * Cuts a fragmented-MP4 byte stream (ffmpeg's mp4 muxer with
 * frag_keyframe + empty_moov writing to a pipe) into its init section and
 * its fragments, as the bytes arrive in chunks of any size.
 *
 * A box is handed on only when it is whole. Chunks are kept as they came
 * and a box is taken as slices of them: the mdat (the media, kilobytes to
 * megabytes) is never copied; only the small boxes (moov, moof) are joined
 * when they straddle two chunks. Copies of the media would be garbage for
 * the collector every second per camera. Boxes other than
 * ftyp/moov/moof/mdat (the mfra index ffmpeg writes at the end, free space)
 * are skipped. A stream that is not MP4 (a box of impossible size, an mdat
 * before any moov) throws with where it went wrong: the recorder restarts
 * ffmpeg rather than write garbage.
 */
export class Fmp4StreamSplitter {
  private queue: Buffer[] = [];
  private queued = 0;
  private offset = 0;
  /** The box whose header has been read and whose bytes are awaited. */
  private box: { type: string; size: number; at: number } | null = null;
  private initParts: Buffer[] = [];
  private video: VideoTrackInfo | null = null;
  private initSent = false;
  private moof: Buffer | null = null;

  constructor(private readonly on: Fmp4StreamHandlers) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.queue.push(chunk);
    this.queued += chunk.length;
    for (;;) {
      if (!this.box && !this.readHeader()) return;
      const b = this.box!;
      if (this.queued < b.size) return;
      this.box = null;
      this.take(b.type, this.takeBytes(b.size), b.size, b.at);
    }
  }

  /** Reads the next box header when enough bytes are queued; false when more are needed. */
  private readHeader(): boolean {
    if (this.queued < 8) return false;
    let head = this.peek(8);
    let size = head.readUInt32BE(0);
    let header = 8;
    if (size === 1) {
      if (this.queued < 16) return false;
      head = this.peek(16);
      size = Number(head.readBigUInt64BE(8));
      header = 16;
    }
    const type = head.toString('latin1', 4, 8);
    if (size === 0) throw new Error(`the stream has a "${type}" box of unbounded size at byte ${this.offset}; a live MP4 stream cannot`);
    if (size < header || size > MAX_BOX || !printableType(head)) {
      throw new Error(`the stream is not fragmented MP4: a box "${type.replace(/[^\x20-\x7e]/g, '?')}" of ${size} bytes at byte ${this.offset}`);
    }
    this.box = { type, size, at: this.offset };
    return true;
  }

  /** The first n queued bytes, without taking them (copied only when they straddle chunks). */
  private peek(n: number): Buffer {
    const first = this.queue[0]!;
    if (first.length >= n) return first;
    return Buffer.concat(this.queue, this.queued).subarray(0, n);
  }

  /** Takes n bytes off the queue as slices of the chunks they arrived in. */
  private takeBytes(n: number): Buffer[] {
    const out: Buffer[] = [];
    let left = n;
    while (left > 0) {
      const c = this.queue[0]!;
      if (c.length <= left) {
        out.push(c);
        this.queue.shift();
        left -= c.length;
      } else {
        out.push(c.subarray(0, left));
        this.queue[0] = c.subarray(left);
        left = 0;
      }
    }
    this.queued -= n;
    this.offset += n;
    return out;
  }

  private take(type: string, parts: Buffer[], size: number, at: number): void {
    const whole = (): Buffer => (parts.length === 1 ? parts[0]! : Buffer.concat(parts, size));
    switch (type) {
      case 'moof':
        if (!this.video) throw new Error(`a moof at byte ${at} comes before any moov`);
        if (!this.initSent) {
          this.on.init({ bytes: Buffer.concat(this.initParts), video: this.video });
          this.initParts = [];
          this.initSent = true;
        }
        this.moof = whole();
        return;
      case 'mdat':
        if (!this.moof) {
          if (!this.initSent) throw new Error(`an mdat at byte ${at} comes before any moof: not a fragmented MP4 stream`);
          return; // stray media with no index: nothing can play it
        }
        this.fragment(this.moof, parts, size);
        this.moof = null;
        return;
      case 'ftyp':
      case 'moov': {
        if (this.initSent) {
          // A new init mid-stream (not something ffmpeg does): start over with it.
          this.initSent = false;
          this.initParts = [];
        }
        const box = whole();
        this.initParts.push(box);
        if (type === 'moov') this.video = videoTrackOf(box.subarray(8));
        return;
      }
      default:
        // free, mfra, sidx…: nothing to keep. Before the first moof they are part of the init.
        if (!this.initSent) this.initParts.push(whole());
    }
  }

  private fragment(moof: Buffer, mdat: Buffer[], mdatBytes: number): void {
    const video = this.video!;
    const { trafs, videoSamples } = readFragment(moof, video);
    const v = trafs.find((t) => t.trackId === video.trackId);
    const startS = v?.decodeTime != null ? v.decodeTime / video.timescale : 0;
    this.on.fragment({ moof, mdat, mdatBytes, trafs, videoSamples, startS, durationS: v ? v.duration / video.timescale : 0, frames: videoSamples.length });
  }
}
