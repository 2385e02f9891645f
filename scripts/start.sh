#!/usr/bin/env bash
# Start the whole system on this machine: Redis, Kafka and Cassandra, then
# the auth, message, presence and media services, two gateways and the web
# client's server. Installs what is missing first. Safe to run again; scripts/stop.sh
# stops it all.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

bash scripts/install.sh
npm run --silent build
bash deploy/local/up.sh
ensure_signing_key

for name in "${SERVICES[@]}"; do
  start_service "$name"
  # auth first: the gateways fetch its token keys when they start.
  [[ "$name" == auth ]] && wait_healthy auth
done
for name in "${SERVICES[@]}"; do
  wait_healthy "$name"
done

cat <<TEXT

The messenger is running. Clients connect to either gateway:
  gateway-a  HTTP http://127.0.0.1:8080  WebSocket ws://127.0.0.1:8080/v1/ws
  gateway-b  HTTP http://127.0.0.1:8081  WebSocket ws://127.0.0.1:8081/v1/ws
Web client: http://127.0.0.1:8090    Media API: http://127.0.0.1:3104/v1/media
Chat from a terminal:  npm run chat -- --gateway http://127.0.0.1:8080 --user alice
Logs: $SERVICE_LOG_DIR    Stop: bash scripts/stop.sh
TEXT
