import { Client, types } from 'cassandra-driver';
import type { Logger } from 'pino';
import { CassandraRequestMetrics } from './request-metrics';

export { types } from 'cassandra-driver';
export type { Client as CassandraClient } from 'cassandra-driver';

export interface CassandraConfig {
  contactPoints: string[];
  localDataCenter: string;
  keyspace: string;
  /** For servers that require a login (PasswordAuthenticator). */
  credentials?: { username: string; password: string };
}

/**
 * Creates a driver client with LOCAL_QUORUM reads and writes and prepared
 * statements by default, which records the duration and errors of its
 * requests in the process's metrics.
 */
export function createCassandraClient(config: CassandraConfig, logger: Logger, keyspace?: string): Client {
  const client = new Client({
    contactPoints: config.contactPoints,
    localDataCenter: config.localDataCenter,
    keyspace,
    credentials: config.credentials,
    queryOptions: {
      consistency: types.consistencies.localQuorum,
      serialConsistency: types.consistencies.localSerial,
      prepare: true,
    },
    socketOptions: { connectTimeout: 5000, readTimeout: 12000 },
    requestTracker: new CassandraRequestMetrics(),
  });
  client.on('log', (level: string, className: string, message: string) => {
    if (level === 'error' || level === 'warning') {
      logger.warn({ driver: className }, `cassandra driver: ${message}`);
    }
  });

  return client;
}

export async function pingCassandra(client: Client): Promise<void> {
  await client.execute('SELECT release_version FROM system.local', [], { prepare: false });
}

/** Connects, retrying until the server accepts the connection or the timeout passes. */
export async function connectWithRetry(client: Client, logger: Logger, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.connect();

      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      logger.info({ attempt, err: (error as Error).message }, 'cassandra not reachable yet, retrying');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** Creates a client bound to the keyspace and connects it, waiting for the server as connectWithRetry does. */
export async function connectCassandra(config: CassandraConfig, logger: Logger): Promise<Client> {
  const client = createCassandraClient(config, logger, config.keyspace);
  await connectWithRetry(client, logger);
  logger.info({ keyspace: config.keyspace }, 'cassandra connected');

  return client;
}
