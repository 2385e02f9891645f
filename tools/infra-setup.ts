/**
 * Creates the Kafka topics and applies the Cassandra migrations. Safe to run
 * again: existing topics are kept and applied migrations are skipped.
 * Run by deploy/local/setup.sh once the servers respond.
 */
import path from 'node:path';
import { connectWithRetry, createCassandraClient, runMigrations } from '@messenger/cassandra';
import { cassandraConfig, cassandraSettings, kafkaSettings } from '@messenger/bootstrap';
import { envGroup, intVar, mergeEnvGroups, readConfig, stringVar } from '@messenger/config';
import { createKafka, createTopics } from '@messenger/kafka';
import { createLogger } from '@messenger/logging';

const logger = createLogger('infra-setup');

async function main(): Promise<void> {
  const settings = mergeEnvGroups(
    kafkaSettings(),
    cassandraSettings(),
    envGroup<{ kafkaReplicationFactor: number; cassandraReplication: string }>(
      { kafkaReplicationFactor: 'KAFKA_REPLICATION_FACTOR', cassandraReplication: 'CASSANDRA_REPLICATION' },
      {
        kafkaReplicationFactor: intVar({ default: 1, min: 1 }),
        cassandraReplication: stringVar({ default: "{'class': 'SimpleStrategy', 'replication_factor': 1}" }),
      },
    ),
  );
  const config = readConfig(settings.names, settings.spec);

  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'infra-setup' }, logger);
  const created = await createTopics(kafka, config.kafkaReplicationFactor);
  logger.info({ created }, created.length > 0 ? 'created kafka topics' : 'kafka topics already exist');

  const cassandra = createCassandraClient(cassandraConfig(config), logger);
  try {
    await connectWithRetry(cassandra, logger, 120_000);
    const applied = await runMigrations(
      cassandra,
      {
        keyspace: config.cassandraKeyspace,
        replication: config.cassandraReplication,
        dir: path.resolve(__dirname, '..', '..', 'deploy', 'cassandra', 'migrations'),
      },
      logger,
    );
    logger.info({ keyspace: config.cassandraKeyspace, applied }, 'cassandra schema is up to date');
  } finally {
    await cassandra.shutdown();
  }
}

main().catch((error: unknown) => {
  logger.error({ err: error }, 'infrastructure setup failed');
  process.exit(1);
});
