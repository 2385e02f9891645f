/**
 * Measures send-to-delivery latency and throughput through the running
 * system: pairs of users, the sender on gateway A and the recipient on
 * gateway B, each sender keeping a fixed number of messages in flight
 * (closed loop). Latency is measured by the receiving client, from the
 * moment the sender wrote the frame to the moment the message arrived.
 *
 *   node -r ./tools/register-aliases.js dist/bench/delivery-latency.js \
 *     --pairs 10 --seconds 20 --in-flight 4
 *
 * Registers 2 × pairs users; start the system with a raised
 * AUTH_REGISTER_MAX_PER_IP when pairs is above 10.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MessengerHttpClient, MessengerSocket } from '@messenger/client';
import type { ServerFrame } from '@messenger/protocol';

interface Options {
  gatewayA: string;
  gatewayB: string;
  pairs: number;
  seconds: number;
  inFlight: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    gatewayA: 'http://127.0.0.1:8080',
    gatewayB: 'http://127.0.0.1:8081',
    pairs: 10,
    seconds: 20,
    inFlight: 4,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--gateway-a') options.gatewayA = value;
    else if (flag === '--gateway-b') options.gatewayB = value;
    else if (flag === '--pairs') options.pairs = Number(value);
    else if (flag === '--seconds') options.seconds = Number(value);
    else if (flag === '--in-flight') options.inFlight = Number(value);
    else throw new Error(`unknown option ${flag}; expected --gateway-a, --gateway-b, --pairs, --seconds, --in-flight`);
  }

  return options;
}

async function connectUser(http: MessengerHttpClient, username: string): Promise<MessengerSocket> {
  const password = randomBytes(12).toString('hex');
  await http.register(username, password);
  const tokens = await http.login(username, password);

  return MessengerSocket.connect(http.socketUrl(tokens.accessToken, 'bench'));
}

const SERVICE_PID_DIR = path.resolve(__dirname, '../../.local/run/services');
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds used so far by each service that scripts/start.sh started, read from /proc. */
function serviceCpuSeconds(): Record<string, number> {
  const usage: Record<string, number> = {};
  if (!fs.existsSync(SERVICE_PID_DIR)) return usage;
  for (const file of fs.readdirSync(SERVICE_PID_DIR)) {
    const pid = fs.readFileSync(path.join(SERVICE_PID_DIR, file), 'utf8').trim();
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      usage[file.replace(/\.pid$/, '')] = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    } catch {
      // The service is not running; leave it out.
    }
  }

  return usage;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

async function runPair(options: Options, index: number, run: string, latencies: number[]): Promise<number> {
  const httpA = new MessengerHttpClient(options.gatewayA);
  const httpB = new MessengerHttpClient(options.gatewayB);
  const sender = await connectUser(httpA, `bench_${run}_s${index}`);
  const receiver = await connectUser(httpB, `bench_${run}_r${index}`);
  const { conversation } = await sender.request<'conversation'>({ type: 'open_conversation', username: `bench_${run}_r${index}` });
  const sentAt = new Map<string, number>();
  const deadline = Date.now() + options.seconds * 1000;
  let next = 0;
  let delivered = 0;

  await new Promise<void>((resolve) => {
    const sendOne = () => {
      if (Date.now() >= deadline) {
        if (sentAt.size === 0) resolve();

        return;
      }
      const clientMessageId = `b${next++}`;
      sentAt.set(clientMessageId, performance.now());
      sender.send({ type: 'send', conversationId: conversation.conversationId, clientMessageId, body: 'benchmark message' });
    };
    receiver.on('frame', (frame: ServerFrame) => {
      if (frame.type !== 'message') return;
      const started = sentAt.get(frame.clientMessageId);
      if (started === undefined) return;
      latencies.push(performance.now() - started);
      sentAt.delete(frame.clientMessageId);
      delivered++;
      if (delivered % 50 === 0) receiver.send({ type: 'ack', conversationId: frame.conversationId, seq: frame.seq });
      sendOne();
    });
    for (let i = 0; i < options.inFlight; i++) sendOne();
  });
  sender.close();
  receiver.close();

  return delivered;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const run = randomBytes(3).toString('hex');
  const latencies: number[] = [];
  const cpuBefore = serviceCpuSeconds();
  const started = performance.now();
  const counts = await Promise.all(
    Array.from({ length: options.pairs }, (_, index) => runPair(options, index, run, latencies)),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  const delivered = counts.reduce((sum, count) => sum + count, 0);
  latencies.sort((a, b) => a - b);
  const cpuAfter = serviceCpuSeconds();
  const cpuSeconds = Object.fromEntries(
    Object.keys(cpuAfter).map((name) => [name, Number((cpuAfter[name] - (cpuBefore[name] ?? 0)).toFixed(2))]),
  );

  console.log(
    JSON.stringify({
      pairs: options.pairs,
      inFlightPerPair: options.inFlight,
      seconds: options.seconds,
      delivered,
      messagesPerSecond: Math.round(delivered / elapsedSeconds),
      latencyMs: {
        p50: Number(percentile(latencies, 0.5).toFixed(2)),
        p99: Number(percentile(latencies, 0.99).toFixed(2)),
        p999: Number(percentile(latencies, 0.999).toFixed(2)),
        max: Number(latencies[latencies.length - 1].toFixed(2)),
      },
      serviceCpuSeconds: cpuSeconds,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(`benchmark failed: ${(error as Error).message}`);
  process.exit(1);
});
