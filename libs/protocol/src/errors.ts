/**
 * Error codes shared by every transport: WebSocket error frames, HTTP bodies
 * and gRPC (carried in the "x-error-code" metadata entry beside the status).
 */
export enum ErrorCode {
  MALFORMED_JSON = 'MALFORMED_JSON',
  UNKNOWN_TYPE = 'UNKNOWN_TYPE',
  INVALID_FIELD = 'INVALID_FIELD',
  FRAME_TOO_LARGE = 'FRAME_TOO_LARGE',
  INVALID_ARGUMENT = 'INVALID_ARGUMENT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  SESSION_REVOKED = 'SESSION_REVOKED',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  INVALID_REFRESH_TOKEN = 'INVALID_REFRESH_TOKEN',
  USERNAME_TAKEN = 'USERNAME_TAKEN',
  RATE_LIMITED = 'RATE_LIMITED',
  NOT_FOUND = 'NOT_FOUND',
  NOT_A_MEMBER = 'NOT_A_MEMBER',
  UNAVAILABLE = 'UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

/** An expected failure with a code that callers can act on and a message that names the problem. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.values(ErrorCode).includes(value as ErrorCode);
}
