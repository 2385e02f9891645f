import path from 'node:path';
import type { MeasuredProcess } from './process-stats';
import { ServerProcess, isListening, requireFreePorts } from './server-process';
import { ConnectionLayout, LayoutRequest, SystemUnderTest, UserPool, buildLayout } from './system-under-test';

const PEERS_DIR = path.resolve(__dirname, '..', 'peers');
export const WS_RELAY_PORT = 8310;
export const SOCKETIO_RELAY_PORT = 8320;

export interface RelayOptions {
  workDir: string;
  heartbeatMs: number;
}

/** A relay peer: one Node process, no storage, no shared servers. */
abstract class RelaySystem implements SystemUnderTest {
  abstract readonly kind: 'ws-relay' | 'socketio-relay';
  readonly persistent = false;
  readonly redisPort = undefined;
  protected readonly pool = new UserPool();
  private server: ServerProcess | undefined;

  constructor(
    protected readonly options: RelayOptions,
    private readonly port: number,
  ) {}

  async start(): Promise<void> {
    await requireFreePorts(this.kind, [this.port]);
    this.server = new ServerProcess({
      name: this.kind,
      command: process.execPath,
      args: this.serverArgs(),
      logFile: path.join(this.options.workDir, `${this.kind}.log`),
      isReady: () => isListening(this.port),
    });
    await this.server.start();
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }

  async restartConnectionServers(): Promise<void> {
    await this.server!.stop();
    await this.server!.start();
  }

  measuredProcesses(): MeasuredProcess[] {
    const pid = this.server?.pid;

    return pid === undefined ? [] : [{ name: this.kind, pid, countMemory: true, holdsConnections: true }];
  }

  async layout(request: LayoutRequest): Promise<ConnectionLayout> {
    return buildLayout(request, this.pool, (userId) => ({ url: this.urlFor(userId) }));
  }

  protected abstract serverArgs(): string[];
  protected abstract urlFor(userId: string): string;
}

export class WsRelaySystem extends RelaySystem {
  readonly kind = 'ws-relay' as const;

  constructor(options: RelayOptions) {
    super(options, WS_RELAY_PORT);
  }

  protected serverArgs(): string[] {
    return [path.join(PEERS_DIR, 'ws-relay-server.js'), '--port', String(WS_RELAY_PORT)];
  }

  protected urlFor(userId: string): string {
    return `ws://127.0.0.1:${WS_RELAY_PORT}/?user=${encodeURIComponent(userId)}`;
  }
}

export class SocketIoRelaySystem extends RelaySystem {
  readonly kind = 'socketio-relay' as const;

  constructor(options: RelayOptions) {
    super(options, SOCKETIO_RELAY_PORT);
  }

  protected serverArgs(): string[] {
    return [
      path.join(PEERS_DIR, 'socketio-relay-server.js'),
      '--port',
      String(SOCKETIO_RELAY_PORT),
      '--ping-interval-ms',
      String(this.options.heartbeatMs),
    ];
  }

  protected urlFor(): string {
    return `http://127.0.0.1:${SOCKETIO_RELAY_PORT}`;
  }
}
