import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KeyLike, SignJWT, importPKCS8 } from 'jose';
import { createMessageClient } from '@messenger/grpc';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@messenger/tokens';
import type { MeasuredProcess } from './process-stats';
import { ServerProcess, isHttpOk, requireFreePorts } from './server-process';
import { sharedServerProcesses } from './shared-servers';
import { ConnectionLayout, LayoutRequest, SystemUnderTest, UserPool, buildLayout } from './system-under-test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SIGNING_KEY_ID = 'bench';
const DEVICE_ID = 'bench';
const TOKEN_LIFETIME = '12h';
const CONVERSATION_CONCURRENCY = 16;

/** Ports apart from the dev services (3101-3103, 50051-50053, 8080-8081, 9101-9181) and the end-to-end tests' (3201-3205, 4201-4205, 8180-8181, 9201-9281). gRPC ports stay below the ephemeral range (32768 and up), where a client socket can take them first. */
const PORTS = {
  auth: { http: 3301, grpc: 4301, metrics: 9301 },
  message: { http: 3302, grpc: 4302, metrics: 9302 },
  presence: { http: 3303, grpc: 4303, metrics: 9303 },
  'gateway-a': { http: 8301, metrics: 9381 },
  'gateway-b': { http: 8302, metrics: 9382 },
} as const;

/** Port of a media service that the benchmark does not start. */
const MEDIA_GRPC_PORT = 4304;

type ServiceName = keyof typeof PORTS;
const BACKENDS: ServiceName[] = ['auth', 'message', 'presence'];
const GATEWAYS: ServiceName[] = ['gateway-a', 'gateway-b'];

export interface PlatformOptions {
  workDir: string;
  heartbeatMs: number;
}

/**
 * The messenger platform as the benchmark runs it: auth, message, presence
 * and two gateways on their own ports, sharing Redis, Kafka and Cassandra
 * (keyspace "messenger") with the dev services. Users are not registered:
 * the harness signs access tokens with the key it gives auth, and opens each
 * pair's conversation through the message service's gRPC API. That skips
 * the argon2id hashing of registration and login (about 0.4 CPU seconds per
 * user), which is not what the benchmark measures.
 */
export class PlatformSystem implements SystemUnderTest {
  readonly kind = 'platform' as const;
  readonly persistent = true;
  readonly redisPort = Number(process.env.REDIS_PORT ?? 6379);
  private readonly services = new Map<ServiceName, ServerProcess>();
  private readonly pool = new UserPool();
  private readonly conversations: string[] = [];
  private readonly tokens = new Map<string, string>();
  private signingKey: KeyLike | undefined;

  constructor(private readonly options: PlatformOptions) {}

  async start(): Promise<void> {
    for (const app of ['auth', 'message', 'presence', 'gateway']) {
      const main = path.join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
      if (!fs.existsSync(main)) throw new Error(`${main} is missing; build first with "npm run build"`);
    }
    await requireFreePorts('the platform', Object.values(PORTS).flatMap((ports) => Object.values(ports)));
    const keyFile = path.join(this.options.workDir, 'platform-signing-key.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', keyFile], { stdio: 'ignore' });
    fs.chmodSync(keyFile, 0o600);
    this.signingKey = await importPKCS8(fs.readFileSync(keyFile, 'utf8'), TOKEN_ALGORITHM);
    for (const name of [...BACKENDS, ...GATEWAYS]) this.services.set(name, this.process(name, keyFile));

    // Gateways fetch the token keys from auth when they start.
    await Promise.all(BACKENDS.map((name) => this.services.get(name)!.start()));
    await Promise.all(GATEWAYS.map((name) => this.services.get(name)!.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(GATEWAYS.map((name) => this.services.get(name)?.stop()));
    await Promise.all(BACKENDS.map((name) => this.services.get(name)?.stop()));
  }

  async restartConnectionServers(): Promise<void> {
    await Promise.all(GATEWAYS.map((name) => this.services.get(name)!.stop()));
    await Promise.all(GATEWAYS.map((name) => this.services.get(name)!.start()));
  }

  measuredProcesses(): MeasuredProcess[] {
    const own = [...this.services].flatMap(([name, service]) =>
      // Idle connections never reach auth (gateways verify tokens themselves), so its garbage collection would only add noise.
      service.pid === undefined ? [] : [{ name, pid: service.pid, countMemory: name !== 'auth', holdsConnections: GATEWAYS.includes(name) }],
    );

    return [...own, ...sharedServerProcesses(['redis', 'kafka', 'cassandra'])];
  }

  /** Sums redis_command_duration_seconds_count (pipelined commands included) over the metrics of every service. */
  async redisCommandsSent(): Promise<number> {
    const counts = await Promise.all(
      [...BACKENDS, ...GATEWAYS].map(async (name) => {
        const response = await fetch(`http://127.0.0.1:${PORTS[name].metrics}/metrics`, { signal: AbortSignal.timeout(5000) });
        const text = await response.text();
        let total = 0;
        for (const match of text.matchAll(/^messenger_\w+_redis_command_duration_seconds_count\{[^}]*\} (\d+)$/gm)) total += Number(match[1]);

        return total;
      }),
    );

    return counts.reduce((sum, count) => sum + count, 0);
  }

