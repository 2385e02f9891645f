# Shared settings and helpers for up.sh, down.sh and status.sh.
# Source this file from bash. It sets no shell options of its own.

LOCAL_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$LOCAL_SCRIPT_DIR/../.." && pwd)"

LOCAL_DIR="${MESSENGER_LOCAL_DIR:-$ROOT/.local}"
DATA_DIR="$LOCAL_DIR/data"
LOG_DIR="$LOCAL_DIR/logs"
RUN_DIR="$LOCAL_DIR/run"
LIB_DIR="$LOCAL_DIR/lib"
CONF_DIR="$LOCAL_DIR/conf"

BIND_HOST=127.0.0.1
REDIS_PORT="${REDIS_PORT:-6379}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
CASSANDRA_PORT="${CASSANDRA_PORT:-9042}"
CASSANDRA_STORAGE_PORT="${CASSANDRA_STORAGE_PORT:-7000}"
S3_PORT="${S3_PORT:-9000}"

# The S3 server (versitygw) and the root credentials it starts with. These
# are for the local server only; a deployment sets its own.
VERSITYGW_MODULE=github.com/versity/versitygw/cmd/versitygw
VERSITYGW_VERSION=v1.8.0
S3_ACCESS_KEY="${S3_ACCESS_KEY:-messenger-local}"
S3_SECRET_KEY="${S3_SECRET_KEY:-messenger-local-secret}"
BIN_DIR="$LOCAL_DIR/bin"

# The addresses that the setup tool, the services and the tests read; they
# follow the ports above unless set explicitly.
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}"
export CASSANDRA_CONTACT_POINTS="${CASSANDRA_CONTACT_POINTS:-127.0.0.1:$CASSANDRA_PORT}"
export MEDIA_S3_ENDPOINT="${MEDIA_S3_ENDPOINT:-http://127.0.0.1:$S3_PORT}"
export MEDIA_S3_BUCKET="${MEDIA_S3_BUCKET:-messenger-media}"
export MEDIA_S3_ACCESS_KEY_ID="${MEDIA_S3_ACCESS_KEY_ID:-$S3_ACCESS_KEY}"
export MEDIA_S3_SECRET_ACCESS_KEY="${MEDIA_S3_SECRET_ACCESS_KEY:-$S3_SECRET_KEY}"
# The AWS SDK in the setup step and the media service must never ask an
# instance metadata endpoint for credentials.
export AWS_EC2_METADATA_DISABLED=true

REDIS_LOG="$LOG_DIR/redis.log"
KAFKA_LOG="$LOG_DIR/kafka.log"
CASSANDRA_LOG="$LOG_DIR/cassandra.log"
S3_LOG="$LOG_DIR/s3.log"

# Print a message to stderr and exit with status 1.
die() {
  echo "error: $*" >&2
  exit 1
}

# Print the value of <name>...</name> from a pom.xml (first match).
pom_property() {
  local pom="$1" name="$2"
  sed -n "s|.*<$name>\(.*\)</$name>.*|\1|p" "$pom" | head -n 1
}

KAFKA_VERSION="$(pom_property "$LOCAL_SCRIPT_DIR/kafka/pom.xml" kafka.version)"
CASSANDRA_VERSION="$(pom_property "$LOCAL_SCRIPT_DIR/cassandra/pom.xml" cassandra.version)"

pid_file() {
  echo "$RUN_DIR/$1.pid"
}

# Text that the command line of each server's process contains. It guards
# against a stale pid file whose pid now belongs to another process.
process_marker() {
  case "$1" in
    redis) echo "redis-server" ;;
    kafka) echo "kafka.Kafka" ;;
    cassandra) echo "org.apache.cassandra.service.CassandraDaemon" ;;
    s3) echo "versitygw" ;;
    *) die "unknown server name: $1" ;;
  esac
}

