#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests assert on known inputs"
)]
#![allow(
    clippy::panic,
    reason = "a failing test names the fixture it failed on"
)]
#![allow(
    clippy::disallowed_methods,
    reason = "the test reads the fixture files"
)]

//! The adapters (`refund_policy::adapters`): every fixture under `tests/fixtures/<provider>/`
//! converts to the normalized form beside it (`<name>.expected.yaml`), and the decision made on
//! the converted input equals the one made on the normalized input. Cancel bodies are named
//! `<payment>.cancel-<what>.json` and go with the payment fixture `<payment>.json`.

use refund_policy::adapters::{self, Format, produced_ids};
use refund_policy::input::{self, InputError};
use refund_policy::model::{
    Bank, CancellationStatus, CardType, Funding, MerchantProfile, Method, Payment, PaymentStatus,
    Provider, RefundRequest, Requester, parse_instant,
};
use refund_policy::{Decision, Engine};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

const PROVIDERS: [(&str, Format); 4] = [
    ("portone_v2", Format::PortoneV2),
    ("portone_v1", Format::PortoneV1),
    ("bootpay", Format::Bootpay),
    ("toss_payments", Format::TossPayments),
];

fn engine() -> &'static Engine {
    Engine::builtin().expect("the built-in policies load")
}

fn merchant() -> MerchantProfile {
    input::merchant("contracts: [virtual_account_refund, mobile_next_month_refund]")
        .expect("a merchant profile")
}

fn decide(payment: &Payment, request: &RefundRequest) -> Decision {
    let now = parse_instant("2026-03-20T12:00:00+09:00").unwrap();
    engine().decide(payment, request, &merchant(), now)
}

fn dir(provider: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(provider)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The fixture's name without `.json`, for every JSON fixture of a provider, in name order.
fn fixtures(provider: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir(provider))
        .expect("the provider's fixture directory")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".json").map(str::to_owned))
        .collect();
    names.sort();
    names
}

fn payment_fixture(provider: &str, format: Format, name: &str) -> (Payment, Payment) {
    let dir = dir(provider);
    let converted = adapters::payment(format, &read(&dir.join(format!("{name}.json"))))
        .unwrap_or_else(|e| panic!("{provider}/{name}.json does not convert: {e}"));
    let expected = input::payment(&read(&dir.join(format!("{name}.expected.yaml"))))
        .unwrap_or_else(|e| panic!("{provider}/{name}.expected.yaml does not read: {e}"));
    (converted, expected)
}

#[test]
fn every_fixture_converts_to_its_normalized_form_and_decides_alike() {
    let mut payments = 0;
    let mut requests = 0;
    for (provider, format) in PROVIDERS {
        let names = fixtures(provider);
        assert!(
            names.len() >= 8,
            "{provider}: expected fixtures, found {names:?}"
        );
        for name in names.iter().filter(|n| !n.ends_with(".refused")) {
            let expected_path = dir(provider).join(format!("{name}.expected.yaml"));
            assert!(
                expected_path.exists(),
                "{provider}/{name}.json has no expected form"
            );
            match name.split_once(".cancel-") {
                None => {
                    let (converted, expected) = payment_fixture(provider, format, name);
                    assert_eq!(converted, expected, "{provider}/{name}.json");
                    let request = RefundRequest::default();
                    assert_eq!(
                        decide(&converted, &request),
                        decide(&expected, &request),
                        "{provider}/{name}.json decides differently"
                    );
                    payments += 1;
                }
                Some((payment_name, _)) => {
                    let (payment, normalized_payment) =
                        payment_fixture(provider, format, payment_name);
                    let text = read(&dir(provider).join(format!("{name}.json")));
                    let converted = adapters::request(format, &text, &payment, engine().policies())
                        .unwrap_or_else(|e| panic!("{provider}/{name}.json does not convert: {e}"));
                    let expected = input::request(&read(&expected_path))
                        .unwrap_or_else(|e| panic!("{provider}/{name}.expected.yaml: {e}"));
                    assert_eq!(converted, expected, "{provider}/{name}.json");
                    assert_eq!(
                        decide(&payment, &converted),
                        decide(&normalized_payment, &expected),
                        "{provider}/{name}.json decides differently"
                    );
                    requests += 1;
                }
            }
        }
    }
    assert!(payments >= 50, "{payments} payment fixtures");
    assert!(requests >= 10, "{requests} cancel-body fixtures");
}

#[test]
fn every_status_and_method_of_every_provider_has_a_fixture() {
    for (provider, format) in PROVIDERS {
        let mut statuses = Vec::new();
        let mut methods = Vec::new();
        for name in fixtures(provider) {
            if name.contains(".cancel-") || name.ends_with(".refused") {
                continue;
            }
            let (payment, _) = payment_fixture(provider, format, &name);
            statuses.push(payment.status);
            methods.push(payment.method);
        }
        let wanted_statuses: &[PaymentStatus] = match format {
            // V1 has no issued-virtual-account or pending status; Toss has no `ready` (READY is
            // read as pending); Bootpay has no `ready` either.
            Format::PortoneV1 => &[
                PaymentStatus::Ready,
                PaymentStatus::Paid,
                PaymentStatus::PartiallyCancelled,
                PaymentStatus::Cancelled,
                PaymentStatus::Failed,
            ],
            Format::Bootpay | Format::TossPayments => &[
                PaymentStatus::Pending,
                PaymentStatus::VirtualAccountIssued,
                PaymentStatus::Paid,
                PaymentStatus::PartiallyCancelled,
                PaymentStatus::Cancelled,
                PaymentStatus::Failed,
            ],
            _ => &PaymentStatus::ALL,
        };
        for status in wanted_statuses {
            assert!(
                statuses.contains(status),
                "{provider}: no fixture with status {status}"
            );
        }
        let wanted_methods: &[Method] = match format {
            Format::PortoneV2 => &Method::ALL,
            Format::Bootpay => &[
                Method::Card,
                Method::Transfer,
                Method::VirtualAccount,
                Method::Mobile,
                Method::EasyPay,
            ],
            _ => &[
                Method::Card,
                Method::Transfer,
                Method::VirtualAccount,
                Method::Mobile,
                Method::EasyPay,
                Method::GiftCertificate,
            ],
        };
        for method in wanted_methods {
            assert!(
                methods.contains(method),
                "{provider}: no fixture with method {method}"
            );
        }
    }
}

