import type { LoadGenerator } from '../generator/load-generator';
import type { BenchOptions } from '../options';
import { round } from '../systems/process-stats';
import type { SystemUnderTest } from '../systems/system-under-test';
import { CpuWindow, LatencySummary, connectGenerator, summarizeLatency, trialTag, waitForQuiet } from './measurement';

/**
 * A step counts as generator-bound when the generator wrote a message this
 * much later than scheduled. Shorter stalls, such as a garbage collection,
 * only add to the measured latency.
 */
const MAX_SCHEDULE_LAG_MS = 500;

export interface LoadStep {
  offeredRate: number;
  sent: number;
  delivered: number;
  deliveredPerSecond: number;
  undelivered: number;
  duplicates: number;
  redelivered: number;
  rejected: number;
  latency: LatencySummary;
  serverCpuSeconds: Record<string, number>;
  serverCpuTotal: number;
  deliveredPerServerCpuSecond: number | null;
  generatorCores: number;
  maxScheduleLagMs: number;
  /** Reason the step does not count as sustained, or null when it does. */
  failure: string | null;
}

export interface ThroughputResult {
  steps: LoadStep[];
  /** Highest offered rate with every message delivered in time, or null when the first step failed. */
  maxSustainedRate: number | null;
  deliveredPerServerCpuSecond: number | null;
}

export interface LatencyPoint extends LoadStep {
  fraction: number;
}

async function runStep(system: SystemUnderTest, generator: LoadGenerator, options: BenchOptions, rate: number, seconds: number): Promise<LoadStep> {
  await waitForQuiet(system);
  const window = new CpuWindow(system.measuredProcesses());
  const stats = await generator.load({ trialTag: trialTag(), ratePerSecond: rate, durationMs: seconds * 1000, drainMs: options.drainSeconds * 1000 });
  const cpu = window.finish();
  const latency = summarizeLatency(stats.latency);
  let failure: string | null = null;
  if (stats.maxScheduleLagMs > MAX_SCHEDULE_LAG_MS) failure = `generator fell ${Math.round(stats.maxScheduleLagMs)} ms behind schedule`;
  else if (stats.undelivered > 0) failure = `${stats.undelivered} messages undelivered after the ${options.drainSeconds} s drain`;
  else if (stats.duplicates > 0) failure = `${stats.duplicates} duplicates`;
  else if ((latency.p99Ms ?? Infinity) > options.sustainP99Ms) failure = `p99 ${latency.p99Ms} ms above ${options.sustainP99Ms} ms`;

  return {
    offeredRate: rate,
    sent: stats.sent,
    delivered: stats.delivered,
    deliveredPerSecond: Math.round(stats.delivered / seconds),
    undelivered: stats.undelivered,
    duplicates: stats.duplicates,
    redelivered: stats.redelivered,
    rejected: stats.rejected,
    latency,
    serverCpuSeconds: cpu.serverCpuSeconds,
    serverCpuTotal: cpu.serverCpuTotal,
    deliveredPerServerCpuSecond: cpu.serverCpuTotal > 0 ? Math.round(stats.delivered / cpu.serverCpuTotal) : null,
    generatorCores: cpu.generatorCores,
    maxScheduleLagMs: round(stats.maxScheduleLagMs, 1),
    failure,
  };
}

/**
 * Sends an unrecorded load at rateStart, so that the first measured step
 * does not pay for cold caches, lazy connections to storage and JIT
 * compilation.
 */
async function warmUp(system: SystemUnderTest, generator: LoadGenerator, options: BenchOptions): Promise<void> {
  await generator.load({
    trialTag: trialTag(),
    ratePerSecond: options.rateStart,
    durationMs: options.warmupSeconds * 1000,
    drainMs: options.drainSeconds * 1000,
  });
  await waitForQuiet(system);
}

/**
 * Scenario 2: one-to-one messages between pairs at offered rates that grow
 * by rateFactor per step, until a step fails (a message undelivered after
 * the drain, a duplicate, p99 above sustainP99Ms, or the generator behind
 * schedule) or rateMax is passed.
 */
export async function runThroughput(system: SystemUnderTest, options: BenchOptions): Promise<ThroughputResult> {
  const { generator } = await connectGenerator(system, options, { pairs: options.pairs, idle: 0 });
  const steps: LoadStep[] = [];
  try {
    await warmUp(system, generator, options);
    for (let rate = options.rateStart; rate <= options.rateMax; rate = Math.round(rate * options.rateFactor)) {
      const step = await runStep(system, generator, options, rate, options.stepSeconds);
      steps.push(step);
      console.log(`  ${system.kind} ${rate}/s: delivered ${step.delivered}/${step.sent}, p99 ${step.latency.p99Ms} ms${step.failure ? `, failed: ${step.failure}` : ''}`);
      if (step.failure) break;
    }
  } finally {
    await generator.close();
  }
  const sustained = steps.filter((step) => step.failure === null).at(-1);

  return {
    steps,
    maxSustainedRate: sustained?.offeredRate ?? null,
    deliveredPerServerCpuSecond: sustained?.deliveredPerServerCpuSecond ?? null,
  };
}

/** Scenario 3: latency at fixed offered loads, given as fractions of the raw relay's maximum rate. */
export async function runLatency(system: SystemUnderTest, options: BenchOptions, relayMaxRate: number): Promise<LatencyPoint[]> {
  const { generator } = await connectGenerator(system, options, { pairs: options.pairs, idle: 0 });
  const points: LatencyPoint[] = [];
  try {
    await warmUp(system, generator, options);
    for (const fraction of options.latencyFractions) {
      const rate = Math.max(1, Math.round(relayMaxRate * fraction));
      const step = await runStep(system, generator, options, rate, options.latencySeconds);
      points.push({ fraction, ...step });
      console.log(`  ${system.kind} ${rate}/s: p50 ${step.latency.p50Ms} ms, p99 ${step.latency.p99Ms} ms, p99.9 ${step.latency.p999Ms} ms, undelivered ${step.undelivered}`);
    }
  } finally {
    await generator.close();
  }

  return points;
}
