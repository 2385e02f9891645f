#!/usr/bin/env bash
# Stop the services, gateways and web server, then Redis, Kafka and Cassandra.
# --keep-infra leaves the three servers running.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

for name in "${SERVICES[@]}"; do
  stop_service "$name"
done
if [[ "${1:-}" != --keep-infra ]]; then
  bash deploy/local/down.sh
fi
