/**
 * Compares the messenger platform with three peers (a raw `ws` relay, a
 * Socket.IO relay and Centrifugo) in five scenarios, each run `--rounds`
 * times with the systems alternating, and writes every trial and the medians
 * to bench/results/. bench/README.md describes the method; scripts/bench.sh
 * installs, builds and runs it all.
 *
 *   node -r ./tools/register-aliases.js dist/bench/run-benchmark.js --smoke
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SystemKind } from './generator/worker-protocol';
import { BenchOptions, parseOptions, usage } from './options';
import { BenchResults, machineInfo, writeResults } from './report/results';
import { IdleResult, PresenceResult, runIdlePresence } from './scenarios/idle-presence';
import { LatencyPoint, ThroughputResult, runLatency, runThroughput } from './scenarios/message-load';
import { StormResult, runReconnectStorm } from './scenarios/reconnect-storm';
import { CentrifugoSystem } from './systems/centrifugo-system';
import { PlatformSystem } from './systems/platform-system';
import { SocketIoRelaySystem, WsRelaySystem } from './systems/relay-systems';
import type { SystemUnderTest } from './systems/system-under-test';
import { median } from './report/summary';

const ROOT = path.resolve(__dirname, '..', '..');
/** File descriptors kept free for the harness's own files, pipes and HTTP requests. */
const DESCRIPTOR_MARGIN = 500;

function createSystem(kind: SystemKind, workDir: string, options: BenchOptions): SystemUnderTest {
  const settings = { workDir, heartbeatMs: options.heartbeatMs };
  switch (kind) {
    case 'platform':
      return new PlatformSystem(settings);
    case 'ws-relay':
      return new WsRelaySystem(settings);
    case 'socketio-relay':
      return new SocketIoRelaySystem(settings);
    case 'centrifugo':
      return new CentrifugoSystem(settings);
  }
}

/** Rejects a run whose largest connection count does not fit the open-file limit of this process. */
function checkDescriptorLimit(options: BenchOptions): void {
  const limits = fs.readFileSync('/proc/self/limits', 'utf8');
  const match = /^Max open files\s+(\d+)/m.exec(limits);
  if (!match) return;
  const soft = Number(match[1]);
  const largest = Math.max(options.idleConnections, 2 * options.pairs, 2 * options.stormPairs);
  if (largest + DESCRIPTOR_MARGIN > soft) {
    throw new Error(
      `the run opens up to ${largest} connections but this process may open ${soft} files; ` +
        `raise "ulimit -n" (scripts/bench.sh raises it to the hard limit, "ulimit -Hn") or lower the connection counts`,
    );
  }
}

/** Returns the systems in a different order in each round, so that none always runs first or last. */
function rotate<T>(items: T[], round: number): T[] {
  const shift = round % items.length;

  return [...items.slice(shift), ...items.slice(0, shift)];
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(usage());

    return;
  }
  const options = parseOptions(process.argv.slice(2));
  checkDescriptorLimit(options);
  const startedAt = new Date();
  const workDir = path.join(ROOT, '.local', 'bench', startedAt.toISOString().replace(/[:.]/g, '-'));
  fs.mkdirSync(workDir, { recursive: true });
  console.log(`benchmark ${options.smoke ? 'smoke run' : 'full run'}; server logs in ${workDir}`);

  const systems = options.systems.map((kind) => createSystem(kind, workDir, options));
  const results: BenchResults = {
    mode: options.smoke ? 'smoke' : 'full',
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    machine: machineInfo(),
    options,
    relayMaxRate: options.relayMaxRate ?? null,
    idle: {},
    presence: {},
    throughput: {},
    latency: {},
    storm: {},
    errors: [],
  };
  const record = <T>(table: Partial<Record<SystemKind, T[]>>, kind: SystemKind, value: T) => (table[kind] ??= []).push(value);

  const stopAll = async () => {
    await Promise.all(systems.map((system) => system.stop().catch((error: Error) => console.error(`stopping ${system.kind} failed: ${error.message}`))));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`received ${signal}; stopping the systems`);
      void stopAll().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }

  try {
    for (const system of systems) {
      console.log(`starting ${system.kind}`);
      await system.start();
    }
    const runRounds = async (name: string, trial: (system: SystemUnderTest, round: number) => Promise<void>) => {
      for (let round = 0; round < options.rounds; round++) {
        for (const system of rotate(systems, round)) {
          console.log(`${name}, round ${round + 1} of ${options.rounds}: ${system.kind}`);
          try {
            await trial(system, round);
          } catch (error) {
            // One failed trial (a crashed server, a timeout) should not cost the rest of a long run.
            const message = (error as Error).stack ?? String(error);
            console.error(`${name} failed for ${system.kind} in round ${round + 1}: ${message}`);
            results.errors.push({ scenario: name, system: system.kind, round: round + 1, message });
          }
        }
      }
    };

    if (options.scenarios.includes('idle') || options.scenarios.includes('presence')) {
      await runRounds('idle connections and presence', async (system) => {
        const { idle, presence } = await runIdlePresence(system, options);
        record<IdleResult>(results.idle, system.kind, idle);
        if (presence) record<PresenceResult>(results.presence, system.kind, presence);
      });
    }
    if (options.scenarios.includes('throughput')) {
      await runRounds('one-to-one throughput', async (system) => {
        record<ThroughputResult>(results.throughput, system.kind, await runThroughput(system, options));
      });
      const relayMaxima = (results.throughput['ws-relay'] ?? []).map((result) => result.maxSustainedRate).filter((rate): rate is number => rate !== null);
      results.relayMaxRate ??= median(relayMaxima);
    }
    if (options.scenarios.includes('latency')) {
      const relayMaxRate = results.relayMaxRate;
      if (relayMaxRate === null) {
        console.warn("latency scenario skipped: the raw relay's maximum rate is unknown; run the throughput scenario with ws-relay or pass --relay-max-rate");
      } else {
        await runRounds(`latency at fractions of ${relayMaxRate} messages/s`, async (system) => {
          record<LatencyPoint[]>(results.latency, system.kind, await runLatency(system, options, relayMaxRate));
        });
      }
    }
    if (options.scenarios.includes('storm')) {
      await runRounds('reconnect storm', async (system) => {
        const result = await runReconnectStorm(system, options);
        console.log(`  ${system.kind}: 99% resumed after ${result.secondsTo99PercentResumed} s, lost ${result.lost}, duplicates ${result.duplicates}`);
        record<StormResult>(results.storm, system.kind, result);
      });
    }
  } finally {
    await stopAll();
  }

  results.finishedAt = new Date().toISOString();
  const written = writeResults(results, path.resolve(ROOT, options.resultsDir), path.join(ROOT, 'bench', 'README.md'));
  for (const file of written) console.log(`wrote ${path.relative(ROOT, file)}`);
  console.log(`finished in ${Math.round((Date.now() - startedAt.getTime()) / 1000)} s on ${os.hostname()}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`benchmark failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
