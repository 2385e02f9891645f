import { Inject, Injectable } from '@nestjs/common';
import { types } from '@messenger/cassandra';
import { LOGGER, Logger } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { AppError, ErrorCode, WireAttachment } from '@messenger/protocol';
import { MESSAGE_CONFIG, MessageConfig } from '../config/message.config';
import { MessagesRepository } from './messages.repository';
import { StoredMessage } from './stored-message';

export interface NewMessage {
  conversationId: string;
  senderId: string;
  senderDeviceId: string;
  clientMessageId: string;
  body: string;
  /** Metadata of the attached files, as the media service returned it. */
  attachments?: WireAttachment[];
}

export interface WriteResult {
  message: StoredMessage;
  duplicate: boolean;
}

interface ReservedId {
  messageId: string;
  /** The seq in the client message id's record. */
  recordedSeq: number;
}

interface ExistingLookup {
  stored?: StoredMessage;
  reserved?: ReservedId;
}

interface AppendItem extends ReservedId {
  request: NewMessage;
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
/** Age after which a claim whose message never appeared counts as abandoned by a crashed writer. */
const CLAIM_LEASE_MS = 10_000;
/** How long a send waits for another writer's claim of the same id to complete. */
const CLAIM_WAIT_MS = 1500;
const CLAIM_POLL_MS = 50;

/**
 * Stores messages with gap-free per-conversation sequence numbers. Writes to
 * one conversation run one batch at a time in this process, and sends that
 * queue up meanwhile are stored together in the next conditional batch (group
 * commit). When another instance writes the same conversation, the condition
 * fails and the batch is retried on the new counter.
 *
 * Idempotency: a writer first claims the client message id with a
 * lightweight transaction, so two instances never both store it. The claim
 * already contains the seq the message is expected to get. When the message
 * gets another seq, the record is rewritten before the message, so the
 * record's seq is always written before the message. A message is a
 * duplicate only if the record's seq contains that message, so a crash
 * between the two writes loses nothing: a claim older than CLAIM_LEASE_MS
 * without its message is taken over by the next attempt.
 *
 * In this writer, a new send costs two lightweight transactions: the claim
 * and the conditional batch. The counter is read only on the first write to
 * a conversation in this process and after a conflict.
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
      const { body, attachments } = queue[count].request;
      bytes += Buffer.byteLength(body) + (attachments?.length ? JSON.stringify(attachments).length : 0);
      if (count > 0 && bytes > MAX_BATCH_BYTES) break;
      count++;
    }

    return queue.splice(0, count);
  }

  private async writeBatch(conversationId: string, requests: NewMessage[]): Promise<WriteResult[]> {
    const results: (WriteResult | undefined)[] = new Array(requests.length);
    const firstIndexByKey = new Map<string, number>();
    const fresh: ({ index: number } & ReservedId)[] = [];

    requests.forEach((request, index) => {
      const key = `${request.senderId}\n${request.clientMessageId}`;
      if (!firstIndexByKey.has(key)) firstIndexByKey.set(key, index);
    });
    const firstIndexes = [...firstIndexByKey.values()];
    // Each claim records the seq its message gets when every send of the batch is new and no other writer
    // interferes. That is the common case, and append rewrites the records whose seq turns out different.
    const lastSeq = await this.lastSeq(conversationId);
    const lookups = await Promise.all(
      firstIndexes.map((index, position) => this.findExisting(requests[index], lastSeq + position + 1)),
    );
    firstIndexes.forEach((index, position) => {
      const lookup = lookups[position];
      if (lookup.stored) {
        results[index] = { message: lookup.stored, duplicate: true };
      } else {
        fresh.push({ index, ...lookup.reserved! });
      }
    });

    if (fresh.length > 0) {
      const stored = await this.append(
        conversationId,
        lastSeq,
        fresh.map(({ index, messageId, recordedSeq }) => ({ request: requests[index], messageId, recordedSeq })),
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

  /** Returns the conversation's counter as this process last saw it, or reads it from Cassandra. */
  private async lastSeq(conversationId: string): Promise<number> {
    return this.lastSeqs.get(conversationId) ?? (await this.repository.findLastSeq(conversationId));
  }

  /**
   * Returns the highest seq this process has seen stored in the conversation,
   * or 0 when it has seen none. Other instances may have stored more since.
   */
  knownLastSeq(conversationId: string): number {
    return this.lastSeqs.get(conversationId) ?? 0;
  }

  /**
   * Returns the stored message with the same client message id, or the
   * message id under which this writer may store it, with the seq in its
   * record: a fresh claim, made with expectedSeq, or an abandoned one. Waits
   * briefly while another writer completes its claim.
   */
  private async findExisting(request: NewMessage, expectedSeq: number): Promise<ExistingLookup> {
    const { conversationId, senderId, clientMessageId } = request;
    const messageId = types.TimeUuid.now().toString();
    // Most sends are new, so the claim comes first and the record is read only when the claim fails.
    if (await this.repository.claimClientId(conversationId, senderId, clientMessageId, messageId, expectedSeq)) {
      return { reserved: { messageId, recordedSeq: expectedSeq } };
    }
    const waitUntil = Date.now() + CLAIM_WAIT_MS;
    for (;;) {
      const record = await this.repository.findClientId(conversationId, senderId, clientMessageId);
      if (!record) {
        // A record that vanished (truncated or expired) is claimed again.
        if (await this.repository.claimClientId(conversationId, senderId, clientMessageId, messageId, expectedSeq)) {
          return { reserved: { messageId, recordedSeq: expectedSeq } };
        }
        continue;
      }
      const stored = record.seq > 0 ? await this.repository.findBySeq(conversationId, record.seq) : undefined;
      if (stored && stored.messageId === record.messageId) return { stored };
      if (Date.now() - record.writtenAt > CLAIM_LEASE_MS) {
        return { reserved: { messageId: record.messageId, recordedSeq: record.seq } };
      }
      if (Date.now() > waitUntil) {
        throw new AppError(
          ErrorCode.UNAVAILABLE,
          `a send with client message id ${clientMessageId} is still in progress; retry it`,
          CLAIM_POLL_MS * 4,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, CLAIM_POLL_MS));
    }
  }

  private async append(conversationId: string, lastSeqBefore: number, items: AppendItem[]): Promise<StoredMessage[]> {
    let lastSeq = lastSeqBefore;
    for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
      const createdAt = Date.now();
      const messages = items.map(({ request, messageId }, offset) => ({
        ...request,
        attachments: request.attachments ?? [],
        messageId,
        seq: lastSeq + offset + 1,
        createdAt,
      }));
      // The record must contain the message's seq before the message exists, as the class comment explains.
      await Promise.all(
        messages.map(async (message, index) => {
          if (items[index].recordedSeq === message.seq) return;
          await this.repository.saveClientId(message);
          items[index].recordedSeq = message.seq;
        }),
      );
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
