import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { MessageClient, createMessageClient, promiseClient } from '@messenger/grpc';
import { createAccount } from './support/accounts';
import { SocketTracker, newClientMessageId } from './support/sockets';
import { TestSystem, sleep } from './support/system';

const ROOT = path.resolve(__dirname, '..', '..');

/** A second message service beside the TestSystem's, on ports that neither the dev nor the e2e services use. */
const SECOND_MESSAGE = { http: 3211, grpc: 51062, metrics: 9211 } as const;

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
