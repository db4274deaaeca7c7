//! The PGs' documented rules that need more than a table: the taxable part of a partial
//! cancel, the merchant's unsettled sales, payment amounts finer than their currency, cash
//! receipts, convenience stores at KG Inicis Japan, escrow after purchase confirmation and
//! gift-certificate kinds. The numbers, rule ids and provider errors behind each.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests stop at the first broken expectation"
)]

mod support;

use refund_policy::decision::{Circumstance, PaymentProblem, ReasonDetails};
use refund_policy::input;
use refund_policy::messages::{Lang, reason_message};
use refund_policy::model::{
    Currency, EscrowStatus, GiftCertificate, GiftCertificateType, MerchantProfile, Method, Payment,
    Provider, RefundRequest,
};
use rust_decimal::Decimal;
use support::*;

const PAID: &str = "2026-03-02T10:00:00+09:00";
const NOW: &str = "2026-03-05T10:00:00+09:00";

fn partly_tax_free() -> Payment {
    let mut card = with_pg(v2(Method::Card, PAID), "kcp_v2");
    card.amount.tax_free = won(5000);
    card
}

fn provider_error(decision: &refund_policy::decision::Decision) -> Option<String> {
    decision.reasons()[0]
        .provider_error()
        .map(ToString::to_string)
}

#[test]
fn portone_v2_refuses_a_taxable_part_above_the_taxable_balance() {
    let decision = decide(&partly_tax_free(), &partial(8000), NOW);
    assert_eq!(codes(&decision), ["TAXABLE_EXCEEDS_CANCELLABLE"]);
    let reason = &decision.reasons()[0];
    assert_eq!(reason.rule().as_str(), "portone_v2 › taxable_balance_check");
    assert_eq!(
        provider_error(&decision).as_deref(),
        Some("CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT")
    );
    assert_eq!(
        reason.details(),
        &ReasonDetails::TaxableExceedsCancellable {
            taxable: won(8000),
            taxable_balance: won(5000),
        }
    );
    assert_eq!(
        reason_message(reason, Currency::KRW, Lang::En),
        "the taxable part of this partial refund, KRW 8,000, exceeds the taxable balance of KRW 5,000: give the tax-free part as `tax_free_amount`"
    );
    assert_eq!(
        reason_message(reason, Currency::KRW, Lang::Ko),
        "부분 취소의 과세 금액 8,000원이 취소 가능한 과세 잔액 5,000원을 넘습니다. 면세 금액은 tax_free_amount로 보내세요"
    );

    // Exactly the taxable balance passes; the tax-free part named moves the rest out of it.
    assert!(decide(&partly_tax_free(), &partial(5000), NOW).is_allowed());
    let mut named = partial(8000);
    named.tax_free_amount = Some(won(3000));
    assert!(decide(&partly_tax_free(), &named, NOW).is_allowed());
}

#[test]
fn the_taxable_check_is_an_amount_rule_and_judges_partial_cancels_only() {
    // A full cancel is not judged by its taxable part.
    assert!(decide(&partly_tax_free(), &reason(), NOW).is_allowed());
    // An invalid amount skips it (contract §4.1).
    let mut invalid = partial(8000);
    invalid.vat_amount = Some(won(-1));
    assert_eq!(
        codes(&decide(&partly_tax_free(), &invalid, NOW)),
        ["INVALID_AMOUNT"]
    );
}

#[test]
fn only_portone_v2_checks_the_taxable_part() {
    for provider in [
        Provider::PortoneV1,
        Provider::Bootpay,
        Provider::TossPayments,
    ] {
        let mut card = payment(provider, Method::Card, 10000, PAID);
        card.pg = (provider == Provider::Bootpay).then(|| "kcp".to_owned());
        card.amount.tax_free = won(5000);
        let decision = decide(&card, &partial(8000), NOW);
        assert!(
            !codes(&decision).contains(&"TAXABLE_EXCEEDS_CANCELLABLE"),
            "{provider}: {:?}",
            codes(&decision)
        );
    }
}

