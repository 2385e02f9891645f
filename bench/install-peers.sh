#!/usr/bin/env bash
# Install the peers that the benchmark compares the platform with. Builds
# Centrifugo with `go install` into .local/bin, unless the pinned version is
# already there, and checks that socket.io and socket.io-client
# (devDependencies) are in node_modules. The raw ws relay needs nothing
# beyond the build.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

CENTRIFUGO_VERSION=v6.9.1
BIN_DIR="$LOCAL_DIR/bin"
STAMP="$BIN_DIR/.centrifugo.version"
mkdir -p "$BIN_DIR"

# `go install` sets no version in the binary (it prints v0.0.0), so a stamp
# file records which version was built.
if [[ -x "$BIN_DIR/centrifugo" && -f "$STAMP" && "$(cat "$STAMP")" == "$CENTRIFUGO_VERSION" ]]; then
  :
else
  command -v go >/dev/null || die "go is not installed; the benchmark builds Centrifugo with it"
  echo "building centrifugo $CENTRIFUGO_VERSION with go install (takes several CPU minutes)"
  GOBIN="$BIN_DIR" nice -n 19 go install "github.com/centrifugal/centrifugo/v6@$CENTRIFUGO_VERSION"
  echo "$CENTRIFUGO_VERSION" >"$STAMP"
fi

for package in socket.io socket.io-client; do
  [[ -f "$ROOT/node_modules/$package/package.json" ]] || die "$package is missing from node_modules; run npm ci"
done
