//! The package's behaviour, natively: what the WebAssembly exports return and throw is what
//! these functions return, so the workspace's tests pin it without a JavaScript engine.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests stop at the first broken expectation"
)]

use refund_policy::messages::Lang;
use refund_policy::{Engine, input};
use refund_policy_js::api::{self, DecideArgs, OptionsArgs, SourceText};
use refund_policy_js::failure::{Failure, Kind};
use serde_json::{Value, json};

const MOBILE: &str = r#"{"provider": "portone_v2", "pg": "kcp_v2", "method": "mobile", "status": "paid",
    "amount": {"total": 10000}, "paid_at": "2026-01-31T23:30:00+09:00"}"#;
const NEXT_DAY: &str = "2026-02-01T00:10:00+09:00";

fn engine() -> Engine {
    api::builtin().unwrap()
}

fn decide(args: DecideArgs<'_>) -> Result<Value, Failure> {
    api::decide(&engine(), args)
}

fn kind(failure: &Failure) -> Value {
    serde_json::to_value(failure).unwrap()["kind"].clone()
}

#[test]
fn a_decision_is_the_library_report_in_the_language_asked() {
    for (lang, name) in [(Lang::Ko, "ko"), (Lang::En, "en")] {
        let got = decide(DecideArgs {
            payment: MOBILE,
            request: "reason: 고객 요청",
            now: NEXT_DAY,
            lang: name,
            ..Default::default()
        })
        .unwrap();
        let payment = input::payment(MOBILE).unwrap();
        let request = input::request("reason: 고객 요청").unwrap();
        let now = refund_policy::model::parse_instant(NEXT_DAY).unwrap();
        let decision = engine().decide(&payment, &request, &Default::default(), now);
        assert_eq!(got, serde_json::to_value(decision.report(lang)).unwrap());
        assert_eq!(got["reasons"][0]["code"], "MONTH_CHANGED");
    }
}

#[test]
fn the_merchant_contracts_change_the_decision() {
    let merchant = "contracts: [mobile_next_month_refund]";
    let request = r#"{"reason": "고객 요청", "refund_account": {"bank": "SHINHAN", "number": "56211105948400", "holder_name": "홍길동"}}"#;
    let with = decide(DecideArgs {
        payment: MOBILE,
        request,
        merchant,
        now: NEXT_DAY,
        ..Default::default()
    })
    .unwrap();
    assert_eq!(with["verdict"], "allow");
    assert_eq!(with["refund"]["amount"], 10000);
}

#[test]
fn provider_payloads_are_read_by_their_adapters() {
    let toss = r#"{"status": "DONE", "method": "카드", "currency": "KRW", "totalAmount": 15000,
        "balanceAmount": 15000, "taxFreeAmount": 0, "isPartialCancelable": true,
        "useEscrow": false, "approvedAt": "2026-03-02T10:15:00+09:00",
        "card": {"cardType": "체크", "useCardPoint": false}}"#;
    let decision = decide(DecideArgs {
        payment: toss,
        payment_format: "toss_payments",
        request: r#"{"cancelReason": "고객 변심", "cancelAmount": 5000}"#,
        request_format: "toss_payments",
        now: "2026-03-03T10:00:00+09:00",
        lang: "en",
        ..Default::default()
    })
    .unwrap();
    assert_eq!(decision["provider"], "toss_payments");
    assert_eq!(
        decision["refund"],
        json!({"amount": 5000, "partial": true, "remaining_after": 10000,
        "balance": 15000, "tax_free_balance": 0, "currency": "KRW"})
    );
    let payment = api::payment(
        toss,
        api::format("toss_payments", "payment_format").unwrap(),
    )
    .unwrap();
    assert_eq!(api::to_value(&payment).unwrap()["method"], "card");
}

