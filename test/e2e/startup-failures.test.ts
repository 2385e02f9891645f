import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { sleep, useTestSystem } from './support/system';

const ROOT = path.resolve(__dirname, '..', '..');

/** Ports of the gateway under test and of the Redis stand-ins. The dev and e2e services use none of them. */
const GATEWAY = { http: 3221, metrics: 9221 } as const;
const SILENT_REDIS_PORT = 6396;
const REFUSED_REDIS_PORT = 6395;

/** How long an operator may reasonably wait for a starting service to either fail or report its health. */
const START_DEADLINE_MS = 20_000;

const system = useTestSystem();

interface Launched {
  child: ChildProcess;
  output: () => string;
  exited: () => boolean;
}

function launchGateway(redisUrl: string): Launched {
  let output = '';
  const child = spawn(
    process.execPath,
    ['-r', path.join(ROOT, 'tools', 'register-aliases.js'), path.join(ROOT, 'dist', 'apps', 'gateway', 'src', 'main.js')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(GATEWAY.http),
        METRICS_HOST: '127.0.0.1',
        METRICS_PORT: String(GATEWAY.metrics),
        GATEWAY_ID: 'e2e-startup-failures',
        REDIS_URL: redisUrl,
        AUTH_GRPC_URL: system.grpcAddress('auth'),
        MESSAGE_GRPC_URL: system.grpcAddress('message'),
        PRESENCE_GRPC_URL: system.grpcAddress('presence'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  return { child, output: () => output, exited: () => child.exitCode !== null || child.signalCode !== null };
}

async function stopGateway(launched: Launched): Promise<void> {
  if (launched.exited()) return;
  launched.child.kill('SIGKILL');
  await new Promise((resolve) => launched.child.once('exit', resolve));
}

describe('gateway start-up with Redis down', () => {
  it('fails or reports health when Redis never replies', async () => {
    // Accepts TCP connections and never replies, like a hung Redis.
    const sockets = new Set<net.Socket>();
    const silentRedis = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silentRedis.listen(SILENT_REDIS_PORT, '127.0.0.1', resolve));
    const gateway = launchGateway(`redis://127.0.0.1:${SILENT_REDIS_PORT}`);
    let healthStatus: number | undefined;
    try {
      const deadline = Date.now() + START_DEADLINE_MS;
      while (Date.now() < deadline && !gateway.exited() && healthStatus === undefined) {
        await sleep(500);
        healthStatus = await fetch(`http://127.0.0.1:${GATEWAY.http}/health`).then(
          (response) => response.status,
          () => undefined,
        );
      }
      let outcome = 'silent';
      if (gateway.exited()) outcome = 'exited';
      else if (healthStatus !== undefined) outcome = `health ${healthStatus}`;

      expect(outcome).not.toBe('silent');
    } finally {
      await stopGateway(gateway);
      for (const socket of sockets) socket.destroy();
      silentRedis.close();
    }
  }, 60_000);

  it('names Redis in the fatal error when Redis refuses', async () => {
    const gateway = launchGateway(`redis://127.0.0.1:${REFUSED_REDIS_PORT}`);
    try {
      const deadline = Date.now() + START_DEADLINE_MS;
      while (Date.now() < deadline && !gateway.exited()) await sleep(250);
      const fatalLine = gateway
        .output()
        .split('\n')
        .find((line) => line.includes('"level":"fatal"'));
      const fatal = fatalLine ? (JSON.parse(fatalLine) as { msg?: string; err?: { message?: string } }) : undefined;
      // The stack names ioredis' files, so only the message and the error message count.
      const explanation = `${fatal?.msg ?? ''} ${fatal?.err?.message ?? ''}`;

      expect(fatal).toBeDefined();
      expect(explanation).toMatch(/redis/i);
      expect(explanation).toContain(String(REFUSED_REDIS_PORT));
    } finally {
      await stopGateway(gateway);
    }
  }, 60_000);
});