fn owed(amount: i64) -> MerchantProfile {
    input::merchant(&format!("unsettled_sales: {amount}")).expect("a merchant profile")
}

#[test]
fn a_refund_above_the_unsettled_sales_is_refused_with_each_providers_error() {
    let cases = [
        (Provider::PortoneV2, Some("kcp_v2"), Some("PG_PROVIDER")),
        (Provider::PortoneV1, Some("kcp"), None),
        (
            Provider::Bootpay,
            Some("kcp"),
            Some("RC_CANCEL_SERVER_ERROR (2032)"),
        ),
        (Provider::TossPayments, None, None),
    ];
    for (provider, pg, error) in cases {
        let mut card = payment(provider, Method::Card, 10000, PAID);
        card.pg = pg.map(str::to_owned);
        let short = decide_for(&card, &reason(), &owed(9999), NOW);
        assert_eq!(codes(&short), ["UNSETTLED_SALES_SHORT"], "{provider}");
        let found = &short.reasons()[0];
        assert_eq!(
            found.rule().as_str(),
            format!("{} › common › unsettled_sales", provider.id())
        );
        assert_eq!(provider_error(&short).as_deref(), error, "{provider}");
        assert_eq!(
            found.details(),
            &ReasonDetails::UnsettledSalesShort {
                requested: won(10000),
                unsettled_sales: won(9999),
            }
        );
        assert!(decide_for(&card, &reason(), &owed(10000), NOW).is_allowed());
        // Without the field nothing changes.
        assert!(decide(&card, &reason(), NOW).is_allowed());
    }
}

#[test]
fn the_unsettled_sales_message_names_both_amounts() {
    let card = with_pg(v2(Method::Card, PAID), "kcp_v2");
    let decision = decide_for(&card, &partial(3000), &owed(2000), NOW);
    let reason = &decision.reasons()[0];
    assert_eq!(
        reason_message(reason, Currency::KRW, Lang::Ko),
        "환불 금액 3,000원이 PG가 가맹점에 정산할 미정산 금액 2,000원을 넘습니다. PG는 미정산 매출에서 환불금을 차감합니다"
    );
    assert_eq!(
        reason_message(reason, Currency::KRW, Lang::En),
        "the refund of KRW 3,000 exceeds the KRW 2,000 the PG still owes the merchant: the PG nets refunds against unsettled sales"
    );
}

#[test]
fn an_invalid_amount_skips_the_unsettled_sales_check() {
    let card = with_pg(v2(Method::Card, PAID), "kcp_v2");
    let request = RefundRequest {
        amount: Some(Decimal::new(5, 1)),
        ..reason()
    };
    let decision = decide_for(&card, &request, &owed(0), NOW);
    assert_eq!(codes(&decision), ["INVALID_AMOUNT"]);
}

#[test]
fn negative_unsettled_sales_are_an_input_error_naming_the_field() {
    let error = input::merchant("unsettled_sales: -5").expect_err("negative");
    assert!(
        error
            .to_string()
            .contains("`unsettled_sales` cannot be negative, found `-5`"),
        "{error}"
    );
    assert_eq!(
        input::merchant("unsettled_sales: \"1000.5\"")
            .expect("exact")
            .unsettled_sales,
        Some(Decimal::new(10005, 1))
    );
}

#[test]
fn a_payment_amount_finer_than_its_currency_is_invalid_payment() {
    let mut card = with_pg(v2(Method::Card, PAID), "kcp_v2");
    card.amount.total = Decimal::new(100005, 1);
    let decision = decide(&card, &reason(), NOW);
    assert_eq!(codes(&decision), ["INVALID_PAYMENT"]);
    let ReasonDetails::InvalidPayment { problems } = decision.reasons()[0].details() else {
        panic!("unexpected details");
    };
    assert_eq!(
        problems,
        &[PaymentProblem::TooPrecise {
            field: "amount.total".to_owned(),
            amount: Decimal::new(100005, 1),
            currency: Currency::KRW,
            decimals: 0,
        }]
    );
    assert_eq!(
        reason_message(&decision.reasons()[0], Currency::KRW, Lang::En),
        "the payment contradicts itself: `amount.total` is `10000.5`, but KRW allows 0 decimal places"
    );
    // Trailing zeros are not finer: 10000.0 won is 10,000 won.
    card.amount.total = Decimal::new(100000, 1);
    assert!(decide(&card, &reason(), NOW).is_allowed());
}

