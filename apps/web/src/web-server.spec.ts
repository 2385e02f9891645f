import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http, { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import WebSocket, { WebSocketServer } from 'ws';
import { WebServer } from './web-server';

interface FakeGateway {
  url: URL;
  requests: { path: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

/** Starts an HTTP server that echoes requests as JSON and accepts WebSockets on /v1/ws, echoing each message. */
async function startFakeGateway(name: string, options: { rejectUpgradeWith?: number } = {}): Promise<FakeGateway> {
  const requests: FakeGateway['requests'] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      requests.push({ path: request.url ?? '', headers: request.headers, body });
      response.setHeader('Content-Type', 'application/json');
      response.setHeader('X-Gateway', name);
      response.statusCode = request.url?.startsWith('/v1/auth/register') ? 201 : 200;
      response.end(JSON.stringify({ gateway: name, body }));
    });
  });
  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    requests.push({ path: request.url ?? '', headers: request.headers, body: '' });
    if (options.rejectUpgradeWith !== undefined) {
      const text = `UNAUTHENTICATED: rejected by ${name}`;
      socket.end(
        `HTTP/1.1 ${options.rejectUpgradeWith} Rejected\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`,
      );

      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => {
      client.on('message', (data) => client.send(`${name}:${data.toString()}`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    requests,
    close: async () => {
      for (const client of sockets.clients) {
        client.terminate();
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Returns the URL of a loopback port that nothing listens on, so connections to it are refused. */
async function refusingUrl(): Promise<URL> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));

  return new URL(`http://127.0.0.1:${port}`);
}

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function rejectionOf(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => reject(new Error('the handshake was expected to fail')));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.once('error', () => undefined);
  });
}

function nextMessage(socket: WebSocket): Promise<string> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(data.toString())));
}

