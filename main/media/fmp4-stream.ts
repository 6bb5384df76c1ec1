import { fragmentTimings, videoTrackOf, type TrafTiming, type VideoTrackInfo } from './mp4-boxes.js';

/** The init section of a fragmented-MP4 stream: every box before the first moof (ftyp + moov). */
export interface Fmp4Init {
  bytes: Buffer;
  video: VideoTrackInfo;
}

/** One fragment (moof + mdat) as it came off the stream, with its timing read from the moof. */
export interface Fmp4Fragment {
  moof: Buffer;
  mdat: Buffer;
  /** Every traf (track run) of the moof. */
  trafs: TrafTiming[];
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

/** moov and moof are kilobytes; an mdat holds one keyframe interval (megabytes at most). */
const MAX_BOX = 256 * 1024 * 1024;

/**
 * Cuts a fragmented-MP4 byte stream (ffmpeg's mp4 muxer with
 * frag_keyframe + empty_moov writing to a pipe) into its init section and
 * its fragments, as the bytes arrive in chunks of any size.
 *
 * A box is handed on only when it is whole; the bytes of a box still
 * arriving are kept as a list of chunks and joined once, so a large mdat
 * costs one copy, not one per chunk. Boxes other than ftyp/moov/moof/mdat
 * (the mfra index ffmpeg writes at the end, free space) are skipped. A
 * stream that is not MP4 (a box of impossible size, an mdat before any
 * moov) throws with where it went wrong: the recorder restarts ffmpeg
 * rather than write garbage.
 */
export class Fmp4StreamSplitter {
  private parts: Buffer[] = [];
  private partsLen = 0;
  /** Bytes needed before parsing can go on: a header (8 or 16) or the rest of a box. */
  private need = 8;
  private offset = 0;
  private initParts: Buffer[] = [];
  private video: VideoTrackInfo | null = null;
  private initSent = false;
  private moof: Buffer | null = null;

  constructor(private readonly on: Fmp4StreamHandlers) {}

  /** Bytes taken so far. */
  get bytes(): number {
    return this.offset + this.partsLen;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.parts.push(chunk);
    this.partsLen += chunk.length;
    if (this.partsLen < this.need) return;
    const buf = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.partsLen);
    let at = 0;
    for (;;) {
      const left = buf.length - at;
      if (left < 8) {
        this.need = 8;
        break;
      }
      let size = buf.readUInt32BE(at);
      let header = 8;
      if (size === 1) {
        if (left < 16) {
          this.need = 16;
          break;
        }
        size = Number(buf.readBigUInt64BE(at + 8));
        header = 16;
      }
      const type = buf.toString('latin1', at + 4, at + 8);
      if (size === 0) throw new Error(`the stream has a "${type}" box of unbounded size at byte ${this.offset + at}; a live MP4 stream cannot`);
      if (size < header || size > MAX_BOX || !/^[\x20-\x7e]{4}$/.test(type)) {
        throw new Error(`the stream is not fragmented MP4: a box "${type.replace(/[^\x20-\x7e]/g, '?')}" of ${size} bytes at byte ${this.offset + at}`);
      }
      if (left < size) {
        this.need = size;
        break;
      }
      this.box(type, buf.subarray(at, at + size), this.offset + at);
      at += size;
    }
    this.offset += at;
    const rest = buf.subarray(at);
    this.parts = rest.length > 0 ? [rest] : [];
    this.partsLen = rest.length;
  }

  private box(type: string, box: Buffer, at: number): void {
    switch (type) {
      case 'moof':
        if (!this.video) throw new Error(`a moof at byte ${at} comes before any moov`);
        if (!this.initSent) {
          this.on.init({ bytes: Buffer.concat(this.initParts), video: this.video });
          this.initParts = [];
          this.initSent = true;
        }
        this.moof = box;
        return;
      case 'mdat':
        if (!this.moof) {
          if (!this.initSent) throw new Error(`an mdat at byte ${at} comes before any moof: not a fragmented MP4 stream`);
          return; // stray media with no index: nothing can play it
        }
        this.fragment(this.moof, box);
        this.moof = null;
        return;
      case 'ftyp':
      case 'moov':
        if (this.initSent) {
          // A new init mid-stream (not something ffmpeg does): start over with it.
          this.initSent = false;
          this.initParts = [];
        }
        this.initParts.push(box);
        if (type === 'moov') this.video = videoTrackOf(box.subarray(8));
        return;
      default:
        // free, mfra, sidx…: nothing to keep. Before the first moof they are part of the init.
        if (!this.initSent) this.initParts.push(box);
    }
  }

  private fragment(moof: Buffer, mdat: Buffer): void {
    const video = this.video!;
    const trafs = fragmentTimings(moof, (id) => (id === video.trackId ? video.trex.duration : 0));
    const v = trafs.find((t) => t.trackId === video.trackId);
    const startS = v?.decodeTime != null ? v.decodeTime / video.timescale : 0;
    this.on.fragment({ moof, mdat, trafs, startS, durationS: v ? v.duration / video.timescale : 0, frames: v?.samples ?? 0 });
  }
}
