import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Header, gRPC metadata key and Kafka header that carry the correlation id. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

const storage = new AsyncLocalStorage<string>();

export function newCorrelationId(): string {
  return randomUUID();
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore();
}

/** Runs fn with the given correlation id visible to every log line and outgoing call inside it. */
export function withCorrelationId<T>(correlationId: string, fn: () => T): T {
  return storage.run(correlationId, fn);
}

/** Accepts a client-supplied id only when it is short and printable, else makes a new one. */
export function sanitizeCorrelationId(value: unknown): string {
  if (typeof value === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(value)) {
    return value;
  }

  return newCorrelationId();
}
