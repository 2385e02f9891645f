import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { LOGGER, Logger } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { Redis } from '@messenger/redis';
import { RouteRegistry } from '@messenger/routing';
import { REDIS } from '../clients/clients.module';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { Connection } from './connection';

/**
 * The connections this gateway holds, by user, mirrored in Redis so that
 * services route a user's deliveries to this gateway only. Entries are
 * refreshed at a third of their TTL.
 */
@Injectable()
export class ConnectionRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly routes: RouteRegistry;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly openConnections = serviceMetrics().gauge('connections_open', 'Open WebSocket connections');

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.routes = new RouteRegistry(redis, config.gatewayId, config.routeTtlMs);
  }

  onModuleInit(): void {
    this.refreshTimer = setInterval(() => {
      this.routes.refresh(this.byUser.keys()).catch((error: unknown) => {
        this.logger.warn({ err: error }, 'route refresh failed');
      });
    }, Math.floor(this.config.routeTtlMs / 3));
    this.refreshTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.refreshTimer);
  }

  async add(connection: Connection): Promise<void> {
    let connections = this.byUser.get(connection.userId);
    if (!connections) {
      connections = new Set();
      this.byUser.set(connection.userId, connections);
    }
    connections.add(connection);
    this.openConnections.inc();
    await this.routes.add(connection.userId);
  }

  async remove(connection: Connection): Promise<void> {
    const connections = this.byUser.get(connection.userId);
    if (!connections?.delete(connection)) return;
    this.openConnections.dec();
    if (connections.size > 0) return;
    this.byUser.delete(connection.userId);
    await this.routes.remove(connection.userId);
  }

  forUser(userId: string): Iterable<Connection> {
    return this.byUser.get(userId) ?? [];
  }

  all(): Connection[] {
    return [...this.byUser.values()].flatMap((connections) => [...connections]);
  }

  get size(): number {
    let count = 0;
    for (const connections of this.byUser.values()) count += connections.size;

    return count;
  }
}
