/**
 * Delivery routing against the real Redis: each gateway receives, on its own
 * channel, only the deliveries for the users whose connections it holds.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RedisKeys } from '@messenger/redis';
import { DeliveryRouter, GatewayDelivery, RouteRegistry, decodeGatewayDelivery } from '@messenger/routing';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const clients: Redis[] = [];

function connect(): Redis {
  const client = new Redis(REDIS_URL);
  clients.push(client);

  return client;
}

async function listen(gatewayId: string): Promise<GatewayDelivery[]> {
  const received: GatewayDelivery[] = [];
  const subscriber = connect();
  subscriber.on('message', (_channel: string, payload: string) => received.push(decodeGatewayDelivery(payload)));
  await subscriber.subscribe(RedisKeys.gatewayChannel(gatewayId));

  return received;
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100));
}

afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
});

describe('DeliveryRouter', () => {
  const presence = (userId: string) => ({
    kind: 'presence' as const,
    presence: { userId, status: 'online' as const, lastSeenAt: 1 },
  });

  it('sends each gateway only its own users', async () => {
    const redis = connect();
    const [gatewayA, gatewayB] = [`it-a-${randomUUID()}`, `it-b-${randomUUID()}`];
    const [alice, bob, carol] = [randomUUID(), randomUUID(), randomUUID()];
    await new RouteRegistry(redis, gatewayA, 60_000).refresh([alice, carol]);
    await new RouteRegistry(redis, gatewayB, 60_000).add(bob);
    const [atA, atB] = [await listen(gatewayA), await listen(gatewayB)];
    const sut = new DeliveryRouter(redis);

    const reached = await sut.route([alice, bob, carol, alice], presence(alice));
    await settle();

    expect(reached).toBe(2);
    expect(atA).toHaveLength(1);
    expect(atA[0].userIds.sort()).toEqual([alice, carol].sort());
    expect(atB).toHaveLength(1);
    expect(atB[0].userIds).toEqual([bob]);
    expect(atB[0].delivery).toEqual(presence(alice));
  });

  it('skips users with no connection', async () => {
    const sut = new DeliveryRouter(connect());

    expect(await sut.route([randomUUID()], presence('x'))).toBe(0);
  });

  it('skips an expired gateway entry', async () => {
    const redis = connect();
    const gateway = `it-dead-${randomUUID()}`;
    const user = randomUUID();
    await redis.zadd(RedisKeys.route(user), Date.now() - 1, gateway);
    const received = await listen(gateway);

    const reached = await new DeliveryRouter(redis).route([user], presence(user));
    await settle();

    expect(reached).toBe(0);
    expect(received).toHaveLength(0);
    await redis.del(RedisKeys.route(user));
  });

  it('stops routing after the last connection leaves', async () => {
    const redis = connect();
    const gateway = `it-gone-${randomUUID()}`;
    const user = randomUUID();
    const registry = new RouteRegistry(redis, gateway, 60_000);
    await registry.add(user);
    await registry.remove(user);

    expect(await new DeliveryRouter(redis).route([user], presence(user))).toBe(0);
  });
});
