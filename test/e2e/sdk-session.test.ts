/**
 * The SDK's session against the running platform: access tokens that live
 * 5 seconds are refreshed before they expire, so the connection stays up,
 * and a logout from elsewhere ends the session on the connected device.
 */
import type { TokenPair } from '@messenger/sdk';
import { createAccount, type TestAccount } from './support/accounts';
import { ClientTracker, eventsOf, eventually } from './support/sdk-clients';
import { launchGateway, stopProcess, waitUntilReady, type StandaloneProcess } from './support/standalone-process';
import { E2E_TIMING, sleep, useTestSystem } from './support/system';

const system = useTestSystem({ shortTokenAuth: true });

// Ports apart from the test system's and from other tests' standalone processes.
const GATEWAY_HTTP_PORT = 3261;
const GATEWAY_METRICS_PORT = 9261;

describe('SDK session', () => {
  const clients = new ClientTracker();
  let gateway: StandaloneProcess;
  let alice: TestAccount;
  let bob: TestAccount;
  const shortTokenUrl = `http://127.0.0.1:${GATEWAY_HTTP_PORT}`;

  beforeAll(async () => {
    // A gateway whose logins and refreshes go to the auth process with short-lived access tokens.
    gateway = launchGateway(system, {
      id: 'e2e-gateway-short-tokens',
      httpPort: GATEWAY_HTTP_PORT,
      metricsPort: GATEWAY_METRICS_PORT,
      env: { AUTH_GRPC_URL: system.grpcAddress('auth-short-ttl') },
    });
    await waitUntilReady(gateway);
    const http = system.http('gateway-a');
    [alice, bob] = await Promise.all([createAccount(http, 'alice'), createAccount(http, 'bob')]);
  }, 90_000);

  afterAll(async () => {
    clients.disconnectAll();
    await stopProcess(gateway);
  });

  it('refreshes short tokens without dropping the connection', async () => {
    const phone = await clients.online(alice, { baseUrl: shortTokenUrl, deviceId: 'alice-phone' });
    const receiver = await clients.online(bob, { baseUrl: system.baseUrl('gateway-b'), deviceId: 'bob-phone' });
    const conversationId = (await phone.client.openConversation(bob.username)).conversationId;
    const firstToken = (JSON.parse(phone.store.get('session')!) as TokenPair).accessToken;

    await sleep(E2E_TIMING.shortAccessTokenTtlSeconds * 1000 * 2.5);
    phone.client.send(conversationId, 'still here');
    await eventually('bob receives it', () =>
      eventsOf(receiver, 'message').some((message) => message.body === 'still here') ? true : undefined,
    );

    expect(eventsOf(phone, 'disconnected')).toEqual([]);
    expect(eventsOf(phone, 'state')).toEqual(['connecting', 'online']);
    expect((JSON.parse(phone.store.get('session')!) as TokenPair).accessToken).not.toBe(firstToken);
  });

  it('ends the session when it is logged out elsewhere', async () => {
    const tablet = await clients.online(bob, { baseUrl: system.baseUrl('gateway-a'), deviceId: 'bob-tablet' });
    const { refreshToken } = JSON.parse(tablet.store.get('session')!) as TokenPair;
    await system.http('gateway-b').logout(refreshToken);

    const [reason] = await eventually('session_ended', () => {
      const ended = eventsOf(tablet, 'session_ended');

      return ended.length > 0 ? ended : undefined;
    });
    expect(reason).toBe('SESSION_REVOKED');
    expect(tablet.client.state).toBe('offline');
    expect(tablet.client.user).toBeUndefined();
    expect(tablet.store.get('session')).toBeNull();
  });
});
