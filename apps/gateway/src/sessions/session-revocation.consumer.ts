import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EventConsumer, Topics, createKafka } from '@messenger/kafka';
import { LOGGER, Logger } from '@messenger/logging';
import { CloseCode } from '@messenger/protocol';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { ConnectionRegistry } from '../websocket/connection-registry';

/**
 * Closes live connections of a session that was logged out or revoked. Each
 * gateway consumes the topic in a group of its own, because any gateway may
 * hold connections of that session.
 */
@Injectable()
export class SessionRevocationConsumer implements OnModuleInit, OnApplicationShutdown {
  private consumer: EventConsumer<typeof Topics.sessionRevoked> | undefined;

  constructor(
    private readonly connections: ConnectionRegistry,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const kafka = createKafka({ brokers: this.config.kafkaBrokers, clientId: `gateway-${this.config.gatewayId}` }, this.logger);
    this.consumer = new EventConsumer(kafka, Topics.sessionRevoked, `gateway-${this.config.gatewayId}`, this.logger);
    await this.consumer.start(async (event) => {
      for (const connection of this.connections.forUser(event.userId)) {
        if (connection.claims.sessionId !== event.sessionId) continue;
        this.logger.info({ userId: event.userId, connectionId: connection.connectionId }, 'closing revoked session');
        connection.close(CloseCode.SESSION_REVOKED, 'session revoked');
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
