import type { SystemKind } from './generator/worker-protocol';

export const ALL_SYSTEMS: SystemKind[] = ['platform', 'ws-relay', 'socketio-relay', 'centrifugo'];
export const ALL_SCENARIOS = ['idle', 'throughput', 'latency', 'storm', 'presence'] as const;
export type ScenarioName = (typeof ALL_SCENARIOS)[number];

export interface BenchOptions {
  smoke: boolean;
  systems: SystemKind[];
  scenarios: ScenarioName[];
  rounds: number;
  threads: number;
  heartbeatMs: number;
  idleConnections: number;
  idleHoldSeconds: number;
  pairs: number;
  rateStart: number;
  rateFactor: number;
  rateMax: number;
  stepSeconds: number;
  warmupSeconds: number;
  drainSeconds: number;
  sustainP99Ms: number;
  latencyFractions: number[];
  latencySeconds: number;
  relayMaxRate: number | undefined;
  stormPairs: number;
  stormRate: number;
  stormSeconds: number;
  stormResumeTimeoutSeconds: number;
  connectionsPerAddress: number;
  connectConcurrency: number;
  reconnectJitterMs: number;
  resultsDir: string;
}

interface Flag {
  help: string;
  full: string;
  smoke: string;
  apply(options: BenchOptions, value: string): void;
}

const positiveInteger = (name: string, value: string): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`invalid --${name} "${value}": expected a positive integer`);

  return number;
};
const positiveNumber = (name: string, value: string): number => {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`invalid --${name} "${value}": expected a positive number`);

  return number;
};
const list = <T extends string>(name: string, value: string, allowed: readonly T[]): T[] => {
  const items = value.split(',').map((item) => item.trim());
  const unknown = items.filter((item) => !allowed.includes(item as T));
  if (unknown.length > 0) throw new Error(`invalid --${name} "${unknown.join(',')}": expected some of ${allowed.join(', ')}`);

  return items as T[];
};

