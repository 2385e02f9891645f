import type { WebSocket } from 'ws';
import type { AccessTokenClaims } from '@messenger/tokens';
import { CloseCode, MAX_BUFFERED_BYTES, ServerFrame } from '@messenger/protocol';
import type { ReceiptPositions } from '@messenger/routing';
import { ConversationStream, StreamSink } from '../delivery/conversation-stream';
import { FrameRateLimiter } from './frame-rate-limiter';
import { TypingThrottle } from './typing-throttle';
import { ReceiptCoalescer } from './receipt-coalescer';
import type { WireMessage } from '@messenger/protocol';

export interface ConnectionIdentity {
  connectionId: string;
  deviceId: string;
  claims: AccessTokenClaims;
}

/**
 * One client WebSocket: who it belongs to, its per-conversation delivery
 * streams, and the receipt positions it has seen, so that it never gets a
 * message twice or a receipt that moves backwards.
 */
export class Connection {
  readonly connectionId: string;
  readonly deviceId: string;
  readonly userId: string;
  claims: AccessTokenClaims;
  lastActivityAt = Date.now();
  consecutiveErrors = 0;
  requestsInFlight = 0;
  rateLimiter: FrameRateLimiter | undefined;
  receiptWriter: ReceiptCoalescer | undefined;
  readonly typingThrottle = new TypingThrottle();
  private readonly streams = new Map<string, ConversationStream>();
  private readonly receipts = new Map<string, ReceiptPositions>();
  private startPositions: Map<string, number> | undefined;
  private readonly early: WireMessage[] = [];
  private expiryTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** Frames produced before the welcome frame went out; the welcome is always the first frame. */
  private beforeWelcome: ServerFrame[] | undefined = [];
  /** When the connection last refreshed its presence entry (ms), to spare presence a heartbeat flood. */
  presenceRefreshedAt = 0;

  constructor(
    readonly socket: WebSocket,
    identity: ConnectionIdentity,
    private readonly sinkFor: (connection: Connection, conversationId: string) => StreamSink,
    private readonly onSend: (frame: ServerFrame) => void,
  ) {
    this.connectionId = identity.connectionId;
    this.deviceId = identity.deviceId;
    this.claims = identity.claims;
    this.userId = identity.claims.userId;
  }

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /**
   * Queues a frame for the client. A client that stops reading is closed
   * once MAX_BUFFERED_BYTES are queued, instead of growing the gateway's
   * memory. It resumes from its acknowledged position when it reconnects.
   */
  send(frame: ServerFrame): void {
    if (!this.isOpen) return;
    if (this.beforeWelcome && frame.type !== 'welcome') {
      this.beforeWelcome.push(frame);

      return;
    }
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CloseCode.SLOW_CONSUMER, 'client reads too slowly; reconnect');

      return;
    }
    this.socket.send(JSON.stringify(frame));
    this.onSend(frame);
    if (frame.type === 'welcome') {
      const queued = this.beforeWelcome ?? [];
      this.beforeWelcome = undefined;
      for (const early of queued) this.send(early);
    }
  }

  close(code: CloseCode, reason: string): void {
    if (this.socket.readyState === this.socket.CLOSED || this.socket.readyState === this.socket.CLOSING) return;
    this.socket.close(code, reason);
  }

  /** Closes the connection with TOKEN_EXPIRED when the access token expires, unless it is refreshed first. */
  scheduleExpiry(claims: AccessTokenClaims): void {
    this.claims = claims;
    clearTimeout(this.expiryTimer);
    // setTimeout fires at once for delays above 2^31 - 1 ms, so cap it; tokens live far shorter.
    const delay = Math.min(Math.max(0, claims.expiresAt - Date.now()), 2 ** 31 - 1);
    this.expiryTimer = setTimeout(() => this.close(CloseCode.TOKEN_EXPIRED, 'access token expired'), delay);
    this.expiryTimer.unref();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.expiryTimer);
    for (const stream of this.streams.values()) stream.stop();
  }

  /**
   * Sets each conversation's starting position and catches up on what the
   * device missed. Live messages that arrived before this are replayed after.
   */
  async startDelivery(positions: { conversationId: string; lastSeq: number; ackedSeq: number }[]): Promise<void> {
    if (this.disposed) return;
    this.startPositions = new Map(positions.map((position) => [position.conversationId, position.ackedSeq]));
    const catchUps = positions.map((position) => this.stream(position.conversationId).catchUp(position.lastSeq));
    for (const message of this.early.splice(0)) this.stream(message.conversationId).offer(message);
    await Promise.all(catchUps);
  }

  deliverMessage(message: WireMessage): void {
    if (!this.startPositions) {
      this.early.push(message);

      return;
    }
    this.stream(message.conversationId).offer(message);
  }

  /** Marks the device's own sent message as delivered on this connection. */
  acknowledgeOwnMessage(message: WireMessage): void {
    if (this.startPositions) this.stream(message.conversationId).offer(message);
  }

  /** Restarts a conversation's delivery after afterSeq; resolves with the seq delivered up to. */
  async resync(conversationId: string, afterSeq: number): Promise<number> {
    this.startPositions ??= new Map();
    if (!this.streams.has(conversationId)) this.startPositions.set(conversationId, afterSeq);
    const stream = this.stream(conversationId);
    await stream.restartAfter(afterSeq);

    return stream.deliveredSeq;
  }

  deliverReceipt(receipt: ReceiptPositions): void {
    const key = `${receipt.conversationId}|${receipt.userId}`;
    const seen = this.receipts.get(key);
    const merged = {
      ...receipt,
      deliveredSeq: Math.max(receipt.deliveredSeq, seen?.deliveredSeq ?? 0),
      readSeq: Math.max(receipt.readSeq, seen?.readSeq ?? 0),
    };
    if (seen && merged.deliveredSeq === seen.deliveredSeq && merged.readSeq === seen.readSeq) return;
    this.receipts.set(key, merged);
    this.send({ type: 'receipt', ...merged });
  }

  private stream(conversationId: string): ConversationStream {
    let stream = this.streams.get(conversationId);
    if (!stream) {
      const start = this.startPositions?.get(conversationId) ?? 0;
      stream = new ConversationStream(
        start,
        { userId: this.userId, deviceId: this.deviceId },
        this.sinkFor(this, conversationId),
      );
      if (this.disposed) stream.stop();
      this.streams.set(conversationId, stream);
    }

    return stream;
  }
}
