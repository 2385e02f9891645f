import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Logger } from '@messenger/logging';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
};

/** Folder of vite's output whose file names contain a content hash, so their content never changes. */
const HASHED_ASSETS_PREFIX = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

export function contentTypeOf(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path to a file under root. Returns undefined for a path that
 * is not valid percent-encoding, contains a NUL byte or a backslash, names a
 * hidden file or folder, or would leave root through "..".
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) {
    return undefined;
  }

  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.'))) {
    return undefined;
  }

  const resolvedRoot = path.resolve(root);
  const filePath = path.resolve(resolvedRoot, ...segments);
  if (filePath !== resolvedRoot && !filePath.startsWith(resolvedRoot + path.sep)) {
    return undefined;
  }

  return filePath;
}

/**
 * Tells whether a path that matches no file is a client-side route, which
 * gets index.html. Paths of files (a dot in the last segment) and hashed
 * assets get 404, so that a stale script URL fails visibly instead of
 * loading HTML as JavaScript.
 */
export function isClientRoute(urlPath: string): boolean {
  if (urlPath.startsWith(HASHED_ASSETS_PREFIX)) {
    return false;
  }
  const lastSegment = urlPath.slice(urlPath.lastIndexOf('/') + 1);

  return !lastSegment.includes('.');
}

export function cacheControlOf(urlPath: string): string {
  return urlPath.startsWith(HASHED_ASSETS_PREFIX) ? IMMUTABLE : 'no-cache';
}

/** Serves the built web client from one folder, with index.html for client-side routes. */
export class StaticFiles {
  private readonly root: string;
  private readonly indexPath: string;

  constructor(
    root: string,
    private readonly logger: Logger,
  ) {
    this.root = path.resolve(root);
    this.indexPath = path.join(this.root, 'index.html');
  }

  /** Throws when the folder has no index.html, e.g. before the first build. */
  async assertBuilt(): Promise<void> {
    const stats = await statFile(this.indexPath);
    if (stats === undefined) {
      throw new Error(
        `static folder ${this.root} has no index.html: run "npm run build" to build the web client, or set WEB_STATIC_DIR`,
      );
    }
  }

  async serve(request: IncomingMessage, response: ServerResponse, urlPath: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      sendText(response, 405, 'method not allowed');

      return;
    }

    const requested = urlPath === '/' ? '/index.html' : urlPath;
    const filePath = resolveStaticPath(this.root, requested);
    if (filePath === undefined) {
      sendText(response, 404, 'not found');

      return;
    }

    const stats = await statFile(filePath);
    if (stats !== undefined) {
      this.sendFile(request, response, filePath, stats, cacheControlOf(requested));

      return;
    }

    const indexStats = isClientRoute(requested) ? await statFile(this.indexPath) : undefined;
    if (indexStats === undefined) {
      sendText(response, 404, 'not found');

      return;
    }
    this.sendFile(request, response, this.indexPath, indexStats, 'no-cache');
  }

  private sendFile(
    request: IncomingMessage,
    response: ServerResponse,
    filePath: string,
    stats: Stats,
    cacheControl: string,
  ): void {
    const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
    response.setHeader('Content-Type', contentTypeOf(filePath));
    response.setHeader('Cache-Control', cacheControl);
    response.setHeader('ETag', etag);
    response.setHeader('Last-Modified', stats.mtime.toUTCString());

    if (request.headers['if-none-match'] === etag) {
      response.statusCode = 304;
      response.end();

      return;
    }

    response.setHeader('Content-Length', stats.size);
    if (request.method === 'HEAD') {
      response.end();

      return;
    }

    const stream = createReadStream(filePath);
    stream.on('error', (error) => {
      this.logger.error({ err: error, file: filePath }, 'reading a static file failed');
      response.destroy(error);
    });
    stream.pipe(response);
  }
}

async function statFile(filePath: string): Promise<Stats | undefined> {
  try {
    const stats = await stat(filePath);

    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

export function sendText(response: ServerResponse, status: number, text: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(text);
}
