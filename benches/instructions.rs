//! One case, decided many times, for an instruction counter: `valgrind --tool=callgrind` on
//! this binary gives each of `floor_once`, `decide_once` and `report_once` its instructions per
//! call, which a loaded machine does not skew the way it skews time.
//!
//! `cargo bench --no-run --bench instructions`, then
//! `valgrind --tool=callgrind target/release/deps/instructions-* CASE` (CASE: the index of one
//! of the timed cases, 0 to 5), and `callgrind_annotate --inclusive=yes` on its output.
//!
//! With `batch` for CASE it decides every PortOne V2 example case (the varied batch of
//! `benches/decide.rs`, once through) a hundred times in `decide_batch_once`, dropping each
//! decision as the timed batch does, and as many times by hand in `floor_batch_once`: each
//! one's instructions divided by the decisions made.

#![allow(
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark stops on broken inputs and says how many decisions a pass makes"
)]
#![allow(clippy::disallowed_methods, reason = "a benchmark reads its arguments")]

#[path = "floor/mod.rs"]
mod floor;

use floor::cases::{self, Case};
use refund_policy::Engine;
use refund_policy::messages::Lang;
use std::hint::black_box;

/// Calls of each function; enough that the first call's warm-up does not show.
const RUNS: usize = 1_000;

#[inline(never)]
fn floor_once(case: &Case) -> floor::Verdict {
    floor::decide(
        black_box(&case.payment),
        black_box(&case.request),
        black_box(&case.merchant),
        black_box(case.now),
    )
}

#[inline(never)]
fn decide_once(engine: &Engine, case: &Case) -> refund_policy::Decision {
    engine.decide(
        black_box(&case.payment),
        black_box(&case.request),
        black_box(&case.merchant),
        black_box(case.now),
    )
}

#[inline(never)]
fn screen_once(engine: &Engine, case: &Case) -> refund_policy::Screening {
    engine.screen(
        black_box(&case.payment),
        black_box(&case.request),
        black_box(&case.merchant),
        black_box(case.now),
    )
}

#[inline(never)]
fn report_once(engine: &Engine, case: &Case, out: &mut String) {
    out.clear();
    let decision = decide_once(engine, case);
    decision
        .report(Lang::Ko)
        .write_json(out)
        .expect("a report writes");
}

/// Every case decided once by hand: the floor of the varied batch.
#[inline(never)]
fn floor_batch_once(batch: &[Case]) -> usize {
    batch
        .iter()
        .filter(|case| floor_once(case).is_allowed())
        .count()
}

/// Every case decided once, each decision dropped: what the varied batch times.
#[inline(never)]
fn decide_batch_once(engine: &Engine, batch: &[Case]) -> usize {
    batch
        .iter()
        .filter(|case| decide_once(engine, case).is_allowed())
        .count()
}

/// Every case screened once: the varied batch with reason codes alone.
#[inline(never)]
fn screen_batch_once(engine: &Engine, batch: &[Case]) -> usize {
    batch
        .iter()
        .filter(|case| screen_once(engine, case).is_allowed())
        .count()
}

fn main() {
    let engine = Engine::builtin().expect("the built-in policies load");
    let argument = std::env::args().nth(1);
    if argument.as_deref() == Some("batch") {
        let batch = cases::examples();
        // Built on first use, outside the counted function: the calendar, its index.
        let allowed = batch
            .iter()
            .filter(|case| {
                engine
                    .decide(&case.payment, &case.request, &case.merchant, case.now)
                    .is_allowed()
            })
            .count();
        println!("{} decisions a pass, {allowed} allowed", batch.len());
        for _ in 0..RUNS / 10 {
            black_box(floor_batch_once(&batch));
            black_box(decide_batch_once(engine, &batch));
            black_box(screen_batch_once(engine, &batch));
        }
        return;
    }
    let index: usize = argument.and_then(|arg| arg.parse().ok()).unwrap_or(0);
    let all = cases::all();
    let case = all.get(index).expect("a case index");
    let mut out = String::with_capacity(4096);
    // What is built on first use (the business-day calendar) is built here, outside the
    // counted functions.
    black_box(engine.decide(&case.payment, &case.request, &case.merchant, case.now));
    for _ in 0..RUNS {
        black_box(floor_once(case));
        black_box(decide_once(engine, case));
        black_box(screen_once(engine, case));
        report_once(engine, case, &mut out);
        black_box(&out);
    }
}
