#!/usr/bin/env bash
# Create the Kafka topics and apply the Cassandra migrations, from the
# compiled tools/infra-setup.ts. Safe to run again. Called by up.sh once the
# servers respond; builds the workspace first if it was never built.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

if [[ ! -d node_modules ]]; then
  bash scripts/install.sh
fi
if [[ ! -f dist/tools/infra-setup.js ]]; then
  npm run --silent build
fi
node -r ./tools/register-aliases.js dist/tools/infra-setup.js
