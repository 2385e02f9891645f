import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SystemKind } from '../generator/worker-protocol';
import type { BenchOptions } from '../options';
import type { IdleResult, PresenceResult } from '../scenarios/idle-presence';
import type { LatencyPoint, ThroughputResult } from '../scenarios/message-load';
import type { StormResult } from '../scenarios/reconnect-storm';
import { renderLatencyPlot } from './latency-plot';
import { renderResultsMarkdown, replaceReadmeSection } from './markdown';

type PerSystem<T> = Partial<Record<SystemKind, T[]>>;

/** Everything one run measured; the JSON files under bench/results/ hold this. */
export interface BenchResults {
  mode: 'smoke' | 'full';
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  options: BenchOptions;
  /** The raw relay's max sustained rate (median over rounds) that the latency scenario's loads are fractions of. */
  relayMaxRate: number | null;
  idle: PerSystem<IdleResult>;
  presence: PerSystem<PresenceResult>;
  throughput: PerSystem<ThroughputResult>;
  /** Per round, the points at each latency fraction. */
  latency: PerSystem<LatencyPoint[]>;
  storm: PerSystem<StormResult>;
  /** Trials that failed; the run goes on with the next trial. */
  errors: TrialError[];
}

export interface TrialError {
  scenario: string;
  system: SystemKind;
  round: number;
  message: string;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  openFilesLimit: string;
  gitCommit: string;
}

export function machineInfo(): MachineInfo {
  const limits = fs.readFileSync('/proc/self/limits', 'utf8');
  let gitCommit = 'unknown';
  try {
    gitCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout; the commit stays unknown.
  }

  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    node: process.version,
    openFilesLimit: /^Max open files\s+(\d+)\s+(\d+)/m.exec(limits)?.slice(1).join(' soft, ') + ' hard',
    gitCommit,
  };
}

/**
 * Writes the results JSON and the latency plot into resultsDir. A full run
 * also rewrites the results section of the README; a smoke run leaves the
 * README alone. Returns the files written.
 */
export function writeResults(results: BenchResults, resultsDir: string, readmeFile: string): string[] {
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const jsonFile = path.join(resultsDir, `${results.mode}-${stamp}.json`);
  fs.writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  const plotFile = path.join(resultsDir, results.mode === 'full' ? 'latency-vs-load.svg' : 'smoke-latency-vs-load.svg');
  fs.writeFileSync(plotFile, renderLatencyPlot(results));
  const written = [jsonFile, plotFile];
  console.log(renderResultsMarkdown(results, path.relative(path.dirname(readmeFile), plotFile)));
  if (results.mode === 'full') {
    replaceReadmeSection(readmeFile, renderResultsMarkdown(results, path.relative(path.dirname(readmeFile), plotFile)));
    written.push(readmeFile);
  }

  return written;
}
