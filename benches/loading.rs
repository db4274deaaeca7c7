//! How loading grows with the size of a policy: 1,000 to 8,000 `at_pg` entries, spread over
//! scopes of at most `MAX_PG_ENTRIES` each, as a generated policy might be. Every size loads
//! (the setup checks it), so the times compare whole loads; they should about double from one
//! size to the next.
//!
//! Run with `cargo bench --bench loading`.

#![allow(
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    reason = "a benchmark stops on a policy that does not load, and sizes its inputs"
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use refund_policy::input::limits;
use refund_policy::{PolicySet, PolicySource};
use std::fmt::Write;
use std::hint::black_box;

/// A valid policy with room for `at_pg` maps: the `{top}`, `{card}`, `{virtual_account}` and
/// `{transfer}` marks.
const BASE: &str = concat!(
    r#"policy: generated
provider: toss_payments
time_zone: Asia/Seoul
sources:
  guide: { title: the provider's guide }
pgs:
  source: guide
  known: [{known}]
"#,
    include_str!("../tests/fixtures/policies/provider-errors.yaml"),
    r#"{top}methods:
  card:
    deadline: { within: 1 year, source: guide }
{card}  virtual_account:
    refund_account: { source: guide }
{virtual_account}  transfer:
    deadline: { within: 1 year, source: guide }
{transfer}"#
);

/// A policy with `entries` `at_pg` entries: as many PGs as one scope may name, each scope
/// naming all of them, in as many scopes as it takes.
fn policy(entries: usize) -> String {
    let pgs = entries.min(limits::MAX_PG_ENTRIES);
    let ids: Vec<String> = (0..pgs).map(|i| format!("pg_{i:05}")).collect();
    let scopes = entries.div_ceil(pgs);
    let at_pg = |indent: &str, filled: bool| {
        let mut text = String::new();
        if filled {
            writeln!(text, "{indent}at_pg:").expect("writes to a string");
            for id in &ids {
                writeln!(text, "{indent}  {id}: {{}}").expect("writes to a string");
            }
        }
        text
    };
    BASE.replace("{known}", &ids.join(", "))
        .replace("{top}", &at_pg("", scopes > 0))
        .replace("{card}", &at_pg("    ", scopes > 1))
        .replace("{virtual_account}", &at_pg("    ", scopes > 2))
        .replace("{transfer}", &at_pg("    ", scopes > 3))
}

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_at_pg_entries");
    group.sample_size(20);
    for entries in [1_000, 2_000, 4_000, 8_000] {
        let text = policy(entries);
        let sources = [PolicySource::new("generated.yaml", &text)];
        PolicySet::load(&sources).expect("the generated policy loads");
        group.throughput(Throughput::Elements(
            u64::try_from(entries).unwrap_or(u64::MAX),
        ));
        group.bench_with_input(BenchmarkId::from_parameter(entries), &sources, |b, s| {
            b.iter(|| PolicySet::load(black_box(s)));
        });
    }
    group.finish();
}

criterion_group!(benches, loading);
criterion_main!(benches);
