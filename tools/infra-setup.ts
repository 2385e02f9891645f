/**
 * Creates the Kafka topics, applies the Cassandra migrations and, when
 * MEDIA_S3_ACCESS_KEY_ID is set, creates the media bucket. Safe to run
 * again: existing topics and buckets are kept and applied migrations are
 * skipped. Run by deploy/local/setup.sh once the servers respond.
 */
import path from 'node:path';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { connectWithRetry, createCassandraClient, runMigrations } from '@messenger/cassandra';
import { cassandraConfig, cassandraSettings, kafkaSettings } from '@messenger/bootstrap';
import { envGroup, intVar, mergeEnvGroups, readConfig, stringVar } from '@messenger/config';
import { createKafka, createTopics } from '@messenger/kafka';
import { createLogger } from '@messenger/logging';
import { s3Settings } from '../apps/media/src/config/media.config';
import { s3ClientConfig } from '../apps/media/src/storage/object-storage';

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

  await createMediaBucket();
}

/** Creates the media service's bucket unless it exists; skipped where no S3 credentials are configured. */
async function createMediaBucket(): Promise<void> {
  if (!process.env.MEDIA_S3_ACCESS_KEY_ID) {
    logger.info('MEDIA_S3_ACCESS_KEY_ID is not set; skipping the media bucket');

    return;
  }
  const settings = s3Settings();
  const config = readConfig(settings.names, settings.spec);
  const client = new S3Client(s3ClientConfig(config));
  try {
    try {
      await client.send(new HeadBucketCommand({ Bucket: config.s3Bucket }));
      logger.info({ bucket: config.s3Bucket }, 'media bucket already exists');

      return;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) throw error;
    }
    await client.send(new CreateBucketCommand({ Bucket: config.s3Bucket }));
    logger.info({ bucket: config.s3Bucket, endpoint: config.s3Endpoint }, 'created media bucket');
  } finally {
    client.destroy();
  }
}

main().catch((error: unknown) => {
  logger.error({ err: error }, 'infrastructure setup failed');
  process.exit(1);
});
