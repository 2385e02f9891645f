import Redis, { Command, RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { Counter, Histogram } from 'prom-client';
import { ServiceMetrics, serviceMetrics } from '@messenger/observability';

export type { Redis } from 'ioredis';

export interface RedisConfig {
  url: string;
}

/**
 * Creates an ioredis client that logs reconnects, counts connection errors
 * and records the duration and outcome of every command. Commands issued
 * while disconnected queue and fail after the retry limit, so that a caller
 * sees an error instead of waiting forever.
 */
export function createRedisClient(config: RedisConfig, logger: Logger, name: string): Redis {
  const metrics = serviceMetrics();
  const connectionErrors = metrics.counter('redis_connection_errors_total', 'Redis connection errors', ['client']);
  const options: RedisOptions = {
    connectionName: name,
    maxRetriesPerRequest: 3,
    // A stalled server fails each command after 5 s instead of hanging its caller.
    connectTimeout: 5000,
    commandTimeout: 5000,
    enableAutoPipelining: true,
    // CLIENT SETINFO needs Redis 7.2; on older servers it fails on every
    // connect and would show as command errors in the metrics.
    disableClientInfo: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  };
  const client = new MeteredRedis(config.url, options, new RedisCommandMetrics(metrics));
  client.on('error', (error: Error) => {
    connectionErrors.inc({ client: name });
    logger.warn({ client: name, url: redactUrl(config.url), err: error.message }, 'redis connection error');
  });
  client.on('reconnecting', (delayMs: number) => logger.info({ client: name, delayMs }, 'redis reconnecting'));
  client.on('ready', () => logger.info({ client: name }, 'redis connected'));

  return client;
}

type CommandStream = Parameters<Redis['sendCommand']>[1];

/**
 * Redis client that hands every command to RedisCommandMetrics before ioredis
 * sends it. ioredis 5.11 passes every command through sendCommand, including
 * each command of a pipeline, of a MULTI block and of auto-pipelining, so
 * overriding it covers them all.
 */
class MeteredRedis extends Redis {
  private readonly commandMetrics: RedisCommandMetrics;

  constructor(url: string | undefined, options: RedisOptions, commandMetrics: RedisCommandMetrics) {
    if (url === undefined) super(options);
    else super(url, options);
    this.commandMetrics = commandMetrics;
  }

  override sendCommand(command: Command, stream?: CommandStream): unknown {
    this.commandMetrics.track(command);

    return super.sendCommand(command, stream);
  }

  /** Returns a metered copy, so that ioredis's monitor() and callers of duplicate() keep recording. */
  override duplicate(override?: Partial<RedisOptions>): Redis {
    return new MeteredRedis(undefined, { ...this.options, ...override }, this.commandMetrics);
  }
}

/** Label value of a command that ioredis does not list, such as a name passed to call(). */
export const OTHER_COMMAND = 'other';

/**
 * Maximum number of command names whose series are cached: about three times
 * the 287 builtin commands of ioredis 5.11, so that names passed to call()
 * cannot grow the cache without bound.
 */
export const MAX_CACHED_COMMAND_NAMES = 1000;

// getBuiltinCommands does not read its receiver in ioredis 5.11, so the prototype serves for every client.
const BUILTIN_COMMANDS = new Set(Redis.prototype.getBuiltinCommands());

/** Returns the lower-case command name for the `command` label, or "other" for a command ioredis does not list. */
export function redisCommandLabel(name: string): string {
  const lowerCase = name.toLowerCase();

  return BUILTIN_COMMANDS.has(lowerCase) ? lowerCase : OTHER_COMMAND;
}

type HistogramChild = ReturnType<Histogram<string>['labels']>;
type CounterChild = ReturnType<Counter<string>['labels']>;

/** Metric children of one command name, created once so that each command skips the label lookup. */
interface CommandSeries {
  ok: HistogramChild;
  error: HistogramChild;
  errors: CounterChild;
}

const startTimeKey = Symbol('redisCommandStartTime');

interface TimedCommand extends Command {
  [startTimeKey]?: number;
}

/**
 * Records redis_command_duration_seconds and redis_command_errors_total for
 * the commands of one or more clients.
 *
 * NOTE: Inside a MULTI block each command completes when Redis replies
 * QUEUED, and a command that then fails during EXEC (such as WRONGTYPE)
 * counts as ok, because ioredis resolves EXEC with the errors in its reply.
 */
export class RedisCommandMetrics {
  private readonly duration: Histogram<'command' | 'outcome'>;
  private readonly errorsTotal: Counter<'command'>;
  private readonly seriesByName = new Map<string, CommandSeries>();

  constructor(metrics: ServiceMetrics = serviceMetrics()) {
    this.duration = metrics.histogram(
      'redis_command_duration_seconds',
      'Duration of Redis commands in seconds, from the first send until the reply or failure',
      ['command', 'outcome'],
    );
    this.errorsTotal = metrics.counter('redis_command_errors_total', 'Redis commands that failed', ['command']);
  }

  /**
   * Starts timing a command and wraps its resolve and reject callbacks, which
   * ioredis calls when the reply arrives or the command fails (an error reply,
   * a timeout, a closed connection). Wrapping the callbacks instead of
   * chaining on command.promise adds no promise per command and leaves a
   * caller's unhandled rejection unhandled.
   */
  track(command: Command): void {
    const timed = command as TimedCommand;
    // ioredis passes a command through sendCommand again when it flushes the
    // offline queue or resends after a reconnect, so the first pass sets the start time.
    if (timed[startTimeKey] !== undefined) return;

    const startTime = performance.now();
    timed[startTimeKey] = startTime;
    const { resolve, reject } = command;
    let observed = false;

    command.resolve = (result) => {
      // The original resolve calls command.reject when ioredis fails to
      // convert the reply, and then that failure is the observed outcome.
      resolve(result);
      if (observed) return;
      observed = true;
      this.observe(command.name, startTime, false);
    };
    command.reject = (error) => {
      if (!observed) {
        observed = true;
        // NOSCRIPT is the expected first reply to a script that the server
        // has not cached yet; ioredis then sends EVAL, which is recorded.
        if (!isScriptCacheMiss(command, error)) this.observe(command.name, startTime, true);
      }
      reject(error);
    };
  }

  private observe(name: string, startTime: number, failed: boolean): void {
    const seconds = (performance.now() - startTime) / 1000;
    const series = this.seriesFor(name);
    if (failed) {
      series.error.observe(seconds);
      series.errors.inc();
    } else {
      series.ok.observe(seconds);
    }
  }

  private seriesFor(name: string): CommandSeries {
    const cached = this.seriesByName.get(name);
    if (cached) return cached;

    if (this.seriesByName.size >= MAX_CACHED_COMMAND_NAMES) {
      const oldest = this.seriesByName.keys().next().value as string;
      this.seriesByName.delete(oldest);
    }
    const command = redisCommandLabel(name);
    const series = {
      ok: this.duration.labels(command, 'ok'),
      error: this.duration.labels(command, 'error'),
      errors: this.errorsTotal.labels(command),
    };
    this.seriesByName.set(name, series);

    return series;
  }
}

function isScriptCacheMiss(command: Command, error: Error): boolean {
  return command.name === 'evalsha' && error.message.startsWith('NOSCRIPT');
}

export async function pingRedis(client: Redis): Promise<void> {
  const reply = await client.ping();
  if (reply !== 'PONG') throw new Error(`unexpected PING reply "${reply}"`);
}

/** Drops the password from a redis:// URL so that it can be logged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = 'redacted';

    return parsed.toString();
  } catch {
    return 'invalid URL';
  }
}
