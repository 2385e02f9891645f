import { KeyLike, errors, importSPKI, jwtVerify } from 'jose';
import type { Logger } from 'pino';
import { AppError, ErrorCode } from '@messenger/protocol';
import { AccessTokenClaims, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from './claims';

export interface PublicKeySource {
  /** Returns the current verification keys, e.g. from the auth service's GetPublicKeys. */
  fetchKeys(): Promise<{ kid: string; spkiPem: string }[]>;
}

const MIN_REFETCH_INTERVAL_MS = 10_000;

/**
 * Verifies access tokens locally with the auth service's public keys. Keys
 * are fetched once and again when a token names an unknown key id (at most
 * once per 10 s), so that a key rotation needs no restart.
 */
export class AccessTokenVerifier {
  private keys = new Map<string, KeyLike>();
  private lastFetch = 0;

  constructor(
    private readonly source: PublicKeySource,
    private readonly logger: Logger,
  ) {}

  async loadKeys(): Promise<void> {
    const fetched = await this.source.fetchKeys();
    const keys = new Map<string, KeyLike>();
    for (const key of fetched) {
      keys.set(key.kid, await importSPKI(key.spkiPem, TOKEN_ALGORITHM));
    }
    this.keys = keys;
    this.lastFetch = Date.now();
    this.logger.info({ keyIds: [...keys.keys()] }, 'loaded token verification keys');
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    try {
      const { payload } = await jwtVerify(token, (header) => this.keyFor(header.kid), {
        algorithms: [TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') {
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'access token lacks the sub, sid or exp claim');
      }

      return {
        userId: payload.sub,
        username: typeof payload.username === 'string' ? payload.username : '',
        sessionId: payload.sid,
        expiresAt: payload.exp * 1000,
      };
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof errors.JWTExpired) {
        throw new AppError(ErrorCode.TOKEN_EXPIRED, 'access token expired; refresh it and reconnect');
      }
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'access token is invalid');
    }
  }

  private async keyFor(kid: string | undefined): Promise<KeyLike> {
    if (!kid) throw new AppError(ErrorCode.UNAUTHENTICATED, 'access token has no key id');
    let key = this.keys.get(kid);
    if (!key && Date.now() - this.lastFetch > MIN_REFETCH_INTERVAL_MS) {
      await this.loadKeys();
      key = this.keys.get(kid);
    }
    if (!key) throw new AppError(ErrorCode.UNAUTHENTICATED, 'access token is signed with an unknown key');

    return key;
  }
}
