import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { EventConsumer, Topics } from '@messenger/kafka';
import type { Logger } from '@messenger/logging';
import { KAFKA, LOGGER } from '../infrastructure/injection-tokens';
import { PresenceFanOutService } from './presence-fan-out.service';

export const FAN_OUT_GROUP_ID = 'presence-fan-out';

export interface FanOutOptions {
  /** Kafka consumer group. Every presence instance joins the same one in production. */
  groupId: string;
  /** Read the topic from its first offset when the group has no committed offset (tests only). */
  fromBeginning: boolean;
}

export const FAN_OUT_OPTIONS = Symbol('FAN_OUT_OPTIONS');

/** Feeds the presence-changed topic into PresenceFanOutService from start-up to shutdown. */
@Injectable()
export class PresenceFanOutConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumer: EventConsumer<typeof Topics.presenceChanged>;
  private readonly logger: Logger;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    private readonly fanOut: PresenceFanOutService,
    @Inject(FAN_OUT_OPTIONS) private readonly options: FanOutOptions,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'fan-out' });
    this.consumer = new EventConsumer(kafka, Topics.presenceChanged, options.groupId, this.logger, options.fromBeginning);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start(async (event) => {
      await this.fanOut.deliver(event);
    });
    this.logger.info({ topic: Topics.presenceChanged, groupId: this.options.groupId }, 'presence fan-out started');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    this.logger.info('presence fan-out stopped');
  }
}
