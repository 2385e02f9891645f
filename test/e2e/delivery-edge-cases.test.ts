import { MessageClient, createMessageClient, promiseClient } from '@messenger/grpc';
import type { MessengerSocket } from '@messenger/client';
import { TestAccount, createAccount } from './support/accounts';
import { SocketTracker, framesOf, newClientMessageId, receivedSeqs, sendMessage, waitForSeqs } from './support/sockets';
import { sleep, useTestSystem } from './support/system';

/** How long a test keeps listening after the expected frames, to catch late or missing ones. */
const QUIET_PERIOD_MS = 1500;

const system = useTestSystem();
let grpc: MessageClient;

beforeAll(() => {
  grpc = promiseClient(createMessageClient(system.grpcAddress('message')), 'MessageService');
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_value, index) => from + index);
}

async function createConversation(sockets: SocketTracker): Promise<{
  alice: TestAccount;
  bob: TestAccount;
  aliceSocket: MessengerSocket;
  conversationId: string;
}> {
  const http = system.http('gateway-a');
  const [alice, bob] = await Promise.all([createAccount(http, 'alice'), createAccount(http, 'bob')]);
  const aliceSocket = await sockets.connect(http, alice.tokens.accessToken, 'alice-phone');
  const reply = await aliceSocket.request<'conversation'>({ type: 'open_conversation', username: bob.username });

  return { alice, bob, aliceSocket, conversationId: reply.conversation.conversationId };
}

/** Stores count messages from the user straight through the message service, in parallel batches of 50. */
async function seedMessages(userId: string, conversationId: string, count: number): Promise<void> {
  for (let start = 0; start < count; start += 50) {
    const batch = Array.from({ length: Math.min(50, count - start) }, (_value, index) =>
      grpc.SendMessage({
        userId,
        deviceId: 'seed',
        conversationId,
        clientMessageId: newClientMessageId(),
        body: `seed ${start + index}`,
      }),
    );
    await Promise.all(batch);
  }
}

