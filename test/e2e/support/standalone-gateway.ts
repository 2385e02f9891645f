import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { TestSystem } from './system';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** A gateway process that one test starts and stops itself, apart from the shared test system. */
export interface StandaloneGateway {
  child: ChildProcess;
  output: () => string;
  exited: () => boolean;
  /** Resolves with the exit code (null after a signal) once the process has ended. */
  exit: Promise<number | null>;
}

export interface StandaloneGatewayOptions {
  id: string;
  httpPort: number;
  metricsPort: number;
  redisUrl?: string;
  env?: Record<string, string>;
}

/** Starts a gateway that uses the test system's auth, message and presence services. */
export function launchGateway(system: TestSystem, options: StandaloneGatewayOptions): StandaloneGateway {
  let output = '';
  const child = spawn(
    process.execPath,
    ['-r', path.join(ROOT, 'tools', 'register-aliases.js'), path.join(ROOT, 'dist', 'apps', 'gateway', 'src', 'main.js')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(options.httpPort),
        METRICS_HOST: '127.0.0.1',
        METRICS_PORT: String(options.metricsPort),
        GATEWAY_ID: options.id,
        ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
        AUTH_GRPC_URL: system.grpcAddress('auth'),
        MESSAGE_GRPC_URL: system.grpcAddress('message'),
        PRESENCE_GRPC_URL: system.grpcAddress('presence'),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return { child, output: () => output, exited: () => child.exitCode !== null || child.signalCode !== null, exit };
}

/** Kills the gateway if it still runs, and waits for it to end. */
export async function stopGateway(gateway: StandaloneGateway): Promise<void> {
  if (!gateway.exited()) gateway.child.kill('SIGKILL');
  await gateway.exit;
}
