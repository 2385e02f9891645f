import type { ServerFrame } from '@messenger/protocol';
import { isPermanent, RequestError } from './errors';
import { readJson, type KeyValueStore } from './store';

export type OutboxState = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

/** A message the user sent from this device, from the moment it was typed until the peer has read it. */
export interface OutboxItem {
  clientMessageId: string;
  conversationId: string;
  body: string;
  /** Ids of uploaded files that the message carries. */
  attachments?: string[];
  state: OutboxState;
  /** Why the item failed: the server's error code and message. */
  reason?: string;
  /** Set once the server has stored the message. */
  seq?: number;
  messageId?: string;
  /** When it was typed, in this device's clock (ms). */
  createdAt: number;
  /** When the server stored it (ms). */
  sentAt?: number;
}

type SentFrame = Extract<ServerFrame, { type: 'sent' }>;

export interface OutboxTransport {
  /** Sends one message and resolves with the server's sent frame. */
  send(item: OutboxItem): Promise<SentFrame>;
  isOnline(): boolean;
}

const OUTBOX_KEY = 'outbox';
/** First wait before repeating a send that failed for a passing reason (ms); it doubles per failure in a row. */
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

const STATE_ORDER: Record<OutboxState, number> = { pending: 0, failed: 0, sent: 1, delivered: 2, read: 3 };

/**
 * Messages on their way out. Each conversation sends one message at a
 * time, in the order they were typed, so that their seqs keep that order.
 * A send that got no reply is repeated with the same client message id,
 * which the server stores at most once. Items are kept in the store until
 * the peer has read them, so that a reload resumes sending.
 */
export class Outbox {
  private readonly items = new Map<string, OutboxItem>();
  private readonly flushing = new Set<string>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly transport: OutboxTransport,
    private readonly changed: (item: OutboxItem) => void,
  ) {
    for (const item of readJson<OutboxItem[]>(store, OUTBOX_KEY) ?? []) this.items.set(item.clientMessageId, item);
  }

  add(item: OutboxItem): void {
    this.items.set(item.clientMessageId, item);
    this.save();
    this.changed({ ...item });
    this.flush(item.conversationId);
  }

  /** Items the peer has not read yet, oldest first; of one conversation when given. */
  list(conversationId?: string): OutboxItem[] {
    return [...this.items.values()]
      .filter((item) => conversationId === undefined || item.conversationId === conversationId)
      .map((item) => ({ ...item }));
  }

  /** Queues a failed item again. */
  retry(clientMessageId: string): void {
    const item = this.items.get(clientMessageId);
    if (!item || item.state !== 'failed') return;
    this.update(item, { state: 'pending', reason: undefined });
    this.flush(item.conversationId);
  }

  /** Drops a failed item for good. */
  discard(clientMessageId: string): void {
    const item = this.items.get(clientMessageId);
    if (!item || item.state !== 'failed') return;
    this.items.delete(clientMessageId);
    this.save();
  }

  /** Forgets every item, for a store that passes to another user. */
  clear(): void {
    this.items.clear();
    this.save();
  }

  /** Sends what is pending in every conversation; called when the connection comes up. */
  flushAll(): void {
    for (const conversationId of new Set([...this.items.values()].map((item) => item.conversationId))) {
      this.flush(conversationId);
    }
  }

  /** Moves stored items forward when a peer's receipt covers them. */
  receipt(conversationId: string, deliveredSeq: number, readSeq: number): void {
    for (const item of this.items.values()) {
      if (item.conversationId !== conversationId || item.seq === undefined) continue;
      let state: OutboxState | undefined;
      if (item.seq <= readSeq) state = 'read';
      else if (item.seq <= deliveredSeq) state = 'delivered';
      if (state && STATE_ORDER[state] > STATE_ORDER[item.state]) this.update(item, { state });
    }
  }

  private flush(conversationId: string): void {
    if (this.flushing.has(conversationId) || !this.transport.isOnline()) return;
    this.flushing.add(conversationId);
    void this.drain(conversationId).finally(() => this.flushing.delete(conversationId));
  }

  private async drain(conversationId: string): Promise<void> {
    let failuresInRow = 0;
    for (;;) {
      const item = [...this.items.values()].find(
        (candidate) => candidate.conversationId === conversationId && candidate.state === 'pending',
      );
      if (!item || !this.transport.isOnline()) return;
      try {
        const sent = await this.transport.send(item);
        failuresInRow = 0;
        // A receipt may have arrived before this reply and already moved the item further.
        if (item.state === 'pending') {
          this.update(item, { state: 'sent', seq: sent.seq, messageId: sent.messageId, sentAt: sent.createdAt });
        }
      } catch (error) {
        if (isPermanent(error)) {
          this.update(item, { state: 'failed', reason: (error as RequestError).message });
          continue;
        }
        const code = error instanceof RequestError ? error.code : 'UNKNOWN';
        // Without a connection the next flushAll resumes. Otherwise wait at least as long as the server requested, then repeat.
        if (code === 'NOT_CONNECTED' || !this.transport.isOnline()) return;
        const backoffMs = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failuresInRow);
        failuresInRow += 1;
        const delayMs = Math.max(backoffMs, error instanceof RequestError ? (error.retryAfterMs ?? 0) : 0);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  private update(item: OutboxItem, change: Partial<OutboxItem>): void {
    Object.assign(item, change);
    if (item.state === 'read') this.items.delete(item.clientMessageId);
    this.save();
    this.changed({ ...item });
  }

  private save(): void {
    this.store.set(OUTBOX_KEY, JSON.stringify([...this.items.values()]));
  }
}
