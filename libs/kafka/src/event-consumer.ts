import { Admin, Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { CORRELATION_ID_HEADER, sanitizeCorrelationId, withCorrelationId } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { AppError, ErrorCode } from '@messenger/protocol';
import { EventsByTopic } from './events';
import { Topic } from './topics';

export type EventHandler<T extends Topic> = (event: EventsByTopic[T], key: string | null) => Promise<void>;

/**
 * Consumes one topic in a consumer group. When a handler fails with
 * UNAVAILABLE or an unexpected error, kafkajs retries the event (the offset is
 * not committed), so handlers must be idempotent. An event that the handler
 * rejects with any other AppError code is logged and skipped, because a retry
 * cannot succeed. Consumer lag is exported as a gauge, set after each batch
 * and also polled from the committed offsets, so that a consumer that stopped
 * making progress still shows its lag growing.
 */
export class EventConsumer<T extends Topic> {
  private readonly consumer: Consumer;
  private readonly lag = serviceMetrics().gauge('kafka_consumer_lag_messages', 'Consumer lag per partition', [
    'topic',
    'partition',
  ]);
  private readonly handled = serviceMetrics().counter('kafka_events_consumed_total', 'Events consumed', [
    'topic',
    'outcome',
  ]);

  private readonly admin: Admin;
  private lagTimer: NodeJS.Timeout | undefined;
  private lagPollFailing = false;
  /** Start offset of each partition that has no committed offset yet, by partition. */
  private readonly startOffsets = new Map<number, number>();

  constructor(
    kafka: Kafka,
    private readonly topic: T,
    private readonly groupId: string,
    private readonly logger: Logger,
    private readonly fromBeginning = false,
    private readonly lagPollIntervalMs = 15_000,
  ) {
    this.consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    this.admin = kafka.admin();
  }

  async start(handler: EventHandler<T>): Promise<void> {
    await this.admin.connect();
    for (const end of await this.admin.fetchTopicOffsets(this.topic)) {
      this.startOffsets.set(end.partition, Number(this.fromBeginning ? end.low : end.high));
    }
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: this.fromBeginning });
    await this.consumer.run({
      eachBatchAutoResolve: true,
      eachMessage: async ({ partition, message }) => {
        const correlationId = sanitizeCorrelationId(message.headers?.[CORRELATION_ID_HEADER]?.toString());
        await withCorrelationId(correlationId, async () => {
          let event: EventsByTopic[T];
          try {
            event = JSON.parse(message.value?.toString() ?? 'null') as EventsByTopic[T];
          } catch {
            this.handled.inc({ topic: this.topic, outcome: 'malformed' });
            this.logger.error({ topic: this.topic, partition, offset: message.offset }, 'skipped malformed event');

            return;
          }
          try {
            await handler(event, message.key?.toString() ?? null);
            this.handled.inc({ topic: this.topic, outcome: 'ok' });
          } catch (error) {
            if (error instanceof AppError && error.code !== ErrorCode.UNAVAILABLE) {
              this.handled.inc({ topic: this.topic, outcome: 'rejected' });
              this.logger.warn(
                { topic: this.topic, partition, offset: message.offset, code: error.code, err: error.message },
                'skipped event that the handler rejected',
              );

              return;
            }
            this.handled.inc({ topic: this.topic, outcome: 'error' });
            this.logger.error({ topic: this.topic, partition, offset: message.offset, err: error }, 'event handler failed');
            throw error;
          }
        });
      },
    });
    this.consumer.on(this.consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      this.lag.set({ topic: payload.topic, partition: String(payload.partition) }, Number(payload.offsetLag));
    });
    this.lagTimer = setInterval(() => void this.pollLag(), this.lagPollIntervalMs);
    this.lagTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.lagTimer);
    await this.consumer.disconnect();
    await this.admin.disconnect();
  }

  /** Sets the lag of each partition from the group's committed offset and the partition's end. */
  private async pollLag(): Promise<void> {
    try {
      const [committed, ends] = await Promise.all([
        this.admin.fetchOffsets({ groupId: this.groupId, topics: [this.topic] }),
        this.admin.fetchTopicOffsets(this.topic),
      ]);
      const committedByPartition = new Map(
        (committed[0]?.partitions ?? []).map((partition) => [partition.partition, Number(partition.offset)]),
      );
      for (const end of ends) {
        const offset = committedByPartition.get(end.partition) ?? -1;
        const position = offset >= 0 ? offset : (this.startOffsets.get(end.partition) ?? Number(end.low));
        this.lag.set({ topic: this.topic, partition: String(end.partition) }, Math.max(0, Number(end.high) - position));
      }
      this.lagPollFailing = false;
    } catch (error) {
      // One line per run of failures, not one per poll.
      if (!this.lagPollFailing) {
        this.logger.warn({ topic: this.topic, groupId: this.groupId, err: (error as Error).message }, 'kafka lag poll failed');
      }
      this.lagPollFailing = true;
    }
  }
}
