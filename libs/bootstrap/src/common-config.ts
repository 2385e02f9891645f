import { intVar, listVar, portVar, stringVar } from '@messenger/config';

/** Environment variable names of the settings that several services share. */
export const COMMON_ENV_NAMES = {
  redisUrl: 'REDIS_URL',
  kafkaBrokers: 'KAFKA_BROKERS',
  cassandraContactPoints: 'CASSANDRA_CONTACT_POINTS',
  cassandraLocalDataCenter: 'CASSANDRA_LOCAL_DATA_CENTER',
  cassandraKeyspace: 'CASSANDRA_KEYSPACE',
  httpHost: 'HTTP_HOST',
  httpPort: 'HTTP_PORT',
  grpcHost: 'GRPC_HOST',
  grpcPort: 'GRPC_PORT',
  metricsHost: 'METRICS_HOST',
  metricsPort: 'METRICS_PORT',
  authGrpcUrl: 'AUTH_GRPC_URL',
  messageGrpcUrl: 'MESSAGE_GRPC_URL',
  presenceGrpcUrl: 'PRESENCE_GRPC_URL',
  shutdownGraceMs: 'SHUTDOWN_GRACE_MS',
} as const;

export const redisUrlVar = () => stringVar({ default: 'redis://127.0.0.1:6379' });
export const kafkaBrokersVar = () => listVar({ default: ['127.0.0.1:9092'] });
export const cassandraContactPointsVar = () => listVar({ default: ['127.0.0.1:9042'] });
export const cassandraDataCenterVar = () => stringVar({ default: 'datacenter1' });
export const cassandraKeyspaceVar = () => stringVar({ default: 'messenger' });
export const hostVar = () => stringVar({ default: '127.0.0.1' });
export { portVar };
export const grpcUrlVar = (defaultUrl: string) => stringVar({ default: defaultUrl });
export const shutdownGraceVar = () => intVar({ default: 10_000, min: 0, max: 600_000 });

export const DEFAULT_GRPC_URLS = {
  auth: '127.0.0.1:50051',
  message: '127.0.0.1:50052',
  presence: '127.0.0.1:50053',
};
