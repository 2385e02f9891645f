import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { RpcHandler } from '@messenger/grpc';
import { EventPublisher, createKafka } from '@messenger/kafka';
import type { Logger } from '@messenger/logging';
import { HealthRegistry } from '@messenger/observability';
import { Redis, createRedisClient, pingRedis } from '@messenger/redis';
import { PresenceConfig } from '../config/presence.config';
import { KAFKA, LOGGER, PRESENCE_CONFIG, REDIS } from './injection-tokens';
import { KafkaHealthCheck } from './kafka.health';

/**
 * Owns the connections that every feature shares: Redis, the Kafka client
 * and producer, and the health checks of both. It closes them last, after
 * the sweeper and the fan-out consumer stopped in their
 * beforeApplicationShutdown hooks.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly publisher: EventPublisher,
    private readonly kafkaHealth: KafkaHealthCheck,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  static forRoot(config: PresenceConfig, logger: Logger): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: PRESENCE_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        {
          provide: REDIS,
          useFactory: () => createRedisClient({ url: config.redisUrl }, logger, 'presence'),
        },
        {
          provide: KAFKA,
          useFactory: () => createKafka({ brokers: config.kafkaBrokers, clientId: 'presence' }, logger),
        },
        {
          provide: EventPublisher,
          inject: [KAFKA],
          useFactory: async (kafka: Kafka) => {
            const publisher = new EventPublisher(kafka, logger);
            await publisher.connect();

            return publisher;
          },
        },
        { provide: KafkaHealthCheck, inject: [KAFKA], useFactory: (kafka: Kafka) => new KafkaHealthCheck(kafka) },
        {
          provide: HealthRegistry,
          inject: [REDIS, KafkaHealthCheck],
          useFactory: (redis: Redis, kafkaHealth: KafkaHealthCheck) => {
            const registry = new HealthRegistry();
            registry.register({ name: 'redis', check: () => pingRedis(redis) });
            // Heartbeats work without Kafka; only the fan-out of changes waits for it.
            registry.register({ name: kafkaHealth.name, required: false, check: () => kafkaHealth.check() });

            return registry;
          },
        },
        { provide: RpcHandler, useFactory: () => new RpcHandler(logger) },
      ],
      exports: [PRESENCE_CONFIG, LOGGER, REDIS, KAFKA, EventPublisher, HealthRegistry, RpcHandler],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    const results = await Promise.allSettled([
      this.publisher.disconnect(),
      this.kafkaHealth.close(),
      this.redis.quit(),
    ]);
    for (const result of results) {
      if (result.status === 'rejected') {
        this.logger.warn({ err: result.reason }, 'closing a connection failed during shutdown');
      }
    }
  }
}
