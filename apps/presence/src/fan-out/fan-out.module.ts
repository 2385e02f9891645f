import { DynamicModule, Module } from '@nestjs/common';
import { createMessageClient } from '@messenger/grpc';
import { Redis } from '@messenger/redis';
import { DeliveryRouter } from '@messenger/routing';
import { PresenceConfig } from '../config/presence.config';
import { PRESENCE_CONFIG, REDIS } from '../infrastructure/injection-tokens';
import { MessagePeersClient } from './message-peers.client';
import { FAN_OUT_GROUP_ID, FAN_OUT_OPTIONS, FanOutOptions, PresenceFanOutConsumer } from './presence-fan-out.consumer';
import { PresenceFanOutService } from './presence-fan-out.service';

const DEFAULT_OPTIONS: FanOutOptions = { groupId: FAN_OUT_GROUP_ID, fromBeginning: false };

@Module({})
export class FanOutModule {
  /** Tests pass their own consumer group, so that they never join the group of a running service. */
  static register(options: FanOutOptions = DEFAULT_OPTIONS): DynamicModule {
    return {
      module: FanOutModule,
      providers: [
        {
          provide: MessagePeersClient,
          inject: [PRESENCE_CONFIG],
          useFactory: (config: PresenceConfig) => new MessagePeersClient(createMessageClient(config.messageGrpcUrl)),
        },
        { provide: DeliveryRouter, inject: [REDIS], useFactory: (redis: Redis) => new DeliveryRouter(redis) },
        { provide: FAN_OUT_OPTIONS, useValue: options },
        PresenceFanOutService,
        PresenceFanOutConsumer,
      ],
    };
  }
}
