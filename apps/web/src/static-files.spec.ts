import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { StaticFiles, cacheControlOf, isClientRoute, resolveStaticPath } from './static-files';

const root = '/srv/web';

describe('resolveStaticPath', () => {
  it.each([
    ['/index.html', '/srv/web/index.html'],
    ['/assets/index-abc123.js', '/srv/web/assets/index-abc123.js'],
    ['/assets//index-abc123.js', '/srv/web/assets/index-abc123.js'],
    ['/a%20b.txt', '/srv/web/a b.txt'],
    ['/', '/srv/web'],
  ])('maps %s inside the root', (urlPath, expected) => {
    expect(resolveStaticPath(root, urlPath)).toBe(expected);
  });

  it.each([
    ['a parent segment', '/../etc/passwd'],
    ['a nested parent segment', '/assets/../../etc/passwd'],
    ['an encoded parent segment', '/%2e%2e/etc/passwd'],
    ['an encoded slash and parent', '/..%2fetc%2fpasswd'],
    ['a backslash', '/..\\etc\\passwd'],
    ['an encoded backslash', '/%5c..%5cetc'],
    ['a NUL byte', '/index.html%00.js'],
    ['invalid percent-encoding', '/%E0%A4%A'],
    ['a hidden file', '/.env'],
    ['a hidden folder', '/.git/config'],
    ['a path without a leading slash', 'index.html'],
  ])('rejects %s', (_case, urlPath) => {
    expect(resolveStaticPath(root, urlPath)).toBeUndefined();
  });

  it('keeps a double-encoded parent as a literal name inside the root', () => {
    expect(resolveStaticPath(root, '/%252e%252e/etc/passwd')).toBe('/srv/web/%2e%2e/etc/passwd');
  });
});

describe('isClientRoute', () => {
  it.each([
    ['/c/3f1c2a8e-0000-4000-8000-000000000000', true],
    ['/settings', true],
    ['/assets/index-abc123.js', false],
    ['/assets/chunk', false],
    ['/favicon.ico', false],
  ])('classifies %s as %s', (urlPath, expected) => {
    expect(isClientRoute(urlPath)).toBe(expected);
  });
});

describe('cacheControlOf', () => {
  it('marks hashed assets immutable and everything else no-cache', () => {
    expect(cacheControlOf('/assets/index-abc123.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlOf('/index.html')).toBe('no-cache');
  });
});

describe('StaticFiles', () => {
  let dir: string;
  let server: http.Server;
  let baseUrl: string;

  // fetch() resolves ".." and "%2e%2e" before sending, so path traversal needs a raw request.
  function getRawPath(rawPath: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port: new URL(baseUrl).port, path: rawPath }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
    });
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'web-static-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
    await writeFile(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
    await writeFile(path.join(dir, 'assets', 'index-abc123.css'), 'body{}');
    await writeFile(path.join(dir, '.secret'), 'hidden');
    await writeFile(path.join(path.dirname(dir), 'web-static-outside.txt'), 'outside');

    const sut = new StaticFiles(dir, pino({ level: 'silent' }));
    server = http.createServer((request, response) => {
      void sut.serve(request, response, (request.url ?? '/').split('?')[0]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
    await rm(path.join(path.dirname(dir), 'web-static-outside.txt'), { force: true });
  });

  it('serves index.html for the root without caching', async () => {
    const response = await fetch(`${baseUrl}/`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<title>t</title>');
  });

  it('serves hashed assets as immutable with their content type', async () => {
    const script = await fetch(`${baseUrl}/assets/index-abc123.js`);
    const style = await fetch(`${baseUrl}/assets/index-abc123.css`);

    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('falls back to index.html for client routes', async () => {
    const response = await fetch(`${baseUrl}/c/3f1c2a8e-0000-4000-8000-000000000000`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers 404 for a missing asset instead of HTML', async () => {
    const response = await fetch(`${baseUrl}/assets/index-missing.js`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('answers 404 for a hidden file', async () => {
    const response = await fetch(`${baseUrl}/.secret`);

    expect(response.status).toBe(404);
  });

  it.each(['/../web-static-outside.txt', '/%2e%2e/web-static-outside.txt', '/assets/..%2f..%2fweb-static-outside.txt'])(
    'does not serve a file outside the root for %s',
    async (rawPath) => {
      const response = await getRawPath(rawPath);

      expect(response.status).toBe(404);
      expect(response.body).not.toContain('outside');
    },
  );

  it('answers 304 to a matching ETag', async () => {
    const first = await fetch(`${baseUrl}/index.html`);
    const etag = first.headers.get('etag') ?? '';
    const second = await fetch(`${baseUrl}/index.html`, { headers: { 'If-None-Match': etag } });

    expect(etag).not.toBe('');
    expect(second.status).toBe(304);
  });

  it('answers HEAD without a body', async () => {
    const response = await fetch(`${baseUrl}/index.html`, { method: 'HEAD' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('31');
    expect(await response.text()).toBe('');
  });

  it('rejects other methods with 405', async () => {
    const response = await fetch(`${baseUrl}/index.html`, { method: 'POST', body: 'x' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('reports a folder without index.html', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'web-empty-'));
    const sut = new StaticFiles(empty, pino({ level: 'silent' }));

    await expect(sut.assertBuilt()).rejects.toThrow('run "npm run build"');
    await rm(empty, { recursive: true, force: true });
  });
});
