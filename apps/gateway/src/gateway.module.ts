import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LOGGER, Logger } from '@messenger/logging';
import { HealthController } from '@messenger/observability';
import { ClientsModule } from './clients/clients.module';
import { GATEWAY_CONFIG, GatewayConfig } from './config/gateway.config';
import { DeliverySubscriber } from './delivery/delivery-subscriber';
import { AuthController } from './http/auth.controller';
import { CorrelationMiddleware } from './http/correlation.middleware';
import { HttpErrorFilter } from './http/http-error.filter';
import { SessionRevocationConsumer } from './sessions/session-revocation.consumer';
import { ConnectionAuthenticator } from './websocket/connection-authenticator';
import { ConnectionRegistry } from './websocket/connection-registry';
import { FrameDispatcher } from './websocket/frame-dispatcher';
import { MessengerGateway } from './websocket/messenger.gateway';

@Module({})
export class GatewayModule implements NestModule {
  static forRoot(config: GatewayConfig, logger: Logger): DynamicModule {
    const shared = {
      module: class GatewaySharedModule {},
      global: true,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [GATEWAY_CONFIG, LOGGER],
    };

    return {
      module: GatewayModule,
      imports: [shared, ClientsModule],
      controllers: [HealthController, AuthController],
      providers: [
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        ConnectionAuthenticator,
        ConnectionRegistry,
        DeliverySubscriber,
        FrameDispatcher,
        MessengerGateway,
        SessionRevocationConsumer,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationMiddleware).forRoutes('*');
  }
}
