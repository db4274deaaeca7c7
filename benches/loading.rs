//! What loading costs: the built-in policies, all four together (from their YAML as a caller's
//! files load, and through the built-in set, which decodes the trees the build script wrote)
//! and each on first use, and how
//! loading grows with the size of a policy: 1,000 to 8,000 `at_pg` entries, spread over scopes
//! of at most `MAX_PG_ENTRIES` each, as a generated policy might be. Every size loads (the setup
//! checks it), so the times compare whole loads; they should about double from one size to the
//! next.
//!
//! Run with `cargo bench --bench loading` (`-- load_builtin` for the built-in policies alone).
//! For an instruction counter, which a loaded machine does not skew: `cargo bench --no-run
//! --bench loading`, then `valgrind --tool=callgrind target/release/deps/loading-HASH once
//! WHAT`, where WHAT is `all` (the four built-in files, loaded together from their YAML),
//! `builtin` (the built-in set compiling all four), a provider id (`portone_v2`: the built-in
//! set answering for that provider, which compiles its file) or `none` (the process alone, to
//! subtract).

#![allow(
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    reason = "a benchmark stops on a policy that does not load, and sizes its inputs"
)]

use criterion::{BenchmarkId, Criterion, Throughput};
use refund_policy::input::limits;
use refund_policy::model::Provider;
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

/// The four built-in files, loaded together, as `PolicySet::load` loads a caller's files.
fn load_all_builtin() -> PolicySet {
    let sources: Vec<PolicySource<'_>> = refund_policy::policy::builtin_sources().collect();
    PolicySet::load(black_box(&sources)).expect("the built-in policies load")
}

/// A new built-in set compiling every provider's policy, as a question about all of them does.
fn builtin_all() -> usize {
    let set = PolicySet::builtin();
    Provider::ALL
        .into_iter()
        .filter(|&provider| set.policy_id(black_box(provider)).is_some())
        .count()
}

/// A new built-in set answering for `provider`, which compiles that provider's file alone.
fn builtin_on_first_use(provider: Provider) -> bool {
    let set = PolicySet::builtin();
    set.policy_id(black_box(provider)).is_some()
}

fn builtin(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_builtin");
    group.bench_function("all four", |b| b.iter(load_all_builtin));
    assert_eq!(
        builtin_all(),
        Provider::ALL.len(),
        "every provider has a policy"
    );
    group.bench_function("all four, built-in set", |b| b.iter(builtin_all));
    for provider in Provider::ALL {
        assert!(
            builtin_on_first_use(provider),
            "{provider} has a built-in policy"
        );
        group.bench_function(format!("{provider} on first use"), |b| {
            b.iter(|| builtin_on_first_use(provider));
        });
    }
    group.finish();
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

/// `once WHAT`: one load for an instruction counter (see the top of the file).
fn once(what: &str) {
    match what {
        "none" => {}
        "all" => {
            black_box(load_all_builtin());
        }
        "builtin" => assert_eq!(builtin_all(), Provider::ALL.len()),
        id => {
            let provider = Provider::ALL
                .into_iter()
                .find(|p| p.id() == id)
                .expect("`once` takes `all`, `builtin`, `none` or a provider id");
            assert!(builtin_on_first_use(provider));
        }
    }
}

fn main() {
    #[allow(clippy::disallowed_methods, reason = "a benchmark reads its arguments")]
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "once") {
        once(args.get(at + 1).map_or("all", String::as_str));
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    builtin(&mut criterion);
    loading(&mut criterion);
    criterion.final_summary();
}
