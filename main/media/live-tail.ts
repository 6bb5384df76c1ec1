import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Logger } from 'pino';
import { Fmp4StreamSplitter, type Fmp4Fragment } from './fmp4-stream.js';
import { LiveFeed } from './live-feed.js';
import { SegmentClock } from './segment-timing.js';

/**
 * A segment file to follow, and when its first frame was recorded (epoch ms)
 * where the recorder knows it: a closed segment's indexed start, or for the
 * file being written, the end of the segment before it in the same run. A
 * file read whole when tailing starts has no arrival times of its own to
 * date it by.
 */
export interface LiveFile {
  path: string;
  startMs: number | null;
}

/** How often the file being recorded is checked for new fragments while someone is watching. */
const POLL_MS = 150;
/** With no playlist or fragment request for this long, live view of the camera stops costing anything. */
const IDLE_MS = 20_000;
/** At most this much is read in one go (a segment file that is already long when tailing starts). */
const MAX_READ = 8 * 1024 * 1024;

/**
 * Live view of one camera, read from the segment file its recorder is
 * writing: ffmpeg flushes every fragment (one keyframe interval) to the file
 * as it completes, so the newest fragments of that file ARE the live
 * picture, byte for byte what is being recorded. Nothing is re-muxed and no
 * second output or RTSP session is needed.
 *
 * On demand only: the first request for the camera's playlist starts a
 * poll of the file (an fstat every 150 ms, a read when it grew), and it stops
 * 20 s after the last request, so cameras nobody watches cost nothing.
 *
 * Every segment file has its own init section and its decode times start at
 * 0, so each file is a new run for the feed (a discontinuity in the
 * playlist). Wall times come from when fragments were seen to arrive
 * (SegmentClock: the earliest arrival bounds the anchor), the same way the
 * index dates whole segments.
 */
export class LiveTail {
  readonly feed = new LiveFeed();
  private file: string | null = null;
  private fd: number | null = null;
  private offset = 0;
  private splitter: Fmp4StreamSplitter | null = null;
  private readonly clock = new SegmentClock();
  private timer: NodeJS.Timeout | null = null;
  private lastWanted = 0;

  constructor(
    /** The segment file being written now, or null (recorder starting or down). */
    private readonly currentFile: () => LiveFile | null,
    /** The segment file closed just before it, or null: read first when tailing starts, so a viewer never waits for a new file's first fragment. */
    private readonly previousFile: () => LiveFile | null,
    private readonly log: Logger,
  ) {}

  /** A viewer asked for something: keep (or start) following the recording. Reads at once, so a first playlist is not empty. */
  want(): void {
    this.lastWanted = Date.now();
    if (this.timer) return;
    this.timer = setInterval(() => this.poll(), POLL_MS);
    this.timer.unref();
    this.poll();
  }

  /** Stops following and forgets the picture (the recorder stopped, or nobody is watching). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.close();
    this.feed.clear();
  }

  private poll(): void {
    if (Date.now() - this.lastWanted > IDLE_MS) {
      this.stop();
      return;
    }
    try {
      const current = this.currentFile();
      if (this.file === null && this.feed.newestPdtMs() === null) {
        const previous = this.previousFile();
        if (previous && previous.path !== current?.path) {
          this.open(previous);
          this.readMore();
        }
      }
      if ((current?.path ?? null) !== this.file) {
        // The old file is complete before ffmpeg opens the next one: take its last fragment first.
        this.readMore();
        this.open(current);
      }
      this.readMore();
    } catch (e) {
      // A file removed or unreadable: start again with whatever is current next time.
      this.log.warn({ file: this.file, err: (e as Error).message }, 'live view could not read the recording');
      this.close();
    }
  }

  private open(file: LiveFile | null): void {
    this.close();
    if (!file) return;
    this.fd = openSync(file.path, 'r');
    this.file = file.path;
    this.offset = 0;
    this.clock.reset();
    // Decode times start at 0 in every segment file: a known start dates all of it.
    if (file.startMs !== null) this.clock.observe(0, file.startMs);
    this.splitter = new Fmp4StreamSplitter({
      init: (init) => this.feed.newRun(init.bytes),
      fragment: (f) => this.onFragment(f),
    });
  }

  private readMore(): void {
    if (this.fd === null || !this.splitter) return;
    const size = fstatSync(this.fd).size;
    // When tailing starts on a long file, skip nothing: the init comes first
    // and the feed keeps only the newest fragments.
    while (this.offset < size) {
      const want = Math.min(size - this.offset, MAX_READ);
      const buf = Buffer.allocUnsafe(want);
      const n = readSync(this.fd, buf, 0, want, this.offset);
      if (n <= 0) break;
      this.offset += n;
      try {
        this.splitter.push(n === want ? buf : buf.subarray(0, n));
      } catch (e) {
        this.log.warn({ file: this.file, err: (e as Error).message }, 'live view: the recording is not readable as fragmented MP4; waiting for the next file');
        this.splitter = null;
        return;
      }
    }
  }

  private onFragment(f: Fmp4Fragment): void {
    const arrival = Date.now();
    this.clock.observe(f.startS + f.durationS, arrival);
    this.feed.add(f.moof, f.mdat, f.durationS, this.clock.wallMs(f.startS) ?? arrival);
  }

  private close(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        /* already closed */
      }
    }
    this.fd = null;
    this.file = null;
    this.splitter = null;
  }
}
