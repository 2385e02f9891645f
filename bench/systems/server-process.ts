import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;
const LOG_TAIL_LINES = 20;

/** Every child the harness started, killed if the harness exits without stopping it. */
const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  logFile: string;
  /** Resolves true once the process serves requests. */
  isReady(): Promise<boolean>;
}

/** A server process that the benchmark starts, restarts and stops itself. */
export class ServerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly spec: ProcessSpec) {}

  get pid(): number | undefined {
    return this.isRunning() ? this.child?.pid : undefined;
  }

  isRunning(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const log = fs.openSync(this.spec.logFile, 'a');
    const child = spawn(this.spec.command, this.spec.args, {
      env: { ...process.env, ...this.spec.env },
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    this.child = child;
    liveChildren.add(child);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exited.then(() => liveChildren.delete(child));

    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!this.isRunning()) {
        throw new Error(`${this.spec.name} exited during start-up; last lines of ${this.spec.logFile}:\n${this.logTail()}`);
      }
      if (await this.spec.isReady().catch(() => false)) return;
      await sleep(200);
    }
    throw new Error(`${this.spec.name} was not ready within ${READY_TIMEOUT_MS} ms; last lines of ${this.spec.logFile}:\n${this.logTail()}`);
  }

  /** Sends the signal and waits for the exit, with SIGKILL after 15 s. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.isRunning()) return;
    this.child!.kill(signal);
    const stopped = await Promise.race([this.exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
    if (stopped) return;
    this.child!.kill('SIGKILL');
    await this.exited;
  }

  logTail(): string {
    if (!fs.existsSync(this.spec.logFile)) return '';

    return fs.readFileSync(this.spec.logFile, 'utf8').trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n');
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves true when something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function isHttpOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });

  return response.status === 200;
}

/** Rejects when one of the ports is taken, for example by a process left from an aborted run. */
export async function requireFreePorts(owner: string, ports: number[]): Promise<void> {
  for (const port of ports) {
    if (await isListening(port)) {
      throw new Error(`port 127.0.0.1:${port} of ${owner} is in use; stop the process that listens there (see "ss -ltnp")`);
    }
  }
}
