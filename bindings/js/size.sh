#!/usr/bin/env bash
# Reports the package's .wasm size, raw and gzipped (`gzip -9`), and fails when the gzipped size
# is over the 500 KB budget. Run bindings/js/build.sh first. DESIGN.md ("The WebAssembly
# package's size") says where the bytes go and what each past reduction saved.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
wasm="$here/pkg/refund_policy_js_bg.wasm"
budget=500000

if [ ! -f "$wasm" ]; then
  echo "error: \`$wasm\` does not exist (build the package with bindings/js/build.sh)" >&2
  exit 2
fi
raw=$(wc -c <"$wasm")
gzipped=$(gzip -9 -c "$wasm" | wc -c)
printf '%s: %d bytes, %d bytes gzipped (%d KB of the %d KB budget)\n' \
  "pkg/$(basename "$wasm")" "$raw" "$gzipped" "$((gzipped / 1000))" "$((budget / 1000))"
if [ "$gzipped" -gt "$budget" ]; then
  echo "error: the gzipped .wasm is $((gzipped - budget)) bytes over the $((budget / 1000)) KB budget" >&2
  exit 1
fi
