import type { BenchOptions } from '../options';
import { residentBytes, round } from '../systems/process-stats';
import { redisCommandsProcessed } from '../systems/redis-stats';
import { sleep } from '../systems/server-process';
import type { SystemUnderTest } from '../systems/system-under-test';
import { CpuWindow, connectGenerator, waitForQuiet } from './measurement';

const BASELINE_SECONDS = 3;

export interface IdleResult {
  connections: number;
  open: number;
  connectSeconds: number;
  /** Growth of resident memory per process from before connecting to after the hold. */
  residentDeltaBytes: Record<string, number>;
  /** Memory growth of every counted process (for the platform: gateways, message, presence, Redis) per connection. */
  bytesPerConnection: number;
  /** The same for the processes that hold the connections only. */
  connectionServerBytesPerConnection: number;
  generatorCores: number;
}

export interface PresenceResult {
  heartbeats: number;
  heartbeatsPerSecond: number;
  /** Redis commands in the window less the rate measured before connecting, which other clients of the shared Redis cause. */
  redisCommands: number;
  redisCommandsPerHeartbeat: number | null;
  /** Commands per heartbeat counted by the system's own Redis clients, where it exports that count; exact on a shared Redis. */
  clientCountedCommandsPerHeartbeat: number | null;
  redisCpuSeconds: number;
  heartbeatsPerRedisCpuSecond: number | null;
  windowSeconds: number;
}

/**
 * Runs scenarios 1 and 5 in one trial. Opens idle authenticated connections
 * that send heartbeats, keeps them open, and measures the servers' memory
 * growth per connection. Then counts Redis commands and Redis CPU over a
 * second hold, per heartbeat. The system's connection servers restart first,
 * so that every trial starts from a fresh process and not from a heap that
 * an earlier trial grew.
 */
export async function runIdlePresence(system: SystemUnderTest, options: BenchOptions): Promise<{ idle: IdleResult; presence: PresenceResult | null }> {
  await system.restartConnectionServers();
  await waitForQuiet(system);
  const processes = system.measuredProcesses().filter((process) => process.countMemory);
  const redis = processes.find((process) => process.name === 'redis');
  const memoryBefore = Object.fromEntries(processes.map((process) => [process.name, residentBytes(process.pid) ?? NaN]));

  const baseline = system.redisPort === undefined ? undefined : await measureRedisBaseline(system);

  const { generator, outcome } = await connectGenerator(system, options, { pairs: 0, idle: options.idleConnections });
  try {
    await sleep(options.idleHoldSeconds * 1000);
    const memoryAfter = Object.fromEntries(processes.map((process) => [process.name, residentBytes(process.pid) ?? NaN]));
    const residentDeltaBytes = Object.fromEntries(processes.map(({ name }) => [name, memoryAfter[name] - memoryBefore[name]]));
    const totalDelta = Object.values(residentDeltaBytes).reduce((total, value) => total + value, 0);
    const connectionServerDelta = processes
      .filter((process) => process.holdsConnections)
      .reduce((total, process) => total + residentDeltaBytes[process.name], 0);

    const countersBefore = await generator.counters();
    const commandsBefore = baseline ? await redisCommandsProcessed(system.redisPort!) : 0;
    const clientCommandsBefore = await system.redisCommandsSent?.();
    const window = new CpuWindow(system.measuredProcesses());
    await sleep(options.idleHoldSeconds * 1000);
    const commandsAfter = baseline ? await redisCommandsProcessed(system.redisPort!) : 0;
    const clientCommandsAfter = await system.redisCommandsSent?.();
    const cpu = window.finish();
    const countersAfter = await generator.counters();

    const idle: IdleResult = {
      connections: options.idleConnections,
      open: countersAfter.open,
      connectSeconds: round(outcome.elapsedMs / 1000, 2),
      residentDeltaBytes,
      bytesPerConnection: Math.round(totalDelta / Math.max(1, outcome.open)),
      connectionServerBytesPerConnection: Math.round(connectionServerDelta / Math.max(1, outcome.open)),
      generatorCores: cpu.generatorCores,
    };
    if (!baseline || !redis) return { idle, presence: null };

    const heartbeats = countersAfter.heartbeatsSent - countersBefore.heartbeatsSent;
    // One INFO command per reading is the harness's own.
    const redisCommands = Math.max(0, Math.round(commandsAfter - commandsBefore - 1 - baseline.commandsPerSecond * cpu.seconds));
    const redisCpuSeconds = round(Math.max(0, cpu.serverCpuSeconds.redis - baseline.cpuPerSecond * cpu.seconds), 3);
    const presence: PresenceResult = {
      heartbeats,
      heartbeatsPerSecond: round(heartbeats / cpu.seconds, 1),
      redisCommands,
      redisCommandsPerHeartbeat: heartbeats > 0 ? round(redisCommands / heartbeats, 2) : null,
      clientCountedCommandsPerHeartbeat:
        heartbeats > 0 && clientCommandsBefore !== undefined && clientCommandsAfter !== undefined
          ? round((clientCommandsAfter - clientCommandsBefore) / heartbeats, 2)
          : null,
      redisCpuSeconds,
      heartbeatsPerRedisCpuSecond: redisCpuSeconds > 0 ? Math.round(heartbeats / redisCpuSeconds) : null,
      windowSeconds: cpu.seconds,
    };

    return { idle, presence };
  } finally {
    await generator.close();
  }
}

/** Measures the commands and CPU of the shared Redis per second while the benchmark sends nothing. */
async function measureRedisBaseline(system: SystemUnderTest): Promise<{ commandsPerSecond: number; cpuPerSecond: number }> {
  const redis = system.measuredProcesses().filter((process) => process.name === 'redis');
  const commandsBefore = await redisCommandsProcessed(system.redisPort!);
  const window = new CpuWindow(redis);
  await sleep(BASELINE_SECONDS * 1000);
  const commandsAfter = await redisCommandsProcessed(system.redisPort!);
  const cpu = window.finish();

  return {
    commandsPerSecond: (commandsAfter - commandsBefore - 1) / cpu.seconds,
    cpuPerSecond: (cpu.serverCpuSeconds.redis ?? 0) / cpu.seconds,
  };
}
