import { ApiError, MessengerHttpClient, MessengerSocket, TokenPair } from '@messenger/client';
import { ClientFrame, CloseCode, ErrorCode, ServerFrame } from '@messenger/protocol';
import { describeError } from './render';
import { reconnectDelayMs, tokenRefreshDelayMs } from './timing';

export type FrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

/** Receives what happens on the connection; GatewayConnection calls it. */
export interface ConnectionListener {
  onConnected(welcome: FrameOf<'welcome'>, reconnected: boolean): void;
  /** Every server frame after the welcome, in arrival order, except heartbeat errors. */
  onFrame(frame: ServerFrame): void;
  /** Reports a status line. Lines marked verbose are shown only with --verbose. */
  onNotice(text: string, verbose: boolean): void;
  /** The session cannot continue, and the user has to log in again. */
  onEnded(reason: string): void;
}

/** The refresh token was rejected, so only a new login can continue. */
class SessionEndedError extends Error {}

/** An access token closer than this to its expiry is refreshed before a connect. */
const MIN_TOKEN_LIFETIME_MS = 5_000;
const REFRESH_RETRY_MS = 10_000;
const CLOSE_WAIT_MS = 1_000;
const LOGOUT_TIMEOUT_MS = 3_000;
const HEARTBEAT_ID_PREFIX = 'hb-';

/**
 * One user session: logs in, keeps a WebSocket to a gateway open with
 * heartbeats, refreshes the access token before it expires, and reconnects
 * with exponential backoff and jitter after every close except
 * SESSION_REVOKED. With several gateways, each failed attempt and each
 * gateway shutdown (close 1012) moves on to the next one.
 */
export class GatewayConnection {
  private tokens: TokenPair | undefined;
  private socket: MessengerSocket | undefined;
  private refreshing: Promise<TokenPair> | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private heartbeatCount = 0;
  private readonly gateways: { url: string; http: MessengerHttpClient }[];
  private gatewayIndex = 0;
  private connecting = false;
  private connectedOnce = false;
  private stopped = false;

  constructor(
    gatewayUrls: string[],
    private readonly deviceId: string,
    private readonly listener: ConnectionListener,
  ) {
    if (gatewayUrls.length === 0) throw new Error('at least one gateway URL is required');
    this.gateways = gatewayUrls.map((url) => ({ url, http: new MessengerHttpClient(url) }));
  }

  private get http(): MessengerHttpClient {
    return this.gateways[this.gatewayIndex].http;
  }

  /** The signed-in user, available after signIn. */
  get user(): { userId: string; username: string } {
    if (!this.tokens) throw new Error('not signed in');

    return this.tokens.user;
  }

  get isConnected(): boolean {
    return this.socket !== undefined;
  }

