//! One scenario at the four providers: what the documents say differs (a reason, the card
//! deadline, the virtual-account contract, the bank code to send, the provider's error) differs
//! in the decisions, and what they share (the Korean calendar month) does not.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests assert on known inputs"
)]

mod support;

use refund_policy::Decision;
use refund_policy::decision::{ReasonCode, Verdict};
use refund_policy::model::{
    Bank, MerchantProfile, Method, Payment, Provider, RefundAccount, RefundRequest, parse_instant,
};
use rust_decimal::Decimal;
use support::*;

const ALL: [Provider; 4] = [
    Provider::PortoneV1,
    Provider::PortoneV2,
    Provider::Bootpay,
    Provider::TossPayments,
];

/// A payment at a PG every provider's rules treat alike: KG Inicis (none for Toss, its own PG).
fn at_inicis(provider: Provider, method: Method, paid_at: &str) -> Payment {
    let mut payment = Payment::paid(
        provider,
        method,
        Decimal::from(10_000),
        parse_instant(paid_at).unwrap(),
    );
    payment.pg = match provider {
        Provider::PortoneV1 => Some("html5_inicis".to_owned()),
        Provider::PortoneV2 => Some("inicis_v2".to_owned()),
        Provider::Bootpay => Some("inicis".to_owned()),
        _ => None,
    };
    payment
}

fn reason() -> RefundRequest {
    RefundRequest {
        reason: Some("고객 요청".to_owned()),
        ..RefundRequest::default()
    }
}

fn to(bank: Bank) -> RefundRequest {
    RefundRequest {
        refund_account: Some(RefundAccount {
            bank: Some(bank),
            number: Some("56211105948400".to_owned()),
            holder_name: Some("홍길동".to_owned()),
            holder_phone: None,
        }),
        ..reason()
    }
}

fn decide(payment: &Payment, request: &RefundRequest, contracts: &[&str], now: &str) -> Decision {
    engine().decide(
        payment,
        request,
        &MerchantProfile::with_contracts(contracts.iter().copied()),
        parse_instant(now).unwrap(),
    )
}

const NOW: &str = "2026-03-02T12:00:00+09:00";
const PAID: &str = "2026-03-02T10:00:00+09:00";

#[test]
fn all_four_providers_have_a_policy() {
    let providers: Vec<Provider> = engine().policies().providers().collect();
    for provider in ALL {
        assert!(providers.contains(&provider), "{provider}");
    }
    assert_eq!(
        engine().policies().policy_id(Provider::PortoneV1),
        Some("portone_v1")
    );
    assert_eq!(
        engine().policies().policy_id(Provider::Bootpay),
        Some("bootpay")
    );
    assert_eq!(
        engine().policies().policy_id(Provider::TossPayments),
        Some("toss_payments")
    );
    // Each decision names the policy that made it.
    for provider in ALL {
        let payment = at_inicis(provider, Method::Card, "2026-03-02T10:00:00+09:00");
        let decision = decide(&payment, &reason(), &[], "2026-03-05T10:00:00+09:00");
        assert_eq!(
            decision.policy(),
            engine().policies().policy_id(provider),
            "{provider}"
        );
    }
}

#[test]
fn a_card_cancel_without_a_reason_needs_one_only_at_v2_and_toss() {
    for (provider, expected) in [
        (Provider::PortoneV1, vec![]),
        (Provider::PortoneV2, vec!["REASON_REQUIRED"]),
        (Provider::Bootpay, vec![]),
        (Provider::TossPayments, vec!["REASON_REQUIRED"]),
    ] {
        let card = at_inicis(provider, Method::Card, PAID);
        let decision = decide(&card, &RefundRequest::default(), &[], NOW);
        assert_eq!(codes(&decision), expected, "{provider}");
    }
}

