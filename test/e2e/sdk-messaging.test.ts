/**
 * The SDK against the running platform: a conversation between two users
 * on different gateways, with receipts moving the sender's outbox items,
 * typing that ends on its own, presence, unread counts and history.
 */
import { TYPING_TTL_MS } from '@messenger/protocol';
import { ApiError, RequestError } from '@messenger/sdk';
import { createAccount, type TestAccount } from './support/accounts';
import { ClientTracker, eventsOf, eventually, type TrackedClient } from './support/sdk-clients';
import { useTestSystem } from './support/system';

const system = useTestSystem();

describe('SDK conversation', () => {
  const clients = new ClientTracker();
  let alice: TestAccount;
  let bob: TestAccount;
  let alicePhone: TrackedClient;
  let bobLaptop: TrackedClient;
  let conversationId: string;

  beforeAll(async () => {
    const http = system.http('gateway-a');
    [alice, bob] = await Promise.all([createAccount(http, 'alice'), createAccount(http, 'bob')]);
    alicePhone = await clients.online(alice, { baseUrl: system.baseUrl('gateway-a'), deviceId: 'alice-phone' });
    bobLaptop = await clients.online(bob, { baseUrl: system.baseUrl('gateway-b'), deviceId: 'bob-laptop' });
    conversationId = (await alicePhone.client.openConversation(bob.username)).conversationId;
  });

  afterAll(() => clients.disconnectAll());

  it('delivers a message and moves its outbox item to sent, delivered and read', async () => {
    const item = alicePhone.client.send(conversationId, 'hello bob');
    expect(item.state).toBe('pending');

    const received = await eventually('bob receives the message', () =>
      eventsOf(bobLaptop, 'message').find((message) => message.clientMessageId === item.clientMessageId),
    );
    expect(received).toMatchObject({ conversationId, body: 'hello bob', senderId: alice.userId });
    await eventually('delivered', () =>
      eventsOf(alicePhone, 'outbox').find((change) => change.state === 'delivered') ? true : undefined,
    );

    bobLaptop.client.markRead(conversationId, received.seq);
    await eventually('read', () =>
      eventsOf(alicePhone, 'outbox').find((change) => change.state === 'read') ? true : undefined,
    );
    const states = eventsOf(alicePhone, 'outbox')
      .filter((change) => change.clientMessageId === item.clientMessageId)
      .map((change) => change.state);
    expect(states).toEqual(['pending', 'sent', 'delivered', 'read']);
    expect(alicePhone.client.outboxItems(conversationId)).toEqual([]);
  });

  it('keeps unread counts in step with messages and reads', async () => {
    await bobLaptop.client.listConversations();
    alicePhone.client.send(conversationId, 'one');
    alicePhone.client.send(conversationId, 'two');
    const last = await eventually('two more messages', () =>
      eventsOf(bobLaptop, 'message').find((message) => message.body === 'two'),
    );
    await eventually('bob sees 2 unread', () => (bobLaptop.client.conversation(conversationId)?.unreadCount === 2 ? true : undefined));
    expect(bobLaptop.client.totalUnread).toBe(2);

    bobLaptop.client.markRead(conversationId, last.seq);
    expect(bobLaptop.client.conversation(conversationId)?.unreadCount).toBe(0);
    expect(bobLaptop.client.totalUnread).toBe(0);

    // Another device of bob, and so the server, agree once the read is stored.
    const bobPhone = await clients.online(bob, { baseUrl: system.baseUrl('gateway-a'), deviceId: 'bob-phone' });
    await eventually('the stored read position', async () =>
      (await bobPhone.client.listConversations()).totalUnread === 0 ? true : undefined,
    );
    bobPhone.client.disconnect();
  });

  it('shows typing and ends it after the ttl without a stop', async () => {
    alicePhone.client.setTyping(conversationId, true);
    await eventually('bob sees alice typing', () =>
      eventsOf(bobLaptop, 'typing').find((change) => change.userId === alice.userId && change.active),
    );
    expect(bobLaptop.client.isTyping(conversationId, alice.userId)).toBe(true);

    // Cut alice off without a stop frame: bob's state must still end.
    alicePhone.client.disconnect();
    const startedAt = Date.now();
    await eventually(
      'the typing state expires',
      () => eventsOf(bobLaptop, 'typing').find((change) => change.userId === alice.userId && !change.active),
      TYPING_TTL_MS + 5_000,
    );
    expect(Date.now() - startedAt).toBeLessThan(TYPING_TTL_MS + 2_000);
    alicePhone.client.connect();
    await eventually('alice back online', () => (alicePhone.client.state === 'online' ? true : undefined));
  });

  it('reports the peer going offline and coming back', async () => {
    bobLaptop.client.disconnect();
    await eventually('alice sees bob offline', () =>
      eventsOf(alicePhone, 'presence').find((presence) => presence.userId === bob.userId && presence.status === 'offline'),
    );
    bobLaptop.client.connect();
    await eventually('alice sees bob online again', () =>
      eventsOf(alicePhone, 'presence')
        .slice(-1)
        .find((presence) => presence.userId === bob.userId && presence.status === 'online'),
    );
  });

  it('pages back through history', async () => {
    const first = await bobLaptop.client.history(conversationId, { limit: 2 });
    expect(first.messages.map((message) => message.body)).toEqual(['two', 'one']);
    expect(first.hasMore).toBe(true);
    const older = await bobLaptop.client.history(conversationId, { beforeSeq: first.messages[1].seq, limit: 2 });
    expect(older.messages.map((message) => message.body)).toEqual(['hello bob']);
    expect(older.hasMore).toBe(false);
  });

  it('names the problem when a request or a login fails', async () => {
    await expect(alicePhone.client.openConversation('nobody-with-this-name')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(alicePhone.client.openConversation('nobody-with-this-name')).rejects.toBeInstanceOf(RequestError);
    const stranger = clients.create({ baseUrl: system.baseUrl('gateway-a'), deviceId: 'stranger' });
    await expect(stranger.client.login(alice.username, 'wrong password')).rejects.toMatchObject({
      status: 401,
      code: 'INVALID_CREDENTIALS',
    });
    await expect(stranger.client.login(alice.username, 'wrong password')).rejects.toBeInstanceOf(ApiError);
  });

  it('logs out one device and leaves the sessions of the others', async () => {
    const aliceTablet = await clients.online(alice, { baseUrl: system.baseUrl('gateway-b'), deviceId: 'alice-tablet' });
    await aliceTablet.client.logout();
    expect(aliceTablet.client.state).toBe('offline');
    expect(aliceTablet.client.user).toBeUndefined();
    // The phone logged in separately, so it keeps its own session.
    expect(alicePhone.client.state).toBe('online');
  });

  it('forgets the previous user after a logout', async () => {
    const shared = await clients.online(bob, { baseUrl: system.baseUrl('gateway-a'), deviceId: 'shared-laptop' });
    await shared.client.listConversations();
    expect(shared.client.conversation(conversationId)).toBeDefined();

    await shared.client.logout();
    const carol = await createAccount(system.http('gateway-a'), 'carol');
    await shared.client.login(carol.username, carol.password);

    expect(shared.client.conversation(conversationId)).toBeUndefined();
    expect(shared.client.totalUnread).toBe(0);
    expect(shared.client.outboxItems()).toEqual([]);
  });
});
