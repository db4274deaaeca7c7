//! Every case file under `examples/cases/` passes: the cases are the reviewable record of what
//! the built-in policies decide, and `cargo test` runs them as `refund-policy check` does.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests stop at the first broken expectation"
)]
#![allow(clippy::disallowed_methods, reason = "the test reads the case files")]
mod support;

use refund_policy::{Case, Engine};

#[test]
fn every_example_case_passes() {
    let engine = Engine::builtin().expect("the built-in policies load");
    let files = support::example_case_files();
    assert!(
        files.len() >= 80,
        "expected the example cases, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a readable case file");
        let case = match Case::from_text(&text) {
            Ok(case) => case,
            Err(e) => {
                failures.push(format!("{}: cannot read: {e}", file.display()));
                continue;
            }
        };
        if let Err(e) = case.check_merchant(engine) {
            failures.push(format!("{}: {e}", file.display()));
        }
        let outcome = case.run(engine);
        // Screening the case gives what deciding it gave, to the code.
        let screening = engine.screen(&case.payment, &case.request, &case.merchant, case.now);
        if screening.reason_codes() != outcome.decision.reason_codes() {
            failures.push(format!(
                "{}: screened {:?}, decided {:?}",
                file.display(),
                screening.reason_codes(),
                outcome.decision.reason_codes()
            ));
        }
        if !outcome.passed() {
            failures.push(format!(
                "{}: {}",
                file.display(),
                outcome.mismatches.join("; ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "failing cases:\n{}",
        failures.join("\n")
    );
}

#[test]
fn a_case_that_expects_the_wrong_thing_fails_with_what_differed() {
    let case = Case::from_text(
        r#"
name: a card refund after the deadline, expected (wrongly) to pass
now: 2026-03-03T00:00:00+09:00
payment:
  provider: portone_v2
  method: card
  status: paid
  amount: { total: 10000 }
  paid_at: 2025-03-02T10:00:00+09:00
request: { reason: 고객 요청 }
expect:
  verdict: allow
  notes: [REFUND_FEE]
  refund_amount: 9000
"#,
    )
    .expect("the case reads");
    let outcome = case.run(Engine::builtin().expect("the built-in policies load"));
    assert!(!outcome.passed());
    assert_eq!(
        outcome.mismatches,
        [
            "verdict: expected allow, got deny (reasons: DEADLINE_PASSED)",
            "note REFUND_FEE not reported (notes: MANUAL_REFUND)",
            "refund amount: expected 9000, got 10000",
        ]
    );
}

#[test]
fn a_case_naming_a_contract_no_policy_defines_is_refused() {
    let case = Case::from_text(
        r#"
name: a merchant with a misspelled contract
now: 2026-03-03T00:00:00+09:00
payment:
  provider: portone_v2
  method: card
  status: paid
  amount: { total: 10000 }
  paid_at: 2026-03-02T10:00:00+09:00
merchant: { contracts: [virtual_acount_refund] }
request: { reason: 고객 요청 }
expect: { verdict: allow }
"#,
    )
    .expect("the case reads");
    let error = case
        .check_merchant(Engine::builtin().expect("the built-in policies load"))
        .expect_err("an unknown contract");
    assert!(
        error.to_string().contains("`virtual_acount_refund`"),
        "{error}"
    );
}