#[test]
fn bootpays_card_deadline_is_180_days_portones_a_year() {
    // Paid 181 days before: only Bootpay refuses.
    for (provider, expected) in [
        (Provider::PortoneV1, vec![]),
        (Provider::PortoneV2, vec![]),
        (Provider::Bootpay, vec!["DEADLINE_PASSED"]),
        (Provider::TossPayments, vec![]),
    ] {
        let card = at_inicis(provider, Method::Card, "2025-09-02T10:00:00+09:00");
        assert_eq!(
            codes(&decide(&card, &reason(), &[], NOW)),
            expected,
            "{provider}"
        );
        // On day 180 all four refund.
        let card = at_inicis(provider, Method::Card, "2025-09-03T10:00:00+09:00");
        assert_eq!(
            decide(&card, &reason(), &[], NOW).verdict(),
            Verdict::Allow,
            "{provider}"
        );
    }
    // A year and a day: every one refuses (Toss: day 366 of its 365).
    for provider in ALL {
        let card = at_inicis(provider, Method::Card, "2025-03-01T10:00:00+09:00");
        assert_eq!(
            codes(&decide(&card, &reason(), &[], NOW)),
            ["DEADLINE_PASSED"],
            "{provider}"
        );
    }
}

#[test]
fn only_toss_refunds_virtual_accounts_without_a_contract() {
    for (provider, expected) in [
        (Provider::PortoneV1, vec!["CONTRACT_REQUIRED"]),
        (Provider::PortoneV2, vec!["CONTRACT_REQUIRED"]),
        (Provider::Bootpay, vec!["CONTRACT_REQUIRED"]),
        (Provider::TossPayments, vec![]),
    ] {
        let va = at_inicis(provider, Method::VirtualAccount, PAID);
        let decision = decide(&va, &to(Bank::Shinhan), &[], NOW);
        assert_eq!(codes(&decision), expected, "{provider}");
        // With the contract, all four refund.
        let signed = decide(&va, &to(Bank::Shinhan), &["virtual_account_refund"], NOW);
        assert_eq!(signed.verdict(), Verdict::Allow, "{provider}");
        // Only the PortOne PGs and Bootpay name a fee.
        assert_eq!(
            signed.fee().is_some(),
            provider != Provider::TossPayments,
            "{provider}"
        );
    }
}

#[test]
fn the_bank_code_to_send_is_each_providers_own() {
    let kcp_v1 = {
        let mut p = at_inicis(Provider::PortoneV1, Method::VirtualAccount, PAID);
        p.pg = Some("kcp".to_owned());
        p
    };
    let daou_v1 = {
        let mut p = at_inicis(Provider::PortoneV1, Method::VirtualAccount, PAID);
        p.pg = Some("daou".to_owned());
        p
    };
    let smartro_v1 = {
        let mut p = at_inicis(Provider::PortoneV1, Method::VirtualAccount, PAID);
        p.pg = Some("smartro".to_owned());
        p
    };
    let mut with_phone = to(Bank::Shinhan);
    if let Some(account) = &mut with_phone.refund_account {
        account.holder_phone = Some("01012345678".to_owned());
    }
    let contract = &["virtual_account_refund"];
    for (payment, bank, code) in [
        (
            at_inicis(Provider::PortoneV1, Method::VirtualAccount, PAID),
            Bank::Shinhan,
            Some("88"),
        ),
        (kcp_v1.clone(), Bank::Shinhan, Some("BK88")),
        (daou_v1, Bank::Shinhan, Some("10")),
        (
            at_inicis(Provider::PortoneV1, Method::VirtualAccount, PAID),
            Bank::Kookmin,
            Some("04"),
        ),
        (kcp_v1, Bank::Kookmin, Some("BK04")),
        // V2 sends the bank's enum name: no code table.
        (
            at_inicis(Provider::PortoneV2, Method::VirtualAccount, PAID),
            Bank::Shinhan,
            None,
        ),
        (
            at_inicis(Provider::Bootpay, Method::VirtualAccount, PAID),
            Bank::Shinhan,
            Some("088"),
        ),
        (
            at_inicis(Provider::Bootpay, Method::VirtualAccount, PAID),
            Bank::Kookmin,
            Some("004"),
        ),
        (
            at_inicis(Provider::TossPayments, Method::VirtualAccount, PAID),
            Bank::Shinhan,
            Some("88"),
        ),
        (
            at_inicis(Provider::TossPayments, Method::VirtualAccount, PAID),
            Bank::Kookmin,
            Some("06"),
        ),
    ] {
        let decision = decide(&payment, &to(bank), contract, NOW);
        assert_eq!(
            decision.verdict(),
            Verdict::Allow,
            "{} {:?}",
            payment.provider,
            payment.pg
        );
        let summary = decision.refund_account().expect("the account summary");
        assert_eq!(summary.bank, bank);
        assert_eq!(
            summary.bank_code.as_deref(),
            code,
            "{} at {:?}",
            payment.provider,
            payment.pg
        );
    }
    let decision = decide(&smartro_v1, &with_phone, contract, NOW);
    assert_eq!(
        decision
            .refund_account()
            .and_then(|a| a.bank_code.as_deref()),
        Some("088")
    );
}

