import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { PERSONAL_NAMESPACE } from '../generator/centrifugo-client';
import type { MeasuredProcess } from './process-stats';
import { ServerProcess, isHttpOk, requireFreePorts } from './server-process';
import { SHARED_SERVER_PORTS, sharedServerProcesses } from './shared-servers';
import { ConnectionLayout, LayoutRequest, SystemUnderTest, UserPool, buildLayout } from './system-under-test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CENTRIFUGO_BINARY = path.join(ROOT, '.local', 'bin', 'centrifugo');
export const CENTRIFUGO_PORT = 8330;
/** Key prefix in the shared Redis, apart from the platform's keys. */
const REDIS_PREFIX = 'bench-centrifugo';
const HISTORY_SIZE = 1000;
const HISTORY_TTL = '600s';

export interface CentrifugoOptions {
  workDir: string;
  heartbeatMs: number;
}

/**
 * Centrifugo v6.9.1 set up for one-to-one messages: each connection is
 * subscribed by the server to its user's personal channel
 * ("personal:#<user>") with history in Redis and forced recovery, and
 * clients may publish to any channel of that namespace. Presence is on, and
 * refreshed at the heartbeat interval like the platform's.
 */
export class CentrifugoSystem implements SystemUnderTest {
  readonly kind = 'centrifugo' as const;
  readonly persistent = true;
  readonly redisPort = SHARED_SERVER_PORTS.redis;
  private readonly pool = new UserPool();
  private readonly tokens = new Map<string, string>();
  private readonly tokenSecret = randomBytes(32).toString('hex');
  private server: ServerProcess | undefined;

  constructor(private readonly options: CentrifugoOptions) {}

  async start(): Promise<void> {
    if (!fs.existsSync(CENTRIFUGO_BINARY)) {
      throw new Error(`${CENTRIFUGO_BINARY} is missing; install it with "bash bench/install-peers.sh"`);
    }
    await requireFreePorts('centrifugo', [CENTRIFUGO_PORT]);
    const configFile = path.join(this.options.workDir, 'centrifugo.json');
    fs.writeFileSync(configFile, JSON.stringify(this.config(), null, 2), { mode: 0o600 });
    this.server = new ServerProcess({
      name: 'centrifugo',
      command: CENTRIFUGO_BINARY,
      args: ['--config', configFile],
      logFile: path.join(this.options.workDir, 'centrifugo.log'),
      isReady: () => isHttpOk(`http://127.0.0.1:${CENTRIFUGO_PORT}/health`),
    });
    await this.server.start();
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }

  async restartConnectionServers(): Promise<void> {
    await this.server!.stop();
    await this.server!.start();
  }

  measuredProcesses(): MeasuredProcess[] {
    const pid = this.server?.pid;
    const own = pid === undefined ? [] : [{ name: 'centrifugo', pid, countMemory: true, holdsConnections: true }];

    return [...own, ...sharedServerProcesses(['redis'])];
  }

  async layout(request: LayoutRequest): Promise<ConnectionLayout> {
    const users = [...this.pool.pairs(request.pairs).flat(), ...this.pool.idle(request.idle)];
    const key = new TextEncoder().encode(this.tokenSecret);
    for (const userId of users) {
      if (this.tokens.has(userId)) continue;
      this.tokens.set(userId, await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setExpirationTime('12h').sign(key));
    }

    return buildLayout(request, this.pool, (userId) => ({
      url: `ws://127.0.0.1:${CENTRIFUGO_PORT}/connection/websocket`,
      token: this.tokens.get(userId)!,
    }));
  }

  private config(): object {
    const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))}s`;

    return {
      http_server: { address: '127.0.0.1', port: CENTRIFUGO_PORT },
      log: { level: 'error' },
      health: { enabled: true },
      http_api: { key: randomBytes(16).toString('hex') },
      engine: {
        type: 'redis',
        redis: { address: [`redis://127.0.0.1:${SHARED_SERVER_PORTS.redis}`], prefix: REDIS_PREFIX },
      },
      client: {
        token: { hmac_secret_key: this.tokenSecret },
        ping_interval: seconds(this.options.heartbeatMs),
        pong_timeout: seconds(this.options.heartbeatMs / 2),
        presence_update_interval: seconds(this.options.heartbeatMs),
        subscribe_to_user_personal_channel: { enabled: true, personal_channel_namespace: PERSONAL_NAMESPACE },
      },
      channel: {
        namespaces: [
          {
            name: PERSONAL_NAMESPACE,
            presence: true,
            history_size: HISTORY_SIZE,
            history_ttl: HISTORY_TTL,
            force_recovery: true,
            allow_publish_for_client: true,
          },
        ],
      },
    };
  }
}
