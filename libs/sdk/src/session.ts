import { ApiError } from './errors';
import type { MessengerHttpClient, TokenPair } from './http-api';
import { readJson, type KeyValueStore } from './store';

const SESSION_KEY = 'session';

/** Refresh when this share of the access token's lifetime is left. */
const REFRESH_AT_REMAINING_SHARE = 0.25;
/** Retry a refresh that failed for a reason other than a rejected token this often (ms). */
const REFRESH_RETRY_MS = 2_000;

export interface SessionHooks {
  /** A new access token is in place; the connection passes it on to the gateway. */
  refreshed(accessToken: string): void;
  /** The server rejected the refresh token: the user must log in again. */
  ended(reason: string): void;
}

/**
 * The user's tokens. Refreshes the access token before it expires, one
 * refresh at a time, and keeps the pair in the store so that a reload can
 * resume. Refresh tokens rotate: each one works once.
 */
export class Session {
  private tokens: TokenPair | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<string> | undefined;
  /** When the access token expires, in the server's clock, which is assumed close to this device's. */
  private accessExpiresAtLocal = 0;

  constructor(
    private readonly http: () => MessengerHttpClient,
    private readonly store: KeyValueStore,
    private readonly hooks: SessionHooks,
  ) {}

  get user(): TokenPair['user'] | undefined {
    return this.tokens?.user;
  }

  get accessToken(): string | undefined {
    return this.tokens?.accessToken;
  }

  /** True while the access token has more than marginMs left, in this device's clock. */
  isFresh(marginMs = 1_000): boolean {
    return this.tokens !== undefined && this.accessExpiresAtLocal - Date.now() > marginMs;
  }

  /** Loads a stored session; false when there is none or its refresh token has expired. */
  restore(): boolean {
    const stored = readJson<TokenPair & { receivedAt: number }>(this.store, SESSION_KEY);
    if (!stored?.refreshToken || stored.refreshTokenExpiresAt <= Date.now()) return false;
    this.adopt(stored, stored.receivedAt);

    return true;
  }

  start(tokens: TokenPair): void {
    this.adopt(tokens, Date.now());
    this.store.set(SESSION_KEY, JSON.stringify({ ...tokens, receivedAt: Date.now() }));
  }

  /** Resolves with a valid access token, refreshing first when the current one is about to expire. */
  async validAccessToken(): Promise<string> {
    if (this.isFresh()) return this.tokens!.accessToken;

    return this.refresh();
  }

  /** Refreshes now, and concurrent callers share one request. Rejects with ApiError when the server rejects the token. */
  refresh(): Promise<string> {
    if (!this.tokens) return Promise.reject(new ApiError(401, 'UNAUTHENTICATED', 'not logged in'));
    const current = this.tokens;
    this.refreshing ??= this.http()
      .refresh(current.refreshToken)
      .then((tokens) => {
        // A logout during the request must not bring the session back: end the new one on the server too.
        if (this.tokens !== current) {
          void this.http().logout(tokens.refreshToken).catch(() => undefined);
          throw new ApiError(401, 'UNAUTHENTICATED', 'logged out during the token refresh');
        }
        this.start(tokens);
        this.hooks.refreshed(tokens.accessToken);

        return tokens.accessToken;
      })
      .catch((error: unknown) => {
        if (this.tokens !== current) throw error;
        if (error instanceof ApiError && error.status === 401) this.end(error.code);
        else this.schedule(REFRESH_RETRY_MS);
        throw error;
      })
      .finally(() => {
        this.refreshing = undefined;
      });

    return this.refreshing;
  }

  /** Forgets the tokens and logs out on the server, ignoring the server's reply. */
  async logout(): Promise<void> {
    const tokens = this.tokens;
    this.clear();
    if (tokens) await this.http().logout(tokens.refreshToken).catch(() => undefined);
  }

  /** Ends the session after a rejected refresh or a server-side revocation, and notifies the client. */
  end(reason: string): void {
    if (!this.tokens) return;
    this.clear();
    this.hooks.ended(reason);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.tokens = undefined;
    this.store.remove(SESSION_KEY);
  }

  private adopt(tokens: TokenPair, receivedAt: number): void {
    this.tokens = tokens;
    // A device clock far from the server's costs an early refresh or a 4001 close, and the connection handles both.
    const lifetimeMs = Math.max(0, tokens.accessTokenExpiresAt - receivedAt);
    this.accessExpiresAtLocal = receivedAt + lifetimeMs;
    const untilRefresh = this.accessExpiresAtLocal - lifetimeMs * REFRESH_AT_REMAINING_SHARE - Date.now();
    this.schedule(Math.max(0, untilRefresh));
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh().catch(() => undefined), delayMs);
    (this.timer as { unref?: () => void }).unref?.();
  }
}
