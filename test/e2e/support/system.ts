import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MessengerHttpClient } from '@messenger/client';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const HOST = '127.0.0.1';

/** Timings of the services under test, short so that timeouts play out within a test. */
export const E2E_TIMING = {
  gatewayHeartbeatIntervalMs: 500,
  gatewayHeartbeatTimeoutMs: 2000,
  presenceHeartbeatTimeoutMs: 2000,
  presenceDisconnectGraceMs: 500,
  presenceSweepIntervalMs: 100,
  shortAccessTokenTtlSeconds: 5,
} as const;

export type ServiceName = 'auth' | 'auth-short-ttl' | 'message' | 'presence' | 'media' | 'gateway-a' | 'gateway-b';
export type GatewayName = 'gateway-a' | 'gateway-b';

interface ServicePlan {
  name: ServiceName;
  app: 'auth' | 'message' | 'presence' | 'media' | 'gateway';
  httpPort: number;
  grpcPort?: number;
  metricsPort: number;
  env: Record<string, string>;
}

interface RunningService {
  child: ChildProcess;
  /** Set before the harness signals the process, so that its exit is not reported as a crash. */
  exitExpected: boolean;
  exited: Promise<void>;
}

export interface StartOptions {
  /** Also starts "auth-short-ttl", a second auth process with access tokens of shortAccessTokenTtlSeconds. */
  shortTokenAuth?: boolean;
}

/**
 * Moves every port of the test system, so that a second run on one machine
 * (another checkout, or a helper's run) does not collide with the first.
 */
export const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
// Every port must stay below the ephemeral range (32768 and up), where a client socket can take it first.
if (!Number.isInteger(PORT_OFFSET) || PORT_OFFSET < 0 || PORT_OFFSET > 14_000) {
  throw new Error(`E2E_PORT_OFFSET must be a whole number from 0 to 14000, got "${process.env.E2E_PORT_OFFSET}"`);
}

// Ports apart from the dev services (3101-3104, 50051-50054, 8080-8081, 9101-9104, 9180-9181).
const BASE_PORTS = {
  auth: { http: 3201, grpc: 4201, metrics: 9201 },
  'auth-short-ttl': { http: 3204, grpc: 4204, metrics: 9204 },
  message: { http: 3202, grpc: 4202, metrics: 9202 },
  presence: { http: 3203, grpc: 4203, metrics: 9203 },
  media: { http: 3205, grpc: 4205, metrics: 9205 },
  'gateway-a': { http: 8180, metrics: 9280 },
  'gateway-b': { http: 8181, metrics: 9281 },
} as const;

const PORTS = Object.fromEntries(
  Object.entries(BASE_PORTS).map(([name, ports]) => [
    name,
    Object.fromEntries(Object.entries(ports).map(([kind, port]) => [kind, port + PORT_OFFSET])),
  ]),
) as unknown as typeof BASE_PORTS;

const HEALTH_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;
const LOG_TAIL_LINES = 30;

/** Every child of every harness in this process, killed if the test process exits without stopping them. */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of liveChildren) child.kill('SIGKILL');
  });
}

/** Upload limit of the media service under test: small enough to test quickly, above one S3 part (8 MiB). */
export const E2E_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * The messenger services as separate Node processes on their own ports,
 * sharing the local Redis, Kafka, Cassandra (keyspace "messenger") and S3
 * bucket with the dev services. Each run signs tokens with a fresh Ed25519 key in a
 * temporary folder, where every process also writes its log.
 */
export class TestSystem {
  private readonly running = new Map<ServiceName, RunningService>();
  private readonly plans = new Map<ServiceName, ServicePlan>();

  private constructor(readonly workDir: string) {}

