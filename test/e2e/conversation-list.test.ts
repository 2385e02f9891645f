/**
 * The conversation list: the most recently active first, with the last
 * message, unread counts that every device and reload agree on, the peers'
 * presence, and pages that neither overlap nor skip while nothing changes.
 */
import { MessengerHttpClient, MessengerSocket } from '@messenger/client';
import type { ServerFrame } from '@messenger/protocol';
import { ErrorCode } from '@messenger/protocol';
import { TestAccount, createAccount } from './support/accounts';
import { SocketTracker, sendMessage } from './support/sockets';
import { launchGateway, stopProcess, waitUntilReady } from './support/standalone-process';
import { sleep, useTestSystem } from './support/system';

type ConversationsFrame = Extract<ServerFrame, { type: 'conversations' }>;

const system = useTestSystem();

describe('conversation list', () => {
  const sockets = new SocketTracker();
  let alice: TestAccount;
  let bob: TestAccount;
  let carol: TestAccount;
  let dave: TestAccount;
  let alicePhone: MessengerSocket;
  let aliceLaptop: MessengerSocket;
  const conversationWith: Record<string, string> = {};

  function list(socket: MessengerSocket, limit?: number, cursor?: string): Promise<ConversationsFrame> {
    return socket.request<'conversations'>({ type: 'list_conversations', limit, cursor });
  }

  const peerOf = (frame: ConversationsFrame, index: number) =>
    frame.conversations[index].members.find((member) => member.userId !== alice.userId)?.username;

  beforeAll(async () => {
    const http = system.http('gateway-a');
    [alice, bob, carol, dave] = await Promise.all(
      ['alice', 'bob', 'carol', 'dave'].map((name) => createAccount(http, name)),
    );
    alicePhone = await sockets.connect(http, alice.tokens.accessToken, 'alice-phone');
    aliceLaptop = await sockets.connect(system.http('gateway-b'), alice.tokens.accessToken, 'alice-laptop');
    const bobPhone = await sockets.connect(http, bob.tokens.accessToken, 'bob-phone');
    const carolPhone = await sockets.connect(http, carol.tokens.accessToken, 'carol-phone');
    // Heartbeats keep bob and carol online past the short presence timeout of the test system.
    sockets.startHeartbeats(bobPhone, 250);
    sockets.startHeartbeats(carolPhone, 250);

    // Dave's conversation is the oldest and stays without messages.
    for (const peer of [dave, bob, carol]) {
      const opened = await alicePhone.request<'conversation'>({ type: 'open_conversation', username: peer.username });
      conversationWith[peer.username] = opened.conversation.conversationId;
      await sleep(5);
    }
    await sendMessage(bobPhone, conversationWith[bob.username], 'bob one');
    await sendMessage(bobPhone, conversationWith[bob.username], 'bob two');
    await sleep(5);
    await sendMessage(carolPhone, conversationWith[carol.username], 'carol one');
  });

  afterAll(() => sockets.closeAll());

  it('puts the latest activity first', async () => {
    const page = await list(alicePhone);

    expect(page.conversations.map((_conversation, index) => peerOf(page, index))).toEqual([
      carol.username,
      bob.username,
      dave.username,
    ]);
    expect(page.conversations[0].lastMessage?.body).toBe('carol one');
    expect(page.conversations[1].lastMessage?.body).toBe('bob two');
    expect(page.conversations[2].lastMessage).toBeUndefined();
    expect(page.conversations[2].lastActivityAt).toBe(page.conversations[2].createdAt);
  });

  it('counts unread messages per conversation and in total', async () => {
    const page = await list(alicePhone);

    expect(page.conversations.map((conversation) => conversation.unreadCount)).toEqual([1, 2, 0]);
    expect(page.totalUnread).toBe(3);
  });

  it('includes the peers presence', async () => {
    const page = await list(alicePhone);
    const status = Object.fromEntries(page.presence.map((entry) => [entry.userId, entry.status]));

    expect(status).toEqual({ [bob.userId]: 'online', [carol.userId]: 'online', [dave.userId]: 'offline' });
  });

  it('pages without overlap or gaps', async () => {
    const first = await list(alicePhone, 2);
    const second = await list(alicePhone, 2, first.nextCursor);

    expect(first.conversations).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(second.conversations.map((conversation) => conversation.conversationId)).toEqual([
      conversationWith[dave.username],
    ]);
    expect(second.nextCursor).toBeUndefined();
    expect(second.totalUnread).toBe(3);
  });

  it('agrees across devices after a read', async () => {
    alicePhone.send({ type: 'read', conversationId: conversationWith[bob.username], seq: 2 });
    await aliceLaptop.waitFor(
      'receipt',
      (receipt) =>
        receipt.conversationId === conversationWith[bob.username] && receipt.userId === alice.userId && receipt.readSeq === 2,
    );
    const onLaptop = await list(aliceLaptop);
    const reloaded = await sockets.connect(system.http('gateway-a'), alice.tokens.accessToken, 'alice-tablet');
    const afterReload = await list(reloaded);

    for (const page of [onLaptop, afterReload]) {
      expect(page.conversations.map((conversation) => conversation.unreadCount)).toEqual([1, 0, 0]);
      expect(page.totalUnread).toBe(1);
    }
  });

  it('never counts the user own messages', async () => {
    await sendMessage(alicePhone, conversationWith[dave.username], 'hello dave');
    const page = await list(aliceLaptop);

    expect(peerOf(page, 0)).toBe(dave.username);
    expect(page.conversations[0].unreadCount).toBe(0);
    expect(page.totalUnread).toBe(1);
  });

  it('lists without presence while presence is down', async () => {
    // A gateway whose presence address has no server behind it: connecting and listing still work.
    const gateway = launchGateway(system, {
      id: 'e2e-no-presence',
      httpPort: 3251,
      metricsPort: 9251,
      env: { PRESENCE_GRPC_URL: '127.0.0.1:1' },
    });
    try {
      await waitUntilReady(gateway);
      const socket = await MessengerSocket.connect(
        new MessengerHttpClient('http://127.0.0.1:3251').socketUrl(alice.tokens.accessToken, 'alice-desk'),
      ).catch((error: unknown) => {
        throw new Error(`connect failed: ${String(error)}`);
      });
      const page = await list(socket);
      socket.socket.terminate();

      expect(page.conversations).toHaveLength(3);
      expect(page.presence).toEqual([]);
    } finally {
      await stopProcess(gateway);
    }
  });

  it('rejects a made-up cursor', async () => {
    const reply = alicePhone.request({ type: 'list_conversations', id: 'list-1', cursor: 'page-2' });

    await expect(reply).rejects.toThrow(new RegExp(`^${ErrorCode.INVALID_ARGUMENT}:.*cursor`));
  });

  it('rejects a limit above 100', async () => {
    const reply = alicePhone.request({ type: 'list_conversations', id: 'list-2', limit: 101 });

    await expect(reply).rejects.toThrow(/^INVALID_FIELD:.*limit/);
  });
});
