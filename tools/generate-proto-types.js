#!/usr/bin/env node
// Generates the TypeScript types of every proto under protos/ into
// libs/grpc/src/generated. The options must match PROTO_LOADER_OPTIONS in
// libs/grpc/src/proto-loader-options.ts, because the types describe the objects
// that @grpc/proto-loader builds at run time.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const outDir = process.argv[2] ?? path.join(root, 'libs/grpc/src/generated');
const protoFiles = [
  'messenger/auth/v1/auth.proto',
  'messenger/media/v1/media.proto',
  'messenger/message/v1/message.proto',
  'messenger/presence/v1/presence.proto',
];

fs.rmSync(outDir, { recursive: true, force: true });
execFileSync(
  path.join(root, 'node_modules/.bin/proto-loader-gen-types'),
  [
    '--longs=Number',
    '--enums=String',
    '--defaults',
    '--oneofs',
    '--grpcLib=@grpc/grpc-js',
    '--includeDirs=protos',
    `--outDir=${outDir}`,
    ...protoFiles,
  ],
  { cwd: root, stdio: 'inherit' },
);

// One barrel per proto package, so that code imports e.g. messageV1.Message__Output.
for (const file of protoFiles) {
  const packageDir = path.join(outDir, path.dirname(file));
  const modules = fs
    .readdirSync(packageDir)
    .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
    .sort()
    .map((name) => `export type * from './${name.slice(0, -3)}';\n`);
  fs.writeFileSync(path.join(packageDir, 'index.ts'), modules.join(''));
}
