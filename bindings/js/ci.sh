#!/usr/bin/env bash
# CI for the JavaScript package: build it, hold it to its size budget, run its Node.js tests
# (the example cases decided, and their refund options, through the package agree with the
# native engine) and its browser test (the operator page in headless Chromium). Installs what is missing: the wasm32 target
# and wasm-bindgen-cli (build.sh), npm packages, Debian's chromium.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

start=$SECONDS
step() { printf '\n== js: %s (at %ss)\n' "$*" "$((SECONDS - start))"; }

step "build the package (build.sh)"
bash "$here/build.sh" --quiet

# Over the size budget fails CI, but only at the end: the tests still run and say whether the
# package works, which is what whoever shrinks it next needs to know.
step "size (size.sh)"
size_ok=true
bash "$here/size.sh" || size_ok=false

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

if [ "$size_ok" != true ]; then
  printf '\njs failed in %ss: the tests passed, the .wasm is over its size budget (see size.sh above)\n' "$((SECONDS - start))" >&2
  exit 1
fi
printf '\njs passed in %ss\n' "$((SECONDS - start))"
