/**
 * The SDK through connection failures: clients dropped by a gateway restart
 * come back spread over the backoff window rather than at one instant, and
 * messages that the server sends again after a reconnect reach the
 * application once.
 */
import type { ServerFrame } from '@messenger/protocol';
import { createAccount, type TestAccount } from './support/accounts';
import { NetworkLink } from './support/network-link';
import { ClientTracker, eventsOf, eventually, type TrackedClient } from './support/sdk-clients';
import { sleep, useTestSystem } from './support/system';

const system = useTestSystem();

/** Clients dropped together by the restart. */
const DROPPED_CLIENTS = 20;
/** Width of the first backoff window in this test (ms). */
const WINDOW_MS = 2_000;

function portOf(baseUrl: string): number {
  return Number(new URL(baseUrl).port);
}

describe('SDK reconnect', () => {
  const clients = new ClientTracker();

  afterAll(() => clients.disconnectAll());

  it('spreads the clients of a restarted gateway over the backoff window', async () => {
    const http = system.http('gateway-a');
    // A few at a time: argon2 hashing of 20 registrations at once can outlast the gateway's call deadline on 2 cores.
    const accounts: TestAccount[] = [];
    while (accounts.length < DROPPED_CLIENTS) {
      accounts.push(...(await Promise.all(Array.from({ length: 4 }, () => createAccount(http, 'storm')))));
    }
    const tracked = await Promise.all(
      accounts.map((account, index) =>
        clients.online(account, {
          baseUrl: system.baseUrl('gateway-a'),
          gateways: [system.baseUrl('gateway-b')],
          deviceId: `storm-${index}`,
          backoff: { initialDelayMs: WINDOW_MS, maxDelayMs: WINDOW_MS * 4 },
        }),
      ),
    );
    const reconnectedAt = new Map<number, number>();
    tracked.forEach(({ client }, index) =>
      client.on('state', (state) => {
        if (state === 'online') reconnectedAt.set(index, Date.now());
      }),
    );

    const droppedAt = Date.now();
    await system.kill('gateway-a');
    await eventually('every client back online', () => (reconnectedAt.size === DROPPED_CLIENTS ? true : undefined), 20_000);
    await system.restart('gateway-a');

    const delays = [...reconnectedAt.values()].map((at) => at - droppedAt).sort((a, b) => a - b);
    // Uniform jitter over the window: 20 draws all within a quarter of it has odds of about 4 * 0.25^20.
    expect(delays[delays.length - 1] - delays[0]).toBeGreaterThan(WINDOW_MS / 4);
    expect(new Set(delays).size).toBeGreaterThan(DROPPED_CLIENTS / 2);
    // Each client found the other gateway after the first refused attempt.
    for (const dropped of tracked) {
      const closes = eventsOf(dropped, 'disconnected');
      expect(closes.length).toBeGreaterThanOrEqual(1);
      expect(closes.every((close) => close.delayMs !== undefined && close.delayMs < WINDOW_MS * 4)).toBe(true);
    }
  });

  describe('resume after a cut connection', () => {
    let alice: TestAccount;
    let bob: TestAccount;
    let link: NetworkLink;
    let sender: TrackedClient;
    let receiver: TrackedClient;
    let conversationId: string;

    beforeAll(async () => {
      const http = system.http('gateway-a');
      [alice, bob] = await Promise.all([createAccount(http, 'alice'), createAccount(http, 'bob')]);
      link = await NetworkLink.open(portOf(system.baseUrl('gateway-b')));
      sender = await clients.online(alice, { baseUrl: system.baseUrl('gateway-a'), deviceId: 'alice-desk' });
      receiver = await clients.online(bob, {
        baseUrl: link.baseUrl,
        deviceId: 'bob-phone',
        backoff: { initialDelayMs: 200, maxDelayMs: 1_000 },
      });
      conversationId = (await sender.client.openConversation(bob.username)).conversationId;
    });

    afterAll(() => link.close());

    it('emits repeated deliveries once', async () => {
      const total = 40;
      for (let index = 1; index <= total; index += 1) {
        sender.client.send(conversationId, `message ${index}`);
        // Cut right after messages arrive and before their acks leave (the SDK waits 50 ms to merge acks).
        if (index % 10 === 5) {
          await eventually('a message to arrive', () =>
            eventsOf(receiver, 'message').some((message) => message.body === `message ${index}`) ? true : undefined,
          );
          link.cut();
          await sleep(100);
          link.restore();
        }
      }
      await eventually(
        `${total} messages`,
        () => (eventsOf(receiver, 'message').length >= total ? true : undefined),
        30_000,
      );
      await sleep(500);

      const seqs = eventsOf(receiver, 'message').map((message) => message.seq);
      expect(seqs).toEqual(Array.from({ length: total }, (_unused, index) => index + 1));
      const wireSeqs = (clients.wire.get('bob-phone') ?? [])
        .map((raw) => JSON.parse(raw) as ServerFrame)
        .filter((frame): frame is Extract<ServerFrame, { type: 'message' }> => frame.type === 'message')
        .map((frame) => frame.seq);
      // The proof that deduplication did something: the server repeated unacknowledged messages.
      expect(wireSeqs.length).toBeGreaterThan(total);
      expect(eventsOf(receiver, 'disconnected').length).toBeGreaterThanOrEqual(4);
    });
  });
});
