#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already there
# at the right version. Usage: install-tools.sh build|test
#   build: wasm32 target, Trunk, wasm-bindgen-cli, npm packages (wasm-opt)
#   test:  the above, plus Debian's Chromium and chromedriver
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Must equal the `wasm-bindgen = "=…"` pin in Cargo.toml and Trunk.toml [tools].
WASM_BINDGEN_VERSION=0.2.130

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
has_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v cargo >/dev/null; then
  echo "cargo not found: install Rust with rustup (https://rustup.rs) first." >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! has_version trunk "trunk $TRUNK_VERSION"; then
  say "Installing Trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  # --locked: without it the build fails (lightningcss/cssparser mismatch).
  # No fat LTO for a build tool: it saves minutes and costs nothing that matters.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! has_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION" ||
  ! has_version wasm-bindgen-test-runner "$WASM_BINDGEN_VERSION"; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  # Not --locked: its lock file names a crate version the registry no longer has.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v npm >/dev/null; then
  echo "npm not found: install Node.js 20 or newer with npm." >&2
  exit 1
fi
# A copy of the lock file marks which lock node_modules was installed from.
if ! cmp -s package-lock.json node_modules/.installed-from-lock 2>/dev/null; then
  say "Installing npm packages (wasm-opt, Playwright, axe)"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.installed-from-lock
fi

if [ "${1:-build}" = test ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "Installing Debian's chromium and chromium-driver"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
    else
      echo "Missing /usr/bin/chromium or /usr/bin/chromedriver." >&2
      echo "Install them as root: apt-get install chromium chromium-driver" >&2
      exit 1
    fi
  fi
fi
