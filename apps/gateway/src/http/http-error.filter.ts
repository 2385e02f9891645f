import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LOGGER, Logger } from '@messenger/logging';
import { AppError, ErrorCode } from '@messenger/protocol';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
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

/** Maps every error of the HTTP API to a JSON body { code, message }; unexpected ones are logged. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const error = this.toAppError(exception, request);
    if (error.retryAfterMs !== undefined) {
      response.setHeader('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
    }
    response.status(STATUS_BY_CODE[error.code]).json({ code: error.code, message: error.message });
  }

  private toAppError(exception: unknown, request: Request): AppError {
    if (exception instanceof AppError) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === HttpStatus.NOT_FOUND) {
        return new AppError(ErrorCode.NOT_FOUND, `no route for ${request.method} ${request.path}`);
      }
      if (status === HttpStatus.PAYLOAD_TOO_LARGE) {
        return new AppError(ErrorCode.FRAME_TOO_LARGE, 'request body is too large');
      }
      if (status === HttpStatus.BAD_REQUEST) {
        return new AppError(ErrorCode.MALFORMED_JSON, 'request body is not valid JSON');
      }
    }
    const bodyParserType = (exception as { type?: string }).type;
    if (bodyParserType === 'entity.parse.failed') {
      return new AppError(ErrorCode.MALFORMED_JSON, 'request body is not valid JSON');
    }
    if (bodyParserType === 'entity.too.large') {
      return new AppError(ErrorCode.FRAME_TOO_LARGE, 'request body is too large');
    }
    this.logger.error({ err: exception, path: request.path }, 'http request failed');

    return new AppError(ErrorCode.INTERNAL, 'internal error');
  }
}
