import { ApiError } from './errors';

export interface TokenPair {
  accessToken: string;
  accessTokenExpiresAt: number;
  refreshToken: string;
  refreshTokenExpiresAt: number;
  user: { userId: string; username: string };
  sessionId: string;
}

/** Builds the gateway's WebSocket URL for a token and device. An http(s) base URL becomes ws(s). */
export function socketUrl(baseUrl: string, accessToken: string, deviceId: string): string {
  const url = new URL('/v1/ws', baseUrl.replace(/^http/, 'ws'));
  url.searchParams.set('access_token', accessToken);
  url.searchParams.set('device_id', deviceId);

  return url.toString();
}

/** The gateway's account API: register, log in, refresh and log out. */
export class MessengerHttpClient {
  constructor(private readonly baseUrl: string) {}

  register(username: string, password: string): Promise<{ userId: string; username: string }> {
    return this.post('/v1/auth/register', { username, password });
  }

  login(username: string, password: string): Promise<TokenPair> {
    return this.post('/v1/auth/login', { username, password });
  }

  refresh(refreshToken: string): Promise<TokenPair> {
    return this.post('/v1/auth/refresh', { refreshToken });
  }

  logout(refreshToken: string): Promise<void> {
    return this.post('/v1/auth/logout', { refreshToken });
  }

  /** Builds the WebSocket URL of this gateway for the given token and device. */
  socketUrl(accessToken: string, deviceId: string): string {
    return socketUrl(this.baseUrl, accessToken, deviceId);
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status === 204) return undefined as T;
    const payload = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    if (!response.ok) {
      const retryAfterSeconds = Number(response.headers.get('retry-after'));
      throw new ApiError(
        response.status,
        payload.code ?? 'UNKNOWN',
        payload.message ?? response.statusText,
        Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : undefined,
      );
    }

    return payload as T;
  }
}
