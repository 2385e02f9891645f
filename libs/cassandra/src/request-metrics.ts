import { errors, tracker } from 'cassandra-driver';
import type { ExecutionOptions, Host } from 'cassandra-driver';
import type { Counter, Histogram } from 'prom-client';
import { ServiceMetrics, serviceMetrics } from '@messenger/observability';

type TrackedQuery = string | Array<{ query: string; params?: unknown }>;
type TrackedParameters = unknown[] | { [name: string]: unknown } | null;
type HistogramChild = ReturnType<Histogram<string>['labels']>;

/** Histogram children of one operation, created once so that each request skips the label lookup. */
interface OperationSeries {
  operation: string;
  ok: HistogramChild;
  error: HistogramChild;
}

/**
 * Maximum number of query strings whose operation is cached. Statements that
 * inline their values instead of binding them make every query string new, so
 * the cache drops its oldest entry rather than grow.
 */
export const MAX_CACHED_QUERIES = 1000;

// Cassandra 5.0 rejects table names longer than 222 characters, so a longer name counts as "other".
const MAX_TABLE_NAME_LENGTH = 222;

const TABLE = String.raw`((?:"[^"]*"|\w+)(?:\s*\.\s*(?:"[^"]*"|\w+))?)`;
const STATEMENT_PATTERNS: Array<[verb: string, pattern: RegExp]> = [
  ['select', new RegExp(String.raw`^\s*select\b[\s\S]*?\bfrom\s+${TABLE}`, 'i')],
  ['insert', new RegExp(String.raw`^\s*insert\s+into\s+${TABLE}`, 'i')],
  ['update', new RegExp(String.raw`^\s*update\s+${TABLE}`, 'i')],
  ['delete', new RegExp(String.raw`^\s*delete\b[\s\S]*?\bfrom\s+${TABLE}`, 'i')],
  ['truncate', new RegExp(String.raw`^\s*truncate\s+(?:table\s+)?${TABLE}`, 'i')],
];
const BATCH_PATTERN = /^\s*begin\s+(?:(?:unlogged|counter)\s+)?batch\b/i;

/**
 * Derives a bounded operation name from CQL text: `<verb>_<table>` for
 * SELECT, INSERT, UPDATE, DELETE and TRUNCATE, `batch` for a BEGIN BATCH
 * statement and `other` for anything else (schema changes, USE, statements
 * that start with a comment). The keyspace qualifier is dropped, so that
 * keyspaces created per test run add no series, and the table name is
 * lower-cased.
 */
export function cqlOperation(query: string): string {
  if (BATCH_PATTERN.test(query)) return 'batch';

  for (const [verb, pattern] of STATEMENT_PATTERNS) {
    const match = pattern.exec(query);
    if (!match) continue;

    const table = tableName(match[1]);

    return table ? `${verb}_${table}` : 'other';
  }

  return 'other';
}

function tableName(qualifiedName: string): string | undefined {
  const parts = qualifiedName.split('.');
  const table = parts[parts.length - 1].trim().replace(/^"|"$/g, '').toLowerCase();
  const valid = /^\w+$/.test(table) && table.length <= MAX_TABLE_NAME_LENGTH;

  return valid ? table : undefined;
}

const ERROR_CLASSES: Array<[errorClass: new (...args: never[]) => Error, label: string]> = [
  [errors.ResponseError, 'ResponseError'],
  [errors.OperationTimedOutError, 'OperationTimedOutError'],
  [errors.NoHostAvailableError, 'NoHostAvailableError'],
  [errors.BusyConnectionError, 'BusyConnectionError'],
  [errors.AuthenticationError, 'AuthenticationError'],
  [errors.ArgumentError, 'ArgumentError'],
  [errors.NotSupportedError, 'NotSupportedError'],
  [errors.DriverInternalError, 'DriverInternalError'],
];

/**
 * Classifies a driver error for the `error` label: the driver error's class
 * name, `SocketError` for a connection failure that the driver flags with
 * `isSocketError`, and `other` for anything else.
 */
export function cassandraErrorClass(error: unknown): string {
  for (const [errorClass, label] of ERROR_CLASSES) {
    if (error instanceof errorClass) return label;
  }
  if (error instanceof Error && (error as { isSocketError?: boolean }).isSocketError === true) return 'SocketError';

  return 'other';
}

// The driver's typings declare RequestTracker as an interface, but the Client
// rejects a tracker that is not an instance of this class.
const RequestTrackerBase = (tracker as unknown as { RequestTracker: new () => tracker.RequestTracker }).RequestTracker;

/**
 * Request tracker that records the duration and errors of every request the
 * driver sends to a coordinator, labelled by operation.
 *
 * The driver (cassandra-driver 4.10) calls a tracker once per attempt: a
 * retry, a speculative execution and the re-send after an UNPREPARED error
 * are each observed.
 *
 * NOTE: The driver sends PREPARE requests past the tracker, so a prepared
 * statement that fails to prepare (a syntax error, an unknown table) is not
 * observed, and neither is a request that finds no host (NoHostAvailableError).
 */
export class CassandraRequestMetrics extends RequestTrackerBase {
  private readonly duration: Histogram<'operation' | 'outcome'>;
  private readonly errorsTotal: Counter<'operation' | 'error'>;
  private readonly seriesByQuery = new Map<string, OperationSeries>();
  private batchSeries?: OperationSeries;

  constructor(metrics: ServiceMetrics = serviceMetrics()) {
    super();
    this.duration = metrics.histogram(
      'cassandra_request_duration_seconds',
      'Duration of Cassandra requests in seconds',
      ['operation', 'outcome'],
    );
    this.errorsTotal = metrics.counter('cassandra_request_errors_total', 'Failed Cassandra requests', [
      'operation',
      'error',
    ]);
  }

  override onSuccess(
    _host: Host,
    query: TrackedQuery,
    _parameters: TrackedParameters,
    _executionOptions: ExecutionOptions,
    _requestLength: number,
    _responseLength: number,
    latency: number[],
  ): void {
    this.seriesFor(query).ok.observe(toSeconds(latency));
  }

  override onError(
    _host: Host,
    query: TrackedQuery,
    _parameters: TrackedParameters,
    _executionOptions: ExecutionOptions,
    _requestLength: number,
    error: Error,
    latency: number[],
  ): void {
    const series = this.seriesFor(query);
    series.error.observe(toSeconds(latency));
    this.errorsTotal.inc({ operation: series.operation, error: cassandraErrorClass(error) });
  }

  override shutdown(): void {
    this.seriesByQuery.clear();
  }

  private seriesFor(query: TrackedQuery): OperationSeries {
    if (typeof query !== 'string') {
      this.batchSeries ??= this.createSeries('batch');

      return this.batchSeries;
    }

    const cached = this.seriesByQuery.get(query);
    if (cached) return cached;

    if (this.seriesByQuery.size >= MAX_CACHED_QUERIES) {
      const oldest = this.seriesByQuery.keys().next().value as string;
      this.seriesByQuery.delete(oldest);
    }
    const series = this.createSeries(cqlOperation(query));
    this.seriesByQuery.set(query, series);

    return series;
  }

  private createSeries(operation: string): OperationSeries {
    return {
      operation,
      ok: this.duration.labels(operation, 'ok'),
      error: this.duration.labels(operation, 'error'),
    };
  }
}

function toSeconds([seconds, nanoseconds]: number[]): number {
  return seconds + nanoseconds / 1e9;
}
