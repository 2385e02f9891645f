import { AppError, ErrorCode } from '@messenger/protocol';
import { AuthTestApp, randomIp, randomUsername, startAuthTestApp } from './auth-test-app';

const PASSWORD = 'correct horse battery';

jest.setTimeout(60_000);

describe('auth accounts (Redis, Cassandra, Kafka)', () => {
  let t: AuthTestApp;

  beforeAll(async () => {
    t = await startAuthTestApp({ AUTH_REGISTER_MAX_PER_IP: '5' });
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  async function failure(call: Promise<unknown>): Promise<AppError> {
    const error = await call.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);

    return error as AppError;
  }

  it('registers a user under the lowercased name and stores an argon2id hash', async () => {
    const name = randomUsername('Reg');

    const { user } = await t.api.Register({ username: name.toUpperCase(), password: PASSWORD, clientIp: randomIp() });

    expect(user).toEqual({ userId: expect.stringMatching(/^[0-9a-f-]{36}$/), username: name.toLowerCase() });
    const byName = (
      await t.cassandra.execute('SELECT user_id, password_hash FROM users_by_username WHERE username = ?', [
        name.toLowerCase(),
      ])
    ).first();
    expect(String(byName.user_id)).toBe(user!.userId);
    expect(byName.password_hash).toMatch(/^\$argon2id\$/);
    expect(byName.password_hash).not.toContain(PASSWORD);
    const byId = (await t.cassandra.execute('SELECT username FROM users WHERE user_id = ?', [user!.userId])).first();
    expect(byId.username).toBe(name.toLowerCase());
  });

  it('refuses a taken username, whatever its case', async () => {
    const name = randomUsername();
    await t.api.Register({ username: name, password: PASSWORD, clientIp: '' });

    const error = await failure(t.api.Register({ username: name.toUpperCase(), password: 'another password', clientIp: '' }));

    expect(error.code).toBe(ErrorCode.USERNAME_TAKEN);
  });

  it('lets exactly one of two simultaneous registrations of a name win', async () => {
    const name = randomUsername();

    const results = await Promise.allSettled(
      [1, 2, 3].map(() => t.api.Register({ username: name, password: PASSWORD, clientIp: '' })),
    );

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect((result.reason as AppError).code).toBe(ErrorCode.USERNAME_TAKEN);
    }
  });

  it('names the broken rule for bad usernames and passwords', async () => {
    const badName = await failure(t.api.Register({ username: 'no spaces please', password: PASSWORD, clientIp: '' }));
    const shortName = await failure(t.api.Register({ username: 'ab', password: PASSWORD, clientIp: '' }));
    const shortPassword = await failure(t.api.Register({ username: randomUsername(), password: 'short', clientIp: '' }));

    expect(badName).toMatchObject({
      code: ErrorCode.INVALID_ARGUMENT,
      message: 'username may only contain a-z, 0-9, "_", "." and "-"',
    });
    expect(shortName).toMatchObject({ code: ErrorCode.INVALID_ARGUMENT, message: 'username must be 3-32 characters long' });
    expect(shortPassword).toMatchObject({
      code: ErrorCode.INVALID_ARGUMENT,
      message: 'password must be 8-128 characters long',
    });
  });

  it('rate limits registrations per client address', async () => {
    const ip = randomIp();
    for (let i = 0; i < 5; i++) {
      await t.api.Register({ username: randomUsername(), password: PASSWORD, clientIp: ip });
    }

    const error = await failure(t.api.Register({ username: randomUsername(), password: PASSWORD, clientIp: ip }));

    expect(error.code).toBe(ErrorCode.RATE_LIMITED);
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
    await expect(
      t.api.Register({ username: randomUsername(), password: PASSWORD, clientIp: randomIp() }),
    ).resolves.toBeDefined();
  });

  describe('LookupUsers', () => {
    it('finds users by name (any case) and by id; unknown ones are absent', async () => {
      const [a, b] = await Promise.all(
        [randomUsername('look'), randomUsername('look')].map(
          async (username) => (await t.api.Register({ username, password: PASSWORD, clientIp: '' })).user!,
        ),
      );

      const { users } = await t.api.LookupUsers({
        usernames: [a.username!.toUpperCase(), randomUsername('nobody'), 'bad name!'],
        userIds: [b.userId!, a.userId!, '00000000-0000-4000-8000-000000000000', 'not-a-uuid'],
      });

      expect(users).toHaveLength(2);
      expect(users).toEqual(expect.arrayContaining([a, b]));
    });

    it('returns nothing for an empty request', async () => {
      await expect(t.api.LookupUsers({ usernames: [], userIds: [] })).resolves.toEqual({ users: [] });
    });

    it('refuses more than 100 names and ids per call', async () => {
      const usernames = Array.from({ length: 60 }, () => randomUsername());
      const userIds = Array.from({ length: 41 }, () => '00000000-0000-4000-8000-000000000000');

      const error = await failure(t.api.LookupUsers({ usernames, userIds }));

      expect(error).toMatchObject({
        code: ErrorCode.INVALID_ARGUMENT,
        message: 'at most 100 usernames and user ids per call, got 101',
      });
      await expect(t.api.LookupUsers({ usernames: usernames.slice(0, 59), userIds })).resolves.toEqual({ users: [] });
    });
  });

  it('publishes its public key', async () => {
    const { keys } = await t.api.GetPublicKeys({});

    expect(keys).toEqual([
      { kid: t.config.signingKeyFile.key.thumbprint, alg: 'EdDSA', spkiPem: t.config.signingKeyFile.key.spkiPem },
    ]);
  });

  it('reports redis, cassandra and kafka on GET /health', async () => {
    const response = await fetch(`${t.httpUrl}/health`);
    const body = (await response.json()) as { status: string; checks: Record<string, { status: string }> };

    expect(response.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.checks).sort()).toEqual(['cassandra', 'kafka', 'redis']);
    expect(Object.values(body.checks).every((check) => check.status === 'ok')).toBe(true);
  });
});
