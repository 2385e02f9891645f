import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PORT_OFFSET, type TestSystem } from '../../e2e/support/system';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const HOST = '127.0.0.1';
/** Apart from the dev web server (8090). */
const PORT = 8190 + PORT_OFFSET;
const READY_TIMEOUT_MS = 30_000;

/** The web client's server, proxying /v1 to the test system's two gateways and /v1/media to its media service. */
export class TestWebServer {
  private output = '';

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static async start(system: TestSystem): Promise<TestWebServer> {
    const main = path.join(ROOT, 'dist', 'apps', 'web', 'src', 'main.js');
    const index = path.join(ROOT, 'dist', 'web', 'index.html');
    for (const file of [main, index]) {
      if (!fs.existsSync(file)) throw new Error(`${file} is missing, so build first with "npm run build"`);
    }
    const child = spawn(process.execPath, ['-r', path.join(ROOT, 'tools', 'register-aliases.js'), main], {
      cwd: ROOT,
      env: {
        ...process.env,
        WEB_HOST: HOST,
        WEB_PORT: String(PORT),
        WEB_GATEWAY_URLS: [system.baseUrl('gateway-a'), system.baseUrl('gateway-b')].join(','),
        WEB_MEDIA_URLS: system.baseUrl('media'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new TestWebServer(child);
    await server.waitReady();

    return server;
  }

  get baseUrl(): string {
    return `http://${HOST}:${PORT}`;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const response = await fetch(`${this.baseUrl}/health`).catch(() => undefined);
      if (response?.ok) return;
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`the web server did not start on ${this.baseUrl}:\n${this.output.slice(-2000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
