//! Property tests: the invariants the crate promises, checked on generated payments, requests,
//! merchant profiles, instants and policies.
//!
//! 1. An allowed refund never exceeds the balance, nor its tax-free part the tax-free balance;
//!    `remaining_after == balance − amount` and `partial == (0 < amount < balance)` always
//!    (`amounts`).
//! 2. Applying allowed refunds one after another never refunds more than the total, and a
//!    request for exactly the remainder is a full cancel (`amounts`).
//! 3. Every reason and note names a loaded rule, reasons come in the documented order of
//!    checks, `MANUAL_REFUND` is noted exactly when a reason says the provider cannot refund
//!    (and then no fee, delay or asynchronous note), and the evaluation semantics of contract
//!    §4.1 hold (`rules`).
//! 4. Deadlines and month rules are monotone in time, and agree with a reference computed in
//!    +09:00 by hand (`timing`).
//! 5. Decisions do not depend on the order of policy files, of list items and map entries in
//!    them, nor on the offset instants are written in (`order`).
//! 6. Adding a restriction to a policy never turns a deny into an allow, nor takes a reason
//!    away: for the built-in policies and for generated ones (`restrictions`).
//! 7. Loading never panics, and every policy document serialized with `serde_saphyr` loads
//!    back to the same document and the same decisions (`loading`).
//! 8. Refund options and decisions agree: a request built from the options is allowed, one
//!    over `max_amount` or partial where the options say full only is denied, and when nothing
//!    is refundable every request is denied with the blocking reasons among its own
//!    (`options`).
//! 9. A screening is the decision's verdict and reason codes, in the decision's order
//!    (`screening`).
//!
//! The generators are in `properties/inputs.rs` (decision inputs) and `properties/documents.rs`
//! (policy documents).
//!
//! **Case counts.** `REFUND_POLICY_PROPTEST_CASES=N` sets how many cases each property runs:
//! the properties that only decide run `N` cases (default 256), those that load a policy set
//! for every case run `N / 8` (default 32), each checking several inputs per set. The
//! defaults keep `cargo test --test properties` to well under a minute in the dev profile;
//! raise `N` for a deeper search (`REFUND_POLICY_PROPTEST_CASES=4096 cargo test --release
//! --test properties`). Failures are not persisted to files: a failing case is printed shrunk,
//! and belongs in a regression test next to its property.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests stop at the first broken expectation"
)]
#![allow(
    clippy::disallowed_methods,
    reason = "the case count comes from the environment; the library itself reads none"
)]

#[path = "properties/amounts.rs"]
mod amounts;
#[path = "properties/checks.rs"]
mod checks;
#[path = "properties/documents.rs"]
mod documents;
#[path = "properties/inputs.rs"]
mod inputs;
#[path = "properties/loading.rs"]
mod loading;
#[path = "properties/options.rs"]
mod options;
#[path = "properties/order.rs"]
mod order;
#[path = "properties/restrictions.rs"]
mod restrictions;
#[path = "properties/rules.rs"]
mod rules;
#[path = "properties/screening.rs"]
mod screening;
#[path = "properties/timing.rs"]
mod timing;

use proptest::test_runner::Config;
use refund_policy::{Decision, Engine};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The environment variable that sets the number of cases.
const CASES_VARIABLE: &str = "REFUND_POLICY_PROPTEST_CASES";

/// How expensive a property's cases are.
#[derive(Debug, Clone, Copy)]
enum Cost {
    /// A case makes a few decisions.
    Decide,
    /// A case loads a policy set, then decides.
    Load,
}

/// The proptest configuration for a property of this cost.
fn config(cost: Cost) -> Config {
    let cases = std::env::var(CASES_VARIABLE)
        .ok()
        .and_then(|text| text.trim().parse::<u32>().ok())
        .unwrap_or(256);
    let cases = match cost {
        Cost::Decide => cases,
        Cost::Load => (cases / 8).max(1),
    };
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// The engine over the built-in policies.
fn builtin() -> &'static Engine {
    Engine::builtin().expect("the built-in policies load")
}

/// Every rule id a loaded set can name.
fn rule_ids(engine: &Engine) -> BTreeSet<String> {
    engine
        .policies()
        .rule_ids()
        .map(|id| id.as_str().to_owned())
        .collect()
}

/// The rule ids of the built-in policies.
fn builtin_rule_ids() -> &'static BTreeSet<String> {
    static IDS: OnceLock<BTreeSet<String>> = OnceLock::new();
    IDS.get_or_init(|| rule_ids(builtin()))
}

/// Decides `input` with `engine`.
fn decide(engine: &Engine, input: &inputs::Input) -> Decision {
    engine.decide(&input.payment, &input.request, &input.merchant, input.now)
}
