import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@messenger/protocol';

/** HTTP status of each error code, for the services' HTTP APIs; docs/protocol.md lists the ones each returns. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  [ErrorCode.MALFORMED_JSON]: HttpStatus.BAD_REQUEST,
  [ErrorCode.UNKNOWN_TYPE]: HttpStatus.BAD_REQUEST,
  [ErrorCode.INVALID_FIELD]: HttpStatus.BAD_REQUEST,
  [ErrorCode.FRAME_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.INVALID_ARGUMENT]: HttpStatus.BAD_REQUEST,
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.TOKEN_EXPIRED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.SESSION_REVOKED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.INVALID_CREDENTIALS]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.INVALID_REFRESH_TOKEN]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.USERNAME_TAKEN]: HttpStatus.CONFLICT,
  [ErrorCode.RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.NOT_A_MEMBER]: HttpStatus.FORBIDDEN,
  [ErrorCode.PERMISSION_DENIED]: HttpStatus.FORBIDDEN,
  [ErrorCode.FILE_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorCode.IMAGE_TOO_LARGE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.INVALID_IMAGE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.FILE_NOT_READY]: HttpStatus.CONFLICT,
  [ErrorCode.LINK_EXPIRED]: HttpStatus.FORBIDDEN,
  [ErrorCode.INVALID_SIGNATURE]: HttpStatus.FORBIDDEN,
  [ErrorCode.UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.INTERNAL]: HttpStatus.INTERNAL_SERVER_ERROR,
};
