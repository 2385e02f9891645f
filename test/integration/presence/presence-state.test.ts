import type { Kafka } from 'kafkajs';
import { AppError, ErrorCode } from '@messenger/protocol';
import { RedisKeys } from '@messenger/redis';
import { PresenceConfig } from '../../../apps/presence/src/config/presence.config';
import {
  PresenceEventCollector,
  PresenceStack,
  SCHEDULING_SLACK_MS,
  TEST_TIMING,
  createTestKafka,
  deletePresenceKeys,
  ensureTopics,
  sleep,
  testConfig,
  uniqueId,
} from './presence-harness';

describe('presence state on Redis and Kafka', () => {
  let config: PresenceConfig;
  let kafka: Kafka;
  let stack: PresenceStack;
  let collector: PresenceEventCollector;
  const userIds: string[] = [];
  const members: string[] = [];

  function newUser(): string {
    const userId = uniqueId('user');
    userIds.push(userId);

    return userId;
  }

  function heartbeat(userId: string, deviceId: string, connectionId = '') {
    members.push(`${userId}|${deviceId}`);

    return stack.service.heartbeat({ userId, deviceId, connectionId });
  }

  /** Sends a heartbeat every 100 ms for durationMs, well inside the 300 ms timeout. */
  async function keepAlive(userId: string, deviceId: string, durationMs: number): Promise<void> {
    const end = Date.now() + durationMs;
    while (Date.now() < end) {
      await heartbeat(userId, deviceId);
      await sleep(100);
    }
  }

  beforeAll(async () => {
    config = testConfig();
    kafka = createTestKafka(config);
    await ensureTopics(kafka);
    stack = await PresenceStack.create(config, kafka);
    collector = new PresenceEventCollector(kafka);
    await collector.start();
    stack.sweeper.start();
  });

  afterAll(async () => {
    await deletePresenceKeys(stack.redis, userIds, members);
    await collector.stop();
    await stack.close();
  });

  it('publishes online on the first heartbeat', async () => {
    const userId = newUser();

    const response = await heartbeat(userId, 'phone');
    const [event] = await collector.waitForEvents(userId, 1);

    expect(event.status).toBe('online');
    expect(event.lastSeenAt).toBe(event.at);
    expect(response.expiresAt).toBe(event.at + TEST_TIMING.heartbeatTimeoutMs);
  });

  it('publishes nothing for heartbeats of an online user', async () => {
    const userId = newUser();

    await keepAlive(userId, 'phone', 500);
    await stack.service.disconnect({ userId, deviceId: 'phone', connectionId: '' });
    const events = await collector.waitForEvents(userId, 2);
    await sleep(300);

    expect(collector.eventsFor(userId).map((event) => event.status)).toEqual(['online', 'offline']);
    expect(events[1].lastSeenAt).toBeGreaterThan(events[0].lastSeenAt);
  });

  it('sets a vanished device offline at its last heartbeat', async () => {
    const userId = newUser();

    const response = await heartbeat(userId, 'phone');
    const lastHeartbeatAt = response.expiresAt - TEST_TIMING.heartbeatTimeoutMs;
    const [, offline] = await collector.waitForEvents(userId, 2);

    expect(offline.status).toBe('offline');
    expect(offline.lastSeenAt).toBe(lastHeartbeatAt);
    expect(offline.at - lastHeartbeatAt).toBeGreaterThanOrEqual(TEST_TIMING.heartbeatTimeoutMs);
    expect(offline.at - lastHeartbeatAt).toBeLessThanOrEqual(
      TEST_TIMING.heartbeatTimeoutMs + TEST_TIMING.sweepIntervalMs + SCHEDULING_SLACK_MS,
    );
  });

  it('sets a disconnected device offline after the grace', async () => {
    const userId = newUser();
    await heartbeat(userId, 'phone');

    const before = Date.now();
    await stack.service.disconnect({ userId, deviceId: 'phone', connectionId: '' });
    const after = Date.now();
    const [, offline] = await collector.waitForEvents(userId, 2);

    expect(offline.status).toBe('offline');
    expect(offline.lastSeenAt).toBeGreaterThanOrEqual(before);
    expect(offline.lastSeenAt).toBeLessThanOrEqual(after);
    expect(offline.at - offline.lastSeenAt).toBeGreaterThanOrEqual(TEST_TIMING.disconnectGraceMs);
    expect(offline.at - offline.lastSeenAt).toBeLessThan(
      TEST_TIMING.disconnectGraceMs + TEST_TIMING.sweepIntervalMs + SCHEDULING_SLACK_MS,
    );
  });

  it('ignores a late disconnect of a replaced connection', async () => {
    const userId = newUser();
    await heartbeat(userId, 'phone', 'connection-old');
    await heartbeat(userId, 'phone', 'connection-new');

    await stack.service.disconnect({ userId, deviceId: 'phone', connectionId: 'connection-old' });
    // Past the grace, and still well before the new connection's heartbeat expires.
    await sleep(TEST_TIMING.disconnectGraceMs + TEST_TIMING.sweepIntervalMs * 2);
    const [presence] = await stack.repository.readPresence([userId]);

    expect(presence.status).toBe('online');
  });

  it('publishes nothing for a reconnect within the grace', async () => {
    const userId = newUser();
    await heartbeat(userId, 'phone');

    await stack.service.disconnect({ userId, deviceId: 'phone', connectionId: '' });
    await sleep(TEST_TIMING.disconnectGraceMs / 2);
    await keepAlive(userId, 'phone', TEST_TIMING.heartbeatTimeoutMs * 2);
    const [presence] = await stack.repository.readPresence([userId]);
    // The offline event that follows the last heartbeat proves that every
    // earlier event of this user has arrived, because one user's events share a partition.
    const events = await collector.waitForEvents(userId, 2);

    expect(presence.status).toBe('online');
    expect(events.map((event) => event.status)).toEqual(['online', 'offline']);
  });

  it('keeps a user online while another device is', async () => {
    const userId = newUser();
    await heartbeat(userId, 'phone');
    await heartbeat(userId, 'laptop');

    await keepAlive(userId, 'laptop', TEST_TIMING.heartbeatTimeoutMs * 3);
    const devices = await stack.redis.zrange(RedisKeys.presenceDevices(userId), 0, -1);
    const [presence] = await stack.repository.readPresence([userId]);

    expect(devices).toEqual(['laptop']);
    expect(presence.status).toBe('online');
    expect(collector.eventsFor(userId).map((event) => event.status)).toEqual(['online']);

    await stack.service.disconnect({ userId, deviceId: 'laptop', connectionId: '' });
    const [, offline] = await collector.waitForEvents(userId, 2);

    expect(offline.status).toBe('offline');
  });

  it('takes last-seen from the device seen last', async () => {
    const userId = newUser();
    await heartbeat(userId, 'phone');
    await sleep(100);
    const laptop = await heartbeat(userId, 'laptop');

    const [, offline] = await collector.waitForEvents(userId, 2);

    expect(offline.lastSeenAt).toBe(laptop.expiresAt - TEST_TIMING.heartbeatTimeoutMs);
  });

  it('ignores a disconnect of an unknown device', async () => {
    const userId = newUser();

    await stack.service.disconnect({ userId, deviceId: 'phone', connectionId: '' });
    const [presence] = await stack.repository.readPresence([userId]);
    const devices = await stack.redis.exists(RedisKeys.presenceDevices(userId));

    expect(presence).toEqual({ status: 'offline', lastSeenAt: 0 });
    expect(devices).toBe(0);
  });

  it('reports one offline event per user with two sweepers', async () => {
    const secondStack = await PresenceStack.create(config, kafka);
    const raceUsers = Array.from({ length: 20 }, () => newUser());
    try {
      await Promise.all(raceUsers.map((userId) => heartbeat(userId, 'phone')));
      secondStack.sweeper.start();
      // Besides the two scheduled sweepers, direct sweeps from both stacks run side by side.
      const deadline = Date.now() + TEST_TIMING.heartbeatTimeoutMs * 2;
      while (Date.now() < deadline) {
        await Promise.all([stack.sweeper.sweepOnce(), secondStack.sweeper.sweepOnce()]);
      }
      await Promise.all(raceUsers.map((userId) => collector.waitForEvents(userId, 2)));
      // Both sweepers keep running for a while, to catch a late duplicate.
      await sleep(TEST_TIMING.heartbeatTimeoutMs * 2);
    } finally {
      await secondStack.close();
    }

    for (const userId of raceUsers) {
      expect(collector.eventsFor(userId).map((event) => event.status)).toEqual(['online', 'offline']);
    }
  });

  it('returns presence in request order', async () => {
    const online = newUser();
    const offline = newUser();
    const neverSeen = newUser();
    await heartbeat(offline, 'phone');
    await stack.service.disconnect({ userId: offline, deviceId: 'phone', connectionId: '' });
    await collector.waitForEvents(offline, 2);
    const heartbeatResponse = await heartbeat(online, 'phone');

    const response = await stack.service.getPresence({ userIds: [online, neverSeen, offline] });
    const offlineEvent = collector.eventsFor(offline)[1];

    expect(response.users).toEqual([
      {
        userId: online,
        status: 'PRESENCE_STATUS_ONLINE',
        lastSeenAt: heartbeatResponse.expiresAt - TEST_TIMING.heartbeatTimeoutMs,
      },
      { userId: neverSeen, status: 'PRESENCE_STATUS_OFFLINE', lastSeenAt: 0 },
      { userId: offline, status: 'PRESENCE_STATUS_OFFLINE', lastSeenAt: offlineEvent.lastSeenAt },
    ]);
  });

  it('rejects more than 100 users', async () => {
    const tooMany = Array.from({ length: 101 }, (_, index) => `user-${index}`);

    const error = await stack.service.getPresence({ userIds: tooMany }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.INVALID_ARGUMENT);
  });

  it('rejects a heartbeat without a device id', async () => {
    const error = await stack.service.heartbeat({ userId: newUser(), deviceId: '', connectionId: '' }).catch((caught: unknown) => caught);

    expect((error as AppError).code).toBe(ErrorCode.INVALID_ARGUMENT);
    expect((error as AppError).message).toBe('device_id is missing');
  });
});
