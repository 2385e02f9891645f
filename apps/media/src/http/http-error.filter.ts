import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { BaseRpcExceptionFilter } from '@nestjs/microservices';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { LOGGER, Logger } from '@messenger/logging';
import { HTTP_STATUS_BY_CODE } from '@messenger/bootstrap';
import { AppError, ErrorCode } from '@messenger/protocol';

/** Writes an error of the media API as JSON { code, message }. */
export function sendError(response: Response, error: AppError): void {
  if (error.retryAfterMs !== undefined) {
    response.setHeader('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
  }
  response
    .status(HTTP_STATUS_BY_CODE[error.code])
    .setHeader('Cache-Control', 'no-store')
    .json({ code: error.code, message: error.message });
}

/**
 * Maps every error of the HTTP API to a JSON body { code, message };
 * unexpected ones are logged. gRPC errors, which the app-wide filter also
 * receives, go to Nest's own RPC filter: RpcHandler has already mapped them.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly rpcFilter = new BaseRpcExceptionFilter();

  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void | Observable<unknown> {
    if (host.getType() === 'rpc') return this.rpcFilter.catch(exception, host);
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    if (response.headersSent) {
      this.logger.warn({ err: exception, path: request.path }, 'http request failed after the response started');
      response.destroy();

      return;
    }
    sendError(response, this.toAppError(exception, request));
  }

  private toAppError(exception: unknown, request: Request): AppError {
    if (exception instanceof AppError) {
      this.logger.debug({ code: exception.code, path: request.path }, 'http request rejected');

      return exception;
    }
    if (exception instanceof HttpException && exception.getStatus() === HttpStatus.NOT_FOUND) {
      return new AppError(ErrorCode.NOT_FOUND, `no route for ${request.method} ${request.path}`);
    }
    const bodyParserType = (exception as { type?: string }).type;
    if (bodyParserType === 'entity.parse.failed') {
      return new AppError(ErrorCode.MALFORMED_JSON, 'request body is not valid JSON');
    }
    this.logger.error({ err: exception, path: request.path }, 'http request failed');

    return new AppError(ErrorCode.INTERNAL, 'internal error');
  }
}
