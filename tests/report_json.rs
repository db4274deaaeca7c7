//! `Report::write_json` writes a report's compact JSON by hand; serde serializes it field by
//! field. The two must be the same JSON, byte for byte: checked here on every example case and
//! on generated inputs (including ids with quotes, backslashes and control characters), in both
//! languages.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::disallowed_methods,
    reason = "tests read the checked-in files and stop at the first broken expectation"
)]

#[path = "properties/inputs.rs"]
#[allow(
    dead_code,
    reason = "the generators are shared with the property tests"
)]
mod inputs;

mod support;

use proptest::prelude::*;
use refund_policy::messages::Lang;
use refund_policy::model::{MerchantProfile, Payment, RefundRequest};
use refund_policy::{Case, Decision, Engine};

/// `write_json` appends exactly what serde_json writes for the report, in both languages.
fn assert_same_json(decision: &Decision, what: &str) {
    for lang in [Lang::Ko, Lang::En] {
        let report = decision.report(lang);
        let by_serde = serde_json::to_string(&report).expect("serializes");
        let mut written = String::from("before ");
        report.write_json(&mut written).expect("writes");
        assert_eq!(written, format!("before {by_serde}"), "{what} ({lang})");
    }
}

#[test]
fn every_example_case_writes_the_same_json_both_ways() {
    let engine = Engine::builtin().expect("the built-in policies load");
    let files = support::example_case_files();
    assert!(files.len() >= 80);
    for file in &files {
        let case = Case::from_text(&std::fs::read_to_string(file).unwrap()).unwrap();
        assert_same_json(&case.run(engine).decision, &file.display().to_string());
    }
}

/// Ids a caller may send that JSON must escape, or that are unusual text.
const ODD_IDS: &[&str] = &[
    "k\"cp",
    "a\\b",
    "x\ny",
    "\u{1}z",
    "한국\t",
    "\u{7f}\u{2028}",
    "",
];

fn with_odd_ids(
    mut payment: Payment,
    mut request: RefundRequest,
    pick: usize,
) -> (Payment, RefundRequest) {
    let odd = ODD_IDS[pick % ODD_IDS.len()].to_owned();
    match pick % 3 {
        0 => payment.pg = Some(odd),
        1 => {
            if let Some(easy_pay) = payment.easy_pay.as_mut() {
                easy_pay.provider = odd;
            }
        }
        _ => {
            request.cancel_id = Some(odd.clone());
            for cancellation in &mut payment.cancellations {
                cancellation.cancel_id = Some(odd.clone());
            }
        }
    }
    (payment, request)
}

proptest! {
    // Failures print shrunk; they belong in a test of their own, not in a file.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_decisions_write_the_same_json_both_ways(
        input in inputs::input(),
        pick in 0_usize..64,
    ) {
        let engine = Engine::builtin().expect("the built-in policies load");
        let merchant: &MerchantProfile = &input.merchant;
        let decision = engine.decide(&input.payment, &input.request, merchant, input.now);
        assert_same_json(&decision, "a generated input");
        let (payment, request) = with_odd_ids(input.payment, input.request, pick);
        let decision = engine.decide(&payment, &request, merchant, input.now);
        assert_same_json(&decision, "a generated input with odd ids");
    }
}
