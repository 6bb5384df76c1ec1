import type { Fmp4Init } from './fmp4-stream.js';
import { LiveFeed } from './live-feed.js';
import type { DatedFragment } from './run-segmenter.js';

/** With no playlist or fragment request for this long, live view of the camera stops costing anything. */
const IDLE_MS = 20_000;
/** Fragments a viewer arriving mid-segment is given at once, so its first playlist is not empty. */
const PRIME = 4;

/**
 * Live view of one camera: the newest fragments of what its recorder is
 * recording, as the recorder reads them from the run file (run-segmenter.ts)
 * — byte for byte the recording, dated by the same clock as the index.
 * Nothing is re-muxed and no second output or RTSP session is needed.
 *
 * On demand only: while someone has asked for the playlist or a fragment in
 * the last 20 s, the recorder reads its run file every 150 ms instead of
 * every few seconds and hands each fragment here; otherwise nothing is kept.
 */
export class LiveTail {
  readonly feed = new LiveFeed();
  private lastWanted = -Infinity;
  private init: Fmp4Init | null = null;

  constructor(
    /** The recorder's newest fragments and their init, for a viewer who has just arrived. */
    private readonly recent: (n: number) => { init: Fmp4Init; fragments: DatedFragment[] } | null,
  ) {}

  /** A viewer asked for something: keep (or start) following the recording. */
  want(): void {
    const was = this.active;
    this.lastWanted = Date.now();
    if (was) return;
    const r = this.recent(PRIME);
    if (r) for (const f of r.fragments) this.offer(f, r.init);
  }

  /** Someone has watched in the last 20 s: the recorder reads often and offers every fragment. */
  get active(): boolean {
    if (Date.now() - this.lastWanted <= IDLE_MS) return true;
    if (this.init) this.stop();
    return false;
  }

  /** A fragment just recorded (ignored when nobody watches). */
  offer(f: DatedFragment, init: Fmp4Init): void {
    if (!this.active) return;
    if (init !== this.init) {
      this.init = init;
      this.feed.newRun(init.bytes);
    } else if (f.startMs <= (this.feed.newestPdtMs() ?? -Infinity)) {
      return; // already given when the viewer arrived
    }
    this.feed.add(f.moof, f.mdat, f.durationS, f.startMs);
  }

  /** Forgets the picture (the recorder stopped, or nobody is watching). */
  stop(): void {
    this.init = null;
    this.feed.clear();
  }
}
