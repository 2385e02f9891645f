import {
  COMMON_ENV_NAMES,
  cassandraContactPointsVar,
  cassandraDataCenterVar,
  cassandraKeyspaceVar,
  hostVar,
  kafkaBrokersVar,
  portVar,
  redisUrlVar,
} from '@messenger/bootstrap';
import { intVar, readConfig } from '@messenger/config';

export interface MessageConfig {
  redisUrl: string;
  kafkaBrokers: string[];
  cassandraContactPoints: string[];
  cassandraLocalDataCenter: string;
  cassandraKeyspace: string;
  httpHost: string;
  httpPort: number;
  grpcHost: string;
  grpcPort: number;
  metricsHost: string;
  metricsPort: number;
  maxBatchSize: number;
}

export function readMessageConfig(env: NodeJS.ProcessEnv = process.env): MessageConfig {
  return readConfig<MessageConfig>(
    {
      redisUrl: COMMON_ENV_NAMES.redisUrl,
      kafkaBrokers: COMMON_ENV_NAMES.kafkaBrokers,
      cassandraContactPoints: COMMON_ENV_NAMES.cassandraContactPoints,
      cassandraLocalDataCenter: COMMON_ENV_NAMES.cassandraLocalDataCenter,
      cassandraKeyspace: COMMON_ENV_NAMES.cassandraKeyspace,
      httpHost: COMMON_ENV_NAMES.httpHost,
      httpPort: COMMON_ENV_NAMES.httpPort,
      grpcHost: COMMON_ENV_NAMES.grpcHost,
      grpcPort: COMMON_ENV_NAMES.grpcPort,
      metricsHost: COMMON_ENV_NAMES.metricsHost,
      metricsPort: COMMON_ENV_NAMES.metricsPort,
      maxBatchSize: 'MESSAGE_MAX_BATCH_SIZE',
    },
    {
      redisUrl: redisUrlVar(),
      kafkaBrokers: kafkaBrokersVar(),
      cassandraContactPoints: cassandraContactPointsVar(),
      cassandraLocalDataCenter: cassandraDataCenterVar(),
      cassandraKeyspace: cassandraKeyspaceVar(),
      httpHost: hostVar(),
      httpPort: portVar(3102),
      grpcHost: hostVar(),
      grpcPort: portVar(50052),
      metricsHost: hostVar(),
      metricsPort: portVar(9102),
      maxBatchSize: intVar({ default: 32, min: 1, max: 100 }),
    },
    env,
  );
}

export const MESSAGE_CONFIG = Symbol('MESSAGE_CONFIG');
