import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readFragment, videoTrackOf, type VideoTrackInfo } from './mp4-boxes.js';

/** At most this much is read in one go (a run file that is already long when it is first read). */
const MAX_READ = 16 * 1024 * 1024;

/**
 * The file one recorder run is writing, read as it grows: each call returns
 * the bytes appended since the last one and when the file was last written
 * (its mtime), which is when the newest fragment in those bytes reached the
 * disk — ffmpeg writes a fragment the moment it is complete, so that is the
 * clock the segments are dated by (segment-timing.ts).
 *
 * Synchronous reads of what is in the page cache: a second of a camera is
 * tens to hundreds of kilobytes, a memory copy, cheaper than handing it to
 * the thread pool and back.
 */
export class RunFile {
  private fd: number | null = null;
  private offset = 0;

  constructor(readonly path: string) {}

  /**
   * Bytes appended since the last call (null when none, or the file does not
   * exist yet); `more` when there is more to read at once (a long file read
   * for the first time).
   */
  readNew(): { chunk: Buffer; writtenAtMs: number; more: boolean } | null {
    if (this.fd === null) {
      try {
        this.fd = openSync(this.path, 'r');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null; // ffmpeg has not opened it yet
        throw e;
      }
    }
    const st = fstatSync(this.fd);
    if (st.size <= this.offset) return null;
    const want = Math.min(st.size - this.offset, MAX_READ);
    const buf = Buffer.allocUnsafe(want);
    const n = readSync(this.fd, buf, 0, want, this.offset);
    if (n <= 0) return null;
    this.offset += n;
    return { chunk: n === want ? buf : buf.subarray(0, n), writtenAtMs: st.mtimeMs, more: this.offset < st.size };
  }

  close(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        /* already closed */
      }
    }
    this.fd = null;
  }
}

/**
 * Where a run file's stream ends (the end of its last whole fragment, in
 * stream seconds) and when the file was last written: a run left behind by
 * a crash is dated from these, as its recorder would have dated it. Walks
 * the box headers only (each moof is read, each mdat skipped). Null when no
 * fragment is whole.
 */
export function lastFragmentEnd(file: string): { endS: number; writtenAtMs: number } | null {
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    const head = Buffer.alloc(16);
    let at = 0;
    let video: VideoTrackInfo | null = null;
    let endS: number | null = null;
    while (at + 8 <= st.size) {
      if (readSync(fd, head, 0, 16, at) < 8) break;
      let size = head.readUInt32BE(0);
      if (size === 1) size = Number(head.readBigUInt64BE(8));
      const type = head.toString('latin1', 4, 8);
      if (size < 8 || at + size > st.size) break; // the fragment being written when the run stopped
      if (type === 'moov' || type === 'moof') {
        const box = Buffer.allocUnsafe(size);
        readSync(fd, box, 0, size, at);
        if (type === 'moov') video = videoTrackOf(box.subarray(8));
        else if (video) {
          const v = readFragment(box, video).trafs.find((t) => t.trackId === video!.trackId);
          if (v && v.decodeTime !== null) endS = (v.decodeTime + v.duration) / video.timescale;
        }
      }
      at += size;
    }
    return endS === null ? null : { endS, writtenAtMs: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
}