#[test]
fn ksnet_and_smartro_v2_leave_the_cash_receipt_to_the_merchant() {
    let ksnet = with_pg(v2(Method::Transfer, PAID), "ksnet");
    let decision = decide(&ksnet, &reason(), NOW);
    assert!(decision.is_allowed());
    assert_eq!(notes(&decision), ["CASH_RECEIPT_NOT_CANCELLED"]);
    assert_eq!(
        decision.notes()[0].rule().as_str(),
        "portone_v2 › transfer › pg ksnet › cash_receipt_not_cancelled"
    );
    let smartro = with_pg(v2(Method::Transfer, PAID), "smartro_v2");
    assert_eq!(
        notes(&decide(&smartro, &reason(), NOW)),
        ["CASH_RECEIPT_NOT_CANCELLED"]
    );
    // Other PGs, and KSNET's cards, which carry no cash receipt.
    let kcp = with_pg(v2(Method::Transfer, PAID), "kcp_v2");
    assert!(notes(&decide(&kcp, &reason(), NOW)).is_empty());
    let card = with_pg(v2(Method::Card, PAID), "ksnet");
    assert!(!notes(&decide(&card, &reason(), NOW)).contains(&"CASH_RECEIPT_NOT_CANCELLED"));
}

#[test]
fn convenience_stores_are_refused_at_inicis_jp_and_have_no_policy_elsewhere() {
    for provider in [Provider::PortoneV2, Provider::PortoneV1] {
        let store = payment(provider, Method::ConvenienceStore, 10000, PAID);
        let japan = decide(&with_pg(store.clone(), "inicis_jp"), &reason(), NOW);
        assert_eq!(codes(&japan), ["REFUND_NOT_SUPPORTED"]);
        assert_eq!(notes(&japan), ["MANUAL_REFUND"]);
        assert_eq!(
            japan.reasons()[0].rule().as_str(),
            format!(
                "{} › convenience_store › pg inicis_jp › refund_not_supported",
                provider.id()
            )
        );
        // Elsewhere exactly what it was: NO_POLICY alone, with the method's id and details,
        // even when the request lacks what the policy's other rules ask for.
        for pg in [Some("kcp"), None] {
            let mut other = store.clone();
            other.pg = pg.map(str::to_owned);
            let decision = decide(&other, &RefundRequest::default(), NOW);
            assert_eq!(codes(&decision), ["NO_POLICY"], "{provider} {pg:?}");
            let reason = &decision.reasons()[0];
            assert_eq!(
                reason.rule().as_str(),
                format!("{} › convenience_store", provider.id())
            );
            assert_eq!(
                reason.details(),
                &ReasonDetails::NoPolicy {
                    provider,
                    method: Method::ConvenienceStore,
                    easy_pay_provider: None,
                }
            );
        }
    }
}

fn escrow(pg: &str, status: Option<EscrowStatus>) -> Payment {
    let mut card = with_pg(v2(Method::Card, PAID), pg);
    card.escrow = status.is_none();
    card.escrow_status = status;
    card
}

