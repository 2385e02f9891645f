import { randomBytes } from 'node:crypto';
import {
  KafkaSettings,
  ListenSettings,
  RedisSettings,
  grpcUrlVar,
  kafkaSettings,
  listenSettings,
  redisSettings,
  shutdownGraceVar,
} from '@messenger/bootstrap';
import { EnvGroup, EnvVariable, envGroup, intVar, mergeEnvGroups, readConfig } from '@messenger/config';

interface GatewaySettings {
  gatewayId: string;
  authGrpcUrl: string;
  messageGrpcUrl: string;
  presenceGrpcUrl: string;
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
  routeTtlMs: number;
  shutdownGraceMs: number;
  trustProxy: number;
  maxFramesPerSecond: number;
}

export type GatewayConfig = RedisSettings & KafkaSettings & ListenSettings & GatewaySettings;

function gatewayIdVar(): EnvVariable<string> {
  return {
    read(name, raw) {
      const value = raw ?? `gw-${randomBytes(6).toString('hex')}`;
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(value)) {
        throw new Error(`${name} must be 1-64 characters of A-Z a-z 0-9 . _ -, got "${value}"`);
      }

      return value;
    },
  };
}

const gatewaySettings = envGroup<GatewaySettings>(
  {
    gatewayId: 'GATEWAY_ID',
    authGrpcUrl: 'AUTH_GRPC_URL',
    messageGrpcUrl: 'MESSAGE_GRPC_URL',
    presenceGrpcUrl: 'PRESENCE_GRPC_URL',
    heartbeatIntervalMs: 'GATEWAY_HEARTBEAT_INTERVAL_MS',
    heartbeatTimeoutMs: 'GATEWAY_HEARTBEAT_TIMEOUT_MS',
    routeTtlMs: 'GATEWAY_ROUTE_TTL_MS',
    shutdownGraceMs: 'SHUTDOWN_GRACE_MS',
    trustProxy: 'GATEWAY_TRUST_PROXY_HOPS',
    maxFramesPerSecond: 'GATEWAY_MAX_FRAMES_PER_SECOND',
  },
  {
    gatewayId: gatewayIdVar(),
    authGrpcUrl: grpcUrlVar('auth'),
    messageGrpcUrl: grpcUrlVar('message'),
    presenceGrpcUrl: grpcUrlVar('presence'),
    heartbeatIntervalMs: intVar({ default: 10_000, min: 100, max: 300_000 }),
    heartbeatTimeoutMs: intVar({ default: 30_000, min: 300, max: 900_000 }),
    routeTtlMs: intVar({ default: 60_000, min: 1000, max: 3_600_000 }),
    shutdownGraceMs: shutdownGraceVar(),
    trustProxy: intVar({ default: 0, min: 0, max: 10 }),
    maxFramesPerSecond: intVar({ default: 50, min: 1, max: 100_000 }),
  },
);

/** Returns every environment variable that the gateway reads, with its reader. */
export function gatewayEnv(): EnvGroup<GatewayConfig> {
  return mergeEnvGroups(redisSettings(), kafkaSettings(), listenSettings({ http: 8080, metrics: 9180 }), gatewaySettings);
}

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const settings = gatewayEnv();
  const config = readConfig<GatewayConfig>(settings.names, settings.spec, env);
  if (config.heartbeatTimeoutMs <= config.heartbeatIntervalMs) {
    throw new Error(
      `GATEWAY_HEARTBEAT_TIMEOUT_MS (${config.heartbeatTimeoutMs}) must be greater than GATEWAY_HEARTBEAT_INTERVAL_MS (${config.heartbeatIntervalMs})`,
    );
  }

  return config;
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
