import type { ClientFrame, ServerFrame } from '@messenger/protocol';
import { Backoff, type BackoffOptions } from './backoff';
import { Emitter } from './emitter';
import { ApiError, RequestError } from './errors';
import { socketUrl } from './http-api';
import type { Session } from './session';

/** The part of the WHATWG WebSocket that the SDK uses; browsers' WebSocket and the ws package both have it. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export type ConnectionState = 'offline' | 'connecting' | 'online' | 'reconnecting';

export type Welcome = Extract<ServerFrame, { type: 'welcome' }>;
type Reply = Exclude<ServerFrame, { type: 'welcome' | 'message' | 'receipt' | 'presence' | 'typing' | 'gap' }>;
type RequestFrame = Exclude<ClientFrame, { type: 'ack' | 'read' | 'typing' }>;

export interface ConnectionOptions {
  /** HTTP base URLs of the gateways; a failed connection moves on to the next. */
  gateways: string[];
  deviceId: string;
  session: Session;
  WebSocket: WebSocketConstructor;
  backoff: BackoffOptions;
  /** Time allowed from opening the socket to the welcome frame (ms). */
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

export interface ConnectionEvents {
  [name: string]: unknown[];
  state: [state: ConnectionState];
  welcome: [welcome: Welcome];
  /** Every server frame that is not the reply to a request. */
  frame: [frame: ServerFrame];
  /** A connection closed; delayMs is the wait before the next attempt, absent when none follows. */
  closed: [info: { code: number; reason: string; delayMs?: number }];
}

/** The gateway closes with these codes when the session is over; reconnecting would be refused. */
const SESSION_OVER = 4002;
const TOKEN_EXPIRED = 4001;
const GOING_AWAY = 1012;
/** Sent by the client when it gives up on a socket that went silent. */
const CLIENT_TIMEOUT = 4000;
/** Consecutive failures before the welcome frame after which the client refreshes its token, in case it was revoked. */
const FAILURES_BEFORE_TOKEN_CHECK = 3;

interface PendingRequest {
  resolve(frame: Reply): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * One logical connection to the platform over a series of WebSockets:
 * connects, waits for the welcome frame, sends heartbeats, notices a
 * silent socket, and reconnects with backoff and jitter until stop() or
 * the end of the session. Matches replies to requests by id.
 */
export class Connection extends Emitter<ConnectionEvents> {
  private socket: WebSocketLike | undefined;
  private currentState: ConnectionState = 'offline';
  private running = false;
  /** Counts start() and stop() calls, so that an attempt begun before a stop does not open a socket after it. */
  private generation = 0;
  private gatewayIndex = 0;
  private failuresBeforeWelcome = 0;
  /** Set by a 4001 close, because the server saw the token expire even if this device's clock disagrees. */
  private tokenRejected = false;
  private readonly backoff: Backoff;
  private readonly pending = new Map<string, PendingRequest>();
  private nextRequestId = 1;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private welcomeTimer: ReturnType<typeof setTimeout> | undefined;
  private lastHeardAt = 0;
  private welcomeFrame: Welcome | undefined;

  constructor(private readonly options: ConnectionOptions) {
    super();
    this.backoff = new Backoff(options.backoff);
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  get welcome(): Welcome | undefined {
    return this.welcomeFrame;
  }

  /** The HTTP base URL of the gateway in use. */
  get gateway(): string {
    return this.options.gateways[this.gatewayIndex % this.options.gateways.length];
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.generation += 1;
    void this.open();
  }

  /** Closes the socket and stays offline; requests in flight fail with NOT_CONNECTED. */
  stop(): void {
    this.running = false;
    this.generation += 1;
    clearTimeout(this.retryTimer);
    this.teardown(1000, 'client closed');
    this.setState('offline');
  }

  /** Sends a frame that expects no reply; false when there is no open connection to send it on. */
  send(frame: ClientFrame): boolean {
    if (this.currentState !== 'online' || !this.socket) return false;
    this.socket.send(JSON.stringify(frame));

    return true;
  }

  /**
   * Sends a request and resolves with its reply. Waits for a connection
   * first when there is none. Rejects with RequestError: the error frame's
   * code, TIMEOUT when nothing came within the timeout, or NOT_CONNECTED
   * when the socket closed first.
   */
  async request<T extends Reply['type']>(
    frame: RequestFrame,
    timeoutMs = this.options.requestTimeoutMs,
  ): Promise<Extract<Reply, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    await this.whenOnline(deadline, frame.type);
    const id = `q${this.nextRequestId++}`;

    return new Promise((resolve, reject) => {
      const socket = this.socket;
      // The socket may have closed between the wait above and this callback.
      if (!socket || this.currentState !== 'online') {
        reject(new RequestError('NOT_CONNECTED', `the connection closed before ${frame.type} was sent`));

        return;
      }
      const timer = setTimeout(
        () => {
          this.pending.delete(id);
          reject(new RequestError('TIMEOUT', `no reply to ${frame.type} within ${timeoutMs} ms`));
        },
        Math.max(0, deadline - Date.now()),
      );
      this.pending.set(id, {
        timer,
        resolve: (reply) => {
          if (reply.type === 'error') reject(new RequestError(reply.code, reply.message, reply.retryAfterMs));
          else resolve(reply as Extract<Reply, { type: T }>);
        },
        reject,
      });
      socket.send(JSON.stringify({ ...frame, id }));
    });
  }