#[test]
fn nice_refuses_every_cancel_once_the_escrow_purchase_is_confirmed() {
    let confirmed = decide(
        &escrow("nice_v2", Some(EscrowStatus::Confirmed)),
        &reason(),
        NOW,
    );
    assert_eq!(codes(&confirmed), ["REFUND_NOT_SUPPORTED"]);
    assert_eq!(
        confirmed.reasons()[0].details(),
        &ReasonDetails::RefundNotSupported {
            because: vec![Circumstance::EscrowStatus(EscrowStatus::Confirmed)].into(),
        }
    );
    assert_eq!(
        confirmed.reasons()[0].rule().as_str(),
        "portone_v2 › pg nice_v2 › refund_not_supported"
    );
    // Both languages name where the escrow stands.
    assert_eq!(
        reason_message(&confirmed.reasons()[0], Currency::KRW, Lang::Ko),
        "제공사를 통해 환불할 수 없는 결제입니다(구매 확정된 에스크로 결제)"
    );
    assert_eq!(
        reason_message(&confirmed.reasons()[0], Currency::KRW, Lang::En),
        "the provider cannot refund this payment (escrow payment whose purchase is confirmed)"
    );
    // Before confirmation a full cancel goes through, a partial one does not.
    let before = escrow("nice_v2", None);
    assert!(decide(&before, &reason(), NOW).is_allowed());
    assert!(codes(&decide(&before, &partial(3000), NOW)).contains(&"PARTIAL_CANCEL_NOT_SUPPORTED"));
}

#[test]
fn nice_v2_virtual_accounts_keep_the_escrow_refusal() {
    let mut account = escrow("nice_v2", Some(EscrowStatus::Confirmed));
    account.method = Method::VirtualAccount;
    let decision = decide_with(
        &account,
        &to_account(refund_policy::model::Bank::Shinhan),
        &["virtual_account_refund"],
        NOW,
    );
    assert_eq!(codes(&decision), ["REFUND_NOT_SUPPORTED"]);
}

#[test]
fn welcome_cancels_an_escrow_payment_only_once_the_buyer_rejected_it() {
    for status in [None, Some(EscrowStatus::Confirmed)] {
        let decision = decide(&escrow("welcome", status), &reason(), NOW);
        assert_eq!(codes(&decision), ["REFUND_NOT_SUPPORTED"], "{status:?}");
    }
    let rejected = escrow("welcome", Some(EscrowStatus::Rejected));
    assert!(decide(&rejected, &reason(), NOW).is_allowed());
}

#[test]
fn toss_payments_allows_partial_cancels_once_the_escrow_purchase_is_confirmed() {
    let mut card = payment(Provider::TossPayments, Method::Card, 10000, PAID);
    card.escrow = true;
    assert_eq!(
        codes(&decide(&card, &partial(3000), NOW)),
        ["PARTIAL_CANCEL_NOT_SUPPORTED"]
    );
    card.escrow = false;
    card.escrow_status = Some(EscrowStatus::Confirmed);
    assert!(decide(&card, &partial(3000), NOW).is_allowed());
}

#[test]
fn escrow_true_with_a_later_status_does_not_read() {
    let error = input::payment(
        "{provider: toss_payments, method: card, status: paid, amount: {total: 100}, escrow: true, escrow_status: confirmed}",
    )
    .expect_err("contradictory");
    assert_eq!(
        error.to_string(),
        "`escrow: true` means before purchase confirmation, but `escrow_status` is `confirmed`: give `escrow_status` alone"
    );
}

fn certificate(pg: &str, kind: Option<GiftCertificateType>) -> Payment {
    let mut gift = with_pg(v2(Method::GiftCertificate, PAID), pg);
    gift.gift_certificate = Some(GiftCertificate {
        certificate_type: kind,
    });
    gift
}

