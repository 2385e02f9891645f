import { Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { TOPIC_PARTITIONS, Topic } from './topics';

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
}

const LEVEL_NAMES: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

const RETRIED_ERRORS = /rebalancing|coordinator is loading|not the correct coordinator|leadership election/i;

/** Creates a kafkajs client whose log lines go to the service's JSON logger. */
export function createKafka(config: KafkaConfig, logger: Logger): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    connectionTimeout: 3000,
    retry: { initialRetryTime: 200, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      const { message, ...extra } = entry.log;
      // kafkajs reports these retried, self-healing conditions at error level.
      const retried = typeof extra.error === 'string' && RETRIED_ERRORS.test(extra.error);
      const level = retried ? 'warn' : (LEVEL_NAMES[entry.level] ?? 'info');
      logger[level]({ kafka: entry.namespace, ...extra }, `kafka: ${message}`);
    },
  });
}

/** Creates every topic of the platform that does not exist yet. */
export async function createTopics(kafka: Kafka, replicationFactor: number): Promise<Topic[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = (Object.keys(TOPIC_PARTITIONS) as Topic[]).filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: TOPIC_PARTITIONS[topic],
          replicationFactor,
        })),
      });
    }

    return missing;
  } finally {
    await admin.disconnect();
  }
}