  /** Resolves once the connection is online, or rejects at the deadline. */
  private async whenOnline(deadline: number, purpose: string): Promise<void> {
    if (this.currentState === 'online') return;
    if (!this.running) throw new RequestError('NOT_CONNECTED', `cannot send ${purpose}: the client is not connected`);
    await new Promise<void>((resolve, reject) => {
      const onState = (state: ConnectionState) => {
        if (state === 'online') finish(undefined);
        else if (state === 'offline') finish(new RequestError('NOT_CONNECTED', `cannot send ${purpose}: the client disconnected`));
      };
      const timer = setTimeout(
        () => finish(new RequestError('TIMEOUT', `no connection for ${purpose} before the timeout`)),
        Math.max(0, deadline - Date.now()),
      );
      const finish = (error: RequestError | undefined) => {
        clearTimeout(timer);
        this.off('state', onState);
        if (error) reject(error);
        else resolve();
      };
      this.on('state', onState);
    });
  }

  /** Passes a refreshed access token to the open socket, which moves the connection's expiry. */
  tokenRefreshed(accessToken: string): void {
    if (this.currentState !== 'online') return;
    this.request({ type: 'refresh_token', accessToken }).catch(() => undefined);
  }

  private async open(): Promise<void> {
    if (!this.running) return;
    const generation = this.generation;
    this.setState(this.welcomeFrame ? 'reconnecting' : 'connecting');
    let accessToken: string;
    try {
      const mustRefresh = this.tokenRejected || this.failuresBeforeWelcome === FAILURES_BEFORE_TOKEN_CHECK;
      accessToken = mustRefresh
        ? await this.options.session.refresh()
        : await this.options.session.validAccessToken();
      this.tokenRejected = false;
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof ApiError && error.status === 401) {
        this.stop();

        return;
      }
      this.retryLater(1006, 'token refresh failed', this.backoff.next());

      return;
    }
    if (!this.running || generation !== this.generation) return;

    const socket = new this.options.WebSocket(socketUrl(this.gateway, accessToken, this.options.deviceId));
    this.socket = socket;
    this.welcomeTimer = setTimeout(() => this.abandon(socket, 'no welcome frame in time'), this.options.connectTimeoutMs);
    socket.onmessage = (event) => this.receive(socket, event.data);
    socket.onerror = () => undefined;
    socket.onclose = (event) => {
      if (this.socket === socket) this.closed(event.code, event.reason);
    };
  }

  private receive(socket: WebSocketLike, data: unknown): void {
    if (socket !== this.socket) return;
    this.lastHeardAt = Date.now();
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(data)) as ServerFrame;
    } catch {
      return;
    }
    if (frame.type === 'welcome') {
      this.welcomed(frame);

      return;
    }
    const id = 'id' in frame ? frame.id : undefined;
    const request = id === undefined ? undefined : this.pending.get(id);
    if (request) {
      clearTimeout(request.timer);
      this.pending.delete(id!);
      request.resolve(frame as Reply);

      return;
    }
    this.emit('frame', frame);
  }

  private welcomed(welcome: Welcome): void {
    clearTimeout(this.welcomeTimer);
    this.welcomeFrame = welcome;
    this.failuresBeforeWelcome = 0;
    this.backoff.reset();
    const intervalMs = welcome.heartbeatIntervalMs;
    // Three missed intervals plus slack for a busy event loop.
    const silenceLimitMs = intervalMs * 3 + 2_000;
    this.heartbeatTimer = setInterval(() => {
      const socket = this.socket;
      if (!socket) return;
      if (Date.now() - this.lastHeardAt > silenceLimitMs) {
        this.abandon(socket, 'no frame from the gateway within the heartbeat timeout');

        return;
      }
      socket.send(JSON.stringify({ type: 'heartbeat' }));
    }, intervalMs);
    this.emit('welcome', welcome);
    this.setState('online');
  }

  /** Gives up on a socket that went silent: a half-open TCP connection may never report its close. */
  private abandon(socket: WebSocketLike, reason: string): void {
    if (socket !== this.socket) return;
    this.closed(CLIENT_TIMEOUT, reason);
    try {
      socket.close(CLIENT_TIMEOUT, reason);
    } catch {
      // Already closing.
    }
  }

  private closed(code: number, reason: string): void {
    const wasOnline = this.currentState === 'online';
    this.teardown();
    if (!this.running) return;
    if (code === SESSION_OVER) {
      this.options.session.end('SESSION_REVOKED');
      this.emit('closed', { code, reason });
      this.stop();

      return;
    }
    if (!wasOnline) {
      this.failuresBeforeWelcome += 1;
      this.gatewayIndex += 1;
    }
    let delayMs: number;
    if (code === TOKEN_EXPIRED) {
      this.tokenRejected = true;
      delayMs = 0;
    }
    else if (code === GOING_AWAY) {
      this.gatewayIndex += 1;
      delayMs = this.backoff.first();
    } else delayMs = this.backoff.next();
    this.retryLater(code, reason, delayMs);
  }

  private retryLater(code: number, reason: string, delayMs: number): void {
    this.emit('closed', { code, reason, delayMs });
    this.setState('reconnecting');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.open(), delayMs);
  }

  /** Drops the current socket and fails the requests that were waiting on it. */
  private teardown(code?: number, reason?: string): void {
    clearTimeout(this.welcomeTimer);
    clearInterval(this.heartbeatTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.onmessage = null;
      socket.onclose = null;
      if (code !== undefined) {
        try {
          socket.close(code, reason);
        } catch {
          // Already closing.
        }
      }
    }
    for (const request of this.pending.values()) {
      clearTimeout(request.timer);
      request.reject(new RequestError('NOT_CONNECTED', 'the connection closed before the reply'));
    }
    this.pending.clear();
  }

  private setState(state: ConnectionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.emit('state', state);
  }
}
