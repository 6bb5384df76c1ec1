/**
 * Wall-clock times of a recorder run's stream.
 *
 * A run's stream time 0 is the moment ffmpeg got its first packet, which
 * cannot be seen directly. But ffmpeg writes each fragment to the run file
 * the moment it is complete (the next keyframe has arrived), so when the file
 * was last written (its mtime) is just after the stream time where its
 * newest fragment ends:
 *
 *   written = anchor + endS + delay   ⇒   anchor ≤ written − endS
 *
 * and the smallest `written − endS` seen so far is the best estimate of the
 * anchor. Late by the shortest delay seen between a keyframe reaching ffmpeg
 * and the write (microseconds to a few ms), never early, and independent of
 * camera and workstation clock skew (the camera's own clock is stored
 * separately, as an offset per segment).
 */
export class SegmentClock {
  private anchorMs: number | null = null;

  /** Stream time `endS` was on disk at `writtenAtMs` (epoch ms). */
  observe(endS: number, writtenAtMs: number): void {
    const candidate = writtenAtMs - endS * 1000;
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
