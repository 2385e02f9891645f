import { Inject, Injectable } from '@nestjs/common';
import type { PresenceChangedEvent } from '@messenger/kafka';
import type { Logger } from '@messenger/logging';
import { DeliveryRouter } from '@messenger/routing';
import { LOGGER } from '../infrastructure/injection-tokens';
import { MessagePeersClient } from './message-peers.client';
import { TtlCache } from './ttl-cache';

/** Peers per DeliveryRouter call, so that one routing script stays short. */
export const ROUTE_CHUNK_SIZE = 500;
/** Maximum number of users whose newest transition time is kept for the ordering check. */
const LATEST_TRANSITION_MAX_ENTRIES = 100_000;
const LATEST_TRANSITION_TTL_MS = 600_000;

/**
 * Sends presence transitions to the gateways that hold connections of the
 * user's peers. The user's own devices get nothing.
 *
 * Transitions of one user can be published by different presence instances
 * (a heartbeat on one, a sweep on another), so they may reach Kafka out of
 * order. The service remembers the newest transition time per user and skips
 * older events. That memory is per process and starts empty after a restart
 * or a partition rebalance.
 */
@Injectable()
export class PresenceFanOutService {
  private readonly latestTransitionAt = new TtlCache<string, number>({
    maxEntries: LATEST_TRANSITION_MAX_ENTRIES,
    ttlMs: LATEST_TRANSITION_TTL_MS,
  });
  private readonly logger: Logger;

  constructor(
    private readonly peers: MessagePeersClient,
    private readonly router: DeliveryRouter,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'fan-out' });
  }

  /**
   * Routes one event to the user's peers and returns the number of gateway
   * messages published. A failed peer lookup or route throws, so that the
   * consumer retries the event. Delivering an event twice is harmless.
   */
  async deliver(event: PresenceChangedEvent): Promise<number> {
    if (!isPresenceChangedEvent(event)) {
      this.logger.error({ event }, 'skipped invalid presence event');

      return 0;
    }
    const latestAt = this.latestTransitionAt.get(event.userId);
    if (latestAt !== undefined && event.at < latestAt) {
      this.logger.debug({ userId: event.userId, at: event.at, latestAt }, 'skipped out-of-order presence event');

      return 0;
    }
    this.latestTransitionAt.set(event.userId, event.at);

    const peers = (await this.peers.listPeers(event.userId)).filter((peerId) => peerId !== event.userId);
    const presence = { userId: event.userId, status: event.status, lastSeenAt: event.lastSeenAt };
    let gateways = 0;
    for (let start = 0; start < peers.length; start += ROUTE_CHUNK_SIZE) {
      const chunk = peers.slice(start, start + ROUTE_CHUNK_SIZE);
      gateways += await this.router.route(chunk, { kind: 'presence', presence });
    }

    return gateways;
  }
}

function isPresenceChangedEvent(value: unknown): value is PresenceChangedEvent {
  const event = value as Partial<PresenceChangedEvent> | null;

  return (
    typeof event === 'object' &&
    event !== null &&
    typeof event.userId === 'string' &&
    event.userId.length > 0 &&
    (event.status === 'online' || event.status === 'offline') &&
    Number.isSafeInteger(event.lastSeenAt) &&
    Number.isSafeInteger(event.at)
  );
}
