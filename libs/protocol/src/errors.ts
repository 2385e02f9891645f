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
  /** The resource belongs to another user, e.g. attaching someone else's file. */
  PERMISSION_DENIED = 'PERMISSION_DENIED',
  /** An upload is larger than the media service's size limit. */
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  /** The content's detected type is not on the media allowlist. */
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  /** An image declares more pixels than the media service decodes. */
  IMAGE_TOO_LARGE = 'IMAGE_TOO_LARGE',
  /** An image's header or data cannot be read. */
  INVALID_IMAGE = 'INVALID_IMAGE',
  /** The file's upload is incomplete or was rejected. */
  FILE_NOT_READY = 'FILE_NOT_READY',
  /** A signed download URL is past its expiry time. */
  LINK_EXPIRED = 'LINK_EXPIRED',
  /** A signed download URL's signature does not match. */
  INVALID_SIGNATURE = 'INVALID_SIGNATURE',
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
