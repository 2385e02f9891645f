/** An error response of the HTTP API: its status, code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The server's message alone, for showing to the user. */
    readonly detail: string,
    /** From the Retry-After header of a 429 or 503, in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'ApiError';
  }
}

/** An error frame in reply to a request, or a request that got no reply. */
export class RequestError extends Error {
  constructor(
    readonly code: string,
    /** The server's message alone, for showing to the user. */
    readonly detail: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'RequestError';
  }
}

/** Codes after which repeating the same request cannot succeed. */
const PERMANENT_CODES = new Set([
  'INVALID_FIELD',
  'INVALID_ARGUMENT',
  'NOT_A_MEMBER',
  'NOT_FOUND',
  'UNKNOWN_TYPE',
  'MALFORMED_JSON',
  'FRAME_TOO_LARGE',
]);

export function isPermanent(error: unknown): boolean {
  return error instanceof RequestError && PERMANENT_CODES.has(error.code);
}
