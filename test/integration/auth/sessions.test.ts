import { RedisKeys } from '@messenger/redis';
import { AppError, ErrorCode } from '@messenger/protocol';
import { Topics } from '@messenger/kafka';
import { AccessTokenVerifier } from '@messenger/tokens';
import { hashRefreshToken } from '../../../apps/auth/src/tokens/refresh-token';
import { AuthTestApp, RevocationEvents, randomIp, randomUsername, sleep, startAuthTestApp } from './auth-test-app';

const PASSWORD = 'correct horse battery';
const MAX_ATTEMPTS = 3;

jest.setTimeout(60_000);

describe('auth sessions (Redis, Cassandra, Kafka)', () => {
  let t: AuthTestApp;
  let events: RevocationEvents;
  let verifier: AccessTokenVerifier;

  beforeAll(async () => {
    t = await startAuthTestApp({ AUTH_LOGIN_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
    events = new RevocationEvents(t.kafka);
    await events.start();
    verifier = new AccessTokenVerifier(
      { fetchKeys: async () => (await t.api.GetPublicKeys({})).keys },
      t.logger,
    );
    await verifier.loadKeys();
  }, 300_000);

  afterAll(async () => {
    await events?.stop();
    await t?.close();
  });

  async function newUser(): Promise<{ userId: string; username: string }> {
    const username = randomUsername();
    const { user } = await t.api.Register({ username, password: PASSWORD, clientIp: '' });

    return { userId: user!.userId!, username };
  }

  async function failure(call: Promise<unknown>): Promise<AppError> {
    const error = await call.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);

    return error as AppError;
  }

  async function json(key: string): Promise<Record<string, unknown> | null> {
    const raw = await t.redis.get(key);

    return raw === null ? null : (JSON.parse(raw) as Record<string, unknown>);
  }

  it('logs in with a token pair whose access token other services verify', async () => {
    const user = await newUser();
    const before = Date.now();

    const pair = await t.api.Login({ username: user.username.toUpperCase(), password: PASSWORD, clientIp: randomIp() });

    expect(pair.user).toEqual(user);
    expect(pair.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(pair.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pair.accessTokenExpiresAt).toBeGreaterThan(before);
    expect(pair.accessTokenExpiresAt).toBeLessThanOrEqual(before + 5000 + 1000);
    expect(pair.refreshTokenExpiresAt).toBeGreaterThanOrEqual(before + 3600_000);
    await expect(verifier.verify(pair.accessToken)).resolves.toEqual({
      userId: user.userId,
      username: user.username,
      sessionId: pair.sessionId,
      expiresAt: pair.accessTokenExpiresAt,
    });

    const tokenHash = hashRefreshToken(pair.refreshToken);
    expect(await json(RedisKeys.refreshToken(tokenHash))).toEqual({
      userId: user.userId,
      username: user.username,
      sessionId: pair.sessionId,
      expiresAt: pair.refreshTokenExpiresAt,
    });
    expect(await json(RedisKeys.session(pair.sessionId))).toEqual({ userId: user.userId, currentTokenHash: tokenHash });
    expect(await t.redis.pttl(RedisKeys.session(pair.sessionId))).toBeGreaterThan(3590_000);
    expect(await t.redis.pttl(RedisKeys.refreshToken(tokenHash))).toBeGreaterThan(3590_000);
  });

  it('makes access tokens that expire after AUTH_ACCESS_TOKEN_TTL_SECONDS', async () => {
    const user = await newUser();
    const pair = await t.api.Login({ username: user.username, password: PASSWORD, clientIp: '' });

    await sleep(Math.max(0, pair.accessTokenExpiresAt - Date.now()) + 1000);

    await expect(verifier.verify(pair.accessToken)).rejects.toMatchObject({ code: ErrorCode.TOKEN_EXPIRED });
  });

  it('rotates the refresh token and keeps the session id', async () => {
    const user = await newUser();
    const first = await t.api.Login({ username: user.username, password: PASSWORD, clientIp: '' });

    const second = await t.api.Refresh({ refreshToken: first.refreshToken });
    const third = await t.api.Refresh({ refreshToken: second.refreshToken });

    expect(second.sessionId).toBe(first.sessionId);
    expect(third.sessionId).toBe(first.sessionId);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(third.refreshToken).not.toBe(second.refreshToken);
    expect(third.user).toEqual(user);
    expect((await verifier.verify(third.accessToken)).sessionId).toBe(first.sessionId);
    expect(await json(RedisKeys.session(first.sessionId))).toEqual({
      userId: user.userId,
      currentTokenHash: hashRefreshToken(third.refreshToken),
    });
    // The rotated token stays only as a marker for reuse detection.
    expect(await json(RedisKeys.refreshToken(hashRefreshToken(first.refreshToken)))).toMatchObject({
      sessionId: first.sessionId,
      rotatedAt: expect.any(Number),
    });
  });

  it('revokes the whole session when a rotated refresh token is used again', async () => {
    const user = await newUser();
    const first = await t.api.Login({ username: user.username, password: PASSWORD, clientIp: '' });
    const second = await t.api.Refresh({ refreshToken: first.refreshToken });

    const reuse = await failure(t.api.Refresh({ refreshToken: first.refreshToken }));

    expect(reuse).toMatchObject({ code: ErrorCode.INVALID_REFRESH_TOKEN, message: 'refresh token is invalid or expired' });
    // The newest token (perhaps in a thief's hands) is dead too.
    const afterRevocation = await failure(t.api.Refresh({ refreshToken: second.refreshToken }));
    expect(afterRevocation.code).toBe(ErrorCode.INVALID_REFRESH_TOKEN);
    expect(await t.redis.exists(RedisKeys.session(first.sessionId))).toBe(0);
    expect(await t.redis.exists(RedisKeys.refreshToken(hashRefreshToken(second.refreshToken)))).toBe(0);
    const revokedTtl = await t.redis.pttl(RedisKeys.revokedSession(first.sessionId));
    expect(revokedTtl).toBeGreaterThan(0);
    expect(revokedTtl).toBeLessThanOrEqual(5000);

    const { key, event } = await events.waitFor(first.sessionId);
    expect(key).toBe(user.userId);
    expect(event).toEqual({ userId: user.userId, sessionId: first.sessionId, at: expect.any(Number) });
  });

  it('treats concurrent refreshes with one token as reuse: at most one succeeds', async () => {
    const user = await newUser();
    const pair = await t.api.Login({ username: user.username, password: PASSWORD, clientIp: '' });

    const results = await Promise.allSettled([1, 2, 3].map(() => t.api.Refresh({ refreshToken: pair.refreshToken })));

    expect(results.filter((result) => result.status === 'fulfilled').length).toBeLessThanOrEqual(1);
    expect(await t.redis.exists(RedisKeys.session(pair.sessionId))).toBe(0);
  });

  it('refuses unknown and malformed refresh tokens', async () => {
    for (const refreshToken of ['', 'garbage', 'A'.repeat(43)]) {
      const error = await failure(t.api.Refresh({ refreshToken }));

      expect(error).toMatchObject({ code: ErrorCode.INVALID_REFRESH_TOKEN, message: 'refresh token is invalid or expired' });
    }
  });

  it('logs out: deletes the session, sets the revoked marker and publishes the event', async () => {
    const user = await newUser();
    const pair = await t.api.Login({ username: user.username, password: PASSWORD, clientIp: '' });

    await expect(t.api.Logout({ refreshToken: pair.refreshToken })).resolves.toEqual({});

    expect(await t.redis.exists(RedisKeys.session(pair.sessionId))).toBe(0);
    expect(await t.redis.exists(RedisKeys.refreshToken(hashRefreshToken(pair.refreshToken)))).toBe(0);
    const revokedTtl = await t.redis.pttl(RedisKeys.revokedSession(pair.sessionId));
    expect(revokedTtl).toBeGreaterThan(4000);
    expect(revokedTtl).toBeLessThanOrEqual(5000);
    expect(await json(RedisKeys.revokedSession(pair.sessionId))).toMatchObject({ userId: user.userId, reason: 'logout' });
    const { key, event } = await events.waitFor(pair.sessionId);
    expect(key).toBe(user.userId);
    expect(event).toEqual({ userId: user.userId, sessionId: pair.sessionId, at: expect.any(Number) });
    expect(Topics.sessionRevoked).toBe('messenger.auth.session-revoked.v1');

    const refresh = await failure(t.api.Refresh({ refreshToken: pair.refreshToken }));
    expect(refresh.code).toBe(ErrorCode.INVALID_REFRESH_TOKEN);
  });

  it('treats logout of an unknown or already used token as a successful no-op', async () => {
    const user = await newUser();
    const pair = await t.api.Login({ username: user.username, password: PASSWORD, clientIp: '' });
    await t.api.Logout({ refreshToken: pair.refreshToken });
    const published = events.received.length;

    await expect(t.api.Logout({ refreshToken: pair.refreshToken })).resolves.toEqual({});
    await expect(t.api.Logout({ refreshToken: 'B'.repeat(43) })).resolves.toEqual({});
    await expect(t.api.Logout({ refreshToken: '' })).resolves.toEqual({});

    await sleep(1000);
    expect(events.received.filter((entry) => entry.event.sessionId === pair.sessionId)).toHaveLength(1);
    expect(events.received.length).toBeGreaterThanOrEqual(published);
  });

  it('login failures look alike for unknown users', async () => {
    const user = await newUser();
    const ip = randomIp();

    const timed = async (username: string) => {
      const started = performance.now();
      const error = await failure(t.api.Login({ username, password: 'wrong password', clientIp: ip }));

      return { error, ms: performance.now() - started };
    };
    const wrongPassword = await timed(user.username);
    const unknownUser = await timed(randomUsername('ghost'));

    expect(wrongPassword.error).toMatchObject({ code: ErrorCode.INVALID_CREDENTIALS, message: 'invalid username or password' });
    expect(unknownUser.error).toMatchObject({ code: ErrorCode.INVALID_CREDENTIALS, message: 'invalid username or password' });
    // Without the dummy verification a login of an unknown user would fail within a few milliseconds.
    expect(unknownUser.ms).toBeGreaterThan(wrongPassword.ms * 0.5);
  });

  it('rate limits logins per username after AUTH_LOGIN_MAX_ATTEMPTS failures; success resets the count', async () => {
    const user = await newUser();
    const attempt = (password: string) => t.api.Login({ username: user.username, password, clientIp: randomIp() });

    for (let i = 0; i < MAX_ATTEMPTS - 1; i++) {
      expect((await failure(attempt('wrong password'))).code).toBe(ErrorCode.INVALID_CREDENTIALS);
    }
    await attempt(PASSWORD);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect((await failure(attempt('wrong password'))).code).toBe(ErrorCode.INVALID_CREDENTIALS);
    }

    const limited = await failure(attempt(PASSWORD));

    expect(limited.code).toBe(ErrorCode.RATE_LIMITED);
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('rate limits logins per client address across usernames', async () => {
    const ip = randomIp();
    const user = await newUser();

    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const error = await failure(t.api.Login({ username: randomUsername('ghost'), password: 'wrong password', clientIp: ip }));
      expect(error.code).toBe(ErrorCode.INVALID_CREDENTIALS);
    }

    const limited = await failure(t.api.Login({ username: user.username, password: PASSWORD, clientIp: ip }));

    expect(limited.code).toBe(ErrorCode.RATE_LIMITED);
    await expect(t.api.Login({ username: user.username, password: PASSWORD, clientIp: randomIp() })).resolves.toBeDefined();
  });

  it('does not count successful logins against the client address', async () => {
    const ip = randomIp();
    const user = await newUser();

    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await t.api.Login({ username: user.username, password: PASSWORD, clientIp: ip });
    }

    expect(await t.redis.get(RedisKeys.loginAttempts(`login:ip:${ip}`))).toBe('0');
  });
});
