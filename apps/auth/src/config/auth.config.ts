import {
  CassandraSettings,
  GrpcListenSettings,
  KafkaSettings,
  ListenSettings,
  RedisSettings,
  cassandraSettings,
  grpcListenSettings,
  kafkaSettings,
  listenSettings,
  redisSettings,
} from '@messenger/bootstrap';
import {
  ConfigError,
  EnvGroup,
  EnvVariable,
  envGroup,
  intVar,
  mergeEnvGroups,
  optionalStringVar,
  readConfig,
} from '@messenger/config';
import { SigningKey, loadSigningKey } from '../tokens/signing-key';

interface AuthSettings {
  /** The Ed25519 key that signs access tokens, loaded from AUTH_SIGNING_KEY_FILE. */
  signingKeyFile: SigningKeyFile;
  /** Overrides the key id; by default the RFC 7638 thumbprint of the public key. */
  signingKeyId: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** How long a rotated refresh token is remembered, so that its reuse revokes the session. */
  refreshReuseWindowSeconds: number;
  loginMaxAttempts: number;
  loginWindowSeconds: number;
  registerMaxPerIp: number;
}

/** Settings of the auth service, read once at start-up. TTLs and windows are in seconds. */
export type AuthConfig = RedisSettings &
  KafkaSettings &
  CassandraSettings &
  ListenSettings &
  GrpcListenSettings &
  AuthSettings;

export interface SigningKeyFile {
  path: string;
  key: SigningKey;
}

export const AUTH_ENV_NAMES: { [K in keyof AuthSettings]: string } = {
  signingKeyFile: 'AUTH_SIGNING_KEY_FILE',
  signingKeyId: 'AUTH_SIGNING_KEY_ID',
  accessTokenTtlSeconds: 'AUTH_ACCESS_TOKEN_TTL_SECONDS',
  refreshTokenTtlSeconds: 'AUTH_REFRESH_TOKEN_TTL_SECONDS',
  refreshReuseWindowSeconds: 'AUTH_REFRESH_REUSE_WINDOW_SECONDS',
  loginMaxAttempts: 'AUTH_LOGIN_MAX_ATTEMPTS',
  loginWindowSeconds: 'AUTH_LOGIN_WINDOW_SECONDS',
  registerMaxPerIp: 'AUTH_REGISTER_MAX_PER_IP',
};

export const AUTH_DEFAULTS = {
  httpPort: 3101,
  grpcPort: 50051,
  metricsPort: 9101,
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 30 * 24 * 3600,
  refreshReuseWindowSeconds: 24 * 3600,
  loginMaxAttempts: 10,
  loginWindowSeconds: 300,
  registerMaxPerIp: 20,
} as const;

/** Reads the required path to an Ed25519 private key (PKCS#8 PEM) and parses the key at start-up. */
function signingKeyFileVar(): EnvVariable<SigningKeyFile> {
  return {
    secret: true,
    read(name, raw) {
      if (raw === undefined) {
        throw new Error(`${name} is missing; generate a key with "openssl genpkey -algorithm ed25519 -out auth.pem"`);
      }
      try {
        return { path: raw, key: loadSigningKey(raw) };
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}`);
      }
    },
  };
}

/** Returns every environment variable that the auth service reads, with its reader. */
export function authEnv(): EnvGroup<AuthConfig> {
  return mergeEnvGroups(
    mergeEnvGroups(redisSettings(), kafkaSettings()),
    cassandraSettings(),
    mergeEnvGroups(
      listenSettings({ http: AUTH_DEFAULTS.httpPort, metrics: AUTH_DEFAULTS.metricsPort }),
      grpcListenSettings(AUTH_DEFAULTS.grpcPort),
    ),
    envGroup<AuthSettings>(AUTH_ENV_NAMES, {
      signingKeyFile: signingKeyFileVar(),
      signingKeyId: optionalStringVar(),
      accessTokenTtlSeconds: intVar({ default: AUTH_DEFAULTS.accessTokenTtlSeconds, min: 5, max: 24 * 3600 }),
      refreshTokenTtlSeconds: intVar({ default: AUTH_DEFAULTS.refreshTokenTtlSeconds, min: 60, max: 365 * 24 * 3600 }),
      refreshReuseWindowSeconds: intVar({
        default: AUTH_DEFAULTS.refreshReuseWindowSeconds,
        min: 0,
        max: 365 * 24 * 3600,
      }),
      loginMaxAttempts: intVar({ default: AUTH_DEFAULTS.loginMaxAttempts, min: 1, max: 10_000 }),
      loginWindowSeconds: intVar({ default: AUTH_DEFAULTS.loginWindowSeconds, min: 1, max: 24 * 3600 }),
      registerMaxPerIp: intVar({ default: AUTH_DEFAULTS.registerMaxPerIp, min: 1, max: 100_000 }),
    }),
  );
}

/** Reads and validates the configuration; throws one ConfigError that names every bad variable. */
export function readAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const settings = authEnv();
  const config = readConfig<AuthConfig>(settings.names, settings.spec, env);

  const problems: string[] = [];
  if (config.refreshTokenTtlSeconds <= config.accessTokenTtlSeconds) {
    problems.push(
      `${AUTH_ENV_NAMES.refreshTokenTtlSeconds} (${config.refreshTokenTtlSeconds}) must be greater than ` +
        `${AUTH_ENV_NAMES.accessTokenTtlSeconds} (${config.accessTokenTtlSeconds})`,
    );
  }
  if (config.signingKeyId !== undefined && !/^[A-Za-z0-9._:-]{1,128}$/.test(config.signingKeyId)) {
    problems.push(`${AUTH_ENV_NAMES.signingKeyId} must be 1-128 characters of A-Z a-z 0-9 . _ : -`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return config;
}
