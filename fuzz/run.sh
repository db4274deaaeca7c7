#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each (default 60), seeded from the
# repository's policies, fixtures, examples and every regression input kept so far.
#
#   bash fuzz/run.sh [SECONDS] [TARGET...]
#   FUZZ_RUNS=10000000 FUZZ_JOBS=8 bash fuzz/run.sh 0      # ten million inputs a target, 8 processes
#
# FUZZ_RUNS stops each target after that many inputs instead of a time (SECONDS 0: no time
# limit); FUZZ_JOBS runs that many fuzzing processes per target, sharing its corpus, each taking
# its share of FUZZ_RUNS (libFuzzer writes their output to fuzz-<n>.log here). On the project's
# shared 2-core machine the targets run 60 to 1,500 inputs a second, so a run of millions is for
# a larger machine.
# Needs nightly and cargo-fuzz (`cargo install cargo-fuzz`). A run stops a target at its first
# crash, at an input slower than 1 s, or at 512 MB of memory; libFuzzer prints the input's path
# under fuzz/artifacts/<target>/. Keep every such input: copy it to tests/regressions/<target>/
# with a name that says what it found, fix the cause, and `cargo test --test regressions`
# replays it from then on (on stable, without the fuzzer).
set -euo pipefail
cd "$(dirname "$0")"
root=..
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(policy_load input_payment input_request input_merchant adapter_payment adapter_request decide options)
fi

# The adapters' first byte picks the format: Format::ALL order.
format_byte() {
    case "$1" in
        portone_v2) printf '\001' ;;
        portone_v1) printf '\002' ;;
        bootpay) printf '\003' ;;
        toss_payments) printf '\004' ;;
    esac
}

seed() {
    local target=$1 dir=seeds/$1
    rm -rf "$dir" && mkdir -p "$dir"
    case "$target" in
        policy_load)
            cp "$root"/policies/*.yaml "$root"/tests/broken-policies/*.yaml "$dir"/ ;;
        input_payment)
            cp "$root"/examples/quickstart/payment.yaml "$dir"/
            # Case files hold a payment, a request and more: text the readers must refuse well.
            for f in "$root"/examples/cases/*/*.yaml; do
                cp "$f" "$dir/case-$(basename "$(dirname "$f")")-$(basename "$f")"
            done
            for f in "$root"/tests/fixtures/*/*.expected.yaml; do
                case "$f" in *.cancel-*) ;; *) cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")" ;; esac
            done ;;
        input_request)
            cp "$root"/examples/quickstart/request*.yaml "$dir"/
            for f in "$root"/tests/fixtures/*/*.cancel-*.expected.yaml; do
                cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"
            done ;;
        input_merchant)
            cp "$root"/examples/quickstart/merchant.yaml "$dir"/ ;;
        adapter_payment | adapter_request)
            for f in "$root"/tests/fixtures/*/*.json; do
                local provider kind=payment
                provider=$(basename "$(dirname "$f")")
                case "$f" in *.cancel-*) kind=request ;; esac
                if [ "adapter_$kind" = "$target" ]; then
                    { format_byte "$provider"; cat "$f"; } > "$dir/$provider-$(basename "$f")"
                fi
            done ;;
    esac
    if [ -d "$root/tests/regressions/$target" ]; then
        cp "$root/tests/regressions/$target"/* "$dir"/ 2>/dev/null || true
    fi
}

jobs=${FUZZ_JOBS:-1}
limits=(-max_total_time="$seconds")
if [ -n "${FUZZ_RUNS:-}" ]; then
    limits+=(-runs=$(( (FUZZ_RUNS + jobs - 1) / jobs )))
fi
if [ "$jobs" -gt 1 ]; then
    limits+=(-jobs="$jobs" -workers="$jobs")
fi

for target in "${targets[@]}"; do
    seed "$target"
    mkdir -p "corpus/$target"
    echo "== $target: ${seconds}s, ${FUZZ_RUNS:-unlimited} inputs, $jobs process(es)"
    cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
        "${limits[@]}" -timeout=1 -rss_limit_mb=512 -max_len=65536 \
        -dict=refund-policy.dict -report_slow_units=1 -print_final_stats=1
done
