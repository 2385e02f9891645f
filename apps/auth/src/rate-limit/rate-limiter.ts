import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from '@messenger/redis';
import { RedisScript } from '../clients/redis-script';
import { REDIS } from '../injection-tokens';
import { RateLimitDecision, WindowCount, decide } from './fixed-window';

/**
 * Counts one attempt in each key: INCR, and PEXPIRE when the key is new (or
 * somehow lost its TTL), atomically. Returns {count, pttl} pairs in key order.
 */
const HIT_SCRIPT = new RedisScript(`
local result = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if count == 1 or ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  result[#result + 1] = count
  result[#result + 1] = ttl
end
return result
`);

/** Gives back one counted attempt; never creates a key (a DECR on a missing key would leave one without TTL). */
const REFUND_SCRIPT = new RedisScript(`
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then
    redis.call('DECR', key)
  end
end
return 1
`);

/** Fixed-window counters in Redis, shared by every instance of the service. */
@Injectable()
export class RateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Counts one attempt in every key and decides whether it may proceed. */
  async hit(keys: string[], max: number, windowMs: number): Promise<RateLimitDecision> {
    if (keys.length === 0) return { allowed: true };
    const reply = (await HIT_SCRIPT.run(this.redis, keys, [windowMs])) as number[];
    const counts: WindowCount[] = [];
    for (let i = 0; i < reply.length; i += 2) {
      counts.push({ count: Number(reply[i]), remainingMs: Number(reply[i + 1]) });
    }

    return decide(counts, max, windowMs);
  }

  /** Returns one attempt to each existing counter, e.g. after a successful login. */
  async refund(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await REFUND_SCRIPT.run(this.redis, keys, []);
  }

  async reset(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.redis.del(...keys);
  }
}
