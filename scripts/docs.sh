#!/usr/bin/env bash
# The API reference, as one static folder: target/site/docs/
#   index.html    links both
#   ts/           the TypeScript API: typedoc over the declarations the npm package ships
#   rust/         the Rust API: cargo doc (twochat, twochat-spec; feature native), -D missing_docs
#   build.json    what was rendered from what (read back by tests/docs/docs.test.mjs)
# scripts/demo-site.sh copies it into the demo site, so `make demo` serves it at /docs/.
#
# The package: pkg/ when it is at least as new as its sources (make docs builds it first);
# otherwise a private build in target/pkg-docs (scripts/build-pkg.sh with PKG_OUT), so this never
# touches pkg/. DOCS_PKG=<dir> forces a package directory. Idempotent: every run rebuilds the site
# in a staging folder and swaps it in; npm ci in tests/docs/ only when its lockfile changed.
#   make docs    (= scripts/docs.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

log() { printf '\033[1;34m[docs]\033[0m %s\n' "$*" >&2; }
started=$SECONDS

# --- tools -------------------------------------------------------------------------------------------
# typedoc (and the TypeScript it runs, the repo root's version), pinned in tests/docs/package-lock.json;
# `npm ci` when that lockfile changed since the last install.
lock_sum=$(sha256sum tests/docs/package-lock.json | cut -d' ' -f1)
if [ "$(cat tests/docs/node_modules/.lock-sha256 2>/dev/null || true)" != "$lock_sum" ]; then
  log "installing typedoc (npm ci in tests/docs/)"
  (cd tests/docs && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$lock_sum" >tests/docs/node_modules/.lock-sha256
fi

# --- the package ---------------------------------------------------------------------------------------
# What the package is built from: a package older than any of these is stale.
pkg_sources=(src spec/src build.rs Cargo.toml Cargo.lock pkg-template scripts/build-pkg.sh scripts/assemble-pkg.mjs scripts/gen-tools.mjs)
fresh() { # fresh <dir>: a built package no older than its sources
  [ -f "$1/package.json" ] && [ -z "$(find "${pkg_sources[@]}" -newer "$1/package.json" -print -quit 2>/dev/null)" ]
}
if [ -n "${DOCS_PKG:-}" ]; then
  pkg_dir=$DOCS_PKG
  [ -f "$pkg_dir/package.json" ] || { echo "DOCS_PKG=$pkg_dir has no package.json" >&2; exit 1; }
elif fresh pkg; then
  pkg_dir=pkg
elif fresh target/pkg-docs; then
  pkg_dir=target/pkg-docs
else
  log "pkg/ is missing or older than its sources: building the package into target/pkg-docs"
  if ! command -v wasm-pack >/dev/null || ! command -v wasm-bindgen >/dev/null || [ ! -x node_modules/.bin/wasm-opt ] ||
    ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "installing the project's tools (scripts/bootstrap.sh)"
    TWOCHAT_SKIP_FUZZ=1 TWOCHAT_SKIP_BROWSER=1 scripts/bootstrap.sh >&2
  fi
  PKG_OUT=target/pkg-docs scripts/build-pkg.sh >&2
  pkg_dir=target/pkg-docs
fi
log "package: $pkg_dir ($(node -p "require('./$pkg_dir/package.json').version"))"

# --- the Rust API --------------------------------------------------------------------------------------
# Its own target dir, so the site holds these two crates only (target/doc gathers whatever anyone
# documented) and `make lint`'s cargo doc (-D warnings alone) does not rebuild it, nor it lint's.
rustdocflags="-D warnings -D missing_docs"
rust_target=target/docs-rust
log "cargo doc (RUSTDOCFLAGS=\"$rustdocflags\") → $rust_target/doc"
RUSTDOCFLAGS="$rustdocflags" CARGO_TARGET_DIR="$rust_target" \
  cargo doc --locked --no-deps --features native -p twochat -p twochat-spec >&2

# --- the site ------------------------------------------------------------------------------------------
stage=$(mktemp -d "$root/target/site-docs.XXXXXX")
trap 'rm -rf "$stage"' EXIT
cp -r "$rust_target/doc" "$stage/rust"
rm -f "$stage/rust/.lock"
# rustdoc's help and settings pages link ./index.html, which cargo doc does not write: lead it to the crate.
cat >"$stage/rust/index.html" <<'HTML'
<!doctype html>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=twochat/index.html">
<title>twochat — Rust API</title>
<a href="twochat/index.html">twochat — Rust API</a>
HTML
node -e '
  const [file, flags, target] = process.argv.slice(1);
  const build = { rust: { rustdocflags: flags, targetDir: target, command: "cargo doc --locked --no-deps --features native -p twochat -p twochat-spec", crates: ["twochat", "twochat_spec"] } };
  require("fs").writeFileSync(file, JSON.stringify(build, null, 2) + "\n");
' "$stage/build.json" "$rustdocflags" "$rust_target"
node tests/docs/build.mjs --pkg "$pkg_dir" --site "$stage"

mkdir -p target/site
rm -rf target/site/docs
mv "$stage" target/site/docs
chmod 755 target/site/docs
trap - EXIT
log "target/site/docs/ is ready ($(du -sh target/site/docs | cut -f1), $((SECONDS - started)) s): index.html, ts/, rust/"
