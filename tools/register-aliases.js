// Preloaded with `node -r ./tools/register-aliases.js dist/...`: resolves the
// @messenger/* path aliases of tsconfig.base.json to the compiled files in dist/.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.base.json');

tsconfigPaths.register({
  baseUrl: path.resolve(__dirname, '..', 'dist'),
  paths: compilerOptions.paths,
  addMatchAll: false,
});
