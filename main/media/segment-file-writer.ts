import { createHash, type Hash } from 'node:crypto';
import { closeSync, fdatasync, ftruncateSync, openSync, writeSync, writevSync } from 'node:fs';
import type { Fmp4Fragment } from './fmp4-stream.js';
import { writeDecodeTime, type Fmp4Sample, type VideoTrackInfo } from './mp4-boxes.js';
import { packetTimesFromSamples, type PacketTimes } from './packet-times.js';
import type { SegmentScan } from './segment-scan.js';

/**
 * Writes one segment file from the recorder's fMP4 stream: the init section,
 * then whole fragments, and computes on the way what the index needs — the
 * SHA-256 of exactly the bytes written, and the frame count, keyframes and
 * frame times from each moof as the splitter read it (readFragment applies
 * the same rules as the read-back scan of a file recovered after a crash,
 * and a test holds the two to the same answer).
 *
 * Decode times restart at 0 in every file (as ffmpeg's -reset_timestamps
 * did): each traf's tfdt is rewritten relative to the file's first fragment,
 * in the moof only (kilobytes), so the mdat is written untouched.
 *
 * Writes are synchronous and whole-fragment: a fragment is in the page
 * cache before the next one is taken, and a crash leaves at most one
 * fragment torn (the recovery scan keeps only whole frames). A failed write
 * (disk full, folder gone) truncates the file back to its last whole
 * fragment, so the file stays valid and its hash true.
 */
export class SegmentFileWriter {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private readonly samples: Fmp4Sample[] = [];
  private bytes = 0;
  private readonly initBytes: number;
  private readonly base = new Map<number, number>();
  private closed = false;
  /** Stream time (s) of the file's first fragment and of the end of its last. */
  readonly startS: number;
  private endS: number;
  private fragments = 0;

  /**
   * Creates the file (never overwrites one: 'wx') and writes the init.
   * Throws the file system's error (EEXIST, ENOSPC, ENOENT…) untouched.
   */
  constructor(
    readonly absPath: string,
    init: Buffer,
    private readonly video: VideoTrackInfo,
    first: Fmp4Fragment,
  ) {
    this.fd = openSync(absPath, 'wx');
    try {
      writeSync(this.fd, init);
    } catch (e) {
      closeSync(this.fd);
      throw e;
    }
    this.take(init);
    this.initBytes = init.length;
    this.startS = first.startS;
    this.endS = first.startS;
    for (const t of first.trafs) if (t.decodeTime !== null) this.base.set(t.trackId, t.decodeTime);
  }

  get durationS(): number {
    return this.endS - this.startS;
  }

  get endStreamS(): number {
    return this.endS;
  }

  get fragmentCount(): number {
    return this.fragments;
  }

  /** Appends one fragment. On a write error the file is cut back to its last whole fragment and the error thrown. */
  append(f: Fmp4Fragment): void {
    if (this.closed) throw new Error('segment file already closed');
    const original: number[] = [];
    for (const t of f.trafs) {
      original.push(t.decodeTime ?? 0);
      if (t.decodeTime === null) continue;
      const base = this.base.get(t.trackId) ?? t.decodeTime;
      if (!this.base.has(t.trackId)) this.base.set(t.trackId, base);
      writeDecodeTime(f.moof, t, Math.max(0, t.decodeTime - base));
    }
    try {
      const want = f.moof.length + f.mdatBytes;
      let written: number;
      try {
        written = writevSync(this.fd, [f.moof, ...f.mdat]);
      } catch (e) {
        this.truncate();
        throw e;
      }
      if (written !== want) {
        // A short write (out of space part way): the kernel took some of it.
        this.truncate();
        const err = new Error(`short write: ${written} of ${want} bytes`) as NodeJS.ErrnoException;
        err.code = 'ENOSPC';
        throw err;
      }
      this.take(f.moof);
      for (const part of f.mdat) this.take(part);
      // Relative to the file's first decode time, exactly as a read-back of the rewritten file sees them.
      const base = this.base.get(this.video.trackId) ?? 0;
      for (const v of f.videoSamples) this.samples.push({ pts: v.pts - base, key: v.key });
      this.fragments++;
      this.endS = Math.max(this.endS, f.startS + f.durationS);
    } finally {
      // The moof is shared with live view, which serves the stream's own times.
      f.trafs.forEach((t, i) => writeDecodeTime(f.moof, t, original[i]!));
    }
  }

  /** Makes the file durable (fdatasync, off the event loop), closes it and says what it holds. */
  async finish(): Promise<SegmentScan> {
    if (this.closed) throw new Error('segment file already closed');
    this.closed = true;
    try {
      await new Promise<void>((resolve, reject) => fdatasync(this.fd, (e) => (e ? reject(e) : resolve())));
    } finally {
      closeSync(this.fd);
    }
    return this.scan();
  }

  /** Closes without waiting for the disk (shutdown after an error). */
  finishNow(): SegmentScan {
    if (!this.closed) {
      this.closed = true;
      closeSync(this.fd);
    }
    return this.scan();
  }

  private scan(): SegmentScan {
    const packets: PacketTimes = packetTimesFromSamples(this.samples, this.video.timescale);
    return { bytes: this.bytes, sha256: this.hash.copy().digest('hex'), initBytes: this.fragments > 0 ? this.initBytes : null, packets, parseError: null, cpuUs: 0 };
  }

  private take(b: Buffer): void {
    this.hash.update(b);
    this.bytes += b.length;
  }

  private truncate(): void {
    try {
      ftruncateSync(this.fd, this.bytes);
    } catch {
      /* the file system is failing; the recovery scan keeps only whole frames */
    }
  }
}
