import type { CassandraConfig } from '@messenger/cassandra';
import { ConfigError, EnvGroup, intVar, listVar, optionalStringVar, portVar, stringVar } from '@messenger/config';

/**
 * Settings that several services share, in groups that each app merges into
 * its own configuration with mergeEnvGroups. Defaults fit the local system
 * that scripts/start.sh runs on 127.0.0.1.
 */
export interface RedisSettings {
  redisUrl: string;
}

export interface KafkaSettings {
  kafkaBrokers: string[];
}

export interface CassandraSettings {
  cassandraContactPoints: string[];
  cassandraLocalDataCenter: string;
  cassandraKeyspace: string;
  cassandraUsername: string | undefined;
  cassandraPassword: string | undefined;
}

export interface ListenSettings {
  httpHost: string;
  httpPort: number;
  metricsHost: string;
  metricsPort: number;
}

export interface GrpcListenSettings {
  grpcHost: string;
  grpcPort: number;
}

const LOOPBACK = '127.0.0.1';

export const DEFAULT_GRPC_URLS = {
  auth: `${LOOPBACK}:50051`,
  message: `${LOOPBACK}:50052`,
  presence: `${LOOPBACK}:50053`,
  media: `${LOOPBACK}:50054`,
};

export function redisSettings(): EnvGroup<RedisSettings> {
  return {
    names: { redisUrl: 'REDIS_URL' },
    spec: { redisUrl: stringVar({ default: `redis://${LOOPBACK}:6379` }) },
  };
}

export function kafkaSettings(): EnvGroup<KafkaSettings> {
  return {
    names: { kafkaBrokers: 'KAFKA_BROKERS' },
    spec: { kafkaBrokers: listVar({ default: [`${LOOPBACK}:9092`] }) },
  };
}

export function cassandraSettings(): EnvGroup<CassandraSettings> {
  return {
    names: {
      cassandraContactPoints: 'CASSANDRA_CONTACT_POINTS',
      cassandraLocalDataCenter: 'CASSANDRA_LOCAL_DATA_CENTER',
      cassandraKeyspace: 'CASSANDRA_KEYSPACE',
      cassandraUsername: 'CASSANDRA_USERNAME',
      cassandraPassword: 'CASSANDRA_PASSWORD',
    },
    spec: {
      cassandraContactPoints: listVar({ default: [`${LOOPBACK}:9042`] }),
      cassandraLocalDataCenter: stringVar({ default: 'datacenter1' }),
      cassandraKeyspace: stringVar({ default: 'messenger' }),
      cassandraUsername: optionalStringVar(),
      cassandraPassword: optionalStringVar({ secret: true }),
    },
  };
}

/** Builds the Cassandra client's settings; a username needs a password and the other way round. */
export function cassandraConfig(settings: CassandraSettings): CassandraConfig {
  const { cassandraUsername: username, cassandraPassword: password } = settings;
  if ((username === undefined) !== (password === undefined)) {
    throw new ConfigError(['CASSANDRA_USERNAME and CASSANDRA_PASSWORD must be set together']);
  }

  return {
    contactPoints: settings.cassandraContactPoints,
    localDataCenter: settings.cassandraLocalDataCenter,
    keyspace: settings.cassandraKeyspace,
    credentials: username !== undefined && password !== undefined ? { username, password } : undefined,
  };
}

/** Declares the HTTP port (health, and the client API on gateways) and the separate metrics port. */
export function listenSettings(ports: { http: number; metrics: number }): EnvGroup<ListenSettings> {
  return {
    names: { httpHost: 'HTTP_HOST', httpPort: 'HTTP_PORT', metricsHost: 'METRICS_HOST', metricsPort: 'METRICS_PORT' },
    spec: {
      httpHost: stringVar({ default: LOOPBACK }),
      httpPort: portVar(ports.http),
      metricsHost: stringVar({ default: LOOPBACK }),
      metricsPort: portVar(ports.metrics),
    },
  };
}

export function grpcListenSettings(port: number): EnvGroup<GrpcListenSettings> {
  return {
    names: { grpcHost: 'GRPC_HOST', grpcPort: 'GRPC_PORT' },
    spec: { grpcHost: stringVar({ default: LOOPBACK }), grpcPort: portVar(port) },
  };
}

/** Address of another service's gRPC server, e.g. MESSAGE_GRPC_URL. */
export function grpcUrlVar(service: keyof typeof DEFAULT_GRPC_URLS) {
  return stringVar({ default: DEFAULT_GRPC_URLS[service] });
}

/** Reads how long a service waits for open connections to close after SIGTERM, in ms. */
export function shutdownGraceVar() {
  return intVar({ default: 10_000, min: 0, max: 600_000 });
}
