export type ReceiptKind = 'ack' | 'read';

interface Pending {
  seq: number;
  waiters: { resolve(): void; reject(error: unknown): void }[];
}

/**
 * Keeps at most one receipt call in flight per conversation and kind, and
 * merges receipts that arrive meanwhile into one call with the highest seq.
 * A client that acknowledges every message of a long catch-up thus causes a
 * few storage writes, not one per message.
 */
export class ReceiptCoalescer {
  private readonly inFlight = new Set<string>();
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly store: (conversationId: string, kind: ReceiptKind, seq: number) => Promise<void>) {}

  submit(conversationId: string, kind: ReceiptKind, seq: number): Promise<void> {
    const key = `${kind}|${conversationId}`;

    return new Promise((resolve, reject) => {
      const pending = this.pending.get(key);
      if (pending) {
        pending.seq = Math.max(pending.seq, seq);
        pending.waiters.push({ resolve, reject });
      } else {
        this.pending.set(key, { seq, waiters: [{ resolve, reject }] });
      }
      if (!this.inFlight.has(key)) void this.flush(key, conversationId, kind);
    });
  }

  private async flush(key: string, conversationId: string, kind: ReceiptKind): Promise<void> {
    this.inFlight.add(key);
    for (let next = this.pending.get(key); next; next = this.pending.get(key)) {
      this.pending.delete(key);
      try {
        await this.store(conversationId, kind, next.seq);
        next.waiters.forEach((waiter) => waiter.resolve());
      } catch (error) {
        next.waiters.forEach((waiter) => waiter.reject(error));
      }
    }
    this.inFlight.delete(key);
  }
}
