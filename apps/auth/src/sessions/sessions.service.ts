import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { authV1 } from '@messenger/grpc';
import { EventPublisher, SessionRevokedEvent, Topics } from '@messenger/kafka';
import type { Logger } from '@messenger/logging';
import { AppError, ErrorCode } from '@messenger/protocol';
import { PasswordHasher } from '../accounts/password-hasher';
import { UserCredentials, UsersRepository } from '../accounts/users.repository';
import { normalizeUsername, passwordProblem, usernameProblem } from '../accounts/credentials';
import { AuthMetrics, RevocationReason } from '../auth.metrics';
import { AuthConfig } from '../config/auth.config';
import { AUTH_CONFIG, LOGGER } from '../injection-tokens';
import { RateLimitKeys, clientScope } from '../rate-limit/rate-limit-keys';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { AccessTokenSigner } from '../tokens/access-token-signer';
import { hashRefreshToken, isWellFormedRefreshToken, newRefreshToken } from '../tokens/refresh-token';
import { RefreshTokenRecord } from './session-records';
import { SessionsRepository } from './sessions.repository';

const INVALID_CREDENTIALS_MESSAGE = 'invalid username or password';
const INVALID_REFRESH_TOKEN_MESSAGE = 'refresh token is invalid or expired';

/**
 * Login, refresh-token rotation and logout. A session starts at login, keeps
 * its id across refreshes, and ends at logout, on refresh-token reuse or when
 * its refresh token expires unused.
 */
