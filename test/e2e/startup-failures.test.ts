import net from 'node:net';
import { StandaloneProcess, launchGateway, stopProcess } from './support/standalone-process';
import { sleep, useTestSystem } from './support/system';

/** Ports of the gateway under test and of the Redis stand-ins. The dev and e2e services use none of them. */
const GATEWAY = { http: 3221, metrics: 9221 } as const;
const SILENT_REDIS_PORT = 6396;
const REFUSED_REDIS_PORT = 6395;

/** How long an operator may reasonably wait for a starting service to either fail or report its health. */
const START_DEADLINE_MS = 20_000;

const system = useTestSystem();

function startGateway(redisUrl: string): StandaloneProcess {
  return launchGateway(system, {
    id: 'e2e-startup-failures',
    httpPort: GATEWAY.http,
    metricsPort: GATEWAY.metrics,
    redisUrl,
  });
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
    const gateway = startGateway(`redis://127.0.0.1:${SILENT_REDIS_PORT}`);
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
      await stopProcess(gateway);
      for (const socket of sockets) socket.destroy();
      silentRedis.close();
    }
  }, 60_000);

  it('names Redis in the fatal error when Redis refuses', async () => {
    const gateway = startGateway(`redis://127.0.0.1:${REFUSED_REDIS_PORT}`);
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
      await stopProcess(gateway);
    }
  }, 60_000);
});
