import http, { ClientRequest, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { Logger } from '@messenger/logging';
import { forwardedRequestHeaders, withoutHopByHopHeaders } from './forwarded-headers';
import { GatewayPool } from './gateway-pool';

export interface GatewayProxyOptions {
  /** How long to wait for a gateway to accept the TCP (or TLS) connection before trying the next, in ms. */
  connectTimeoutMs: number;
  /** How long a gateway may send nothing before its response is complete, in ms. */
  responseTimeoutMs: number;
  /** Largest request body forwarded, in bytes. The gateways accept at most 16 KiB. */
  maxBodyBytes: number;
}

const DEFAULT_OPTIONS: GatewayProxyOptions = {
  connectTimeoutMs: 3_000,
  responseTimeoutMs: 30_000,
  maxBodyBytes: 64 * 1024,
};

/** Largest body of a rejected WebSocket handshake that is passed on to the client, in bytes. */
const MAX_REJECTION_BODY_BYTES = 16 * 1024;

/** The connection to a gateway failed before anything was sent, so another gateway may take the request. */
class GatewayConnectError extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
    this.name = 'GatewayConnectError';
  }
}

class BodyTooLargeError extends Error {}

type UpgradeResult =
  | { kind: 'upgraded'; response: IncomingMessage; socket: Duplex; head: Buffer }
  | { kind: 'rejected'; response: IncomingMessage };

/**
 * Forwards /v1 HTTP requests and WebSocket upgrades to the gateways. A
 * request goes to the next gateway when one refuses the connection, which
 * is safe because nothing reached the refusing one. A failure after the
 * request went out is not retried, because the gateway may have acted on it.
 */
export class GatewayProxy {
  private readonly options: GatewayProxyOptions;
  private readonly tunnels = new Set<Duplex>();
  private readonly httpAgent = new http.Agent({ keepAlive: false });
  private readonly httpsAgent = new https.Agent({ keepAlive: false });

  constructor(
    private readonly pool: GatewayPool,
    private readonly logger: Logger,
    options: Partial<GatewayProxyOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** Number of WebSocket connections currently passed through. */
  get openTunnels(): number {
    return this.tunnels.size;
  }

  async forwardRequest(request: IncomingMessage, response: ServerResponse, correlationId: string): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(request, this.options.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendJsonError(response, 413, 'INVALID_ARGUMENT', `request body exceeds ${this.options.maxBodyBytes} bytes`);
      } else {
        this.logger.debug({ err: error, correlationId }, 'client aborted the request body');
        response.destroy();
      }

      return;
    }

    const headers = forwardedRequestHeaders(request, correlationId);
    if (body.length > 0 || request.headers['content-length'] !== undefined) {
      headers['content-length'] = body.length;
    }

    for (const gateway of this.pool.candidates()) {
      let upstream: IncomingMessage;
      try {
        upstream = await this.sendRequest(gateway, request, headers, body);
      } catch (error) {
        if (error instanceof GatewayConnectError) {
          this.pool.markFailed(gateway);
          this.logger.warn(
            { gateway: gateway.origin, err: error.cause, correlationId },
            'gateway connection failed, trying the next gateway',
          );
          continue;
        }
        this.logger.error({ gateway: gateway.origin, err: error, correlationId }, 'gateway request failed');
        sendJsonError(response, 502, 'UNAVAILABLE', 'the gateway closed the connection before it responded; try again');

        return;
      }

      this.pool.markAvailable(gateway);
      this.relayResponse(upstream, response, correlationId);

      return;
    }