@Injectable()
export class SessionsService {
  private readonly logger: Logger;

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(LOGGER) logger: Logger,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly sessions: SessionsRepository,
    private readonly signer: AccessTokenSigner,
    private readonly publisher: EventPublisher,
    private readonly metrics: AuthMetrics,
  ) {
    this.logger = logger.child({ component: 'sessions' });
  }

  async login(request: authV1.LoginRequest__Output): Promise<authV1.TokenPair> {
    const username = normalizeUsername(request.username);
    // A name that breaks the rules cannot exist: it gets the unknown-user path and no counter of its own.
    const plausibleName = usernameProblem(username) === undefined;
    const userKey = plausibleName ? RateLimitKeys.loginByUsername(username) : undefined;
    const scope = clientScope(request.clientIp);
    const clientKey = scope ? RateLimitKeys.loginByClient(scope) : undefined;
    const counterKeys = [userKey, clientKey].filter((key): key is string => key !== undefined);

    // Every attempt is counted up front, so that parallel guesses cannot slip past the limit;
    // a successful login gives its attempt back.
    const decision = await this.limiter.hit(
      counterKeys,
      this.config.loginMaxAttempts,
      this.config.loginWindowSeconds * 1000,
    );
    if (!decision.allowed) {
      this.metrics.login('rate_limited');
      this.logger.info({ clientScope: scope, retryAfterMs: decision.retryAfterMs }, 'login rate limited');
      throw new AppError(ErrorCode.RATE_LIMITED, 'too many login attempts; retry later', decision.retryAfterMs);
    }

    let user: UserCredentials | undefined;
    try {
      user = plausibleName && !passwordProblem(request.password) ? await this.users.findCredentials(username) : undefined;
      // An unknown user still costs one verification, so that timing does not tell whether the name exists.
      const valid = user
        ? await this.hasher.verify(user.passwordHash, request.password)
        : await this.hasher.verifyDummy(request.password);
      if (!user || !valid) {
        this.metrics.login('invalid_credentials');
        this.logger.info({ userId: user?.userId, clientScope: scope }, 'login failed: invalid credentials');
        throw new AppError(ErrorCode.INVALID_CREDENTIALS, INVALID_CREDENTIALS_MESSAGE);
      }

      await Promise.all([
        userKey ? this.limiter.reset([userKey]) : undefined,
        clientKey ? this.limiter.refund([clientKey]) : undefined,
      ]);
      const pair = await this.startSession(user);
      this.metrics.login('success');
      this.logger.info({ userId: user.userId, sessionId: pair.sessionId }, 'login succeeded');

      return pair;
    } catch (error) {
      if (error instanceof AppError) throw error;
      this.metrics.login('error');
      this.logger.error({ userId: user?.userId, err: error }, 'login failed with an internal error');
      throw error;
    }
  }

  async refresh(request: authV1.RefreshRequest__Output): Promise<authV1.TokenPair> {
    const token = request.refreshToken;
    if (!isWellFormedRefreshToken(token)) throw this.invalidRefreshToken();
    const oldHash = hashRefreshToken(token);
    const old = await this.sessions.findToken(oldHash);
    if (!old) throw this.invalidRefreshToken();

    try {
      const pair = await this.rotate(oldHash, old);
      this.metrics.refresh('success');

      return pair;
    } catch (error) {
      if (error instanceof AppError) throw error;
      this.metrics.refresh('error');
      this.logger.error({ userId: old.userId, sessionId: old.sessionId, err: error }, 'refresh failed');
      throw error;
    }
  }

  async logout(request: authV1.LogoutRequest__Output): Promise<authV1.LogoutResponse> {
    const token = request.refreshToken;
    // Logging out with an unknown, expired or malformed token changes nothing and succeeds.
    if (!isWellFormedRefreshToken(token)) return {};
    const tokenHash = hashRefreshToken(token);
    const record = await this.sessions.findToken(tokenHash);
    if (!record) return {};

    try {
      const now = Date.now();
      const userId = await this.sessions.revoke(tokenHash, record, this.revokedTtlMs(), now);
      if (userId) await this.announceRevocation(userId, record.sessionId, 'logout', now);
    } catch (error) {
      this.logger.error({ userId: record.userId, sessionId: record.sessionId, err: error }, 'logout failed');
      throw error;
    }

    return {};
  }

  /** Replaces the session's refresh token; a token that was already replaced revokes the session. */
  private async rotate(oldHash: string, old: RefreshTokenRecord): Promise<authV1.TokenPair> {
    const now = Date.now();
    const nextToken = newRefreshToken();
    const newHash = hashRefreshToken(nextToken);
    const ttlMs = this.config.refreshTokenTtlSeconds * 1000;
    const next: RefreshTokenRecord = {
      userId: old.userId,
      username: old.username,
      sessionId: old.sessionId,
      expiresAt: now + ttlMs,
    };
    const outcome = await this.sessions.rotate({
      oldHash,
      old,
      newHash,
      next,
      ttlMs,
      markerWindowMs: this.config.refreshReuseWindowSeconds * 1000,
      revokedTtlMs: this.revokedTtlMs(),
      now,
    });

    if (outcome.kind === 'reused') {
      this.logger.warn(
        { userId: outcome.userId, sessionId: old.sessionId, rotatedAt: old.rotatedAt },
        'refresh token reused; session revoked',
      );
      await this.announceRevocation(outcome.userId, old.sessionId, 'refresh_token_reuse', now);
      this.metrics.refresh('reused');
      throw new AppError(ErrorCode.INVALID_REFRESH_TOKEN, INVALID_REFRESH_TOKEN_MESSAGE);
    }
    if (outcome.kind === 'invalid') throw this.invalidRefreshToken();

    const access = await this.signer.sign({ userId: old.userId, username: old.username, sessionId: old.sessionId }, now);
    this.logger.debug({ userId: old.userId, sessionId: old.sessionId }, 'refresh token rotated');

    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: nextToken,
      refreshTokenExpiresAt: next.expiresAt,
      user: { userId: old.userId, username: old.username },
      sessionId: old.sessionId,
    };
  }

  private async startSession(user: UserCredentials): Promise<authV1.TokenPair> {
    const now = Date.now();
    const sessionId = randomUUID();
    const refreshToken = newRefreshToken();
    const ttlMs = this.config.refreshTokenTtlSeconds * 1000;
    const record: RefreshTokenRecord = {
      userId: user.userId,
      username: user.username,
      sessionId,
      expiresAt: now + ttlMs,
    };
    await this.sessions.create(record, hashRefreshToken(refreshToken), ttlMs);
    const access = await this.signer.sign({ userId: user.userId, username: user.username, sessionId }, now);

    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt: record.expiresAt,
      user: { userId: user.userId, username: user.username },
      sessionId,
    };
  }

  /**
   * Tells the gateways to close the session's connections. The revoked marker
   * is already set, so a failed publish is logged rather than failing the
   * call: reconnects are refused and open connections end with their token.
   */
  private async announceRevocation(userId: string, sessionId: string, reason: RevocationReason, at: number): Promise<void> {
    this.metrics.revocation(reason);
    this.logger.info({ userId, sessionId, reason }, 'session revoked');
    const event: SessionRevokedEvent = { userId, sessionId, at };
    try {
      await this.publisher.publish(Topics.sessionRevoked, userId, event);
    } catch (error) {
      this.logger.error({ userId, sessionId, err: error }, 'publishing the session revocation failed');
    }
  }

  /** Revoked markers outlive every access token of the session. */
  private revokedTtlMs(): number {
    return this.config.accessTokenTtlSeconds * 1000;
  }

  private invalidRefreshToken(): AppError {
    this.metrics.refresh('invalid');

    return new AppError(ErrorCode.INVALID_REFRESH_TOKEN, INVALID_REFRESH_TOKEN_MESSAGE);
  }
}
