import { MessengerHttpClient } from '@messenger/client';
import { MessageClient, createMessageClient, promiseClient } from '@messenger/grpc';
import { createAccount } from './support/accounts';
import { SocketTracker, newClientMessageId, sendMessage } from './support/sockets';
import { StandaloneProcess, launchApp, launchGateway, stopProcess, waitUntilReady } from './support/standalone-process';
import { TestSystem } from './support/system';

/** A second message service beside the TestSystem's, on ports that neither the dev nor the e2e services use. */
const SECOND_MESSAGE = { http: 3211, grpc: 4211, metrics: 9211 } as const;
/** A gateway that balances its message-service calls over both instances. */
const BALANCING_GATEWAY = { http: 3241, metrics: 9241 } as const;

let system: TestSystem;
let secondMessage: StandaloneProcess | undefined;

beforeAll(async () => {
  system = await TestSystem.start();
  secondMessage = launchApp('message', {
    httpPort: SECOND_MESSAGE.http,
    metricsPort: SECOND_MESSAGE.metrics,
    env: { GRPC_HOST: '127.0.0.1', GRPC_PORT: String(SECOND_MESSAGE.grpc) },
  });
  await waitUntilReady(secondMessage);
}, 120_000);

afterAll(async () => {
  secondMessage?.child.kill('SIGTERM');
  await system?.stop();
}, 30_000);

describe('send retried on two message-service instances', () => {
  const sockets = new SocketTracker();

  afterAll(() => sockets.closeAll());

  it('stores each client message id once', async () => {
    const http = system.http('gateway-a');
    const [alice, bob] = await Promise.all([createAccount(http, 'alice'), createAccount(http, 'bob')]);
    const socket = await sockets.connect(http, alice.tokens.accessToken, 'alice-phone');
    const opened = await socket.request<'conversation'>({ type: 'open_conversation', username: bob.username });
    const conversationId = opened.conversation.conversationId;
    const instances: MessageClient[] = [
      promiseClient(createMessageClient(system.grpcAddress('message')), 'MessageService'),
      promiseClient(createMessageClient(`127.0.0.1:${SECOND_MESSAGE.grpc}`), 'MessageService'),
    ];

    // A client that timed out on one gateway re-sends through another, whose calls reach the other instance.
    for (let round = 0; round < 10; round++) {
      const request = {
        userId: alice.userId,
        deviceId: 'alice-phone',
        conversationId,
        clientMessageId: newClientMessageId(),
        body: `retried ${round}`,
      };
      await Promise.all(instances.map((instance) => instance.SendMessage(request)));
    }
    const page = await socket.request<'history'>({ type: 'history', conversationId, afterSeq: 0, limit: 200 });
    const clientMessageIds = page.messages.map((message) => message.clientMessageId);

    expect(page.messages).toHaveLength(10);
    expect(new Set(clientMessageIds).size).toBe(clientMessageIds.length);
  });
});

/** Counts the SendMessage calls that a message-service instance completed with OK, from its metrics. */
async function sendMessageCalls(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text
    .split('\n')
    .find(
      (candidate) =>
        candidate.startsWith('messenger_message_grpc_server_duration_seconds_count{') &&
        candidate.includes('method="SendMessage"') &&
        candidate.includes('code="OK"'),
    );

  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('a gateway given two message-service addresses', () => {
  const sockets = new SocketTracker();
  let gateway: StandaloneProcess;

  beforeAll(async () => {
    // The ipv4: scheme lists several addresses for one channel, as DNS does for a headless Service.
    gateway = launchGateway(system, {
      id: 'e2e-balancing',
      httpPort: BALANCING_GATEWAY.http,
      metricsPort: BALANCING_GATEWAY.metrics,
      env: { MESSAGE_GRPC_URL: `ipv4:${system.grpcAddress('message')},127.0.0.1:${SECOND_MESSAGE.grpc}` },
    });
    await waitUntilReady(gateway);
  }, 60_000);

  afterAll(async () => {
    sockets.closeAll();
    await stopProcess(gateway);
  });

  it('spreads sends over both instances', async () => {
    const firstBefore = await sendMessageCalls(system.metricsUrl('message'));
    const secondBefore = await sendMessageCalls(`http://127.0.0.1:${SECOND_MESSAGE.metrics}/metrics`);
    const http = system.http('gateway-a');
    const [alice, bob] = await Promise.all([createAccount(http, 'alice'), createAccount(http, 'bob')]);
    const balancing = new MessengerHttpClient(`http://127.0.0.1:${BALANCING_GATEWAY.http}`);
    const socket = await sockets.connect(balancing, alice.tokens.accessToken, 'alice-laptop');
    const opened = await socket.request<'conversation'>({ type: 'open_conversation', username: bob.username });
    for (let index = 0; index < 20; index++) {
      await sendMessage(socket, opened.conversation.conversationId, `balanced ${index}`);
    }

    const first = (await sendMessageCalls(system.metricsUrl('message'))) - firstBefore;
    const second = (await sendMessageCalls(`http://127.0.0.1:${SECOND_MESSAGE.metrics}/metrics`)) - secondBefore;
    expect(first + second).toBe(20);
    // Round robin alternates; pick_first would send all 20 to one instance.
    expect(first).toBeGreaterThanOrEqual(5);
    expect(second).toBeGreaterThanOrEqual(5);
  });
});
