//! How long a decision takes next to the same checks written by hand, what its JSON report
//! adds, how many decisions a second a varied batch gets, and how long loading takes.
//!
//! Run with `cargo bench --bench decide`. Criterion times every case; a summary pass at the
//! end times them again side by side and prints the ratios (engine / floor, report /
//! decision). The floor is `benches/floor/`: PortOne V2's rules as `if`s, checked against the
//! engine by `tests/floor.rs`. Loading is kept out of the decision benches: an engine is built
//! once and shared, as a refund service would do.

#![allow(
    clippy::expect_used,
    clippy::print_stdout,
    clippy::arithmetic_side_effects,
    reason = "a benchmark stops on broken inputs, prints its summary, and adds up its timings"
)]
#![allow(
    clippy::disallowed_methods,
    reason = "a benchmark reads the clock, its arguments and the example case files"
)]

#[path = "floor/mod.rs"]
mod floor;

use criterion::{BenchmarkId, Criterion, Throughput};
use floor::cases::{self, Case};
use refund_policy::messages::Lang;
use refund_policy::{Engine, PolicySet};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Decisions in the varied batch.
const BATCH: usize = 100_000;

fn engine() -> &'static Engine {
    Engine::builtin().expect("the built-in policies load")
}

// Each way of deciding is one call that is never inlined, so all three pay the same call and
// a profiler can tell them apart.
#[inline(never)]
fn decide(engine: &Engine, case: &Case) -> refund_policy::Decision {
    engine.decide(
        black_box(&case.payment),
        black_box(&case.request),
        black_box(&case.merchant),
        black_box(case.now),
    )
}

#[inline(never)]
fn screen(engine: &Engine, case: &Case) -> refund_policy::Screening {
    engine.screen(
        black_box(&case.payment),
        black_box(&case.request),
        black_box(&case.merchant),
        black_box(case.now),
    )
}

#[inline(never)]
fn decide_by_hand(case: &Case) -> floor::Verdict {
    floor::decide(
        black_box(&case.payment),
        black_box(&case.request),
        black_box(&case.merchant),
        black_box(case.now),
    )
}

/// The decision and its JSON report, as a service answering over HTTP would build them: in a
/// buffer it keeps between refunds, with `Report::write_json`.
#[inline(never)]
fn decide_and_report(engine: &Engine, case: &Case, out: &mut String) -> usize {
    out.clear();
    let decision = decide(engine, case);
    decision
        .report(Lang::Ko)
        .write_json(out)
        .expect("a report writes");
    out.len()
}

/// The same through serde (`serde_json::to_vec`), the way for a caller who does not keep a
/// buffer or wants another format.
#[inline(never)]
fn decide_and_serialize(engine: &Engine, case: &Case) -> Vec<u8> {
    let decision = decide(engine, case);
    serde_json::to_vec(&decision.report(Lang::Ko)).expect("a report serializes")
}

/// The timed cases: floor, engine, and engine with its report, in one group per case.
fn timed_cases(c: &mut Criterion) {
    let engine = engine();
    for case in cases::all().iter().take(cases::TIMED) {
        let mut group = c.benchmark_group(case.name);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(3));
        group.bench_function("floor", |b| b.iter(|| decide_by_hand(case)));
        group.bench_function("engine", |b| b.iter(|| decide(engine, case)));
        group.bench_function("engine + JSON report", |b| {
            let mut out = String::new();
            b.iter(|| decide_and_report(engine, case, &mut out))
        });
        group.bench_function("engine + serde_json::to_vec", |b| {
            b.iter(|| decide_and_serialize(engine, case))
        });
        group.finish();
    }
}

/// The PortOne V2 example cases, repeated to [`BATCH`] decisions, each with inputs of its own.
fn batch() -> Vec<Case> {
    let examples = cases::examples();
    examples.iter().cycle().take(BATCH).cloned().collect()
}

fn decide_batch(engine: &Engine, batch: &[Case]) -> usize {
    batch
        .iter()
        .filter(|case| decide(engine, case).is_allowed())
        .count()
}

/// The batch screened: the verdict and reason codes of each, what the floor answers.
fn screen_batch(engine: &Engine, batch: &[Case]) -> usize {
    batch
        .iter()
        .filter(|case| screen(engine, case).is_allowed())
        .count()
}

fn decide_batch_by_hand(batch: &[Case]) -> usize {
    batch
        .iter()
        .filter(|case| decide_by_hand(case).is_allowed())
        .count()
}