  /** Starts the backends, then both gateways, and resolves once every GET /health returns 200. */
  static async start(options: StartOptions = {}): Promise<TestSystem> {
    for (const app of ['auth', 'message', 'presence', 'media', 'gateway']) {
      const main = path.join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
      if (!fs.existsSync(main)) {
        throw new Error(`${main} is missing, so build first with "npx tsc -p tsconfig.build.json"`);
      }
    }
    installExitHook();
    const system = new TestSystem(fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-e2e-')));
    const signingKeyFile = path.join(system.workDir, 'signing-key.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', signingKeyFile], { stdio: 'ignore' });
    fs.chmodSync(signingKeyFile, 0o600);
    fs.writeFileSync(path.join(system.workDir, 'media-url.key'), crypto.randomBytes(32), { mode: 0o600 });

    const backends: ServiceName[] = ['auth', 'message', 'presence', 'media'];
    if (options.shortTokenAuth) backends.push('auth-short-ttl');
    for (const plan of servicePlans(signingKeyFile)) {
      if (plan.name === 'auth-short-ttl' && !options.shortTokenAuth) continue;
      system.plans.set(plan.name, plan);
    }

    try {
      await Promise.all([...system.plans.values()].map((plan) => requireFreePorts(plan)));
      // Gateways load the token keys from auth and check all three backends in their health report.
      await Promise.all(backends.map((name) => system.launch(name)));
      await Promise.all((['gateway-a', 'gateway-b'] as const).map((name) => system.launch(name)));
    } catch (error) {
      await system.stop();
      throw error;
    }

    return system;
  }

  /** Returns the HTTP API client of a gateway, whose socketUrl() builds the WebSocket URL. */
  http(gateway: GatewayName): MessengerHttpClient {
    return new MessengerHttpClient(this.baseUrl(gateway));
  }

  baseUrl(name: ServiceName): string {
    return `http://${HOST}:${this.plan(name).httpPort}`;
  }

  metricsUrl(name: ServiceName): string {
    return `http://${HOST}:${this.plan(name).metricsPort}/metrics`;
  }

  grpcAddress(name: 'auth' | 'auth-short-ttl' | 'message' | 'presence' | 'media'): string {
    return `${HOST}:${this.plan(name).grpcPort}`;
  }

  isRunning(name: ServiceName): boolean {
    const service = this.running.get(name);

    return service !== undefined && service.child.exitCode === null && service.child.signalCode === null;
  }

  /** Sends signal to the service and resolves once the process has exited. */
  async kill(name: ServiceName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const service = this.running.get(name);
    if (!service || !this.isRunning(name)) throw new Error(`${name} is not running`);
    service.exitExpected = true;
    service.child.kill(signal);
    await withTimeout(service.exited, STOP_TIMEOUT_MS * 2, `${name} did not exit after ${signal}`);
  }

  /** Starts a stopped service again with the same settings and waits for its health check. */
  async restart(name: ServiceName): Promise<void> {
    if (this.isRunning(name)) await this.kill(name, 'SIGTERM');
    await this.launch(name);
  }

  /** Returns the process id of a running service, e.g. to read its memory use from /proc. */
  pid(name: ServiceName): number {
    const pid = this.running.get(name)?.child.pid;
    if (pid === undefined || !this.isRunning(name)) throw new Error(`${name} is not running`);

    return pid;
  }

  /** Returns the last lines of the service's log. */
  logTail(name: ServiceName, lines = LOG_TAIL_LINES): string {
    const file = this.logFile(name);
    if (!fs.existsSync(file)) return '';

    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  }

  /** Stops every process (SIGTERM, then SIGKILL after 5 s) and removes the work folder unless E2E_KEEP_LOGS is set. */
  async stop(): Promise<void> {
    await Promise.all([...this.running.keys()].map((name) => this.terminate(name)));
    if (process.env.E2E_KEEP_LOGS) {
      fs.rmSync(path.join(this.workDir, 'signing-key.pem'), { force: true });
      console.info(`e2e service logs kept in ${this.workDir}`);

      return;
    }
    fs.rmSync(this.workDir, { recursive: true, force: true });
  }

  private async terminate(name: ServiceName): Promise<void> {
    const service = this.running.get(name);
    if (!service || !this.isRunning(name)) return;
    service.exitExpected = true;
    service.child.kill('SIGTERM');
    const stopped = await withTimeout(service.exited, STOP_TIMEOUT_MS, `${name} did not stop after SIGTERM`).then(
      () => true,
      () => false,
    );
    if (stopped) return;
    service.child.kill('SIGKILL');
    await withTimeout(service.exited, STOP_TIMEOUT_MS, `${name} did not exit after SIGKILL`);
  }

