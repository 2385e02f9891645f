const RECONNECT_BASE_DELAY_MS = 500;
const RECONNECT_MAX_DELAY_MS = 30_000;
const MAX_REFRESH_MARGIN_MS = 60_000;
const MIN_REFRESH_MARGIN_MS = 1_000;

/**
 * Computes the pause before reconnect attempt `attempt` (0 for the first):
 * exponential growth from 0.5 s, capped at 30 s, with "equal jitter" so that
 * the delay lies between half and all of that value and clients that lost the
 * same gateway do not reconnect in step.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_BASE_DELAY_MS * 2 ** Math.max(0, attempt));

  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Computes how long to wait before refreshing an access token that expires at
 * `expiresAt` (Unix ms). The refresh starts a fifth of the remaining lifetime
 * before expiry, but at least 1 s and at most 60 s before it.
 */
export function tokenRefreshDelayMs(expiresAt: number, now: number): number {
  const remaining = expiresAt - now;
  const margin = Math.min(MAX_REFRESH_MARGIN_MS, Math.max(MIN_REFRESH_MARGIN_MS, remaining / 5));

  return Math.max(0, Math.round(remaining - margin));
}
