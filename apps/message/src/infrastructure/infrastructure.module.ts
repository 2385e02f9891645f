import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { cassandraConfig } from '@messenger/bootstrap';
import { CassandraClient, connectCassandra, pingCassandra } from '@messenger/cassandra';
import { MediaClient, createMediaClient, promiseClient } from '@messenger/grpc';
import { EventPublisher, createKafka } from '@messenger/kafka';
import { LOGGER, Logger } from '@messenger/logging';
import { HealthRegistry } from '@messenger/observability';
import { Redis, createRedisClient, pingRedis } from '@messenger/redis';
import { DeliveryRouter } from '@messenger/routing';
import { MESSAGE_CONFIG, MessageConfig } from '../config/message.config';

export const CASSANDRA = Symbol('CASSANDRA');
export const REDIS = Symbol('REDIS');
export const MEDIA_CLIENT = Symbol('MEDIA_CLIENT');

/** Clients of Cassandra, Redis and Kafka, shared by the feature modules. */
@Global()
@Module({
  providers: [
    HealthRegistry,
    {
      provide: CASSANDRA,
      inject: [MESSAGE_CONFIG, LOGGER],
      useFactory: (config: MessageConfig, logger: Logger) =>
        connectCassandra(cassandraConfig(config), logger),
    },
    {
      provide: REDIS,
      inject: [MESSAGE_CONFIG, LOGGER],
      useFactory: (config: MessageConfig, logger: Logger) => createRedisClient({ url: config.redisUrl }, logger, 'message'),
    },
    {
      provide: EventPublisher,
      inject: [MESSAGE_CONFIG, LOGGER],
      useFactory: async (config: MessageConfig, logger: Logger) => {
        const publisher = new EventPublisher(createKafka({ brokers: config.kafkaBrokers, clientId: 'message' }, logger), logger);
        await publisher.connect();

        return publisher;
      },
    },
    {
      provide: MEDIA_CLIENT,
      inject: [MESSAGE_CONFIG],
      useFactory: (config: MessageConfig): MediaClient => promiseClient(createMediaClient(config.mediaGrpcUrl), 'media'),
    },
    {
      provide: DeliveryRouter,
      inject: [REDIS],
      useFactory: (redis: Redis) => new DeliveryRouter(redis),
    },
  ],
  exports: [HealthRegistry, CASSANDRA, REDIS, EventPublisher, DeliveryRouter, MEDIA_CLIENT],
})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(CASSANDRA) private readonly cassandra: CassandraClient,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly publisher: EventPublisher,
    health: HealthRegistry,
  ) {
    health.register({ name: 'cassandra', check: () => pingCassandra(cassandra) });
    health.register({ name: 'redis', check: () => pingRedis(redis) });
    // Events are published in the background; sends and receipts work without Kafka.
    health.register({ name: 'kafka', required: false, check: () => publisher.ping() });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect();
    await this.cassandra.shutdown();
    this.redis.disconnect();
  }
}