async function getHistoryCallCount(): Promise<number> {
  const text = await fetch(system.metricsUrl('message')).then((response) => response.text());

  return text
    .split('\n')
    .filter((line) => line.startsWith('messenger_message_grpc_server_duration_seconds_count{'))
    .filter((line) => line.includes('method="GetHistory"'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/** Waits until the GetHistory count stops changing (10 s at most), then returns it. */
async function settledHistoryCallCount(): Promise<number> {
  let previous = await getHistoryCallCount();
  for (let attempt = 0; attempt < 20; attempt++) {
    await sleep(500);
    const current = await getHistoryCallCount();
    if (current === previous) break;
    previous = current;
  }

  return previous;
}

describe('device catch-up after its own send', () => {
  const sockets = new SocketTracker();

  afterEach(() => sockets.closeAll());

  it('redelivers messages the device never acknowledged', async () => {
    const { bob, aliceSocket, conversationId } = await createConversation(sockets);
    const http = system.http('gateway-b');
    const unacknowledged: number[] = [];
    for (let index = 0; index < 3; index++) {
      unacknowledged.push((await sendMessage(aliceSocket, conversationId, `while away ${index}`)).seq);
    }

    // bob-tablet receives the catch-up, replies, and drops off before it acknowledges anything.
    const first = await sockets.connect(http, bob.tokens.accessToken, 'bob-tablet');
    await waitForSeqs(first, conversationId, 3);
    await sendMessage(first, conversationId, 'reply before the ack');
    first.socket.terminate();
    await sleep(500);

    const second = await sockets.connect(http, bob.tokens.accessToken, 'bob-tablet');
    await sleep(QUIET_PERIOD_MS);

    expect(receivedSeqs(second, conversationId)).toEqual(unacknowledged);
  });

  it('delivers the catch-up to a device that sends right after welcome', async () => {
    const { bob, aliceSocket, conversationId } = await createConversation(sockets);
    const http = system.http('gateway-b');
    const undelivered: string[] = [];
    for (let round = 0; round < 5; round++) {
      const deviceId = `bob-watch-${round}`;
      // A first connection gives the device a cursor, so that its catch-up starts from there.
      const setup = await sockets.connect(http, bob.tokens.accessToken, deviceId);
      const lastSeq = (await setup.request<'history'>({ type: 'history', conversationId, limit: 1 })).lastSeq;
      if (lastSeq > 0) setup.send({ type: 'ack', conversationId, seq: lastSeq });
      await sleep(300);
      setup.socket.terminate();
      const missed: number[] = [];
      for (let index = 0; index < 3; index++) {
        missed.push((await sendMessage(aliceSocket, conversationId, `round ${round} message ${index}`)).seq);
      }

      // A client flushes its outbox as soon as it is connected.
      const socket = await sockets.connect(http, bob.tokens.accessToken, deviceId);
      await sendMessage(socket, conversationId, `outbox of round ${round}`);
      await sleep(QUIET_PERIOD_MS);
      const received = receivedSeqs(socket, conversationId);
      for (const seq of missed) if (!received.includes(seq)) undelivered.push(`round ${round}: seq ${seq}`);
    }

    expect(undelivered).toEqual([]);
  });
});

describe('sync during a catch-up', () => {
  const sockets = new SocketTracker();

  afterAll(() => sockets.closeAll());

  it('reports no gap for stored messages', async () => {
    const { alice, bob, conversationId } = await createConversation(sockets);
    await seedMessages(alice.userId, conversationId, 640);
    const gaps: string[] = [];
    for (let round = 0; round < 4; round++) {
      const socket = await sockets.connect(system.http('gateway-a'), bob.tokens.accessToken, `bob-sync-${round}`);
      for (let afterSeq = 1; afterSeq <= 10; afterSeq++) {
        await sleep(3 + round * 2);
        socket.send({ type: 'sync', conversationId, afterSeq });
      }
      await sleep(2500);
      for (const gap of framesOf(socket, 'gap')) gaps.push(`round ${round}: ${gap.fromSeq}-${gap.toSeq}`);
      socket.socket.terminate();
    }

    expect(gaps).toEqual([]);
  });
});

describe('sync with another spelling of the conversation id', () => {
  const sockets = new SocketTracker();

  afterAll(() => sockets.closeAll());

  it('streams only messages after afterSeq', async () => {
    const { bob, aliceSocket, conversationId } = await createConversation(sockets);
    for (let index = 0; index < 8; index++) await sendMessage(aliceSocket, conversationId, `message ${index}`);
    const socket = await sockets.connect(system.http('gateway-b'), bob.tokens.accessToken, 'bob-phone');
    await waitForSeqs(socket, conversationId, 8);
    for (let seq = 1; seq <= 8; seq++) socket.send({ type: 'ack', conversationId, seq });
    await sleep(500);
    const before = socket.frames.length;

    await socket.request<'synced'>({ type: 'sync', conversationId: conversationId.toUpperCase(), afterSeq: 6 });
    await sleep(QUIET_PERIOD_MS);
    const streamed = socket.frames
      .slice(before)
      .filter((frame) => frame.type === 'message')
      .map((frame) => (frame.type === 'message' ? frame.seq : 0));

    expect(streamed).toEqual(range(7, 8));
  });
});

describe('catch-up of a device that left', () => {
  const sockets = new SocketTracker();

  afterAll(() => sockets.closeAll());

  it('stops fetching history pages', async () => {
    const { alice, bob, aliceSocket, conversationId } = await createConversation(sockets);
    // Alice's own socket would receive the seeded messages live, out of order
    // across the parallel batches, and fill the gaps with history fetches.
    aliceSocket.socket.terminate();
    await seedMessages(alice.userId, conversationId, 1000);
    const before = await settledHistoryCallCount();

    const socket = await sockets.connect(system.http('gateway-a'), bob.tokens.accessToken, 'bob-brief');
    socket.socket.terminate();
    await sleep(3000);

    // One page may already be in flight when the close arrives; the other four must not be fetched.
    expect((await getHistoryCallCount()) - before).toBeLessThanOrEqual(1);
  });
});
