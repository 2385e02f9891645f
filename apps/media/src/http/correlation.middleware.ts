import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CORRELATION_ID_HEADER, sanitizeCorrelationId, withCorrelationId } from '@messenger/logging';

/** Takes the caller's correlation id (or makes one), echoes it, and scopes the request's logs and calls to it. */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const correlationId = sanitizeCorrelationId(request.header(CORRELATION_ID_HEADER));
    response.setHeader(CORRELATION_ID_HEADER, correlationId);
    withCorrelationId(correlationId, next);
  }
}
