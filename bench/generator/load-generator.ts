import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { mergeHistograms } from './histogram';
import type {
  ConnectionSpec,
  CoordinatorMessage,
  LoadCommand,
  LoadStats,
  PairSpec,
  SystemKind,
  WorkerCounters,
  WorkerMessage,
  WorkerSetup,
} from './worker-protocol';

export interface GeneratorPlan {
  system: SystemKind;
  connections: ConnectionSpec[];
  pairs: PairSpec[];
  heartbeatMs: number;
  threads: number;
  connectConcurrency: number;
  reconnectJitterMs: number;
}

export interface ConnectOutcome {
  open: number;
  failed: number;
  firstError?: string;
  elapsedMs: number;
}

interface PendingReply {
  type: WorkerMessage['type'];
  resolve(message: WorkerMessage): void;
  reject(error: Error): void;
}

/**
 * Coordinator of the load generator's worker threads. Each thread gets whole
 * pairs (sender and receiver together) and a share of the other connections,
 * and the coordinator adds up what they report. Its CPU time covers every
 * thread of this process.
 */
export class LoadGenerator {
  /** Requests awaiting a reply, per worker; a load and a counters request may be outstanding at once. */
  private readonly pending = new Map<Worker, PendingReply[]>();

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (message: WorkerMessage) => this.receive(worker, message));
      worker.on('error', (error) => this.fail(worker, error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(worker, new Error(`load worker exited with code ${code}`));
      });
    }
  }

  /** Starts the worker threads and opens every connection of the plan. */
  static async connect(plan: GeneratorPlan): Promise<{ generator: LoadGenerator; outcome: ConnectOutcome }> {
    const started = performance.now();
    const generator = new LoadGenerator(splitPlan(plan).map((setup) => new Worker(path.join(__dirname, 'load-worker.js'), { workerData: setup })));
    const replies = await generator.requestAll({ type: 'connect' }, 'connected');
    const outcome: ConnectOutcome = { open: 0, failed: 0, elapsedMs: performance.now() - started };
    for (const reply of replies) {
      if (reply.type !== 'connected') continue;
      outcome.open += reply.open;
      outcome.failed += reply.failed;
      outcome.firstError ??= reply.firstError;
    }

    return { generator, outcome };
  }

  /** Runs an open-loop load, the rate split evenly between the threads, and returns the combined outcome. */
  async load(command: Omit<LoadCommand, 'type'>): Promise<LoadStats> {
    const share = command.ratePerSecond / this.workers.length;
    const replies = await this.requestAll({ type: 'load', ...command, ratePerSecond: share }, 'load-done');
    const stats = replies.flatMap((reply) => (reply.type === 'load-done' ? [reply.stats] : []));

    return combineStats(stats);
  }

  async counters(): Promise<WorkerCounters> {
    const replies = await this.requestAll({ type: 'counters' }, 'counters');
    const combined: WorkerCounters = { open: 0, heartbeatsSent: 0, connectFailures: 0, resumedAfterMs: [], droppedSinceMark: 0 };
    for (const reply of replies) {
      if (reply.type !== 'counters') continue;
      combined.open += reply.counters.open;
      combined.heartbeatsSent += reply.counters.heartbeatsSent;
      combined.connectFailures += reply.counters.connectFailures;
      combined.droppedSinceMark += reply.counters.droppedSinceMark;
      combined.resumedAfterMs.push(...reply.counters.resumedAfterMs);
    }

    return combined;
  }

  /** Starts recording drops and resumes from now on. */
  async markStorm(): Promise<void> {
    await this.requestAll({ type: 'mark-storm' }, 'marked');
  }

  async close(): Promise<void> {
    await this.requestAll({ type: 'close' }, 'closed').catch(() => undefined);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private requestAll(message: CoordinatorMessage, replyType: WorkerMessage['type']): Promise<WorkerMessage[]> {
    return Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<WorkerMessage>((resolve, reject) => {
            const queue = this.pending.get(worker) ?? [];
            queue.push({ type: replyType, resolve, reject });
            this.pending.set(worker, queue);
            worker.postMessage(message);
          }),
      ),
    );
  }

  private receive(worker: Worker, message: WorkerMessage): void {
    if (message.type === 'error') {
      this.fail(worker, new Error(`load worker failed: ${message.message}`));

      return;
    }
    const queue = this.pending.get(worker) ?? [];
    const index = queue.findIndex((pending) => pending.type === message.type);
    if (index < 0) return;
    const [pending] = queue.splice(index, 1);
    pending.resolve(message);
  }

  private fail(worker: Worker, error: Error): void {
    for (const pending of this.pending.get(worker) ?? []) pending.reject(error);
    this.pending.delete(worker);
  }
}

function splitPlan(plan: GeneratorPlan): WorkerSetup[] {
  const threads = Math.max(1, Math.min(plan.threads, plan.connections.length));
  const setups: WorkerSetup[] = Array.from({ length: threads }, () => ({
    system: plan.system,
    connections: [],
    pairs: [],
    heartbeatMs: plan.heartbeatMs,
    connectConcurrency: Math.max(1, Math.ceil(plan.connectConcurrency / threads)),
    reconnectJitterMs: plan.reconnectJitterMs,
  }));
  const byIndex = new Map(plan.connections.map((spec) => [spec.index, spec]));
  const assigned = new Set<number>();
  plan.pairs.forEach((pair, i) => {
    const setup = setups[i % threads];
    setup.pairs.push(pair);
    for (const index of [pair.sender, pair.receiver]) {
      setup.connections.push(byIndex.get(index)!);
      assigned.add(index);
    }
  });
  let next = 0;
  for (const spec of plan.connections) {
    if (assigned.has(spec.index)) continue;
    setups[next++ % threads].connections.push(spec);
  }

  return setups;
}

export function combineStats(stats: LoadStats[]): LoadStats {
  const sum = (key: keyof Omit<LoadStats, 'latency'>) => stats.reduce((total, item) => total + item[key], 0);

  return {
    sent: sum('sent'),
    delivered: sum('delivered'),
    duplicates: sum('duplicates'),
    redelivered: sum('redelivered'),
    stale: sum('stale'),
    undelivered: sum('undelivered'),
    rejected: sum('rejected'),
    maxScheduleLagMs: Math.max(0, ...stats.map((item) => item.maxScheduleLagMs)),
    latency: mergeHistograms(stats.map((item) => item.latency)),
    elapsedMs: Math.max(0, ...stats.map((item) => item.elapsedMs)),
  };
}
