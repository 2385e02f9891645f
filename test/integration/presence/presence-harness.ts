import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import {
  EventConsumer,
  EventPublisher,
  PresenceChangedEvent,
  Topics,
  createKafka,
  createTopics,
} from '@messenger/kafka';
import { Logger, createLogger } from '@messenger/logging';
import { Redis, RedisKeys, createRedisClient } from '@messenger/redis';
import { PresenceConfig, readPresenceConfig } from '../../../apps/presence/src/config/presence.config';
import { PresenceRepository } from '../../../apps/presence/src/presence/presence.repository';
import { PresenceService } from '../../../apps/presence/src/presence/presence.service';
import { PresenceSweeper } from '../../../apps/presence/src/presence/presence.sweeper';
import { TransitionPublisher } from '../../../apps/presence/src/presence/transition.publisher';

/** Short timings, so that expiry and grace play out within a test. */
export const TEST_TIMING = { heartbeatTimeoutMs: 600, disconnectGraceMs: 200, sweepIntervalMs: 50 };

/** Lateness allowed on top of the documented bound, for timers and scripts on a busy 2-core machine. */
export const SCHEDULING_SLACK_MS = 250;

export const testLogger: Logger = createLogger('presence-test', process.env.LOG_LEVEL ?? 'silent');

/** Settings read from the environment like the service does, with TEST_TIMING applied. */
export function testConfig(env: NodeJS.ProcessEnv = {}): PresenceConfig {
  return readPresenceConfig({
    ...process.env,
    PRESENCE_HEARTBEAT_TIMEOUT_MS: String(TEST_TIMING.heartbeatTimeoutMs),
    PRESENCE_DISCONNECT_GRACE_MS: String(TEST_TIMING.disconnectGraceMs),
    PRESENCE_SWEEP_INTERVAL_MS: String(TEST_TIMING.sweepIntervalMs),
    ...env,
  });
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls check every 20 ms until it returns a value other than undefined, or fails after timeoutMs. */
export async function waitFor<T>(description: string, check: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await sleep(20);
  }
}

/** Creates the platform's topics on the local single-broker Kafka if they are missing. */
export async function ensureTopics(kafka: Kafka): Promise<void> {
  await createTopics(kafka, 1);
}

/** Deletes every presence key of the given users, and their queue entries for the given devices. */
export async function deletePresenceKeys(redis: Redis, userIds: string[], members: string[] = []): Promise<void> {
  if (userIds.length === 0) return;
  const keys = userIds.flatMap((userId) => [RedisKeys.presenceDevices(userId), RedisKeys.presenceState(userId)]);
  await redis.del(...keys);
  if (members.length > 0) await redis.zrem(RedisKeys.presenceExpiry(), ...members);
}

/**
 * Collects presence events from Kafka in a consumer group of its own. It
 * reads the topic from the beginning, so no event is missed while the group
 * is still joining. Tests filter by their random user ids.
 */
export class PresenceEventCollector {
  readonly groupId = uniqueId('presence-test-collector');
  private readonly events = new Map<string, PresenceChangedEvent[]>();
  private readonly consumer: EventConsumer<typeof Topics.presenceChanged>;

  constructor(private readonly kafka: Kafka) {
    this.consumer = new EventConsumer(kafka, Topics.presenceChanged, this.groupId, testLogger, true);
  }

  async start(): Promise<void> {
    await this.consumer.start(async (event) => {
      const list = this.events.get(event.userId) ?? [];
      list.push(event);
      this.events.set(event.userId, list);
    });
  }

  async stop(): Promise<void> {
    await this.consumer.stop();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.deleteGroups([this.groupId]);
    } finally {
      await admin.disconnect();
    }
  }

  eventsFor(userId: string): PresenceChangedEvent[] {
    return [...(this.events.get(userId) ?? [])];
  }

  /** Waits until the user has at least count events and returns them. */
  waitForEvents(userId: string, count: number, timeoutMs?: number): Promise<PresenceChangedEvent[]> {
    return waitFor(
      `${count} presence event(s) of ${userId}`,
      () => {
        const events = this.eventsFor(userId);

        return events.length >= count ? events : undefined;
      },
      timeoutMs,
    );
  }
}

/** The presence classes wired by hand over real Redis and Kafka, without NestJS. */
export class PresenceStack {
  readonly repository: PresenceRepository;
  readonly transitions: TransitionPublisher;
  readonly service: PresenceService;
  readonly sweeper: PresenceSweeper;

  private constructor(
    readonly config: PresenceConfig,
    readonly redis: Redis,
    private readonly publisher: EventPublisher,
  ) {
    this.repository = new PresenceRepository(redis, config);
    this.transitions = new TransitionPublisher(publisher, testLogger);
    this.service = new PresenceService(this.repository, this.transitions);
    this.sweeper = new PresenceSweeper(this.repository, this.transitions, config, testLogger);
  }

  static async create(config: PresenceConfig, kafka: Kafka): Promise<PresenceStack> {
    const redis = createRedisClient({ url: config.redisUrl }, testLogger, uniqueId('presence-test'));
    const publisher = new EventPublisher(kafka, testLogger);
    await publisher.connect();

    return new PresenceStack(config, redis, publisher);
  }

  async close(): Promise<void> {
    await this.sweeper.stop();
    await this.publisher.disconnect();
    await this.redis.quit();
  }
}

export function createTestKafka(config: PresenceConfig): Kafka {
  return createKafka({ brokers: config.kafkaBrokers, clientId: 'presence-test' }, testLogger);
}
