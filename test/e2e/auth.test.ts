import { ApiError, MessengerHttpClient, MessengerSocket } from '@messenger/client';
import { AuthClient, authV1, createAuthClient, promiseClient } from '@messenger/grpc';
import { CloseCode, ErrorCode } from '@messenger/protocol';
import { TestAccount, createAccount, uniqueUsername } from './support/accounts';
import { SocketTracker, rejectedHandshake } from './support/sockets';
import { sleep, useTestSystem } from './support/system';

/** Lateness allowed for a timer-driven close on a busy 2-core machine. */
const CLOSE_MARGIN_MS = 2000;

const system = useTestSystem({ shortTokenAuth: true });
let http: MessengerHttpClient;

beforeAll(() => {
  http = system.http('gateway-a');
});

/** Resolves with the rejection of a call that must fail with an ApiError. */
async function apiErrorOf(call: Promise<unknown>): Promise<ApiError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('the call succeeded, expected an ApiError');
}

async function postJson(path: string, body: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${system.baseUrl('gateway-a')}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

  return { status: response.status, body: await response.json() };
}

describe('HTTP account API', () => {
  it('rejects a short password', async () => {
    const error = await apiErrorOf(http.register(uniqueUsername('short'), 'short'));

    expect(error.status).toBe(400);
    expect(error.code).toBe(ErrorCode.INVALID_ARGUMENT);
  });

  it('rejects a taken username', async () => {
    const account = await createAccount(http, 'taken');
    const error = await apiErrorOf(http.register(account.username, 'another-password'));

    expect(error.status).toBe(409);
    expect(error.code).toBe(ErrorCode.USERNAME_TAKEN);
  });

  it('rejects wrong password and unknown user alike', async () => {
    const account = await createAccount(http, 'login');
    const wrongPassword = await postJson(
      '/v1/auth/login',
      JSON.stringify({ username: account.username, password: 'wrong-password' }),
    );
    const unknownUser = await postJson(
      '/v1/auth/login',
      JSON.stringify({ username: uniqueUsername('nobody'), password: 'wrong-password' }),
    );

    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownUser.body);
    expect(wrongPassword.body).toMatchObject({ code: ErrorCode.INVALID_CREDENTIALS });
  });

  it('rotates the refresh token', async () => {
    const account = await createAccount(http, 'rotate');
    const rotated = await http.refresh(account.tokens.refreshToken);
    const reuse = await apiErrorOf(http.refresh(account.tokens.refreshToken));

    expect(rotated.refreshToken).not.toBe(account.tokens.refreshToken);
    expect(rotated.sessionId).toBe(account.tokens.sessionId);
    expect(reuse.status).toBe(401);
    expect(reuse.code).toBe(ErrorCode.INVALID_REFRESH_TOKEN);
  });

  it('revokes the session on refresh token reuse', async () => {
    const account = await createAccount(http, 'reuse');
    const rotated = await http.refresh(account.tokens.refreshToken);
    await apiErrorOf(http.refresh(account.tokens.refreshToken));
    const error = await apiErrorOf(http.refresh(rotated.refreshToken));

    expect(error.status).toBe(401);
    expect(error.code).toBe(ErrorCode.INVALID_REFRESH_TOKEN);
  });

  it('rejects a malformed JSON body', async () => {
    const reply = await postJson('/v1/auth/login', '{"username": "alice",');

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: ErrorCode.MALFORMED_JSON });
  });
});

describe('WebSocket handshake', () => {
  let account: TestAccount;

  beforeAll(async () => {
    account = await createAccount(http, 'handshake');
  });

  function socketUrl(query: Record<string, string>): string {
    const url = new URL('/v1/ws', system.baseUrl('gateway-a').replace(/^http/, 'ws'));
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);

    return url.toString();
  }

  it('rejects a missing token', async () => {
    const reply = await rejectedHandshake(socketUrl({ device_id: 'phone' }));

    expect(reply.status).toBe(401);
    expect(reply.body).toContain(ErrorCode.UNAUTHENTICATED);
  });

  it('rejects a garbage token', async () => {
    const reply = await rejectedHandshake(socketUrl({ access_token: 'not.a.token', device_id: 'phone' }));

    expect(reply.status).toBe(401);
    expect(reply.body).toContain(ErrorCode.UNAUTHENTICATED);
  });

  it('rejects a missing device id', async () => {
    const reply = await rejectedHandshake(socketUrl({ access_token: account.tokens.accessToken }));

    expect(reply.status).toBe(400);
    expect(reply.body).toContain(ErrorCode.INVALID_ARGUMENT);
  });
});

