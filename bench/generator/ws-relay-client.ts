import WebSocket from 'ws';
import { BenchClient, OutgoingMessage } from './bench-client';

interface RelayFrame {
  type?: string;
  to?: string;
  id?: string;
}

/** A client of the raw relay (bench/peers/ws-relay-server.ts): JSON frames addressed by user id, no acknowledgements. */
export class WsRelayClient extends BenchClient {
  private socket: WebSocket | undefined;

  heartbeat(): boolean {
    if (!this.isReady) return false;
    this.socket?.send('{"type":"heartbeat"}');
    this.heartbeats++;

    return true;
  }

  protected connect(): void {
    const socket = new WebSocket(this.spec.url, { perMessageDeflate: false, localAddress: this.spec.localAddress });
    this.socket = socket;
    socket.on('open', () => this.markReady());
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as RelayFrame;
      if (frame.id !== undefined) this.events.message(this, frame.id, undefined);
    });
    socket.on('close', (code) => {
      if (this.socket === socket) this.markDown(`closed with ${code}`);
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
    this.socket!.send(JSON.stringify({ to: message.to, id: message.messageId, body: message.body }));
  }
}
