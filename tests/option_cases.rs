//! Every option case under `examples/options/` passes, as `refund-policy check` runs them: the
//! reviewable record of what an operator's screen offers for each built-in policy.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::disallowed_methods,
    reason = "the test reads the case files and stops at the first broken expectation"
)]

use refund_policy::Engine;
use refund_policy::options::OptionsCase;

#[test]
fn every_example_option_case_passes() {
    let engine = Engine::builtin().expect("the built-in policies load");
    let mut files: Vec<_> = std::fs::read_dir("examples/options")
        .expect("examples/options exists")
        .map(|e| e.expect("a readable entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "found {} option cases", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a readable case file");
        assert!(OptionsCase::describes(&text), "{}", file.display());
        let case = match OptionsCase::from_text(&text) {
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
fn an_option_case_that_expects_the_wrong_thing_fails_with_what_differed() {
    let case = OptionsCase::from_text(
        r#"
name: a card a year and a day after payment, expected (wrongly) to be refundable in part
now: 2026-03-03T10:00:00+09:00
payment:
  provider: portone_v2
  pg: inicis_v2
  method: card
  status: paid
  amount: { total: 50000 }
  paid_at: 2025-03-02T10:00:00+09:00
expect_options:
  refundable: true
  max_amount: 40000
  last_refundable_day: 2026-03-03
  required_fields: [reason, requester]
"#,
    )
    .unwrap();
    let outcome = case.run(Engine::builtin().unwrap());
    assert_eq!(
        outcome.mismatches,
        [
            "refundable: expected true, got false (blocking: DEADLINE_PASSED)",
            "max_amount: expected 40000, got 50000",
            "last_refundable_day: expected 2026-03-03, got 2026-03-02",
            "required_fields: expected reason, requester, got reason",
        ]
    );
    // A decision case is not an option case.
    assert!(!OptionsCase::describes(
        "name: x\nnow: 2026-03-03T10:00:00+09:00\nexpect: { verdict: allow }\n"
    ));
}
