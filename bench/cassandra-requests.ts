/**
 * Measures the local Cassandra's CPU per request for each kind of request of
 * the send and receipt paths. The kinds: a read, a write, an unlogged batch
 * of two writes, a claim (INSERT ... IF NOT EXISTS), a conditional batch on a
 * static counter, and a send (a claim and a conditional batch, as
 * MessageWriter does). Runs in a keyspace of its own, which it drops.
 *
 *   node -r ./tools/register-aliases.js dist/bench/cassandra-requests.js --requests 4000 --concurrency 20
 *
 * Cassandra's CPU is read from /proc before and after each kind, so run it
 * on a quiet machine, and run it twice: the first run also pays for JIT
 * compilation in a freshly started Cassandra.
 */
import { randomBytes } from 'node:crypto';
import { Client, types } from 'cassandra-driver';
import { cpuSeconds } from './systems/process-stats';
import { SHARED_SERVER_PORTS, sharedServerProcesses } from './systems/shared-servers';

interface Options {
  requests: number;
  concurrency: number;
  partitions: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { requests: 4000, concurrency: 20, partitions: 100 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], Number(argv[i + 1])];
    if (!Number.isInteger(value) || value <= 0) throw new Error(`invalid ${flag} "${argv[i + 1]}": expected a positive integer`);
    if (flag === '--requests') options.requests = value;
    else if (flag === '--concurrency') options.concurrency = value;
    else if (flag === '--partitions') options.partitions = value;
    else throw new Error(`unknown option ${flag}; expected --requests, --concurrency, --partitions`);
  }

  return options;
}

/** One partition of the counter table, with the counter value this process last wrote. */
interface Counter {
  id: types.Uuid;
  lastSeq: number;
}

const INSERT_ROW = 'INSERT INTO rows (id, seq, body) VALUES (?, ?, ?)';
const BODY = 'a message body of a typical length';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const [cassandra] = sharedServerProcesses(['cassandra']);
  const keyspace = `bench_requests_${randomBytes(4).toString('hex')}`;
  const client = new Client({
    contactPoints: [`127.0.0.1:${SHARED_SERVER_PORTS.cassandra}`],
    localDataCenter: 'datacenter1',
    queryOptions: { prepare: true },
  });
  await client.connect();
  await client.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  await client.execute(`CREATE TABLE ${keyspace}.rows (id uuid, seq bigint, last_seq bigint STATIC, body text, PRIMARY KEY ((id), seq))`);
  await client.execute(`CREATE TABLE ${keyspace}.claims (id uuid, name text, seq bigint, PRIMARY KEY ((id, name)))`);
  await client.execute(`USE ${keyspace}`);

  const counters: Counter[] = Array.from({ length: options.partitions }, () => ({ id: types.Uuid.random(), lastSeq: 0 }));
  let claimNumber = 0;
  const claim = (counter: Counter) =>
    client.execute('INSERT INTO claims (id, name, seq) VALUES (?, ?, ?) IF NOT EXISTS', [counter.id, `c${claimNumber++}`, counter.lastSeq + 1]);
  const append = async (counter: Counter) => {
    const seq = counter.lastSeq + 1;
    const result = await client.batch([
      { query: 'UPDATE rows SET last_seq = ? WHERE id = ? IF last_seq = ?', params: [seq, counter.id, counter.lastSeq === 0 ? null : counter.lastSeq] },
      { query: INSERT_ROW, params: [counter.id, seq, BODY] },
    ]);
    if (!result.wasApplied()) throw new Error(`the counter of ${counter.id.toString()} moved; one worker per partition expected`);
    counter.lastSeq = seq;
  };
  const kinds: Record<string, (counter: Counter, index: number) => Promise<unknown>> = {
    read: (counter) => client.execute('SELECT last_seq FROM rows WHERE id = ? LIMIT 1', [counter.id]),
    write: (counter, index) => client.execute(INSERT_ROW, [counter.id, -index - 1, BODY]),
    'unlogged batch of 2 writes': (counter, index) =>
      client.batch(
        [
          { query: INSERT_ROW, params: [counter.id, -2 * index - 1, BODY] },
          { query: INSERT_ROW, params: [types.Uuid.random(), 1, BODY] },
        ],
        { logged: false },
      ),
    'claim (IF NOT EXISTS)': claim,
    'conditional batch (IF last_seq = n)': append,
    'send (claim + conditional batch)': async (counter) => {
      await claim(counter);
      await append(counter);
    },
  };

  console.log(`${options.requests} requests of each kind, ${options.concurrency} in flight, ${options.partitions} partitions`);
  for (const [kind, run] of Object.entries(kinds)) {
    const cpuBefore = cpuSeconds(cassandra.pid)!;
    const started = performance.now();
    let next = 0;
    // Each worker owns the partitions whose index matches it, so conditional batches never conflict.
    const workers = Math.min(options.concurrency, options.partitions);
    await Promise.all(
      Array.from({ length: workers }, async (_, worker) => {
        const owned = counters.filter((_, position) => position % workers === worker);
        for (let index = next++; index < options.requests; index = next++) {
          await run(owned[index % owned.length], index);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = ((cpuSeconds(cassandra.pid)! - cpuBefore) * 1000) / options.requests;
    console.log(`${kind.padEnd(38)} ${cpuMs.toFixed(2)} ms of Cassandra CPU each, ${Math.round(options.requests / seconds)} per second`);
  }

  await client.execute(`DROP KEYSPACE ${keyspace}`);
  await client.shutdown();
}

main().catch((error: unknown) => {
  console.error(`cassandra-requests failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
