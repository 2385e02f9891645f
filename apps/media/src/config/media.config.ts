import fs from 'node:fs';
import {
  CassandraSettings,
  GrpcListenSettings,
  ListenSettings,
  RedisSettings,
  cassandraSettings,
  grpcListenSettings,
  grpcUrlVar,
  listenSettings,
  redisSettings,
} from '@messenger/bootstrap';
import { EnvGroup, EnvVariable, enumVar, envGroup, intVar, mergeEnvGroups, readConfig, stringVar } from '@messenger/config';

export interface S3Settings {
  /** Base URL of the S3-compatible server, e.g. http://127.0.0.1:9000. */
  s3Endpoint: string;
  s3Region: string;
  s3Bucket: string;
  s3AccessKeyId: string;
  s3SecretAccessKey: string;
  /** Bucket in the URL path instead of the host name, as most self-hosted S3 servers need. */
  s3ForcePathStyle: boolean;
}

interface MediaSettings {
  authGrpcUrl: string;
  messageGrpcUrl: string;
  /** Largest accepted upload, in bytes. */
  maxUploadBytes: number;
  /** Largest image, in pixels (width × height), that the service decodes. */
  maxImagePixels: number;
  /** HMAC-SHA256 key of download URLs, read from MEDIA_URL_SIGNING_KEY_FILE. */
  urlSigningKey: Buffer;
  /** Lifetime of a download URL, in seconds. */
  urlTtlSeconds: number;
  /** Age after which an unfinished upload is deleted, in hours. */
  uploadExpiryHours: number;
}

export type MediaConfig = RedisSettings & CassandraSettings & ListenSettings & GrpcListenSettings & S3Settings & MediaSettings;

export const MEDIA_DEFAULTS = {
  httpPort: 3104,
  grpcPort: 50054,
  metricsPort: 9104,
  maxUploadBytes: 100 * 1024 * 1024,
  maxImagePixels: 50_000_000,
  urlTtlSeconds: 300,
  uploadExpiryHours: 24,
} as const;

/** S3 allows 5 GiB per copy request, and processing copies each upload once. */
const MAX_UPLOAD_BYTES_LIMIT = 5 * 1024 ** 3;
const MIN_SIGNING_KEY_BYTES = 32;

function httpUrlVar(defaultValue: string): EnvVariable<string> {
  return {
    read(name, raw) {
      const value = raw ?? defaultValue;
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new Error(`${name} must be an http or https URL, got "${value}"`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Error(`${name} must be an http or https URL, got "${value}"`);
      }

      return value.replace(/\/+$/, '');
    },
  };
}

function requiredSecretVar(hint: string): EnvVariable<string> {
  return {
    secret: true,
    read(name, raw) {
      if (raw === undefined) throw new Error(`${name} is missing; ${hint}`);

      return raw;
    },
  };
}

/** Reads the path of a file with at least 32 bytes of key material and loads it at start-up. */
function signingKeyFileVar(): EnvVariable<Buffer> {
  return {
    secret: true,
    read(name, raw) {
      if (raw === undefined) {
        throw new Error(`${name} is missing; create a key with "openssl rand -out media-url.key 32"`);
      }
      let key: Buffer;
      try {
        key = fs.readFileSync(raw);
      } catch (error) {
        throw new Error(`${name}: cannot read ${raw}: ${(error as Error).message}`);
      }
      if (key.length < MIN_SIGNING_KEY_BYTES) {
        throw new Error(
          `${name}: ${raw} contains ${key.length} bytes, expected at least ${MIN_SIGNING_KEY_BYTES}; create it with "openssl rand -out ${raw} 32"`,
        );
      }

      return key;
    },
  };
}

export const MEDIA_ENV_NAMES = {
  s3Endpoint: 'MEDIA_S3_ENDPOINT',
  s3Region: 'MEDIA_S3_REGION',
  s3Bucket: 'MEDIA_S3_BUCKET',
  s3AccessKeyId: 'MEDIA_S3_ACCESS_KEY_ID',
  s3SecretAccessKey: 'MEDIA_S3_SECRET_ACCESS_KEY',
  s3ForcePathStyle: 'MEDIA_S3_FORCE_PATH_STYLE',
  authGrpcUrl: 'AUTH_GRPC_URL',
  messageGrpcUrl: 'MESSAGE_GRPC_URL',
  maxUploadBytes: 'MEDIA_MAX_UPLOAD_BYTES',
  maxImagePixels: 'MEDIA_MAX_IMAGE_PIXELS',
  urlSigningKey: 'MEDIA_URL_SIGNING_KEY_FILE',
  urlTtlSeconds: 'MEDIA_URL_TTL_SECONDS',
  uploadExpiryHours: 'MEDIA_UPLOAD_EXPIRY_HOURS',
} as const;

