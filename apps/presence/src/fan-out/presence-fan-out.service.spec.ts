import type { PresenceChangedEvent } from '@messenger/kafka';
import { createLogger } from '@messenger/logging';
import type { Delivery, DeliveryRouter } from '@messenger/routing';
import type { MessagePeersClient } from './message-peers.client';
import { PresenceFanOutService, ROUTE_CHUNK_SIZE } from './presence-fan-out.service';

interface RouteCall {
  userIds: string[];
  delivery: Delivery;
}

function createSut(peersByUser: Record<string, string[]>) {
  const routeCalls: RouteCall[] = [];
  const peers = {
    listPeers: async (userId: string) => {
      const found = peersByUser[userId];
      if (!found) throw new Error(`ListPeers failed for ${userId}`);

      return found;
    },
  } as unknown as MessagePeersClient;
  const router = {
    route: async (userIds: string[], delivery: Delivery) => {
      routeCalls.push({ userIds, delivery });

      return 1;
    },
  } as unknown as DeliveryRouter;
  const sut = new PresenceFanOutService(peers, router, createLogger('test', 'silent'));

  return { sut, routeCalls };
}

function event(overrides: Partial<PresenceChangedEvent> = {}): PresenceChangedEvent {
  return { userId: 'alice', status: 'online', lastSeenAt: 1000, at: 1000, ...overrides };
}

describe('PresenceFanOutService', () => {
  it('routes the transition to the peers only', async () => {
    const { sut, routeCalls } = createSut({ alice: ['bob', 'alice', 'carol'] });

    await sut.deliver(event());

    expect(routeCalls).toHaveLength(1);
    expect(routeCalls[0].userIds).toEqual(['bob', 'carol']);
    expect(routeCalls[0].delivery).toEqual({
      kind: 'presence',
      presence: { userId: 'alice', status: 'online', lastSeenAt: 1000 },
    });
  });

  it('routes nothing for a user without peers', async () => {
    const { sut, routeCalls } = createSut({ alice: [] });

    expect(await sut.deliver(event())).toBe(0);
    expect(routeCalls).toHaveLength(0);
  });

  it('splits many peers into chunks', async () => {
    const peers = Array.from({ length: ROUTE_CHUNK_SIZE * 2 + 1 }, (_, index) => `peer-${index}`);
    const { sut, routeCalls } = createSut({ alice: peers });

    const gateways = await sut.deliver(event());

    expect(routeCalls.map((call) => call.userIds.length)).toEqual([ROUTE_CHUNK_SIZE, ROUTE_CHUNK_SIZE, 1]);
    expect(routeCalls.flatMap((call) => call.userIds)).toEqual(peers);
    expect(gateways).toBe(3);
  });

  it('skips an event older than one already delivered', async () => {
    const { sut, routeCalls } = createSut({ alice: ['bob'] });

    await sut.deliver(event({ status: 'online', at: 2000 }));
    await sut.deliver(event({ status: 'offline', at: 1500 }));

    expect(routeCalls).toHaveLength(1);
    expect((routeCalls[0].delivery as { presence: { status: string } }).presence.status).toBe('online');
  });

  it('delivers a retried event again', async () => {
    const { sut, routeCalls } = createSut({ alice: ['bob'] });

    await sut.deliver(event({ at: 2000 }));
    await sut.deliver(event({ at: 2000 }));

    expect(routeCalls).toHaveLength(2);
  });

  it('keeps the order of different users apart', async () => {
    const { sut, routeCalls } = createSut({ alice: ['bob'], bob: ['alice'] });

    await sut.deliver(event({ userId: 'alice', at: 2000 }));
    await sut.deliver(event({ userId: 'bob', at: 1000 }));

    expect(routeCalls).toHaveLength(2);
  });

  it('skips an invalid event', async () => {
    const { sut, routeCalls } = createSut({ alice: ['bob'] });

    await sut.deliver({ userId: 'alice', status: 'away' } as unknown as PresenceChangedEvent);

    expect(routeCalls).toHaveLength(0);
  });

  it('throws when the peer lookup fails', async () => {
    const { sut } = createSut({});

    await expect(sut.deliver(event())).rejects.toThrow('ListPeers failed for alice');
  });
});