fn payment(format: Format, text: &str) -> Payment {
    adapters::payment(format, text).unwrap_or_else(|e| panic!("does not convert: {e}"))
}

fn payment_error(format: Format, text: &str) -> String {
    match adapters::payment(format, text) {
        Ok(payment) => panic!("converted, to {payment:?}"),
        Err(e) => e.to_string(),
    }
}

fn request_error(format: Format, text: &str, payment: &Payment) -> String {
    match adapters::request(format, text, payment, engine().policies()) {
        Ok(request) => panic!("converted, to {request:?}"),
        Err(e) => e.to_string(),
    }
}

fn fixture_payment(provider: &str, format: Format, name: &str) -> Payment {
    payment_fixture(provider, format, name).0
}

fn fixture_text(provider: &str, name: &str) -> String {
    read(&dir(provider).join(format!("{name}.json")))
}

/// A fixture's JSON with one field replaced, for error cases.
fn with(provider: &str, name: &str, pointer: &str, value: serde_json::Value) -> String {
    let mut json: serde_json::Value = serde_json::from_str(&fixture_text(provider, name)).unwrap();
    *json.pointer_mut(pointer).unwrap() = value;
    json.to_string()
}

// ---------------------------------------------------------------------------------- V2

#[test]
fn portone_v2_reads_both_spellings_of_pending() {
    for spelling in ["PAY_PENDING", "PENDING"] {
        let text = with("portone_v2", "card-paid", "/status", spelling.into());
        assert_eq!(
            payment(Format::PortoneV2, &text).status,
            PaymentStatus::Pending
        );
    }
}

#[test]
fn portone_v2_amounts_are_minor_units() {
    let usd = fixture_payment("portone_v2", Format::PortoneV2, "easy-pay-paypal-usd");
    assert_eq!(usd.amount.total, Decimal::new(1255, 1));
    let jpy = fixture_payment(
        "portone_v2",
        Format::PortoneV2,
        "convenience-store-pay-pending-jpy",
    );
    assert_eq!(jpy.amount.total, Decimal::from(3300));
    let text = with("portone_v2", "card-paid", "/amount/total", "32000.5".into());
    let error = payment_error(Format::PortoneV2, &text);
    assert!(
        error.contains("`amount.total`") && error.contains("32000.5"),
        "{error}"
    );
}

#[test]
fn portone_v2_names_an_unknown_status_method_or_funding() {
    let text = with("portone_v2", "card-paid", "/status", "REFUNDED".into());
    let error = payment_error(Format::PortoneV2, &text);
    assert!(
        error.starts_with("`status`: unknown value `REFUNDED`"),
        "{error}"
    );

    let text = with(
        "portone_v2",
        "card-paid",
        "/method/type",
        "PaymentMethodPoint".into(),
    );
    let error = payment_error(Format::PortoneV2, &text);
    assert!(
        error.starts_with("`method.type`: unknown value `PaymentMethodPoint`"),
        "{error}"
    );

    let text = with(
        "portone_v2",
        "easy-pay-kakaopay-charge",
        "/method/easyPayMethod/type",
        "PaymentMethodEasyPayMethodPoint".into(),
    );
    let error = payment_error(Format::PortoneV2, &text);
    assert!(error.contains("`method.easyPayMethod.type`"), "{error}");
    assert!(error.contains("PaymentMethodEasyPayMethodPoint"), "{error}");

    let text = with(
        "portone_v2",
        "card-paid",
        "/method",
        serde_json::Value::Null,
    );
    let error = payment_error(Format::PortoneV2, &text);
    assert!(error.starts_with("`method`: missing"), "{error}");

    let text = with(
        "portone_v2",
        "easy-pay-provider-from-pg",
        "/channel/pgProvider",
        "INICIS_V2".into(),
    );
    let error = payment_error(Format::PortoneV2, &text);
    assert!(error.starts_with("`method.provider`: missing"), "{error}");
}

#[test]
fn portone_v2_cancel_body_is_strict() {
    let payment = fixture_payment("portone_v2", Format::PortoneV2, "card-paid");
    let error = request_error(
        Format::PortoneV2,
        r#"{"reason": "고객 요청", "amout": 1000}"#,
        &payment,
    );
    assert!(error.contains("unknown field `amout`"), "{error}");
    assert!(error.contains("did you mean `amount`?"), "{error}");
    let error = request_error(
        Format::PortoneV2,
        r#"{"reason": "고객 요청", "refundAccount": {"bank": "SHINHAN_BANK"}}"#,
        &payment,
    );
    assert!(
        error.contains("`refundAccount.bank`: unknown value `SHINHAN_BANK`"),
        "{error}"
    );
}

#[test]
fn portone_v2_a_card_is_known_by_its_type_or_its_points() {
    let mut json: serde_json::Value =
        serde_json::from_str(&fixture_text("portone_v2", "card-paid")).unwrap();
    json["method"].as_object_mut().unwrap().remove("pointUsed");
    let card = payment(Format::PortoneV2, &json.to_string()).card;
    assert_eq!(
        card.map(|c| (c.card_type, c.point_used)),
        Some((Some(CardType::Credit), false))
    );
    json["method"]["card"]
        .as_object_mut()
        .unwrap()
        .remove("type");
    assert_eq!(payment(Format::PortoneV2, &json.to_string()).card, None);
    json["method"]["pointUsed"] = true.into();
    let card = payment(Format::PortoneV2, &json.to_string()).card;
    assert_eq!(
        card.map(|c| (c.card_type, c.point_used)),
        Some((None, true))
    );
}

