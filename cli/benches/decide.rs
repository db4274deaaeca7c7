//! `refund-policy decide` end to end, as a shell script or a service starting one process per
//! refund sees it: the process starts, reads its files, loads what it needs of the built-in
//! policies, decides and prints. `--version` is the same process doing nothing, the floor under
//! every command.
//!
//! Run with `cargo bench -p refund-policy-cli --bench decide`. On a machine shared with other
//! work the mean moves with the load; criterion's lower bound and the instruction counts
//! DESIGN.md gives ("Performance", "Loading") are the steadier figures.

#![allow(clippy::expect_used, reason = "a benchmark stops on broken inputs")]

use criterion::{Criterion, criterion_group, criterion_main};
use std::process::{Command, Stdio};

/// The examples of the README, from the workspace root.
const QUICKSTART: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/quickstart");

/// PortOne V2's own payment and cancel objects, from the adapters' fixtures.
const PORTONE_V2: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/portone_v2");

/// Runs the binary with `args` and checks that it succeeded.
fn run(args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_refund-policy"))
        .args(args)
        .stdout(Stdio::null())
        .status()
        .expect("the binary runs");
    assert!(
        status.success(),
        "`refund-policy {}` failed",
        args.join(" ")
    );
}

fn decide(c: &mut Criterion) {
    let file = |name: &str| format!("{QUICKSTART}/{name}");
    let (payment, request) = (file("payment.yaml"), file("request.yaml"));
    let (account, merchant) = (file("request-to-account.yaml"), file("merchant.yaml"));
    let now = "2026-02-01T00:10:00+09:00";
    let mut group = c.benchmark_group("process");
    group.bench_function("--version", |b| b.iter(|| run(&["--version"])));
    let plain = [
        "decide",
        "--payment",
        &payment,
        "--request",
        &request,
        "--now",
        now,
    ];
    group.bench_function("decide", |b| b.iter(|| run(&plain)));
    let contracted = [
        "decide",
        "--payment",
        &payment,
        "--request",
        &account,
        "--merchant",
        &merchant,
        "--now",
        now,
        "--format",
        "text",
    ];
    group.bench_function("decide with a merchant, as text", |b| {
        b.iter(|| run(&contracted));
    });
    // An allowed card refund: its processing-time note reads the business-day calendar too.
    let (card, cancel) = (
        format!("{PORTONE_V2}/card-paid.json"),
        format!("{PORTONE_V2}/card-paid.cancel-partial.json"),
    );
    let card_refund = [
        "decide",
        "--payment",
        &card,
        "--payment-format",
        "portone_v2",
        "--request",
        &cancel,
        "--request-format",
        "portone_v2",
        "--now",
        "2026-03-10T10:00:00+09:00",
    ];
    group.bench_function("decide a card refund from PortOne objects", |b| {
        b.iter(|| run(&card_refund));
    });
    group.finish();
}

criterion_group!(benches, decide);
criterion_main!(benches);
