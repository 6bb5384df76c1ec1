/**
 * Wall-clock times of recorded segments.
 *
 * ffmpeg's segment list gives each closed segment's start and end in stream
 * time (seconds since the recorder's first packet); the strftime file name
 * gives the start only to the second. The recorder process's stream time 0
 * is the moment its first packet arrived, which we cannot see directly, but
 * each list line arrives just after its segment closed, i.e. at
 * (anchor + endS + delivery delay). So `arrival - endS` is an upper bound of
 * the anchor, and the smallest seen so far is the best estimate:
 *
 *   anchor ≈ min over lines of (arrival − endS)
 *
 * Accuracy: the estimate is late by the shortest delay seen between a
 * keyframe reaching ffmpeg and its list line reaching Node — a few ms to
 * tens of ms on a local machine (a line is flushed the moment the next
 * keyframe closes the segment). Never early, and independent of camera and
 * workstation clock skew (the camera's own clock is stored separately as an
 * offset). The file name's second is used as a sanity check: an estimate
 * more than 2 s from it means the anchor is stale (ffmpeg restarted without
 * us noticing), and the file name wins.
 */
export class SegmentClock {
  private anchorMs: number | null = null;

  /** Wall-clock start and end (epoch ms) of a segment whose list line arrived at `arrivalMs`. */
  place(seg: { startS: number; endS: number }, arrivalMs: number, fileNameStartMs: number | null): { startMs: number; endMs: number } {
    const candidate = arrivalMs - seg.endS * 1000;
    if (this.anchorMs === null || candidate < this.anchorMs) this.anchorMs = candidate;
    let startMs = Math.round(this.anchorMs + seg.startS * 1000);
    if (fileNameStartMs !== null && Math.abs(startMs - (fileNameStartMs + 500)) > 2000) {
      // Stale anchor: trust the file name (to the second) and start again.
      this.anchorMs = fileNameStartMs - seg.startS * 1000;
      startMs = fileNameStartMs;
    }
    const endMs = startMs + Math.round((seg.endS - seg.startS) * 1000);
    return { startMs, endMs };
  }

  /**
   * A piece of stream ending at stream time `endS` was seen to arrive at
   * `arrivalMs` (live view: a fragment found in the file being written),
   * for the same minimum.
   */
  observe(endS: number, arrivalMs: number): void {
    const candidate = arrivalMs - endS * 1000;
    if (this.anchorMs === null || candidate < this.anchorMs) this.anchorMs = candidate;
  }

  /** Wall-clock time (epoch ms) of stream time `s`, or null before anything was seen. */
  wallMs(s: number): number | null {
    return this.anchorMs === null ? null : Math.round(this.anchorMs + s * 1000);
  }

  reset(): void {
    this.anchorMs = null;
  }
}
