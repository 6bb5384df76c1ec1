/**
 * Wall-clock times of recorded footage.
 *
 * The recorder's fMP4 stream carries stream time (seconds since ffmpeg's
 * first packet), not wall time. Stream time 0 is the moment that first
 * packet arrived, which we cannot see directly, but every fragment reaches
 * Node just after it closed — ffmpeg flushes a fragment when the keyframe
 * after it arrives — i.e. at (anchor + endS + delivery delay). So
 * `arrival − endS` is an upper bound of the anchor, and the smallest seen so
 * far is the best estimate:
 *
 *   anchor ≈ min over fragments of (arrival − endS)
 *
 * Accuracy: the estimate is late by the shortest delay seen between a
 * keyframe reaching ffmpeg and its fragment reaching Node — a few ms on a
 * local machine, refined every second. Never early, and independent of
 * camera and workstation clock skew (the camera's own clock is stored
 * separately as an offset). A new ffmpeg run starts a new stream time, so
 * the recorder resets the clock at every spawn.
 */
export class SegmentClock {
  private anchorMs: number | null = null;

  /** A piece of stream ending at stream time `endS` arrived at `arrivalMs`. */
  observe(endS: number, arrivalMs: number): void {
    const candidate = arrivalMs - endS * 1000;
    if (this.anchorMs === null || candidate < this.anchorMs) this.anchorMs = candidate;
  }

  /** Wall-clock time (epoch ms) of stream time `s`, or null before anything was observed. */
  wallMs(s: number): number | null {
    return this.anchorMs === null ? null : Math.round(this.anchorMs + s * 1000);
  }

  reset(): void {
    this.anchorMs = null;
  }
}