  /** Registers the user first when asked (an existing account is fine), then logs in on the first gateway. */
  async signIn(username: string, password: string, register: boolean): Promise<void> {
    const url = this.gateways[this.gatewayIndex].url;
    if (register) {
      try {
        await this.http.register(username, password);
        this.listener.onNotice(`registered user ${username}`, false);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === ErrorCode.USERNAME_TAKEN)) {
          throw new Error(`registering ${username} at ${url} failed: ${describeError(error)}`);
        }
        this.listener.onNotice(`user ${username} already exists; logging in`, false);
      }
    }
    try {
      this.setTokens(await this.http.login(username, password));
    } catch (error) {
      throw new Error(`logging in as ${username} at ${url} failed: ${describeError(error)}`);
    }
  }

  /** Connects, retrying with backoff until connected or the session ends. */
  start(): Promise<void> {
    return this.connectWithRetry(false, false);
  }

  /** Sends a frame if connected and returns whether it did. */
  send(frame: ClientFrame): boolean {
    if (!this.socket) return false;
    this.socket.send(frame);

    return true;
  }

  /** Sends a request frame and resolves with its reply, or rejects with "CODE: message" on an error frame. */
  request<T extends ServerFrame['type']>(frame: ClientFrame): Promise<FrameOf<T>> {
    if (!this.socket) return Promise.reject(new Error('not connected to the gateway; wait for the reconnect'));

    return this.socket.request<T>(frame);
  }

  /** Closes the socket and logs the session out, so that its refresh token stops working. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.close();
      await socket.waitForClose(CLOSE_WAIT_MS).catch(() => undefined);
    }
    if (!this.tokens) return;
    try {
      await withTimeout(this.http.logout(this.tokens.refreshToken), LOGOUT_TIMEOUT_MS, 'logout');
    } catch (error) {
      this.listener.onNotice(`logout failed: ${describeError(error)}`, true);
    }
  }

  private async connectWithRetry(waitFirst: boolean, refreshFirst: boolean): Promise<void> {
    if (this.connecting) return;
    this.connecting = true;
    let forceRefresh = refreshFirst;
    let delay = waitFirst ? reconnectDelayMs(0) : 0;
    try {
      for (let attempt = 1; !this.stopped; attempt++) {
        if (delay > 0) await sleep(delay);
        if (this.stopped) return;
        try {
          const tokens = await this.freshTokens(forceRefresh);
          forceRefresh = false;
          const socket = await MessengerSocket.connect(this.http.socketUrl(tokens.accessToken, this.deviceId));
          if (this.stopped) {
            socket.close();

            return;
          }
          this.attach(socket);

          return;
        } catch (error) {
          if (error instanceof SessionEndedError) return this.end(error.message);
          const rejection = parseHandshakeRejection(error);
          if (rejection?.code === ErrorCode.SESSION_REVOKED) return this.end('the session was logged out; log in again');
          const failedUrl = this.gateways[this.gatewayIndex].url;
          if (rejection?.status === 401) forceRefresh = true;
          else this.switchGateway();
          delay = reconnectDelayMs(attempt);
          this.listener.onNotice(
            `connecting to ${failedUrl} failed: ${describeError(error)}; retrying in ${seconds(delay)} s`,
            false,
          );
        }
      }
    } finally {
      this.connecting = false;
    }
  }

  private attach(socket: MessengerSocket): void {
    this.socket = socket;
    const welcome = socket.welcome;
    // ws emits "error" before "close"; MessengerSocket listens only once, and
    // a second unhandled "error" event would crash the process.
    socket.socket.on('error', (error) => this.listener.onNotice(`connection error: ${error.message}`, true));
    socket.on('frame', (frame: ServerFrame) => this.receive(socket, frame));
    socket.on('close', (code: number, reason: string) => this.handleClose(socket, code, reason));
    this.heartbeatTimer = setInterval(() => this.sendHeartbeat(), welcome.heartbeatIntervalMs);

    const reconnected = this.connectedOnce;
    this.connectedOnce = true;
    this.listener.onConnected(welcome, reconnected);
    // Frames that arrived in the same read as the welcome were emitted before
    // the listener above existed, but MessengerSocket.frames still contains them.
    const early = socket.frames.slice(socket.frames.indexOf(welcome) + 1);
    socket.frames.length = 0;
    for (const frame of early) this.listener.onFrame(frame);
  }

  private receive(socket: MessengerSocket, frame: ServerFrame): void {
    // NOTE: MessengerSocket keeps every frame for waitFor(), which this client
    // does not call, so the list is emptied to keep memory flat.
    socket.frames.length = 0;
    if (frame.type === 'error' && frame.id?.startsWith(HEARTBEAT_ID_PREFIX)) {
      this.listener.onNotice(`heartbeat failed: ${frame.code}: ${frame.message}`, true);

      return;
    }
    this.listener.onFrame(frame);
  }

  private handleClose(socket: MessengerSocket, code: number, reason: string): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    clearInterval(this.heartbeatTimer);
    if (this.stopped) return;
    if (code === CloseCode.SESSION_REVOKED) return this.end('the session was logged out or revoked; log in again');

    this.listener.onNotice(`connection closed with code ${code}${reason ? ` (${reason})` : ''}; reconnecting`, false);
    if (code === CloseCode.SERVER_RESTART) {
      // Close 1012 means that the gateway is shutting down, so the client reconnects at once, to the next gateway if any.
      this.switchGateway();
      void this.connectWithRetry(false, false);

      return;
    }
    void this.connectWithRetry(true, code === CloseCode.TOKEN_EXPIRED);
  }

  private switchGateway(): void {
    this.gatewayIndex = (this.gatewayIndex + 1) % this.gateways.length;
  }

  private sendHeartbeat(): void {
    this.heartbeatCount += 1;
    this.socket?.send({ type: 'heartbeat', id: `${HEARTBEAT_ID_PREFIX}${this.heartbeatCount}` });
  }

  private setTokens(tokens: TokenPair): void {
    this.tokens = tokens;
    clearTimeout(this.refreshTimer);
    const delay = tokenRefreshDelayMs(tokens.accessTokenExpiresAt, Date.now());
    this.refreshTimer = setTimeout(() => void this.refreshInBackground(), delay);
  }

  private freshTokens(force: boolean): Promise<TokenPair> {
    const tokens = this.tokens;
    if (!tokens) return Promise.reject(new Error('not signed in'));
    if (!force && tokens.accessTokenExpiresAt - Date.now() > MIN_TOKEN_LIFETIME_MS) return Promise.resolve(tokens);

    return this.refreshTokens();
  }

  /**
   * Exchanges the refresh token for a new pair. Concurrent callers share one
   * request: the auth service rotates refresh tokens, and a second use of the
   * old one counts as reuse and revokes the session.
   */
  private refreshTokens(): Promise<TokenPair> {
    const refreshToken = this.tokens?.refreshToken;
    if (!refreshToken) return Promise.reject(new Error('not signed in'));
    this.refreshing ??= this.http
      .refresh(refreshToken)
      .then(
        (tokens) => {
          this.setTokens(tokens);

          return tokens;
        },
        (error: unknown) => {
          if (error instanceof ApiError && error.status === 401) {
            throw new SessionEndedError('the session expired or was revoked; log in again');
          }
          throw error;
        },
      )
      .finally(() => (this.refreshing = undefined));

    return this.refreshing;
  }

  /** Refreshes the tokens ahead of expiry and hands the new access token to the open connection. */
  private async refreshInBackground(): Promise<void> {
    let tokens: TokenPair;
    try {
      tokens = await this.refreshTokens();
    } catch (error) {
      if (error instanceof SessionEndedError) return this.end(error.message);
      this.listener.onNotice(
        `refreshing the access token failed: ${describeError(error)}; retrying in ${seconds(REFRESH_RETRY_MS)} s`,
        false,
      );
      clearTimeout(this.refreshTimer);
      this.refreshTimer = setTimeout(() => void this.refreshInBackground(), REFRESH_RETRY_MS);

      return;
    }

    // Without an open socket, the next connect uses the new token.
    const socket = this.socket;
    if (!socket) return;
    try {
      await socket.request<'token_refreshed'>({ type: 'refresh_token', accessToken: tokens.accessToken });
      this.listener.onNotice('access token refreshed', true);
    } catch (error) {
      // The gateway closes the connection when the old token expires, and the reconnect uses the new one.
      this.listener.onNotice(`the gateway did not accept the new access token: ${describeError(error)}`, false);
    }
  }

  private end(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.clearTimers();
    this.socket?.close();
    this.socket = undefined;
    this.listener.onEnded(reason);
  }

  private clearTimers(): void {
    clearTimeout(this.refreshTimer);
    clearInterval(this.heartbeatTimer);
  }
}

/**
 * Extracts the HTTP status and error code from MessengerSocket's handshake
 * error, whose message reads "handshake rejected with 401: TOKEN_EXPIRED: ...".
 */
export function parseHandshakeRejection(error: unknown): { status: number; code: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  const match = /^handshake rejected with (\d{3}): ([A-Z_]+)/.exec(error.message);

  return match ? { status: Number(match[1]), code: match[2] } : undefined;
}

function seconds(milliseconds: number): string {
  return (milliseconds / 1000).toFixed(1);
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${operation} timed out after ${milliseconds} ms`)), milliseconds);
  });

  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
