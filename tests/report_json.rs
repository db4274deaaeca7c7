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
use refund_policy::{Case, Decision};

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
    let engine = support::engine();
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
        let engine = support::engine();
        let merchant: &MerchantProfile = &input.merchant;
        let decision = engine.decide(&input.payment, &input.request, merchant, input.now);
        assert_same_json(&decision, "a generated input");
        let (payment, request) = with_odd_ids(input.payment, input.request, pick);
        let decision = engine.decide(&payment, &request, merchant, input.now);
        assert_same_json(&decision, "a generated input with odd ids");
    }
}

/// A decision's `now` is RFC 3339 in UTC as `model::instant` writes it, also where the report's
/// own writer must step aside: a year outside 0–9999 and a leap second.
#[test]
fn the_decision_time_is_rfc_3339_whatever_the_year_or_a_leap_second() {
    use chrono::{NaiveDate, SecondsFormat};
    let engine = support::engine();
    let payment = refund_policy::input::payment(
        "{provider: toss_payments, method: card, status: paid, amount: {total: 10000}, \
         paid_at: 2026-03-02T10:00:00+09:00}",
    )
    .unwrap();
    let at = |year: i32, nanos: u32| {
        NaiveDate::from_ymd_opt(year, 12, 31)
            .and_then(|d| d.and_hms_nano_opt(23, 59, 59, nanos))
            .unwrap()
            .and_utc()
    };
    for now in [
        at(2026, 0),
        at(2026, 250_000_000),
        at(2016, 1_000_000_000),
        at(2016, 1_500_000_000),
        at(10_000, 0),
        at(-1, 0),
    ] {
        let decision = engine.decide(
            &payment,
            &RefundRequest::default(),
            &MerchantProfile::default(),
            now,
        );
        let json = serde_json::to_value(decision.report(Lang::En)).unwrap();
        assert_eq!(
            json["now"],
            now.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            "{now:?}"
        );
        assert_same_json(&decision, &format!("{now:?}"));
    }
}

/// Where the report's own writer hands over to serde: whole amounts from 2^53 on (a float where
/// it is exact) and dates after year 9999 (a deadline running past it).
#[test]
fn amounts_from_2_pow_53_and_dates_past_year_9999_write_the_same_json_both_ways() {
    let engine = support::engine();
    for (total, paid_at, now, written) in [
        (
            "9007199254740991",
            "2026-03-02",
            "2026-03-03",
            "9007199254740991",
        ),
        (
            "9007199254740992",
            "2026-03-02",
            "2026-03-03",
            "9007199254740992.0",
        ),
        (
            "9007199254740994",
            "2026-03-02",
            "2026-03-03",
            "9007199254740994.0",
        ),
        ("10000", "9999-12-01", "9999-12-02", "\"+10000-11-30\""),
    ] {
        let payment = refund_policy::input::payment(&format!(
            "{{provider: toss_payments, method: card, status: paid, amount: {{total: {total}}}, \
             paid_at: \"{paid_at}T10:00:00+09:00\"}}"
        ))
        .unwrap();
        let now = support::at(&format!("{now}T10:00:00+09:00"));
        let decision = engine.decide(
            &payment,
            &RefundRequest::default(),
            &MerchantProfile::default(),
            now,
        );
        let json = serde_json::to_string(&decision.report(Lang::En)).unwrap();
        assert!(json.contains(&format!(":{written}")), "{json}");
        assert_same_json(&decision, &format!("{total} paid on {paid_at}"));
    }
}

/// A caller's PG id with a quote or a backslash, ending a message at every offset from the
/// eight-byte steps the escape check takes, is escaped as serde escapes it.
#[test]
fn a_quote_or_backslash_near_a_messages_end_is_escaped_at_every_offset() {
    let engine = support::engine();
    for special in ["\"", "\\"] {
        for length in 0..16 {
            let pg = format!("{}{special}", "x".repeat(length));
            let mut payment = refund_policy::input::payment(
                "{provider: bootpay, method: virtual_account, status: paid, \
                 amount: {total: 10000}, paid_at: 2026-03-02T10:00:00+09:00}",
            )
            .unwrap();
            payment.pg = Some(pg.clone());
            let now = support::at("2026-03-03T10:00:00+09:00");
            let decision = engine.decide(
                &payment,
                &RefundRequest::default(),
                &MerchantProfile::default(),
                now,
            );
            let json = serde_json::to_string(&decision.report(Lang::En)).unwrap();
            assert!(
                json.contains("the provider cannot refund this payment (PG"),
                "{json}"
            );
            assert_same_json(&decision, &pg);
        }
    }
}
