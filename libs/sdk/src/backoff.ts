export interface BackoffOptions {
  /** Upper bound of the first delay (ms). */
  initialDelayMs: number;
  /** Upper bound of any delay (ms). */
  maxDelayMs: number;
  /** A number in [0, 1); Math.random unless a test fixes it. */
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 500, maxDelayMs: 30_000, random: Math.random };

/**
 * Delays between reconnect attempts: exponential growth with full jitter,
 * so attempt n waits a uniform random time in [0, min(max, initial * 2^n)).
 * Clients dropped together by one gateway restart therefore come back
 * spread over the window instead of all at the same instant.
 */
export class Backoff {
  private attempt = 0;

  constructor(private readonly options: BackoffOptions = DEFAULT_BACKOFF) {}

  /** Returns the delay before the next attempt. Each call widens the window until maxDelayMs. */
  next(): number {
    const ceiling = Math.min(this.options.maxDelayMs, this.options.initialDelayMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);

    return Math.floor(this.options.random() * ceiling);
  }

  /** Returns a delay within the first window, for a reconnect that the server requested (close 1012). */
  first(): number {
    return Math.floor(this.options.random() * this.options.initialDelayMs);
  }

  get attempts(): number {
    return this.attempt;
  }

  reset(): void {
    this.attempt = 0;
  }
}
