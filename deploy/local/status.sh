#!/usr/bin/env bash
# Print for Redis, Kafka and Cassandra whether the server responds to a
# protocol request on its port, and the pid that up.sh recorded.
# Exits with status 0 when all three respond, 1 otherwise.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

exit_status=0
for name in "${ALL_SERVERS[@]}"; do
  address="$BIND_HOST:$(server_port "$name")"
  if pid="$(running_pid "$name")"; then
    process="pid $pid"
  else
    process="no process started by up.sh"
  fi

  if server_responds "$name"; then
    state="responding"
  else
    state="not responding"
    exit_status=1
  fi
  printf '%-10s %-8s %-16s %-15s %s\n' "$name" "$(server_version "$name")" "$address" "$state" "$process"
done
exit "$exit_status"
