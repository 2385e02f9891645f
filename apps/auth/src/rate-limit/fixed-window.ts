/** Outcome of counting one attempt in a fixed window. */
export interface WindowCount {
  /** Attempts in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends. */
  remainingMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** When refused: milliseconds until every exceeded window has ended. */
  retryAfterMs?: number;
}

/**
 * Decides on counted attempts in one or more fixed windows, e.g. per
 * username and per client address. The attempt is allowed when no window
 * counts more than max attempts; otherwise the caller may retry once the
 * longest of the exceeded windows ends.
 */
export function decide(counts: WindowCount[], max: number, windowMs: number): RateLimitDecision {
  const exceeded = counts.filter((window) => window.count > max);
  if (exceeded.length === 0) return { allowed: true };
  // A key without a TTL counts as a full window, so the wait is never 0 or less; the script always sets a TTL.
  const retryAfterMs = Math.max(...exceeded.map((window) => (window.remainingMs > 0 ? window.remainingMs : windowMs)));

  return { allowed: false, retryAfterMs };
}
