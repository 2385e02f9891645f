import pino, { Logger } from 'pino';
import { currentCorrelationId } from './correlation';

export type { Logger } from 'pino';

/**
 * Creates the JSON logger of a service. Every line carries the service name
 * and, inside withCorrelationId, the correlation id. Fields that commonly hold
 * secrets or message bodies are redacted as a second line of defence; callers
 * must still never pass them.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const correlationId = currentCorrelationId();

      return correlationId ? { correlationId } : {};
    },
    redact: {
      paths: [
        'password',
        '*.password',
        'body',
        '*.body',
        'accessToken',
        '*.accessToken',
        'refreshToken',
        '*.refreshToken',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
      ],
      censor: '[redacted]',
    },
  });
}

/** Injection token of the service's pino logger in NestJS modules. */
export const LOGGER = Symbol('LOGGER');
