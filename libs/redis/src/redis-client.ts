import Redis from 'ioredis';
import type { Logger } from 'pino';
import { serviceMetrics } from '@messenger/observability';

export type { Redis } from 'ioredis';

export interface RedisConfig {
  url: string;
}

/**
 * Creates an ioredis client that logs reconnects and counts errors. Commands
 * issued while disconnected queue and fail after the retry limit, so that a
 * caller sees an error instead of waiting forever.
 */
export function createRedisClient(config: RedisConfig, logger: Logger, name: string): Redis {
  const errors = serviceMetrics().counter('redis_errors_total', 'Redis connection errors', ['client']);
  const client = new Redis(config.url, {
    connectionName: name,
    maxRetriesPerRequest: 3,
    // A stalled server fails each command after 5 s instead of hanging its caller.
    connectTimeout: 5000,
    commandTimeout: 5000,
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  client.on('error', (error: Error) => {
    errors.inc({ client: name });
    logger.warn({ client: name, url: redactUrl(config.url), err: error.message }, 'redis connection error');
  });
  client.on('reconnecting', (delayMs: number) => logger.info({ client: name, delayMs }, 'redis reconnecting'));
  client.on('ready', () => logger.info({ client: name }, 'redis connected'));

  return client;
}

export async function pingRedis(client: Redis): Promise<void> {
  const reply = await client.ping();
  if (reply !== 'PONG') throw new Error(`unexpected PING reply "${reply}"`);
}

/** Drops the password from a redis:// URL so that it can be logged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = 'redacted';

    return parsed.toString();
  } catch {
    return 'invalid URL';
  }
}
