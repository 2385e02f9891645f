import { Client, errors } from 'cassandra-driver';
import type { ExecutionOptions, Host } from 'cassandra-driver';
import type { Histogram } from 'prom-client';
import { ServiceMetrics } from '@messenger/observability';
import { CassandraRequestMetrics, MAX_CACHED_QUERIES, cassandraErrorClass, cqlOperation } from './request-metrics';

describe('cqlOperation', () => {
  it.each([
    ['SELECT last_seq FROM messages WHERE conversation_id = ? LIMIT 1', 'select_messages'],
    ['select seq, writetime(message_id) AS written_at from message_client_ids', 'select_message_client_ids'],
    ['SELECT from_date FROM events', 'select_events'],
    ['SELECT COUNT(*) FROM users', 'select_users'],
    ['SELECT release_version FROM system.local', 'select_local'],
    ['SELECT version FROM message_it_1a2b3c4d.schema_migrations', 'select_schema_migrations'],
    ['INSERT INTO messages (conversation_id, seq) VALUES (?, ?)', 'insert_messages'],
    ['  insert into "Users" (user_id) values (?) IF NOT EXISTS', 'insert_users'],
    ['UPDATE conversations SET kind = ? WHERE conversation_id = ?', 'update_conversations'],
    ['UPDATE device_cursors USING TIMESTAMP ? SET acked_seq = ?', 'update_device_cursors'],
    ['DELETE FROM users_by_username WHERE username = ? IF user_id = ?', 'delete_users_by_username'],
    ['DELETE body FROM messages WHERE conversation_id = ?', 'delete_messages'],
    ['TRUNCATE TABLE sessions', 'truncate_sessions'],
    ['BEGIN BATCH INSERT INTO a (x) VALUES (1); APPLY BATCH', 'batch'],
    ['BEGIN UNLOGGED BATCH UPDATE a SET x = 1 WHERE k = 2; APPLY BATCH', 'batch'],
  ])('names %j as %s', (query, operation) => {
    expect(cqlOperation(query)).toBe(operation);
  });

  it.each([
    'CREATE TABLE IF NOT EXISTS notes (id int PRIMARY KEY)',
    'DROP KEYSPACE IF EXISTS message_it_1a2b3c4d',
    'USE messenger',
    'SELEC * FROM messages',
    '-- leading comment\nSELECT * FROM messages',
    'SELECT * FROM "odd table"',
    `SELECT * FROM ${'t'.repeat(223)}`,
    '',
  ])('names %j as other', (query) => {
    expect(cqlOperation(query)).toBe('other');
  });
});

describe('cassandraErrorClass', () => {
  it.each([
    [new errors.ResponseError(0x2000, 'line 1:0 no viable alternative'), 'ResponseError'],
    [new errors.OperationTimedOutError('timed out', '127.0.0.1:9042'), 'OperationTimedOutError'],
    [new errors.NoHostAvailableError({}), 'NoHostAvailableError'],
    [new errors.BusyConnectionError('127.0.0.1:9042', 2048, 1), 'BusyConnectionError'],
    [new errors.AuthenticationError('bad credentials'), 'AuthenticationError'],
    [new errors.ArgumentError('bad argument'), 'ArgumentError'],
    [new errors.NotSupportedError('not supported'), 'NotSupportedError'],
    [new errors.DriverInternalError('driver bug'), 'DriverInternalError'],
  ])('names %s by its class', (error, label) => {
    expect(cassandraErrorClass(error)).toBe(label);
  });

  it('names a flagged socket error SocketError', () => {
    const error = Object.assign(new Error('read ECONNRESET'), { isSocketError: true });

    expect(cassandraErrorClass(error)).toBe('SocketError');
  });

  it.each([new Error('plain'), new TypeError('bad type'), 'a string', undefined])('names %j other', (error) => {
    expect(cassandraErrorClass(error)).toBe('other');
  });
});

describe('CassandraRequestMetrics', () => {
  const host = {} as Host;
  const options = {} as ExecutionOptions;
  let metrics: ServiceMetrics;
  let sut: CassandraRequestMetrics;

  beforeEach(() => {
    metrics = new ServiceMetrics('unit');
    sut = new CassandraRequestMetrics(metrics);
  });

  async function durationValues() {
    const histogram = metrics.registry.getSingleMetric('messenger_unit_cassandra_request_duration_seconds');

    return (await (histogram as Histogram).get()).values;
  }

  async function durationCount(labels: Record<string, string>): Promise<number | undefined> {
    const count = (await durationValues()).find(
      (value) =>
        value.metricName === 'messenger_unit_cassandra_request_duration_seconds_count' &&
        Object.entries(labels).every(([name, expected]) => value.labels[name] === expected),
    );

    return count?.value;
  }

  async function errorCount(labels: Record<string, string>): Promise<number | undefined> {
    const metric = await metrics.registry.getSingleMetric('messenger_unit_cassandra_request_errors_total')!.get();
    const count = metric.values.find((value) =>
      Object.entries(labels).every(([name, expected]) => value.labels[name] === expected),
    );

    return count?.value;
  }

  it('is accepted by the driver client', () => {
    const create = () =>
      new Client({ contactPoints: ['127.0.0.1'], localDataCenter: 'datacenter1', requestTracker: sut });

    expect(create).not.toThrow();
  });

  it('records successes by operation', async () => {
    const query = 'SELECT * FROM messages WHERE conversation_id = ?';

    sut.onSuccess(host, query, [], options, 10, 100, [0, 2_000_000]);
    sut.onSuccess(host, query, [], options, 10, 100, [1, 0]);

    expect(await durationCount({ operation: 'select_messages', outcome: 'ok' })).toBe(2);
    const sum = (await durationValues()).find((value) => value.metricName?.endsWith('_sum'));
    expect(sum?.value).toBeCloseTo(1.002);
  });

  it('records errors by operation and class', async () => {
    const error = new errors.ResponseError(0x2200, 'unconfigured table');

    sut.onError(host, 'UPDATE conversations SET kind = ?', [], options, 10, error, [0, 500_000]);

    expect(await durationCount({ operation: 'update_conversations', outcome: 'error' })).toBe(1);
    expect(await errorCount({ operation: 'update_conversations', error: 'ResponseError' })).toBe(1);
  });

  it('records a batch as batch', async () => {
    const queries = [{ query: 'INSERT INTO messages (a) VALUES (?)', params: [1] }];

    sut.onSuccess(host, queries, null, options, 10, 0, [0, 1000]);

    expect(await durationCount({ operation: 'batch', outcome: 'ok' })).toBe(1);
  });

  it('caps the query cache', async () => {
    for (let index = 0; index <= MAX_CACHED_QUERIES; index++) {
      sut.onSuccess(host, `SELECT * FROM messages WHERE id = ${index}`, null, options, 0, 0, [0, 1000]);
    }

    expect(sut['seriesByQuery'].size).toBe(MAX_CACHED_QUERIES);
    expect(await durationCount({ operation: 'select_messages', outcome: 'ok' })).toBe(MAX_CACHED_QUERIES + 1);
  });
});
