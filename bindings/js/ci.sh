#!/usr/bin/env bash
# CI for the JavaScript package: build it, hold it to its size budget, run its Node.js tests
# (the example cases decided through the package agree with the native engine) and its browser
# test (the operator page in headless Chromium). Installs what is missing: the wasm32 target
# and wasm-bindgen-cli (build.sh), npm packages, Debian's chromium.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

start=$SECONDS
step() { printf '\n== js: %s (at %ss)\n' "$*" "$((SECONDS - start))"; }

step "build the package (build.sh)"
bash "$here/build.sh" --quiet

step "size (size.sh)"
bash "$here/size.sh"

step "npm ci"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

step "the native command line, to compare with"
cargo build --locked --quiet -p refund-policy-cli

step "Node.js tests"
(cd "$here" && node --test test/node/)

if ! command -v chromium >/dev/null 2>&1; then
  step "install chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

step "browser test (headless Chromium)"
(cd "$here" && node --test test/browser/)

printf '\njs passed in %ss\n' "$((SECONDS - start))"