/** Every flag with its default for a full run and for --smoke. */
const FLAGS: Record<string, Flag> = {
  systems: { help: 'systems to run, comma-separated', full: ALL_SYSTEMS.join(','), smoke: ALL_SYSTEMS.join(','), apply: (o, v) => (o.systems = list('systems', v, ALL_SYSTEMS)) },
  scenarios: { help: 'scenarios to run, comma-separated', full: ALL_SCENARIOS.join(','), smoke: ALL_SCENARIOS.join(','), apply: (o, v) => (o.scenarios = list('scenarios', v, ALL_SCENARIOS)) },
  rounds: { help: 'rounds per scenario; systems alternate within each round', full: '3', smoke: '1', apply: (o, v) => (o.rounds = positiveInteger('rounds', v)) },
  threads: { help: 'worker threads of the load generator', full: '2', smoke: '2', apply: (o, v) => (o.threads = positiveInteger('threads', v)) },
  'heartbeat-ms': { help: 'heartbeat interval of every system, in ms', full: '10000', smoke: '2000', apply: (o, v) => (o.heartbeatMs = positiveInteger('heartbeat-ms', v)) },
  'idle-connections': { help: 'connections of the idle and presence scenarios', full: '10000', smoke: '300', apply: (o, v) => (o.idleConnections = positiveInteger('idle-connections', v)) },
  'idle-hold-seconds': { help: 'seconds the idle connections are held before and while measuring', full: '20', smoke: '6', apply: (o, v) => (o.idleHoldSeconds = positiveInteger('idle-hold-seconds', v)) },
  pairs: { help: 'sender-receiver pairs of the throughput and latency scenarios', full: '500', smoke: '20', apply: (o, v) => (o.pairs = positiveInteger('pairs', v)) },
  'rate-start': { help: 'first offered rate of the throughput ladder, messages/s', full: '50', smoke: '100', apply: (o, v) => (o.rateStart = positiveNumber('rate-start', v)) },
  'rate-factor': { help: 'factor between steps of the throughput ladder', full: '2', smoke: '3', apply: (o, v) => (o.rateFactor = positiveNumber('rate-factor', v)) },
  'rate-max': { help: 'highest offered rate of the throughput ladder, messages/s', full: '200000', smoke: '2700', apply: (o, v) => (o.rateMax = positiveNumber('rate-max', v)) },
  'step-seconds': { help: 'duration of each throughput step, s', full: '6', smoke: '2', apply: (o, v) => (o.stepSeconds = positiveNumber('step-seconds', v)) },
  'warmup-seconds': { help: 'unrecorded load at --rate-start before the throughput and latency runs, s', full: '5', smoke: '2', apply: (o, v) => (o.warmupSeconds = positiveNumber('warmup-seconds', v)) },
  'drain-seconds': { help: 'wait for messages in transit after each step, s', full: '5', smoke: '2', apply: (o, v) => (o.drainSeconds = positiveNumber('drain-seconds', v)) },
  'sustain-p99-ms': { help: 'p99 latency above which a step does not count as sustained, ms', full: '1000', smoke: '1000', apply: (o, v) => (o.sustainP99Ms = positiveNumber('sustain-p99-ms', v)) },
  'latency-fractions': { help: "offered loads of the latency scenario, as fractions of the raw relay's maximum", full: '0.002,0.25,0.5', smoke: '0.25,0.5', apply: (o, v) => (o.latencyFractions = v.split(',').map((item) => positiveNumber('latency-fractions', item))) },
  'latency-seconds': { help: 'duration of each latency run, s', full: '10', smoke: '4', apply: (o, v) => (o.latencySeconds = positiveNumber('latency-seconds', v)) },
  'relay-max-rate': { help: "the raw relay's maximum rate, messages/s; measured by the throughput scenario when absent", full: '', smoke: '', apply: (o, v) => (o.relayMaxRate = v === '' ? undefined : positiveNumber('relay-max-rate', v)) },
  'storm-pairs': { help: 'pairs connected during the reconnect storm', full: '2500', smoke: '150', apply: (o, v) => (o.stormPairs = positiveInteger('storm-pairs', v)) },
  'storm-rate': { help: 'messages/s sent through the reconnect storm', full: '200', smoke: '100', apply: (o, v) => (o.stormRate = positiveNumber('storm-rate', v)) },
  'storm-seconds': { help: 'duration of the storm load; the servers restart after a third of it, s', full: '21', smoke: '9', apply: (o, v) => (o.stormSeconds = positiveNumber('storm-seconds', v)) },
  'storm-resume-timeout-seconds': { help: 'longest wait for 99% of the connections to resume, s', full: '90', smoke: '30', apply: (o, v) => (o.stormResumeTimeoutSeconds = positiveNumber('storm-resume-timeout-seconds', v)) },
  'connections-per-address': { help: 'connections per loopback source address (127.0.0.1, then .2, ...)', full: '20000', smoke: '20000', apply: (o, v) => (o.connectionsPerAddress = positiveInteger('connections-per-address', v)) },
  'connect-concurrency': { help: 'handshakes in progress at once while connecting', full: '200', smoke: '100', apply: (o, v) => (o.connectConcurrency = positiveInteger('connect-concurrency', v)) },
  'reconnect-jitter-ms': { help: 'longest random delay before a dropped connection reconnects, ms', full: '1000', smoke: '1000', apply: (o, v) => (o.reconnectJitterMs = positiveInteger('reconnect-jitter-ms', v)) },
  'results-dir': { help: 'folder for the results JSON', full: 'bench/results', smoke: 'bench/results', apply: (o, v) => (o.resultsDir = v) },
};

export function usage(): string {
  const lines = Object.entries(FLAGS).map(([name, flag]) => `  --${name.padEnd(30)} ${flag.help} (full: ${flag.full || 'unset'}, smoke: ${flag.smoke || 'unset'})`);

  return ['usage: bench/run-benchmark.js [--smoke] [--flag value ...]', '  --smoke                          small, short loads for a check of the harness', ...lines].join('\n');
}

/** Parses the command line: defaults of the full run, or of --smoke, then the given flags. */
export function parseOptions(argv: string[]): BenchOptions {
  const smoke = argv.includes('--smoke');
  const options = { smoke } as BenchOptions;
  for (const flag of Object.values(FLAGS)) flag.apply(options, smoke ? flag.smoke : flag.full);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--smoke') continue;
    const name = argv[i].replace(/^--/, '');
    const flag = FLAGS[name];
    if (!argv[i].startsWith('--') || !flag) throw new Error(`unknown option ${argv[i]}\n${usage()}`);
    const value = argv[++i];
    if (value === undefined) throw new Error(`missing value for --${name}\n${usage()}`);
    flag.apply(options, value);
  }

  return options;
}
