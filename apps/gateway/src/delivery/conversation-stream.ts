import { AppError, ErrorCode, WireMessage } from '@messenger/protocol';

/** Origin of a delivered message: the live Pub/Sub push, or a fetch from storage during catch-up or a gap fill. */
export type DeliverySource = 'live' | 'storage';

export interface StreamSink {
  /** Writes one message to the client. */
  send(message: WireMessage, source: DeliverySource): void;
  /** Tells the client that messages fromSeq..toSeq cannot be delivered. */
  gap(fromSeq: number, toSeq: number, reason: string): void;
  /** Fetches stored messages after afterSeq, oldest first, and the conversation's last seq. */
  fetchAfter(afterSeq: number, limit: number): Promise<{ messages: WireMessage[]; lastSeq: number }>;
  /** Reports a fetch that failed for good. */
  failed(error: unknown): void;
}

const PAGE_SIZE = 200;
const MAX_FETCH_ATTEMPTS = 3;

/**
 * Delivers one conversation's messages to one connection strictly in
 * sequence order, each at most once. Live messages that arrive ahead of the
 * next expected seq are held while the missing ones are fetched from
 * storage; a range that storage cannot provide is reported as a gap, never
 * skipped silently.
 */
export class ConversationStream {
  private readonly held = new Map<number, WireMessage>();
  private filling: Promise<void> | undefined;
  /** Bumped by restartAfter, so that a page fetched from the old position is dropped. */
  private generation = 0;
  /** Set by restartAfter: the client lost its state, so its own messages are sent too. */
  private replayOwn = false;
  private stopped = false;

  constructor(
    private delivered: number,
    /** The connection's device: its own sends are not echoed to it. Device ids are unique per user only. */
    private readonly ownDevice: { userId: string; deviceId: string },
    private readonly sink: StreamSink,
  ) {}

  get deliveredSeq(): number {
    return this.delivered;
  }

  /** Accepts a live message. The device's own messages only advance the position: it already has them. */
  offer(message: WireMessage): void {
    if (message.seq <= this.delivered) return;
    if (this.filling || message.seq > this.delivered + 1) {
      this.held.set(message.seq, message);
      this.fill();

      return;
    }
    this.emit(message, this.isOwn(message), 'live');
    this.releaseHeld();
  }

  /** Sends everything stored after the current position, up to lastSeq and beyond if more arrives. */
  catchUp(lastSeq: number): Promise<void> {
    if (lastSeq > this.delivered) this.fill();

    return this.filling ?? Promise.resolve();
  }

  /** Restarts delivery after afterSeq, as a client asks after losing its state. */
  restartAfter(afterSeq: number): Promise<void> {
    this.delivered = Math.min(this.delivered, afterSeq);
    this.generation++;
    this.replayOwn = true;
    for (const seq of this.held.keys()) if (seq <= this.delivered) this.held.delete(seq);
    this.fill();

    return this.filling ?? Promise.resolve();
  }

  /** Stops fetching for a connection that closed. */
  stop(): void {
    this.stopped = true;
    this.held.clear();
  }

  private isOwn(message: WireMessage): boolean {
    return message.senderId === this.ownDevice.userId && message.senderDeviceId === this.ownDevice.deviceId;
  }

  private emit(message: WireMessage, silent: boolean, source: DeliverySource): void {
    if (!silent) this.sink.send(message, source);
    this.delivered = message.seq;
  }

  private releaseHeld(): void {
    for (let next = this.held.get(this.delivered + 1); next; next = this.held.get(this.delivered + 1)) {
      this.held.delete(next.seq);
      this.emit(next, this.isOwn(next), 'live');
    }
  }

  private fill(): void {
    if (this.filling || this.stopped) return;
    this.filling = this.fetchUntilCaughtUp().finally(() => {
      this.filling = undefined;
      this.replayOwn = false;
      if (this.held.size > 0) this.fill();
    });
  }

  private async fetchUntilCaughtUp(): Promise<void> {
    for (;;) {
      const generation = this.generation;
      const page = await this.fetchWithRetry();
      if (this.stopped) return;
      if (page === undefined) {
        this.held.clear();

        return;
      }
      if (generation !== this.generation) continue;
      for (const message of page.messages) {
        if (message.seq !== this.delivered + 1) {
          if (message.seq <= this.delivered) continue;
          this.sink.gap(this.delivered + 1, message.seq - 1, 'messages missing from storage');
        }
        this.emit(message, !this.replayOwn && this.isOwn(message), 'storage');
      }
      this.held.forEach((_message, seq) => seq <= this.delivered && this.held.delete(seq));
      this.releaseHeld();

      const reachedEnd = page.messages.length < PAGE_SIZE;
      if (!reachedEnd) continue;
      const lowestHeld = Math.min(...this.held.keys());
      if (this.held.size > 0 && lowestHeld > this.delivered + 1) {
        this.sink.gap(this.delivered + 1, lowestHeld - 1, 'messages missing from storage');
        this.delivered = lowestHeld - 1;
        this.releaseHeld();
      }

      return;
    }
  }

  private async fetchWithRetry(): Promise<{ messages: WireMessage[]; lastSeq: number } | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sink.fetchAfter(this.delivered, PAGE_SIZE);
      } catch (error) {
        const retriable = !(error instanceof AppError) || error.code === ErrorCode.UNAVAILABLE;
        if (!retriable || attempt >= MAX_FETCH_ATTEMPTS) {
          this.sink.failed(error);

          return undefined;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }
}