/** Returns the S3 variables, which deploy/local's setup step reads too. */
export function s3Settings(): EnvGroup<S3Settings> {
  return envGroup<S3Settings>(
    {
      s3Endpoint: MEDIA_ENV_NAMES.s3Endpoint,
      s3Region: MEDIA_ENV_NAMES.s3Region,
      s3Bucket: MEDIA_ENV_NAMES.s3Bucket,
      s3AccessKeyId: MEDIA_ENV_NAMES.s3AccessKeyId,
      s3SecretAccessKey: MEDIA_ENV_NAMES.s3SecretAccessKey,
      s3ForcePathStyle: MEDIA_ENV_NAMES.s3ForcePathStyle,
    },
    {
      s3Endpoint: httpUrlVar('http://127.0.0.1:9000'),
      s3Region: stringVar({ default: 'us-east-1' }),
      s3Bucket: stringVar({ default: 'messenger-media' }),
      s3AccessKeyId: requiredSecretVar('set the access key id of the S3 server'),
      s3SecretAccessKey: requiredSecretVar('set the secret access key of the S3 server'),
      s3ForcePathStyle: booleanVar(true),
    },
  );
}

function booleanVar(defaultValue: boolean): EnvVariable<boolean> {
  const reader = enumVar(['true', 'false'] as const, defaultValue ? 'true' : 'false');

  return { read: (name, raw) => reader.read(name, raw) === 'true' };
}

const mediaSettings = envGroup<MediaSettings>(
  {
    authGrpcUrl: MEDIA_ENV_NAMES.authGrpcUrl,
    messageGrpcUrl: MEDIA_ENV_NAMES.messageGrpcUrl,
    maxUploadBytes: MEDIA_ENV_NAMES.maxUploadBytes,
    maxImagePixels: MEDIA_ENV_NAMES.maxImagePixels,
    urlSigningKey: MEDIA_ENV_NAMES.urlSigningKey,
    urlTtlSeconds: MEDIA_ENV_NAMES.urlTtlSeconds,
    uploadExpiryHours: MEDIA_ENV_NAMES.uploadExpiryHours,
  },
  {
    authGrpcUrl: grpcUrlVar('auth'),
    messageGrpcUrl: grpcUrlVar('message'),
    maxUploadBytes: intVar({ default: MEDIA_DEFAULTS.maxUploadBytes, min: 1, max: MAX_UPLOAD_BYTES_LIMIT }),
    maxImagePixels: intVar({ default: MEDIA_DEFAULTS.maxImagePixels, min: 1, max: 1_000_000_000 }),
    urlSigningKey: signingKeyFileVar(),
    urlTtlSeconds: intVar({ default: MEDIA_DEFAULTS.urlTtlSeconds, min: 10, max: 86_400 }),
    uploadExpiryHours: intVar({ default: MEDIA_DEFAULTS.uploadExpiryHours, min: 1, max: 720 }),
  },
);

/** Returns every environment variable that the media service reads, with its reader. */
export function mediaEnv(): EnvGroup<MediaConfig> {
  return mergeEnvGroups(
    mergeEnvGroups(redisSettings(), cassandraSettings()),
    mergeEnvGroups(
      listenSettings({ http: MEDIA_DEFAULTS.httpPort, metrics: MEDIA_DEFAULTS.metricsPort }),
      grpcListenSettings(MEDIA_DEFAULTS.grpcPort),
    ),
    s3Settings(),
    mediaSettings,
  );
}

export function readMediaConfig(env: NodeJS.ProcessEnv = process.env): MediaConfig {
  const settings = mediaEnv();

  return readConfig<MediaConfig>(settings.names, settings.spec, env);
}

export const MEDIA_CONFIG = Symbol('MEDIA_CONFIG');
