import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import type { Kafka } from 'kafkajs';
import {
  ERROR_CODE_METADATA_KEY,
  PRESENCE_SERVICE,
  PROTO_LOADER_OPTIONS,
  createPresenceClient,
  findProtosDir,
  grpcServerOptions,
  messageV1,
  presenceV1,
} from '@messenger/grpc';
import { PinoNestLogger } from '@messenger/logging';
import Redis from 'ioredis';
import { RedisKeys } from '@messenger/redis';
import { GatewayDelivery, RouteRegistry, decodeGatewayDelivery } from '@messenger/routing';
import { createAppModule } from '../../../apps/presence/src/app.module';
import {
  TEST_TIMING,
  createTestKafka,
  deletePresenceKeys,
  ensureTopics,
  testConfig,
  testLogger,
  uniqueId,
  waitFor,
} from './presence-harness';

/** Starts a MessageService that implements only ListPeers, from a fixed table, on a random loopback port. */
async function startFakeMessageService(peersByUser: Map<string, string[]>): Promise<{ server: grpc.Server; url: string }> {
  const protosDir = findProtosDir();
  const definition = protoLoader.loadSync(path.join(protosDir, 'messenger/message/v1/message.proto'), {
    ...PROTO_LOADER_OPTIONS,
    includeDirs: [protosDir],
  });
  const proto = grpc.loadPackageDefinition(definition) as unknown as {
    messenger: { message: { v1: { MessageService: { service: grpc.ServiceDefinition } } } };
  };
  const server = new grpc.Server();
  server.addService(proto.messenger.message.v1.MessageService.service, {
    ListPeers: (
      call: grpc.ServerUnaryCall<messageV1.ListPeersRequest__Output, messageV1.ListPeersResponse>,
      callback: grpc.sendUnaryData<messageV1.ListPeersResponse>,
    ) => callback(null, { userIds: peersByUser.get(call.request.userId) ?? [] }),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, boundPort) =>
      error ? reject(error) : resolve(boundPort),
    ),
  );

  return { server, url: `127.0.0.1:${port}` };
}

/** Returns a loopback port that was free a moment ago. NestJS's gRPC server does not report the port it bound. */
async function findFreePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));

  return port;
}

function call<Response>(
  method: (request: object, callback: grpc.requestCallback<Response>) => grpc.ClientUnaryCall,
  request: object,
): Promise<Response> {
  return new Promise((resolve, reject) =>
    method(request, (error, response) => (error ? reject(error) : resolve(response as Response))),
  );
}