#[test]
fn unreadable_input_fails_with_the_library_message_and_place() {
    let failure = decide(DecideArgs {
        payment: "provider: portone_v2\nmethod: crad\n",
        now: NEXT_DAY,
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(kind(&failure), "InputError");
    assert_eq!(failure.input, "payment");
    assert_eq!(
        failure.message,
        "`method`: unknown value `crad` (did you mean `card`?) at line 2, column 9"
    );
    assert_eq!((failure.line, failure.column), (Some(2), Some(9)));
    assert_eq!(failure.help.as_deref(), Some("did you mean `card`?"));
}

#[test]
fn a_misspelled_cancel_body_field_fails_rather_than_cancel_everything() {
    let failure = decide(DecideArgs {
        payment: MOBILE,
        request: r#"{"reason": "x", "amout": 1000}"#,
        now: NEXT_DAY,
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(
        (kind(&failure), failure.input),
        (json!("InputError"), "request")
    );
    assert!(failure.message.contains("`amout`"), "{}", failure.message);
}

#[test]
fn each_argument_fails_with_its_own_kind() {
    let with = |args: DecideArgs<'static>| decide(args).unwrap_err();
    let base = DecideArgs {
        payment: MOBILE,
        now: NEXT_DAY,
        ..Default::default()
    };
    let now = with(DecideArgs {
        now: "2026-02-01T00:10:00",
        ..base
    });
    assert_eq!((kind(&now), now.input), (json!("InstantError"), "now"));
    let lang = with(DecideArgs { lang: "ja", ..base });
    assert_eq!(
        (kind(&lang), lang.input),
        (json!("UnknownLanguage"), "lang")
    );
    assert_eq!(lang.message, "unknown language `ja`, expected `ko` or `en`");
    let format = with(DecideArgs {
        payment_format: "portone",
        ..base
    });
    assert_eq!(
        (kind(&format), format.input),
        (json!("UnknownFormat"), "payment_format")
    );
    let merchant = with(DecideArgs {
        merchant: "contracts: [virtual_account_refnd]",
        ..base
    });
    assert_eq!(
        (kind(&merchant), merchant.input),
        (json!("InputError"), "merchant")
    );
    assert_eq!(
        merchant.help.as_deref(),
        Some("did you mean `virtual_account_refund`?")
    );
}

#[test]
fn a_portone_v1_tax_free_cancel_is_refused_as_the_command_line_refuses_it() {
    let payment = r#"{"code": 0, "message": null, "response": {"imp_uid": "imp_1", "merchant_uid": "o-1",
        "pay_method": "card", "pg_provider": "kcp", "amount": 10000, "cancel_amount": 0,
        "currency": "KRW", "status": "paid", "paid_at": 1772413200, "escrow": false,
        "cancel_history": []}}"#;
    let failure = decide(DecideArgs {
        payment,
        payment_format: "portone_v1",
        request: r#"{"imp_uid": "imp_1", "amount": 5000, "tax_free": 1000, "reason": "반품"}"#,
        request_format: "portone_v1",
        now: "2026-03-03T10:00:00+09:00",
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(failure.input, "request", "{failure}");
    assert!(
        failure.message.starts_with("`tax_free` is `1000`"),
        "{failure}"
    );
}

fn broken() -> Vec<SourceText> {
    vec![SourceText {
        name: "mine.yaml".into(),
        text: "policy: mine\nprovider: bootpay\ntime_zone: Asia/Seol\nsources: {}\n\
               provider_errors: {}\nmethods: { crad: {} }\n"
            .into(),
    }]
}

#[test]
fn custom_policies_that_do_not_load_fail_with_every_problem() {
    let failure = api::engine(&broken()).unwrap_err();
    assert_eq!(
        (kind(&failure), failure.input),
        (json!("LoadError"), "policies")
    );
    assert!(failure.problems.len() >= 2);
    assert_eq!(
        failure.problems[0].text,
        "mine.yaml:3:12: `time_zone`: unknown time zone `Asia/Seol` (did you mean `Asia/Seoul`?)"
    );
    assert_eq!(
        failure.message,
        failure
            .problems
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn validation_reports_problems_as_its_answer() {
    let answer = api::validate(&broken());
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["problems"][0]["line"], 3);
    assert_eq!(answer["problems"][0]["help"], "did you mean `Asia/Seoul`?");

    let builtin: Vec<SourceText> = serde_json::from_value(api::builtin_sources()).unwrap();
    let answer = api::validate(&builtin);
    assert_eq!(answer["ok"], true, "{answer}");
    assert_eq!(
        answer["providers"],
        json!(["portone_v2", "portone_v1", "bootpay", "toss_payments"])
    );
}

#[test]
fn custom_policies_decide_in_place_of_the_built_in_ones() {
    let builtin: Vec<SourceText> = serde_json::from_value(api::builtin_sources()).unwrap();
    let v2_only: Vec<SourceText> = builtin
        .into_iter()
        .filter(|s| s.name.ends_with("portone-v2.yaml"))
        .collect();
    let engine = api::engine(&v2_only).unwrap();
    let bootpay = r#"{"provider": "bootpay", "method": "card", "status": "paid", "amount": {"total": 1000},
        "paid_at": "2026-03-02T10:00:00+09:00"}"#;
    let decision = api::decide(
        &engine,
        DecideArgs {
            payment: bootpay,
            now: "2026-03-02T11:00:00+09:00",
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(decision["reasons"][0]["code"], "NO_POLICY");
}

#[test]
fn show_gives_each_policy_its_effective_rules_and_document() {
    let shown = refund_policy_js::show::show(&engine(), None).unwrap();
    let providers: Vec<&Value> = shown
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["provider"])
        .collect();
    assert_eq!(
        providers,
        ["portone_v2", "portone_v1", "bootpay", "toss_payments"]
    );
    let v2 = refund_policy_js::show::show(&engine(), Some(api::provider("portone_v2").unwrap()))
        .unwrap();
    let ksnet_card = v2[0]["effective"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["method"] == "card" && g["pgs"] == json!(["ksnet"]))
        .unwrap();
    assert!(
        ksnet_card["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["says"] == "within 6 months")
    );
    assert_eq!(v2[0]["document"]["time_zone"], "Asia/Seoul");
    let unknown = api::provider("portone").unwrap_err();
    assert_eq!(kind(&unknown), "UnknownProvider");
}

#[test]
fn cases_run_as_the_command_line_runs_them() {
    let case = "name: mobile payment refunded the next month in Korea\n\
                now: 2026-02-01T00:10:00+09:00\n\
                payment: { provider: portone_v2, method: mobile, status: paid, amount: { total: 10000 }, paid_at: 2026-01-31T23:30:00+09:00 }\n\
                request: { reason: 고객 요청 }\n\
                expect: { verdict: deny, reasons: [MONTH_CHANGED], notes: [MANUAL_REFUND] }\n";
    let outcome = api::check_case(&engine(), case, Lang::En).unwrap();
    assert_eq!(outcome["passed"], true, "{outcome}");
    assert_eq!(outcome["decision"]["reasons"][0]["code"], "MONTH_CHANGED");
    let wrong = case.replace("verdict: deny", "verdict: allow");
    let outcome = api::check_case(&engine(), &wrong, Lang::En).unwrap();
    assert_eq!(outcome["passed"], false);
    assert!(!outcome["mismatches"].as_array().unwrap().is_empty());
    let parts = api::read_case(case).unwrap();
    assert_eq!(parts["payment"]["method"], "mobile");
    assert_eq!(parts["expect"]["verdict"], "deny");
}

#[test]
fn a_failure_is_written_as_the_json_the_wrapper_reads() {
    let failure = api::lang("fr").unwrap_err();
    let written: Value = serde_json::from_str(&failure.to_json()).unwrap();
    assert_eq!(
        written,
        json!({"kind": "UnknownLanguage", "message": "unknown language `fr`, expected `ko` or `en`", "input": "lang"})
    );
    assert_eq!(Kind::LoadError, api::engine(&broken()).unwrap_err().kind);
}

#[test]
fn options_are_the_library_report_in_the_language_asked() {
    for (lang, name) in [(Lang::Ko, "ko"), (Lang::En, "en")] {
        let got = api::options(
            &engine(),
            OptionsArgs {
                payment: MOBILE,
                now: NEXT_DAY,
                lang: name,
                ..Default::default()
            },
        )
        .unwrap();
        let payment = input::payment(MOBILE).unwrap();
        let now = refund_policy::model::parse_instant(NEXT_DAY).unwrap();
        let options = engine().options(&payment, &Default::default(), now);
        assert_eq!(got, serde_json::to_value(options.report(lang)).unwrap());
        assert_eq!(got["refundable"], false);
        assert_eq!(got["blocking"][0]["code"], "MONTH_CHANGED");
    }
    let signed = api::options(
        &engine(),
        OptionsArgs {
            payment: MOBILE,
            merchant: "contracts: [mobile_next_month_refund]",
            now: NEXT_DAY,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(signed["refundable"], true);
    assert_eq!(signed["max_amount"], 10000);
}

#[test]
fn options_fail_with_the_kinds_decisions_fail_with() {
    let args = OptionsArgs {
        payment: MOBILE,
        now: NEXT_DAY,
        ..Default::default()
    };
    let fails = |args: OptionsArgs<'_>| kind(&api::options(&engine(), args).unwrap_err());
    assert_eq!(fails(OptionsArgs { lang: "ja", ..args }), "UnknownLanguage");
    assert_eq!(
        fails(OptionsArgs {
            now: "2026-02-01T00:10:00",
            ..args
        }),
        "InstantError"
    );
    assert_eq!(
        fails(OptionsArgs {
            payment_format: "portone",
            ..args
        }),
        "UnknownFormat"
    );
    assert_eq!(
        fails(OptionsArgs {
            payment: "method: crad",
            ..args
        }),
        "InputError"
    );
    let merchant = api::options(
        &engine(),
        OptionsArgs {
            merchant: "contracts: [mobile_next_month_refnd]",
            ..args
        },
    )
    .unwrap_err();
    assert_eq!(merchant.input, "merchant");
}

#[test]
fn option_cases_run_as_the_command_line_runs_them() {
    let case = "name: mobile payment the next month in Korea\n\
                now: 2026-02-01T00:10:00+09:00\n\
                payment: { provider: portone_v2, method: mobile, status: paid, amount: { total: 10000 }, paid_at: 2026-01-31T23:30:00+09:00 }\n\
                expect_options: { refundable: false, blocking: [MONTH_CHANGED], last_refundable_day: 2026-01-31 }\n";
    let outcome = api::check_options_case(&engine(), case, Lang::En).unwrap();
    assert_eq!(outcome["passed"], true, "{outcome}");
    assert_eq!(outcome["options"]["blocking"][0]["code"], "MONTH_CHANGED");
    let wrong = case.replace("refundable: false", "refundable: true");
    let outcome = api::check_options_case(&engine(), &wrong, Lang::En).unwrap();
    assert_eq!(outcome["passed"], false);
    let parts = api::read_options_case(case).unwrap();
    assert_eq!(parts["expect_options"]["refundable"], false);
    let not_an_option_case = api::read_options_case("name: x\n").unwrap_err();
    assert_eq!(not_an_option_case.input, "case");
}
