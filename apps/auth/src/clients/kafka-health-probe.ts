import type { Admin, Kafka } from 'kafkajs';

/** Asks the cluster for its brokers over a long-lived admin connection. */
export class KafkaHealthProbe {
  private readonly admin: Admin;

  constructor(kafka: Kafka) {
    this.admin = kafka.admin();
  }

  connect(): Promise<void> {
    return this.admin.connect();
  }

  async check(): Promise<void> {
    const cluster = await this.admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('kafka cluster reports no brokers');
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }
}
