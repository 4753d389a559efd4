#!/usr/bin/env bash
# Builds the npm package `crql` into bindings/wasm/pkg/ (see README.md there):
#   bash bindings/wasm/build.sh
# Idempotent: installs what is missing (the wasm32 target, the wasm-bindgen-cli of
# the crate's exact wasm-bindgen version, this folder's npm tools for wasm-opt), then
# builds the .wasm, generates the glue, optimises, and writes the package files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || rustup target add wasm32-unknown-unknown

# The CLI must be the crate's exact version: the glue it writes talks to the
# wasm-bindgen runtime compiled into the .wasm. Built from crates.io (no prebuilt
# download); --locked first, without it if a locked dependency left the registry.
# No default features: they are the TLS stack (ring, rustls) of the test runner's
# downloads, which this build never uses (and a large part of the install's compile).
want="$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' "$here/Cargo.toml")"
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$want" ]; then
    cargo install wasm-bindgen-cli --version "$want" --no-default-features --locked \
        || cargo install wasm-bindgen-cli --version "$want" --no-default-features
fi

# wasm-opt comes from the binaryen npm package (a devDependency here).
if [ ! -x "$here/node_modules/.bin/wasm-opt" ]; then
    (cd "$here" && npm ci --no-audit --no-fund)
fi

target_dir="${CARGO_TARGET_DIR:-$root/target}"
cargo build -p crql-wasm --target wasm32-unknown-unknown --profile wasm-release
wasm="$target_dir/wasm32-unknown-unknown/wasm-release/crql_wasm.wasm"

out="$here/pkg"
rm -rf "$out"
mkdir -p "$out"
# --target web: an ES module whose initSync takes a compiled module (node.js reads
# the file synchronously) and whose default init fetches it (browser.js, where the
# bundler turns new URL(..., import.meta.url) into an asset).
wasm-bindgen "$wasm" --out-dir "$out" --out-name crql_wasm --target web \
    --experimental-reset-state-function
rm -f "$out/.gitignore" "$out/package.json"

"$here/node_modules/.bin/wasm-opt" -O3 --strip-debug --strip-producers \
    "$out/crql_wasm_bg.wasm" -o "$out/crql_wasm_bg.wasm"

cp "$here"/js/api.js "$here"/js/node.js "$here"/js/browser.js "$here"/js/index.d.ts \
    "$here"/js/README.md "$out/"
cp "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$out/"

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$here/Cargo.toml" | head -n1)"
cat > "$out/package.json" <<JSON
{
  "name": "crql",
  "version": "$version",
  "description": "Lint, format, parse and bind CRQL (the ClientTrack REST API's query language) in Node.js and browsers",
  "license": "MIT OR Apache-2.0",
  "keywords": ["crql", "clienttrack", "sql", "linter", "formatter", "wasm"],
  "type": "module",
  "exports": {
    ".": {
      "types": "./index.d.ts",
      "node": "./node.js",
      "default": "./browser.js"
    },
    "./package.json": "./package.json"
  },
  "main": "./node.js",
  "types": "./index.d.ts",
  "files": ["api.js", "node.js", "browser.js", "crql_wasm.js", "crql_wasm_bg.wasm",
            "index.d.ts", "README.md", "LICENSE-MIT", "LICENSE-APACHE"],
  "sideEffects": ["./node.js", "./browser.js"],
  "engines": { "node": ">=20" }
}
JSON

raw=$(wc -c < "$out/crql_wasm_bg.wasm")
gz=$(gzip -9 -c "$out/crql_wasm_bg.wasm" | wc -c)
echo "built $out: crql_wasm_bg.wasm $raw bytes, $gz gzipped (gzip -9)"
