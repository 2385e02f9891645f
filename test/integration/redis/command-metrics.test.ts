/**
 * Command metrics of the Redis client against the real Redis: every command
 * sent by a client from createRedisClient, alone, in a pipeline, in a MULTI
 * block or on a subscriber connection, is timed and labelled by its name.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { createLogger } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { Redis, createRedisClient } from '@messenger/redis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger('redis-metrics-it', 'silent');
const prefix = `it:metrics:${randomUUID()}`;
const clients: Redis[] = [];

function connect(name: string, url = REDIS_URL): Redis {
  const client = createRedisClient({ url }, logger, name);
  clients.push(client);

  return client;
}

afterAll(async () => {
  const cleaner = connect('metrics-it-cleanup');
  const keys = await cleaner.keys(`${prefix}:*`);
  if (keys.length > 0) await cleaner.del(...keys);
  await Promise.all(clients.filter((client) => client.status !== 'end').map((client) => client.quit()));
});

/** Returns the value of one series in the text exposition, or undefined when the series is missing. */
async function seriesValue(name: string, labels: string): Promise<number | undefined> {
  const text = await serviceMetrics().registry.metrics();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`messenger_test_${name}{${labels}} `));

  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

async function commandCount(command: string, outcome: string): Promise<number> {
  return (await seriesValue('redis_command_duration_seconds_count', `command="${command}",outcome="${outcome}"`)) ?? 0;
}

describe('Redis command metrics', () => {
  it('records single commands', async () => {
    const redis = connect('metrics-it');
    const before = await commandCount('get', 'ok');

    await redis.set(`${prefix}:a`, '1');
    const value = await redis.get(`${prefix}:a`);

    expect(value).toBe('1');
    expect(await commandCount('get', 'ok')).toBe(before + 1);
    expect(await commandCount('set', 'ok')).toBeGreaterThanOrEqual(1);
  });

  it('records commands of a duplicate', async () => {
    const copy = connect('metrics-it').duplicate();
    clients.push(copy);
    const before = await commandCount('strlen', 'ok');

    await copy.set(`${prefix}:copy`, 'abc');
    expect(await copy.strlen(`${prefix}:copy`)).toBe(3);

    expect(await commandCount('strlen', 'ok')).toBe(before + 1);
  });

  it('records each command of a pipeline', async () => {
    const redis = connect('metrics-it');
    const before = await commandCount('zadd', 'ok');

    const results = await redis
      .pipeline()
      .zadd(`${prefix}:z`, 1, 'x')
      .zadd(`${prefix}:z`, 2, 'y')
      .zcard(`${prefix}:z`)
      .exec();

    expect(results).toEqual([
      [null, 1],
      [null, 1],
      [null, 2],
    ]);
    expect(await commandCount('zadd', 'ok')).toBe(before + 2);
    expect(await commandCount('zcard', 'ok')).toBeGreaterThanOrEqual(1);
  });

  it('records each command of a MULTI block', async () => {
    const redis = connect('metrics-it');
    const before = { multi: await commandCount('multi', 'ok'), incr: await commandCount('incr', 'ok') };

    const results = await redis.multi().incr(`${prefix}:n`).incr(`${prefix}:n`).exec();

    expect(results).toEqual([
      [null, 1],
      [null, 2],
    ]);
    expect(await commandCount('multi', 'ok')).toBe(before.multi + 1);
    expect(await commandCount('incr', 'ok')).toBe(before.incr + 2);
    expect(await commandCount('exec', 'ok')).toBeGreaterThanOrEqual(1);
  });

  it('records scripts by the command sent', async () => {
    const redis = connect('metrics-it');
    redis.defineCommand('metricsEcho', { numberOfKeys: 1, lua: 'return KEYS[1]' });
    const echo = (key: string) => (redis as unknown as { metricsEcho(key: string): Promise<string> }).metricsEcho(key);

    expect(await echo(`${prefix}:first`)).toBe(`${prefix}:first`);
    expect(await echo(`${prefix}:second`)).toBe(`${prefix}:second`);

    // ioredis sends EVAL the first time a connection runs a script and EVALSHA afterwards.
    expect(await commandCount('eval', 'ok')).toBeGreaterThanOrEqual(1);
    expect(await commandCount('evalsha', 'ok')).toBeGreaterThanOrEqual(1);
  });

  it('ignores script cache misses and the handshake', async () => {
    const redis = connect('metrics-it');
    redis.defineCommand('metricsMiss', { numberOfKeys: 1, lua: 'return KEYS[1]' });
    const run = (key: string) => (redis as unknown as { metricsMiss(key: string): Promise<string> }).metricsMiss(key);
    await run(`${prefix}:cached`);
    const evalshaErrors = (await seriesValue('redis_command_errors_total', 'command="evalsha"')) ?? 0;
    const evalCalls = await commandCount('eval', 'ok');

    // Emptying the server's script cache makes the next EVALSHA fail with NOSCRIPT, and ioredis falls back to EVAL.
    await redis.script('FLUSH');
    expect(await run(`${prefix}:flushed`)).toBe(`${prefix}:flushed`);

    expect(await seriesValue('redis_command_errors_total', 'command="evalsha"')).toBe(evalshaErrors || undefined);
    expect(await commandCount('eval', 'ok')).toBe(evalCalls + 1);
    // CLIENT SETINFO, which Redis before 7.2 rejects, is not sent on connect.
    expect(await seriesValue('redis_command_errors_total', 'command="client"')).toBeUndefined();
  });

  it('records unknown command as other', async () => {
    const redis = connect('metrics-it');
    const before = (await seriesValue('redis_command_errors_total', 'command="other"')) ?? 0;

    await expect(redis.call('NOTACOMMAND', 'x')).rejects.toThrow(/unknown command/i);

    expect(await seriesValue('redis_command_errors_total', 'command="other"')).toBe(before + 1);
    expect(await commandCount('other', 'error')).toBeGreaterThanOrEqual(1);
    const text = await serviceMetrics().registry.metrics();
    expect(text).not.toMatch(/notacommand/i);
  });

  it('keeps a subscriber connection working', async () => {
    const subscriber = connect('metrics-it-subscriber');
    const publisher = connect('metrics-it');
    const channel = `${prefix}:channel`;
    const received: string[] = [];
    subscriber.on('message', (_channel: string, payload: string) => received.push(payload));
    const before = await commandCount('publish', 'ok');

    await subscriber.subscribe(channel);
    const reached = await publisher.publish(channel, 'hello');
    await expect(subscriber.get(`${prefix}:a`)).rejects.toThrow(/subscriber mode/);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(reached).toBe(1);
    expect(received).toEqual(['hello']);
    expect(await commandCount('subscribe', 'ok')).toBeGreaterThanOrEqual(1);
    expect(await commandCount('publish', 'ok')).toBe(before + 1);
    expect(await commandCount('get', 'error')).toBeGreaterThanOrEqual(1);
  });

  it('counts connection errors by client', async () => {
    // A port that a server of this test held and released, so that the connection is refused.
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = connect('metrics-it-refused', `redis://127.0.0.1:${port}`);

    await new Promise((resolve) => client.once('error', resolve));
    client.disconnect();

    const errors = await seriesValue('redis_connection_errors_total', 'client="metrics-it-refused"');
    expect(errors).toBeGreaterThanOrEqual(1);
  });
});
