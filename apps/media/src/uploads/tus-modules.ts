import type * as TusServerModule from '@tus/server';
import type * as TusS3StoreModule from '@tus/s3-store';

/**
 * Imports an ES module at run time. @tus/server and @tus/s3-store 2.x ship
 * as ES modules only, and TypeScript compiles import() to require() for this
 * CommonJS workspace, so the import is built with the Function constructor,
 * which TypeScript leaves alone. Jest cannot run it without
 * --experimental-vm-modules, so tests exercise it in a real media process.
 */
const importModule = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;

export interface TusModules {
  server: typeof TusServerModule;
  s3Store: typeof TusS3StoreModule;
}

export async function loadTusModules(): Promise<TusModules> {
  const [server, s3Store] = await Promise.all([
    importModule<typeof TusServerModule>('@tus/server'),
    importModule<typeof TusS3StoreModule>('@tus/s3-store'),
  ]);

  return { server, s3Store };
}