describe('WebServer', () => {
  let staticDir: string;
  const gateways: FakeGateway[] = [];
  const servers: WebServer[] = [];

  async function startWeb(gatewayUrls: URL[], mediaUrls: URL[] = gatewayUrls): Promise<string> {
    const sut = new WebServer({ staticDir, gatewayUrls, mediaUrls, logger: pino({ level: 'silent' }) });
    servers.push(sut);
    const address = await sut.listen(0, '127.0.0.1');

    return `127.0.0.1:${address.port}`;
  }

  async function startGateway(name: string, options?: { rejectUpgradeWith?: number }): Promise<FakeGateway> {
    const gateway = await startFakeGateway(name, options);
    gateways.push(gateway);

    return gateway;
  }

  beforeAll(async () => {
    staticDir = await mkdtemp(path.join(os.tmpdir(), 'web-server-'));
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>web</title>');
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close(0)));
    await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
  });

  afterAll(async () => {
    await rm(staticDir, { recursive: true, force: true });
  });

  it('answers /health', async () => {
    const host = await startWeb([await refusingUrl()]);
    const response = await fetch(`http://${host}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('sets the security headers on pages', async () => {
    const host = await startWeb([await refusingUrl()]);
    const response = await fetch(`http://${host}/`);
    const policy = response.headers.get('content-security-policy') ?? '';

    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain(`connect-src 'self' ws://${host} wss://${host}`);
  });

  it('forwards a request with its headers, body and X-Forwarded-For', async () => {
    const gateway = await startGateway('a');
    const host = await startWeb([gateway.url]);

    const response = await fetch(`http://${host}/v1/auth/register?x=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '203.0.113.7', 'X-Custom': 'kept' },
      body: JSON.stringify({ username: 'alice' }),
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('x-gateway')).toBe('a');
    expect(await response.json()).toEqual({ gateway: 'a', body: '{"username":"alice"}' });
    const forwarded = gateway.requests[0];
    expect(forwarded.path).toBe('/v1/auth/register?x=1');
    expect(forwarded.headers['x-custom']).toBe('kept');
    expect(forwarded.headers['content-type']).toBe('application/json');
    expect(forwarded.headers['x-forwarded-for']).toBe('203.0.113.7, 127.0.0.1');
    expect(forwarded.headers['x-forwarded-host']).toBe(host);
    expect(forwarded.headers['x-correlation-id']).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
  });

  it('moves on to the next gateway when one refuses the connection', async () => {
    const gateway = await startGateway('b');
    const host = await startWeb([await refusingUrl(), gateway.url]);

    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await fetch(`http://${host}/v1/auth/login`, { method: 'POST', body: '{}' });

      expect(response.status).toBe(200);
      expect(response.headers.get('x-gateway')).toBe('b');
    }
    expect(gateway.requests).toHaveLength(3);
  });

  it('answers 502 UNAVAILABLE when no gateway answers', async () => {
    const host = await startWeb([await refusingUrl(), await refusingUrl()]);
    const response = await fetch(`http://${host}/v1/auth/login`, { method: 'POST', body: '{}' });

    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ code: 'UNAVAILABLE', message: expect.stringContaining('no gateway') });
  });

  it('rejects a body over the limit with 413', async () => {
    const gateway = await startGateway('a');
    const host = await startWeb([gateway.url]);
    const response = await fetch(`http://${host}/v1/auth/login`, { method: 'POST', body: 'x'.repeat(70_000) });

    expect(response.status).toBe(413);
    expect(gateway.requests).toHaveLength(0);
  });

  it('passes WebSocket messages both ways', async () => {
    const gateway = await startGateway('a');
    const host = await startWeb([gateway.url]);
    const socket = await openSocket(`ws://${host}/v1/ws?access_token=t&device_id=d`);

    socket.send('hello');
    expect(await nextMessage(socket)).toBe('a:hello');
    expect(gateway.requests[0].path).toBe('/v1/ws?access_token=t&device_id=d');
    expect(gateway.requests[0].headers['x-forwarded-for']).toBe('127.0.0.1');
    socket.close();
  });

  it('keeps an idle WebSocket past the response timeout', async () => {
    const gateway = await startGateway('a');
    const sut = new WebServer({
      staticDir,
      gatewayUrls: [gateway.url],
      mediaUrls: [gateway.url],
      logger: pino({ level: 'silent' }),
      proxy: { responseTimeoutMs: 100 },
    });
    servers.push(sut);
    const address = await sut.listen(0, '127.0.0.1');
    const socket = await openSocket(`ws://127.0.0.1:${address.port}/v1/ws`);

    await new Promise((resolve) => setTimeout(resolve, 400));
    socket.send('still there');

    expect(await nextMessage(socket)).toBe('a:still there');
    socket.close();
  });

  it('opens the WebSocket on the next gateway when one refuses', async () => {
    const gateway = await startGateway('b');
    const host = await startWeb([await refusingUrl(), gateway.url]);
    const socket = await openSocket(`ws://${host}/v1/ws`);

    socket.send('hi');
    expect(await nextMessage(socket)).toBe('b:hi');
    socket.close();
  });

  it('opens the WebSocket on the next gateway when one is draining with 503', async () => {
    const draining = await startGateway('a', { rejectUpgradeWith: 503 });
    const gateway = await startGateway('b');
    const host = await startWeb([draining.url, gateway.url]);
    const socket = await openSocket(`ws://${host}/v1/ws`);

    socket.send('hi');
    expect(await nextMessage(socket)).toBe('b:hi');
    expect(draining.requests).toHaveLength(1);
    socket.close();
  });

  it('passes a rejected handshake on to the client', async () => {
    const gateway = await startGateway('a', { rejectUpgradeWith: 401 });
    const host = await startWeb([gateway.url]);

    expect(await rejectionOf(`ws://${host}/v1/ws`)).toEqual({ status: 401, body: 'UNAUTHENTICATED: rejected by a' });
  });

  it('answers a WebSocket handshake with 502 when no gateway answers', async () => {
    const host = await startWeb([await refusingUrl()]);
    const rejection = await rejectionOf(`ws://${host}/v1/ws`);

    expect(rejection.status).toBe(502);
    expect(JSON.parse(rejection.body)).toEqual({ code: 'UNAVAILABLE', message: expect.stringContaining('no gateway') });
  });

  it('closes WebSocket tunnels on close', async () => {
    const gateway = await startGateway('a');
    const sut = new WebServer({
      staticDir,
      gatewayUrls: [gateway.url],
      mediaUrls: [gateway.url],
      logger: pino({ level: 'silent' }),
    });
    const address = await sut.listen(0, '127.0.0.1');
    const socket = await openSocket(`ws://127.0.0.1:${address.port}/v1/ws`);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

    await sut.close(1_000);

    expect(await closed).toBe(1006);
  });

  it('streams media requests past the gateway body limit to the media service', async () => {
    const gateway = await startGateway('gateway');
    const media = await startGateway('media');
    const host = await startWeb([gateway.url], [media.url]);
    const body = 'x'.repeat(1024 * 1024);

    const response = await fetch(`http://${host}/v1/media/uploads/f1`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
      body,
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('x-gateway')).toBe('media');
    expect(media.requests[0].body.length).toBe(body.length);
    expect(media.requests[0].headers['upload-offset']).toBe('0');
    expect(gateway.requests).toEqual([]);
  });
});
