/**
 * What Kubernetes relies on when it stops a gateway pod. On SIGTERM the
 * gateway rejects new sockets, closes every socket with code 1012 (reconnect
 * elsewhere), terminates clients that have not left after SHUTDOWN_GRACE_MS,
 * and exits with status 0.
 */
import { MessengerHttpClient, MessengerSocket } from '@messenger/client';
import { CloseCode } from '@messenger/protocol';
import { createAccount } from './support/accounts';
import { freezeSocket, rejectedHandshake, unfreezeSocket } from './support/sockets';
import { StandaloneProcess, launchGateway, stopProcess, waitUntilReady } from './support/standalone-process';
import { useTestSystem } from './support/system';

/** Ports of the gateway under test; the dev and e2e services use none of them. */
const GATEWAY = { http: 3231, metrics: 9231 } as const;
const SHUTDOWN_GRACE_MS = 3000;
/** Exit after the grace period also waits for Redis, Kafka and gRPC clients to close. */
const EXIT_MARGIN_MS = 10_000;

const system = useTestSystem();

function closeCodeOf(socket: MessengerSocket): Promise<number> {
  return new Promise((resolve) => socket.socket.once('close', (code: number) => resolve(code)));
}

describe('a gateway stopped with SIGTERM', () => {
  let gateway: StandaloneProcess;
  const http = new MessengerHttpClient(`http://127.0.0.1:${GATEWAY.http}`);

  beforeAll(async () => {
    gateway = launchGateway(system, {
      id: 'e2e-drain',
      httpPort: GATEWAY.http,
      metricsPort: GATEWAY.metrics,
      env: { SHUTDOWN_GRACE_MS: String(SHUTDOWN_GRACE_MS) },
    });
    await waitUntilReady(gateway);
  });

  afterAll(() => stopProcess(gateway));

  it('drains sockets, then exits with 0', async () => {
    const account = await createAccount(system.http('gateway-a'), 'drain');
    const polite = await MessengerSocket.connect(http.socketUrl(account.tokens.accessToken, 'drain-phone'));
    const frozen = await MessengerSocket.connect(http.socketUrl(account.tokens.accessToken, 'drain-laptop'));
    const politeClose = closeCodeOf(polite);
    const frozenClose = closeCodeOf(frozen);
    // A client that stopped reading never completes the close handshake.
    freezeSocket(frozen);

    const stoppedAt = Date.now();
    gateway.child.kill('SIGTERM');

    expect(await politeClose).toBe(CloseCode.SERVER_RESTART);
    const rejected = await rejectedHandshake(http.socketUrl(account.tokens.accessToken, 'drain-tablet'));
    expect(rejected.status).toBe(503);
    expect(gateway.exited()).toBe(false);

    expect(await gateway.exit).toBe(0);
    const exitedAfterMs = Date.now() - stoppedAt;
    // The straggler held the drain open for the whole grace period, and no longer.
    expect(exitedAfterMs).toBeGreaterThanOrEqual(SHUTDOWN_GRACE_MS - 100);
    expect(exitedAfterMs).toBeLessThan(SHUTDOWN_GRACE_MS + EXIT_MARGIN_MS);
    // The straggler, once it reads again, finds the same request to reconnect.
    unfreezeSocket(frozen);
    expect(await frozenClose).toBe(CloseCode.SERVER_RESTART);
  }, 60_000);
});
