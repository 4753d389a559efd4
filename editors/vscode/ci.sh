#!/usr/bin/env bash
# CI for the VS Code extension (.ci/run calls it, after `cargo test` has built
# target/debug/crql): the exact dependencies of package-lock.json, the type-checked
# bundle, the grammar and settings tests, the settings against that real `crql lsp`,
# then the package, written to target/crql.vsix at the repository's root.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v npm >/dev/null 2>&1; then
    echo "npm missing: installing Node.js from the distribution"
    apt-get update -qq && apt-get install -y -qq nodejs npm
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
    echo "Node.js $(node --version) is too old: the extension's tools (vsce) need Node 20 or later" >&2
    exit 1
fi

npm ci --no-audit --no-fund
npm run build
npm run test:grammar
npm run test:unit
crql="${CRQL_BIN:-../../target/debug/crql}"
if [ ! -x "$crql" ]; then
    echo "$crql missing: build it first (cargo build), or set CRQL_BIN" >&2
    exit 1
fi
CRQL_BIN="$crql" npm run test:server
mkdir -p ../../target
npm run package -- --out ../../target/crql.vsix
echo "target/crql.vsix: $(wc -c < ../../target/crql.vsix) bytes"
