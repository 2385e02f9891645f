import { DynamicModule, Module, Type } from '@nestjs/common';
import { RpcHandler } from '@messenger/grpc';
import type { Logger } from '@messenger/logging';
import { HealthController, HealthRegistry } from '@messenger/observability';
import { AccountsService } from './accounts/accounts.service';
import { PasswordHasher } from './accounts/password-hasher';
import { UsersRepository } from './accounts/users.repository';
import { AuthMetrics } from './auth.metrics';
import { ClientsLifecycle } from './clients/clients-lifecycle.service';
import { clientsProviders } from './clients/clients.providers';
import { AuthConfig } from './config/auth.config';
import { AuthGrpcController } from './grpc/auth.grpc-controller';
import { AUTH_CONFIG, LOGGER } from './injection-tokens';
import { RateLimiter } from './rate-limit/rate-limiter';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsService } from './sessions/sessions.service';
import { PublicKeysService } from './tokens/public-keys.service';
import { tokensProviders } from './tokens/tokens.providers';

export interface AuthModuleOptions {
  config: AuthConfig;
  logger: Logger;
}

/** The auth service: AuthService over gRPC, /health over HTTP. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    return {
      module: AuthModule,
      controllers: [AuthGrpcController, HealthController],
      providers: [
        { provide: AUTH_CONFIG, useValue: options.config },
        { provide: LOGGER, useValue: options.logger },
        { provide: RpcHandler, inject: [LOGGER], useFactory: (logger: Logger) => new RpcHandler(logger) },
        HealthRegistry,
        ...clientsProviders,
        ClientsLifecycle,
        ...tokensProviders,
        AuthMetrics,
        RateLimiter,
        PasswordHasher,
        UsersRepository,
        AccountsService,
        SessionsRepository,
        SessionsService,
        PublicKeysService,
      ],
    };
  }
}

/** The root module class that bootstrapService and the integration tests start. */
export function authAppModule(options: AuthModuleOptions): Type<unknown> {
  @Module({ imports: [AuthModule.forRoot(options)] })
  class AuthAppModule {}

  return AuthAppModule;
}
