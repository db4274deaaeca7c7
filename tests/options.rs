//! Refund options (contract §8): the contract's example, the issue's gift certificate, the
//! next-month refund, partial-cancel counts, expected completion dates across weekends and
//! Korean holidays at the year boundaries, and the checked-in JSON Schema of the options.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::disallowed_methods,
    reason = "tests read the checked-in schema and stop at the first broken expectation"
)]

use chrono::NaiveDate;
use refund_policy::messages::{Lang, options_text};
use refund_policy::model::{Currency, parse_instant};
use refund_policy::options::{AfterDeadline, ExpectedCompletion, OptionsCase, RefundOptions};
use refund_policy::{Engine, input};
use rust_decimal::Decimal;

const SCHEMA_FILE: &str = "schemas/options.schema.json";

fn options(payment: &str, merchant: &str, now: &str) -> RefundOptions {
    let engine = Engine::builtin().expect("the built-in policies load");
    let payment = input::payment(payment).expect("a payment");
    let merchant = input::merchant(merchant).expect("a merchant");
    engine.options(&payment, &merchant, parse_instant(now).expect("an instant"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn virtual_account(paid_at: &str) -> String {
    format!(
        "{{provider: portone_v2, pg: kcp_v2, method: virtual_account, status: partially_cancelled, \
         amount: {{total: 10000, cancelled: 3000}}, paid_at: \"{paid_at}\"}}"
    )
}

#[test]
fn the_contracts_example_virtual_account_without_its_contract() {
    let options = options(
        &virtual_account("2026-03-02T10:00:00+09:00"),
        "",
        "2026-03-05T10:00:00+09:00",
    );
    let json = serde_json::to_value(options.report(Lang::En)).unwrap();
    assert_eq!(json["refundable"], false);
    assert_eq!(json["blocking"][0]["code"], "CONTRACT_REQUIRED");
    assert_eq!(
        json["blocking"][0]["rule"],
        "portone_v2 › virtual_account › refund_contract"
    );
    assert_eq!(json["blocking"][0]["provider_error"]["name"], "PG_PROVIDER");
    assert_eq!(json["max_amount"], 7000);
    assert_eq!(json["partial_allowed"], true);
    assert_eq!(json["last_refundable_day"], serde_json::Value::Null);
    let mut required: Vec<&str> = json["required_fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    required.sort_unstable();
    assert_eq!(
        required,
        [
            "reason",
            "refund_account.bank",
            "refund_account.holder_name",
            "refund_account.number"
        ]
    );
    assert_eq!(json["missing_contracts"][0], "virtual_account_refund");
    assert_eq!(json["notes"][0]["code"], "REFUND_FEE");
    assert_eq!(json["notes"][0]["details"]["amount"], 300);
    // PortOne V2 takes bank names, not a PG's codes.
    assert!(json.get("refund_account_banks").is_none());
}

#[test]
fn a_partial_refund_lists_only_what_the_whole_refund_does_not_already_need() {
    let options = options(
        &virtual_account("2026-03-02T10:00:00+09:00"),
        "",
        "2026-03-05T10:00:00+09:00",
    );
    assert!(!options.full_only());
    assert_eq!(options.fee(), Some((Decimal::from(300), Currency::KRW)));
    let lacking: Vec<&str> = options
        .missing_contracts
        .iter()
        .map(|c| c.contract.id.as_ref())
        .collect();
    assert_eq!(lacking, ["virtual_account_refund"]);
    assert!(options.processing.is_some(), "virtual accounts take days");
    // The same contract, the same fee and the same business days: nothing to add.
    assert!(
        options.partial.missing_contracts.is_empty(),
        "{:?}",
        options.partial.missing_contracts
    );
    assert_eq!(options.partial.notes, None);
    assert_eq!(options.partial.processing, None);
}

#[test]
fn a_partial_refund_names_its_own_refusal_beside_the_whole_refunds() {
    // Welcome: a virtual account needs its refund contract, and a partial refund the
    // partial-refund contract too; both refusals are `CONTRACT_REQUIRED`, from two rules.
    let options = options(
        "{provider: portone_v2, pg: welcome, method: virtual_account, status: paid, \
         amount: {total: 50000}, paid_at: \"2026-03-02T10:00:00+09:00\"}",
        "",
        "2026-03-03T10:00:00+09:00",
    );
    let rules = |reasons: &[refund_policy::decision::Reason]| -> Vec<String> {
        reasons
            .iter()
            .map(|r| format!("{} {}", r.code().as_str(), r.rule().as_str()))
            .collect()
    };
    assert_eq!(
        rules(&options.blocking),
        ["CONTRACT_REQUIRED portone_v2 › virtual_account › refund_contract"]
    );
    assert_eq!(
        rules(&options.partial.refused),
        ["CONTRACT_REQUIRED portone_v2 › pg welcome › partial_refund_contract"]
    );
    assert!(!options.partial.allowed);
    let ids = |needs: &[refund_policy::options::ContractNeed]| -> Vec<String> {
        needs.iter().map(|c| c.contract.id.to_string()).collect()
    };
    assert_eq!(ids(&options.missing_contracts), ["virtual_account_refund"]);
    assert_eq!(
        ids(&options.partial.missing_contracts),
        ["partial_refund_service"]
    );
}

/// A PortOne V2 policy whose mobile payments need two contracts for any refund after the
/// month of payment: the next-month one and a second, so that both are listed.
const TWO_CONTRACTS: &str = concat!(
    r#"policy: mine
provider: portone_v2
time_zone: Asia/Seoul
sources:
  guide: { title: the provider's guide }
contracts:
  next_month: { ko: 익월 환불 특약, en: next-month refund contract, source: guide }
  account_refund: { ko: 계좌 환불 특약, en: account refund contract, source: guide }
pgs:
  source: guide
  known: [kcp]
"#,
    include_str!("fixtures/policies/provider-errors.yaml"),
    r#"methods:
  mobile:
    same_month:
      source: guide
      next_month_refund: { pgs: [kcp], contract: next_month, source: guide }
    refund_contract: { contract: account_refund, source: guide }
"#
);

#[test]
fn every_contract_a_refund_lacks_is_listed_once() {
    let set = refund_policy::PolicySet::load(&[refund_policy::PolicySource::new(
        "mine.yaml",
        TWO_CONTRACTS,
    )])
    .expect("the policy loads");
    let engine = Engine::new(set);
    let payment = input::payment(
        "{provider: portone_v2, pg: kcp, method: mobile, status: paid, amount: {total: 10000}, \
         paid_at: \"2026-01-31T23:30:00+09:00\"}",
    )
    .expect("a payment");
    let options = engine.options(
        &payment,
        &input::merchant("").expect("a merchant"),
        parse_instant("2026-02-01T00:10:00+09:00").expect("an instant"),
    );
    let ids: Vec<&str> = options
        .missing_contracts
        .iter()
        .map(|c| c.contract.id.as_ref())
        .collect();
    assert_eq!(ids, ["next_month", "account_refund"]);
}

#[test]
fn a_card_refund_costs_no_fee() {
    let card = options(
        "{provider: portone_v2, pg: kcp_v2, method: card, status: paid, amount: {total: 10000}, \
         paid_at: \"2026-03-02T10:00:00+09:00\"}",
        "",
        "2026-03-05T10:00:00+09:00",
    );
    assert_eq!(card.fee(), None);
}

#[test]
fn an_option_case_fails_on_a_wrong_expectation_and_an_unknown_contract() {
    let engine = Engine::builtin().expect("the built-in policies load");
    let case = |contracts: &str, refundable: bool| {
        OptionsCase::from_text(&format!(
            "{{name: gift certificate, now: \"2026-03-05T10:00:00+09:00\", \
             payment: {{provider: toss_payments, method: gift_certificate, status: paid, \
             amount: {{total: 10000}}, paid_at: \"2026-03-02T10:00:00+09:00\"}}, \
             merchant: {{contracts: [{contracts}]}}, \
             expect_options: {{refundable: {refundable}}}}}"
        ))
        .expect("an option case")
    };
    let right = case("", true);
    assert!(right.check_merchant(engine).is_ok());
    assert!(right.run(engine).passed());
    let wrong = case("", false);
    let outcome = wrong.run(engine);
    assert!(!outcome.passed(), "{:?}", outcome.mismatches);
    let unknown = case("virtual_acount_refund", true);
    assert!(unknown.check_merchant(engine).is_err());
}

#[test]
fn a_pg_with_its_own_bank_codes_lists_them() {
    let options = options(
        "{provider: portone_v1, pg: kcp, method: virtual_account, status: paid, \
         amount: {total: 10000}, paid_at: \"2026-03-02T10:00:00+09:00\"}",
        "",
        "2026-03-05T10:00:00+09:00",
    );
    let json = serde_json::to_value(options.report(Lang::En)).unwrap();
    assert_eq!(json["refund_account_banks"]["table"], "NHN KCP");
    assert_eq!(json["refund_account_banks"]["codes"]["SHINHAN"], "BK88");
}

#[test]
fn a_toss_gift_certificate_is_refundable_in_full_only() {
    let options = options(
        "{provider: toss_payments, method: gift_certificate, status: paid, amount: {total: 10000}, \
         paid_at: \"2026-03-02T10:00:00+09:00\"}",
        "",
        "2026-03-05T10:00:00+09:00",
    );
    assert!(options.refundable(), "{:?}", options.blocking);
    assert!(options.full_only());
    assert_eq!(options.max_amount, Decimal::from(10000));
    let refused: Vec<&str> = options
        .partial
        .refused
        .iter()
        .map(|r| r.code().as_str())
        .collect();
    assert_eq!(refused, ["PARTIAL_CANCEL_NOT_SUPPORTED"]);
}

#[test]
fn the_request_fields_carry_their_limits_for_the_operators_form() {
    let options = options(
        "{provider: toss_payments, method: virtual_account, status: paid, \
         amount: {total: 10000}, paid_at: \"2026-03-02T10:00:00+09:00\"}",
        "",
        "2026-03-05T10:00:00+09:00",
    );
    // (field, required, at most so many characters, digits only), from Toss's cancel API:
    // `cancelReason` required, 200; the Idempotency-Key optional, 300; the refund account
    // required, its number digits only and at most 20, its holder name at most 60.
    let mut fields: Vec<(&str, bool, Option<u32>, bool)> = options
        .fields
        .iter()
        .map(|f| (f.field, f.required, f.max_chars, f.digits_only))
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            ("cancel_id", false, Some(300), false),
            ("reason", true, Some(200), false),
            ("refund_account.bank", true, None, false),
            ("refund_account.holder_name", true, Some(60), false),
            ("refund_account.number", true, Some(20), true),
        ]
    );
}

#[test]
fn a_partial_refund_names_the_contract_it_lacks_and_only_while_it_lacks_it() {
    let welcome = "{provider: portone_v2, pg: welcome, method: card, status: paid, \
        amount: {total: 50000}, paid_at: \"2026-03-02T10:00:00+09:00\"}";
    let now = "2026-03-03T10:00:00+09:00";
    let without = options(welcome, "", now);
    assert!(without.refundable());
    assert!(
        without.missing_contracts.is_empty(),
        "a full refund needs none"
    );
    assert!(!without.partial.allowed);
    let lacking: Vec<&str> = without
        .partial
        .missing_contracts
        .iter()
        .map(|c| c.contract.id.as_ref())
        .collect();
    assert_eq!(lacking, ["partial_refund_service"]);

    let with = options(welcome, "contracts: [partial_refund_service]", now);
    assert!(with.partial.allowed, "{:?}", with.partial.refused);
    assert!(with.partial.missing_contracts.is_empty());
}

#[test]
fn a_partial_refund_keeps_its_taxable_part_within_the_taxable_balance() {
    let card = |amount: &str| {
        format!(
            "{{provider: portone_v2, pg: kcp_v2, method: card, status: paid, amount: {amount}, \
             paid_at: \"2026-03-02T10:00:00+09:00\"}}"
        )
    };
    let now = "2026-03-05T10:00:00+09:00";
    // 4,000 of 10,000 tax-free: a partial refund can name at most 6,000 taxable.
    let mixed = options(&card("{total: 10000, tax_free: 4000}"), "", now);
    assert!(mixed.partial.allowed);
    let limit = mixed
        .partial
        .taxable_limit
        .as_ref()
        .expect("a taxable limit");
    assert_eq!(limit.taxable_balance, Decimal::from(6000));
    assert!(
        limit.rule.as_str().ends_with("taxable_balance_check"),
        "{}",
        limit.rule.as_str()
    );
    // Wholly taxable: every partial amount is within the taxable balance.
    let taxable = options(&card("{total: 10000}"), "", now);
    assert!(taxable.partial.allowed);
    assert_eq!(taxable.partial.taxable_limit, None);
    // More taxable amount cancelled than there was: no partial refund can pass.
    let overdrawn = options(
        &card("{total: 10000, tax_free: 4000, cancelled: 7000}"),
        "",
        now,
    );
    assert!(!overdrawn.partial.allowed);
    let refused: Vec<&str> = overdrawn
        .partial
        .refused
        .iter()
        .map(|r| r.code().as_str())
        .collect();
    assert_eq!(refused, ["TAXABLE_EXCEEDS_CANCELLABLE"]);
}

#[test]
fn a_later_month_needs_the_next_month_contract_or_a_refund_account() {
    let mobile = "{provider: portone_v2, pg: kcp_v2, method: mobile, status: paid, \
        amount: {total: 10000}, paid_at: \"2026-01-31T23:30:00+09:00\"}";
    let now = "2026-02-01T00:10:00+09:00";
    let without = options(mobile, "", now);
    assert!(!without.refundable());
    assert_eq!(without.blocking[0].code().as_str(), "MONTH_CHANGED");
    assert_eq!(
        without.missing_contracts[0].contract.id.as_ref(),
        "mobile_next_month_refund"
    );
    let deadline = without.deadline.as_ref().unwrap();
    assert_eq!(deadline.summary.last_refundable_day, date(2026, 1, 31));
    assert_eq!(deadline.days_left, -1);
    assert_eq!(deadline.after, AfterDeadline::ManualRefund);

    let with = options(mobile, "contracts: [mobile_next_month_refund]", now);
    assert!(with.refundable(), "{:?}", with.blocking);
    assert!(with.required_fields().contains(&"refund_account.number"));
    assert!(matches!(
        with.deadline.as_ref().unwrap().after,
        AfterDeadline::RefundToAccount { .. }
    ));

    // In the month of payment the contract is not needed.
    let same_month = options(mobile, "", "2026-01-31T23:50:00+09:00");
    assert!(same_month.refundable());
    assert!(same_month.missing_contracts.is_empty());
    assert_eq!(same_month.deadline.as_ref().unwrap().days_left, 0);
}

#[test]
fn ksnet_counts_the_partial_cancels_left() {
    let payment = |succeeded: usize| {
        let history: Vec<String> = (0..succeeded)
            .map(|i| format!("{{id: c-{i}, amount: 100, status: succeeded}}"))
            .collect();
        format!(
            "{{provider: portone_v2, pg: ksnet, method: card, status: partially_cancelled, \
             amount: {{total: 10000, cancelled: {}}}, paid_at: \"2026-03-02T10:00:00+09:00\", \
             cancellations: [{}]}}",
            succeeded * 100,
            history.join(", ")
        )
    };
    let now = "2026-03-05T10:00:00+09:00";
    let some_left = options(&payment(3), "", now);
    let left = some_left.partial.cancels_left.as_ref().unwrap();
    assert_eq!((left.limit, left.succeeded, left.left), (9, 3, 6));
    assert!(some_left.partial.allowed);

    let none_left = options(&payment(9), "", now);
    assert!(!none_left.partial.allowed);
    assert_eq!(
        none_left.partial.refused[0].code().as_str(),
        "PARTIAL_CANCEL_LIMIT_REACHED"
    );
    assert!(
        none_left.refundable(),
        "the remainder can still be refunded"
    );
}

/// The expected completion of a virtual-account refund (1–2 business days) requested at noon
/// on `day`, Korean time.
fn expected(day: &str) -> ExpectedCompletion {
    let options = options(
        &virtual_account("2020-01-02T10:00:00+09:00"),
        "contracts: [virtual_account_refund]",
        &format!("{day}T12:00:00+09:00"),
    );
    let processing = options
        .processing
        .expect("virtual accounts take business days");
    assert_eq!(
        (processing.min_business_days, processing.max_business_days),
        (1, 2)
    );
    processing.expected
}

fn dates(earliest: NaiveDate, latest: NaiveDate) -> ExpectedCompletion {
    ExpectedCompletion::Dates(refund_policy::calendar::ExpectedDates { earliest, latest })
}

#[test]
fn expected_completion_skips_weekends_and_korean_holidays_at_the_year_boundaries() {
    // December 31 is a business day; New Year's Day is not; then a weekend.
    assert_eq!(
        expected("2025-12-31"),
        dates(date(2026, 1, 2), date(2026, 1, 5))
    );
    // Thursday, December 31, 2026: Friday is New Year's Day, then the weekend.
    assert_eq!(
        expected("2026-12-31"),
        dates(date(2027, 1, 4), date(2027, 1, 5))
    );
    // Friday before Seollal 2026 (Monday to Wednesday, February 16 to 18).
    assert_eq!(
        expected("2026-02-13"),
        dates(date(2026, 2, 19), date(2026, 2, 20))
    );
    // Seollal 2027 (February 6 to 8) and its substitute, Tuesday the 9th.
    assert_eq!(
        expected("2027-02-05"),
        dates(date(2027, 2, 10), date(2027, 2, 11))
    );
    // Chuseok 2025 (October 5 to 7), its substitute (the 8th) and Hangul Day (the 9th).
    assert_eq!(
        expected("2025-10-02"),
        dates(date(2025, 10, 10), date(2025, 10, 13))
    );
    // The 2026 local elections, Wednesday, June 3.
    assert_eq!(
        expected("2026-06-02"),
        dates(date(2026, 6, 4), date(2026, 6, 5))
    );
    // A Saturday request is received on Monday.
    assert_eq!(
        expected("2026-01-31"),
        dates(date(2026, 2, 3), date(2026, 2, 4))
    );
}

#[test]
fn past_the_calendars_data_no_date_is_guessed() {
    // The calendar ends with 2027; two business days from December 30, 2027 run past it.
    match expected("2027-12-30") {
        ExpectedCompletion::OutsideCalendar(outside) => {
            assert_eq!(outside.last_day(), date(2027, 12, 31));
        }
        other => panic!("a date past the calendar: {other:?}"),
    }
    let options = options(
        &virtual_account("2020-01-02T10:00:00+09:00"),
        "contracts: [virtual_account_refund]",
        "2028-03-02T12:00:00+09:00",
    );
    let json = serde_json::to_value(options.report(Lang::En)).unwrap();
    assert!(json["processing"]["expected_by"].is_null());
    assert!(
        json["processing"]["no_date"]
            .as_str()
            .unwrap()
            .contains("outside the business-day calendar")
    );
}

/// The options as text for an operator (what `refund-policy options` prints), in both
/// languages, on payments that between them reach every line: what blocks every refund and what
/// blocks only a partial one, the request fields or none, the contracts a refund needs, a
/// deadline with days left, on its last day and passed, no deadline, processing days as a range
/// or one number with one expected date or two, and notes or none.
#[test]
fn the_options_read_as_text_for_an_operator() {
    let card = |provider: &str, pg: &str, paid_at: &str| {
        format!(
            "{{provider: {provider}, {pg}method: card, status: paid, amount: {{total: 50000}}, \
             paid_at: \"{paid_at}\"}}"
        )
    };
    let cases = [
        (
            "a virtual account without its contract",
            virtual_account("2026-03-02T10:00:00+09:00"),
            "",
            "2026-03-05T10:00:00+09:00",
        ),
        (
            "a card at Welcome, refundable in part only with the partial refund service",
            card("portone_v2", "pg: welcome, ", "2026-03-02T10:00:00+09:00"),
            "",
            "2026-03-03T10:00:00+09:00",
        ),
        (
            "a Toss card on the last day of its year",
            card("toss_payments", "", "2025-03-05T10:00:00+09:00"),
            "",
            "2026-03-05T10:00:00+09:00",
        ),
        (
            "a Toss card the day after",
            card("toss_payments", "", "2025-03-05T10:00:00+09:00"),
            "",
            "2026-03-06T10:00:00+09:00",
        ),
        (
            "a Bootpay card at KCP, which asks for no field",
            card("bootpay", "pg: kcp, ", "2026-03-02T10:00:00+09:00"),
            "",
            "2026-03-05T10:00:00+09:00",
        ),
        (
            "a PortOne V1 virtual account at Kiwoom Pay, seven business days",
            "{provider: portone_v1, pg: daou, method: virtual_account, status: paid, \
             amount: {total: 10000}, paid_at: \"2026-03-02T10:00:00+09:00\"}"
                .to_owned(),
            "contracts: [virtual_account_refund]",
            "2026-03-05T10:00:00+09:00",
        ),
    ];
    let mut out = String::new();
    for (title, payment, merchant, now) in cases {
        let options = options(&payment, merchant, now);
        for lang in [Lang::Ko, Lang::En] {
            out.push_str(&format!(
                "## {title} ({lang})\n{}\n",
                options_text(&options, lang)
            ));
        }
    }
    insta::assert_snapshot!("options_text", out);
}

#[test]
fn the_checked_in_options_schema_is_current_and_accepts_the_reports() {
    let on_disk = std::fs::read_to_string(SCHEMA_FILE).expect("the schema file");
    let generated = refund_policy::messages::options_json_schema().expect("serializes");
    assert!(
        on_disk == generated,
        "{SCHEMA_FILE} is stale: regenerate it with\n  cargo run -q -p refund-policy-cli -- schema options > {SCHEMA_FILE}"
    );
    let schema: serde_json::Value = serde_json::from_str(&on_disk).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    for (payment, merchant, now) in [
        (
            virtual_account("2026-03-02T10:00:00+09:00"),
            "",
            "2026-03-05T10:00:00+09:00",
        ),
        (
            virtual_account("2026-03-02T10:00:00+09:00"),
            "contracts: [virtual_account_refund]",
            "2028-03-05T10:00:00+09:00",
        ),
        (
            "{provider: portone_v2, pg: ksnet, method: card, status: paid, amount: {total: 10000}, \
             paid_at: \"2025-03-02T10:00:00+09:00\"}"
                .to_owned(),
            "",
            "2026-03-05T10:00:00+09:00",
        ),
    ] {
        for lang in [Lang::Ko, Lang::En] {
            let report = serde_json::to_value(options(&payment, merchant, now).report(lang))
                .expect("serializes");
            let errors: Vec<String> = validator
                .iter_errors(&report)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}", errors.join("\n"));
        }
    }
}

#[test]
fn processing_delay_notes_in_decisions_give_the_expected_dates() {
    let engine = Engine::builtin().expect("the built-in policies load");
    let payment = input::payment(&virtual_account("2026-01-02T10:00:00+09:00")).unwrap();
    let request = input::request(
        "{reason: 고객 요청, refund_account: {bank: SHINHAN, number: \"1234567890\", holder_name: 홍길동}}",
    )
    .unwrap();
    let merchant = input::merchant("contracts: [virtual_account_refund]").unwrap();
    let note_in = |now: &str, lang: Lang| {
        let decision = engine.decide(&payment, &request, &merchant, parse_instant(now).unwrap());
        assert!(decision.is_allowed(), "{:?}", decision.reason_codes());
        let report = serde_json::to_value(decision.report(lang)).unwrap();
        report["notes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["code"] == "PROCESSING_DELAY")
            .cloned()
            .expect("a processing delay")
    };
    let note = |now: &str| note_in(now, Lang::En);
    // Friday, January 30, 2026: Monday and Tuesday.
    let friday = note("2026-01-30T15:00:00+09:00");
    assert_eq!(friday["details"]["expected_earliest"], "2026-02-02");
    assert_eq!(friday["details"]["expected_by"], "2026-02-03");
    assert!(
        friday["message"]
            .as_str()
            .unwrap()
            .ends_with("from 2026-02-02, by 2026-02-03")
    );
    // Past the calendar's data the note says so instead of guessing.
    let past = note("2027-12-31T15:00:00+09:00");
    assert!(past["details"].get("expected_by").is_none());
    assert!(past["details"]["no_date"].as_str().is_some());
    assert!(
        past["message"]
            .as_str()
            .unwrap()
            .contains("the business-day calendar ends on 2027-12-31")
    );
    let past = note_in("2027-12-31T15:00:00+09:00", Lang::Ko);
    assert!(
        past["message"]
            .as_str()
            .unwrap()
            .ends_with("(영업일 달력이 2027-12-31까지만 있어 도착 예상일을 알 수 없습니다)"),
        "{past}"
    );
}