  async layout(request: LayoutRequest): Promise<ConnectionLayout> {
    await this.openConversations(request.pairs);
    const users = [...this.pool.pairs(request.pairs).flat(), ...this.pool.idle(request.idle)];
    for (const userId of users) {
      if (!this.tokens.has(userId)) this.tokens.set(userId, await this.signToken(userId));
    }

    // Senders use gateway-a and receivers gateway-b, so every message crosses gateways as in a deployment.
    return buildLayout(
      request,
      this.pool,
      (userId, index, role) => {
        const gateway = role === 'sender' || (role === 'idle' && index % 2 === 0) ? 'gateway-a' : 'gateway-b';
        const query = new URLSearchParams({ access_token: this.tokens.get(userId)!, device_id: DEVICE_ID });

        return { url: `ws://127.0.0.1:${PORTS[gateway].http}/v1/ws?${query}` };
      },
      (pair) => this.conversations[pair],
    );
  }

  private signToken(userId: string): Promise<string> {
    return new SignJWT({ sid: randomUUID(), username: `bench-${userId.slice(0, 8)}` })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: SIGNING_KEY_ID })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(TOKEN_LIFETIME)
      .sign(this.signingKey!);
  }

  /** Opens the direct conversation of each pair not opened yet, through the message service's gRPC API. */
  private async openConversations(count: number): Promise<void> {
    const pairs = this.pool.pairs(count);
    if (this.conversations.length >= count) return;
    const client = createMessageClient(`127.0.0.1:${PORTS.message.grpc}`);
    try {
      let next = this.conversations.length;
      const openNext = async (): Promise<void> => {
        while (next < count) {
          const index = next++;
          const [userId, peerUserId] = pairs[index];
          this.conversations[index] = await new Promise<string>((resolve, reject) =>
            client.OpenDirectConversation({ userId, peerUserId }, (error, conversation) =>
              error || !conversation
                ? reject(new Error(`OpenDirectConversation for pair ${index} failed: ${error?.message}`))
                : resolve(conversation.conversationId!),
            ),
          );
        }
      };
      await Promise.all(Array.from({ length: CONVERSATION_CONCURRENCY }, openNext));
    } finally {
      client.close();
    }
  }

  private process(name: ServiceName, keyFile: string): ServerProcess {
    const ports = PORTS[name];
    const app = name.startsWith('gateway') ? 'gateway' : name;
    const heartbeatTimeoutMs = String(Math.max(30_000, this.options.heartbeatMs * 3));
    const env: Record<string, string> = {
      LOG_LEVEL: 'warn',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(ports.http),
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: String(ports.metrics),
      ...('grpc' in ports ? { GRPC_HOST: '127.0.0.1', GRPC_PORT: String(ports.grpc) } : {}),
      AUTH_SIGNING_KEY_FILE: keyFile,
      AUTH_SIGNING_KEY_ID: SIGNING_KEY_ID,
      AUTH_GRPC_URL: `127.0.0.1:${PORTS.auth.grpc}`,
      MESSAGE_GRPC_URL: `127.0.0.1:${PORTS.message.grpc}`,
      PRESENCE_GRPC_URL: `127.0.0.1:${PORTS.presence.grpc}`,
      // NOTE: no media service runs for the benchmark, because its messages carry no attachments. The
      // address keeps the message service from reaching the dev system's media service.
      MEDIA_GRPC_URL: `127.0.0.1:${MEDIA_GRPC_PORT}`,
      PRESENCE_HEARTBEAT_TIMEOUT_MS: heartbeatTimeoutMs,
      // Gateway ids differ from the dev and test gateways', which share the Redis delivery channels.
      GATEWAY_ID: `bench-${name}`,
      GATEWAY_HEARTBEAT_INTERVAL_MS: String(this.options.heartbeatMs),
      GATEWAY_HEARTBEAT_TIMEOUT_MS: heartbeatTimeoutMs,
      // The default of 50 frames per second is for people; one benchmark connection sends more.
      GATEWAY_MAX_FRAMES_PER_SECOND: '100000',
      SHUTDOWN_GRACE_MS: '1000',
    };

    return new ServerProcess({
      name,
      command: process.execPath,
      args: ['-r', path.join(ROOT, 'tools', 'register-aliases.js'), path.join(ROOT, 'dist', 'apps', app, 'src', 'main.js')],
      env,
      logFile: path.join(this.options.workDir, `platform-${name}.log`),
      isReady: () => isHttpOk(`http://127.0.0.1:${ports.http}/health`),
    });
  }
}
