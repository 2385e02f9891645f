import {
  COMMON_ENV_NAMES,
  DEFAULT_GRPC_URLS,
  grpcUrlVar,
  hostVar,
  kafkaBrokersVar,
  portVar,
  redisUrlVar,
} from '@messenger/bootstrap';
import { ConfigError, intVar, readConfig } from '@messenger/config';

export const PRESENCE_ENV_NAMES = {
  redisUrl: COMMON_ENV_NAMES.redisUrl,
  kafkaBrokers: COMMON_ENV_NAMES.kafkaBrokers,
  httpHost: COMMON_ENV_NAMES.httpHost,
  httpPort: COMMON_ENV_NAMES.httpPort,
  grpcHost: COMMON_ENV_NAMES.grpcHost,
  grpcPort: COMMON_ENV_NAMES.grpcPort,
  metricsHost: COMMON_ENV_NAMES.metricsHost,
  metricsPort: COMMON_ENV_NAMES.metricsPort,
  messageGrpcUrl: COMMON_ENV_NAMES.messageGrpcUrl,
  heartbeatTimeoutMs: 'PRESENCE_HEARTBEAT_TIMEOUT_MS',
  disconnectGraceMs: 'PRESENCE_DISCONNECT_GRACE_MS',
  sweepIntervalMs: 'PRESENCE_SWEEP_INTERVAL_MS',
} as const;

export interface PresenceConfig {
  redisUrl: string;
  kafkaBrokers: string[];
  httpHost: string;
  httpPort: number;
  grpcHost: string;
  grpcPort: number;
  metricsHost: string;
  metricsPort: number;
  messageGrpcUrl: string;
  /** A device whose last heartbeat is older than this (ms) is gone. */
  heartbeatTimeoutMs: number;
  /** Time (ms) that a device still counts as online after an explicit Disconnect. */
  disconnectGraceMs: number;
  /** Pause (ms) between the end of one sweep and the start of the next. */
  sweepIntervalMs: number;
}

const ONE_HOUR_MS = 3_600_000;

/**
 * Reads the presence service's settings from the environment. Throws one
 * ConfigError that names every invalid variable, including a disconnect grace
 * longer than the heartbeat timeout.
 */
export function readPresenceConfig(env: NodeJS.ProcessEnv = process.env): PresenceConfig {
  const config = readConfig<PresenceConfig>(
    PRESENCE_ENV_NAMES,
    {
      redisUrl: redisUrlVar(),
      kafkaBrokers: kafkaBrokersVar(),
      httpHost: hostVar(),
      httpPort: portVar(3103),
      grpcHost: hostVar(),
      grpcPort: portVar(50053),
      metricsHost: hostVar(),
      metricsPort: portVar(9103),
      messageGrpcUrl: grpcUrlVar(DEFAULT_GRPC_URLS.message),
      heartbeatTimeoutMs: intVar({ default: 30_000, min: 50, max: ONE_HOUR_MS }),
      disconnectGraceMs: intVar({ default: 5_000, min: 0, max: ONE_HOUR_MS }),
      sweepIntervalMs: intVar({ default: 1_000, min: 10, max: 60_000 }),
    },
    env,
  );

  // A grace longer than the timeout would keep a cleanly closed device online
  // longer than one that vanished.
  if (config.disconnectGraceMs > config.heartbeatTimeoutMs) {
    throw new ConfigError([
      `${PRESENCE_ENV_NAMES.disconnectGraceMs} (${config.disconnectGraceMs}) must not exceed ` +
        `${PRESENCE_ENV_NAMES.heartbeatTimeoutMs} (${config.heartbeatTimeoutMs})`,
    ]);
  }

  return config;
}
