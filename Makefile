# Two commands do everything: `make serve` and `make test`.
# Both install what is missing first (scripts/install-tools.sh).

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
# Browser tests drive Debian's Chromium (see webdriver.json for its flags).
export WASM_BINDGEN_TEST_TIMEOUT ?= 120

WASM := --target wasm32-unknown-unknown

.PHONY: serve test tools test-tools lint native browser release e2e bench clean

## Build and serve the app on http://127.0.0.1:8080 with live reload.
serve: tools
	trunk serve

## Every check, failing on the first problem.
test: test-tools lint native browser release e2e

tools:
	scripts/install-tools.sh build

test-tools:
	scripts/install-tools.sh test

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets $(WASM) -- -D warnings
	cargo clippy --features ssr --bin prerender -- -D warnings

native:
	cargo test
	cargo test --features ssr --bin prerender

browser:
	cargo test $(WASM)

## The release build in dist/: Trunk, then the default page prerendered into
## index.html (a native build of the app, feature `ssr`), then the post-build
## step again so the CSP and the service worker cover that index.html.
release:
	trunk build --release
	cargo run --features ssr --bin prerender -- dist/index.html
	TRUNK_STAGING_DIR=dist TRUNK_PROFILE=release node scripts/post-build.mjs
	node scripts/size-budget.mjs

e2e:
	node --test --test-concurrency=1 e2e/

## Benchmarks (not tests): criterion for the domain, then this tree's release
## build against the turn-2 and last releases (built once into
## target/bench-ref/), interleaved, at 1× and 4× CPU, with Lighthouse.
## Prints numbers only; about 20 minutes (BENCH_LIGHTHOUSE_RUNS=0 skips ~12).
bench: test-tools release
	npm ci --prefix bench --no-audit --no-fund
	cargo bench --bench plan -- --warm-up-time 1 --measurement-time 3
	cargo bench --bench adversarial
	node scripts/bench-browser.mjs
	node scripts/bench-slow-link.mjs

clean:
	cargo clean
	rm -rf dist
