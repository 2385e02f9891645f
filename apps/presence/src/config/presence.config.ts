import {
  GrpcListenSettings,
  KafkaSettings,
  ListenSettings,
  RedisSettings,
  grpcListenSettings,
  grpcUrlVar,
  kafkaSettings,
  listenSettings,
  redisSettings,
} from '@messenger/bootstrap';
import { ConfigError, EnvGroup, envGroup, intVar, mergeEnvGroups, readConfig } from '@messenger/config';

interface PresenceSettings {
  messageGrpcUrl: string;
  /** A device whose last heartbeat is older than this (ms) is gone. */
  heartbeatTimeoutMs: number;
  /** Time (ms) that a device still counts as online after an explicit Disconnect. */
  disconnectGraceMs: number;
  /** Pause (ms) between the end of one sweep and the start of the next. */
  sweepIntervalMs: number;
}

export type PresenceConfig = RedisSettings & KafkaSettings & ListenSettings & GrpcListenSettings & PresenceSettings;

const ONE_HOUR_MS = 3_600_000;

export const PRESENCE_ENV_NAMES = {
  messageGrpcUrl: 'MESSAGE_GRPC_URL',
  heartbeatTimeoutMs: 'PRESENCE_HEARTBEAT_TIMEOUT_MS',
  disconnectGraceMs: 'PRESENCE_DISCONNECT_GRACE_MS',
  sweepIntervalMs: 'PRESENCE_SWEEP_INTERVAL_MS',
} as const;

const presenceSettings = envGroup<PresenceSettings>(PRESENCE_ENV_NAMES, {
  messageGrpcUrl: grpcUrlVar('message'),
  heartbeatTimeoutMs: intVar({ default: 30_000, min: 50, max: ONE_HOUR_MS }),
  disconnectGraceMs: intVar({ default: 5_000, min: 0, max: ONE_HOUR_MS }),
  sweepIntervalMs: intVar({ default: 1_000, min: 10, max: 60_000 }),
});

/**
 * Reads the presence service's settings from the environment. Throws one
 * ConfigError that names every invalid variable, including a disconnect grace
 * longer than the heartbeat timeout.
 */
/** Returns every environment variable that the presence service reads, with its reader. */
export function presenceEnv(): EnvGroup<PresenceConfig> {
  return mergeEnvGroups(
    mergeEnvGroups(redisSettings(), kafkaSettings()),
    listenSettings({ http: 3103, metrics: 9103 }),
    grpcListenSettings(50053),
    presenceSettings,
  );
}

export function readPresenceConfig(env: NodeJS.ProcessEnv = process.env): PresenceConfig {
  const settings = presenceEnv();
  const config = readConfig<PresenceConfig>(settings.names, settings.spec, env);

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
