/** Value of RedisKeys.refreshToken(sha256(token)). */
export interface RefreshTokenRecord {
  userId: string;
  username: string;
  sessionId: string;
  /** Unix time in milliseconds; the key's TTL ends at the same time. */
  expiresAt: number;
  /**
   * Set once the token was rotated: the record then stays for a while as a
   * marker, so that presenting the token again is recognised as reuse.
   */
  rotatedAt?: number;
}

/** Value of RedisKeys.session(sessionId). */
export interface SessionRecord {
  userId: string;
  /** SHA-256 (hex) of the only refresh token of the session that may be used. */
  currentTokenHash: string;
}

/** Value of RedisKeys.revokedSession(sessionId); gateways only test that the key exists. */
export interface RevokedSessionRecord {
  userId: string;
  revokedAt: number;
  reason: 'logout' | 'refresh-token-reuse';
}

export function parseRefreshTokenRecord(raw: string | null): RefreshTokenRecord | undefined {
  if (raw === null) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<RefreshTokenRecord>;
    if (typeof value.userId !== 'string' || typeof value.sessionId !== 'string') return undefined;

    return {
      userId: value.userId,
      username: typeof value.username === 'string' ? value.username : '',
      sessionId: value.sessionId,
      expiresAt: Number(value.expiresAt),
      rotatedAt: typeof value.rotatedAt === 'number' ? value.rotatedAt : undefined,
    };
  } catch {
    return undefined;
  }
}
