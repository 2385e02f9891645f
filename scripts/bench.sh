#!/usr/bin/env bash
# Run the load benchmark that compares the platform with its peers (a raw ws
# relay, a Socket.IO relay and Centrifugo): install what is missing, build,
# make sure Redis, Kafka and Cassandra run, raise the open-file limit, then
# run every scenario. Flags go to dist/bench/run-benchmark.js; --smoke makes
# a small, short run and --help lists the others. Results go to
# bench/results/, and a full run also rewrites the results in bench/README.md.
#
# The benchmark starts its own services on ports 33xx, 53xx, 83xx and 93xx
# and stops them when it ends. It does not touch the dev services of
# scripts/start.sh or the end-to-end tests' services.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

bash scripts/install.sh
bash bench/install-peers.sh
# The TypeScript build is all the benchmark runs; the web client's bundle is not needed.
npx tsc -p tsconfig.build.json
bash deploy/local/up.sh

# Every load-generator connection is a file descriptor of one process.
ulimit -n "$(ulimit -Hn)"
exec node -r ./tools/register-aliases.js dist/bench/run-benchmark.js "$@"