fn varied_batch(c: &mut Criterion, batch: &[Case]) {
    let engine = engine();
    let mut group = c.benchmark_group("varied batch");
    group.sample_size(10);
    group.throughput(Throughput::Elements(
        u64::try_from(batch.len()).expect("a batch size"),
    ));
    group.bench_with_input(BenchmarkId::new("floor", batch.len()), batch, |b, batch| {
        b.iter(|| decide_batch_by_hand(batch))
    });
    group.bench_with_input(
        BenchmarkId::new("engine", batch.len()),
        batch,
        |b, batch| b.iter(|| decide_batch(engine, batch)),
    );
    group.bench_with_input(
        BenchmarkId::new("engine, screening", batch.len()),
        batch,
        |b, batch| b.iter(|| screen_batch(engine, batch)),
    );
    group.finish();
}

fn loading(c: &mut Criterion) {
    let sources: Vec<_> = refund_policy::policy::builtin_sources().collect();
    c.bench_function("load the built-in policies", |b| {
        b.iter(|| PolicySet::load(black_box(&sources)).expect("loads"))
    });
}

/// Rounds of each figure in the summary; the least of them is the one least disturbed by other
/// work on the machine.
const ROUNDS: usize = 15;

/// How many calls of `f` take at least 50 ms: one round.
fn calls_per_round<T>(mut f: impl FnMut() -> T) -> u32 {
    let mut calls: u32 = 1;
    loop {
        let start = Instant::now();
        for _ in 0..calls {
            black_box(f());
        }
        if start.elapsed() >= Duration::from_millis(50) {
            return calls;
        }
        calls = calls.saturating_mul(2);
    }
}

/// The time per call of one round of `calls` calls of `f`.
fn round<T>(calls: u32, mut f: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    for _ in 0..calls {
        black_box(f());
    }
    start.elapsed() / calls
}

/// The least time per call of each of `fs` over [`ROUNDS`] rounds, taken in turn (one round of
/// each, then the next), so that what else the machine does weighs on all of them alike and
/// their ratios hold better than their times.
fn least_per_call<const N: usize>(mut fs: [&mut dyn FnMut(); N]) -> [Duration; N] {
    let calls = fs.each_mut().map(|f| calls_per_round(&mut **f));
    let mut least = [Duration::MAX; N];
    for _ in 0..ROUNDS {
        for ((f, calls), least) in fs.iter_mut().zip(calls).zip(least.iter_mut()) {
            *least = (*least).min(round(calls, &mut **f));
        }
    }
    least
}

fn nanos(d: Duration) -> f64 {
    d.as_secs_f64() * 1e9
}

/// The timed cases again, side by side in one pass, with the ratios criterion does not print.
fn summary(batch: &[Case]) {
    let engine = engine();
    println!(
        "\nSummary (least time per call over {ROUNDS} rounds taken in turn; report = with report − decision)"
    );
    println!(
        "{:<28} {:>10} {:>10} {:>15} {:>14} {:>16}",
        "case", "floor ns", "engine ns", "+ report ns", "engine/floor", "report/decision"
    );
    for case in cases::all().iter().take(cases::TIMED) {
        let mut out = String::new();
        let [by_hand, decision, reported] = least_per_call([
            &mut || {
                black_box(decide_by_hand(case));
            },
            &mut || {
                black_box(decide(engine, case));
            },
            &mut || {
                black_box(decide_and_report(engine, case, &mut out));
            },
        ])
        .map(nanos);
        println!(
            "{:<28} {by_hand:>10.0} {decision:>10.0} {reported:>15.0} {:>14.1} {:>16.1}",
            case.name,
            decision / by_hand,
            (reported - decision) / decision,
        );
    }
    let count = f64::from(u32::try_from(batch.len()).expect("a batch size"));
    let [by_hand, decisions, screenings] = least_per_call([
        &mut || {
            black_box(decide_batch_by_hand(batch));
        },
        &mut || {
            black_box(decide_batch(engine, batch));
        },
        &mut || {
            black_box(screen_batch(engine, batch));
        },
    ])
    .map(|d| d.as_secs_f64());
    println!(
        "varied batch of {} PortOne V2 decisions: floor {:.0} decisions/s, engine {:.0} decisions/s ({:.1}x)",
        batch.len(),
        count / by_hand,
        count / decisions,
        decisions / by_hand,
    );
    println!(
        "the same batch screened (verdict and reason codes, as the floor answers): engine {:.0} screenings/s ({:.1}x)",
        count / screenings,
        screenings / by_hand,
    );
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    let batch = batch();
    timed_cases(&mut criterion);
    varied_batch(&mut criterion, &batch);
    loading(&mut criterion);
    criterion.final_summary();
    // Nothing worth a summary runs under `cargo test --benches` or `--list`, and a profiler
    // (`--profile-time`) wants the benchmarks alone.
    let skip = ["--test", "--list", "--profile-time"];
    if !std::env::args().any(|arg| skip.contains(&arg.as_str())) {
        summary(&batch);
    }
}
