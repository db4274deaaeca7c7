//! The benchmarks' floor — PortOne V2's rules written by hand — decides as the engine does, so
//! that the time it takes is the time of the same decisions.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "tests stop at the first broken expectation"
)]
#![allow(
    clippy::disallowed_methods,
    reason = "the test reads the example case files"
)]

#[path = "../benches/floor/mod.rs"]
mod floor;

use floor::cases::{self, Case};
use refund_policy::Engine;
use refund_policy::model::Provider;
use std::collections::BTreeSet;
use std::path::Path;

fn engine() -> &'static Engine {
    Engine::builtin().expect("the built-in policies load")
}

/// What the engine and the floor say of a case, or `None` when they agree.
fn disagreement(case: &Case) -> Option<String> {
    let decision = engine().decide(&case.payment, &case.request, &case.merchant, case.now);
    let verdict = floor::decide(&case.payment, &case.request, &case.merchant, case.now);
    let engine_codes: Vec<&str> = decision.reason_codes().iter().map(|c| c.as_str()).collect();
    let floor_codes: Vec<&str> = verdict.reasons().collect();
    let agree = decision.is_allowed() == verdict.is_allowed() && engine_codes == floor_codes;
    (!agree).then(|| {
        format!(
            "engine {} {engine_codes:?}, floor {floor_codes:?}",
            decision.verdict(),
        )
    })
}

#[test]
fn the_floor_decides_every_fixed_case_as_the_engine() {
    let all = cases::all();
    let names: BTreeSet<&str> = all.iter().map(|c| c.name).collect();
    assert_eq!(names.len(), all.len(), "case names are unique");
    let failures: Vec<String> = all
        .iter()
        .filter_map(|case| Some(format!("{}: {}", case.name, disagreement(case)?)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_timed_cases_decide_as_their_names_say() {
    let expected: [(&str, &[&str]); cases::TIMED] = [
        ("card partial, allowed", &[]),
        ("card full, allowed", &[]),
        ("virtual account, allowed", &[]),
        ("KakaoPay, unknown funding", &[]),
        (
            "mobile, 3 reasons",
            &[
                "MONTH_CHANGED",
                "PARTIAL_CANCEL_NOT_SUPPORTED",
                "REASON_REQUIRED",
            ],
        ),
        (
            "card, 3 reasons",
            &[
                "DEADLINE_PASSED",
                "PARTIAL_CANCEL_NOT_SUPPORTED",
                "REASON_REQUIRED",
            ],
        ),
    ];
    let all = cases::all();
    for (case, (name, codes)) in all.iter().zip(expected) {
        assert_eq!(case.name, name);
        let decision = engine().decide(&case.payment, &case.request, &case.merchant, case.now);
        let found: Vec<&str> = decision.reason_codes().iter().map(|c| c.as_str()).collect();
        assert_eq!(found, codes, "{name}");
    }
    // The unknown funding is what the KakaoPay case times: the engine notes its assumption.
    let kakaopay = all.get(3).expect("six timed cases");
    let decision = engine().decide(
        &kakaopay.payment,
        &kakaopay.request,
        &kakaopay.merchant,
        kakaopay.now,
    );
    let notes: Vec<&str> = decision.note_codes().iter().map(|c| c.as_str()).collect();
    assert_eq!(notes, ["FUNDING_ASSUMED"]);
}

#[test]
fn the_fixed_cases_reach_every_reason_the_floor_gives() {
    let mut found = BTreeSet::new();
    let mut allowed = 0;
    for case in cases::all() {
        let verdict = floor::decide(&case.payment, &case.request, &case.merchant, case.now);
        if verdict.is_allowed() {
            allowed += 1;
        }
        found.extend(verdict.reasons());
    }
    let every = BTreeSet::from([
        "INVALID_PAYMENT",
        "PAYMENT_NOT_PAID",
        "ALREADY_CANCELLED",
        "INVALID_AMOUNT",
        "AMOUNT_EXCEEDS_CANCELLABLE",
        "CANCELLABLE_AMOUNT_MISMATCH",
        "TAX_FREE_EXCEEDS_CANCELLABLE",
        "TAX_FREE_EXCEEDS_AMOUNT",
        "DUPLICATE_CANCEL_ID",
        "CANCELLATION_PENDING",
        "NO_POLICY",
        "REFUND_NOT_SUPPORTED",
        "DEADLINE_PASSED",
        "PAID_AT_MISSING",
        "MONTH_CHANGED",
        "OUTSIDE_CANCEL_HOURS",
        "PARTIAL_CANCEL_NOT_SUPPORTED",
        "PARTIAL_CANCEL_LIMIT_REACHED",
        "CONTRACT_REQUIRED",
        "REFUND_ACCOUNT_REQUIRED",
        "REFUND_ACCOUNT_INVALID",
        "REASON_REQUIRED",
    ]);
    let missing: Vec<&&str> = every.difference(&found).collect();
    assert!(missing.is_empty(), "no fixed case gives {missing:?}");
    assert!(allowed >= 15, "only {allowed} fixed cases are allowed");
}

#[test]
fn the_floor_decides_the_portone_v2_example_cases_as_the_engine() {
    let dir = Path::new("examples/cases/portone-v2");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the PortOne V2 example cases")
        .map(|entry| entry.expect("a readable entry").path())
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a readable case file");
        let case = refund_policy::Case::from_text(&text).expect("a valid case file");
        if case.payment.provider != Provider::PortoneV2 {
            continue;
        }
        checked += 1;
        let case = Case {
            name: "example",
            payment: case.payment,
            request: case.request,
            merchant: case.merchant,
            now: case.now,
        };
        if let Some(failure) = disagreement(&case) {
            failures.push(format!("{}: {failure}", file.display()));
        }
    }
    assert!(checked >= 100, "found only {checked} PortOne V2 cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