#[test]
fn portone_v2_any_one_refund_account_member_is_an_account() {
    let payment = fixture_payment("portone_v2", Format::PortoneV2, "virtual-account-paid");
    for member in [
        r#""bank": "SHINHAN""#,
        r#""number": "123""#,
        r#""holderName": "홍길동""#,
        r#""holderPhoneNumber": "01012345678""#,
    ] {
        let body = format!(r#"{{"reason": "고객 요청", "refundAccount": {{{member}}}}}"#);
        let read =
            adapters::request(Format::PortoneV2, &body, &payment, engine().policies()).unwrap();
        assert!(read.refund_account.is_some(), "{member}");
    }
    let none = adapters::request(
        Format::PortoneV2,
        r#"{"reason": "고객 요청", "refundAccount": {"bank": null, "number": null}}"#,
        &payment,
        engine().policies(),
    )
    .unwrap();
    assert_eq!(none.refund_account, None);
}

#[test]
fn portone_v2_names_each_gift_certificate_type() {
    use refund_policy::model::GiftCertificateType as Type;
    for (kind, certificate) in [
        ("BOOKNLIFE", Some(Type::Booknlife)),
        ("SMART_MUNSANG", Some(Type::SmartMunsang)),
        ("CULTURELAND", Some(Type::Cultureland)),
        ("HAPPYMONEY", Some(Type::Happymoney)),
        ("CULTUREGIFT", Some(Type::Culturegift)),
        ("TEEN_CASH", None),
    ] {
        let text = with(
            "portone_v2",
            "gift-certificate-paid",
            "/method/giftCertificateType",
            kind.into(),
        );
        let payment = payment(Format::PortoneV2, &text);
        assert_eq!(
            payment.gift_certificate.and_then(|g| g.certificate_type),
            certificate,
            "{kind}"
        );
    }
}

// ---------------------------------------------------------------------------------- V1

#[test]
fn portone_v1_error_envelope_is_an_error_naming_code_and_message() {
    let text = r#"{"code": -1, "message": "존재하지 않는 결제정보입니다.", "response": null}"#;
    let error = payment_error(Format::PortoneV1, text);
    assert!(
        error.starts_with("`code`: PortOne V1 answered with error code `-1`"),
        "{error}"
    );
    assert!(error.contains("존재하지 않는 결제정보입니다."), "{error}");
    let error = payment_error(
        Format::PortoneV1,
        r#"{"code": 0, "message": null, "response": null}"#,
    );
    assert!(error.starts_with("`response`: missing"), "{error}");
}

#[test]
fn portone_v1_names_an_unknown_pay_method_or_status() {
    let text = with(
        "portone_v1",
        "api-reference-vbank-paid",
        "/response/pay_method",
        "bitcoin".into(),
    );
    let error = payment_error(Format::PortoneV1, &text);
    assert!(
        error.starts_with("`response.pay_method`: unknown PortOne V1 payment method `bitcoin`"),
        "{error}"
    );
    let text = with(
        "portone_v1",
        "api-reference-vbank-paid",
        "/response/status",
        "refunded".into(),
    );
    let error = payment_error(Format::PortoneV1, &text);
    assert!(
        error.starts_with("`response.status`: unknown value `refunded`"),
        "{error}"
    );
    // `point` without an easy-pay PG does not say which service it was.
    let text = with(
        "portone_v1",
        "card-debit-bare",
        "/pay_method",
        "point".into(),
    );
    let error = payment_error(Format::PortoneV1, &text);
    assert!(
        error.starts_with("`pay_method`: `point` through PG `kcp`"),
        "{error}"
    );
}

#[test]
fn portone_v1_api_reference_schema_placeholders_are_refused_by_name() {
    // The V1 API reference's example response model, verbatim placeholders
    // (https://api.iamport.kr/#!/payments/cancelPayment): nothing in it is a payment.
    let text = r#"{"code": 0, "message": "string", "response": {"imp_uid": "string",
        "pay_method": "string", "pg_provider": "string", "escrow": true, "card_type": "null",
        "amount": 0, "cancel_amount": 0, "currency": "string", "status": "ready",
        "paid_at": 0, "cancel_history": [{"pg_tid": "string", "amount": 0, "cancelled_at": 0,
        "reason": "string", "receipt_url": "string"}]}}"#;
    let error = payment_error(Format::PortoneV1, text);
    assert!(error.starts_with("`response.currency`"), "{error}");
    assert!(error.contains("`string`"), "{error}");
}