describe('presence service over gRPC', () => {
  const alice = uniqueId('alice');
  const bob = uniqueId('bob');
  const carol = uniqueId('carol');
  const gatewayId = uniqueId('gateway');
  const deliveries: GatewayDelivery[] = [];
  let kafka: Kafka;
  let app: INestApplication;
  let httpUrl: string;
  let messageService: grpc.Server;
  let client: presenceV1.PresenceServiceClient;
  let subscriber: Redis;
  let redis: Redis;
  let routes: RouteRegistry;
  let fanOutGroupId: string;

  function presenceDeliveriesOf(userId: string): GatewayDelivery[] {
    return deliveries.filter(
      (delivery) => delivery.delivery.kind === 'presence' && delivery.delivery.presence.userId === userId,
    );
  }

  beforeAll(async () => {
    const fake = await startFakeMessageService(new Map([[alice, [bob, carol, alice]]]));
    messageService = fake.server;
    const grpcPort = await findFreePort();
    const config = testConfig({ MESSAGE_GRPC_URL: fake.url, GRPC_PORT: String(grpcPort), HTTP_PORT: '0' });
    kafka = createTestKafka(config);
    await ensureTopics(kafka);

    redis = new Redis(config.redisUrl);
    subscriber = new Redis(config.redisUrl);
    subscriber.on('message', (_channel: string, payload: string) => deliveries.push(decodeGatewayDelivery(payload)));
    await subscriber.subscribe(RedisKeys.gatewayChannel(gatewayId));
    // Alice's own connection on the same gateway must get none of her presence deliveries.
    routes = new RouteRegistry(redis, gatewayId, 60_000);
    await routes.add(bob);
    await routes.add(alice);

    fanOutGroupId = uniqueId('presence-test-fan-out');
    const module = createAppModule(config, testLogger, { groupId: fanOutGroupId, fromBeginning: true });
    app = await NestFactory.create(module, { logger: new PinoNestLogger(testLogger) });
    app.connectMicroservice<MicroserviceOptions>(
      { transport: Transport.GRPC, options: grpcServerOptions([PRESENCE_SERVICE], `127.0.0.1:${grpcPort}`) },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    httpUrl = `http://127.0.0.1:${port}`;
    client = createPresenceClient(`127.0.0.1:${grpcPort}`);
  });

  afterAll(async () => {
    client?.close();
    await app?.close();
    messageService?.forceShutdown();
    await subscriber?.quit();
    if (redis) {
      await routes.remove(bob);
      await routes.remove(alice);
      await deletePresenceKeys(redis, [alice, bob, carol], [`${alice}|phone`]);
      await redis.quit();
    }
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([fanOutGroupId]).catch(() => undefined);
    await admin.disconnect();
  });

  it('reports redis and kafka healthy', async () => {
    const response = await fetch(`${httpUrl}/health`);
    const report = (await response.json()) as { status: string; checks: Record<string, { status: string }> };

    expect(response.status).toBe(200);
    expect(report.checks.redis.status).toBe('ok');
    expect(report.checks.kafka.status).toBe('ok');
  });

  it('delivers online and offline to peers only', async () => {
    const heartbeat = await call<presenceV1.HeartbeatResponse__Output>(client.Heartbeat.bind(client), {
      userId: alice,
      deviceId: 'phone',
    });
    // The Kafka fan-out can take longer than the 300 ms heartbeat timeout, so keep the device alive meanwhile.
    const keepAlive = setInterval(() => {
      client.Heartbeat({ userId: alice, deviceId: 'phone' }, () => undefined);
    }, 100);
    const [online] = await waitFor('online delivery', () => presenceDeliveriesOf(alice)[0] && presenceDeliveriesOf(alice)).finally(
      () => clearInterval(keepAlive),
    );

    expect(online.userIds).toEqual([bob]);
    expect(online.delivery).toEqual({
      kind: 'presence',
      presence: { userId: alice, status: 'online', lastSeenAt: heartbeat.expiresAt - TEST_TIMING.heartbeatTimeoutMs },
    });

    const before = Date.now();
    await call(client.Disconnect.bind(client), { userId: alice, deviceId: 'phone' });
    const after = Date.now();
    const [, offline] = await waitFor('offline delivery', () =>
      presenceDeliveriesOf(alice).length >= 2 ? presenceDeliveriesOf(alice) : undefined,
    );
    const presence = offline.delivery.kind === 'presence' ? offline.delivery.presence : undefined;

    expect(offline.userIds).toEqual([bob]);
    expect(presence?.status).toBe('offline');
    expect(presence?.lastSeenAt).toBeGreaterThanOrEqual(before);
    expect(presence?.lastSeenAt).toBeLessThanOrEqual(after);
  });

  it('returns presence over gRPC', async () => {
    const response = await call<presenceV1.GetPresenceResponse__Output>(client.GetPresence.bind(client), {
      userIds: [alice, carol],
    });

    expect(response.users.map((user) => user.status)).toEqual(['PRESENCE_STATUS_OFFLINE', 'PRESENCE_STATUS_OFFLINE']);
    expect(response.users[0].lastSeenAt).toBeGreaterThan(0);
    expect(response.users[1].lastSeenAt).toBe(0);
  });

  it('rejects 101 users with INVALID_ARGUMENT', async () => {
    const userIds = Array.from({ length: 101 }, (_, index) => `user-${index}`);

    const error = (await call(client.GetPresence.bind(client), { userIds }).catch((caught: unknown) => caught)) as grpc.ServiceError;

    expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error.metadata.get(ERROR_CODE_METADATA_KEY)).toEqual(['INVALID_ARGUMENT']);
    expect(error.details).toBe('user_ids has 101 entries, more than the maximum of 100');
  });

  it('rejects a heartbeat without a user id', async () => {
    const error = (await call(client.Heartbeat.bind(client), { deviceId: 'phone' }).catch(
      (caught: unknown) => caught,
    )) as grpc.ServiceError;

    expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error.details).toBe('user_id is missing');
  });
});
