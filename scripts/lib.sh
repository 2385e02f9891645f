# Shared settings of start.sh, stop.sh and test.sh: where the services run,
# their ports and how to start and stop them. Source from bash.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="${MESSENGER_LOCAL_DIR:-$ROOT/.local}"
SERVICE_LOG_DIR="$LOCAL_DIR/logs/services"
SERVICE_RUN_DIR="$LOCAL_DIR/run/services"
KEY_DIR="$LOCAL_DIR/keys"
SIGNING_KEY="$KEY_DIR/auth-signing-key.pem"
MEDIA_URL_KEY="$KEY_DIR/media-url-signing.key"

# Where the services and tests find Redis, Kafka and Cassandra. They follow
# the ports that deploy/local/up.sh reads, so moving the servers with
# REDIS_PORT, KAFKA_PORT or CASSANDRA_PORT moves the clients too.
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:${REDIS_PORT:-6379}}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
export CASSANDRA_CONTACT_POINTS="${CASSANDRA_CONTACT_POINTS:-127.0.0.1:${CASSANDRA_PORT:-9042}}"
# The media service's S3 server and its credentials, as deploy/local/lib.sh
# starts it (S3_PORT, S3_ACCESS_KEY, S3_SECRET_KEY).
export MEDIA_S3_ENDPOINT="${MEDIA_S3_ENDPOINT:-http://127.0.0.1:${S3_PORT:-9000}}"
export MEDIA_S3_BUCKET="${MEDIA_S3_BUCKET:-messenger-media}"
export MEDIA_S3_ACCESS_KEY_ID="${MEDIA_S3_ACCESS_KEY_ID:-${S3_ACCESS_KEY:-messenger-local}}"
export MEDIA_S3_SECRET_ACCESS_KEY="${MEDIA_S3_SECRET_ACCESS_KEY:-${S3_SECRET_KEY:-messenger-local-secret}}"
export AWS_EC2_METADATA_DISABLED=true

# name, then the environment of each process. The two gateways show that a
# conversation works across gateway processes. web serves the browser client
# and forwards /v1 to both gateways. The gateways trust one proxy hop, so
# that rate limits count each browser's address (from the web server's
# X-Forwarded-For) rather than the web server's. Only local clients reach
# them, and a local client can set the header itself.
SERVICES=(auth message presence media gateway-a gateway-b web)
declare -A SERVICE_APP=([auth]=auth [message]=message [presence]=presence [media]=media [gateway-a]=gateway [gateway-b]=gateway [web]=web)
declare -A SERVICE_ENV=(
  [auth]="HTTP_PORT=3101 GRPC_PORT=50051 METRICS_PORT=9101"
  [message]="HTTP_PORT=3102 GRPC_PORT=50052 METRICS_PORT=9102"
  [presence]="HTTP_PORT=3103 GRPC_PORT=50053 METRICS_PORT=9103"
  [media]="HTTP_PORT=3104 GRPC_PORT=50054 METRICS_PORT=9104 MEDIA_URL_SIGNING_KEY_FILE=$MEDIA_URL_KEY"
  [gateway-a]="GATEWAY_ID=gateway-a HTTP_PORT=8080 METRICS_PORT=9180 GATEWAY_TRUST_PROXY_HOPS=1"
  [gateway-b]="GATEWAY_ID=gateway-b HTTP_PORT=8081 METRICS_PORT=9181 GATEWAY_TRUST_PROXY_HOPS=1"
  [web]="WEB_PORT=8090 WEB_GATEWAY_URLS=http://127.0.0.1:8080,http://127.0.0.1:8081 WEB_MEDIA_URLS=http://127.0.0.1:3104"
)
declare -A SERVICE_HEALTH=(
  [auth]=http://127.0.0.1:3101/health
  [message]=http://127.0.0.1:3102/health
  [presence]=http://127.0.0.1:3103/health
  [media]=http://127.0.0.1:3104/health
  [gateway-a]=http://127.0.0.1:8080/health
  [gateway-b]=http://127.0.0.1:8081/health
  [web]=http://127.0.0.1:8090/health
)

die() {
  echo "error: $*" >&2
  exit 1
}

# Create the keys that the services read from files, once: auth's token
# signing key and the media service's download URL key.
ensure_signing_key() {
  if [[ ! -f "$SIGNING_KEY" ]]; then
    mkdir -p "$KEY_DIR"
    openssl genpkey -algorithm ed25519 -out "$SIGNING_KEY" 2>/dev/null
    chmod 600 "$SIGNING_KEY"
    echo "generated token signing key $SIGNING_KEY"
  fi
  if [[ ! -f "$MEDIA_URL_KEY" ]]; then
    mkdir -p "$KEY_DIR"
    (umask 077 && openssl rand -out "$MEDIA_URL_KEY" 32)
    echo "generated media URL signing key $MEDIA_URL_KEY"
  fi
}

service_pid() {
  local file="$SERVICE_RUN_DIR/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  kill -0 "$pid" 2>/dev/null || return 1
  grep -q "dist/apps/" "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

# Fail when a port of the service is taken, e.g. by another checkout's
# services: a health check would then reach the other process and pass.
require_free_service_ports() {
  local name="$1" setting port
  for setting in ${SERVICE_ENV[$name]}; do
    [[ "$setting" == *_PORT=* ]] || continue
    port="${setting#*=}"
    if timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$port" 2>/dev/null; then
      die "cannot start $name: port 127.0.0.1:$port is in use by another process. If another checkout of this project runs its services, stop them with its scripts/stop.sh."
    fi
  done
}

# Start one service in the background unless it already runs. Extra
# environment (KEY=VALUE words) in $2 overrides the defaults.
start_service() {
  local name="$1" extra_env="${2:-}" app log
  if service_pid "$name" >/dev/null; then
    echo "$name already running (pid $(service_pid "$name"))"
    return 0
  fi
  app="${SERVICE_APP[$name]}"
  log="$SERVICE_LOG_DIR/$name.log"
  require_free_service_ports "$name"
  mkdir -p "$SERVICE_LOG_DIR" "$SERVICE_RUN_DIR"
  # shellcheck disable=SC2086 # the env strings are KEY=VALUE words
  env AUTH_SIGNING_KEY_FILE="$SIGNING_KEY" ${SERVICE_ENV[$name]} $extra_env \
    setsid nohup node -r "$ROOT/tools/register-aliases.js" "$ROOT/dist/apps/$app/src/main.js" \
    >>"$log" 2>&1 </dev/null &
  echo $! >"$SERVICE_RUN_DIR/$name.pid"
}

wait_healthy() {
  local name="$1" url="${SERVICE_HEALTH[$1]}" deadline=$((SECONDS + ${2:-90}))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if ! service_pid "$name" >/dev/null; then
      tail -n 20 "$SERVICE_LOG_DIR/$name.log" >&2 || true
      die "$name exited during start-up; log: $SERVICE_LOG_DIR/$name.log"
    fi
    if ((SECONDS > deadline)); then
      die "$name did not become healthy at $url; log: $SERVICE_LOG_DIR/$name.log"
    fi
    sleep 0.5
  done
}

stop_service() {
  local name="$1" pid deadline
  pid="$(service_pid "$name")" || {
    rm -f "$SERVICE_RUN_DIR/$name.pid"
    return 0
  }
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$SERVICE_RUN_DIR/$name.pid"
  echo "stopped $name"
}
