import WebSocket from 'ws';
import { BenchClient, OutgoingMessage } from './bench-client';

/** Sends in flight per connection that the gateway allows ("requests in flight" in docs/protocol.md). */
const MAX_SENDS_IN_FLIGHT = 16;
const ACK_DELAY_MS = 100;
const RETRYABLE_CODES = new Set(['RATE_LIMITED', 'UNAVAILABLE']);

interface PlatformFrame {
  type: string;
  id?: string;
  code?: string;
  message?: string;
  retryAfterMs?: number;
  conversationId?: string;
  clientMessageId?: string;
  seq?: number;
}

/**
 * A device of the messenger platform over the WebSocket protocol of
 * docs/protocol.md, behaving as a careful client does. It keeps at most 16
 * sends in flight and retries rejected sends after retryAfterMs. After a
 * reconnect it repeats every unconfirmed send with the same clientMessageId.
 * It drops received messages whose seq is not new, and acks with a delay.
 */
export class PlatformClient extends BenchClient {
  private socket: WebSocket | undefined;
  private readonly queued: { messageId: string; frame: string }[] = [];
  private readonly inFlight = new Map<string, string>();
  private lastSeq = 0;
  private ackedSeq = 0;
  private conversationId: string | undefined;
  private ackTimer: NodeJS.Timeout | undefined;

  heartbeat(): boolean {
    if (!this.isReady) return false;
    this.socket?.send('{"type":"heartbeat"}');
    this.heartbeats++;

    return true;
  }

  protected connect(): void {
    const socket = new WebSocket(this.spec.url, { perMessageDeflate: false, localAddress: this.spec.localAddress });
    this.socket = socket;
    socket.on('message', (data) => this.receive(String(data)));
    socket.on('close', (code) => {
      if (this.socket !== socket) return;
      this.requeueInFlight();
      this.markDown(`closed with ${code}`);
    });
    socket.on('error', () => {
      // The close event follows and schedules the reconnect.
    });
  }

  protected disconnect(): void {
    clearTimeout(this.ackTimer);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000);
  }

  protected write(message: OutgoingMessage): void {
    const frame = JSON.stringify({
      type: 'send',
      id: message.messageId,
      conversationId: message.conversationId,
      clientMessageId: message.messageId,
      body: message.body,
    });
    this.queued.push({ messageId: message.messageId, frame });
    this.pump();
  }

  private pump(): void {
    while (this.isReady && this.inFlight.size < MAX_SENDS_IN_FLIGHT && this.queued.length > 0) {
      const next = this.queued.shift()!;
      this.inFlight.set(next.messageId, next.frame);
      this.socket!.send(next.frame);
    }
  }

  private requeueInFlight(): void {
    const unconfirmed = [...this.inFlight].map(([messageId, frame]) => ({ messageId, frame }));
    this.inFlight.clear();
    this.queued.unshift(...unconfirmed);
  }

  private receive(text: string): void {
    const frame = JSON.parse(text) as PlatformFrame;
    switch (frame.type) {
      case 'welcome':
        this.markReady();
        this.pump();
        break;
      case 'sent':
        this.inFlight.delete(frame.clientMessageId!);
        this.pump();
        break;
      case 'message':
        this.receiveMessage(frame);
        break;
      case 'error':
        this.receiveError(frame);
        break;
      default:
        break;
    }
  }

  private receiveMessage(frame: PlatformFrame): void {
    const seq = frame.seq!;
    if (seq <= this.lastSeq) {
      this.events.redelivered(this);

      return;
    }
    this.lastSeq = seq;
    this.conversationId = frame.conversationId;
    this.events.message(this, frame.clientMessageId!, seq);
    if (!this.ackTimer) this.ackTimer = setTimeout(() => this.sendAck(), ACK_DELAY_MS);
  }

  private sendAck(): void {
    this.ackTimer = undefined;
    if (!this.isReady || this.lastSeq <= this.ackedSeq) return;
    this.socket!.send(JSON.stringify({ type: 'ack', conversationId: this.conversationId, seq: this.lastSeq }));
    this.ackedSeq = this.lastSeq;
  }

  private receiveError(frame: PlatformFrame): void {
    const messageId = frame.id;
    const pending = messageId === undefined ? undefined : this.inFlight.get(messageId);
    if (messageId === undefined || pending === undefined) {
      this.events.rejected(this, messageId ?? '', `${frame.code}: ${frame.message}`);

      return;
    }
    this.inFlight.delete(messageId);
    this.events.rejected(this, messageId, `${frame.code}: ${frame.message}`);
    if (RETRYABLE_CODES.has(frame.code ?? '')) {
      setTimeout(() => {
        this.queued.unshift({ messageId, frame: pending });
        this.pump();
      }, frame.retryAfterMs ?? 100);
    }
  }
}
