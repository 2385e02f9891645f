import type { Redis } from 'ioredis';
import { RedisKeys } from '@messenger/redis';

/**
 * Records in Redis which gateway has connections of which user: a ZSET per
 * user of gateway ids scored by the time (ms) the entry expires. The gateway
 * refreshes its users' entries periodically, so the entry of a gateway that
 * died stops counting after the TTL and is trimmed on the next write.
 */
export class RouteRegistry {
  constructor(
    private readonly redis: Redis,
    private readonly gatewayId: string,
    private readonly ttlMs: number,
  ) {}

  async add(userId: string): Promise<void> {
    await this.refresh([userId]);
  }

  async remove(userId: string): Promise<void> {
    await this.redis.zrem(RedisKeys.route(userId), this.gatewayId);
  }

  /** Adds or extends the entries of the given users in one pipeline. */
  async refresh(userIds: Iterable<string>): Promise<void> {
    const now = Date.now();
    const pipeline = this.redis.pipeline();
    for (const userId of userIds) {
      const key = RedisKeys.route(userId);
      pipeline
        .zadd(key, now + this.ttlMs, this.gatewayId)
        .zremrangebyscore(key, '-inf', now)
        .pexpire(key, this.ttlMs);
    }
    if (pipeline.length > 0) await pipeline.exec();
  }
}
