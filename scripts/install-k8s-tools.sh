#!/usr/bin/env bash
# Install what the Helm chart checks need, offline apart from the Go module
# proxy: helm and kubeconform built with `go install`, and JSON Schemas of the
# Kubernetes API and of the Prometheus operator's resources, generated from
# the OpenAPI document in the k8s.io/kubernetes module and from the operator's
# CustomResourceDefinitions. Each step is skipped when its pinned version is
# already in .local/. Prints nothing else when all is in place.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HELM_VERSION=v4.3.2
KUBECONFORM_VERSION=v0.7.0
KUBERNETES_VERSION=v1.34.4
PROMETHEUS_OPERATOR_VERSION=v0.85.0

BIN_DIR="$LOCAL_DIR/bin"
SCHEMA_DIR="$LOCAL_DIR/k8s-schemas"
mkdir -p "$BIN_DIR"

command -v go >/dev/null || die "go is not installed; the chart checks build helm and kubeconform with it"

# go_tool NAME MODULE VERSION: build MODULE@VERSION into .local/bin unless that version is there.
go_tool() {
  local name="$1" module="$2" version="$3" stamp="$BIN_DIR/.$1.version"
  if [[ -x "$BIN_DIR/$name" && -f "$stamp" && "$(cat "$stamp")" == "$version" ]]; then
    return 0
  fi
  echo "building $name $version with go install (takes a few minutes on two cores)"
  GOBIN="$BIN_DIR" go install "$module@$version"
  echo "$version" >"$stamp"
}

# module_dir MODULE VERSION: download a module into the Go module cache and print its folder.
module_dir() {
  go mod download -json "$1@$2" | node -e '
    let text = "";
    process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => {
      const info = JSON.parse(text);
      if (info.Error) { console.error(info.Error); process.exit(1); }
      console.log(info.Dir);
    });'
}

go_tool helm helm.sh/helm/v4/cmd/helm "$HELM_VERSION"
go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION"

schema_stamp="$SCHEMA_DIR/.versions"
schema_versions="kubernetes=$KUBERNETES_VERSION prometheus-operator=$PROMETHEUS_OPERATOR_VERSION generator=$(sha256sum "$ROOT/tools/k8s-schemas/generate-schemas.mjs" | cut -c1-16)"
if [[ ! -f "$schema_stamp" || "$(cat "$schema_stamp")" != "$schema_versions" ]]; then
  echo "generating Kubernetes $KUBERNETES_VERSION schemas for kubeconform"
  kubernetes_dir="$(module_dir k8s.io/kubernetes "$KUBERNETES_VERSION")"
  operator_dir="$(module_dir github.com/prometheus-operator/prometheus-operator "$PROMETHEUS_OPERATOR_VERSION")"
  crd_dir="$operator_dir/example/prometheus-operator-crd"
  rm -rf "$SCHEMA_DIR"
  node "$ROOT/tools/k8s-schemas/generate-schemas.mjs" \
    --swagger "$kubernetes_dir/api/openapi-spec/swagger.json" \
    --crd "$crd_dir/monitoring.coreos.com_servicemonitors.yaml" \
    --crd "$crd_dir/monitoring.coreos.com_prometheusrules.yaml" \
    --out "$SCHEMA_DIR"
  echo "$schema_versions" >"$schema_stamp"
fi
