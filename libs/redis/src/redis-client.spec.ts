import { Command } from 'ioredis';
import type { Histogram } from 'prom-client';
import { ServiceMetrics } from '@messenger/observability';
import { MAX_CACHED_COMMAND_NAMES, RedisCommandMetrics, redisCommandLabel } from './redis-client';

describe('redisCommandLabel', () => {
  it.each([
    ['get', 'get'],
    ['GET', 'get'],
    ['EvalSha', 'evalsha'],
    ['publish', 'publish'],
    ['zadd', 'zadd'],
    ['subscribe', 'subscribe'],
    ['multi', 'multi'],
    ['exec', 'exec'],
  ])('labels %s as %s', (name, label) => {
    expect(redisCommandLabel(name)).toBe(label);
  });

  it.each(['notacommand', 'get user:42', ''])('labels %j as other', (name) => {
    expect(redisCommandLabel(name)).toBe('other');
  });
});

describe('RedisCommandMetrics', () => {
  let metrics: ServiceMetrics;
  let sut: RedisCommandMetrics;

  beforeEach(() => {
    metrics = new ServiceMetrics('unit');
    sut = new RedisCommandMetrics(metrics);
  });

  async function durationCount(command: string, outcome: string): Promise<number | undefined> {
    const histogram = metrics.registry.getSingleMetric('messenger_unit_redis_command_duration_seconds');
    const count = (await (histogram as Histogram).get()).values.find(
      (value) =>
        value.metricName === 'messenger_unit_redis_command_duration_seconds_count' &&
        value.labels.command === command &&
        value.labels.outcome === outcome,
    );

    return count?.value;
  }

  async function errorCount(command: string): Promise<number | undefined> {
    const metric = await metrics.registry.getSingleMetric('messenger_unit_redis_command_errors_total')!.get();

    return metric.values.find((value) => value.labels.command === command)?.value;
  }

  it('records a reply as ok', async () => {
    const command = new Command('GET', ['key']);

    sut.track(command);
    command.resolve('value');

    await expect(command.promise).resolves.toBe('value');
    expect(await durationCount('get', 'ok')).toBe(1);
    expect(await errorCount('get')).toBeUndefined();
  });

  it('records a rejection as error', async () => {
    const command = new Command('notacommand');

    sut.track(command);
    command.reject(new Error("ERR unknown command 'notacommand'"));

    await expect(command.promise).rejects.toThrow('unknown command');
    expect(await durationCount('other', 'error')).toBe(1);
    expect(await errorCount('other')).toBe(1);
  });

  it('observes a command once when tracked twice', async () => {
    const command = new Command('set', ['key', 'value']);

    sut.track(command);
    sut.track(command);
    command.resolve('OK');

    await command.promise;
    expect(await durationCount('set', 'ok')).toBe(1);
  });

  it('ignores a reply after a timeout', async () => {
    const command = new Command('get', ['key']);

    sut.track(command);
    command.reject(new Error('Command timed out'));
    command.resolve('late value');

    await expect(command.promise).rejects.toThrow('Command timed out');
    expect(await durationCount('get', 'error')).toBe(1);
    expect(await durationCount('get', 'ok')).toBeUndefined();
  });

  it('labels a script by the name sent', async () => {
    const command = new Command('evalsha', ['sha', 0]);

    sut.track(command);
    command.name = 'eval';
    command.resolve(1);

    await command.promise;
    expect(await durationCount('eval', 'ok')).toBe(1);
  });

  it('caps the series cache', async () => {
    for (let index = 0; index <= MAX_CACHED_COMMAND_NAMES; index++) {
      const command = new Command(`custom${index}`);
      sut.track(command);
      command.resolve('OK');
    }

    expect(sut['seriesByName'].size).toBe(MAX_CACHED_COMMAND_NAMES);
    expect(await durationCount('other', 'ok')).toBe(MAX_CACHED_COMMAND_NAMES + 1);
  });
});
