import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const clientDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

// Builds the browser client into dist/web, which apps/web serves. The aliases
// repeat the paths of apps/web/client/tsconfig.json.
export default defineConfig({
  root: clientDir,
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: true })],
  resolve: {
    alias: {
      '@messenger/sdk': `${repoRoot}libs/sdk/src/index.ts`,
      '@messenger/protocol': `${repoRoot}libs/protocol/src/index.ts`,
    },
  },
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would be inlined into the entry chunk; browsers of es2022 support modulepreload.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: {
    host: '127.0.0.1',
    // `vite --config apps/web/client/vite.config.mts` serves the client with hot reload. /v1/media goes to the
    // media service (the default of WEB_MEDIA_URLS) and the rest of /v1 to gateway-a; the first matching key wins.
    proxy: {
      '/v1/media': { target: 'http://127.0.0.1:3104' },
      '/v1': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});