  private async launch(name: ServiceName): Promise<void> {
    const plan = this.plan(name);
    const log = fs.openSync(this.logFile(name), 'a');
    const main = path.join(ROOT, 'dist', 'apps', plan.app, 'src', 'main.js');
    const child = spawn(process.execPath, ['-r', path.join(ROOT, 'tools', 'register-aliases.js'), main], {
      cwd: ROOT,
      env: { ...process.env, ...plan.env },
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    liveChildren.add(child);

    const service: RunningService = {
      child,
      exitExpected: false,
      exited: new Promise((resolve) => {
        child.once('exit', (code, signal) => {
          liveChildren.delete(child);
          if (!service.exitExpected) {
            console.error(
              `${name} (pid ${child.pid}) exited unexpectedly with code ${code}, signal ${signal}; ` +
                `last lines of ${this.logFile(name)}:\n${this.logTail(name)}`,
            );
          }
          resolve();
        });
      }),
    };
    this.running.set(name, service);
    await this.waitHealthy(name);
  }

  private async waitHealthy(name: ServiceName): Promise<void> {
    const url = `${this.baseUrl(name)}/health`;
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    let lastProblem = 'no response yet';
    while (Date.now() < deadline) {
      if (!this.isRunning(name)) {
        throw new Error(`${name} exited during start-up; last lines of its log:\n${this.logTail(name)}`);
      }
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) return;
        lastProblem = `status ${response.status}: ${await response.text()}`;
      } catch (error) {
        lastProblem = (error as Error).message;
      }
      await sleep(200);
    }
    throw new Error(
      `${name} was not healthy at ${url} within ${HEALTH_TIMEOUT_MS} ms (${lastProblem}); ` +
        `last lines of its log:\n${this.logTail(name)}`,
    );
  }

  private plan(name: ServiceName): ServicePlan {
    const plan = this.plans.get(name);
    if (!plan) throw new Error(`${name} is not part of this system. Pass shortTokenAuth to start it`);

    return plan;
  }

  private logFile(name: ServiceName): string {
    return path.join(this.workDir, `${name}.log`);
  }
}

