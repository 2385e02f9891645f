import type { ConnectionSpec } from './worker-protocol';

/** Callbacks through which a client reports to the worker that owns it. */
export interface ClientEvents {
  ready(client: BenchClient): void;
  down(client: BenchClient, reason: string): void;
  /** A message for this client; `sequence` is the server's position when the protocol has one. */
  message(client: BenchClient, messageId: string, sequence: number | undefined): void;
  /** A message that a sequence number showed to be a repeat, dropped by the client. */
  redelivered(client: BenchClient): void;
  rejected(client: BenchClient, messageId: string, reason: string): void;
}

export interface OutgoingMessage {
  messageId: string;
  /** User id of the receiver. */
  to: string;
  conversationId?: string;
  body: string;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 4000;

/**
 * One connection of the load generator to one system under test. Reconnects
 * by itself after every drop until close() is called: after a random delay
 * of up to reconnectJitterMs, then with doubling delays while attempts fail.
 * Messages sent while the connection is down wait in a queue and go out once
 * it is ready again.
 */
export abstract class BenchClient {
  isReady = false;
  /** Heartbeats this client sent, or pongs it returned where the server sends the pings. */
  heartbeats = 0;
  private closing = false;
  private failedAttempts = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  protected readonly waiting: OutgoingMessage[] = [];

  constructor(
    readonly spec: ConnectionSpec,
    protected readonly events: ClientEvents,
    private readonly reconnectJitterMs: number,
  ) {}

  /** Opens the connection; the ready event follows once the system accepted it. */
  open(): void {
    this.closing = false;
    this.connect();
  }

  send(message: OutgoingMessage): void {
    if (!this.isReady) {
      this.waiting.push(message);

      return;
    }
    this.write(message);
  }

  /** Sends an application heartbeat; returns false for systems whose server sends the pings. */
  abstract heartbeat(): boolean;

  close(): void {
    this.closing = true;
    this.isReady = false;
    clearTimeout(this.retryTimer);
    this.disconnect();
  }

  protected abstract connect(): void;
  protected abstract disconnect(): void;
  protected abstract write(message: OutgoingMessage): void;

  protected markReady(): void {
    this.isReady = true;
    this.failedAttempts = 0;
    this.events.ready(this);
    for (const message of this.waiting.splice(0)) this.write(message);
  }

  /** Called by subclasses once per lost connection or failed attempt. */
  protected markDown(reason: string): void {
    const wasReady = this.isReady;
    this.isReady = false;
    if (this.closing) return;
    if (wasReady) this.events.down(this, reason);
    else this.failedAttempts++;
    const backoff = this.failedAttempts === 0 ? 0 : Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.failedAttempts - 1));
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), backoff + Math.random() * this.reconnectJitterMs);
  }
}
