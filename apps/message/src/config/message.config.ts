import {
  CassandraSettings,
  GrpcListenSettings,
  KafkaSettings,
  ListenSettings,
  RedisSettings,
  cassandraSettings,
  grpcListenSettings,
  grpcUrlVar,
  kafkaSettings,
  listenSettings,
  redisSettings,
} from '@messenger/bootstrap';
import { EnvGroup, envGroup, intVar, mergeEnvGroups, readConfig } from '@messenger/config';

interface MessageSettings {
  /** Maximum number of queued sends to one conversation stored in one conditional batch. */
  maxBatchSize: number;
  /** Address of the media service, which checks the files attached to a message. */
  mediaGrpcUrl: string;
}

export type MessageConfig = RedisSettings &
  KafkaSettings &
  CassandraSettings &
  ListenSettings &
  GrpcListenSettings &
  MessageSettings;

const messageSettings = envGroup<MessageSettings>(
  { maxBatchSize: 'MESSAGE_MAX_BATCH_SIZE', mediaGrpcUrl: 'MEDIA_GRPC_URL' },
  { maxBatchSize: intVar({ default: 32, min: 1, max: 100 }), mediaGrpcUrl: grpcUrlVar('media') },
);

/** Returns every environment variable that the message service reads, with its reader. */
export function messageEnv(): EnvGroup<MessageConfig> {
  return mergeEnvGroups(
    mergeEnvGroups(redisSettings(), kafkaSettings()),
    cassandraSettings(),
    mergeEnvGroups(listenSettings({ http: 3102, metrics: 9102 }), grpcListenSettings(50052)),
    messageSettings,
  );
}

export function readMessageConfig(env: NodeJS.ProcessEnv = process.env): MessageConfig {
  const settings = messageEnv();

  return readConfig<MessageConfig>(settings.names, settings.spec, env);
}

export const MESSAGE_CONFIG = Symbol('MESSAGE_CONFIG');
