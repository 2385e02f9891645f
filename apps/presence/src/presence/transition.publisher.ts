import { Inject, Injectable } from '@nestjs/common';
import { EventPublisher, PresenceChangedEvent, Topics } from '@messenger/kafka';
import type { Logger } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { LOGGER } from '../infrastructure/injection-tokens';

/** Publishes presence transitions on Kafka, keyed by user id so that one user's events stay in order. */
@Injectable()
export class TransitionPublisher {
  private readonly transitions = serviceMetrics().counter(
    'transitions_total',
    'Users that went online or offline',
    ['status'],
  );

  constructor(
    private readonly publisher: EventPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Publishes one transition. A failed publish is not thrown, because the
   * state in Redis has already changed and a retry of the caller would not
   * publish again. EventPublisher logs and counts the failure.
   */
  async publish(event: PresenceChangedEvent): Promise<void> {
    this.transitions.inc({ status: event.status });
    this.logger.debug({ userId: event.userId, status: event.status }, 'presence changed');
    // NOTE: the Redis write and this publish are not atomic. When the publish
    // fails, peers miss the transition until they call GetPresence.
    await this.publisher.publish(Topics.presenceChanged, event.userId, event).catch(() => undefined);
  }
}