#[test]
fn portone_v1_amount_zero_is_a_full_cancel_and_bank_codes_are_per_pg() {
    let payment = fixture_payment("portone_v1", Format::PortoneV1, "api-reference-vbank-paid");
    let request = adapters::request(
        Format::PortoneV1,
        r#"{"amount": 0, "refund_bank": "88", "refund_holder": "홍길동", "refund_account": "123"}"#,
        &payment,
        engine().policies(),
    )
    .unwrap();
    assert_eq!(request.amount, None);
    assert_eq!(request.refund_account.unwrap().bank, Some(Bank::Shinhan));
    // "088" is Shinhan in the 3-digit table, not in KG Inicis's, which the error names.
    let error = request_error(Format::PortoneV1, r#"{"refund_bank": "088"}"#, &payment);
    assert!(
        error.starts_with(
            "`refund_bank`: unknown bank code `088` for portone_v1 at PG `html5_inicis` (bank-code table `KG이니시스`)"
        ),
        "{error}"
    );
    let error = request_error(
        Format::PortoneV1,
        r#"{"cancel_request_amount": 2000}"#,
        &payment,
    );
    assert!(
        error.contains("unknown field `cancel_request_amount`"),
        "{error}"
    );
    let error = request_error(
        Format::PortoneV1,
        r#"{"extra": {"requestor": "customer"}}"#,
        &payment,
    );
    assert!(error.contains("unknown field `requestor`"), "{error}");
}

#[test]
fn portone_v1_vbank_refund_from_the_api_reference_decides() {
    let payment = fixture_payment("portone_v1", Format::PortoneV1, "api-reference-vbank-paid");
    let text = fixture_text("portone_v1", "api-reference-vbank-paid.cancel-refund");
    let request =
        adapters::request(Format::PortoneV1, &text, &payment, engine().policies()).unwrap();
    let decision = decide(&payment, &request);
    assert!(decision.is_allowed(), "{:?}", decision.reason_codes());
    let notes: Vec<String> = decision
        .note_codes()
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    assert!(notes.contains(&"REFUND_FEE".to_owned()), "{notes:?}");
}

#[test]
fn portone_v1_paid_at_may_be_blank_but_not_negative_nor_of_another_type() {
    let read = |value: serde_json::Value| {
        adapters::payment(
            Format::PortoneV1,
            &with("portone_v1", "card-debit-bare", "/paid_at", value),
        )
    };
    for none in [
        "".into(),
        "  ".into(),
        "null".into(),
        0.into(),
        serde_json::Value::Null,
    ] {
        let paid_at = read(none.clone()).map(|p| p.paid_at);
        assert!(matches!(paid_at, Ok(None)), "{none}: {paid_at:?}");
    }
    let negative = read((-5).into()).unwrap_err().to_string();
    assert!(
        negative.contains("`-5` is not UNIX seconds: it is negative"),
        "{negative}"
    );
    let wrong = read(true.into()).unwrap_err().to_string();
    assert!(wrong.contains("UNIX seconds (0 for none)"), "{wrong}");
}

#[test]
fn portone_v1_card_type_of_another_type_is_unknown_and_null_is_no_card() {
    for value in [true.into(), (-1).into(), 2.into()] {
        let text = with("portone_v1", "card-debit-bare", "/card_type", value);
        let error = payment_error(Format::PortoneV1, &text);
        assert!(
            error.starts_with(
                "`card_type`: unknown card type (PortOne V1 documents 0 (credit) and 1 (check))"
            ),
            "{error}"
        );
    }
    let text = with(
        "portone_v1",
        "card-debit-bare",
        "/card_type",
        serde_json::Value::Null,
    );
    // No type and a domestic card: nothing known about the card.
    assert_eq!(payment(Format::PortoneV1, &text).card, None);
}

#[test]
fn portone_v1_names_each_gift_certificate_its_pay_method_stands_for() {
    use refund_policy::model::GiftCertificateType as Type;
    for (pay_method, certificate) in [
        ("cultureland", Type::Cultureland),
        ("smartculture", Type::SmartMunsang),
        ("booknlife", Type::Booknlife),
        ("culturegift", Type::Culturegift),
    ] {
        let text = with(
            "portone_v1",
            "cultureland-paid",
            "/response/pay_method",
            pay_method.into(),
        );
        let payment = payment(Format::PortoneV1, &text);
        assert_eq!(payment.method, Method::GiftCertificate, "{pay_method}");
        assert_eq!(
            payment.gift_certificate.and_then(|g| g.certificate_type),
            Some(certificate),
            "{pay_method}"
        );
    }
}

#[test]
fn portone_v1_suggests_the_pay_method_meant() {
    let text = with(
        "portone_v1",
        "card-debit-bare",
        "/pay_method",
        "vbnak".into(),
    );
    let error = payment_error(Format::PortoneV1, &text);
    assert!(
        error.starts_with(
            "`pay_method`: unknown PortOne V1 payment method `vbnak` (did you mean `vbank`?)"
        ),
        "{error}"
    );
}

#[test]
fn portone_v1_a_blank_or_null_pg_is_no_pg() {
    for blank in ["", " ", "null", "NULL"] {
        let text = with(
            "portone_v1",
            "card-debit-bare",
            "/pg_provider",
            blank.into(),
        );
        let pg = adapters::payment(Format::PortoneV1, &text).map(|p| p.pg);
        assert!(matches!(pg, Ok(None)), "{blank:?}: {pg:?}");
    }
}

#[test]
fn portone_v1_a_refund_holder_alone_is_a_refund_account() {
    let payment = fixture_payment("portone_v1", Format::PortoneV1, "api-reference-vbank-paid");
    let read = adapters::request(
        Format::PortoneV1,
        r#"{"refund_holder": "홍길동"}"#,
        &payment,
        engine().policies(),
    )
    .unwrap();
    let account = read
        .refund_account
        .expect("an account, to be found incomplete");
    assert_eq!(account.holder_name.as_deref(), Some("홍길동"));
    assert_eq!((account.bank, account.number), (None, None));
}

#[test]
fn portone_v1_any_one_refund_member_is_a_refund_account() {
    let payment = fixture_payment("portone_v1", Format::PortoneV1, "api-reference-vbank-paid");
    for body in [
        r#"{"refund_account": "123"}"#,
        r#"{"refund_tel": "01012345678"}"#,
    ] {
        let read =
            adapters::request(Format::PortoneV1, body, &payment, engine().policies()).unwrap();
        assert!(read.refund_account.is_some(), "{body}");
    }
}

// ---------------------------------------------------------------------------------- Bootpay

#[test]
fn bootpay_cancel_page_receipt_is_already_cancelled() {
    let payment = fixture_payment("bootpay", Format::Bootpay, "cancel-page-cancelled");
    let decision = decide(&payment, &RefundRequest::default());
    let codes: Vec<String> = decision
        .reason_codes()
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    assert_eq!(codes, ["ALREADY_CANCELLED"]);
    let error = decision.reasons()[0].provider_error().unwrap();
    assert_eq!(error.name.as_ref(), "RC_ALREADY_CANCELLED");
}

#[test]
fn bootpay_cancel_price_zero_is_invalid_amount() {
    let payment = fixture_payment("bootpay", Format::Bootpay, "card-paid");
    let text = fixture_text("bootpay", "card-paid.cancel-price-zero");
    let request = adapters::request(Format::Bootpay, &text, &payment, engine().policies()).unwrap();
    assert_eq!(request.amount, Some(Decimal::ZERO));
    let codes: Vec<String> = decide(&payment, &request)
        .reason_codes()
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    assert!(codes.contains(&"INVALID_AMOUNT".to_owned()), "{codes:?}");
}

#[test]
fn bootpay_names_an_unknown_status_method_pg_or_bank_code() {
    let text = with("bootpay", "card-paid", "/status", 49.into());
    let error = payment_error(Format::Bootpay, &text);
    assert!(
        error.starts_with("`status`: unknown Bootpay status `49`"),
        "{error}"
    );
    let text = with("bootpay", "card-paid", "/method_symbol", "auth".into());
    let error = payment_error(Format::Bootpay, &text);
    assert!(
        error.starts_with("`method_symbol`: unknown Bootpay payment method `auth`"),
        "{error}"
    );
    let text = with("bootpay", "card-paid", "/pg", "헥토파이낸셜".into());
    let error = payment_error(Format::Bootpay, &text);
    assert!(
        error.starts_with("`pg`: unknown Bootpay PG `헥토파이낸셜`"),
        "{error}"
    );
    let text = with("bootpay", "card-paid", "/status", 20.into());
    let error = payment_error(Format::Bootpay, &text);
    assert!(
        error.starts_with("`cancelled_price`: `0` on a cancelled receipt"),
        "{error}"
    );

    let payment = fixture_payment("bootpay", Format::Bootpay, "vbank-paid");
    let error = request_error(
        Format::Bootpay,
        r#"{"refund": {"bank_account": "1", "bank_username": "홍길동", "bank_code": "88"}}"#,
        &payment,
    );
    assert!(
        error.starts_with("`refund.bank_code`: unknown bank code `88` for bootpay"),
        "{error}"
    );
    let error = request_error(Format::Bootpay, r#"{"cancel_prcie": 1000}"#, &payment);
    assert!(error.contains("unknown field `cancel_prcie`"), "{error}");
    assert!(error.contains("did you mean `cancel_price`?"), "{error}");
}

#[test]
fn an_adapter_error_names_its_field_apart_from_its_problem() {
    let text = with("bootpay", "card-paid", "/status", 49.into());
    let error = adapters::payment(Format::Bootpay, &text).unwrap_err();
    match error.kind() {
        refund_policy::input::InputErrorKind::Invalid { path, problem } => {
            assert_eq!(path, "status");
            assert!(
                problem.starts_with("unknown Bootpay status `49`"),
                "{problem}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bootpay_cancel_in_progress_is_a_pending_cancellation() {
    let payment = fixture_payment("bootpay", Format::Bootpay, "card-cancel-in-progress");
    assert_eq!(
        payment.cancellations[0].status,
        CancellationStatus::Requested
    );
    let codes: Vec<String> = decide(&payment, &RefundRequest::default())
        .reason_codes()
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    assert!(
        codes.contains(&"CANCELLATION_PENDING".to_owned()),
        "{codes:?}"
    );
}

#[test]
fn bootpay_cancel_in_progress_after_a_partial_cancel_is_partially_cancelled() {
    let text = with(
        "bootpay",
        "card-cancel-in-progress",
        "/cancelled_price",
        6000.into(),
    );
    let payment = payment(Format::Bootpay, &text);
    assert_eq!(payment.status, PaymentStatus::PartiallyCancelled);
    assert_eq!(payment.balance(), Some(Decimal::from(30000)));
}

#[test]
fn bootpay_card_data_without_a_card_type_counts_only_when_points_paid() {
    let untyped = with(
        "bootpay",
        "card-paid",
        "/card_data/card_type",
        serde_json::Value::Null,
    );
    assert_eq!(payment(Format::Bootpay, &untyped).card, None);
    let mut json: serde_json::Value = serde_json::from_str(&untyped).unwrap();
    *json.pointer_mut("/card_data/point").unwrap() = 500.into();
    let card = payment(Format::Bootpay, &json.to_string()).card;
    assert_eq!(
        card.map(|c| (c.card_type, c.point_used)),
        Some((None, true))
    );
}

#[test]
fn bootpay_refund_with_one_account_member_is_an_account() {
    let payment = fixture_payment("bootpay", Format::Bootpay, "vbank-paid");
    // Only the Ruby SDK's all-null `refund` is no account; a partial one is an account that
    // the refund-account rule then finds incomplete.
    let account = |body: &str| {
        adapters::request(Format::Bootpay, body, &payment, engine().policies())
            .unwrap()
            .refund_account
            .map(|a| (a.bank, a.number, a.holder_name))
    };
    assert_eq!(
        account(r#"{"refund": {"bank_account": "1", "bank_username": null, "bank_code": null}}"#),
        Some((None, Some("1".to_owned()), None))
    );
    assert_eq!(
        account(
            r#"{"refund": {"bank_account": null, "bank_username": "홍길동", "bank_code": null}}"#
        ),
        Some((None, None, Some("홍길동".to_owned())))
    );
}

// ---------------------------------------------------------------------------------- Toss

#[test]
fn toss_derives_cancelled_and_tax_free_from_the_balance() {
    let payment = fixture_payment(
        "toss_payments",
        Format::TossPayments,
        "card-partial-canceled",
    );
    assert_eq!(payment.balance(), Some(Decimal::from(20000)));
    assert_eq!(payment.tax_free_balance(), Some(Decimal::from(2000)));
}

#[test]
fn toss_a_card_is_known_by_its_type_its_points_or_its_issuer() {
    let untyped = with(
        "toss_payments",
        "card-done",
        "/card/cardType",
        serde_json::Value::Null,
    );
    let mut json: serde_json::Value = serde_json::from_str(&untyped).unwrap();
    json["card"]["useCardPoint"] = true.into();
    let card = payment(Format::TossPayments, &json.to_string()).card;
    assert_eq!(
        card.map(|c| (c.card_type, c.point_used, c.foreign)),
        Some((None, true, false))
    );
}

#[test]
fn toss_cancel_body_currency_must_be_the_payments() {
    let payment = fixture_payment("toss_payments", Format::TossPayments, "card-done");
    let same = adapters::request(
        Format::TossPayments,
        r#"{"cancelReason": "고객 요청", "currency": "KRW"}"#,
        &payment,
        engine().policies(),
    );
    assert!(same.is_ok(), "{same:?}");
    let error = request_error(
        Format::TossPayments,
        r#"{"cancelReason": "고객 요청", "currency": "USD"}"#,
        &payment,
    );
    assert!(
        error.starts_with("`currency`: `USD` differs from the payment's currency `KRW`"),
        "{error}"
    );
}

#[test]
fn toss_any_one_refund_account_member_is_an_account() {
    let payment = fixture_payment(
        "toss_payments",
        Format::TossPayments,
        "virtual-account-done",
    );
    for member in [
        r#""bank": "88""#,
        r#""accountNumber": "123""#,
        r#""holderName": "홍길동""#,
    ] {
        let body =
            format!(r#"{{"cancelReason": "고객 요청", "refundReceiveAccount": {{{member}}}}}"#);
        let read =
            adapters::request(Format::TossPayments, &body, &payment, engine().policies()).unwrap();
        assert!(read.refund_account.is_some(), "{member}");
    }
}

#[test]
fn a_payment_with_code_and_message_fields_is_still_a_payment() {
    // Only an answer without a payment's own keys is an error response.
    let mut json: serde_json::Value =
        serde_json::from_str(&fixture_text("toss_payments", "card-done")).unwrap();
    json["code"] = "SOME_CODE".into();
    json["message"] = "a note".into();
    let read = adapters::payment(Format::TossPayments, &json.to_string());
    assert!(read.is_ok(), "{read:?}");
    // An error code without a message is not an error response either.
    let error = payment_error(Format::TossPayments, r#"{"code": "NOT_FOUND_PAYMENT"}"#);
    assert!(!error.contains("error response"), "{error}");
}

#[test]
fn a_portone_v1_success_envelope_is_no_error_response() {
    let payment = fixture_payment("portone_v1", Format::PortoneV1, "api-reference-vbank-paid");
    let error = request_error(
        Format::PortoneV1,
        r#"{"code": 0, "message": "ok"}"#,
        &payment,
    );
    assert!(!error.contains("error response"), "{error}");
    let error = request_error(
        Format::PortoneV1,
        r#"{"code": -1, "message": "no such payment"}"#,
        &payment,
    );
    assert!(
        error.contains("an error response from PortOne V1") && error.contains("no such payment"),
        "{error}"
    );
}

#[test]
fn toss_names_an_unknown_method_status_service_or_bank_code() {
    let text = with("toss_payments", "card-done", "/method", "포인트".into());
    let error = payment_error(Format::TossPayments, &text);
    assert!(
        error.starts_with("`method`: unknown value `포인트`"),
        "{error}"
    );
    let text = with(
        "toss_payments",
        "card-done",
        "/status",
        "PARTIAL_REFUNDED".into(),
    );
    let error = payment_error(Format::TossPayments, &text);
    assert!(
        error.starts_with("`status`: unknown value `PARTIAL_REFUNDED`"),
        "{error}"
    );
    let text = with(
        "toss_payments",
        "easy-pay-tosspay",
        "/easyPay/provider",
        "머니페이".into(),
    );
    let error = payment_error(Format::TossPayments, &text);
    assert!(
        error.starts_with("`easyPay.provider`: unknown Toss easy-pay service `머니페이`"),
        "{error}"
    );
    let text = with(
        "toss_payments",
        "card-ready",
        "/method",
        serde_json::Value::Null,
    );
    let error = payment_error(Format::TossPayments, &text);
    assert!(error.starts_with("`method`: missing"), "{error}");

    let payment = fixture_payment(
        "toss_payments",
        Format::TossPayments,
        "virtual-account-done",
    );
    let error = request_error(
        Format::TossPayments,
        r#"{"cancelReason": "품절", "refundReceiveAccount": {"bank": "088", "accountNumber": "1", "holderName": "박토스"}}"#,
        &payment,
    );
    assert!(
        error.starts_with("`refundReceiveAccount.bank`: unknown bank code `088` for toss_payments"),
        "{error}"
    );
    let error = request_error(
        Format::TossPayments,
        r#"{"cancelReason": "x", "cancelAmout": 1}"#,
        &payment,
    );
    assert!(error.contains("unknown field `cancelAmout`"), "{error}");
    let error = request_error(
        Format::TossPayments,
        r#"{"cancelReason": "x", "idempotencyKey": "k"}"#,
        &payment,
    );
    assert!(error.contains("unknown field `idempotencyKey`"), "{error}");
}

// ---------------------------------------------------------------------------------- all

#[test]
fn a_cancel_body_must_match_the_payment_provider() {
    let payment = fixture_payment("toss_payments", Format::TossPayments, "card-done");
    let error = request_error(Format::Bootpay, r#"{"cancel_price": 1000}"#, &payment);
    assert!(
        error.starts_with(
            "the cancel body is read as `bootpay` but the payment is a `toss_payments` payment"
        ),
        "{error}"
    );
    // The normalized request goes with any payment.
    let request = adapters::request(
        Format::Normalized,
        "amount: 1000",
        &payment,
        engine().policies(),
    )
    .unwrap();
    assert_eq!(request.amount, Some(Decimal::from(1000)));
}

#[test]
fn easy_pay_funding_is_read_where_the_provider_reports_it() {
    let cases = [
        (
            "portone_v2",
            Format::PortoneV2,
            "easy-pay-kakaopay-charge",
            Some(Funding::Money),
        ),
        (
            "portone_v2",
            Format::PortoneV2,
            "easy-pay-naverpay-card-escrow",
            Some(Funding::Card),
        ),
        (
            "portone_v2",
            Format::PortoneV2,
            "easy-pay-tosspay-transfer",
            Some(Funding::Transfer),
        ),
        (
            "portone_v2",
            Format::PortoneV2,
            "easy-pay-provider-from-pg",
            None,
        ),
        (
            "portone_v1",
            Format::PortoneV1,
            "kakaopay-point",
            Some(Funding::Money),
        ),
        ("bootpay", Format::Bootpay, "npay-card", Some(Funding::Card)),
        (
            "toss_payments",
            Format::TossPayments,
            "easy-pay-tosspay",
            None,
        ),
    ];
    for (provider, format, name, funding) in cases {
        let payment = fixture_payment(provider, format, name);
        assert_eq!(
            payment.easy_pay.unwrap().funding,
            funding,
            "{provider}/{name}"
        );
    }
}

#[test]
fn normalized_format_is_the_contract_reader() {
    let text = "provider: portone_v2\nmethod: card\nstatus: paid\namount: { total: 1000 }\n";
    assert_eq!(
        payment(Format::Normalized, text),
        input::payment(text).unwrap()
    );
    let error: InputError =
        adapters::payment(Format::Normalized, "provider: portone_v2\nmethod: crad\n").unwrap_err();
    assert!(error.message().contains("`method`"), "{error}");
}

// ---------------------------------------------------------------------------------- refused

/// Every `<name>.refused.json` is refused with an error containing each line of
/// `<name>.refused.txt`. A name with `.cancel-` is a cancel body for the payment `<payment>.json`;
/// under `normalized/`, a name starting with `request-` is a request.
#[test]
fn every_refused_fixture_is_refused_with_its_message() {
    let mut refused = 0;
    let all = PROVIDERS
        .iter()
        .copied()
        .chain([("normalized", Format::Normalized)]);
    for (provider, format) in all {
        for name in fixtures(provider)
            .iter()
            .filter_map(|n| n.strip_suffix(".refused"))
        {
            let text = fixture_text(provider, &format!("{name}.refused"));
            let wanted = read(&dir(provider).join(format!("{name}.refused.txt")));
            let error = match name.split_once(".cancel-") {
                Some((payment_name, _)) => {
                    let payment = fixture_payment(provider, format, payment_name);
                    request_error(format, &text, &payment)
                }
                None if name.starts_with("request-") => {
                    let payment =
                        fixture_payment("toss_payments", Format::TossPayments, "card-done");
                    request_error(format, &text, &payment)
                }
                None => payment_error(format, &text),
            };
            for line in wanted.lines().filter(|l| !l.trim().is_empty()) {
                assert!(
                    error.contains(line),
                    "{provider}/{name}: `{line}` not in: {error}"
                );
            }
            assert_eq!(error.lines().count(), 1, "{provider}/{name}: {error}");
            refused += 1;
        }
    }
    assert!(refused >= 12, "{refused} refused fixtures");
}

/// The normalized fixtures (`normalized/<name>.json`) read as their expected form, and decide
/// alike: ids in any case, banks by Korean name or KFTC code.
#[test]
fn normalized_fixtures_read_as_their_canonical_form() {
    let mut read_count = 0;
    for name in fixtures("normalized")
        .iter()
        .filter(|n| !n.ends_with(".refused"))
    {
        let text = fixture_text("normalized", name);
        let expected = read(&dir("normalized").join(format!("{name}.expected.yaml")));
        if name.starts_with("request-") {
            let payment = fixture_payment("toss_payments", Format::TossPayments, "card-done");
            let request =
                adapters::request(Format::Normalized, &text, &payment, engine().policies())
                    .unwrap_or_else(|e| panic!("normalized/{name}: {e}"));
            assert_eq!(
                request,
                input::request(&expected).unwrap(),
                "normalized/{name}"
            );
        } else {
            let payment = payment(Format::Normalized, &text);
            let expected = input::payment(&expected).unwrap();
            assert_eq!(payment, expected, "normalized/{name}");
            let request = RefundRequest::default();
            assert_eq!(decide(&payment, &request), decide(&expected, &request));
        }
        read_count += 1;
    }
    assert!(read_count >= 5, "{read_count} normalized fixtures");
}

/// The issue's cases: a PG or easy-pay id in upper case must not turn a deny into an allow,
/// nor the other way round.
#[test]
fn the_case_of_pg_and_easy_pay_ids_does_not_change_the_decision() {
    let now = parse_instant("2026-03-03T12:00:00+09:00").unwrap();
    let decide_at = |text: &str| {
        let payment = input::payment(text).unwrap();
        engine().decide(&payment, &RefundRequest::default(), &merchant(), now)
    };
    let card = |pg: &str| {
        format!(
            "{{provider: portone_v2, pg: {pg}, method: card, status: paid, \
             amount: {{total: 10000}}, paid_at: 2025-08-01T10:00:00+09:00}}"
        )
    };
    let lower = decide_at(&card("ksnet"));
    assert!(!lower.is_allowed(), "KSNET's six months have passed");
    assert_eq!(decide_at(&card("KSNET")), lower);
    assert_eq!(decide_at(&card("KsNet")), lower);

    let naverpay = |service: &str| {
        format!(
            "{{provider: bootpay, pg: npay, method: easy_pay, easy_pay: {{provider: {service}}}, \
             status: paid, amount: {{total: 10000}}, paid_at: 2025-01-10T10:00:00+09:00}}"
        )
    };
    let lower = decide_at(&naverpay("naverpay"));
    assert!(lower.is_allowed(), "{:?}", lower.reason_codes());
    assert_eq!(decide_at(&naverpay("NAVERPAY")), lower);

    // Through the PortOne V2 adapter, `pgProvider` is PortOne's upper-case enum value.
    let text = with(
        "portone_v2",
        "card-paid",
        "/channel/pgProvider",
        "KCP_V3".into(),
    );
    assert_eq!(
        payment(Format::PortoneV2, &text).pg.as_deref(),
        Some("kcp_v3")
    );
}

/// Every id an adapter's own tables produce is one its provider's built-in policy knows, so
/// that the rules written for it apply.
#[test]
fn adapters_produce_only_ids_their_policy_knows() {
    for (_, format) in PROVIDERS {
        let provider = format.provider().unwrap();
        let document = engine().policies().document(provider).unwrap();
        // Toss Payments is its own PG and lists none.
        let pgs = document
            .pgs
            .as_ref()
            .map(|p| p.known.clone())
            .unwrap_or_default();
        let services = &document.easy_pay_providers.as_ref().unwrap().known;
        let ids = produced_ids(format);
        for pg in &ids.pgs {
            // PortOne V1's table also reads `emb_pg_provider`, the easy-pay hub, whose values
            // are service ids.
            let hub = format == Format::PortoneV1 && services.iter().any(|k| k == pg);
            assert!(
                hub || pgs.iter().any(|k| k == pg),
                "{provider}: PG `{pg}` is not in pgs.known"
            );
        }
        for service in &ids.easy_pay_services {
            assert!(
                services.iter().any(|k| k == service),
                "{provider}: service `{service}` is not in easy_pay_providers.known"
            );
        }
        assert!(
            !ids.easy_pay_services.is_empty(),
            "{provider}: the adapter maps easy-pay names"
        );
    }
}

#[test]
fn vocabularies_read_their_ids_and_list_them_when_unknown() {
    for provider in Provider::ALL {
        assert_eq!(provider.id().parse::<Provider>(), Ok(provider));
    }
    for method in Method::ALL {
        assert_eq!(method.to_string().parse::<Method>(), Ok(method));
    }
    for format in Format::ALL {
        assert_eq!(format.id().parse::<Format>(), Ok(format));
    }
    for bank in Bank::ALL {
        assert_eq!(bank.name().parse::<Bank>(), Ok(*bank));
        assert_eq!(bank.korean_name().parse::<Bank>(), Ok(*bank));
        if let Some(code) = bank.kftc_code() {
            assert_eq!(code.parse::<Bank>(), Ok(*bank), "{code}");
        }
    }
    assert_eq!(Method::ALL.len(), Method::COUNT);
    assert_eq!(Bank::ALL.len(), 79);
    assert_eq!(
        "toss".parse::<Format>().unwrap_err().to_string(),
        "unknown format `toss`, expected one of `normalized`, `portone_v2`, `portone_v1`, \
         `bootpay`, `toss_payments`"
    );
    assert_eq!(
        "credt".parse::<CardType>().unwrap_err().to_string(),
        "unknown card type `credt`, expected one of `credit`, `debit`, `gift`, `prepaid` \
         (did you mean `credit`?)"
    );
    assert_eq!(
        "ADMIN".parse::<Requester>().unwrap_err().to_string(),
        "unknown requester `ADMIN`, expected one of `customer`, `admin` (did you mean `admin`?)"
    );
    for (text, bank) in [
        ("국민", Bank::Kookmin),
        ("국민은행", Bank::Kookmin),
        ("004", Bank::Kookmin),
        ("하나(외환)", Bank::Hana),
        ("축협", Bank::LocalNonghyup),
        ("농협", Bank::Nonghyup),
        ("SC제일", Bank::StandardChartered),
        ("한국씨티", Bank::Citi),
        ("산림", Bank::Nfcf),
        ("토스뱅크", Bank::Toss),
    ] {
        assert_eq!(text.parse::<Bank>(), Ok(bank), "{text}");
    }
}

#[test]
fn payment_parts_the_decision_does_not_need_never_fail_the_read() {
    // Toss API 1.3 writes `easyPay` as a string; on an easy pay it names the service.
    let text = with(
        "toss_payments",
        "easy-pay-tosspay",
        "/easyPay",
        "토스페이".into(),
    );
    let payment = payment(Format::TossPayments, &text);
    assert_eq!(payment.easy_pay.unwrap().provider, "tosspay");
    // A card object of an unknown shape is no matter for a virtual account...
    let text = with(
        "toss_payments",
        "virtual-account-done",
        "/card",
        "카드 아님".into(),
    );
    assert_eq!(
        payment_of(Format::TossPayments, &text).method,
        Method::VirtualAccount
    );
    // ...but a card payment's card is read strictly, and the error says why.
    let text = with(
        "toss_payments",
        "card-done",
        "/card/cardType",
        "선불".into(),
    );
    let error = payment_error(Format::TossPayments, &text);
    assert!(
        error.starts_with("`card.cardType`: unknown value `선불`"),
        "{error}"
    );
    let text = with(
        "portone_v1",
        "api-reference-vbank-paid",
        "/response/card_type",
        9.into(),
    );
    assert_eq!(
        payment_of(Format::PortoneV1, &text).method,
        Method::VirtualAccount
    );
    let text = with("portone_v1", "card-debit-bare", "/card_type", 9.into());
    let error = payment_error(Format::PortoneV1, &text);
    assert!(
        error.starts_with("`card_type`: unknown card type"),
        "{error}"
    );
    let text = with_key("bootpay", "vbank-paid", "card_data", serde_json::json!([]));
    assert_eq!(
        payment_of(Format::Bootpay, &text).method,
        Method::VirtualAccount
    );
    let text = with(
        "bootpay",
        "card-paid",
        "/card_data",
        serde_json::json!("none"),
    );
    let error = payment_error(Format::Bootpay, &text);
    assert!(error.starts_with("`card_data`"), "{error}");
}

fn payment_of(format: Format, text: &str) -> Payment {
    payment(format, text)
}

/// A fixture's JSON with a top-level key set (added if absent).
fn with_key(provider: &str, name: &str, key: &str, value: serde_json::Value) -> String {
    let mut json: serde_json::Value = serde_json::from_str(&fixture_text(provider, name)).unwrap();
    json.as_object_mut().unwrap().insert(key.to_owned(), value);
    json.to_string()
}
