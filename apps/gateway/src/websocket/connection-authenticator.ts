import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LOGGER, Logger } from '@messenger/logging';
import { AppError, ErrorCode } from '@messenger/protocol';
import { Redis, RedisKeys } from '@messenger/redis';
import { AccessTokenClaims, AccessTokenVerifier } from '@messenger/tokens';
import { REDIS } from '../clients/clients.module';

const DEVICE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

export interface HandshakeIdentity {
  claims: AccessTokenClaims;
  deviceId: string;
}

const identities = new WeakMap<IncomingMessage, HandshakeIdentity>();

/** Returns the identity that the handshake of this upgrade request established. */
export function identityOf(request: IncomingMessage): HandshakeIdentity | undefined {
  return identities.get(request);
}

/**
 * Authenticates a WebSocket upgrade before it is accepted: a valid access
 * token (query "access_token" or "Authorization: Bearer"), a session that was
 * not revoked, and a device id (query "device_id").
 */
@Injectable()
export class ConnectionAuthenticator {
  private draining = false;

  constructor(
    private readonly verifier: AccessTokenVerifier,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  stopAccepting(): void {
    this.draining = true;
  }

  /** The ws library's verifyClient hook. */
  verifyClient = (
    info: { req: IncomingMessage },
    done: (accepted: boolean, code?: number, message?: string) => void,
  ): void => {
    if (this.draining) {
      done(false, 503, 'gateway is shutting down; connect to another gateway');

      return;
    }
    this.authenticate(info.req).then(
      (identity) => {
        identities.set(info.req, identity);
        done(true);
      },
      (error: unknown) => {
        if (error instanceof AppError) {
          this.logger.debug({ code: error.code }, 'websocket handshake rejected');
          done(false, error.code === ErrorCode.INVALID_ARGUMENT ? 400 : 401, `${error.code}: ${error.message}`);

          return;
        }
        this.logger.error({ err: error }, 'websocket handshake failed');
        done(false, 503, 'UNAVAILABLE: authentication is unavailable, retry later');
      },
    );
  };

  async authenticate(request: IncomingMessage): Promise<HandshakeIdentity> {
    const url = new URL(request.url ?? '/', 'http://gateway.invalid');
    const header = request.headers.authorization;
    const token = url.searchParams.get('access_token') ?? (header?.startsWith('Bearer ') ? header.slice(7) : undefined);
    if (!token) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'missing access token: pass access_token in the query');
    }
    const deviceId = url.searchParams.get('device_id');
    if (!deviceId || !DEVICE_ID_PATTERN.test(deviceId)) {
      throw new AppError(ErrorCode.INVALID_ARGUMENT, 'device_id query parameter must be 1-64 characters of A-Z a-z 0-9 . _ : -');
    }
    const claims = await this.verifier.verify(token);
    await this.requireActiveSession(claims.sessionId);

    return { claims, deviceId };
  }

  async requireActiveSession(sessionId: string): Promise<void> {
    if ((await this.redis.exists(RedisKeys.revokedSession(sessionId))) === 1) {
      throw new AppError(ErrorCode.SESSION_REVOKED, 'session was logged out; log in again');
    }
  }
}
