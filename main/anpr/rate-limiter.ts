/** Token buckets per key (a camera, an address): `ratePerS` sustained, `burst` at once. Old keys are forgotten. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerS: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes `n` tokens; false when the key is over its rate. */
  take(key: string, n = 1): boolean {
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size > 10_000) this.buckets.clear(); // a flood of made-up keys must not grow memory
      b = { tokens: this.burst, at: t };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.ratePerS);
    b.at = t;
    if (b.tokens < n) return false;
    b.tokens -= n;
    return true;
  }

  /** Whether the key has a token left (without taking one). */
  peek(key: string): boolean {
    const b = this.buckets.get(key);
    if (!b) return true;
    return Math.min(this.burst, b.tokens + ((this.now() - b.at) / 1000) * this.ratePerS) >= 1;
  }

  /** Seconds until `n` tokens are there (for Retry-After). */
  retryAfterS(n = 1): number {
    return Math.max(1, Math.ceil(n / this.ratePerS));
  }
}
