//! How many heap allocations, and how many bytes, one decision makes, for each timed case: the
//! floor, the engine, and the engine with its JSON report.
//!
//! Run with `cargo bench --bench allocations`. The workspace forbids `unsafe` code, which a
//! global allocator of our own needs, so `stats_alloc` counts: it wraps the system allocator
//! and adds up calls and bytes in atomics. Each figure is the change over many decisions,
//! divided by their number, after one decision that warms up whatever is built once.

#![allow(
    clippy::expect_used,
    clippy::print_stdout,
    clippy::arithmetic_side_effects,
    reason = "a benchmark stops on broken inputs, prints its figures, and divides its counts"
)]

#[path = "floor/mod.rs"]
mod floor;

use floor::cases::{self, Case};
use refund_policy::Engine;
use refund_policy::messages::Lang;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;
use std::hint::black_box;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Decisions per measurement; the counts are the same for every decision of a case.
const RUNS: usize = 1_000;

/// Calls to `alloc` and `realloc`, and bytes asked for, per run of `f`.
struct PerRun {
    allocations: usize,
    reallocations: usize,
    bytes: usize,
}

fn per_run<T>(mut f: impl FnMut() -> T) -> PerRun {
    black_box(f());
    let region = Region::new(GLOBAL);
    for _ in 0..RUNS {
        black_box(f());
    }
    let change = region.change();
    PerRun {
        allocations: change.allocations / RUNS,
        reallocations: change.reallocations / RUNS,
        bytes: change.bytes_allocated / RUNS,
    }
}

fn row(what: &str, counts: &PerRun) {
    println!(
        "  {what:<22} {:>12} {:>10} {:>10}",
        counts.allocations, counts.reallocations, counts.bytes
    );
}

fn main() {
    let engine = Engine::builtin().expect("the built-in policies load");
    println!("per decision (mean over {RUNS}):");
    println!(
        "  {:<22} {:>12} {:>10} {:>10}",
        "", "allocations", "reallocs", "bytes"
    );
    let batch = cases::examples();
    let screened = per_run(|| {
        for case in &batch {
            black_box(engine.screen(&case.payment, &case.request, &case.merchant, case.now));
        }
    });
    let decided = per_run(|| {
        for case in &batch {
            black_box(engine.decide(&case.payment, &case.request, &case.merchant, case.now));
        }
    });
    println!(
        "the {} cases of the varied batch, once each: engine {} allocations, screening {}",
        batch.len(),
        decided.allocations,
        screened.allocations
    );
    for case in cases::all().iter().take(cases::TIMED) {
        let Case {
            payment,
            request,
            merchant,
            now,
            ..
        } = case;
        println!("{}", case.name);
        row(
            "floor",
            &per_run(|| floor::decide(payment, request, merchant, *now)),
        );
        row(
            "engine",
            &per_run(|| engine.decide(payment, request, merchant, *now)),
        );
        row(
            "engine, screening",
            &per_run(|| engine.screen(payment, request, merchant, *now)),
        );
        let mut out = String::new();
        row(
            "engine + JSON report",
            &per_run(|| {
                out.clear();
                let decision = engine.decide(payment, request, merchant, *now);
                let report = decision.report(Lang::Ko);
                report.write_json(&mut out).expect("a report writes");
            }),
        );
        row(
            "+ serde_json::to_vec",
            &per_run(|| {
                let decision = engine.decide(payment, request, merchant, *now);
                serde_json::to_vec(&decision.report(Lang::Ko)).expect("a report serializes")
            }),
        );
    }
}
