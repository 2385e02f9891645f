import type { MessengerSocket } from '@messenger/client';
import { TestAccount, createAccount } from './support/accounts';
import {
  SocketTracker,
  framesOf,
  newClientMessageId,
  receivedMessages,
  receivedSeqs,
  sendMessage,
  waitForSeqs,
} from './support/sockets';
import { sleep, useTestSystem } from './support/system';

/** How long a test keeps listening after the expected frames, to catch duplicates and extras. */
const QUIET_PERIOD_MS = 500;

const system = useTestSystem();

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_value, index) => from + index);
}

/** Registers alice and bob through gateway-a without connecting them. */
async function createPair(): Promise<{ alice: TestAccount; bob: TestAccount }> {
  const http = system.http('gateway-a');
  const [alice, bob] = await Promise.all([createAccount(http, 'alice'), createAccount(http, 'bob')]);

  return { alice, bob };
}

async function openConversation(socket: MessengerSocket, peerUsername: string): Promise<string> {
  const reply = await socket.request<'conversation'>({ type: 'open_conversation', username: peerUsername });

  return reply.conversation.conversationId;
}

describe('conversation across gateways', () => {
  const sockets = new SocketTracker();
  let alice: TestAccount;
  let bob: TestAccount;
  let aliceSocket: MessengerSocket;
  let bobPhone: MessengerSocket;
  let bobLaptop: MessengerSocket;
  let conversationId: string;

  beforeAll(async () => {
    ({ alice, bob } = await createPair());
    aliceSocket = await sockets.connect(system.http('gateway-a'), alice.tokens.accessToken, 'alice-phone');
    bobPhone = await sockets.connect(system.http('gateway-b'), bob.tokens.accessToken, 'bob-phone');
    bobLaptop = await sockets.connect(system.http('gateway-a'), bob.tokens.accessToken, 'bob-laptop');
    conversationId = await openConversation(aliceSocket, bob.username);
  });

  afterAll(() => sockets.closeAll());

  it('delivers the first message', async () => {
    const sent = await sendMessage(aliceSocket, conversationId, 'hello bob');
    const received = await bobPhone.waitFor('message', (frame) => frame.conversationId === conversationId);

    expect(sent.seq).toBe(1);
    expect(sent.duplicate).toBe(false);
    expect(received.seq).toBe(1);
    expect(received.messageId).toBe(sent.messageId);
    expect(received.body).toBe('hello bob');
    expect(received.senderId).toBe(alice.userId);
    expect(received.senderDeviceId).toBe('alice-phone');
  });

  it('reports the delivered receipt', async () => {
    bobPhone.send({ type: 'ack', conversationId, seq: 1 });
    const receipt = await aliceSocket.waitFor('receipt', (frame) => frame.userId === bob.userId);

    expect(receipt.conversationId).toBe(conversationId);
    expect(receipt.deliveredSeq).toBe(1);
    expect(receipt.readSeq).toBe(0);
  });

  it('reports the read receipt', async () => {
    bobPhone.send({ type: 'read', conversationId, seq: 1 });
    const receipt = await aliceSocket.waitFor('receipt', (frame) => frame.userId === bob.userId && frame.readSeq > 0);

    expect(receipt.readSeq).toBe(1);
    expect(receipt.deliveredSeq).toBe(1);
  });

  it('keeps seq order for a burst', async () => {
    const bodies = range(1, 5).map((index) => `burst ${index}`);
    const sent = await Promise.all(bodies.map((body) => sendMessage(aliceSocket, conversationId, body)));
    const seqByMessageId = new Map(sent.map((frame) => [frame.messageId, frame.seq]));
    const bobSeqs = await waitForSeqs(bobPhone, conversationId, 6);
    await sleep(QUIET_PERIOD_MS);

    expect(sent.map((frame) => frame.seq).sort((a, b) => a - b)).toEqual(range(2, 6));
    expect(bobSeqs).toEqual(range(1, 6));
    expect(receivedSeqs(bobPhone, conversationId)).toEqual(range(1, 6));
    for (const message of receivedMessages(bobPhone, conversationId).slice(1)) {
      expect(message.seq).toBe(seqByMessageId.get(message.messageId));
    }
  });

  it('delivers to the second device', async () => {
    const laptopSeqs = await waitForSeqs(bobLaptop, conversationId, 6);
    await sleep(QUIET_PERIOD_MS);

    expect(laptopSeqs).toEqual(range(1, 6));
    expect(receivedSeqs(bobLaptop, conversationId)).toEqual(range(1, 6));
  });

  it('echoes nothing to the sending device', () => {
    expect(receivedSeqs(aliceSocket, conversationId)).toEqual([]);
  });
});

