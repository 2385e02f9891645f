import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { pingCassandra } from '@messenger/cassandra';
import type { CassandraClient } from '@messenger/cassandra';
import { EventPublisher } from '@messenger/kafka';
import type { Logger } from '@messenger/logging';
import { HealthRegistry } from '@messenger/observability';
import { pingRedis } from '@messenger/redis';
import type { Redis } from '@messenger/redis';
import { CASSANDRA, LOGGER, REDIS } from '../injection-tokens';
import { KafkaHealthProbe } from './kafka-health-probe';

/** Registers the health checks of the clients and closes them when the app shuts down. */
@Injectable()
export class ClientsLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger: Logger;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CASSANDRA) private readonly cassandra: CassandraClient,
    private readonly publisher: EventPublisher,
    private readonly kafkaProbe: KafkaHealthProbe,
    private readonly health: HealthRegistry,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'clients' });
  }

  onModuleInit(): void {
    this.health.register({ name: 'redis', check: () => pingRedis(this.redis) });
    this.health.register({ name: 'cassandra', check: () => pingCassandra(this.cassandra) });
    // Kafka carries session revocations; logins and refreshes work without it.
    this.health.register({ name: 'kafka', required: false, check: () => this.kafkaProbe.check() });
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.info({ signal }, 'closing redis, cassandra and kafka clients');
    await Promise.all([
      this.close('kafka producer', () => this.publisher.disconnect()),
      this.close('kafka admin', () => this.kafkaProbe.disconnect()),
      this.close('redis', async () => {
        await this.redis.quit();
      }),
      this.close('cassandra', () => this.cassandra.shutdown()),
    ]);
  }

  private async close(name: string, close: () => Promise<void>): Promise<void> {
    try {
      await close();
      this.logger.info({ client: name }, 'client closed');
    } catch (error) {
      this.logger.warn({ client: name, err: error }, 'closing client failed');
    }
  }
}
