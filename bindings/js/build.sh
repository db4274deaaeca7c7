#!/usr/bin/env bash
# Builds the package: the crate to WebAssembly, then wasm-bindgen's JavaScript glue into pkg/.
# Installs what is missing: the wasm32 target, and wasm-bindgen-cli at the version Cargo.toml pins.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

# The CLI must match the `wasm-bindgen` crate exactly, or the glue does not fit the module.
version="$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' "$here/Cargo.toml")"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $version" ]; then
  # A debug build of the CLI compiles in a fraction of the time and is fast enough for one
  # small module. Without default features it leaves out the TLS stack (rustls, ring) that only
  # its test runner's downloads use: about 1.5 minutes of CPU instead of several.
  cargo install wasm-bindgen-cli --version "=$version" --locked --debug --no-default-features --force
fi

# Size matters more than speed here: optimize for size, one codegen unit, link-time
# optimization, no unwinding. Set here rather than in the workspace profile, which native
# builds share.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=z
export CARGO_PROFILE_RELEASE_LTO=true
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export CARGO_PROFILE_RELEASE_PANIC=abort
export CARGO_PROFILE_RELEASE_DEBUG=false
export CARGO_PROFILE_RELEASE_STRIP=true
# Only the time zones policies use are compiled in (a regular expression over zone names); a
# custom policy in another zone needs it added here, else it does not load ("unknown time zone").
export CHRONO_TZ_TIMEZONE_FILTER="${REFUND_POLICY_TIME_ZONES:-^(Asia/Seoul|UTC)$}"
cargo build --locked --release --target wasm32-unknown-unknown -p refund-policy-js "$@"

rm -rf "$here/pkg"
wasm-bindgen --target web --weak-refs --out-dir "$here/pkg" \
  "$root/target/wasm32-unknown-unknown/release/refund_policy_js.wasm"
# The license texts the package declares travel with the module.
cp "$root/LICENSE-APACHE" "$root/LICENSE-MIT" "$here/pkg/"
