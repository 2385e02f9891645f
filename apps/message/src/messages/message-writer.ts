import { Inject, Injectable } from '@nestjs/common';
import { types } from '@messenger/cassandra';
import { LOGGER, Logger } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { AppError, ErrorCode } from '@messenger/protocol';
import { MESSAGE_CONFIG, MessageConfig } from '../config/message.config';
import { MessagesRepository } from './messages.repository';
import { StoredMessage } from './stored-message';

export interface NewMessage {
  conversationId: string;
  senderId: string;
  senderDeviceId: string;
  clientMessageId: string;
  body: string;
}

export interface WriteResult {
  message: StoredMessage;
  duplicate: boolean;
}

interface PendingWrite {
  request: NewMessage;
  resolve(result: WriteResult): void;
  reject(error: unknown): void;
}

/** Body bytes per conditional batch, below Cassandra's default batch_size_fail_threshold of 50 KiB. */
const MAX_BATCH_BYTES = 32 * 1024;
const MAX_APPEND_ATTEMPTS = 8;
const MAX_CACHED_COUNTERS = 100_000;

/**
 * Stores messages with gap-free per-conversation sequence numbers. Writes to
 * one conversation run one batch at a time in this process, and sends that
 * queue up meanwhile are stored together in the next conditional batch (group
 * commit). When another instance writes the same conversation, the condition
 * fails and the batch is retried on the new counter.
 *
 * Idempotency: the client message id record is written before the message,
 * and a message is a duplicate only if the record's seq holds the same sender
 * and client message id, so a crash between the two writes loses nothing.
 */
@Injectable()
export class MessageWriter {
  private readonly queues = new Map<string, PendingWrite[]>();
  private readonly lastSeqs = new Map<string, number>();
  private readonly batchSize = serviceMetrics().histogram(
    'message_batch_size_messages',
    'Messages stored per conditional batch',
    [],
    [1, 2, 4, 8, 16, 32, 64, 100],
  );
  private readonly conflicts = serviceMetrics().counter(
    'message_sequence_conflicts_total',
    'Conditional batches retried because another writer moved the sequence',
  );

  constructor(
    private readonly repository: MessagesRepository,
    @Inject(MESSAGE_CONFIG) private readonly config: MessageConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  write(request: NewMessage): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(request.conversationId);
      if (queue) {
        queue.push({ request, resolve, reject });

        return;
      }
      this.queues.set(request.conversationId, [{ request, resolve, reject }]);
      void this.drain(request.conversationId);
    });
  }

  private async drain(conversationId: string): Promise<void> {
    const queue = this.queues.get(conversationId)!;
    while (queue.length > 0) {
      const batch = this.takeBatch(queue);
      try {
        const results = await this.writeBatch(conversationId, batch.map((pending) => pending.request));
        batch.forEach((pending, index) => pending.resolve(results[index]));
      } catch (error) {
        this.lastSeqs.delete(conversationId);
        this.logger.error({ conversationId, count: batch.length, err: error }, 'message batch write failed');
        batch.forEach((pending) => pending.reject(error));
      }
    }
    this.queues.delete(conversationId);
  }

  private takeBatch(queue: PendingWrite[]): PendingWrite[] {
    let bytes = 0;
    let count = 0;
    while (count < queue.length && count < this.config.maxBatchSize) {
      bytes += Buffer.byteLength(queue[count].request.body);
      if (count > 0 && bytes > MAX_BATCH_BYTES) break;
      count++;
    }

    return queue.splice(0, count);
  }

  private async writeBatch(conversationId: string, requests: NewMessage[]): Promise<WriteResult[]> {
    const results: (WriteResult | undefined)[] = new Array(requests.length);
    const firstIndexByKey = new Map<string, number>();
    const fresh: { index: number; messageId: string }[] = [];

    const lookups = await Promise.all(requests.map((request) => this.findExisting(request)));
    requests.forEach((request, index) => {
      const key = `${request.senderId}\n${request.clientMessageId}`;
      if (firstIndexByKey.has(key)) return;
      firstIndexByKey.set(key, index);
      const lookup = lookups[index];
      if (lookup.stored) {
        results[index] = { message: lookup.stored, duplicate: true };
      } else {
        fresh.push({ index, messageId: lookup.reservedMessageId ?? types.TimeUuid.now().toString() });
      }
    });

    if (fresh.length > 0) {
      const stored = await this.append(
        conversationId,
        fresh.map(({ index, messageId }) => ({ request: requests[index], messageId })),
      );
      fresh.forEach(({ index }, position) => {
        results[index] = { message: stored[position], duplicate: false };
      });
      this.batchSize.observe(fresh.length);
    }

    return requests.map((request, index) => {
      const first = firstIndexByKey.get(`${request.senderId}\n${request.clientMessageId}`)!;

      return first === index ? results[index]! : { message: results[first]!.message, duplicate: true };
    });
  }

  /** Finds a stored message with the same client message id, or the message id reserved by an earlier attempt. */
  private async findExisting(request: NewMessage): Promise<{ stored?: StoredMessage; reservedMessageId?: string }> {
    const record = await this.repository.findClientId(request.conversationId, request.senderId, request.clientMessageId);
    if (!record) return {};
    const stored = await this.repository.findBySeq(request.conversationId, record.seq);
    if (stored && stored.messageId === record.messageId) return { stored };

    return { reservedMessageId: record.messageId };
  }

  private async append(
    conversationId: string,
    items: { request: NewMessage; messageId: string }[],
  ): Promise<StoredMessage[]> {
    let lastSeq = this.lastSeqs.get(conversationId) ?? (await this.repository.findLastSeq(conversationId));
    for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
      const createdAt = Date.now();
      const messages = items.map(({ request, messageId }, offset) => ({
        ...request,
        messageId,
        seq: lastSeq + offset + 1,
        createdAt,
      }));
      await Promise.all(messages.map((message) => this.repository.saveClientId(message)));
      const outcome = await this.repository.append(conversationId, lastSeq, messages);
      if (outcome.applied) {
        this.rememberLastSeq(conversationId, outcome.lastSeq);

        return messages;
      }
      this.conflicts.inc();
      this.logger.debug({ conversationId, expected: lastSeq, actual: outcome.lastSeq }, 'sequence moved, retrying');
      lastSeq = outcome.lastSeq;
    }
    this.lastSeqs.delete(conversationId);
    throw new AppError(ErrorCode.UNAVAILABLE, `conversation ${conversationId} is under contention; retry the send`);
  }

  private rememberLastSeq(conversationId: string, lastSeq: number): void {
    this.lastSeqs.delete(conversationId);
    this.lastSeqs.set(conversationId, lastSeq);
    if (this.lastSeqs.size > MAX_CACHED_COUNTERS) {
      this.lastSeqs.delete(this.lastSeqs.keys().next().value as string);
    }
  }
}
