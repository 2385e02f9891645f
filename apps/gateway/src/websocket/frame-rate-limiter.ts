/**
 * Token bucket for one connection's frames: `ratePerSecond` frames per
 * second on average, bursts of up to `burst` frames.
 */
export class FrameRateLimiter {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.updatedAt = now();
  }

  /** Takes one token; returns 0 when the frame may pass, else the milliseconds until it could. */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) * this.ratePerSecond) / 1000);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;

      return 0;
    }

    return Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond);
  }
}
