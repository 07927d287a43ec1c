# twochat — the two commands a newcomer needs are `make demo` and `make test`.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

PORT ?= 8080
CHROMEDRIVER ?= /usr/bin/chromedriver
MOCK := target/release/twochat-mock
STRICT_LINTS := -D warnings -D clippy::unwrap_used -D clippy::expect_used -D clippy::panic -D clippy::indexing_slicing -D clippy::unreachable

.PHONY: help bootstrap pkg mock demo docs test-docs bench docs-figures test test-native lint test-rust test-rust-worker test-package test-runtimes test-node test-browser test-js test-e2e test-worker test-ecosystem test-tools fuzz-smoke fuzz clean

help:
	@echo "make demo   install what is missing, build, serve the demo + mock 2Chat on http://127.0.0.1:$(PORT)"
	@echo "make test   install what is missing and run every test layer"
	@echo "make pkg    build the npm package into pkg/"
	@echo "make docs   the API reference (TypeScript + Rust) in target/site/docs/, served by make demo at /docs/"
	@echo "make bench  measure size, call overhead, parsing and start-up into BENCHMARKS.md"

bootstrap:
	@scripts/bootstrap.sh

pkg: bootstrap
	scripts/build-pkg.sh

mock:
	cargo build --release -p twochat-mock

# The API reference in target/site/docs/: typedoc over the shipped declarations (ts/) and cargo doc
# with -D missing_docs (rust/), one index linking both; make demo serves it at /docs/.
docs: bootstrap pkg
	scripts/docs.sh

demo: pkg mock docs
	PORT=$(PORT) scripts/demo.sh

test: bootstrap
	$(MAKE) --no-print-directory mock test-native lint fuzz-smoke test-rust pkg test-node test-browser test-js test-tools test-docs test-ecosystem test-package test-runtimes test-worker test-rust-worker test-e2e
	@echo "make test: every layer passed"

# The tracked figures the tests produce, rewritten from a fresh run (make test never touches them):
# docs/soak.md (times vary from run to run), docs/fault-matrix.md and docs/security.md (which
# make test checks are still exact).
docs-figures: bootstrap mock pkg
	UPDATE_DOCS=1 scripts/with-mock.sh node --test --test-timeout=900000 tests/js/soak.test.mjs tests/js/faults.test.mjs tests/js/attacks.test.mjs

# Size, call overhead, parse speed and start-up, written to BENCHMARKS.md (not part of make test).
bench: bootstrap mock
	scripts/with-mock.sh scripts/bench.sh

# Native: the core (validation, encoding, retries, responses), the declarations, the mock
# server, and the typed client suite over reqwest against an in-process mock.
test-native:
	cargo test --workspace --features native

# Library code is panic-free by construction; all code is warning-free.
lint:
	cargo clippy --workspace --all-targets --features native -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --features js -- $(STRICT_LINTS)
	cargo clippy --lib --target wasm32-unknown-unknown -- $(STRICT_LINTS)
	cargo clippy --lib --features native -- $(STRICT_LINTS)
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --features native -p twochat -p twochat-spec

# Rust users' side: a crate depending on twochat with default features (tests/outside) builds and
# tests natively, builds for wasm32 and exports nothing of twochat's JS surface; examples/rust-cli
# runs against the mock.
test-rust: mock
	cargo test -p twochat-outside
	cargo build -p twochat-outside --target wasm32-unknown-unknown --release
	wasm-bindgen --target web --out-dir target/outside target/wasm32-unknown-unknown/release/twochat_outside.wasm
	node tests/outside/exports.mjs target/outside/twochat_outside_bg.wasm
	scripts/with-mock.sh scripts/test-rust-cli.sh

# The typed Rust client (the suite of tests/typed/) on wasm32 against the mock, in Node, then in
# headless Chrome, over the runtime's fetch.
test-node: mock
	scripts/with-mock.sh wasm-pack test --node -- --test node

test-browser: mock
	scripts/with-mock.sh wasm-pack test --headless --chrome --chromedriver $(CHROMEDRIVER) -- --test browser

# Every node test has a timeout (--test-timeout; a test may set a longer one itself).
# The built package as users import it: ESM and CommonJS entries, every endpoint, iterators,
# validation; then the TypeScript layer (typed calls compile and run; deliberate mistakes fail).
test-js: mock
	scripts/with-mock.sh node --test --test-timeout=120000 tests/js/ tests/types/run.mjs

# The demo page in headless Chromium: the four flows against the mock, screenshots in artifacts/.
test-e2e: mock
	scripts/demo-site.sh
	MOCK_ARGS="--static target/demo-site" scripts/with-mock.sh node --test --test-timeout=120000 tests/e2e/

# Every endpoint as an LLM tool: schemas (Ajv), a good and a bad call of each, the MCP server over stdio.
test-tools: mock
	scripts/with-mock.sh node --test --test-timeout=120000 tests/tools/

# The packed tarball installed as users install it: Node ESM, Node CommonJS, and a vite@7 build
# loaded in Chromium; each calls the mock and parses a webhook.
test-ecosystem: mock
	scripts/with-mock.sh node --test --test-timeout=120000 tests/ecosystem/

# Every public symbol documented (typedoc validation over every shipped .d.ts, shown able to fail;
# rustdoc -D missing_docs), and the rendered reference's links and main pages.
test-docs:
	scripts/docs.sh
	node --test --test-timeout=120000 tests/docs/

# The published package: publint --strict and arethetypeswrong (every entry point, node10/node16/
# bundler), TypeScript consumers (nodenext ESM and CommonJS, bundler) against the installed
# tarball, and npm publish --dry-run (every pointed-to file published, no sources; version = the
# crate's). Offline; tools pinned in tests/package/package-lock.json.
test-package:
	scripts/test-package.sh

# Deno 2 and Bun run the same smoke test as Node from the packed tarball (from a registry on
# 127.0.0.1 and from the file); a webpack 5 build of a page runs in Chromium, with the browser-key
# warning. Deno, Bun and webpack are pinned in tests/runtimes/package-lock.json.
test-runtimes: mock
	if [ -f pkg/package.json ]; then export RUNTIMES_PKG=pkg; fi; scripts/with-mock.sh scripts/test-runtimes.sh

# The Cloudflare Worker example from the packed tarball, under workerd (Miniflare), end to end:
# the mock delivers a webhook, the Worker replies through the SDK, the mock records the reply.
test-worker: mock
	scripts/with-mock.sh scripts/test-worker.sh

# The Rust Cloudflare Worker example (workers-rs, built by worker-build with this machine's own
# wasm-bindgen, esbuild and wasm-opt) under workerd (Miniflare), end to end against the mock.
test-rust-worker: mock
	scripts/with-mock.sh scripts/test-rust-worker.sh

# The webhook parser's fuzz target, briefly (any bytes: a value or invalid_webhook, never a panic).
fuzz-smoke:
	cd fuzz && cargo +nightly fuzz run webhook -- -runs=100000 -max_len=4096 -max_total_time=120

# A long fuzz run: make fuzz RUNS=10000000
RUNS ?= 1000000
fuzz:
	cd fuzz && cargo +nightly fuzz run webhook -- -runs=$(RUNS) -max_len=65536

clean:
	cargo clean
	rm -rf pkg node_modules artifacts
