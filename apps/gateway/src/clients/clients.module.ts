import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import {
  AuthClient,
  MessageClient,
  PresenceClient,
  createAuthClient,
  createMessageClient,
  createPresenceClient,
  promiseClient,
} from '@messenger/grpc';
import { LOGGER, Logger } from '@messenger/logging';
import { HealthRegistry } from '@messenger/observability';
import { Redis, createRedisClient, pingRedis } from '@messenger/redis';
import { AccessTokenVerifier } from '@messenger/tokens';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';

export const AUTH_CLIENT = Symbol('AUTH_CLIENT');
export const MESSAGE_CLIENT = Symbol('MESSAGE_CLIENT');
export const PRESENCE_CLIENT = Symbol('PRESENCE_CLIENT');
export const REDIS = Symbol('REDIS');

const KEY_LOAD_TIMEOUT_MS = 60_000;

/** gRPC clients of the other services, the Redis client and the token verifier. */
@Global()
@Module({
  providers: [
    HealthRegistry,
    {
      provide: AUTH_CLIENT,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig): AuthClient => promiseClient(createAuthClient(config.authGrpcUrl), 'auth'),
    },
    {
      provide: MESSAGE_CLIENT,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig): MessageClient =>
        promiseClient(createMessageClient(config.messageGrpcUrl), 'message'),
    },
    {
      provide: PRESENCE_CLIENT,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig): PresenceClient =>
        promiseClient(createPresenceClient(config.presenceGrpcUrl), 'presence'),
    },
    {
      provide: REDIS,
      inject: [GATEWAY_CONFIG, LOGGER],
      useFactory: (config: GatewayConfig, logger: Logger) => createRedisClient({ url: config.redisUrl }, logger, 'gateway'),
    },
    {
      provide: AccessTokenVerifier,
      inject: [AUTH_CLIENT, LOGGER],
      useFactory: async (auth: AuthClient, logger: Logger) => {
        const verifier = new AccessTokenVerifier(
          { fetchKeys: async () => (await auth.GetPublicKeys({})).keys },
          logger,
        );
        await loadKeysWithRetry(verifier, logger);

        return verifier;
      },
    },
  ],
  exports: [HealthRegistry, AUTH_CLIENT, MESSAGE_CLIENT, PRESENCE_CLIENT, REDIS, AccessTokenVerifier],
})
export class ClientsModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(AUTH_CLIENT) auth: AuthClient,
    @Inject(MESSAGE_CLIENT) message: MessageClient,
    @Inject(PRESENCE_CLIENT) presence: PresenceClient,
    health: HealthRegistry,
  ) {
    health.register({ name: 'redis', check: () => pingRedis(redis) });
    // The services behind the gateway have readiness probes of their own. A
    // gateway that cannot reach one stays ready and returns UNAVAILABLE for
    // the affected requests, so that not every gateway leaves its Service.
    health.register({
      name: 'auth',
      required: false,
      check: async () => void (await auth.GetPublicKeys({}, { timeoutMs: 1500 })),
    });
    health.register({
      name: 'message',
      required: false,
      check: async () => void (await message.ListPeers({ userId: '00000000-0000-0000-0000-000000000000' }, { timeoutMs: 1500 })),
    });
    health.register({
      name: 'presence',
      required: false,
      check: async () => void (await presence.GetPresence({ userIds: [] }, { timeoutMs: 1500 })),
    });
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

/** Loads the token keys, retrying for a while because the auth service may start after the gateway. */
async function loadKeysWithRetry(verifier: AccessTokenVerifier, logger: Logger): Promise<void> {
  const deadline = Date.now() + KEY_LOAD_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await verifier.loadKeys();

      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      logger.warn({ attempt, err: (error as Error).message }, 'token keys not available yet, retrying');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
