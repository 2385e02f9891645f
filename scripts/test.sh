#!/usr/bin/env bash
# Run the whole test suite. First come the unit specs and the Helm chart
# checks: helm lint, kubeconform, and the manifests against the apps, with
# tools from install-k8s-tools.sh. Then come the integration, end-to-end and
# browser tests against real Redis, Kafka and Cassandra, which this script
# installs and starts if needed (deploy/local/up.sh). The browser tests use
# Debian's Chromium (install-browser.sh). Extra arguments go to jest, e.g.
# `bash scripts/test.sh --selectProjects unit`. Ends with one summary line:
# "tests: N passed, N failed".
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

bash scripts/install.sh
bash scripts/install-k8s-tools.sh
bash scripts/install-browser.sh
npm run --silent build
bash deploy/local/up.sh

results="$LOCAL_DIR/test-results.json"
mkdir -p "$LOCAL_DIR"
rm -f "$results"
status=0
npx jest --runInBand --json --outputFile="$results" "$@" || status=$?

if [[ ! -f "$results" ]]; then
  echo "tests: 0 passed, 1 failed (jest wrote no results)"
  exit 1
fi
node -e '
  const r = require(process.argv[1]);
  const brokenSuites = r.numRuntimeErrorTestSuites ?? 0;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests + brokenSuites} failed`);
' "$results"
exit "$status"
