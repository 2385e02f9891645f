import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppError, ErrorCode } from '@messenger/protocol';
import { Redis, RedisKeys } from '@messenger/redis';
import { AccessTokenClaims, AccessTokenVerifier } from '@messenger/tokens';
import { REDIS } from '../infrastructure/injection-tokens';

/**
 * Accepts the access tokens that the gateways accept: an EdDSA token from
 * the auth service in "Authorization: Bearer", whose session was not logged
 * out.
 */
@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async authenticate(request: Request): Promise<AccessTokenClaims> {
    const header = request.header('authorization');
    if (!header?.startsWith('Bearer ')) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'missing access token: send "Authorization: Bearer <access token>"');
    }
    const claims = await this.verifier.verify(header.slice('Bearer '.length).trim());
    if ((await this.redis.exists(RedisKeys.revokedSession(claims.sessionId))) === 1) {
      throw new AppError(ErrorCode.SESSION_REVOKED, 'session was logged out; log in again');
    }

    return { ...claims, userId: claims.userId.toLowerCase() };
  }
}
