/**
 * Starts the auth service in-process against the real Redis, Cassandra and
 * Kafka of deploy/local/up.sh, on free ports, with its own Cassandra keyspace
 * (dropped on close) and a fresh Ed25519 key.
 */
import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import Redis from 'ioredis';
import { Consumer, Kafka } from 'kafkajs';
import { CassandraClient, connectWithRetry, createCassandraClient, runMigrations } from '@messenger/cassandra';
import { AUTH_SERVICE, AuthClient, createAuthClient, grpcServerOptions, promiseClient } from '@messenger/grpc';
import { SessionRevokedEvent, Topics, createKafka, createTopics } from '@messenger/kafka';
import { Logger, createLogger } from '@messenger/logging';
import { authAppModule } from '../../../apps/auth/src/auth.module';
import { AuthConfig, readAuthConfig } from '../../../apps/auth/src/config/auth.config';

const ROOT = path.resolve(__dirname, '../../..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const CASSANDRA_CONTACT_POINTS = (process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042').split(',');
const SERVERS_TIMEOUT_MS = 240_000;

export interface AuthTestApp {
  config: AuthConfig;
  keyspace: string;
  api: AuthClient;
  httpUrl: string;
  /** A separate client for looking at the service's keys. */
  redis: Redis;
  /** Connected to the test keyspace. */
  cassandra: CassandraClient;
  kafka: Kafka;
  logger: Logger;
  close(): Promise<void>;
}

export async function startAuthTestApp(env: Record<string, string> = {}): Promise<AuthTestApp> {
  const logger = createLogger('auth-it', process.env.LOG_LEVEL ?? 'silent');
  const keyspace = `auth_it_${randomBytes(4).toString('hex')}`;

  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
  redis.on('error', () => undefined);
  await retry('redis', () => redis.ping());

  const admin = createCassandraClient(
    { contactPoints: CASSANDRA_CONTACT_POINTS, localDataCenter: 'datacenter1', keyspace },
    logger,
  );
  await connectWithRetry(admin, logger, SERVERS_TIMEOUT_MS);
  await runMigrations(
    admin,
    {
      keyspace,
      replication: "{'class':'SimpleStrategy','replication_factor':1}",
      dir: path.join(ROOT, 'deploy/cassandra/migrations'),
    },
    logger,
  );

  const kafka = createKafka({ brokers: KAFKA_BROKERS, clientId: 'auth-it' }, logger);
  await retry('kafka', () => createTopics(kafka, 1));

  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-it-'));
  const keyFile = path.join(keyDir, 'auth.pem');
  fs.writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
  });
  const [grpcPort, httpPort] = [await freePort(), await freePort()];
  const config = readAuthConfig({
    REDIS_URL,
    KAFKA_BROKERS: KAFKA_BROKERS.join(','),
    CASSANDRA_CONTACT_POINTS: CASSANDRA_CONTACT_POINTS.join(','),
    CASSANDRA_KEYSPACE: keyspace,
    GRPC_PORT: String(grpcPort),
    HTTP_PORT: String(httpPort),
    AUTH_SIGNING_KEY_FILE: keyFile,
    AUTH_ACCESS_TOKEN_TTL_SECONDS: '5',
    AUTH_REFRESH_TOKEN_TTL_SECONDS: '3600',
    AUTH_LOGIN_WINDOW_SECONDS: '120',
    ...env,
  });

  let app: INestApplication | undefined;
  try {
    app = await NestFactory.create(authAppModule({ config, logger }), { logger: false });
    app.connectMicroservice<MicroserviceOptions>(
      { transport: Transport.GRPC, options: grpcServerOptions([AUTH_SERVICE], `127.0.0.1:${grpcPort}`) },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
    await app.listen(httpPort, '127.0.0.1');
  } catch (error) {
    await app?.close();
    throw error;
  }

  const grpcClient = createAuthClient(`127.0.0.1:${grpcPort}`);
  const api: AuthClient = promiseClient(grpcClient, 'auth');
  const cassandra = createCassandraClient(
    { contactPoints: CASSANDRA_CONTACT_POINTS, localDataCenter: 'datacenter1', keyspace },
    logger,
    keyspace,
  );
  await cassandra.connect();

  return {
    config,
    keyspace,
    api,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    redis,
    cassandra,
    kafka,
    logger,
    async close() {
      grpcClient.close();
      await app?.close();
      await cassandra.shutdown();
      await admin.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`, [], { prepare: false });
      await admin.shutdown();
      await redis.quit();
      fs.rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

/** Collects the session-revoked events that arrive after start(), in a fresh consumer group. */
export class RevocationEvents {
  readonly received: { key: string | null; event: SessionRevokedEvent }[] = [];
  private readonly consumer: Consumer;

  constructor(kafka: Kafka) {
    this.consumer = kafka.consumer({
      groupId: `auth-it-${randomBytes(6).toString('hex')}`,
      maxWaitTimeInMs: 200,
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
    });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    // From the beginning, so that nothing published while the group forms is missed; tests filter by session id.
    await this.consumer.subscribe({ topic: Topics.sessionRevoked, fromBeginning: true });
    const joined = new Promise<void>((resolve) => this.consumer.on(this.consumer.events.GROUP_JOIN, () => resolve()));
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        this.received.push({
          key: message.key?.toString() ?? null,
          event: JSON.parse(message.value?.toString() ?? 'null') as SessionRevokedEvent,
        });
      },
    });
    await joined;
  }

  async waitFor(sessionId: string, timeoutMs = 20_000): Promise<{ key: string | null; event: SessionRevokedEvent }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find((entry) => entry.event?.sessionId === sessionId);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no session-revoked event for ${sessionId} within ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

export function randomUsername(prefix = 'it'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** A client address that no other test (or run) uses, so that rate-limit counters start at zero. */
export function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function retry<T>(what: string, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + SERVERS_TIMEOUT_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what} not reachable: ${(error as Error).message}`);
      await sleep(2000);
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
