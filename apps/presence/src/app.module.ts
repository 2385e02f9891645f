import { Module, Type } from '@nestjs/common';
import type { Logger } from '@messenger/logging';
import { HealthController } from '@messenger/observability';
import { PresenceConfig } from './config/presence.config';
import { FanOutModule } from './fan-out/fan-out.module';
import { FanOutOptions } from './fan-out/presence-fan-out.consumer';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { PresenceModule } from './presence/presence.module';

/**
 * Builds the root module of the presence service around the given settings
 * and logger. fanOut overrides the fan-out consumer group, for tests.
 */
export function createAppModule(config: PresenceConfig, logger: Logger, fanOut?: FanOutOptions): Type<unknown> {
  @Module({
    imports: [InfrastructureModule.forRoot(config, logger), PresenceModule, FanOutModule.register(fanOut)],
    controllers: [HealthController],
  })
  class AppModule {}

  return AppModule;
}
