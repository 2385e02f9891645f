import { randomBytes } from 'node:crypto';
import { ConnectOutcome, LoadGenerator } from '../generator/load-generator';
import { HistogramData, percentileMs } from '../generator/histogram';
import type { BenchOptions } from '../options';
import { MeasuredProcess, Snapshot, cpuDelta, cpuSeconds, round, snapshot, sum } from '../systems/process-stats';
import { sleep } from '../systems/server-process';
import type { LayoutRequest, SystemUnderTest } from '../systems/system-under-test';

const QUIET_CORES = 0.1;
const QUIET_MAX_WAIT_MS = 20_000;
const SHARED_SERVERS = new Set(['redis', 'kafka', 'cassandra']);

export interface LatencySummary {
  p50Ms: number | null;
  p99Ms: number | null;
  p999Ms: number | null;
  maxMs: number;
}

export function summarizeLatency(histogram: HistogramData): LatencySummary {
  const value = (fraction: number) => {
    const ms = percentileMs(histogram, fraction);

    return ms === null ? null : round(ms, 2);
  };

  return { p50Ms: value(0.5), p99Ms: value(0.99), p999Ms: value(0.999), maxMs: round(histogram.maxMicros / 1000, 2) };
}

export function trialTag(): string {
  return randomBytes(4).toString('hex');
}

/** CPU time of this process (every generator thread included), in seconds. */
export function generatorCpuSeconds(): number {
  const usage = process.cpuUsage();

  return (usage.user + usage.system) / 1e6;
}

/** CPU use of the servers and of the load generator over one measured interval. */
export class CpuWindow {
  private readonly before: Snapshot;
  private readonly generatorBefore = generatorCpuSeconds();
  private readonly startedAt = performance.now();

  constructor(private readonly processes: MeasuredProcess[]) {
    this.before = snapshot(processes);
  }

  finish(): { serverCpuSeconds: Record<string, number>; serverCpuTotal: number; generatorCpuSeconds: number; generatorCores: number; seconds: number } {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const serverCpuSeconds = cpuDelta(this.before, snapshot(this.processes));
    const generator = generatorCpuSeconds() - this.generatorBefore;

    return {
      serverCpuSeconds,
      serverCpuTotal: sum(serverCpuSeconds),
      generatorCpuSeconds: round(generator, 2),
      generatorCores: round(generator / seconds, 2),
      seconds: round(seconds, 2),
    };
  }
}

/**
 * Waits until the system's own processes use less than 10 % of a core, at
 * most 20 s, so that work left from the previous trial (a backlog, garbage
 * collection) is not counted in the next one. Shared servers are left out
 * because other users of the machine keep them busy.
 */
export async function waitForQuiet(system: SystemUnderTest): Promise<void> {
  const own = system.measuredProcesses().filter((process) => !SHARED_SERVERS.has(process.name));
  const deadline = performance.now() + QUIET_MAX_WAIT_MS;
  while (performance.now() < deadline) {
    const before = own.map((process) => cpuSeconds(process.pid) ?? 0);
    await sleep(1000);
    const used = own.reduce((total, process, i) => total + (cpuSeconds(process.pid) ?? 0) - before[i], 0);
    if (used < QUIET_CORES) return;
  }
}

export async function connectGenerator(
  system: SystemUnderTest,
  options: BenchOptions,
  request: Omit<LayoutRequest, 'connectionsPerSourceAddress'>,
): Promise<{ generator: LoadGenerator; outcome: ConnectOutcome }> {
  const layout = await system.layout({ ...request, connectionsPerSourceAddress: options.connectionsPerAddress });
  const connected = await LoadGenerator.connect({
    system: system.kind,
    connections: layout.connections,
    pairs: layout.pairs,
    heartbeatMs: options.heartbeatMs,
    threads: options.threads,
    connectConcurrency: options.connectConcurrency,
    reconnectJitterMs: options.reconnectJitterMs,
  });
  if (connected.outcome.failed > 0) {
    console.warn(
      `${system.kind}: ${connected.outcome.failed} of ${layout.connections.length} connections failed to open (first error: ${connected.outcome.firstError})`,
    );
  }

  return connected;
}
