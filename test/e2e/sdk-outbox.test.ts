/**
 * The SDK's outbox against the running platform. Messages typed offline go
 * out in order after the reconnect. A send whose reply was lost is repeated
 * without a duplicate. Refusals fail with the server's reason, and a
 * restarted client resumes from its store.
 */
import { MemoryStore, type OutboxItem } from '@messenger/sdk';
import { createAccount, type TestAccount } from './support/accounts';
import { NetworkLink } from './support/network-link';
import { ClientTracker, eventsOf, eventually, type TrackedClient } from './support/sdk-clients';
import { sleep, useTestSystem } from './support/system';

const system = useTestSystem();

describe('SDK outbox', () => {
  const clients = new ClientTracker();
  let alice: TestAccount;
  let bob: TestAccount;
  let link: NetworkLink;
  let sender: TrackedClient;
  let receiver: TrackedClient;
  let conversationId: string;

  const statesOf = (item: OutboxItem) =>
    eventsOf(sender, 'outbox')
      .filter((change) => change.clientMessageId === item.clientMessageId)
      .map((change) => change.state);
  const bodiesReceived = () => eventsOf(receiver, 'message').map((message) => message.body);

  beforeAll(async () => {
    const http = system.http('gateway-a');
    [alice, bob] = await Promise.all([createAccount(http, 'alice'), createAccount(http, 'bob')]);
    link = await NetworkLink.open(Number(new URL(system.baseUrl('gateway-a')).port));
    sender = await clients.online(alice, {
      baseUrl: link.baseUrl,
      deviceId: 'alice-phone',
      backoff: { initialDelayMs: 200, maxDelayMs: 1_000 },
    });
    receiver = await clients.online(bob, { baseUrl: system.baseUrl('gateway-b'), deviceId: 'bob-laptop' });
    conversationId = (await sender.client.openConversation(bob.username)).conversationId;
  });

  afterAll(async () => {
    clients.disconnectAll();
    await link.close();
  });

  it('keeps messages typed offline pending and sends them in order after the reconnect', async () => {
    link.cut();
    await eventually('alice offline', () => (sender.client.state !== 'online' ? true : undefined));
    const items = ['first', 'second', 'third'].map((body) => sender.client.send(conversationId, body));
    await sleep(500);
    expect(sender.client.outboxItems(conversationId).map((item) => item.state)).toEqual(['pending', 'pending', 'pending']);
    expect(bodiesReceived()).toEqual([]);

    link.restore();
    await eventually('all three received', () => (bodiesReceived().length === 3 ? true : undefined));
    expect(bodiesReceived()).toEqual(['first', 'second', 'third']);
    await eventually('all three delivered', () =>
      items.every((item) => statesOf(item).includes('delivered')) ? true : undefined,
    );
    const seqs = sender.client.outboxItems(conversationId).map((item) => item.seq!);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(items.map((item) => statesOf(item).slice(0, 3))).toEqual(
      items.map(() => ['pending', 'sent', 'delivered']),
    );
  });

  it('repeats a send whose reply was lost, and the server stores it once', async () => {
    const before = bodiesReceived().length;
    link.holdServerBytes();
    const item = sender.client.send(conversationId, 'reply lost');
    await eventually('the message stored and delivered to bob', () =>
      bodiesReceived().includes('reply lost') ? true : undefined,
    );
    expect(statesOf(item)).toEqual(['pending']);

    link.cut();
    link.restore();
    await eventually('sent after the reconnect', () => (statesOf(item).includes('sent') ? true : undefined));
    await sleep(500);
    expect(bodiesReceived().length).toBe(before + 1);
    const history = await receiver.client.history(conversationId, { limit: 10 });
    expect(history.messages.filter((message) => message.body === 'reply lost')).toHaveLength(1);
    const sent = eventsOf(sender, 'outbox').find(
      (change) => change.clientMessageId === item.clientMessageId && change.state === 'sent',
    );
    expect(sent?.messageId).toBe(history.messages.find((message) => message.body === 'reply lost')?.messageId);
  });

  it('fails an item with the server reason and sends it again on retry', async () => {
    const stranger = '00000000-0000-4000-8000-000000000001';
    const rejected = sender.client.send(stranger, 'to nobody');
    const failed = await eventually('the refusal', () =>
      eventsOf(sender, 'outbox').find((change) => change.clientMessageId === rejected.clientMessageId && change.state === 'failed'),
    );
    expect(failed.reason).toMatch(/^NOT_A_MEMBER: /);

    const tooLong = sender.client.send(conversationId, 'x'.repeat(5_000));
    const tooLongFailed = await eventually('the length refusal', () =>
      eventsOf(sender, 'outbox').find((change) => change.clientMessageId === tooLong.clientMessageId && change.state === 'failed'),
    );
    expect(tooLongFailed.reason).toMatch(/^INVALID_FIELD: .*body/);
    // A failed item does not hold back the conversation's next message.
    const next = sender.client.send(conversationId, 'after the failure');
    await eventually('the next one sent', () => (statesOf(next).includes('sent') ? true : undefined));

    sender.client.retry(rejected.clientMessageId);
    await eventually('failed again', () => (statesOf(rejected).filter((state) => state === 'failed').length === 2 ? true : undefined));
    expect(statesOf(rejected)).toEqual(['pending', 'failed', 'pending', 'failed']);
    sender.client.discard(rejected.clientMessageId);
    sender.client.discard(tooLong.clientMessageId);
    expect(sender.client.outboxItems(stranger)).toEqual([]);
  });

  it('resumes the outbox of a client restarted from its store', async () => {
    const store = new MemoryStore();
    const first = await clients.online(alice, {
      baseUrl: link.baseUrl,
      deviceId: 'alice-tablet',
      store,
      backoff: { initialDelayMs: 200, maxDelayMs: 1_000 },
    });
    link.cut();
    await eventually('the tablet offline', () => (first.client.state !== 'online' ? true : undefined));
    const item = first.client.send(conversationId, 'typed before the restart');
    first.client.disconnect();
    link.restore();

    const second = clients.create({ baseUrl: link.baseUrl, deviceId: 'alice-tablet', store });
    expect(second.client.restoreSession()).toBe(true);
    expect(second.client.outboxItems(conversationId).map((pending) => pending.clientMessageId)).toEqual([
      item.clientMessageId,
    ]);
    second.client.connect();
    await eventually('sent by the restarted client', () =>
      eventsOf(second, 'outbox').find((change) => change.clientMessageId === item.clientMessageId && change.state === 'sent'),
    );
    await eventually('received once', () =>
      bodiesReceived().filter((body) => body === 'typed before the restart').length === 1 ? true : undefined,
    );
  });

  it('catches up on reads that happened while offline', async () => {
    const item = sender.client.send(conversationId, 'read while alice is away');
    const received = await eventually('bob receives it', () =>
      eventsOf(receiver, 'message').find((message) => message.body === 'read while alice is away'),
    );
    await eventually('delivered', () => (statesOf(item).includes('delivered') ? true : undefined));
    link.cut();
    await eventually('alice offline', () => (sender.client.state !== 'online' ? true : undefined));

    receiver.client.markRead(conversationId, received.seq);
    await sleep(500);
    link.restore();
    await eventually('read after the reconnect', () => (statesOf(item).includes('read') ? true : undefined));
  });

  it('sends a read marked while offline once the connection is back', async () => {
    const item = receiver.client.send(conversationId, 'bob writes, alice reads offline');
    await eventually('alice receives it', () =>
      eventsOf(sender, 'message').some((message) => message.clientMessageId === item.clientMessageId) ? true : undefined,
    );
    const received = eventsOf(sender, 'message').find((message) => message.clientMessageId === item.clientMessageId)!;
    link.cut();
    await eventually('alice offline', () => (sender.client.state !== 'online' ? true : undefined));

    sender.client.markRead(conversationId, received.seq);
    link.restore();
    await eventually('bob sees the read', () =>
      eventsOf(receiver, 'outbox').some(
        (change) => change.clientMessageId === item.clientMessageId && change.state === 'read',
      )
        ? true
        : undefined,
    );
  });
});
