import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LOGGER, Logger } from '@messenger/logging';
import { HTTP_STATUS_BY_CODE } from '@messenger/bootstrap';
import { AppError, ErrorCode } from '@messenger/protocol';

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
    response.status(HTTP_STATUS_BY_CODE[error.code]).json({ code: error.code, message: error.message });
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