describe('idempotent send', () => {
  const sockets = new SocketTracker();

  afterEach(() => sockets.closeAll());

  it('stores a repeated client message id once', async () => {
    const { alice, bob } = await createPair();
    const gatewayA = system.http('gateway-a');
    const aliceSocket = await sockets.connect(gatewayA, alice.tokens.accessToken, 'alice-phone');
    const bobSocket = await sockets.connect(system.http('gateway-b'), bob.tokens.accessToken, 'bob-phone');
    const conversationId = await openConversation(aliceSocket, bob.username);
    const clientMessageId = newClientMessageId();

    const first = await sendMessage(aliceSocket, conversationId, 'only once', clientMessageId);
    const second = await sendMessage(aliceSocket, conversationId, 'only once', clientMessageId);
    aliceSocket.close();
    await aliceSocket.waitForClose();
    const reconnected = await sockets.connect(gatewayA, alice.tokens.accessToken, 'alice-phone');
    const third = await sendMessage(reconnected, conversationId, 'only once', clientMessageId);
    const history = await reconnected.request<'history'>({ type: 'history', conversationId });
    await bobSocket.waitFor('message', (frame) => frame.conversationId === conversationId);
    await sleep(QUIET_PERIOD_MS);

    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(second.messageId).toBe(first.messageId);
    expect(second.seq).toBe(first.seq);
    expect(third.duplicate).toBe(true);
    expect(third.messageId).toBe(first.messageId);
    expect(third.seq).toBe(first.seq);
    expect(history.messages.map((message) => message.clientMessageId)).toEqual([clientMessageId]);
    expect(history.lastSeq).toBe(1);
    expect(receivedSeqs(bobSocket, conversationId)).toEqual([1]);
  });
});

describe('offline catch-up', () => {
  const sockets = new SocketTracker();

  afterEach(() => sockets.closeAll());

  it('delivers exactly the missed messages', async () => {
    const { alice, bob } = await createPair();
    const gatewayB = system.http('gateway-b');
    const aliceSocket = await sockets.connect(system.http('gateway-a'), alice.tokens.accessToken, 'alice-phone');
    const bobSocket = await sockets.connect(gatewayB, bob.tokens.accessToken, 'bob-phone');
    const conversationId = await openConversation(aliceSocket, bob.username);
    await sendMessage(aliceSocket, conversationId, 'before');
    await waitForSeqs(bobSocket, conversationId, 1);
    bobSocket.send({ type: 'ack', conversationId, seq: 1 });
    await aliceSocket.waitFor('receipt', (frame) => frame.userId === bob.userId && frame.deliveredSeq === 1);
    bobSocket.close();
    await bobSocket.waitForClose();

    const missed: string[] = [];
    for (const index of range(1, 5)) {
      const sent = await sendMessage(aliceSocket, conversationId, `missed ${index}`);
      missed.push(sent.messageId);
    }
    const reconnected = await sockets.connect(gatewayB, bob.tokens.accessToken, 'bob-phone');
    const seqs = await waitForSeqs(reconnected, conversationId, 5);
    await sleep(QUIET_PERIOD_MS);

    expect(seqs).toEqual(range(2, 6));
    expect(receivedMessages(reconnected, conversationId).map((message) => message.messageId)).toEqual(missed);
    expect(framesOf(reconnected, 'message')).toHaveLength(5);
  });
});

describe('history paging', () => {
  const sockets = new SocketTracker();
  let socket: MessengerSocket;
  let conversationId: string;

  beforeAll(async () => {
    const { alice, bob } = await createPair();
    socket = await sockets.connect(system.http('gateway-a'), alice.tokens.accessToken, 'alice-phone');
    conversationId = await openConversation(socket, bob.username);
    for (const index of range(1, 30)) {
      await sendMessage(socket, conversationId, `page message ${index}`);
    }
  });

  afterAll(() => sockets.closeAll());

  async function page(query: { beforeSeq?: number; afterSeq?: number }) {
    const reply = await socket.request<'history'>({ type: 'history', conversationId, limit: 10, ...query });

    return { seqs: reply.messages.map((message) => message.seq), hasMore: reply.hasMore, lastSeq: reply.lastSeq };
  }

  it('pages backwards from the newest', async () => {
    const newest = await page({});
    const middle = await page({ beforeSeq: 21 });
    const oldest = await page({ beforeSeq: 11 });

    expect(newest).toEqual({ seqs: range(21, 30).reverse(), hasMore: true, lastSeq: 30 });
    expect(middle).toEqual({ seqs: range(11, 20).reverse(), hasMore: true, lastSeq: 30 });
    expect(oldest).toEqual({ seqs: range(1, 10).reverse(), hasMore: false, lastSeq: 30 });
  });

  it('pages forwards after a seq', async () => {
    const first = await page({ afterSeq: 0 });
    const second = await page({ afterSeq: 10 });
    const last = await page({ afterSeq: 20 });
    const beyond = await page({ afterSeq: 30 });

    expect(first).toEqual({ seqs: range(1, 10), hasMore: true, lastSeq: 30 });
    expect(second).toEqual({ seqs: range(11, 20), hasMore: true, lastSeq: 30 });
    expect(last).toEqual({ seqs: range(21, 30), hasMore: false, lastSeq: 30 });
    expect(beyond).toEqual({ seqs: [], hasMore: false, lastSeq: 30 });
  });
});