#[test]
fn kiwoom_and_kg_mobilians_refuse_partial_cancels_of_their_named_certificates() {
    let refused = [
        (
            "daou",
            GiftCertificateType::Booknlife,
            "daou_book_or_smart_culture",
            "도서문화상품권",
        ),
        (
            "daou",
            GiftCertificateType::SmartMunsang,
            "daou_book_or_smart_culture",
            "스마트문화상품권",
        ),
        (
            "mobilians_v2",
            GiftCertificateType::SmartMunsang,
            "mobilians_v2_game_culture",
            "스마트문화상품권",
        ),
    ];
    for (pg, kind, id, korean) in refused {
        let decision = decide(&certificate(pg, Some(kind)), &partial(3000), NOW);
        assert_eq!(
            codes(&decision),
            ["PARTIAL_CANCEL_NOT_SUPPORTED"],
            "{pg} {kind}"
        );
        let found = &decision.reasons()[0];
        assert_eq!(
            found.rule().as_str(),
            format!("portone_v2 › gift_certificate › partial_refund › {id}")
        );
        assert!(matches!(
            found.details(),
            ReasonDetails::PartialCancelNotSupported { because }
                if because.contains(&Circumstance::GiftCertificateType(kind))
        ));
        // The Korean message names the certificate by its Korean name.
        assert_eq!(
            reason_message(found, Currency::KRW, Lang::Ko),
            format!(
                "부분 취소를 할 수 없는 결제입니다(PG `{pg}`, {korean}). 남은 금액 전체를 취소하는 \
                 것만 가능합니다"
            ),
        );
        // A full cancel goes through.
        assert!(decide(&certificate(pg, Some(kind)), &reason(), NOW).is_allowed());
    }
    for (pg, kind) in [
        ("daou", Some(GiftCertificateType::Cultureland)),
        ("mobilians_v2", Some(GiftCertificateType::Booknlife)),
        ("mobilians_v2", None),
        ("kcp_v2", Some(GiftCertificateType::Booknlife)),
    ] {
        let decision = decide(&certificate(pg, kind), &partial(3000), NOW);
        assert!(
            decision.is_allowed(),
            "{pg} {kind:?}: {:?}",
            codes(&decision)
        );
    }
}

#[test]
fn the_adapters_read_where_the_escrow_stands_and_the_certificate_type() {
    use refund_policy::adapters::{self, Format};
    let confirmed = include_str!("fixtures/portone_v2/transfer-paid-escrow-confirmed.json");
    for (status, state, escrow) in [
        ("CONFIRMED", Some(EscrowStatus::Confirmed), false),
        ("REJECTED", Some(EscrowStatus::Rejected), false),
        ("REJECT_CONFIRMED", Some(EscrowStatus::Rejected), false),
        ("DELIVERED", None, true),
        ("REGISTERED", None, true),
    ] {
        let text = confirmed.replace("\"CONFIRMED\"", &format!("\"{status}\""));
        let payment = adapters::payment(Format::PortoneV2, &text).expect("reads");
        assert_eq!(
            (payment.escrow_status, payment.escrow),
            (state, escrow),
            "{status}"
        );
    }

    let vbank = include_str!("fixtures/bootpay/vbank-escrow.json");
    let before = adapters::payment(Format::Bootpay, vbank).expect("reads");
    assert_eq!((before.escrow_status, before.escrow), (None, true));
    let text = vbank.replace(
        "\"receipt_confirmed_at\": null",
        "\"receipt_confirmed_at\": \"2026-03-10T10:00:00+09:00\"",
    );
    let after = adapters::payment(Format::Bootpay, &text).expect("reads");
    assert_eq!(
        (after.escrow_status, after.escrow),
        (Some(EscrowStatus::Confirmed), false)
    );

    let gift = include_str!("fixtures/portone_v2/gift-certificate-paid.json");
    for (wire, kind) in [
        ("BOOKNLIFE", Some(GiftCertificateType::Booknlife)),
        ("SMART_MUNSANG", Some(GiftCertificateType::SmartMunsang)),
        ("A_LATER_ONE", None),
    ] {
        let text = gift.replace("\"CULTURELAND\"", &format!("\"{wire}\""));
        let payment = adapters::payment(Format::PortoneV2, &text).expect("reads");
        assert_eq!(
            payment.gift_certificate.map(|g| g.certificate_type),
            kind.map(Some),
            "{wire}"
        );
    }
}
