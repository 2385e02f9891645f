import { createHash } from 'node:crypto';
import { RedisKeys } from '@messenger/redis';

/**
 * Counter keys under RedisKeys.loginAttempts(scope). Registrations share the
 * key family with a "register:" scope, since RedisKeys has no separate one.
 */
export const RateLimitKeys = {
  loginByUsername: (username: string) => RedisKeys.loginAttempts(`login:user:${username}`),
  loginByClient: (clientScope: string) => RedisKeys.loginAttempts(`login:ip:${clientScope}`),
  registerByClient: (clientScope: string) => RedisKeys.loginAttempts(`register:ip:${clientScope}`),
};

/**
 * The client address as a key part: as given when it looks like an IPv4 or
 * IPv6 address (with optional zone or port), else a hash, so that odd input
 * cannot make long keys. Undefined when the caller sent no address: such
 * requests are limited per username only, rather than all sharing one bucket.
 */
export function clientScope(clientIp: string): string | undefined {
  const ip = clientIp.trim();
  if (ip === '') return undefined;
  if (/^[A-Za-z0-9:.%\[\]_-]{1,64}$/.test(ip)) return ip;

  return `h:${createHash('sha256').update(ip).digest('hex').slice(0, 32)}`;
}