    this.logger.error({ gateways: this.pool.urls.map((url) => url.origin), correlationId }, 'no gateway is reachable');
    sendJsonError(response, 502, 'UNAVAILABLE', 'no gateway is reachable; try again shortly');
  }

  /**
   * Forwards a request with its body streamed as it arrives, for uploads
   * too large to hold in memory. Only the first candidate is tried, because
   * a body that has started to flow cannot be sent again.
   */
  async streamRequest(request: IncomingMessage, response: ServerResponse, correlationId: string): Promise<void> {
    const [target] = this.pool.candidates();
    const headers = forwardedRequestHeaders(request, correlationId);
    if (request.headers['content-length'] !== undefined) {
      headers['content-length'] = request.headers['content-length'];
    }
    let upstream: IncomingMessage;
    try {
      upstream = await new Promise<IncomingMessage>((resolve, reject) => {
        const outgoing = this.openOutgoing(target, request, headers, reject);
        outgoing.once('response', resolve);
        request.on('aborted', () => outgoing.destroy());
        request.pipe(outgoing);
      });
    } catch (error) {
      const unreachable = error instanceof GatewayConnectError;
      if (unreachable) this.pool.markFailed(target);
      this.logger.warn({ target: target.origin, err: error, correlationId }, 'streamed request failed');
      if (!response.headersSent) {
        sendJsonError(
          response,
          502,
          'UNAVAILABLE',
          unreachable ? 'the service is not reachable; try again shortly' : 'the service closed the connection before it responded; try again',
        );
      }

      return;
    }
    this.pool.markAvailable(target);
    this.relayResponse(upstream, response, correlationId);
  }

  /** Passes a WebSocket handshake to a gateway and, once it is accepted, the connection's bytes both ways. */
  async forwardUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, correlationId: string): Promise<void> {
    socket.on('error', (error) => this.logger.debug({ err: error, correlationId }, 'client socket failed'));
    const headers = forwardedRequestHeaders(request, correlationId);
    const candidates = this.pool.candidates();

    for (const [index, gateway] of candidates.entries()) {
      if (socket.destroyed) {
        return;
      }

      let result: UpgradeResult;
      try {
        result = await this.openUpgrade(gateway, request, headers);
      } catch (error) {
        if (error instanceof GatewayConnectError) {
          this.pool.markFailed(gateway);
          this.logger.warn(
            { gateway: gateway.origin, err: error.cause, correlationId },
            'gateway connection failed, trying the next gateway',
          );
          continue;
        }
        this.logger.error({ gateway: gateway.origin, err: error, correlationId }, 'websocket handshake failed');
        writeRawJsonError(socket, 502, 'UNAVAILABLE', 'the gateway failed during the WebSocket handshake');

        return;
      }

      this.pool.markAvailable(gateway);
      if (result.kind === 'upgraded') {
        this.openTunnel(socket, head, result, gateway, correlationId);

        return;
      }

      // A draining gateway rejects new connections with 503, and another one can take them.
      const hasNext = index < candidates.length - 1;
      if (result.response.statusCode === 503 && hasNext) {
        result.response.resume();
        this.logger.info({ gateway: gateway.origin, correlationId }, 'gateway rejected the websocket with 503, trying the next');
        continue;
      }
      await relayRejection(result.response, socket);

      return;
    }

    this.logger.error({ gateways: this.pool.urls.map((url) => url.origin), correlationId }, 'no gateway is reachable');
    writeRawJsonError(socket, 502, 'UNAVAILABLE', 'no gateway is reachable; try again shortly');
  }

  /** Closes every WebSocket connection passed through, so that their clients reconnect. */
  closeTunnels(): void {
    for (const socket of this.tunnels) {
      socket.destroy();
    }
    this.tunnels.clear();
  }

  private sendRequest(
    gateway: URL,
    request: IncomingMessage,
    headers: OutgoingHttpHeaders,
    body: Buffer,
  ): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const outgoing = this.openOutgoing(gateway, request, headers, reject);
      outgoing.once('response', resolve);
      outgoing.end(body);
    });
  }

  private openUpgrade(gateway: URL, request: IncomingMessage, headers: OutgoingHttpHeaders): Promise<UpgradeResult> {
    return new Promise((resolve, reject) => {
      const outgoing = this.openOutgoing(gateway, request, headers, reject);
      outgoing.once('upgrade', (response: IncomingMessage, socket: Duplex, head: Buffer) => {
        resolve({ kind: 'upgraded', response, socket, head });
      });
      outgoing.once('response', (response: IncomingMessage) => resolve({ kind: 'rejected', response }));
      outgoing.end();
    });
  }

  /**
   * Starts a request to a gateway. A failure before the connection is
   * established rejects with GatewayConnectError, any later one with the
   * error itself.
   */
  private openOutgoing(
    gateway: URL,
    request: IncomingMessage,
    headers: OutgoingHttpHeaders,
    reject: (error: Error) => void,
  ): ClientRequest {
    const isHttps = gateway.protocol === 'https:';
    const outgoing = (isHttps ? https : http).request({
      protocol: gateway.protocol,
      hostname: gateway.hostname.replace(/^\[|\]$/g, ''),
      port: gateway.port || (isHttps ? 443 : 80),
      method: request.method,
      path: request.url,
      headers,
      agent: isHttps ? this.httpsAgent : this.httpAgent,
    });

    let connected = false;
    const connectTimer = setTimeout(() => {
      outgoing.destroy(new Error(`connection not established within ${this.options.connectTimeoutMs} ms`));
    }, this.options.connectTimeoutMs);

    outgoing.once('socket', (socket) => {
      socket.once(isHttps ? 'secureConnect' : 'connect', () => {
        connected = true;
        clearTimeout(connectTimer);
      });
    });
    outgoing.setTimeout(this.options.responseTimeoutMs, () => {
      outgoing.destroy(new Error(`gateway sent nothing for ${this.options.responseTimeoutMs} ms`));
    });
    // on, not once: the request may fail again after the first error, and an unhandled error event would crash.
    outgoing.on('error', (error) => {
      clearTimeout(connectTimer);
      reject(connected ? error : new GatewayConnectError(error));
    });
    outgoing.once('close', () => clearTimeout(connectTimer));

    return outgoing;
  }

  private relayResponse(upstream: IncomingMessage, response: ServerResponse, correlationId: string): void {
    response.statusCode = upstream.statusCode ?? 502;
    for (const [name, value] of Object.entries(withoutHopByHopHeaders(upstream.headers))) {
      if (value !== undefined) {
        response.setHeader(name, value);
      }
    }

    upstream.on('error', (error) => {
      this.logger.warn({ err: error, correlationId }, 'gateway response failed midway');
      response.destroy(error);
    });
    response.on('close', () => {
      if (!response.writableFinished) {
        upstream.destroy();
      }
    });
    upstream.pipe(response);
  }

  private openTunnel(
    socket: Duplex,
    head: Buffer,
    upgrade: Extract<UpgradeResult, { kind: 'upgraded' }>,
    gateway: URL,
    correlationId: string,
  ): void {
    const upstream = upgrade.socket;
    upstream.on('error', (error) => this.logger.debug({ err: error, correlationId }, 'gateway socket failed'));
    if ('setTimeout' in upstream && typeof upstream.setTimeout === 'function') {
      upstream.setTimeout(0);
    }

    socket.write(rawResponseHead(upgrade.response));
    if (upgrade.head.length > 0) {
      socket.write(upgrade.head);
    }
    if (head.length > 0) {
      upstream.write(head);
    }

    this.tunnels.add(socket);
    let closed = false;
    const close = () => {
      if (closed) {
        return;
      }
      closed = true;
      this.tunnels.delete(socket);
      socket.destroy();
      upstream.destroy();
      this.logger.debug({ gateway: gateway.origin, correlationId }, 'websocket tunnel closed');
    };
    socket.once('close', close);
    upstream.once('close', close);
    // A browser that left during the handshake has already closed, and its close event will not come again.
    if (socket.destroyed || upstream.destroyed) {
      close();

      return;
    }
    socket.pipe(upstream);
    upstream.pipe(socket);
    this.logger.debug({ gateway: gateway.origin, correlationId }, 'websocket tunnel opened');
  }
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      request.resume();
      reject(new BodyTooLargeError());

      return;
    }

    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.removeAllListeners('data');
        request.resume();
        reject(new BodyTooLargeError());

        return;
      }
      chunks.push(chunk);
    });
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
    request.once('aborted', () => reject(new Error('client aborted the request')));
  });
}

