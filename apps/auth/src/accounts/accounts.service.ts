import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { authV1 } from '@messenger/grpc';
import type { Logger } from '@messenger/logging';
import { AppError, ErrorCode } from '@messenger/protocol';
import { AuthMetrics, RegistrationOutcome } from '../auth.metrics';
import { AuthConfig } from '../config/auth.config';
import { AUTH_CONFIG, LOGGER } from '../injection-tokens';
import { RateLimitKeys, clientScope } from '../rate-limit/rate-limit-keys';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { isUserId, normalizeUsername, usernameProblem, validateRegistration } from './credentials';
import { PasswordHasher } from './password-hasher';
import { UserRecord, UsersRepository } from './users.repository';

export const MAX_LOOKUP_ITEMS = 100;

/** Registration and lookup of accounts. */
@Injectable()
export class AccountsService {
  private readonly logger: Logger;

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(LOGGER) logger: Logger,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly metrics: AuthMetrics,
  ) {
    this.logger = logger.child({ component: 'accounts' });
  }

  async register(request: authV1.RegisterRequest__Output): Promise<authV1.RegisterResponse> {
    try {
      const user = await this.createAccount(request);
      this.metrics.registration('success');

      return { user };
    } catch (error) {
      this.metrics.registration(registrationOutcome(error));
      throw error;
    }
  }

  async lookupUsers(request: authV1.LookupUsersRequest__Output): Promise<authV1.LookupUsersResponse> {
    const requested = request.usernames.length + request.userIds.length;
    if (requested > MAX_LOOKUP_ITEMS) {
      throw new AppError(
        ErrorCode.INVALID_ARGUMENT,
        `at most ${MAX_LOOKUP_ITEMS} usernames and user ids per call, got ${requested}`,
      );
    }
    const usernames = unique(request.usernames.map(normalizeUsername)).filter((name) => !usernameProblem(name));
    const userIds = unique(request.userIds.map((id) => id.toLowerCase())).filter(isUserId);
    const [byName, byId] = await Promise.all([this.users.findByUsernames(usernames), this.users.findByIds(userIds)]);

    const users = new Map<string, UserRecord>();
    for (const user of [...byName, ...byId]) users.set(user.userId, user);

    return { users: [...users.values()].map((user) => ({ userId: user.userId, username: user.username })) };
  }

  private async createAccount(request: authV1.RegisterRequest__Output): Promise<authV1.User> {
    const { username, password } = validateRegistration(request);

    const scope = clientScope(request.clientIp);
    if (scope) {
      const windowMs = this.config.loginWindowSeconds * 1000;
      const decision = await this.limiter.hit([RateLimitKeys.registerByClient(scope)], this.config.registerMaxPerIp, windowMs);
      if (!decision.allowed) {
        this.logger.info({ clientScope: scope, retryAfterMs: decision.retryAfterMs }, 'registration rate limited');
        throw new AppError(ErrorCode.RATE_LIMITED, 'too many registrations from this address; retry later', decision.retryAfterMs);
      }
    }

    // Cheap check first, so that a taken name costs no password hash; the insert below decides.
    if (await this.users.findCredentials(username)) throw usernameTaken();

    const userId = randomUUID();
    const passwordHash = await this.hasher.hash(password);
    let created: boolean;
    try {
      created = await this.users.create({ userId, username, passwordHash }, new Date());
    } catch (error) {
      this.logger.error({ userId, err: error }, 'storing a new account failed');
      throw error;
    }
    if (!created) throw usernameTaken();
    this.logger.info({ userId }, 'account registered');

    return { userId, username };
  }
}

function usernameTaken(): AppError {
  return new AppError(ErrorCode.USERNAME_TAKEN, 'username is already taken');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function registrationOutcome(error: unknown): RegistrationOutcome {
  if (!(error instanceof AppError)) return 'error';
  switch (error.code) {
    case ErrorCode.INVALID_ARGUMENT:
      return 'invalid_argument';
    case ErrorCode.USERNAME_TAKEN:
      return 'username_taken';
    case ErrorCode.RATE_LIMITED:
      return 'rate_limited';
    default:
      return 'error';
  }
}
