import { Admin, CompressionTypes, Kafka, Message, Partitioners, Producer, TopicMessages } from 'kafkajs';
import type { Logger } from 'pino';
import { CORRELATION_ID_HEADER, currentCorrelationId } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { EventsByTopic } from './events';
import { Topic } from './topics';

/** Events per produce request. At a few hundred bytes each, they stay far below the broker's default 1 MiB message limit. */
const MAX_EVENTS_PER_REQUEST = 500;

interface QueuedEvent {
  topic: Topic;
  message: Message;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Publishes JSON events with an idempotent producer (acks from all in-sync
 * replicas). Every event carries the current correlation id as a header.
 *
 * One produce request is in flight at a time, and the events published
 * while it travels go together in the next one. An idle publisher sends an
 * event at once, and a busy one sends one request per broker round trip
 * instead of one per event. Events keep their order per topic and key.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private readonly published = serviceMetrics().counter('kafka_events_published_total', 'Events published', [
    'topic',
    'outcome',
  ]);
  private readonly requestSize = serviceMetrics().histogram(
    'kafka_events_per_request',
    'Events sent per produce request',
    [],
    [1, 2, 5, 10, 20, 50, 100, 200, 500],
  );
  private readonly queue: QueuedEvent[] = [];
  private sending = false;
  private sent: Promise<void> = Promise.resolve();

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

  /** Sends the events still queued, then disconnects. */
  async disconnect(): Promise<void> {
    await this.sent;
    await this.admin?.disconnect();
    await this.producer.disconnect();
  }

  /** Resolves when the broker has acknowledged the event. */
  publish<T extends Topic>(topic: T, key: string, event: EventsByTopic[T]): Promise<void> {
    const headers: Record<string, string> = {};
    const correlationId = currentCorrelationId();
    if (correlationId) headers[CORRELATION_ID_HEADER] = correlationId;

    return new Promise((resolve, reject) => {
      this.queue.push({ topic, message: { key, value: JSON.stringify(event), headers }, resolve, reject });
      if (!this.sending) {
        this.sending = true;
        this.sent = this.sendQueued();
      }
    });
  }

  /** Publishes without waiting; a failure is logged and counted, never thrown. */
  publishInBackground<T extends Topic>(topic: T, key: string, event: EventsByTopic[T]): void {
    this.publish(topic, key, event).catch(() => undefined);
  }

  /**
   * Sends until the queue is empty. The flag is cleared in the same step that
   * finds the queue empty, so an event published from a resolved caller starts a new loop.
   */
  private async sendQueued(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_EVENTS_PER_REQUEST);
        const byTopic = new Map<Topic, Message[]>();
        for (const { topic, message } of batch) {
          const messages = byTopic.get(topic);
          if (messages) messages.push(message);
          else byTopic.set(topic, [message]);
        }
        const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
        this.requestSize.observe(batch.length);
        try {
          await this.producer.sendBatch({ topicMessages, compression: CompressionTypes.None });
          for (const { topic, messages } of topicMessages) this.published.inc({ topic, outcome: 'ok' }, messages.length);
          for (const event of batch) event.resolve();
        } catch (error) {
          for (const { topic, messages } of topicMessages) this.published.inc({ topic, outcome: 'error' }, messages.length);
          this.logger.error(
            { topics: topicMessages.map(({ topic }) => topic), events: batch.length, err: error },
            'kafka publish failed',
          );
          for (const event of batch) event.reject(error);
        }
      }
    } finally {
      this.sending = false;
    }
  }
}
