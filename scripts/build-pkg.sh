#!/usr/bin/env bash
# Builds the npm package into pkg/: a Node build (CommonJS, usable from `import` and `require`)
# and a web build (ES module, for browsers, bundlers and workers), plus the entry points that
# re-export `TwoChatError`, the package.json from pkg-template/ and the npm README.
#   scripts/build-pkg.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

profile=--release
[ "${1:-}" = "--dev" ] && profile=--dev

out=${PKG_OUT:-pkg}
# A private staging directory, so two builds at once cannot mix their outputs.
mkdir -p target
stage=$(mktemp -d "$PWD/target/pkg-stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
wasm-pack build $profile --target nodejs --out-dir "$stage/node" --out-name twochat --no-pack -- --features js
wasm-pack build $profile --target web --out-dir "$stage/web" --out-name twochat --no-pack -- --features js

# The tool definitions, generated from the endpoint declarations.
cargo run -q -p twochat-spec --bin twochat-gen -- tools > "$stage/tools.json"
node scripts/assemble-pkg.mjs "$stage"
rm -rf "$out"
mkdir -p "$(dirname "$out")"
mv "$stage" "$out"
trap - EXIT
echo "$out/ is ready: $(cd "$out" && du -sh . | cut -f1) ($(gzip -9 -c "$out/web/twochat_bg.wasm" | wc -c) bytes of wasm, gzip -9)"
