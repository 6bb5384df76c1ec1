/**
 * Restart delays: exponential with jitter, so twenty cameras behind one
 * failed switch do not all reconnect in the same instant when it comes back.
 */
export interface BackoffOptions {
  /** First delay, ms. Default 1000. */
  minMs?: number;
  /** Cap, ms. Default 60000: a camera that is down is retried at least once a minute. */
  maxMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
  /** 0..1: the delay is drawn from [d*(1-jitter), d]. Default 0.3. */
  jitter?: number;
  /**
   * A child that ran at least this long before dying counts as having been
   * healthy, and the schedule starts again from minMs. Default 60000.
   */
  resetAfterMs?: number;
}

export interface ResolvedBackoff {
  minMs: number;
  maxMs: number;
  factor: number;
  jitter: number;
  resetAfterMs: number;
}

export function resolveBackoff(opts: BackoffOptions = {}): ResolvedBackoff {
  const r = {
    minMs: opts.minMs ?? 1000,
    maxMs: opts.maxMs ?? 60_000,
    factor: opts.factor ?? 2,
    jitter: opts.jitter ?? 0.3,
    resetAfterMs: opts.resetAfterMs ?? 60_000,
  };
  if (!(r.minMs >= 0) || !(r.maxMs >= r.minMs)) throw new Error('backoff needs 0 <= minMs <= maxMs');
  if (!(r.factor >= 1)) throw new Error('backoff factor must be >= 1');
  if (!(r.jitter >= 0 && r.jitter <= 1)) throw new Error('backoff jitter must be between 0 and 1');
  if (!(r.resetAfterMs >= 0)) throw new Error('backoff resetAfterMs must not be negative');
  return r;
}

/**
 * Delay before restart number `attempt` (0 = first restart). `random` is
 * injectable so the schedule can be tested exactly.
 */
export function backoffDelay(opts: ResolvedBackoff, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(opts.maxMs, opts.minMs * opts.factor ** Math.max(0, attempt));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(base * (1 - opts.jitter * r));
}
