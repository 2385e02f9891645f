import { Inject, Injectable } from '@nestjs/common';
import { serviceMetrics, timed } from '@messenger/observability';
import { Redis, RedisKeys } from '@messenger/redis';
import { PresenceConfig } from '../config/presence.config';
import { PRESENCE_CONFIG, REDIS } from '../infrastructure/injection-tokens';
import {
  HeartbeatResult,
  StoredPresence,
  SweepResult,
  parseHeartbeatReply,
  parseSweepReply,
  toStoredPresence,
} from './presence-replies';
import { DISCONNECT_SCRIPT, HEARTBEAT_SCRIPT, SWEEP_SCRIPT } from './presence.scripts';

interface PresenceCommands {
  presenceHeartbeat(...args: (string | number)[]): Promise<unknown>;
  presenceDisconnect(...args: (string | number)[]): Promise<unknown>;
  presenceSweep(...args: (string | number)[]): Promise<unknown>;
}

/** Reads and writes presence state in Redis, with one round trip per method. */
@Injectable()
export class PresenceRepository {
  private readonly duration = serviceMetrics().histogram(
    'redis_duration_seconds',
    'Duration of presence Redis calls in seconds',
    ['operation', 'outcome'],
  );
  private readonly commands: PresenceCommands;
  private readonly devicesKeyPrefix = RedisKeys.presenceDevices('');
  private readonly stateKeyPrefix = RedisKeys.presenceState('');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(PRESENCE_CONFIG) private readonly config: PresenceConfig,
  ) {
    redis.defineCommand('presenceHeartbeat', { numberOfKeys: 4, lua: HEARTBEAT_SCRIPT });
    redis.defineCommand('presenceDisconnect', { numberOfKeys: 4, lua: DISCONNECT_SCRIPT });
    redis.defineCommand('presenceSweep', { numberOfKeys: 1, lua: SWEEP_SCRIPT });
    this.commands = redis as unknown as PresenceCommands;
  }

  /** Marks the device online until now + heartbeat timeout, and the user online if they were not. */
  async recordHeartbeat(userId: string, deviceId: string, connectionId = ''): Promise<HeartbeatResult> {
    const reply = await timed(this.duration, 'heartbeat', () =>
      this.commands.presenceHeartbeat(
        ...this.deviceKeys(userId),
        deviceId,
        expiryMember(userId, deviceId),
        this.config.heartbeatTimeoutMs,
        connectionId,
      ),
    );

    return parseHeartbeatReply(reply);
  }

  /**
   * Shortens a live device's expiry to now + grace. Returns false when the
   * device was not live or connectionId is no longer its current connection.
   */
  async recordDisconnect(userId: string, deviceId: string, connectionId = ''): Promise<boolean> {
    const reply = await timed(this.duration, 'disconnect', () =>
      this.commands.presenceDisconnect(
        ...this.deviceKeys(userId),
        deviceId,
        expiryMember(userId, deviceId),
        this.config.disconnectGraceMs,
        connectionId,
      ),
    );

    return reply === 1;
  }

  /** Takes up to maxEntries expired devices off the queue and sets users without a live device offline. */
  async sweepExpired(maxEntries: number): Promise<SweepResult> {
    const reply = await timed(this.duration, 'sweep', () =>
      this.commands.presenceSweep(RedisKeys.presenceExpiry(), this.devicesKeyPrefix, this.stateKeyPrefix, maxEntries),
    );

    return parseSweepReply(reply);
  }

  /** Reads the stored presence of each user, in the order given, in one pipeline. */
  async readPresence(userIds: string[]): Promise<StoredPresence[]> {
    if (userIds.length === 0) return [];

    const replies = await timed(this.duration, 'read', async () => {
      const pipeline = this.redis.pipeline();
      for (const userId of userIds) {
        pipeline.hmget(RedisKeys.presenceState(userId), 'status', 'lastSeenAt');
      }

      return pipeline.exec();
    });

    return (replies ?? []).map(([error, fields]) => {
      if (error) throw error;
      const [status, lastSeenAt] = fields as (string | null)[];

      return toStoredPresence(status, lastSeenAt);
    });
  }

  private deviceKeys(userId: string): [string, string, string, string] {
    return [
      RedisKeys.presenceDevices(userId),
      RedisKeys.presenceState(userId),
      RedisKeys.presenceExpiry(),
      RedisKeys.presenceConnections(userId),
    ];
  }
}

/** Builds the expiry queue member. The sweeper splits it at the first "|", so user ids must not contain one. */
export function expiryMember(userId: string, deviceId: string): string {
  return `${userId}|${deviceId}`;
}
