//! Reading payments, requests and merchant profiles: exact amounts, required offsets, and
//! one-line errors that name the field and the value.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests stop at the first broken expectation"
)]

use refund_policy::Engine;
use refund_policy::input::{merchant, payment, request};
use refund_policy::model::{Bank, Currency, MerchantProfile, Method, PaymentStatus, Provider};
use rust_decimal::Decimal;
use std::str::FromStr;

fn error(result: Result<impl std::fmt::Debug, refund_policy::input::InputError>) -> String {
    result.expect_err("the input should not read").to_string()
}

const PAYMENT: &str = "provider: portone_v2\nmethod: card\nstatus: paid\namount: { total: 10000 }\npaid_at: 2026-01-31T23:30:00+09:00\n";

#[test]
fn a_payment_reads_with_its_defaults() {
    let p = payment(PAYMENT).expect("reads");
    assert_eq!(
        (p.provider, p.method, p.status),
        (Provider::PortoneV2, Method::Card, PaymentStatus::Paid)
    );
    assert_eq!(p.currency, Currency::KRW);
    assert_eq!(p.amount.cancelled, Decimal::ZERO);
    assert!(!p.escrow);
    assert_eq!(
        p.paid_at.map(|t| t.to_rfc3339()),
        Some("2026-01-31T14:30:00+00:00".to_owned())
    );
}

