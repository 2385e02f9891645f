import * as grpc from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import { AppError, ErrorCode, isErrorCode } from '@messenger/protocol';

export const ERROR_CODE_METADATA_KEY = 'x-error-code';

const STATUS_BY_CODE: Record<ErrorCode, grpc.status> = {
  [ErrorCode.MALFORMED_JSON]: grpc.status.INVALID_ARGUMENT,
  [ErrorCode.UNKNOWN_TYPE]: grpc.status.INVALID_ARGUMENT,
  [ErrorCode.INVALID_FIELD]: grpc.status.INVALID_ARGUMENT,
  [ErrorCode.FRAME_TOO_LARGE]: grpc.status.INVALID_ARGUMENT,
  [ErrorCode.INVALID_ARGUMENT]: grpc.status.INVALID_ARGUMENT,
  [ErrorCode.UNAUTHENTICATED]: grpc.status.UNAUTHENTICATED,
  [ErrorCode.TOKEN_EXPIRED]: grpc.status.UNAUTHENTICATED,
  [ErrorCode.SESSION_REVOKED]: grpc.status.UNAUTHENTICATED,
  [ErrorCode.INVALID_CREDENTIALS]: grpc.status.UNAUTHENTICATED,
  [ErrorCode.INVALID_REFRESH_TOKEN]: grpc.status.UNAUTHENTICATED,
  [ErrorCode.USERNAME_TAKEN]: grpc.status.ALREADY_EXISTS,
  [ErrorCode.RATE_LIMITED]: grpc.status.RESOURCE_EXHAUSTED,
  [ErrorCode.NOT_FOUND]: grpc.status.NOT_FOUND,
  [ErrorCode.NOT_A_MEMBER]: grpc.status.PERMISSION_DENIED,
  [ErrorCode.PERMISSION_DENIED]: grpc.status.PERMISSION_DENIED,
  [ErrorCode.FILE_TOO_LARGE]: grpc.status.INVALID_ARGUMENT,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: grpc.status.INVALID_ARGUMENT,
  [ErrorCode.IMAGE_TOO_LARGE]: grpc.status.INVALID_ARGUMENT,
  [ErrorCode.INVALID_IMAGE]: grpc.status.INVALID_ARGUMENT,
  [ErrorCode.FILE_NOT_READY]: grpc.status.FAILED_PRECONDITION,
  [ErrorCode.LINK_EXPIRED]: grpc.status.PERMISSION_DENIED,
  [ErrorCode.INVALID_SIGNATURE]: grpc.status.PERMISSION_DENIED,
  [ErrorCode.UNAVAILABLE]: grpc.status.UNAVAILABLE,
  [ErrorCode.INTERNAL]: grpc.status.INTERNAL,
};

/** Converts an AppError into the RpcException that NestJS's gRPC server sends as a status. */
export function toRpcException(error: AppError): RpcException {
  const metadata = new grpc.Metadata();
  metadata.set(ERROR_CODE_METADATA_KEY, error.code);
  if (error.retryAfterMs !== undefined) {
    metadata.set('x-retry-after-ms', String(error.retryAfterMs));
  }

  return new RpcException({ code: STATUS_BY_CODE[error.code], message: error.message, metadata });
}

/** Converts a failed gRPC call back into an AppError; unknown failures become UNAVAILABLE or INTERNAL. */
export function fromServiceError(error: grpc.ServiceError, method: string): AppError {
  const code = error.metadata?.get(ERROR_CODE_METADATA_KEY)[0];
  if (isErrorCode(code)) {
    const retryAfter = Number(error.metadata.get('x-retry-after-ms')[0]);

    return new AppError(code, error.details, Number.isFinite(retryAfter) ? retryAfter : undefined);
  }
  if (error.code === grpc.status.UNAVAILABLE || error.code === grpc.status.DEADLINE_EXCEEDED) {
    return new AppError(ErrorCode.UNAVAILABLE, `${method} failed: ${error.details || 'service unavailable'}`);
  }

  return new AppError(ErrorCode.INTERNAL, `${method} failed with gRPC status ${error.code}`);
}
