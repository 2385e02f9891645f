import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '@messenger/protocol';

type FrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

/** Frames kept in MessengerSocket.frames for waitFor; older ones are dropped. */
const MAX_KEPT_FRAMES = 5000;

/** The gateway rejected the WebSocket upgrade; code is the error code from the response body. */
export class HandshakeError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`handshake rejected with ${status}: ${message}`);
    this.name = 'HandshakeError';
  }
}

/**
 * A thin client of the gateway's WebSocket protocol for Node: sends frames,
 * matches replies to requests by id, and emits every server frame as
 * "frame". Reconnects are the caller's job.
 */
export class MessengerSocket extends EventEmitter {
  private nextId = 1;
  private readonly pending = new Map<string, { resolve(frame: ServerFrame): void; reject(error: Error): void }>();
  readonly frames: ServerFrame[] = [];
  closeCode: number | undefined;
  closeReason = '';
  private welcomeFrame: FrameOf<'welcome'> | undefined;

  private constructor(readonly socket: WebSocket) {
    super();
    socket.on('message', (data) => this.receive(String(data)));
    socket.on('error', (error) => this.emit('socket-error', error));
    socket.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
      for (const request of this.pending.values()) request.reject(new Error(`socket closed with ${code}`));
      this.pending.clear();
      this.emit('close', code, this.closeReason);
    });
  }

  /** Opens a socket and resolves with it once the server's welcome frame arrives. */
  static connect(url: string, timeoutMs = 10_000): Promise<MessengerSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const client = new MessengerSocket(socket);
      const timer = setTimeout(() => {
        socket.terminate();
        reject(new Error(`no welcome frame within ${timeoutMs} ms`));
      }, timeoutMs);
      client.once('frame', (frame: ServerFrame) => {
        clearTimeout(timer);
        if (frame.type === 'welcome') resolve(client);
        else reject(new Error(`expected a welcome frame, got ${frame.type}`));
      });
      socket.once('unexpected-response', (_request, response) => {
        clearTimeout(timer);
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => {
          socket.terminate();
          const code = /^([A-Z_]+):/.exec(body)?.[1] ?? 'UNKNOWN';
          reject(new HandshakeError(response.statusCode ?? 0, code, body));
        });
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  get welcome(): FrameOf<'welcome'> {
    return this.welcomeFrame!;
  }

  /** Sends a frame without waiting for a reply. */
  send(frame: ClientFrame | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** Sends a frame with a fresh id and resolves with the reply that carries it (an error frame rejects). */
  request<T extends ServerFrame['type']>(frame: ClientFrame, timeoutMs = 10_000): Promise<FrameOf<T>> {
    const id = `r${this.nextId++}`;

    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no reply to ${frame.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (reply) => {
          clearTimeout(timer);
          if (reply.type === 'error') reject(new Error(`${reply.code}: ${reply.message}`));
          else resolve(reply as FrameOf<T>);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.send({ ...frame, id });
    });
  }

  /** Resolves with the first frame (already received or future) that matches. */
  waitFor<T extends ServerFrame['type']>(
    type: T,
    predicate: (frame: FrameOf<T>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<FrameOf<T>> {
    const matches = (frame: ServerFrame): frame is FrameOf<T> => frame.type === type && predicate(frame as FrameOf<T>);
    const seen = this.frames.find(matches);
    if (seen) return Promise.resolve(seen);

    return new Promise((resolve, reject) => {
      const onFrame = (frame: ServerFrame) => {
        if (!matches(frame)) return;
        clearTimeout(timer);
        this.off('frame', onFrame);
        resolve(frame);
      };
      const timer = setTimeout(() => {
        this.off('frame', onFrame);
        reject(new Error(`no ${type} frame within ${timeoutMs} ms`));
      }, timeoutMs);
      this.on('frame', onFrame);
    });
  }

  /** Resolves with the close code once the server closes the socket. */
  waitForClose(timeoutMs = 10_000): Promise<number> {
    if (this.closeCode !== undefined) return Promise.resolve(this.closeCode);

    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs);
      this.once('close', (code: number) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  close(): void {
    this.socket.close(1000, 'client closed');
  }

  private receive(raw: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(raw) as ServerFrame;
    } catch {
      this.emit('protocol-error', new Error('server sent a frame that is not JSON'));

      return;
    }
    if (frame.type === 'welcome') this.welcomeFrame = frame;
    this.frames.push(frame);
    if (this.frames.length > MAX_KEPT_FRAMES) this.frames.splice(0, this.frames.length - MAX_KEPT_FRAMES);
    const id = 'id' in frame ? frame.id : undefined;
    if (id && this.pending.has(id)) {
      this.pending.get(id)!.resolve(frame);
      this.pending.delete(id);
    }
    this.emit('frame', frame);
  }
}