function servicePlans(signingKeyFile: string): ServicePlan[] {
  const grpcUrl = (name: 'auth' | 'message' | 'presence' | 'media') => `${HOST}:${PORTS[name].grpc}`;
  const listen = (ports: { http: number; grpc?: number; metrics: number }) => ({
    HTTP_HOST: HOST,
    HTTP_PORT: String(ports.http),
    METRICS_HOST: HOST,
    METRICS_PORT: String(ports.metrics),
    ...(ports.grpc === undefined ? {} : { GRPC_HOST: HOST, GRPC_PORT: String(ports.grpc) }),
  });
  // Every test registers fresh users from 127.0.0.1, which the default per-address limits would soon reject.
  const authEnv = {
    AUTH_SIGNING_KEY_FILE: signingKeyFile,
    AUTH_LOGIN_MAX_ATTEMPTS: '10000',
    AUTH_REGISTER_MAX_PER_IP: '100000',
  };
  const gatewayEnv = (gatewayId: string) => ({
    GATEWAY_ID: gatewayId,
    AUTH_GRPC_URL: grpcUrl('auth'),
    MESSAGE_GRPC_URL: grpcUrl('message'),
    PRESENCE_GRPC_URL: grpcUrl('presence'),
    GATEWAY_HEARTBEAT_INTERVAL_MS: String(E2E_TIMING.gatewayHeartbeatIntervalMs),
    GATEWAY_HEARTBEAT_TIMEOUT_MS: String(E2E_TIMING.gatewayHeartbeatTimeoutMs),
    SHUTDOWN_GRACE_MS: '1000',
  });
  const plan = (
    name: ServiceName,
    app: ServicePlan['app'],
    ports: { http: number; grpc?: number; metrics: number },
    env: Record<string, string>,
  ): ServicePlan => ({
    name,
    app,
    httpPort: ports.http,
    grpcPort: ports.grpc,
    metricsPort: ports.metrics,
    env: { ...listen(ports), ...env },
  });

  return [
    plan('auth', 'auth', PORTS.auth, authEnv),
    plan('auth-short-ttl', 'auth', PORTS['auth-short-ttl'], {
      ...authEnv,
      AUTH_ACCESS_TOKEN_TTL_SECONDS: String(E2E_TIMING.shortAccessTokenTtlSeconds),
    }),
    plan('message', 'message', PORTS.message, { MEDIA_GRPC_URL: grpcUrl('media') }),
    plan('presence', 'presence', PORTS.presence, {
      MESSAGE_GRPC_URL: grpcUrl('message'),
      PRESENCE_HEARTBEAT_TIMEOUT_MS: String(E2E_TIMING.presenceHeartbeatTimeoutMs),
      PRESENCE_DISCONNECT_GRACE_MS: String(E2E_TIMING.presenceDisconnectGraceMs),
      PRESENCE_SWEEP_INTERVAL_MS: String(E2E_TIMING.presenceSweepIntervalMs),
    }),
    // The S3 server of deploy/local/up.sh, unless the environment names another (as scripts/test.sh does).
    plan('media', 'media', PORTS.media, {
      AUTH_GRPC_URL: grpcUrl('auth'),
      MESSAGE_GRPC_URL: grpcUrl('message'),
      MEDIA_URL_SIGNING_KEY_FILE: path.join(path.dirname(signingKeyFile), 'media-url.key'),
      MEDIA_MAX_UPLOAD_BYTES: String(E2E_MAX_UPLOAD_BYTES),
      MEDIA_S3_ENDPOINT: process.env.MEDIA_S3_ENDPOINT ?? `http://${HOST}:${process.env.S3_PORT ?? 9000}`,
      MEDIA_S3_ACCESS_KEY_ID: process.env.MEDIA_S3_ACCESS_KEY_ID ?? 'messenger-local',
      MEDIA_S3_SECRET_ACCESS_KEY: process.env.MEDIA_S3_SECRET_ACCESS_KEY ?? 'messenger-local-secret',
      AWS_EC2_METADATA_DISABLED: 'true',
    }),
    // Gateway ids differ from the dev gateways', which share the Redis delivery channels and Kafka groups.
    plan('gateway-a', 'gateway', PORTS['gateway-a'], gatewayEnv(`e2e-gateway-a${PORT_OFFSET ? `-${PORT_OFFSET}` : ''}`)),
    plan('gateway-b', 'gateway', PORTS['gateway-b'], gatewayEnv(`e2e-gateway-b${PORT_OFFSET ? `-${PORT_OFFSET}` : ''}`)),
  ];
}

/** Rejects when something already listens on one of the plan's ports, such as a process left by an aborted run. */
async function requireFreePorts(plan: ServicePlan): Promise<void> {
  const ports = [plan.httpPort, plan.grpcPort, plan.metricsPort].filter((port): port is number => port !== undefined);
  for (const port of ports) {
    if (await isListening(port)) {
      throw new Error(`port ${port} of ${plan.name} is already in use on ${HOST}. Stop the process that listens there`);
    }
  }
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
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

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts a TestSystem before the tests of the calling file and stops it
 * after them. Returns a stand-in that forwards every call to the running
 * system, so that tests can use it as a TestSystem.
 */
export function useTestSystem(options: StartOptions = {}): TestSystem {
  let running: TestSystem | undefined;
  beforeAll(async () => {
    running = await TestSystem.start(options);
  }, 90_000);
  afterAll(async () => {
    await running?.stop();
  }, 30_000);

  return new Proxy({} as TestSystem, {
    get(_target, property) {
      if (!running) throw new Error('the test system is not running: use it inside tests and hooks only');
      const value = Reflect.get(running, property) as unknown;

      return typeof value === 'function' ? value.bind(running) : value;
    },
  });
}
