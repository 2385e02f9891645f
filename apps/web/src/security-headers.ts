import type { ServerResponse } from 'node:http';

/** Host header values that are safe to repeat inside the Content-Security-Policy. */
const HOST_PATTERN = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * Builds the Content-Security-Policy of every response. The page loads
 * nothing but its own files, and talks only to its own origin over HTTP and
 * WebSocket. The ws: and wss: sources are listed because 'self' does not
 * match WebSocket URLs in every browser (MDN, "CSP: connect-src").
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const socketSources = host !== undefined && HOST_PATTERN.test(host) ? ` ws://${host} wss://${host}` : '';

  return [
    "default-src 'self'",
    `connect-src 'self'${socketSources}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function setSecurityHeaders(response: ServerResponse, host: string | undefined): void {
  response.setHeader('Content-Security-Policy', contentSecurityPolicy(host));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}