#[test]
fn amounts_are_read_exactly_from_json_and_yaml_numbers_and_strings() {
    let digits = "1234567890123.45678901";
    let exact = Decimal::from_str(digits).expect("a decimal");
    for text in [
        format!(
            r#"{{"provider":"portone_v2","method":"card","status":"paid","currency":"USD","amount":{{"total":{digits}}}}}"#
        ),
        format!(
            "provider: portone_v2\nmethod: card\nstatus: paid\ncurrency: USD\namount: {{ total: {digits} }}\n"
        ),
        format!(
            "provider: portone_v2\nmethod: card\nstatus: paid\ncurrency: USD\namount: {{ total: '{digits}' }}\n"
        ),
    ] {
        assert_eq!(payment(&text).expect("reads").amount.total, exact, "{text}");
    }
    // 0.1 + 0.2 is 0.3 when read as decimals.
    let r = request(r#"{"amount": 0.1, "tax_free_amount": 0.2}"#).expect("reads");
    assert_eq!(
        r.amount.zip(r.tax_free_amount).map(|(a, b)| a + b),
        Some(Decimal::from_str("0.3").expect("decimal"))
    );
}

/// An amount handed over by another serde format: integers of any width (negative ones
/// too, which the engine then refuses) are read exactly and beyond the limit refused, a value
/// of the wrong type names what an amount is, and a null request amount is refused even where
/// serde's buffer (an untagged enum around the request) turns null into a unit.
#[test]
fn amounts_from_other_serde_formats_are_exact_and_a_null_request_amount_stays_refused() {
    use refund_policy::model::{RefundRequest, amount};
    use serde::de::value::{
        BoolDeserializer, Error, I64Deserializer, I128Deserializer, MapDeserializer,
        U128Deserializer,
    };
    let read_i64 = |v: i64| amount::deserialize(I64Deserializer::<Error>::new(v)).ok();
    let read_i128 = |v: i128| amount::deserialize(I128Deserializer::<Error>::new(v)).ok();
    assert_eq!(read_i64(-1000), Some(Decimal::from(-1000)));
    assert_eq!(read_i128(1000), Some(Decimal::from(1000)));
    assert_eq!(read_i128(10_i128.pow(19)), None);
    let read_u128 = |v: u128| amount::deserialize(U128Deserializer::<Error>::new(v)).ok();
    assert_eq!(read_u128(1000), Some(Decimal::from(1000)));
    // serde_json with `arbitrary_precision` hands a number over as its digits in a map.
    let digits = MapDeserializer::<_, Error>::new(
        [("$serde_json::private::Number", "1234567890123.45678901")].into_iter(),
    );
    assert_eq!(
        amount::deserialize(digits).ok(),
        Decimal::from_str("1234567890123.45678901").ok()
    );
    // Without it a fraction arrives as a binary float, and any other map is no amount.
    let float = serde_json::from_str::<RefundRequest>(r#"{"amount": 0.1}"#).unwrap_err();
    assert!(
        float.to_string().contains("arrived as a binary float"),
        "{float}"
    );
    assert!(serde_json::from_str::<RefundRequest>(r#"{"amount": {"total": "1"}}"#).is_err());
    // A format that hands an optional field over as a plain value (serde's own value
    // deserializers do) and gives one of the wrong type is told what the field takes.
    let wrong = || BoolDeserializer::<Error>::new(true);
    for refused in [
        amount::option::deserialize(wrong()).unwrap_err(),
        amount::given::deserialize(wrong()).unwrap_err(),
    ] {
        assert!(
            refused.to_string().contains("a decimal amount"),
            "{refused}"
        );
    }
    let instant = refund_policy::model::instant::option::deserialize(wrong()).unwrap_err();
    assert!(
        instant.to_string().contains("an RFC 3339 instant"),
        "{instant}"
    );
    // Of the right type, the plain value is the amount or instant it reads as.
    use serde::de::value::{StrDeserializer, U64Deserializer};
    let five = || StrDeserializer::<Error>::new("5000.5");
    let five_thousand_and_a_half = Decimal::from_str("5000.5").ok();
    assert_eq!(
        amount::option::deserialize(five()).ok().flatten(),
        five_thousand_and_a_half
    );
    assert_eq!(
        amount::given::deserialize(five()).ok().flatten(),
        five_thousand_and_a_half
    );
    let whole = amount::option::deserialize(U64Deserializer::<Error>::new(5000));
    assert_eq!(whole.ok().flatten(), Some(Decimal::from(5000)));
    let at = StrDeserializer::<Error>::new("2026-03-10T10:00:00+09:00");
    let at = refund_policy::model::instant::option::deserialize(at)
        .ok()
        .flatten();
    assert_eq!(
        at.map(|t| t.to_rfc3339()).as_deref(),
        Some("2026-03-10T01:00:00+00:00")
    );
    let negative: RefundRequest = serde_json::from_str(r#"{"amount": -1000}"#).unwrap();
    assert_eq!(negative.amount, Some(Decimal::from(-1000)));

    assert_eq!(
        error(request("{amount: true}")),
        "`amount`: expected a decimal amount (a number or a string of digits), found boolean `true` at line 1, column 10"
    );

    #[derive(serde::Deserialize, Debug)]
    #[serde(untagged)]
    enum Buffered {
        Request(#[allow(dead_code, reason = "only whether it reads matters")] RefundRequest),
    }
    assert!(serde_json::from_str::<Buffered>(r#"{"amount": 5000}"#).is_ok());
    assert!(serde_json::from_str::<Buffered>(r#"{"amount": null}"#).is_err());
}

#[test]
fn account_numbers_and_phones_keep_their_digits() {
    let r = request("refund_account: { bank: SHINHAN, number: 056211105948400, holder_name: 홍길동, holder_phone: 01012345678 }").expect("reads");
    let account = r.refund_account.expect("an account");
    assert_eq!(account.number.as_deref(), Some("056211105948400"));
    assert_eq!(account.holder_phone.as_deref(), Some("01012345678"));
    assert_eq!(account.bank, Some(Bank::Shinhan));
}

#[test]
fn errors_name_the_field_and_the_value() {
    let cases = [
        (
            PAYMENT.replace("method: card", "method: crad"),
            "`method`: unknown value `crad` (did you mean `card`?) at line 2, column 9",
        ),
        (
            PAYMENT.replace("method: card", "method: { card: 1 }"),
            "`method`: expected no value after `card`, found the number `1` at line 2, column 17",
        ),
        (
            PAYMENT.replace("status: paid", "status: payed"),
            "`status`: unknown value `payed` (did you mean `paid`?) at line 3, column 9",
        ),
        (
            PAYMENT.replace("{ total: 10000 }", "{ totl: 10000 }"),
            "in `amount`: unknown field `totl` (did you mean `total`?) at line 4, column 11",
        ),
        (
            PAYMENT.replace("{ total: 10000 }", "{ total: ten }"),
            "`amount.total`: `ten` is not a decimal amount at line 4, column 18",
        ),
        (
            PAYMENT.replace("{ total: 10000 }", "{ total: 1e30 }"),
            "`amount.total`: `1e30` is out of range: amounts are at most 10^18 at line 4, column 18",
        ),
        (
            PAYMENT.replace("+09:00", ""),
            "`paid_at`: `2026-01-31T23:30:00` has no offset: write the instant with one, such as `2026-01-31T23:30:00+09:00` at line 5, column 10",
        ),
        (
            PAYMENT.replace("2026-01-31T23:30:00+09:00", "[2026-01-31]"),
            "`paid_at`: expected an RFC 3339 instant with an offset, found a list at line 5, column 10",
        ),
        (
            PAYMENT.replace("provider: portone_v2\n", ""),
            "missing field `provider` at line 1, column 1",
        ),
        (
            PAYMENT.replace("{ total: 10000 }", "{ tax_free: 0 }"),
            "in `amount`: missing field `total` at line 4, column 9",
        ),
        (
            format!("{PAYMENT}currency: WON\n"),
            "`currency`: unknown currency `WON`: expected an ISO 4217 code such as `KRW` or `USD` at line 6, column 11",
        ),
        (
            format!("{PAYMENT}currency: [KRW]\n"),
            "`currency`: expected an ISO 4217 currency code, found a list at line 6, column 11",
        ),
        (
            format!("{PAYMENT}escrow: yes\n"),
            "`escrow`: expected a boolean, found the text `yes` at line 6, column 9",
        ),
        (
            format!("{PAYMENT}easy_pay: {{ provider: kakaopay }}\n"),
            "`easy_pay` is given with method `card`: it belongs only to method `easy_pay`",
        ),
        (
            PAYMENT.replace("method: card", "method: easy_pay"),
            "`easy_pay` is required with method `easy_pay`: give at least `easy_pay.provider`",
        ),
        (
            format!("{PAYMENT}provider: bootpay\n"),
            "duplicate key `provider` (first given at line 1) at line 6, column 1",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(error(payment(&text)), expected, "{text}");
    }
    assert_eq!(
        error(request("refund_account: { bank: SHINHANN }")),
        "`refund_account.bank`: unknown value `SHINHANN` (did you mean `SHINHAN`?) at line 1, column 25"
    );
    // A bank of the wrong type says which names a bank may be given by.
    assert_eq!(
        error(request("refund_account: { bank: [SHINHAN] }")),
        "`refund_account.bank`: expected a bank name of PortOne V2's `Bank` enum such as \
         `SHINHAN`, a Korean bank name such as `신한은행`, or a KFTC bank code such as `088`, \
         found a list at line 1, column 25"
    );
    assert_eq!(
        error(request("amonut: 3000")),
        "unknown field `amonut` (did you mean `amount`?) at line 1, column 1"
    );
}

#[test]
fn an_empty_request_cancels_everything_and_an_empty_merchant_has_no_contracts() {
    assert_eq!(request("").expect("reads"), Default::default());
    assert_eq!(request("{}").expect("reads"), Default::default());
    assert_eq!(merchant("").expect("reads"), MerchantProfile::default());
}

#[test]
fn merchant_contracts_must_exist_in_the_policies() {
    let engine = Engine::builtin().expect("loads");
    let profile =
        merchant("contracts: [virtual_account_refund, mobile_next_month_refnd]").expect("reads");
    let error = engine
        .check_merchant(&profile)
        .expect_err("an unknown contract");
    assert_eq!(
        error.to_string(),
        "`contracts[1]`: unknown contract id `mobile_next_month_refnd` (did you mean `mobile_next_month_refund`?)"
    );
    assert!(
        engine
            .check_merchant(&merchant("contracts: [virtual_account_refund]").expect("reads"))
            .is_ok()
    );
}

#[test]
fn malformed_text_is_an_error_with_its_position() {
    let e = payment("{\"provider\": \"portone_v2\",").expect_err("malformed");
    assert!(e.location().is_some());
    let e = payment("[1, 2]").expect_err("not a map");
    assert_eq!(
        e.to_string(),
        "expected a map of fields, found a list at line 1, column 1"
    );
}

#[test]
fn an_error_place_prints_as_line_and_column() {
    let e = payment("provider: portone_v2\nmethod: card\nstatus: payd\n").expect_err("a typo");
    let at = e.location().expect("a place");
    assert_eq!(at.to_string(), "3:9");
}

/// One input for each kind of input error, and how it reads: the snapshot pins the wording of
/// every kind, so a change to a message shows up in review.
#[test]
fn every_kind_of_input_error_reads_as_pinned() {
    use refund_policy::input::{InputError, InputErrorKind};
    let engine = Engine::builtin().expect("the built-in policies");
    let unknown_contract = engine
        .check_merchant(&merchant("contracts: [virtual_acount_refund]").expect("reads"))
        .expect_err("an unknown contract");
    let cases: Vec<(&str, InputError)> = vec![
        ("syntax", request("amount: [1").unwrap_err()),
        ("limit", request(&"[".repeat(100)).unwrap_err()),
        (
            "duplicate key",
            request("amount: 1\namount: 2").unwrap_err(),
        ),
        (
            "missing field",
            payment("provider: portone_v2\nmethod: card\nstatus: paid").unwrap_err(),
        ),
        ("unknown field", request("amout: 1").unwrap_err()),
        (
            "unknown value",
            payment(&PAYMENT.replace("status: paid", "status: payed")).unwrap_err(),
        ),
        ("wrong type", request("reason: [a, b]").unwrap_err()),
        ("number: form", request("amount: 0x10").unwrap_err()),
        ("number: precision", request("amount: 1e-29").unwrap_err()),
        ("number: range", request("amount: 1e19").unwrap_err()),
        ("number: not a number", request("amount: ten").unwrap_err()),
        ("null", request("amount: null").unwrap_err()),
        (
            "invalid",
            payment(&PAYMENT.replace("+09:00", "")).unwrap_err(),
        ),
        (
            "inconsistent",
            payment(&format!("{PAYMENT}easy_pay: {{ provider: kakaopay }}\n")).unwrap_err(),
        ),
        ("unknown contract", unknown_contract),
    ];
    let mut seen = std::collections::BTreeSet::new();
    let mut text = String::new();
    for (name, error) in &cases {
        let kind = match error.kind() {
            InputErrorKind::Syntax { .. } => "Syntax",
            InputErrorKind::Limit { .. } => "Limit",
            InputErrorKind::DuplicateKey { .. } => "DuplicateKey",
            InputErrorKind::MissingField { .. } => "MissingField",
            InputErrorKind::UnknownField { .. } => "UnknownField",
            InputErrorKind::UnknownValue { .. } => "UnknownValue",
            InputErrorKind::WrongType { .. } => "WrongType",
            InputErrorKind::Number { .. } => "Number",
            InputErrorKind::Null { .. } => "Null",
            InputErrorKind::Invalid { .. } => "Invalid",
            InputErrorKind::Inconsistent { .. } => "Inconsistent",
            InputErrorKind::UnknownContract { .. } => "UnknownContract",
            other => panic!("a kind the test does not know: {other:?}"),
        };
        seen.insert(kind);
        text += &format!("## {name}\n{:?}\n{error}\n\n", error.kind());
    }
    assert_eq!(seen.len(), 12, "every kind has an example: {seen:?}");
    insta::assert_snapshot!("input_error_kinds", text);
}

#[test]
fn errors_carry_kinds_with_the_field_the_value_and_the_suggestion() {
    use refund_policy::input::InputErrorKind;
    let error = payment(&PAYMENT.replace("method: card", "method: crad")).unwrap_err();
    match error.kind() {
        InputErrorKind::UnknownValue {
            path,
            value,
            expected,
            suggestion,
        } => {
            assert_eq!((path.as_str(), value.as_str()), ("method", "crad"));
            assert!(
                expected.iter().any(|e| e == "virtual_account"),
                "{expected:?}"
            );
            assert_eq!(suggestion.as_deref(), Some("card"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(error.help(), Some("did you mean `card`?"));
    assert_eq!(error.location().map(|l| (l.line, l.column)), Some((2, 9)));
    let error = request("refund_account: { bank: SHINHAN, numbr: '1' }").unwrap_err();
    assert!(
        matches!(
            error.kind(),
            InputErrorKind::UnknownField { path, field, suggestion, .. }
                if path == "refund_account" && field == "numbr" && suggestion.as_deref() == Some("number")
        ),
        "{error:?}"
    );
    let error = request("amount: 1\namount: 2").unwrap_err();
    assert!(
        matches!(error.kind(), InputErrorKind::DuplicateKey { key, first } if key == "amount" && first.line == 1),
        "{error:?}"
    );
    assert_eq!(error.location().map(|l| l.line), Some(2));
}

#[test]
fn an_unknown_value_or_contract_lists_the_known_ones_and_a_null_amount_says_what_to_do() {
    let help = |e: refund_policy::input::InputError| e.help().map(str::to_owned);
    let amount = refund_policy::input::request("{amount: null}").unwrap_err();
    assert_eq!(
        help(amount).as_deref(),
        Some("leave `amount` out to refund everything that remains")
    );
    // The same in a case file, where the request is one part of the document.
    let case = refund_policy::Case::from_text(
        "name: n\nnow: 2026-03-05T10:00:00+09:00\npayment: {provider: portone_v2, method: card, \
         status: paid, amount: {total: 1000}, paid_at: 2026-03-02T10:00:00+09:00}\n\
         request: {amount: null}\nexpect: {verdict: allow}\n",
    )
    .err()
    .map(|e| e.to_string());
    assert!(
        case.as_deref()
            .is_some_and(|e| e.contains("leave `amount` out to refund everything that remains")),
        "{case:?}"
    );
    let provider = refund_policy::input::payment(
        "{provider: zzzzzz, method: card, status: paid, amount: {total: 1000}}",
    )
    .unwrap_err();
    assert_eq!(
        help(provider).as_deref(),
        Some("expected one of `portone_v2`, `portone_v1`, `bootpay`, `toss_payments`")
    );
    // Too many banks to list, and none close to the text.
    let bank = refund_policy::input::request("{refund_account: {bank: zzzzzzzzzz}}").unwrap_err();
    assert!(bank.to_string().contains("zzzzzzzzzz"), "{bank}");
    assert_eq!(help(bank), None);
    let engine = refund_policy::Engine::builtin().unwrap();
    let contract = engine
        .check_merchant(&refund_policy::input::merchant("contracts: [zzzzzzzzzz]").unwrap())
        .unwrap_err();
    assert_eq!(
        help(contract).as_deref(),
        Some(
            "the policies define `mobile_next_month_refund`, `partial_refund_service`, \
             `virtual_account_refund`"
        )
    );
}

/// An engine over one policy of Toss Payments whose `contracts` section is `contracts`.
fn engine_with_contracts(contracts: &str) -> Engine {
    let policy = format!(
        "policy: mine\nprovider: toss_payments\ntime_zone: Asia/Seoul\nsources:\n  \
         guide: {{ title: the provider's guide }}\n{contracts}{}methods:\n  card:\n    \
         deadline: {{ within: 1 year, source: guide }}\n",
        include_str!("fixtures/policies/provider-errors.yaml")
    );
    Engine::from_sources(&[refund_policy::PolicySource::new("mine.yaml", &policy)])
        .expect("the policy loads")
}

#[test]
fn an_unknown_contract_names_the_only_one_defined_and_nothing_when_none_is() {
    let unknown = merchant("contracts: [zzzzzzzzzz]").unwrap();
    let one = engine_with_contracts(
        "contracts:\n  partial_service: { ko: 부분취소 서비스, en: partial-cancel service, \
         source: guide }\n",
    );
    let error = one.check_merchant(&unknown).unwrap_err();
    assert_eq!(error.help(), Some("expected `partial_service`"));
    let none = engine_with_contracts("");
    let error = none.check_merchant(&unknown).unwrap_err();
    assert!(error.to_string().contains("zzzzzzzzzz"), "{error}");
    assert_eq!(error.help(), None);
}
