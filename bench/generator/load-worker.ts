/**
 * Worker thread of the load generator: keeps a share of the connections open,
 * sends heartbeats, and sends messages between its pairs at a fixed arrival
 * rate (open loop). The sender and receiver of a pair live in the same
 * thread, so one clock times each message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BenchClient, ClientEvents } from './bench-client';
import { CentrifugoClient } from './centrifugo-client';
import { PlatformClient } from './platform-client';
import { SocketIoRelayClient } from './socketio-client';
import { TrialRecorder } from './trial-recorder';
import type { ConnectionSpec, CoordinatorMessage, LoadCommand, SystemKind, WorkerMessage, WorkerSetup } from './worker-protocol';
import { WsRelayClient } from './ws-relay-client';

const TICK_MS = 2;
const CONNECT_TIMEOUT_MS = 120_000;

const setup = workerData as WorkerSetup;
const port = parentPort!;
const recorder = new TrialRecorder(setup.pairs.length);
const pairOfReceiver = new Map<number, number>();
setup.pairs.forEach((pair, index) => pairOfReceiver.set(pair.receiver, index));

let stormMarkAt: number | undefined;
const droppedSinceMark = new Set<number>();
const resumedAt = new Map<number, number>();
let connectFailures = 0;
let readyCount = 0;
let firstConnectError: string | undefined;

const events: ClientEvents = {
  ready(client) {
    readyCount++;
    if (stormMarkAt !== undefined && droppedSinceMark.has(client.spec.index) && !resumedAt.has(client.spec.index)) {
      resumedAt.set(client.spec.index, performance.now() - stormMarkAt);
    }
  },
  down(client, reason) {
    readyCount--;
    if (stormMarkAt !== undefined) droppedSinceMark.add(client.spec.index);
    firstConnectError ??= reason;
  },
  message(client, messageId) {
    const pair = pairOfReceiver.get(client.spec.index);
    if (pair !== undefined) recorder.recordDelivery(pair, messageId);
  },
  redelivered() {
    recorder.redelivered++;
  },
  rejected(_client, _messageId, reason) {
    recorder.rejected++;
    firstConnectError ??= reason;
  },
};

const clients = new Map<number, BenchClient>();
for (const spec of setup.connections) clients.set(spec.index, createClient(setup.system, spec));

function createClient(system: SystemKind, spec: ConnectionSpec): BenchClient {
  switch (system) {
    case 'platform':
      return new PlatformClient(spec, events, setup.reconnectJitterMs);
    case 'ws-relay':
      return new WsRelayClient(spec, events, setup.reconnectJitterMs);
    case 'socketio-relay':
      return new SocketIoRelayClient(spec, events, setup.reconnectJitterMs);
    case 'centrifugo':
      return new CentrifugoClient(spec, events, setup.reconnectJitterMs);
  }
}

function reply(message: WorkerMessage): void {
  port.postMessage(message);
}

/** Opens every connection, at most connectConcurrency handshakes at a time. */
async function connectAll(): Promise<void> {
  const pending = [...clients.values()];
  const deadline = performance.now() + CONNECT_TIMEOUT_MS;
  while (pending.length > 0 && performance.now() < deadline) {
    const handshaking = clients.size - pending.length - readyCount;
    const room = Math.max(0, setup.connectConcurrency - handshaking);
    for (const client of pending.splice(0, room)) client.open();
    await sleep(5);
  }
  while (readyCount < clients.size && performance.now() < deadline) await sleep(20);
  const open = readyCount;
  connectFailures = clients.size - open;
  startHeartbeats();
  reply({ type: 'connected', open, failed: connectFailures, firstError: connectFailures > 0 ? firstConnectError : undefined });
}

function startHeartbeats(): void {
  if (setup.heartbeatMs <= 0) return;
  for (const client of clients.values()) {
    // A random phase per connection spreads the heartbeats evenly over the interval.
    const start = setTimeout(() => {
      client.heartbeat();
      setInterval(() => client.heartbeat(), setup.heartbeatMs).unref();
    }, Math.random() * setup.heartbeatMs);
    start.unref();
  }
}

/** Sends messages at the command's rate, round robin over the pairs, each stamped with its scheduled time. */
async function runLoad(command: LoadCommand): Promise<void> {
  recorder.start(command.trialTag);
  const intervalMs = 1000 / command.ratePerSecond;
  const startedAt = performance.now();
  const endAt = startedAt + command.durationMs;
  const total = Math.floor(command.durationMs / intervalMs);
  let issued = 0;
  let pairIndex = 0;
  while (setup.pairs.length > 0 && command.ratePerSecond > 0) {
    const now = performance.now();
    // Message k is scheduled at startedAt + k × intervalMs, so message 0 is due at once.
    const due = Math.min(total, Math.floor((now - startedAt) / intervalMs) + 1);
    for (; issued < due; issued++) {
      const scheduledAt = startedAt + issued * intervalMs;
      const pair = setup.pairs[pairIndex];
      const message = recorder.issue(pairIndex, scheduledAt, now, pair.conversationId, clients.get(pair.receiver)!.spec.userId);
      clients.get(pair.sender)!.send(message);
      pairIndex = (pairIndex + 1) % setup.pairs.length;
    }
    if (issued >= total || now >= endAt) break;
    await sleep(TICK_MS);
  }
  const drainUntil = performance.now() + command.drainMs;
  while (recorder.pendingCount() > 0 && performance.now() < drainUntil) await sleep(10);
  reply({ type: 'load-done', stats: recorder.finish(performance.now() - startedAt) });
}

function counters(): void {
  const open = readyCount;
  const heartbeatsSent = [...clients.values()].reduce((sum, client) => sum + client.heartbeats, 0);
  const resumedAfterMs = [...droppedSinceMark].map((index) => resumedAt.get(index) ?? null);
  reply({
    type: 'counters',
    counters: { open, heartbeatsSent, connectFailures, resumedAfterMs, droppedSinceMark: droppedSinceMark.size },
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

port.on('message', (message: CoordinatorMessage) => {
  const handle = async (): Promise<void> => {
    switch (message.type) {
      case 'connect':
        await connectAll();
        break;
      case 'load':
        await runLoad(message);
        break;
      case 'counters':
        counters();
        break;
      case 'mark-storm':
        stormMarkAt = performance.now();
        droppedSinceMark.clear();
        resumedAt.clear();
        reply({ type: 'marked' });
        break;
      case 'close':
        for (const client of clients.values()) client.close();
        await sleep(200);
        reply({ type: 'closed' });
        break;
    }
  };
  handle().catch((error: unknown) => reply({ type: 'error', message: (error as Error).stack ?? String(error) }));
});
