import { Provider } from '@nestjs/common';
import { cassandraConfig } from '@messenger/bootstrap';
import { connectCassandra } from '@messenger/cassandra';
import { EventPublisher, createKafka } from '@messenger/kafka';
import type { Logger } from '@messenger/logging';
import { createRedisClient } from '@messenger/redis';
import { AuthConfig } from '../config/auth.config';
import { AUTH_CONFIG, CASSANDRA, KAFKA, LOGGER, REDIS } from '../injection-tokens';
import { KafkaHealthProbe } from './kafka-health-probe';

/** Clients of Redis, Cassandra and Kafka; ClientsLifecycle checks their health and closes them. */
export const clientsProviders: Provider[] = [
  {
    provide: REDIS,
    inject: [AUTH_CONFIG, LOGGER],
    useFactory: (config: AuthConfig, logger: Logger) => createRedisClient({ url: config.redisUrl }, logger, 'auth'),
  },
  {
    provide: CASSANDRA,
    inject: [AUTH_CONFIG, LOGGER],
    useFactory: (config: AuthConfig, logger: Logger) =>
      connectCassandra(cassandraConfig(config), logger),
  },
  {
    provide: KAFKA,
    inject: [AUTH_CONFIG, LOGGER],
    useFactory: (config: AuthConfig, logger: Logger) => createKafka({ brokers: config.kafkaBrokers, clientId: 'auth' }, logger),
  },
  {
    provide: EventPublisher,
    inject: [KAFKA, LOGGER],
    useFactory: async (kafka: ReturnType<typeof createKafka>, logger: Logger) => {
      const publisher = new EventPublisher(kafka, logger);
      await publisher.connect();
      logger.info('kafka producer connected');

      return publisher;
    },
  },
  {
    provide: KafkaHealthProbe,
    inject: [KAFKA],
    useFactory: async (kafka: ReturnType<typeof createKafka>) => {
      const probe = new KafkaHealthProbe(kafka);
      await probe.connect();

      return probe;
    },
  },
];
