import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { LOGGER, Logger } from '@messenger/logging';
import { LATENCY_BUCKETS, serviceMetrics } from '@messenger/observability';
import { Redis, RedisKeys, createRedisClient, redactUrl } from '@messenger/redis';
import { Delivery, decodeGatewayDelivery } from '@messenger/routing';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { ConnectionRegistry } from '../websocket/connection-registry';
import { DeliverySource } from './conversation-stream';

/** Receives, on this gateway's own Redis channel, the deliveries for its connections and hands them over. */
@Injectable()
export class DeliverySubscriber implements OnModuleInit, OnApplicationShutdown {
  private subscriber: Redis | undefined;
  private readonly received = serviceMetrics().counter('deliveries_received_total', 'Deliveries received', ['kind']);
  private readonly latency = serviceMetrics().histogram(
    'delivery_latency_seconds',
    'Time from a message being stored to its write to the recipient socket, in seconds, by source (live or storage)',
    ['source'],
    LATENCY_BUCKETS,
  );
  private readonly delivered = serviceMetrics().counter('messages_delivered_total', 'Messages written to sockets');

  constructor(
    private readonly connections: ConnectionRegistry,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const channel = RedisKeys.gatewayChannel(this.config.gatewayId);
    this.subscriber = createRedisClient({ url: this.config.redisUrl }, this.logger, 'gateway-subscriber');
    this.subscriber.on('message', (_channel: string, payload: string) => this.handle(payload));
    try {
      await this.subscriber.subscribe(channel);
    } catch (error) {
      throw new Error(`redis at ${redactUrl(this.config.redisUrl)} did not accept the subscription: ${(error as Error).message}`);
    }
    this.logger.info({ channel }, 'subscribed to delivery channel');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit();
  }

  private handle(payload: string): void {
    let userIds: string[];
    let delivery: Delivery;
    try {
      ({ userIds, delivery } = decodeGatewayDelivery(payload));
    } catch (error) {
      this.logger.error({ err: error }, 'skipped malformed delivery');

      return;
    }
    this.received.inc({ kind: delivery.kind });
    for (const userId of userIds) {
      for (const connection of this.connections.forUser(userId)) {
        switch (delivery.kind) {
          case 'message':
            connection.deliverMessage(delivery.message);
            break;
          case 'receipt':
            connection.deliverReceipt(delivery.receipt);
            break;
          case 'presence':
            connection.send({ type: 'presence', ...delivery.presence });
            break;
          case 'typing':
            connection.send({ type: 'typing', ...delivery.typing });
            break;
        }
      }
    }
  }

  /**
   * Counts a message written to a socket and its latency since it was stored.
   * Messages fetched from storage after a reconnect can be hours old, so the
   * source label keeps them apart from the live path's latency.
   */
  recordDelivered(createdAt: number, source: DeliverySource): void {
    this.delivered.inc();
    this.latency.observe({ source }, Math.max(0, Date.now() - createdAt) / 1000);
  }
}
