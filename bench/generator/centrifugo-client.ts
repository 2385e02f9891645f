import WebSocket from 'ws';
import { BenchClient, OutgoingMessage } from './bench-client';

/** Namespace of the personal channels in bench/systems/centrifugo-system.ts. */
export const PERSONAL_NAMESPACE = 'personal';

export function personalChannel(userId: string): string {
  return `${PERSONAL_NAMESPACE}:#${userId}`;
}

interface Publication {
  data: { id: string; body: string };
  offset?: number;
}

interface SubscriptionResult {
  epoch?: string;
  offset?: number;
  recovered?: boolean;
  publications?: Publication[];
}

interface Reply {
  id?: number;
  error?: { code: number; message: string };
  connect?: { subs?: Record<string, SubscriptionResult> };
  push?: { channel: string; pub?: Publication };
}

/**
 * A Centrifugo client over its JSON protocol on a raw WebSocket. The server
 * subscribes each connection to its user's personal channel (history in
 * Redis, recovery forced), and the client publishes to the receiver's
 * channel. After a reconnect the client asks to recover from the last offset
 * it saw. Publishes that were written but not confirmed before a drop are not
 * repeated, because a client publish has no idempotency key.
 */
export class CentrifugoClient extends BenchClient {
  private socket: WebSocket | undefined;
  private nextCommandId = 1;
  private readonly publishes = new Map<number, string>();
  private epoch: string | undefined;
  private offset = 0;
  private readonly channel = personalChannel(this.spec.userId);

  heartbeat(): boolean {
    return false;
  }

  protected connect(): void {
    const socket = new WebSocket(this.spec.url, { perMessageDeflate: false, localAddress: this.spec.localAddress });
    this.socket = socket;
    socket.on('open', () => socket.send(JSON.stringify({ id: this.nextCommandId++, connect: this.connectRequest() })));
    socket.on('message', (data) => {
      for (const line of String(data).split('\n')) {
        if (line.length > 0) this.receive(JSON.parse(line) as Reply);
      }
    });
    socket.on('close', (code) => {
      if (this.socket !== socket) return;
      this.publishes.clear();
      this.markDown(`closed with ${code}`);
    });
    socket.on('error', () => {
      // The close event follows and schedules the reconnect.
    });
  }

  protected disconnect(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(1000);
  }

  protected write(message: OutgoingMessage): void {
    const id = this.nextCommandId++;
    this.publishes.set(id, message.messageId);
    const data = { id: message.messageId, body: message.body };
    this.socket!.send(JSON.stringify({ id, publish: { channel: personalChannel(message.to), data } }));
  }

  private connectRequest(): object {
    const request: Record<string, unknown> = { token: this.spec.token, name: 'bench' };
    if (this.epoch !== undefined) {
      request.subs = { [this.channel]: { recover: true, epoch: this.epoch, offset: this.offset } };
    }

    return request;
  }

  private receive(reply: Reply): void {
    if (reply.id === undefined && reply.push === undefined) {
      // An empty frame is the server's ping; the protocol expects an empty frame back.
      this.socket?.send('{}');
      this.heartbeats++;

      return;
    }
    if (reply.push?.pub) {
      this.receivePublication(reply.push.pub);

      return;
    }
    if (reply.connect) {
      const subscription = reply.connect.subs?.[this.channel];
      if (subscription?.epoch !== undefined) this.epoch = subscription.epoch;
      for (const publication of subscription?.publications ?? []) this.receivePublication(publication);
      if (subscription?.offset !== undefined && subscription.offset > this.offset) this.offset = subscription.offset;
      this.markReady();

      return;
    }
    if (reply.id !== undefined) {
      const messageId = this.publishes.get(reply.id);
      this.publishes.delete(reply.id);
      if (reply.error) this.events.rejected(this, messageId ?? '', `${reply.error.code}: ${reply.error.message}`);
    }
  }

  private receivePublication(publication: Publication): void {
    const offset = publication.offset ?? 0;
    if (offset > 0 && offset <= this.offset) {
      this.events.redelivered(this);

      return;
    }
    if (offset > 0) this.offset = offset;
    this.events.message(this, publication.data.id, offset || undefined);
  }
}
