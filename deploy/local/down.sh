#!/usr/bin/env bash
# Stop the Redis, Kafka and Cassandra processes that up.sh started.
# Each gets SIGTERM and up to 30 s to shut down cleanly, then SIGKILL.
# Servers that are not running are skipped, so running this twice is safe.
#
# Usage: down.sh [--wipe]
#   --wipe  also delete the data folder (.local/data), so the next up.sh
#           starts with empty servers and formats Kafka storage again.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STOP_TIMEOUT_SECONDS=30

usage() {
  sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

wipe=0
for arg in "$@"; do
  case "$arg" in
    --wipe) wipe=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      usage >&2
      die "unknown option: $arg"
      ;;
  esac
done

# Send SIGTERM to every running server first, so that they shut down in
# parallel, then wait for each.
declare -A stopping=()
stop_started=$SECONDS
for name in "${ALL_SERVERS[@]}"; do
  if pid="$(running_pid "$name")"; then
    echo "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    stopping[$name]="$pid"
  else
    rm -f "$(pid_file "$name")"
    echo "$name is not running"
  fi
done

for name in "${ALL_SERVERS[@]}"; do
  [[ -n "${stopping[$name]:-}" ]] || continue
  pid="${stopping[$name]}"
  while process_alive "$pid" && ((SECONDS - stop_started < STOP_TIMEOUT_SECONDS)); do
    sleep 0.2
  done
  if process_alive "$pid"; then
    echo "$name (pid $pid) still running ${STOP_TIMEOUT_SECONDS}s after SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while process_alive "$pid"; do sleep 0.2; done
  fi
  rm -f "$(pid_file "$name")"
  echo "$name stopped"
done

if [[ $wipe -eq 1 ]]; then
  echo "deleting $DATA_DIR"
  rm -rf "$DATA_DIR"
fi
