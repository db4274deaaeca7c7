//! Decisions per second through `refund-policy decide --batch`, as a service in another
//! language sees them: JSON lines written to the process, answers read back.
//!
//! Run with `cargo bench -p refund-policy-cli --bench batch`. `stream` keeps one process open
//! across iterations, as a service does; `process per batch` starts one for every batch, so it
//! includes start-up and loading the policies.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark stops on broken inputs"
)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// Lines per batch.
const LINES: usize = 1_000;

/// A mix of what a refund service sends: normalized payments allowed and denied, a merchant
/// with contracts, and a PortOne V2 payment object with its cancel body.
fn lines() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let fixture = |path: &str| {
        let text =
            std::fs::read_to_string(format!("{root}/tests/fixtures/{path}")).expect("a fixture");
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        serde_json::to_string(&value).expect("JSON")
    };
    let mobile = r#"{"provider":"portone_v2","pg":"kcp_v2","method":"mobile","status":"paid","amount":{"total":10000},"paid_at":"2026-01-31T23:30:00+09:00"}"#;
    let kinds = [
        format!(
            r#"{{"payment":{mobile},"request":{{"reason":"고객 요청"}},"now":"2026-01-31T23:50:00+09:00"}}"#
        ),
        format!(
            r#"{{"payment":{mobile},"request":{{"reason":"고객 요청"}},"now":"2026-02-01T00:10:00+09:00"}}"#
        ),
        format!(
            r#"{{"payment":{mobile},"request":{{"reason":"고객 요청"}},"merchant":{{"contracts":["mobile_next_month_refund"]}},"now":"2026-02-01T00:10:00+09:00"}}"#
        ),
        format!(
            r#"{{"payment":{},"payment_format":"portone_v2","request":{},"request_format":"portone_v2","now":"2026-03-10T10:00:00+09:00"}}"#,
            fixture("portone_v2/card-paid.json"),
            fixture("portone_v2/card-paid.cancel-partial.json"),
        ),
    ];
    kinds
        .iter()
        .cycle()
        .take(LINES)
        .enumerate()
        .map(|(i, kind)| format!("{{\"id\":{i},{}\n", kind.trim_start_matches('{')))
        .collect()
}

fn spawn() -> Child {
    Command::new(env!("CARGO_BIN_EXE_refund-policy"))
        .args(["decide", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary runs")
}

/// Writes every line while reading as many answers, so neither pipe fills up.
fn exchange(stdin: &mut ChildStdin, stdout: &mut BufReader<ChildStdout>, lines: &[String]) {
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for line in lines {
                stdin.write_all(line.as_bytes()).expect("writes");
            }
            stdin.flush().expect("flushes");
        });
        let mut answer = String::new();
        for _ in lines {
            answer.clear();
            stdout.read_line(&mut answer).expect("reads");
            if !answer.starts_with("{\"id\":") || answer.contains("\"error\"") {
                panic!("not a decision: {answer}");
            }
        }
    });
}

fn batch(c: &mut Criterion) {
    let lines = lines();
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(
        u64::try_from(lines.len()).expect("a count"),
    ));

    let mut child = spawn();
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    group.bench_function("stream", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                let start = Instant::now();
                exchange(&mut stdin, &mut stdout, &lines);
                spent = spent.saturating_add(start.elapsed());
            }
            spent
        });
    });
    drop(stdin);
    child.wait().expect("the stream ends");

    group.bench_function("process per batch", |b| {
        b.iter(|| {
            let mut child = spawn();
            let mut stdin = child.stdin.take().expect("stdin");
            let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
            exchange(&mut stdin, &mut stdout, &lines);
            drop(stdin);
            child.wait().expect("the process ends");
        });
    });
    group.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
