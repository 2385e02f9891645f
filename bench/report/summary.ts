import type { SystemKind } from '../generator/worker-protocol';
import type { BenchResults } from './results';

export const PLATFORM: SystemKind = 'platform';

/** Returns the median, or null for no values. Infinity stands for "not reached" and sorts last. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface SummaryRow {
  metric: string;
  /** Whether a higher value is better, for reading the ratio. */
  higherIsBetter: boolean;
  values: Partial<Record<SystemKind, number | null>>;
}

const infinite = (value: number | null | undefined) => (value === null || value === undefined ? Infinity : value);

function row(metric: string, higherIsBetter: boolean, systems: SystemKind[], pick: (kind: SystemKind) => number[] | undefined, reduce = median): SummaryRow {
  const values: SummaryRow['values'] = {};
  for (const kind of systems) {
    const picked = pick(kind);
    values[kind] = picked === undefined || picked.length === 0 ? null : reduce(picked);
  }

  return { metric, higherIsBetter, values };
}

const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);

/** Medians over the rounds of each scenario's headline numbers; counts of lost and duplicated messages are totals. */
export function summarize(results: BenchResults): SummaryRow[] {
  const systems = results.options.systems;
  const rows: SummaryRow[] = [
    row('idle: memory per connection, all counted processes (bytes)', false, systems, (kind) => results.idle[kind]?.map((r) => r.bytesPerConnection)),
    row('idle: memory per connection, connection servers only (bytes)', false, systems, (kind) => results.idle[kind]?.map((r) => r.connectionServerBytesPerConnection)),
    row('throughput: max sustained rate (messages/s)', true, systems, (kind) => results.throughput[kind]?.map((r) => r.maxSustainedRate ?? 0)),
    row('throughput: delivered per server CPU-second at that rate', true, systems, (kind) => results.throughput[kind]?.map((r) => r.deliveredPerServerCpuSecond ?? 0)),
  ];
  for (const [index, fraction] of results.options.latencyFractions.entries()) {
    const rate = results.relayMaxRate === null ? '?' : Math.round(results.relayMaxRate * fraction);
    const points = (kind: SystemKind) => results.latency[kind]?.map((round) => round[index]).filter((point) => point !== undefined);
    for (const [label, key] of [['p50', 'p50Ms'], ['p99', 'p99Ms'], ['p99.9', 'p999Ms']] as const) {
      rows.push(row(`latency at ${rate}/s (${fraction} × relay max): ${label} (ms)`, false, systems, (kind) => points(kind)?.map((p) => infinite(p.latency[key]))));
    }
    rows.push(row(`latency at ${rate}/s: undelivered (total)`, false, systems, (kind) => points(kind)?.map((p) => p.undelivered), total));
  }
  rows.push(
    row('storm: seconds to stop and start the connection servers', false, systems, (kind) => results.storm[kind]?.map((r) => r.restartSeconds)),
    row('storm: seconds to 99 % resumed', false, systems, (kind) => results.storm[kind]?.map((r) => infinite(r.secondsTo99PercentResumed))),
    row('storm: messages lost (total)', false, systems, (kind) => results.storm[kind]?.map((r) => r.lost), total),
    row('storm: messages duplicated (total)', false, systems, (kind) => results.storm[kind]?.map((r) => r.duplicates), total),
    row('presence: Redis commands per heartbeat', false, systems, (kind) => results.presence[kind]?.map((r) => infinite(r.redisCommandsPerHeartbeat))),
    row('presence: Redis commands per heartbeat, counted by the platform’s clients', false, systems, (kind) =>
      results.presence[kind]?.flatMap((r) => (r.clientCountedCommandsPerHeartbeat === null ? [] : [r.clientCountedCommandsPerHeartbeat])),
    ),
    row('presence: heartbeats per Redis CPU-second', true, systems, (kind) => results.presence[kind]?.map((r) => r.heartbeatsPerRedisCpuSecond ?? 0)),
    row('load generator: max CPU cores used', false, systems, (kind) => generatorCores(results, kind), (values) => Math.max(...values)),
  );

  return rows;
}

function generatorCores(results: BenchResults, kind: SystemKind): number[] {
  return [
    ...(results.idle[kind] ?? []).map((r) => r.generatorCores),
    ...(results.throughput[kind] ?? []).flatMap((r) => r.steps.map((step) => step.generatorCores)),
    ...(results.latency[kind] ?? []).flatMap((points) => points.map((point) => point.generatorCores)),
  ];
}

export interface TargetCheck {
  target: string;
  met: boolean | null;
  detail: string;
}

/** Checks the platform against the targets that bench/README.md lists. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const platformMemory = median(results.idle.platform?.map((r) => r.bytesPerConnection) ?? []);
  const relayMemory = median(results.idle['ws-relay']?.map((r) => r.bytesPerConnection) ?? []);
  const halfIndex = results.options.latencyFractions.indexOf(0.5);
  const halfP99 = halfIndex < 0 ? null : median(results.latency.platform?.map((points) => infinite(points[halfIndex]?.latency.p99Ms)) ?? []);
  // Messages still undelivered when a latency run's drain ended may arrive later, so only the storm's count as lost.
  const losses = [
    ...(results.storm.platform ?? []).map((r) => r.lost + r.duplicates),
    ...(results.latency.platform ?? []).flatMap((points) => points.map((p) => p.duplicates)),
    ...(results.throughput.platform ?? []).flatMap((r) => r.steps.map((step) => step.duplicates)),
  ];

  return [
    {
      target: 'memory per idle connection ≤ 2 × the raw relay’s',
      met: platformMemory === null || relayMemory === null ? null : platformMemory <= 2 * relayMemory,
      detail: `${platformMemory ?? '?'} bytes against ${relayMemory ?? '?'} bytes`,
    },
    {
      target: 'p99 delivery latency < 50 ms at half the raw relay’s max rate, with persistence',
      met: halfP99 === null ? null : halfP99 < 50,
      detail: `p99 ${halfP99 === Infinity ? 'not reached: messages undelivered' : `${halfP99} ms`}`,
    },
    {
      target: 'zero messages lost or duplicated in every scenario',
      met: losses.length === 0 ? null : total(losses) === 0,
      detail: `${total(losses)} lost in the storm or duplicated in any run`,
    },
  ];
}