describe('access token expiry', () => {
  const sockets = new SocketTracker();
  let shortTokenAuth: AuthClient;
  let grpcClient: ReturnType<typeof createAuthClient>;

  beforeAll(() => {
    grpcClient = createAuthClient(system.grpcAddress('auth-short-ttl'));
    shortTokenAuth = promiseClient<authV1.AuthServiceDefinition>(grpcClient, 'AuthService');
  });

  afterAll(() => {
    sockets.closeAll();
    grpcClient.close();
  });

  /** Registers through the gateway and logs in at the short-TTL auth process, whose tokens the gateways accept too. */
  async function shortLivedLogin(): Promise<authV1.TokenPair__Output> {
    const account = await createAccount(http, 'expiry');

    return shortTokenAuth.Login({ username: account.username, password: account.password, clientIp: '' });
  }

  it('closes the connection when the token expires', async () => {
    const tokens = await shortLivedLogin();
    const socket = await sockets.connect(http, tokens.accessToken, 'phone');
    const expiresAt = socket.welcome.tokenExpiresAt;
    const closeCode = await socket.waitForClose(expiresAt - Date.now() + CLOSE_MARGIN_MS);
    const closedAt = Date.now();

    expect(expiresAt).toBe(tokens.accessTokenExpiresAt);
    expect(closeCode).toBe(CloseCode.TOKEN_EXPIRED);
    expect(closedAt).toBeGreaterThanOrEqual(expiresAt);
  });

  it('keeps the connection open after refresh_token', async () => {
    const tokens = await shortLivedLogin();
    const socket = await sockets.connect(system.http('gateway-b'), tokens.accessToken, 'phone');
    // A token issued two seconds later carries a later whole-second expiry.
    await sleep(2000);
    const refreshed = await shortTokenAuth.Refresh({ refreshToken: tokens.refreshToken });
    const reply = await socket.request<'token_refreshed'>({
      type: 'refresh_token',
      accessToken: refreshed.accessToken,
    });
    await sleep(Math.max(0, tokens.accessTokenExpiresAt - Date.now() + 500));
    const openAfterFirstExpiry = socket.closeCode === undefined;
    const heartbeat = await socket.request<'heartbeat_ack'>({ type: 'heartbeat' });
    const closeCode = await socket.waitForClose(refreshed.accessTokenExpiresAt - Date.now() + CLOSE_MARGIN_MS);

    expect(reply.expiresAt).toBe(refreshed.accessTokenExpiresAt);
    expect(refreshed.accessTokenExpiresAt).toBeGreaterThan(tokens.accessTokenExpiresAt);
    expect(openAfterFirstExpiry).toBe(true);
    expect(heartbeat.type).toBe('heartbeat_ack');
    expect(closeCode).toBe(CloseCode.TOKEN_EXPIRED);
  });
});

describe('logout', () => {
  const sockets = new SocketTracker();

  afterEach(() => sockets.closeAll());

  it('closes live connections and rejects the old token', async () => {
    const account = await createAccount(http, 'logout');
    const onA = await sockets.connect(http, account.tokens.accessToken, 'phone');
    const onB = await sockets.connect(system.http('gateway-b'), account.tokens.accessToken, 'laptop');

    await http.logout(account.tokens.refreshToken);
    const [codeA, codeB] = await Promise.all([onA.waitForClose(), onB.waitForClose()]);
    const reconnect = await rejectedHandshake(http.socketUrl(account.tokens.accessToken, 'phone'));

    expect(codeA).toBe(CloseCode.SESSION_REVOKED);
    expect(codeB).toBe(CloseCode.SESSION_REVOKED);
    expect(reconnect.status).toBe(401);
    expect(reconnect.body).toContain(ErrorCode.SESSION_REVOKED);
  });

  it('leaves other sessions open', async () => {
    const account = await createAccount(http, 'sessions');
    const otherSession = await http.login(account.username, account.password);
    const keptSocket = await sockets.connect(http, otherSession.accessToken, 'laptop');
    const revoked = await sockets.connect(http, account.tokens.accessToken, 'phone');

    await http.logout(account.tokens.refreshToken);
    await revoked.waitForClose();
    const reply = await keptSocket.request<'heartbeat_ack'>({ type: 'heartbeat' });

    expect(reply.type).toBe('heartbeat_ack');
    expect(keptSocket.closeCode).toBeUndefined();
  });
});
