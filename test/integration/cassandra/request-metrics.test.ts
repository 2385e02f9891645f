/**
 * Request metrics of the Cassandra client against the real Cassandra: the
 * client built by createCassandraClient records each request's duration and
 * error class under a bounded operation name.
 */
import { randomBytes } from 'node:crypto';
import { CassandraClient, connectWithRetry, createCassandraClient } from '@messenger/cassandra';
import { createLogger } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { CASSANDRA_CONTACT_POINTS } from '../support/servers';

const logger = createLogger('cassandra-metrics-it', 'silent');
const keyspace = `metrics_it_${randomBytes(4).toString('hex')}`;
let cassandra: CassandraClient;

beforeAll(async () => {
  cassandra = createCassandraClient(
    { contactPoints: CASSANDRA_CONTACT_POINTS, localDataCenter: 'datacenter1', keyspace },
    logger,
  );
  await connectWithRetry(cassandra, logger, 120_000);
  await cassandra.execute(
    `CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
  );
  await cassandra.execute(`CREATE TABLE ${keyspace}.notes (id int PRIMARY KEY, body text)`);
  await cassandra.execute(`USE ${keyspace}`);
});

afterAll(async () => {
  await cassandra.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  await cassandra.shutdown();
});

/** Returns the value of one series in the text exposition, or undefined when the series is missing. */
async function seriesValue(name: string, labels: string): Promise<number | undefined> {
  const text = await serviceMetrics().registry.metrics();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`messenger_test_${name}{${labels}} `));

  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

describe('Cassandra request metrics', () => {
  it('records prepared reads, writes and batches', async () => {
    await cassandra.execute('INSERT INTO notes (id, body) VALUES (?, ?)', [1, 'first']);
    await cassandra.execute('UPDATE notes SET body = ? WHERE id = ?', ['changed', 1]);
    const result = await cassandra.execute('SELECT body FROM notes WHERE id = ?', [1]);
    await cassandra.batch([
      { query: 'INSERT INTO notes (id, body) VALUES (?, ?)', params: [2, 'second'] },
      { query: 'DELETE FROM notes WHERE id = ?', params: [1] },
    ]);

    expect(result.first().get('body')).toBe('changed');
    const duration = 'cassandra_request_duration_seconds_count';
    expect(await seriesValue(duration, 'operation="insert_notes",outcome="ok"')).toBeGreaterThanOrEqual(1);
    expect(await seriesValue(duration, 'operation="update_notes",outcome="ok"')).toBeGreaterThanOrEqual(1);
    expect(await seriesValue(duration, 'operation="select_notes",outcome="ok"')).toBeGreaterThanOrEqual(1);
    expect(await seriesValue(duration, 'operation="batch",outcome="ok"')).toBeGreaterThanOrEqual(1);
  });

  it('records a CQL syntax error', async () => {
    const before = (await seriesValue('cassandra_request_errors_total', 'operation="other",error="ResponseError"')) ?? 0;

    // Unprepared, because the driver sends PREPARE requests past the tracker.
    await expect(cassandra.execute('SELEC body FROM notes', [], { prepare: false })).rejects.toThrow(/syntax|viable/i);

    const errors = await seriesValue('cassandra_request_errors_total', 'operation="other",error="ResponseError"');
    expect(errors).toBe(before + 1);
    const duration = 'cassandra_request_duration_seconds_count';
    expect(await seriesValue(duration, 'operation="other",outcome="error"')).toBeGreaterThanOrEqual(1);
  });

  it('records failed prepared execution', async () => {
    await expect(cassandra.execute('SELECT body FROM notes LIMIT ?', [0])).rejects.toThrow(/LIMIT/);

    const errors = await seriesValue('cassandra_request_errors_total', 'operation="select_notes",error="ResponseError"');
    expect(errors).toBe(1);
    const duration = 'cassandra_request_duration_seconds_count';
    expect(await seriesValue(duration, 'operation="select_notes",outcome="error"')).toBe(1);
  });

  it('labels only bounded operation names', async () => {
    const text = await serviceMetrics().registry.metrics();
    const operations = [...text.matchAll(/^messenger_test_cassandra_\w+\{operation="([^"]*)"/gm)].map((match) => match[1]);

    expect(new Set(operations)).toEqual(new Set(['other', 'insert_notes', 'update_notes', 'select_notes', 'batch']));
  });
});