describe('non-member access', () => {
  const sockets = new SocketTracker();
  let alice: TestAccount;
  let aliceSocket: MessengerSocket;
  let carolSocket: MessengerSocket;
  let conversationId: string;
  let lastSeqBefore: number;

  beforeAll(async () => {
    const pair = await createPair();
    alice = pair.alice;
    const carol = await createAccount(system.http('gateway-a'), 'carol');
    aliceSocket = await sockets.connect(system.http('gateway-a'), alice.tokens.accessToken, 'alice-phone');
    carolSocket = await sockets.connect(system.http('gateway-b'), carol.tokens.accessToken, 'carol-phone');
    conversationId = await openConversation(aliceSocket, pair.bob.username);
    lastSeqBefore = (await sendMessage(aliceSocket, conversationId, 'private')).seq;
  });

  afterAll(() => sockets.closeAll());

  it('rejects history', async () => {
    const reply = carolSocket.request({ type: 'history', conversationId });

    await expect(reply).rejects.toThrow(/^NOT_A_MEMBER:/);
  });

  it('rejects send', async () => {
    const reply = sendMessage(carolSocket, conversationId, 'intruder');

    await expect(reply).rejects.toThrow(/^NOT_A_MEMBER:/);
  });

  it('rejects read', async () => {
    const reply = carolSocket.request({ type: 'read', conversationId, seq: 1 }, 5000);

    await expect(reply).rejects.toThrow(/^NOT_A_MEMBER:/);
  });

  it('rejects sync', async () => {
    const reply = carolSocket.request({ type: 'sync', conversationId, afterSeq: 0 }, 5000);

    await expect(reply).rejects.toThrow(/^NOT_A_MEMBER:/);
  });

  it('rejects get_presence of a stranger', async () => {
    const reply = carolSocket.request({ type: 'get_presence', userIds: [alice.userId] });

    await expect(reply).rejects.toThrow(/^NOT_A_MEMBER:/);
  });

  it('leaks no message to the non-member', () => {
    expect(framesOf(carolSocket, 'message')).toEqual([]);
  });

  it('stores nothing', async () => {
    const history = await aliceSocket.request<'history'>({ type: 'history', conversationId });

    expect(history.lastSeq).toBe(lastSeqBefore);
    expect(history.messages.map((message) => message.body)).toEqual(['private']);
  });
});

describe('gateway killed mid-conversation', () => {
  const sockets = new SocketTracker();

  afterEach(() => sockets.closeAll());

  it('resumes on another gateway without loss or duplicates', async () => {
    const { alice, bob } = await createPair();
    const gatewayA = system.http('gateway-a');
    const aliceSocket = await sockets.connect(gatewayA, alice.tokens.accessToken, 'alice-phone');
    const bobOnB = await sockets.connect(system.http('gateway-b'), bob.tokens.accessToken, 'bob-phone');
    const conversationId = await openConversation(aliceSocket, bob.username);
    for (const index of range(1, 3)) await sendMessage(aliceSocket, conversationId, `before kill ${index}`);
    const beforeKill = await waitForSeqs(bobOnB, conversationId, 3);
    bobOnB.send({ type: 'ack', conversationId, seq: 3 });
    await aliceSocket.waitFor('receipt', (frame) => frame.userId === bob.userId && frame.deliveredSeq === 3);

    await system.kill('gateway-b', 'SIGKILL');
    // The restart waits for the killed consumer's Kafka session to expire, so it runs alongside the test.
    const restarted = system.restart('gateway-b');
    // Awaited at the end; this keeps an early failure of the test from leaving the rejection unhandled.
    restarted.catch(() => undefined);
    await bobOnB.waitForClose();
    for (const index of range(4, 6)) await sendMessage(aliceSocket, conversationId, `while offline ${index}`);
    const connectingOnA = sockets.connect(gatewayA, bob.tokens.accessToken, 'bob-phone');
    connectingOnA.catch(() => undefined);
    for (const index of range(7, 10)) await sendMessage(aliceSocket, conversationId, `during reconnect ${index}`);
    const bobOnA = await connectingOnA;
    const afterKill = await waitForSeqs(bobOnA, conversationId, 7);
    await sleep(QUIET_PERIOD_MS);
    await restarted;
    const onRestartedB = await sockets.connect(system.http('gateway-b'), bob.tokens.accessToken, 'bob-tablet');

    expect(beforeKill).toEqual(range(1, 3));
    expect(afterKill).toEqual(range(4, 10));
    expect([...beforeKill, ...receivedSeqs(bobOnA, conversationId)]).toEqual(range(1, 10));
    expect(system.isRunning('gateway-b')).toBe(true);
    expect(onRestartedB.welcome.userId).toBe(bob.userId);
  });
});
