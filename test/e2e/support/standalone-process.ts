import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { sleep } from './system';
import type { TestSystem } from './system';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const READY_TIMEOUT_MS = 60_000;

/** A service process that one test starts and stops itself, apart from the shared test system. */
export interface StandaloneProcess {
  child: ChildProcess;
  httpPort: number;
  output: () => string;
  exited: () => boolean;
  /** Resolves with the exit code (null after a signal) once the process has ended. */
  exit: Promise<number | null>;
}

export interface StandaloneOptions {
  httpPort: number;
  metricsPort: number;
  env?: Record<string, string>;
}

export interface StandaloneGatewayOptions extends StandaloneOptions {
  id: string;
  redisUrl?: string;
}

/** Starts one app from dist/ on loopback with the given ports and extra environment. */
export function launchApp(app: 'gateway' | 'message', options: StandaloneOptions): StandaloneProcess {
  let output = '';
  const child = spawn(
    process.execPath,
    ['-r', path.join(ROOT, 'tools', 'register-aliases.js'), path.join(ROOT, 'dist', 'apps', app, 'src', 'main.js')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(options.httpPort),
        METRICS_HOST: '127.0.0.1',
        METRICS_PORT: String(options.metricsPort),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return {
    child,
    httpPort: options.httpPort,
    output: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    exit,
  };
}

/** Starts a gateway that uses the test system's auth, message and presence services. */
export function launchGateway(system: TestSystem, options: StandaloneGatewayOptions): StandaloneProcess {
  return launchApp('gateway', {
    ...options,
    env: {
      GATEWAY_ID: options.id,
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      AUTH_GRPC_URL: system.grpcAddress('auth'),
      MESSAGE_GRPC_URL: system.grpcAddress('message'),
      PRESENCE_GRPC_URL: system.grpcAddress('presence'),
      ...options.env,
    },
  });
}

/** Waits until the process's /health/ready returns 200; throws with its log when it exits or times out. */
export async function waitUntilReady(launched: StandaloneProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await fetch(`http://127.0.0.1:${launched.httpPort}/health/ready`).catch(() => undefined))?.ok) {
    if (launched.exited() || Date.now() > deadline) {
      throw new Error(`the process on port ${launched.httpPort} did not become ready:\n${launched.output().slice(-2000)}`);
    }
    await sleep(250);
  }
}

/** Kills the process if it still runs, and waits for it to end. */
export async function stopProcess(launched: StandaloneProcess): Promise<void> {
  if (!launched.exited()) launched.child.kill('SIGKILL');
  await launched.exit;
}
