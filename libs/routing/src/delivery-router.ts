import type { Redis } from 'ioredis';
import { RedisKeys } from '@messenger/redis';
import { serviceMetrics } from '@messenger/observability';
import { Delivery } from './delivery';

/*
 * KEYS: route sets (ZSET of gateway id scored by expiry in ms) of the target users, in the order of ARGV[3..].
 * ARGV[1]: channel prefix, ARGV[2]: delivery JSON, ARGV[3..]: user ids.
 * Groups the users by the gateways that hold them and publishes one payload
 * per gateway, in one round trip. Returns the number of gateways reached.
 */
const ROUTE_SCRIPT = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local byGateway = {}
local order = {}
for i, key in ipairs(KEYS) do
  local gateways = redis.call('ZRANGE', key, nowMs, '+inf', 'BYSCORE')
  for _, gateway in ipairs(gateways) do
    if byGateway[gateway] == nil then
      byGateway[gateway] = {}
      table.insert(order, gateway)
    end
    table.insert(byGateway[gateway], ARGV[i + 2])
  end
end
for _, gateway in ipairs(order) do
  redis.call('PUBLISH', ARGV[1] .. gateway, table.concat(byGateway[gateway], ',') .. '\\n' .. ARGV[2])
end
return #order
`;

/**
 * Sends a delivery to the gateways that hold connections of the given users,
 * looked up in the route sets that gateways keep in Redis. A gateway gets only
 * deliveries for its own connections: there is no broadcast.
 */
export class DeliveryRouter {
  private readonly routed = serviceMetrics().counter('deliveries_routed_total', 'Deliveries routed to gateways', [
    'kind',
  ]);
  private readonly channelPrefix = RedisKeys.gatewayChannel('');

  constructor(private readonly redis: Redis) {
    redis.defineCommand('messengerRoute', { lua: ROUTE_SCRIPT });
  }

  async route(userIds: string[], delivery: Delivery): Promise<number> {
    const unique = [...new Set(userIds)];
    if (unique.length === 0) return 0;
    const keys = unique.map((userId) => RedisKeys.route(userId));
    const route = (this.redis as unknown as RouteCommand).messengerRoute;
    const gateways = await route.call(
      this.redis,
      keys.length,
      ...keys,
      this.channelPrefix,
      JSON.stringify(delivery),
      ...unique,
    );
    this.routed.inc({ kind: delivery.kind });

    return gateways;
  }
}

interface RouteCommand {
  messengerRoute(numberOfKeys: number, ...args: string[]): Promise<number>;
}