# Print the pid of a running server that these scripts started, or return 1
# when its pid file is missing, stale or names another process.
running_pid() {
  local name="$1" file pid
  file="$(pid_file "$name")"
  [[ -f "$file" ]] || return 1
  pid="$(tr -dc '0-9' <"$file")"
  [[ -n "$pid" ]] || return 1
  process_alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$(process_marker "$name")" || return 1
  echo "$pid"
}

# Return 0 while the process exists and is not a zombie. A server whose
# parent exited is reaped by another process, which may happen late.
process_alive() {
  local state
  # The state is the first field after the parenthesized command name.
  state="$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d ' ' -f 1)" || return 1
  [[ -n "$state" && "$state" != "Z" ]]
}

# Return 0 when a TCP connection to host:port succeeds within 2 seconds.
port_accepts() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# Send PING with redis-cli and expect PONG.
redis_responds() {
  [[ "$(timeout 3 redis-cli -h "$BIND_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]
}

# Send a Kafka ApiVersions v0 request (api key 18, correlation id 1, null
# client id) and expect a reply that echoes correlation id 1 with error
# code 0. The broker only serves clients once its startup has finished.
kafka_responds() {
  local reply
  reply="$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf "\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x01\xff\xff" >&3
    head -c 10 <&3 | od -An -v -tx1' _ "$BIND_HOST" "$KAFKA_PORT" 2>/dev/null)" || return 1
  reply="$(tr -d ' \n' <<<"$reply")"
  # Reply bytes: 4 of length, 4 of correlation id, 2 of error code.
  [[ "${reply:8:12}" == "000000010000" ]]
}

# Send a CQL protocol v4 OPTIONS frame and expect a SUPPORTED frame back
# (response version byte 0x84, opcode 0x06). Cassandra opens the native
# port only at the end of its startup.
cassandra_responds() {
  local reply
  reply="$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf "\x04\x00\x00\x01\x05\x00\x00\x00\x00" >&3
    head -c 5 <&3 | od -An -v -tx1' _ "$BIND_HOST" "$CASSANDRA_PORT" 2>/dev/null)" || return 1
  reply="$(tr -d ' \n' <<<"$reply")"
  [[ "${reply:0:2}" == "84" && "${reply:8:2}" == "06" ]]
}

# Send an unsigned S3 ListBuckets request (GET /) and expect an S3 XML error
# document, which rejects the missing signature. Any other HTTP server on
# the port fails this check.
s3_responds() {
  local reply
  reply="$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf "GET / HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\n\r\n" "$1" "$2" >&3
    head -c 4096 <&3' _ "$BIND_HOST" "$S3_PORT" 2>/dev/null)" || return 1
  [[ "$reply" == HTTP/1.1\ * && "$reply" == *"<Error>"*"<Code>"* ]]
}

server_responds() {
  case "$1" in
    redis) redis_responds ;;
    kafka) kafka_responds ;;
    cassandra) cassandra_responds ;;
    s3) s3_responds ;;
    *) die "unknown server name: $1" ;;
  esac
}

server_port() {
  case "$1" in
    redis) echo "$REDIS_PORT" ;;
    kafka) echo "$KAFKA_PORT" ;;
    cassandra) echo "$CASSANDRA_PORT" ;;
    s3) echo "$S3_PORT" ;;
    *) die "unknown server name: $1" ;;
  esac
}

server_log() {
  case "$1" in
    redis) echo "$REDIS_LOG" ;;
    kafka) echo "$KAFKA_LOG" ;;
    cassandra) echo "$CASSANDRA_LOG" ;;
    s3) echo "$S3_LOG" ;;
    *) die "unknown server name: $1" ;;
  esac
}

server_version() {
  case "$1" in
    redis)
      if command -v redis-server >/dev/null; then
        redis-server --version | sed -n 's/.* v=\([^ ]*\).*/\1/p'
      else
        echo "not installed"
      fi
      ;;
    kafka) echo "$KAFKA_VERSION" ;;
    cassandra) echo "$CASSANDRA_VERSION" ;;
    s3) echo "$VERSITYGW_VERSION" ;;
    *) die "unknown server name: $1" ;;
  esac
}

ALL_SERVERS=(redis kafka cassandra s3)
