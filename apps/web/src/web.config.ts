import path from 'node:path';
import { EnvVariable, intVar, portVar, readConfig, stringVar } from '@messenger/config';

export interface WebConfig {
  host: string;
  port: number;
  /** Absolute path of the built client (vite's output). */
  staticDir: string;
  /** Base URLs of the gateways that /v1 requests go to, tried in turn. */
  gatewayUrls: URL[];
  /** Base URLs of the media service, which takes /v1/media requests. */
  mediaUrls: URL[];
  /** How long SIGTERM waits for open HTTP requests before closing them, in ms. */
  shutdownGraceMs: number;
}

const DEFAULT_GATEWAY_URLS = 'http://127.0.0.1:8080,http://127.0.0.1:8081';
const DEFAULT_MEDIA_URLS = 'http://127.0.0.1:3104';

function urlListVar(defaultValue: string): EnvVariable<URL[]> {
  return {
    read(name, raw) {
      const items = (raw ?? defaultValue)
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      if (items.length === 0) {
        throw new Error(`${name} must be a comma-separated list of http(s) URLs, got "${raw}"`);
      }

      return items.map((item) => parseGatewayUrl(name, item));
    },
  };
}

function parseGatewayUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} contains an invalid URL "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${name} must contain http or https URLs, got "${value}"`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new Error(`${name} must contain base URLs without a path, got "${value}"`);
  }

  return url;
}

export function readWebConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): WebConfig {
  const config = readConfig<WebConfig>(
    {
      host: 'WEB_HOST',
      port: 'WEB_PORT',
      staticDir: 'WEB_STATIC_DIR',
      gatewayUrls: 'WEB_GATEWAY_URLS',
      mediaUrls: 'WEB_MEDIA_URLS',
      shutdownGraceMs: 'SHUTDOWN_GRACE_MS',
    },
    {
      host: stringVar({ default: '127.0.0.1' }),
      port: portVar(8090),
      staticDir: stringVar({ default: 'dist/web' }),
      gatewayUrls: urlListVar(DEFAULT_GATEWAY_URLS),
      mediaUrls: urlListVar(DEFAULT_MEDIA_URLS),
      shutdownGraceMs: intVar({ default: 10_000, min: 0, max: 600_000 }),
    },
    env,
  );

  return { ...config, staticDir: path.resolve(cwd, config.staticDir) };
}
