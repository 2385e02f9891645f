import { Admin, CompressionTypes, Kafka, Partitioners, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { CORRELATION_ID_HEADER, currentCorrelationId } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { EventsByTopic } from './events';
import { Topic } from './topics';

/**
 * Publishes JSON events with an idempotent producer (acks from all in-sync
 * replicas). Every event carries the current correlation id as a header.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private readonly published = serviceMetrics().counter('kafka_events_published_total', 'Events published', [
    'topic',
    'outcome',
  ]);

  private admin: Admin | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly logger: Logger,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /** Resolves when a broker returns cluster metadata; used as the health check. */
  async ping(): Promise<void> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    await this.admin.describeCluster();
  }

  /** Connects the producer, failing after timeoutMs so that a hung broker stops start-up with a reason. */
  async connect(timeoutMs = 30_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`kafka producer did not connect within ${timeoutMs} ms; check KAFKA_BROKERS`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.producer.connect(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async disconnect(): Promise<void> {
    await this.admin?.disconnect();
    await this.producer.disconnect();
  }

  async publish<T extends Topic>(topic: T, key: string, event: EventsByTopic[T]): Promise<void> {
    const headers: Record<string, string> = {};
    const correlationId = currentCorrelationId();
    if (correlationId) headers[CORRELATION_ID_HEADER] = correlationId;
    try {
      await this.producer.send({
        topic,
        compression: CompressionTypes.None,
        messages: [{ key, value: JSON.stringify(event), headers }],
      });
      this.published.inc({ topic, outcome: 'ok' });
    } catch (error) {
      this.published.inc({ topic, outcome: 'error' });
      this.logger.error({ topic, key, err: error }, 'kafka publish failed');
      throw error;
    }
  }

  /** Publishes without waiting; a failure is logged and counted, never thrown. */
  publishInBackground<T extends Topic>(topic: T, key: string, event: EventsByTopic[T]): void {
    this.publish(topic, key, event).catch(() => undefined);
  }
}
