import type { Admin, Kafka } from 'kafkajs';
import type { HealthCheck } from '@messenger/observability';

/** Health check that requests the Kafka cluster's broker list over one long-lived admin connection. */
export class KafkaHealthCheck implements HealthCheck {
  readonly name = 'kafka';
  private readonly admin: Admin;
  private connected?: Promise<void>;

  constructor(kafka: Kafka) {
    this.admin = kafka.admin();
  }

  async check(): Promise<void> {
    this.connected ??= this.admin.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    const cluster = await this.admin.describeCluster();
    if (cluster.brokers.length === 0) {
      throw new Error('kafka cluster reported no brokers');
    }
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
  }
}
