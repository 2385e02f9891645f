import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { cassandraConfig } from '@messenger/bootstrap';
import { CassandraClient, connectCassandra, pingCassandra } from '@messenger/cassandra';
import { AuthClient, MessageClient, createAuthClient, createMessageClient, promiseClient } from '@messenger/grpc';
import { LOGGER, Logger } from '@messenger/logging';
import { HealthRegistry } from '@messenger/observability';
import { Redis, createRedisClient, pingRedis } from '@messenger/redis';
import { AccessTokenVerifier } from '@messenger/tokens';
import { MEDIA_CONFIG, MediaConfig } from '../config/media.config';
import { DownloadLinkSigner } from '../files/download-links';
import { ObjectStorage } from '../storage/object-storage';
import { AUTH_CLIENT, CASSANDRA, MESSAGE_CLIENT, REDIS } from './injection-tokens';

const KEY_LOAD_TIMEOUT_MS = 60_000;

/** Clients of Cassandra, Redis, object storage and the auth and message services, with their health checks. */
@Global()
@Module({
  providers: [
    HealthRegistry,
    {
      provide: CASSANDRA,
      inject: [MEDIA_CONFIG, LOGGER],
      useFactory: (config: MediaConfig, logger: Logger) => connectCassandra(cassandraConfig(config), logger),
    },
    {
      provide: REDIS,
      inject: [MEDIA_CONFIG, LOGGER],
      useFactory: (config: MediaConfig, logger: Logger) => createRedisClient({ url: config.redisUrl }, logger, 'media'),
    },
    {
      provide: ObjectStorage,
      inject: [MEDIA_CONFIG],
      useFactory: (config: MediaConfig) => new ObjectStorage(config),
    },
    {
      provide: AUTH_CLIENT,
      inject: [MEDIA_CONFIG],
      useFactory: (config: MediaConfig): AuthClient => promiseClient(createAuthClient(config.authGrpcUrl), 'auth'),
    },
    {
      provide: MESSAGE_CLIENT,
      inject: [MEDIA_CONFIG],
      useFactory: (config: MediaConfig): MessageClient =>
        promiseClient(createMessageClient(config.messageGrpcUrl), 'message'),
    },
    {
      provide: AccessTokenVerifier,
      inject: [AUTH_CLIENT, LOGGER],
      useFactory: async (auth: AuthClient, logger: Logger) => {
        const verifier = new AccessTokenVerifier({ fetchKeys: async () => (await auth.GetPublicKeys({})).keys }, logger);
        await loadKeysWithRetry(verifier, logger);

        return verifier;
      },
    },
    {
      provide: DownloadLinkSigner,
      inject: [MEDIA_CONFIG],
      useFactory: (config: MediaConfig) => new DownloadLinkSigner(config.urlSigningKey, config.urlTtlSeconds),
    },
  ],
  exports: [HealthRegistry, CASSANDRA, REDIS, ObjectStorage, AUTH_CLIENT, MESSAGE_CLIENT, AccessTokenVerifier, DownloadLinkSigner],
})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(CASSANDRA) private readonly cassandra: CassandraClient,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly storage: ObjectStorage,
    @Inject(MESSAGE_CLIENT) message: MessageClient,
    health: HealthRegistry,
  ) {
    health.register({ name: 'cassandra', check: () => pingCassandra(cassandra) });
    health.register({ name: 'redis', check: () => pingRedis(redis) });
    health.register({ name: 's3', check: () => storage.ping() });
    // Uploads and the owner's own downloads work without the message service; only shared downloads need it.
    health.register({
      name: 'message',
      required: false,
      check: async () =>
        void (await message.FilterMemberConversations({ userId: '00000000-0000-0000-0000-000000000000', conversationIds: [] }, { timeoutMs: 1500 })),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.cassandra.shutdown();
    this.redis.disconnect();
    this.storage.close();
  }
}

/** Loads the token keys, retrying for a while because the auth service may start after this one. */
async function loadKeysWithRetry(verifier: AccessTokenVerifier, logger: Logger): Promise<void> {
  const deadline = Date.now() + KEY_LOAD_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await verifier.loadKeys();

      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      logger.warn({ attempt, err: (error as Error).message }, 'token keys not available yet, retrying');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
