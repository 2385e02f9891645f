#!/usr/bin/env bash
# Install the npm packages from package-lock.json, unless the installed ones
# are already from the current lock file.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

stamp=node_modules/.messenger-install-stamp
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$lock_hash" ]]; then
  exit 0
fi
echo "installing npm packages (npm ci)"
npm ci --no-audit --no-fund --loglevel=error
echo "$lock_hash" > "$stamp"
