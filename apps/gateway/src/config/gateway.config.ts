import { randomBytes } from 'node:crypto';
import {
  COMMON_ENV_NAMES,
  DEFAULT_GRPC_URLS,
  grpcUrlVar,
  hostVar,
  kafkaBrokersVar,
  portVar,
  redisUrlVar,
  shutdownGraceVar,
} from '@messenger/bootstrap';
import { EnvVariable, intVar, readConfig } from '@messenger/config';

export interface GatewayConfig {
  gatewayId: string;
  redisUrl: string;
  kafkaBrokers: string[];
  httpHost: string;
  httpPort: number;
  metricsHost: string;
  metricsPort: number;
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

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = readConfig<GatewayConfig>(
    {
      gatewayId: 'GATEWAY_ID',
      redisUrl: COMMON_ENV_NAMES.redisUrl,
      kafkaBrokers: COMMON_ENV_NAMES.kafkaBrokers,
      httpHost: COMMON_ENV_NAMES.httpHost,
      httpPort: COMMON_ENV_NAMES.httpPort,
      metricsHost: COMMON_ENV_NAMES.metricsHost,
      metricsPort: COMMON_ENV_NAMES.metricsPort,
      authGrpcUrl: COMMON_ENV_NAMES.authGrpcUrl,
      messageGrpcUrl: COMMON_ENV_NAMES.messageGrpcUrl,
      presenceGrpcUrl: COMMON_ENV_NAMES.presenceGrpcUrl,
      heartbeatIntervalMs: 'GATEWAY_HEARTBEAT_INTERVAL_MS',
      heartbeatTimeoutMs: 'GATEWAY_HEARTBEAT_TIMEOUT_MS',
      routeTtlMs: 'GATEWAY_ROUTE_TTL_MS',
      shutdownGraceMs: COMMON_ENV_NAMES.shutdownGraceMs,
      trustProxy: 'GATEWAY_TRUST_PROXY_HOPS',
      maxFramesPerSecond: 'GATEWAY_MAX_FRAMES_PER_SECOND',
    },
    {
      gatewayId: gatewayIdVar(),
      redisUrl: redisUrlVar(),
      kafkaBrokers: kafkaBrokersVar(),
      httpHost: hostVar(),
      httpPort: portVar(8080),
      metricsHost: hostVar(),
      metricsPort: portVar(9180),
      authGrpcUrl: grpcUrlVar(DEFAULT_GRPC_URLS.auth),
      messageGrpcUrl: grpcUrlVar(DEFAULT_GRPC_URLS.message),
      presenceGrpcUrl: grpcUrlVar(DEFAULT_GRPC_URLS.presence),
      heartbeatIntervalMs: intVar({ default: 10_000, min: 100, max: 300_000 }),
      heartbeatTimeoutMs: intVar({ default: 30_000, min: 300, max: 900_000 }),
      routeTtlMs: intVar({ default: 60_000, min: 1000, max: 3_600_000 }),
      shutdownGraceMs: shutdownGraceVar(),
      trustProxy: intVar({ default: 0, min: 0, max: 10 }),
      maxFramesPerSecond: intVar({ default: 50, min: 1, max: 100_000 }),
    },
    env,
  );
  if (config.heartbeatTimeoutMs <= config.heartbeatIntervalMs) {
    throw new Error(
      `GATEWAY_HEARTBEAT_TIMEOUT_MS (${config.heartbeatTimeoutMs}) must be greater than GATEWAY_HEARTBEAT_INTERVAL_MS (${config.heartbeatIntervalMs})`,
    );
  }

  return config;
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
