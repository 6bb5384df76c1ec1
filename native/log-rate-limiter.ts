/**
 * Lets at most `maxPerWindow` log lines through per `windowMs`, counting what
 * it drops. A camera with a broken stream makes ffmpeg print an error per
 * packet (hundreds a second); without this one camera fills the disk with
 * logs and hides every other message.
 */
export class LogRateLimiter {
  private windowStart = 0;
  private passed = 0;
  private dropped = 0;

  constructor(
    private readonly maxPerWindow = 20,
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Returns whether this line may be logged, and how many lines were dropped
   * in the window that just ended (so the caller can log "N lines suppressed").
   */
  take(): { allowed: boolean; droppedBefore: number } {
    const t = this.now();
    let droppedBefore = 0;
    if (t - this.windowStart >= this.windowMs) {
      droppedBefore = this.dropped;
      this.windowStart = t;
      this.passed = 0;
      this.dropped = 0;
    }
    if (this.passed < this.maxPerWindow) {
      this.passed++;
      return { allowed: true, droppedBefore };
    }
    this.dropped++;
    return { allowed: false, droppedBefore };
  }

  /**
   * Lines dropped in the current window and not yet reported; counts them as
   * reported (call when the source ends, so the total is not lost or repeated).
   */
  takeDropped(): number {
    const n = this.dropped;
    this.dropped = 0;
    return n;
  }
}
