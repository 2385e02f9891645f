import { Socket, io } from 'socket.io-client';
import { BenchClient, OutgoingMessage } from './bench-client';

interface RelayMessage {
  to: string;
  id: string;
  body: string;
}

/**
 * A client of the Socket.IO relay (bench/peers/socketio-relay-server.ts)
 * over the WebSocket transport only. Socket.IO's own reconnection is off so
 * that every system reconnects on the same schedule (BenchClient's); the
 * engine.io ping and pong are the heartbeat.
 */
export class SocketIoRelayClient extends BenchClient {
  private socket: Socket | undefined;

  heartbeat(): boolean {
    return false;
  }

  protected connect(): void {
    if (!this.socket) {
      this.socket = io(this.spec.url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        autoConnect: false,
        auth: { userId: this.spec.userId },
        // engine.io-client passes localAddress on to the ws constructor in Node.
        localAddress: this.spec.localAddress,
      } as Parameters<typeof io>[1] & { localAddress?: string });
      this.socket.on('connect', () => this.markReady());
      this.socket.io.on('ping', () => this.heartbeats++);
      this.socket.on('message', (message: RelayMessage) => this.events.message(this, message.id, undefined));
      this.socket.on('disconnect', (reason) => this.markDown(reason));
      this.socket.on('connect_error', (error) => this.markDown(error.message));
    }
    this.socket.connect();
  }

  protected disconnect(): void {
    this.socket?.disconnect();
  }

  protected write(message: OutgoingMessage): void {
    const frame: RelayMessage = { to: message.to, id: message.messageId, body: message.body };
    this.socket!.emit('send', frame);
  }
}
