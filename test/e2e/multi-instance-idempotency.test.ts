import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { MessengerHttpClient } from '@messenger/client';
import { MessageClient, createMessageClient, promiseClient } from '@messenger/grpc';
import { createAccount } from './support/accounts';
import { SocketTracker, newClientMessageId, sendMessage } from './support/sockets';
import { StandaloneGateway, launchGateway, stopGateway } from './support/standalone-gateway';
import { TestSystem, sleep } from './support/system';

const ROOT = path.resolve(__dirname, '..', '..');

/** A second message service beside the TestSystem's, on ports that neither the dev nor the e2e services use. */
const SECOND_MESSAGE = { http: 3211, grpc: 51062, metrics: 9211 } as const;
/** A gateway that balances its message-service calls over both instances. */
const BALANCING_GATEWAY = { http: 3241, metrics: 9241 } as const;

let system: TestSystem;
let secondMessage: ChildProcess | undefined;

async function startSecondMessageService(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['-r', path.join(ROOT, 'tools', 'register-aliases.js'), path.join(ROOT, 'dist', 'apps', 'message', 'src', 'main.js')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(SECOND_MESSAGE.http),
        METRICS_HOST: '127.0.0.1',
        METRICS_PORT: String(SECOND_MESSAGE.metrics),
        GRPC_HOST: '127.0.0.1',
        GRPC_PORT: String(SECOND_MESSAGE.grpc),
      },
      stdio: 'ignore',
    },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const healthy = await fetch(`http://127.0.0.1:${SECOND_MESSAGE.http}/health`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) return child;
    if (child.exitCode !== null) break;
    await sleep(300);
  }
  child.kill('SIGKILL');
  throw new Error(`the second message service on port ${SECOND_MESSAGE.grpc} did not become healthy`);
}

beforeAll(async () => {
  system = await TestSystem.start();
  secondMessage = await startSecondMessageService();
}, 120_000);

afterAll(async () => {
  secondMessage?.kill('SIGTERM');
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

/** Counts the SendMessage calls that a message-service instance answered with OK, from its metrics. */
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
  let gateway: StandaloneGateway;

  beforeAll(async () => {
    // The ipv4: scheme lists several addresses for one channel, as DNS does for a headless Service.
    gateway = launchGateway(system, {
      id: 'e2e-balancing',
      httpPort: BALANCING_GATEWAY.http,
      metricsPort: BALANCING_GATEWAY.metrics,
      env: { MESSAGE_GRPC_URL: `ipv4:${system.grpcAddress('message')},127.0.0.1:${SECOND_MESSAGE.grpc}` },
    });
    const deadline = Date.now() + 30_000;
    while (!(await fetch(`http://127.0.0.1:${BALANCING_GATEWAY.http}/health/ready`).catch(() => undefined))?.ok) {
      if (gateway.exited() || Date.now() > deadline) {
        throw new Error(`the balancing gateway did not become ready:\n${gateway.output().slice(-2000)}`);
      }
      await sleep(250);
    }
  }, 60_000);

  afterAll(async () => {
    sockets.closeAll();
    await stopGateway(gateway);
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
