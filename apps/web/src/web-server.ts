import http, { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { CORRELATION_ID_HEADER, Logger } from '@messenger/logging';
import { correlationIdOf } from './forwarded-headers';
import { GatewayPool } from './gateway-pool';
import { GatewayProxy, GatewayProxyOptions, sendJsonError } from './gateway-proxy';
import { setSecurityHeaders } from './security-headers';
import { StaticFiles, sendText } from './static-files';

export interface WebServerOptions {
  staticDir: string;
  gatewayUrls: URL[];
  /** Base URLs of the media service, which takes /v1/media. */
  mediaUrls: URL[];
  logger: Logger;
  proxy?: Partial<GatewayProxyOptions>;
}

/** Path prefix of the gateway API, HTTP and WebSocket alike. */
const API_PREFIX = '/v1/';
/** Path prefix of the media service's API, whose uploads are streamed rather than buffered. */
const MEDIA_PREFIX = '/v1/media/';

function isApiPath(urlPath: string): boolean {
  return urlPath === '/v1' || urlPath.startsWith(API_PREFIX);
}

/** Returns the path of a request URL without its query, which may carry an access token and so is never logged. */
function pathOf(request: IncomingMessage): string | undefined {
  const url = request.url ?? '';
  if (!url.startsWith('/')) {
    return undefined;
  }
  const end = url.search(/[?#]/);

  return end === -1 ? url : url.slice(0, end);
}

/**
 * The web client's HTTP server: the built client as static files, and the
 * gateway API under /v1 on the same origin, so the browser needs no CORS.
 */
export class WebServer {
  readonly server: http.Server;
  private readonly files: StaticFiles;
  private readonly proxy: GatewayProxy;
  private readonly mediaProxy: GatewayProxy;
  private readonly logger: Logger;

  constructor(options: WebServerOptions) {
    this.logger = options.logger;
    this.files = new StaticFiles(options.staticDir, options.logger);
    this.proxy = new GatewayProxy(new GatewayPool(options.gatewayUrls), options.logger, options.proxy);
    // Processing a finished upload (type check, hashing, thumbnails) may take a while before the reply.
    this.mediaProxy = new GatewayProxy(new GatewayPool(options.mediaUrls), options.logger, {
      responseTimeoutMs: 120_000,
      ...options.proxy,
    });
    this.server = http.createServer((request, response) => {
      this.handleRequest(request, response).catch((error: unknown) => {
        this.logger.error({ err: error, method: request.method, path: pathOf(request) }, 'request failed');
        sendJsonError(response, 500, 'INTERNAL', 'the web server failed to handle the request');
      });
    });
    this.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.handleUpgrade(request, socket, head);
    });
  }

  /** Throws when the static folder contains no built client. */
  assertBuilt(): Promise<void> {
    return this.files.assertBuilt();
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /**
   * Stops accepting connections, closes the WebSocket tunnels (their
   * clients reconnect), and waits up to graceMs for open HTTP requests.
   */
  close(graceMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.server.closeAllConnections(), graceMs);
      this.server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      this.proxy.closeTunnels();
      this.server.closeIdleConnections();
    });
  }

  private async handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const startedAt = performance.now();
    const urlPath = pathOf(request);
    response.once('finish', () => {
      this.logger.debug(
        {
          method: request.method,
          path: urlPath,
          status: response.statusCode,
          durationMs: Math.round(performance.now() - startedAt),
        },
        'request served',
      );
    });
    setSecurityHeaders(response, request.headers.host);

    if (urlPath === undefined) {
      sendText(response, 400, 'invalid request target');

      return;
    }
    if (urlPath === '/health') {
      response.setHeader('Cache-Control', 'no-store');
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.end(JSON.stringify({ status: 'ok' }));

      return;
    }
    if (urlPath.startsWith(MEDIA_PREFIX)) {
      const correlationId = correlationIdOf(request);
      response.setHeader(CORRELATION_ID_HEADER, correlationId);
      await this.mediaProxy.streamRequest(request, response, correlationId);

      return;
    }
    if (isApiPath(urlPath)) {
      const correlationId = correlationIdOf(request);
      response.setHeader(CORRELATION_ID_HEADER, correlationId);
      await this.proxy.forwardRequest(request, response, correlationId);

      return;
    }

    await this.files.serve(request, response, urlPath);
  }

  private handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const urlPath = pathOf(request);
    if (urlPath === undefined || !urlPath.startsWith(API_PREFIX)) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');

      return;
    }

    const correlationId = correlationIdOf(request);
    this.proxy.forwardUpgrade(request, socket, head, correlationId).catch((error: unknown) => {
      this.logger.error({ err: error, correlationId }, 'websocket forwarding failed');
      socket.destroy();
    });
  }
}
