import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { MessengerHttpClient, MessengerSocket } from '@messenger/client';
import type { ServerFrame } from '@messenger/protocol';

export type FrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

const DEFAULT_WAIT_MS = 10_000;

/** Opens gateway sockets for a test and closes all of them afterwards. */
export class SocketTracker {
  private readonly sockets = new Set<MessengerSocket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  async connect(http: MessengerHttpClient, accessToken: string, deviceId: string): Promise<MessengerSocket> {
    const socket = await MessengerSocket.connect(http.socketUrl(accessToken, deviceId));
    this.sockets.add(socket);

    return socket;
  }

  /**
   * Sends a heartbeat frame every intervalMs, as a client does to stay online
   * in the presence service. Returns a function that stops them, and they
   * also stop when the socket closes.
   */
  startHeartbeats(socket: MessengerSocket, intervalMs: number): () => void {
    const timer = setInterval(() => {
      if (socket.socket.readyState === WebSocket.OPEN) socket.send({ type: 'heartbeat' });
    }, intervalMs);
    this.timers.add(timer);
    const stop = () => {
      clearInterval(timer);
      this.timers.delete(timer);
    };
    socket.once('close', stop);

    return stop;
  }

  /** Stops all heartbeats and drops every connection without a closing handshake. */
  closeAll(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.socket.terminate();
    this.sockets.clear();
  }
}

/** Returns a random client message id (48 bits), so that ids of one run do not collide in practice. */
export function newClientMessageId(): string {
  return `m-${randomBytes(6).toString('hex')}`;
}

/** Sends a message and resolves with the gateway's "sent" reply. */
export function sendMessage(
  socket: MessengerSocket,
  conversationId: string,
  body: string,
  clientMessageId = newClientMessageId(),
): Promise<FrameOf<'sent'>> {
  return socket.request<'sent'>({ type: 'send', conversationId, clientMessageId, body });
}

/** Returns the frames of one type received so far, in arrival order. */
export function framesOf<T extends ServerFrame['type']>(
  socket: MessengerSocket,
  type: T,
  predicate: (frame: FrameOf<T>) => boolean = () => true,
): FrameOf<T>[] {
  return socket.frames.filter((frame): frame is FrameOf<T> => frame.type === type && predicate(frame as FrameOf<T>));
}

/** Returns the messages of one conversation received so far, in arrival order. */
export function receivedMessages(socket: MessengerSocket, conversationId: string): FrameOf<'message'>[] {
  return framesOf(socket, 'message', (frame) => frame.conversationId === conversationId);
}

export function receivedSeqs(socket: MessengerSocket, conversationId: string): number[] {
  return receivedMessages(socket, conversationId).map((message) => message.seq);
}

/** Resolves once check() returns a value other than undefined, re-checking on every incoming frame. */
export function waitUntil<T>(
  socket: MessengerSocket,
  description: string,
  check: () => T | undefined,
  timeoutMs = DEFAULT_WAIT_MS,
): Promise<T> {
  const immediate = check();
  if (immediate !== undefined) return Promise.resolve(immediate);

  return new Promise((resolve, reject) => {
    const onFrame = () => {
      const value = check();
      if (value === undefined) return;
      cleanUp();
      resolve(value);
    };
    const onClose = (code: number) => {
      cleanUp();
      reject(new Error(`socket closed with ${code} while waiting for ${description}`));
    };
    const timer = setTimeout(() => {
      cleanUp();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}`));
    }, timeoutMs);
    const cleanUp = () => {
      clearTimeout(timer);
      socket.off('frame', onFrame);
      socket.off('close', onClose);
    };
    socket.on('frame', onFrame);
    socket.on('close', onClose);
  });
}

/** Waits until the socket has received at least count messages of the conversation and returns their seqs. */
export function waitForSeqs(
  socket: MessengerSocket,
  conversationId: string,
  count: number,
  timeoutMs = DEFAULT_WAIT_MS,
): Promise<number[]> {
  return waitUntil(
    socket,
    `${count} message(s) of conversation ${conversationId}`,
    () => {
      const seqs = receivedSeqs(socket, conversationId);

      return seqs.length >= count ? seqs : undefined;
    },
    timeoutMs,
  );
}

/** Waits for a frame of the given type that arrives at or after position index of socket.frames. */
export function waitForFrameAfter<T extends ServerFrame['type']>(
  socket: MessengerSocket,
  index: number,
  type: T,
  predicate: (frame: FrameOf<T>) => boolean = () => true,
  timeoutMs = DEFAULT_WAIT_MS,
): Promise<FrameOf<T>> {
  const matches = (frame: ServerFrame): frame is FrameOf<T> => frame.type === type && predicate(frame as FrameOf<T>);

  return waitUntil(socket, `a ${type} frame`, () => socket.frames.slice(index).find(matches), timeoutMs);
}

/**
 * Stops reading from the socket's TCP connection without closing it, so that
 * the client no longer replies to pings, like a device that lost its network.
 * Writes still go out, so the caller must also stop sending frames.
 */
export function freezeSocket(socket: MessengerSocket): void {
  tcpOf(socket).pause();
}

/** Resumes reading after freezeSocket, so that the client receives what the server sent meanwhile. */
export function unfreezeSocket(socket: MessengerSocket): void {
  tcpOf(socket).resume();
}

function tcpOf(socket: MessengerSocket): Socket {
  // The ws library keeps its net.Socket in a private field.
  return (socket.socket as unknown as { _socket: Socket })._socket;
}

/** Opens a WebSocket that the gateway must reject, and resolves with the HTTP status and body of the rejection. */
export function rejectedHandshake(url: string, timeoutMs = DEFAULT_WAIT_MS): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`handshake got no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('unexpected-response', (request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        clearTimeout(timer);
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    socket.once('open', () => {
      clearTimeout(timer);
      socket.terminate();
      reject(new Error('handshake was accepted, expected a rejection'));
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
