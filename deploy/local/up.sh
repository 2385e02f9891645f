#!/usr/bin/env bash
# Start Redis, Kafka, Cassandra and an S3 server (versitygw) on 127.0.0.1 for
# local development and wait until each one serves requests. A server that an earlier run started
# and that still runs is left alone, so running this script twice is safe.
# See README.md in this folder for versions, ports and folders.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REDIS_TIMEOUT_SECONDS=30
KAFKA_TIMEOUT_SECONDS=120
CASSANDRA_TIMEOUT_SECONDS=180
S3_TIMEOUT_SECONDS=30

# Pinned so that the plugin version does not follow whatever is newest in
# the Maven repository. 3.8.1 works with the Maven 3.8 that Debian 12 ships.
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

# Per-server state for this run: "started" or "already running".
declare -A SERVER_STATE=()
# Log file size before the launch, so that the readiness check only reads
# lines that this launch wrote.
declare -A LOG_OFFSET=()
# Value of $SECONDS when the wait for the server began.
declare -A WAIT_START=()

APT_UPDATED=0

# ---------------------------------------------------------------------------
# Tools: Redis, Java 17 and Maven
# ---------------------------------------------------------------------------

# Install Debian packages, running `apt-get update` once per run first.
apt_install() {
  local sudo=()
  if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null || die "installing $* needs root; run: apt-get install $*"
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null || die "apt-get not found; install $* with this system's package manager"

  if [[ $APT_UPDATED -eq 0 ]]; then
    echo "running apt-get update"
    "${sudo[@]}" apt-get update -qq
    APT_UPDATED=1
  fi
  echo "installing Debian packages: $*"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_redis() {
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    apt_install redis-server
  fi
}

# Print the home folder of a Java 17 runtime. Cassandra 5.0 supports only
# Java 11 and 17, so a newer JDK on the machine is never chosen.
find_java17_home() {
  local candidate
  if [[ -n "${JAVA17_HOME:-}" ]]; then
    if "$JAVA17_HOME/bin/java" -version 2>&1 | grep -q 'version "17\.'; then
      echo "$JAVA17_HOME"
      return 0
    fi
    die "JAVA17_HOME=$JAVA17_HOME is not a Java 17 runtime; unset it or point it at one"
  fi
  for candidate in /usr/lib/jvm/*17*; do
    [[ -x "$candidate/bin/java" ]] || continue
    if "$candidate/bin/java" -version 2>&1 | grep -q 'version "17\.'; then
      readlink -f "$candidate"
      return 0
    fi
  done
  return 1
}

ensure_java17() {
  local home
  if ! home="$(find_java17_home)"; then
    apt_install openjdk-17-jre-headless
    home="$(find_java17_home)" || die "no Java 17 runtime found under /usr/lib/jvm after installing openjdk-17-jre-headless; set JAVA17_HOME"
  fi
  export JAVA_HOME="$home"
  JAVA="$JAVA_HOME/bin/java"
}

ensure_maven() {
  command -v mvn >/dev/null || apt_install maven
}

# Copy the jars that deploy/local/<name>/pom.xml lists into .local/lib/<name>.
# Maven runs only when the pom changed since the last copy (a SHA-256 of the
# pom is kept as a stamp file). Maven keeps its downloads in ~/.m2, so other
# clones on the same machine reuse them.
fetch_jars() {
  local name="$1"
  local pom="$LOCAL_SCRIPT_DIR/$name/pom.xml"
  local dest="$LIB_DIR/$name"
  local stamp="$dest/.pom.sha256"
  local staging="$LIB_DIR/.$name.staging"
  local maven_log="$LOG_DIR/maven-$name.log"
  local wanted

  wanted="$(sha256sum "$pom" | cut -d ' ' -f 1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
    return 0
  fi

  ensure_maven
  echo "fetching $name jars with Maven into $dest (log: $maven_log)"
  rm -rf "$staging"
  if ! mvn -B -f "$pom" "$DEPENDENCY_PLUGIN:copy-dependencies" \
      -DoutputDirectory="$staging" -DincludeScope=runtime >"$maven_log" 2>&1; then
    die "Maven failed to fetch the $name jars; see $maven_log"
  fi
  echo "$wanted" >"$staging/.pom.sha256"

  # Swap the whole folder so that jars of two versions never mix on the
  # class path.
  rm -rf "$dest"
  mv "$staging" "$dest"
  if running_pid "$name" >/dev/null; then
    echo "note: $name is running with the jars it was started with; run down.sh and up.sh to use the new ones"
  fi
}

# Build versitygw with `go install` into .local/bin, unless the pinned version
# is already there (a stamp file records the version of the binary).
ensure_versitygw() {
  local stamp="$BIN_DIR/.versitygw.version"
  if [[ -x "$BIN_DIR/versitygw" && -f "$stamp" && "$(cat "$stamp")" == "$VERSITYGW_VERSION" ]]; then
    return 0
  fi
  command -v go >/dev/null || die "go is not installed; up.sh builds the S3 server (versitygw) with it"
  mkdir -p "$BIN_DIR"
  echo "building versitygw $VERSITYGW_VERSION with go install (about 2 minutes on two cores; log: $LOG_DIR/go-versitygw.log)"
  if ! GOBIN="$BIN_DIR" go install "$VERSITYGW_MODULE@$VERSITYGW_VERSION" >"$LOG_DIR/go-versitygw.log" 2>&1; then
    die "go install of versitygw failed; see $LOG_DIR/go-versitygw.log"
  fi
  echo "$VERSITYGW_VERSION" >"$stamp"
}

# ---------------------------------------------------------------------------
# Starting the servers
# ---------------------------------------------------------------------------

# Copy a config template, replacing @HOST@, @PORT@, @CONTROLLER_PORT@,
# @STORAGE_PORT@ and @DATA_DIR@.
render_config() {
  local template="$1" target="$2" port="$3" data_dir="$4"
  sed -e "s|@HOST@|$BIND_HOST|g" \
      -e "s|@PORT@|$port|g" \
      -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
      -e "s|@STORAGE_PORT@|$CASSANDRA_STORAGE_PORT|g" \
      -e "s|@DATA_DIR@|$data_dir|g" \
      "$template" >"$target"
}

file_size() {
  if [[ -f "$1" ]]; then stat -c %s "$1"; else echo 0; fi
}

# Fail when another process already listens on a port the server needs.
require_free_port() {
  local name="$1" port="$2" hint="${3:-}"
  if port_accepts "$BIND_HOST" "$port"; then
    die "cannot start $name: port $BIND_HOST:$port is in use by a process that up.sh did not start (no live pid file in $RUN_DIR). If another checkout of this project runs its servers, stop them with its scripts/stop.sh, or move all of this checkout's servers to free ports with REDIS_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT, CASSANDRA_PORT and CASSANDRA_STORAGE_PORT (deploy/local/README.md).${hint:+ $hint}"
  fi
}

# Decide whether <name> needs a launch. Return 0 when it must be started.
needs_start() {
  local name="$1"
  if running_pid "$name" >/dev/null; then
    SERVER_STATE[$name]="already running"
    WAIT_START[$name]=$SECONDS
    return 1
  fi
  rm -f "$(pid_file "$name")"
  return 0
}

# Start a command in its own session so that it outlives this script and
# the terminal, and record its pid. stdout and stderr go to <out_file>,
# which catches JVM errors that happen before logging starts.
launch() {
  local name="$1" out_file="$2"
  shift 2
  LOG_OFFSET[$name]="$(file_size "$(server_log "$name")")"
  setsid nohup "$@" >"$out_file" 2>&1 </dev/null &
  echo "$!" >"$(pid_file "$name")"
  SERVER_STATE[$name]="started"
  WAIT_START[$name]=$SECONDS
}

start_redis() {
  needs_start redis || return 0
  require_free_port redis "$REDIS_PORT" \
    "If it is the system redis-server service, stop it (systemctl disable --now redis-server)."
  mkdir -p "$DATA_DIR/redis"
  # --save '' and --appendonly no turn persistence off, so the data is
  # gone after a restart.
  launch redis "$LOG_DIR/redis.out" \
    redis-server --bind "$BIND_HOST" --port "$REDIS_PORT" \
    --save '' --appendonly no --daemonize no \
    --dir "$DATA_DIR/redis" --logfile "$REDIS_LOG"
}

start_kafka() {
  needs_start kafka || return 0
  require_free_port kafka "$KAFKA_PORT" "Set KAFKA_PORT to use another port."
  require_free_port kafka "$KAFKA_CONTROLLER_PORT" "Set KAFKA_CONTROLLER_PORT to use another port."

  local conf="$CONF_DIR/kafka"
  local data="$DATA_DIR/kafka"
  local classpath="$LIB_DIR/kafka/*"
  mkdir -p "$conf" "$data"
  render_config "$LOCAL_SCRIPT_DIR/kafka/server.properties" "$conf/server.properties" "$KAFKA_PORT" "$data"
  cp "$LOCAL_SCRIPT_DIR/kafka/log4j2.properties" "$conf/log4j2.properties"

  local log_opts=(-Dkafka.logs.dir="$LOG_DIR" -Dlog4j2.configurationFile="$conf/log4j2.properties")

  # A KRaft log folder must be formatted once with a cluster id. Formatting
  # again would fail, so the existing meta.properties is the marker.
  if [[ ! -f "$data/meta.properties" ]]; then
    local cluster_id
    echo "formatting Kafka storage in $data"
    cluster_id="$("$JAVA" "${log_opts[@]}" -cp "$classpath" kafka.tools.StorageTool random-uuid)"
    if ! "$JAVA" "${log_opts[@]}" -cp "$classpath" kafka.tools.StorageTool format \
        --cluster-id "$cluster_id" --config "$conf/server.properties" >"$LOG_DIR/kafka-format.out" 2>&1; then
      die "formatting Kafka storage failed; see $LOG_DIR/kafka-format.out"
    fi
  fi

  # Heap and GC flags follow Kafka's own start scripts, with the heap
  # lowered from 1 GB to 512 MB.
  launch kafka "$LOG_DIR/kafka.out" \
    "$JAVA" -Xms512m -Xmx512m \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    "${log_opts[@]}" \
    -cp "$classpath" kafka.Kafka "$conf/server.properties"
}

# Return 0 when the file system of <dir> stores user extended attributes,
# where versitygw's posix backend keeps object metadata by default.
supports_xattrs() {
  local probe="$1/.xattr-probe" supported=1
  : >"$probe"
  if command -v python3 >/dev/null &&
    python3 -c 'import os, sys; os.setxattr(sys.argv[1], "user.probe", b"1")' "$probe" 2>/dev/null; then
    supported=0
  fi
  rm -f "$probe"
  return "$supported"
}

start_s3() {
  needs_start s3 || return 0
  require_free_port s3 "$S3_PORT" "Set S3_PORT to use another port."
  local data="$DATA_DIR/s3" metadata=()
  mkdir -p "$data"
  # Without extended attributes, metadata goes to a folder of its own.
  if ! supports_xattrs "$data"; then
    mkdir -p "$DATA_DIR/s3-metadata"
    metadata=(--sidecar "$DATA_DIR/s3-metadata")
  fi
  # The root credentials are passed through the environment, which other
  # users cannot read, rather than on the command line.
  LOG_OFFSET[s3]="$(file_size "$S3_LOG")"
  ROOT_ACCESS_KEY="$S3_ACCESS_KEY" ROOT_SECRET_KEY="$S3_SECRET_KEY" \
    setsid nohup "$BIN_DIR/versitygw" --port "$BIND_HOST:$S3_PORT" --quiet \
    posix "${metadata[@]}" "$data" >>"$S3_LOG" 2>&1 </dev/null &
  echo "$!" >"$(pid_file s3)"
  SERVER_STATE[s3]="started"
  WAIT_START[s3]=$SECONDS
}

# JVM flags from Cassandra 5.0's conf/jvm17-server.options. Cassandra reads
# JDK internals (direct buffers, the module system, the attach API, javac
# classes for user-defined functions), and Java 17 blocks that access
# unless each package is exported or opened by name.
CASSANDRA_JDK17_FLAGS=(
  -Djdk.attach.allowAttachSelf=true
  --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
  --add-exports java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED
  --add-exports java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports java.rmi/sun.rmi.server=ALL-UNNAMED
  --add-exports java.sql/java.sql=ALL-UNNAMED
  --add-exports java.base/java.lang.ref=ALL-UNNAMED
  --add-exports jdk.unsupported/sun.misc=ALL-UNNAMED
  --add-exports jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED
  --add-opens java.base/java.lang.module=ALL-UNNAMED
  --add-opens java.base/jdk.internal.loader=ALL-UNNAMED
  --add-opens java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens java.base/jdk.internal.reflect=ALL-UNNAMED
  --add-opens java.base/jdk.internal.math=ALL-UNNAMED
  --add-opens java.base/jdk.internal.module=ALL-UNNAMED
  --add-opens java.base/jdk.internal.util.jar=ALL-UNNAMED
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.base/java.io=ALL-UNNAMED
  --add-opens java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens jdk.compiler/com.sun.tools.javac=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/java.util=ALL-UNNAMED
  # Lets Netty allocate direct buffers through Unsafe.
  -Dio.netty.tryReflectionSetAccessible=true
  -Dio.netty.allocator.useCacheForAllThreads=true
  -Dio.netty.allocator.maxOrder=11
)

start_cassandra() {
  needs_start cassandra || return 0
  require_free_port cassandra "$CASSANDRA_PORT" "Set CASSANDRA_PORT to use another port."
  require_free_port cassandra "$CASSANDRA_STORAGE_PORT" "Set CASSANDRA_STORAGE_PORT to use another port."

  local conf="$CONF_DIR/cassandra"
  local data="$DATA_DIR/cassandra"
  local jamm_jar
  mkdir -p "$conf" "$data"/{data,commitlog,hints,saved_caches,cdc_raw}
  render_config "$LOCAL_SCRIPT_DIR/cassandra/cassandra.yaml" "$conf/cassandra.yaml" "$CASSANDRA_PORT" "$data"
  cp "$LOCAL_SCRIPT_DIR/cassandra/logback.xml" "$conf/logback.xml"

  # Cassandra measures the heap size of memtable objects with the jamm
  # Java agent.
  jamm_jar="$(compgen -G "$LIB_DIR/cassandra/jamm-*.jar" | head -n 1)" ||
    die "jamm jar not found in $LIB_DIR/cassandra; delete that folder and run up.sh again"

  # The fast-start flags skip waits that exist for multi-node clusters:
  # the gossip settle wait and most of the ring delay. initial_token=0
  # assigns the single token without the token allocation step, and only
  # counts on the first start (the node stores its tokens).
  launch cassandra "$LOG_DIR/cassandra.out" \
    "$JAVA" -Xms512m -Xmx1g -Xss256k \
    -XX:+UseG1GC -XX:+ParallelRefProcEnabled -XX:MaxGCPauseMillis=300 \
    -XX:+ExitOnOutOfMemoryError -XX:+PerfDisableSharedMem -Djava.net.preferIPv4Stack=true \
    "${CASSANDRA_JDK17_FLAGS[@]}" \
    -javaagent:"$jamm_jar" \
    -Dcassandra.config="file://$conf/cassandra.yaml" \
    -Dcassandra.storagedir="$data" \
    -Dcassandra.logdir="$LOG_DIR" \
    -Dlogback.configurationFile="$conf/logback.xml" \
    -Dcassandra-foreground=yes \
    -Dcassandra.skip_wait_for_gossip_to_settle=0 \
    -Dcassandra.ring_delay_ms=1000 \
    -Dcassandra.initial_token=0 \
    -cp "$LIB_DIR/cassandra/*" org.apache.cassandra.service.CassandraDaemon
}

# ---------------------------------------------------------------------------
# Waiting for readiness
# ---------------------------------------------------------------------------

# Return 0 when the server's log, from the offset recorded at launch, has a
# line matching <pattern>. A rolled-over log is read from its start.
log_has_since_launch() {
  local name="$1" pattern="$2" log offset
  log="$(server_log "$name")"
  offset="${LOG_OFFSET[$name]:-0}"
  [[ -f "$log" ]] || return 1
  if (($(file_size "$log") < offset)); then
    offset=0
  fi
  tail -c "+$((offset + 1))" "$log" | grep -q -- "$pattern"
}

# Return 0 when the server serves requests. A fresh launch also needs its
# start-up line in the log.
server_ready() {
  local name="$1"
  server_responds "$name" || return 1
  [[ "${SERVER_STATE[$name]}" == "started" ]] || return 0
  case "$name" in
    kafka) log_has_since_launch kafka "Kafka Server started" ;;
    cassandra) log_has_since_launch cassandra "Startup complete" ;;
    *) return 0 ;;
  esac
}

wait_ready() {
  local name="$1" timeout_seconds="$2"
  local log port out_file
  log="$(server_log "$name")"
  port="$(server_port "$name")"
  out_file="$LOG_DIR/$name.out"

  until server_ready "$name"; do
    if ! running_pid "$name" >/dev/null; then
      echo "error: $name exited during startup. Last lines of $log and $out_file:" >&2
      tail -n 20 "$log" "$out_file" >&2 2>/dev/null || true
      exit 1
    fi
    if ((SECONDS - WAIT_START[$name] >= timeout_seconds)); then
      die "timed out after ${timeout_seconds}s waiting for $name to respond on $BIND_HOST:$port; see $log and $out_file"
    fi
    sleep 1
  done
}

print_summary_line() {
  local name="$1"
  printf '%-10s %-8s %-16s %-16s log: %s\n' \
    "$name" "$(server_version "$name")" "$BIND_HOST:$(server_port "$name")" \
    "${SERVER_STATE[$name]}" "$(server_log "$name")"
}

main() {
  local name
  mkdir -p "$DATA_DIR" "$LOG_DIR" "$RUN_DIR" "$LIB_DIR" "$CONF_DIR"

  ensure_redis
  ensure_java17
  fetch_jars kafka
  fetch_jars cassandra
  ensure_versitygw

  # All four start together and are then waited for one by one, so the
  # JVM start-ups overlap.
  start_redis
  start_kafka
  start_cassandra
  start_s3

  wait_ready redis "$REDIS_TIMEOUT_SECONDS"
  wait_ready kafka "$KAFKA_TIMEOUT_SECONDS"
  wait_ready cassandra "$CASSANDRA_TIMEOUT_SECONDS"
  wait_ready s3 "$S3_TIMEOUT_SECONDS"

  for name in "${ALL_SERVERS[@]}"; do
    print_summary_line "$name"
  done

  # The project's topic, schema and bucket setup, when present, runs once
  # all four servers respond.
  export MESSENGER_LOCAL_DIR="$LOCAL_DIR" REDIS_PORT KAFKA_PORT CASSANDRA_PORT S3_PORT
  if [ -f "$ROOT/deploy/local/setup.sh" ]; then bash "$ROOT/deploy/local/setup.sh"; fi
}

main "$@"