/** Writes the status line and headers of a response, exactly as the gateway sent them, to a raw socket. */
function rawResponseHead(response: IncomingMessage, extraLines: string[] = [], skipped = new Set<string>()): string {
  const lines = [`HTTP/1.1 ${response.statusCode} ${response.statusMessage ?? ''}`];
  for (let index = 0; index < response.rawHeaders.length; index += 2) {
    const name = response.rawHeaders[index];
    if (!skipped.has(name.toLowerCase())) {
      lines.push(`${name}: ${response.rawHeaders[index + 1]}`);
    }
  }

  return [...lines, ...extraLines, '', ''].join('\r\n');
}

/** Passes a gateway's refusal of a WebSocket handshake (e.g. 401 TOKEN_EXPIRED) on to the client, then closes. */
async function relayRejection(response: IncomingMessage, socket: Duplex): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      size += (chunk as Buffer).length;
      if (size > MAX_REJECTION_BODY_BYTES) {
        break;
      }
      chunks.push(chunk as Buffer);
    }
  } catch {
    // The body is informative only: send what arrived.
  }
  const body = Buffer.concat(chunks);
  const skipped = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade']);
  const head = rawResponseHead(response, [`Content-Length: ${body.length}`, 'Connection: close'], skipped);
  socket.end(Buffer.concat([Buffer.from(head), body]));
}

function errorBody(code: string, message: string): string {
  return JSON.stringify({ code, message });
}

export function sendJsonError(response: ServerResponse, status: number, code: string, message: string): void {
  if (response.headersSent) {
    response.destroy();

    return;
  }
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(errorBody(code, message));
}

function writeRawJsonError(socket: Duplex, status: number, code: string, message: string): void {
  if (socket.destroyed) {
    return;
  }
  const body = errorBody(code, message);
  const reason = http.STATUS_CODES[status] ?? '';
  socket.end(
    [
      `HTTP/1.1 ${status} ${reason}`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