#[test]
fn the_same_reason_carries_each_providers_own_error() {
    for (provider, name, number) in [
        (Provider::PortoneV1, None, None),
        (
            Provider::PortoneV2,
            Some("CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT"),
            None,
        ),
        (Provider::Bootpay, Some("RC_CANCEL_PRICE_OVER"), Some(2052)),
        (Provider::TossPayments, Some("NOT_CANCELABLE_AMOUNT"), None),
    ] {
        let mut card = at_inicis(provider, Method::Card, PAID);
        card.amount.cancelled = Decimal::from(4000);
        let request = RefundRequest {
            amount: Some(Decimal::from(7000)),
            ..reason()
        };
        let decision = decide(&card, &request, &[], NOW);
        assert_eq!(
            codes(&decision),
            ["AMOUNT_EXCEEDS_CANCELLABLE"],
            "{provider}"
        );
        let error = decision.reasons()[0].provider_error();
        assert_eq!(error.map(|e| &*e.name), name, "{provider}");
        assert_eq!(error.and_then(|e| e.code), number, "{provider}");
    }
}

#[test]
fn every_provider_refunds_mobile_payments_only_in_the_korean_month_of_payment() {
    for provider in ALL {
        let mobile = at_inicis(provider, Method::Mobile, "2026-01-31T23:30:00+09:00");
        assert_eq!(
            decide(&mobile, &reason(), &[], "2026-01-31T23:59:00+09:00").verdict(),
            Verdict::Allow,
            "{provider}"
        );
        assert_eq!(
            codes(&decide(
                &mobile,
                &reason(),
                &[],
                "2026-02-01T00:10:00+09:00"
            )),
            ["MONTH_CHANGED"],
            "{provider}"
        );
    }
}

#[test]
fn partial_mobile_cancels_only_at_kg_inicis_under_portone() {
    for (provider, expected) in [
        (Provider::PortoneV1, vec![]),
        (Provider::PortoneV2, vec![]),
        (Provider::Bootpay, vec!["PARTIAL_CANCEL_NOT_SUPPORTED"]),
        (Provider::TossPayments, vec!["PARTIAL_CANCEL_NOT_SUPPORTED"]),
    ] {
        let mobile = at_inicis(provider, Method::Mobile, PAID);
        let request = RefundRequest {
            amount: Some(Decimal::from(3000)),
            ..reason()
        };
        assert_eq!(
            codes(&decide(&mobile, &request, &[], NOW)),
            expected,
            "{provider}"
        );
    }
}

#[test]
fn every_policy_says_for_every_reason_what_the_provider_answers_or_why_nothing() {
    for provider in ALL {
        let document = engine().policies().document(provider).expect("a policy");
        for code in ReasonCode::ALL {
            let entry = document
                .provider_errors
                .get(code)
                .unwrap_or_else(|| panic!("{provider}: no entry for {code}"));
            let named = entry.name.as_deref().is_some_and(|n| !n.trim().is_empty());
            let why = entry.none.as_deref().is_some_and(|n| !n.trim().is_empty());
            assert!(
                named != why,
                "{provider} {code}: a name or a reason, exactly one"
            );
            assert!(entry.source.is_some(), "{provider} {code}: a source");
        }
    }
}

#[test]
fn contracts_mean_the_same_in_every_file_that_names_them() {
    let contracts: Vec<_> = engine().policies().contracts().collect();
    let ids: Vec<&str> = contracts.iter().map(|c| &*c.id).collect();
    for id in [
        "virtual_account_refund",
        "mobile_next_month_refund",
        "partial_refund_service",
    ] {
        assert_eq!(ids.iter().filter(|i| **i == id).count(), 1, "{id}");
    }
    let va = contracts
        .iter()
        .find(|c| &*c.id == "virtual_account_refund")
        .expect("the virtual-account contract");
    assert_eq!(&*va.ko, "가상계좌 환불 특약");
}
