import fs from 'node:fs';
import path from 'node:path';
import type { Options } from '@grpc/proto-loader';

/**
 * Options for @grpc/proto-loader. tools/generate-proto-types.js passes the same
 * ones to proto-loader-gen-types, so that the generated types describe the
 * objects that the loader builds: camelCase fields, int64 as number, enums as
 * their names, and defaults filled in.
 */
export const PROTO_LOADER_OPTIONS: Options = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
};

let protosDir: string | undefined;

/** Finds the protos/ folder from the source tree or from dist/, or takes PROTOS_DIR. */
export function findProtosDir(): string {
  if (protosDir) return protosDir;
  if (process.env.PROTOS_DIR) {
    protosDir = process.env.PROTOS_DIR;

    return protosDir;
  }
  let dir = __dirname;
  while (dir !== path.dirname(dir)) {
    const candidate = path.join(dir, 'protos', 'messenger');
    if (fs.existsSync(candidate)) {
      protosDir = path.join(dir, 'protos');

      return protosDir;
    }
    dir = path.dirname(dir);
  }
  throw new Error(`protos/ folder not found above ${__dirname}; set PROTOS_DIR`);
}
