//! Toss Payments: the required reason and the field limits at exactly the limit and one over,
//! `isPartialCancelable` and escrow, the refund account Toss validates as sent, Toss's own bank
//! codes, its (unverified) deadlines, and Toss's error codes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests assert on known inputs"
)]

mod support;

use chrono::NaiveDate;
use refund_policy::Decision;
use refund_policy::decision::{AccountField, AccountProblem, ReasonDetails, RequestField, Verdict};
use refund_policy::model::{
    Bank, EasyPay, Funding, Method, Payment, PaymentStatus, Provider, RefundAccount, RefundRequest,
    parse_instant,
};
use rust_decimal::Decimal;
use support::*;

fn toss(method: Method, paid_at: &str) -> Payment {
    Payment::paid(
        Provider::TossPayments,
        method,
        Decimal::from(10_000),
        parse_instant(paid_at).unwrap(),
    )
}

fn account(bank: Bank, number: &str, holder: &str) -> RefundRequest {
    RefundRequest {
        refund_account: Some(RefundAccount {
            bank: Some(bank),
            number: Some(number.to_owned()),
            holder_name: Some(holder.to_owned()),
            holder_phone: None,
        }),
        ..reason()
    }
}

fn shinhan() -> RefundRequest {
    account(Bank::Shinhan, "56211105948400", "홍길동")
}

fn error(decision: &Decision) -> String {
    assert_eq!(decision.reasons().len(), 1, "{:?}", codes(decision));
    decision.reasons()[0]
        .provider_error()
        .expect("a Toss error")
        .name
        .to_string()
}

const NOW: &str = "2026-03-02T12:00:00+09:00";
const PAID: &str = "2026-03-02T10:00:00+09:00";

#[test]
fn a_reason_is_required_and_at_most_200_characters() {
    let card = toss(Method::Card, PAID);
    let none = decide(&card, &RefundRequest::default(), NOW);
    assert_eq!(codes(&none), ["REASON_REQUIRED"]);
    assert_eq!(error(&none), "INVALID_REQUEST");
    assert_eq!(none.reasons()[0].rule().as_str(), "toss_payments › reason");
    let blank = RefundRequest {
        reason: Some(" \t".to_owned()),
        ..RefundRequest::default()
    };
    assert_eq!(codes(&decide(&card, &blank, NOW)), ["REASON_REQUIRED"]);

    let exactly = RefundRequest {
        reason: Some("가".repeat(200)),
        ..RefundRequest::default()
    };
    assert_eq!(decide(&card, &exactly, NOW).verdict(), Verdict::Allow);
    let over = RefundRequest {
        reason: Some("가".repeat(201)),
        ..RefundRequest::default()
    };
    let decision = decide(&card, &over, NOW);
    assert_eq!(codes(&decision), ["FIELD_TOO_LONG"]);
    assert_eq!(
        decision.reasons()[0].details(),
        &ReasonDetails::FieldTooLong {
            field: RequestField::Reason,
            chars: 201,
            max: 200
        }
    );
    assert_eq!(error(&decision), "INVALID_REQUEST");
}

#[test]
fn the_idempotency_key_is_at_most_300_characters() {
    let card = toss(Method::Card, PAID);
    let with_key = |key: String| RefundRequest {
        cancel_id: Some(key),
        ..reason()
    };
    assert_eq!(
        decide(&card, &with_key("k".repeat(300)), NOW).verdict(),
        Verdict::Allow
    );
    let decision = decide(&card, &with_key("키".repeat(301)), NOW);
    assert_eq!(codes(&decision), ["FIELD_TOO_LONG"]);
    assert_eq!(
        decision.reasons()[0].details(),
        &ReasonDetails::FieldTooLong {
            field: RequestField::CancelId,
            chars: 301,
            max: 300
        }
    );
    assert_eq!(
        decision.reasons()[0].rule().as_str(),
        "toss_payments › cancel_id"
    );
}

#[test]
fn partial_cancels_follow_is_partial_cancelable_and_escrow() {
    for method in [Method::Card, Method::Transfer, Method::EasyPay] {
        let mut payment = toss(method, PAID);
        if method == Method::EasyPay {
            payment.easy_pay = Some(EasyPay {
                provider: "tosspay".to_owned(),
                funding: None,
            });
        }
        // Not reported: no restriction of its own.
        assert_eq!(
            decide(&payment, &partial(3000), NOW).verdict(),
            Verdict::Allow,
            "{method}"
        );
        payment.partial_cancelable = Some(true);
        assert_eq!(
            decide(&payment, &partial(3000), NOW).verdict(),
            Verdict::Allow,
            "{method}"
        );
        payment.partial_cancelable = Some(false);
        let refused = decide(&payment, &partial(3000), NOW);
        assert_eq!(
            codes(&refused),
            ["PARTIAL_CANCEL_NOT_SUPPORTED"],
            "{method}"
        );
        assert_eq!(error(&refused), "NOT_ALLOWED_PARTIAL_REFUND");
        assert_eq!(
            refused.reasons()[0].rule().as_str(),
            "toss_payments › partial_refund › not_partial_cancelable"
        );
        assert_eq!(
            decide(&payment, &reason(), NOW).verdict(),
            Verdict::Allow,
            "{method}"
        );
        assert_eq!(
            decide(&payment, &partial(10_000), NOW).verdict(),
            Verdict::Allow,
            "{method}"
        );
    }
    let mut escrow = toss(Method::Card, PAID);
    escrow.escrow = true;
    escrow.partial_cancelable = Some(true);
    let refused = decide(&escrow, &partial(3000), NOW);
    assert_eq!(codes(&refused), ["PARTIAL_CANCEL_NOT_SUPPORTED"]);
    assert_eq!(
        refused.reasons()[0].rule().as_str(),
        "toss_payments › partial_refund › escrow"
    );
    assert_eq!(decide(&escrow, &reason(), NOW).verdict(), Verdict::Allow);
    // Both at once: both restrictions are reported.
    escrow.partial_cancelable = Some(false);
    assert_eq!(
        codes(&decide(&escrow, &partial(3000), NOW)),
        [
            "PARTIAL_CANCEL_NOT_SUPPORTED",
            "PARTIAL_CANCEL_NOT_SUPPORTED"
        ]
    );
}

#[test]
fn card_refunds_end_on_day_365_a_leap_day_on_february_28th() {
    let card = toss(Method::Card, "2025-03-02T10:00:00+09:00");
    let last = decide(&card, &reason(), "2026-03-02T23:59:59+09:00");
    assert_eq!(last.verdict(), Verdict::Allow);
    assert_eq!(
        last.deadline().map(|d| d.last_refundable_day),
        Some(date(2026, 3, 2))
    );
    let after = decide(&card, &reason(), "2026-03-02T15:00:00Z");
    assert_eq!(codes(&after), ["DEADLINE_PASSED"]);
    assert!(notes(&after).contains(&"MANUAL_REFUND"));
    assert_eq!(error(&after), "EXCEED_MAX_REFUND_DUE");

    let leap = toss(Method::Card, "2024-02-29T10:00:00+09:00");
    let on_28th = decide(&leap, &reason(), "2025-02-28T23:00:00+09:00");
    assert_eq!(on_28th.verdict(), Verdict::Allow);
    assert_eq!(
        on_28th.deadline().map(|d| d.last_refundable_day),
        Some(date(2025, 2, 28))
    );
    assert_eq!(
        codes(&decide(&leap, &reason(), "2025-03-01T00:00:00+09:00")),
        ["DEADLINE_PASSED"]
    );
}

#[test]
fn other_methods_have_their_unverified_deadlines() {
    // (method, last refundable day for a payment on 2025-03-02)
    for (method, days) in [
        (Method::Transfer, 180),
        (Method::VirtualAccount, 365),
        (Method::GiftCertificate, 365),
        (Method::EasyPay, 180),
    ] {
        let mut payment = toss(method, "2025-03-02T10:00:00+09:00");
        if method == Method::EasyPay {
            payment.easy_pay = Some(EasyPay {
                provider: "kakaopay".to_owned(),
                funding: Some(Funding::Money),
            });
        }
        let last_day = date(2025, 3, 2) + chrono::Days::new(days);
        let request = shinhan();
        let at = |day: NaiveDate| format!("{day}T23:59:00+09:00");
        let in_time = decide(&payment, &request, &at(last_day));
        assert_eq!(
            in_time.verdict(),
            Verdict::Allow,
            "{method}: {:?}",
            codes(&in_time)
        );
        assert_eq!(
            in_time.deadline().map(|d| d.last_refundable_day),
            Some(last_day),
            "{method}"
        );
        let late = decide(&payment, &request, &at(last_day + chrono::Days::new(1)));
        assert_eq!(codes(&late), ["DEADLINE_PASSED"], "{method}");
    }
}

#[test]
fn mobile_payments_cancel_in_full_in_the_korean_month_of_payment() {
    let january = toss(Method::Mobile, "2026-01-31T23:30:00+09:00");
    assert_eq!(
        decide(&january, &reason(), "2026-01-31T23:59:59+09:00").verdict(),
        Verdict::Allow
    );
    let february = decide(&january, &reason(), "2026-01-31T15:10:00Z");
    assert_eq!(codes(&february), ["MONTH_CHANGED"]);
    assert_eq!(error(&february), "EXCEED_MAX_REFUND_DUE");
    // Paid on February 1st 08:30 in Seoul, January 31st in UTC: February counts.
    let early = toss(Method::Mobile, "2026-02-01T08:30:00+09:00");
    assert_eq!(
        decide(&early, &reason(), "2026-02-28T20:00:00+09:00").verdict(),
        Verdict::Allow
    );
    let mobile = toss(Method::Mobile, PAID);
    assert_eq!(
        codes(&decide(&mobile, &partial(3000), NOW)),
        ["PARTIAL_CANCEL_NOT_SUPPORTED"]
    );
}

#[test]
fn virtual_accounts_need_an_account_but_no_contract_and_cost_no_fee() {
    let va = toss(Method::VirtualAccount, PAID);
    let decision = decide(&va, &shinhan(), NOW);
    assert_eq!(
        decision.verdict(),
        Verdict::Allow,
        "no contract needed: {:?}",
        codes(&decision)
    );
    assert_eq!(decision.fee(), None);
    assert_eq!(notes(&decision), Vec::<&str>::new());
    let summary = decision.refund_account().expect("the account summary");
    assert_eq!(summary.bank_code.as_deref(), Some("88"));
    assert_eq!(
        summary.code_table.as_deref(),
        Some("토스페이먼츠 은행·증권사 코드")
    );

    let without = decide(&va, &reason(), NOW);
    assert_eq!(codes(&without), ["REFUND_ACCOUNT_REQUIRED"]);
    assert_eq!(error(&without), "INVALID_REFUND_ACCOUNT_NUMBER");

    // Waiting for deposit: closed by the cancel API, not refunded.
    let mut waiting = toss(Method::VirtualAccount, PAID);
    waiting.status = PaymentStatus::VirtualAccountIssued;
    waiting.paid_at = None;
    let decision = decide(&waiting, &reason(), NOW);
    assert_eq!(codes(&decision), ["PAYMENT_NOT_PAID"]);
    assert_eq!(error(&decision), "NOT_CANCELABLE_PAYMENT");
}

#[test]
fn the_refund_account_is_validated_as_given() {
    let va = toss(Method::VirtualAccount, PAID);
    let check = |request: RefundRequest| decide(&va, &request, NOW);
    assert_eq!(
        check(account(Bank::Shinhan, &"1".repeat(20), "홍길동")).verdict(),
        Verdict::Allow
    );
    assert_eq!(
        check(account(Bank::Shinhan, "56211105948400", &"가".repeat(60))).verdict(),
        Verdict::Allow
    );
    for (request, problem) in [
        (
            account(Bank::Shinhan, &"1".repeat(21), "홍길동"),
            AccountProblem::TooLong {
                field: AccountField::Number,
                chars: 21,
                max: 20,
            },
        ),
        (
            account(Bank::Shinhan, "562-111-05948400", "홍길동"),
            AccountProblem::NotDigits {
                field: AccountField::Number,
            },
        ),
        (
            account(Bank::Shinhan, "562 1110 5948400", "홍길동"),
            AccountProblem::NotDigits {
                field: AccountField::Number,
            },
        ),
        (
            account(Bank::Shinhan, "56211105948400", &"가".repeat(61)),
            AccountProblem::TooLong {
                field: AccountField::HolderName,
                chars: 61,
                max: 60,
            },
        ),
    ] {
        let decision = check(request);
        assert_eq!(codes(&decision), ["REFUND_ACCOUNT_INVALID"], "{problem:?}");
        assert_eq!(
            decision.reasons()[0].details(),
            &ReasonDetails::RefundAccountInvalid {
                problems: vec![problem]
            }
        );
        assert_eq!(
            decision.reasons()[0].rule().as_str(),
            "toss_payments › virtual_account › refund_account_format"
        );
        assert_eq!(error(&decision), "INVALID_REFUND_ACCOUNT_NUMBER");
    }
}

#[test]
fn banks_are_sent_as_tosss_own_codes_and_a_missing_one_is_invalid_bank() {
    let va = toss(Method::VirtualAccount, PAID);
    for (bank, code) in [
        (Bank::Shinhan, "88"),
        (Bank::Kookmin, "06"),
        (Bank::Ibk, "03"),
        (Bank::Kdb, "02"),
        (Bank::Nonghyup, "11"),
        (Bank::LocalNonghyup, "12"),
        (Bank::Hana, "81"),
        (Bank::KBank, "89"),
        (Bank::Nfcf, "64"),
        (Bank::TossSecurities, "ST"),
        (Bank::CapeSecurities, "SO"),
    ] {
        let decision = decide(&va, &account(bank, "56211105948400", "홍길동"), NOW);
        assert_eq!(decision.verdict(), Verdict::Allow, "{bank}");
        assert_eq!(
            decision
                .refund_account()
                .and_then(|a| a.bank_code.as_deref()),
            Some(code),
            "{bank}"
        );
    }
    for bank in [
        Bank::Deutsche,
        Bank::BankOfKorea,
        Bank::KoreaSecuritiesFinance,
    ] {
        let decision = decide(&va, &account(bank, "56211105948400", "홍길동"), NOW);
        assert_eq!(codes(&decision), ["REFUND_ACCOUNT_INVALID"], "{bank}");
        assert_eq!(
            decision.reasons()[0].details(),
            &ReasonDetails::RefundAccountInvalid {
                problems: vec![AccountProblem::BankNotSupported {
                    bank,
                    table: "토스페이먼츠 은행·증권사 코드".into(),
                    pg: None,
                }]
            }
        );
        assert_eq!(error(&decision), "INVALID_BANK", "{bank}");
    }
}

#[test]
fn toss_errors_name_the_code_toss_answers() {
    let mut cancelled = toss(Method::Card, PAID);
    cancelled.status = PaymentStatus::PartiallyCancelled;
    cancelled.amount.cancelled = Decimal::from(4000);
    let over = decide(&cancelled, &partial(6001), NOW);
    assert_eq!(codes(&over), ["AMOUNT_EXCEEDS_CANCELLABLE"]);
    assert_eq!(error(&over), "NOT_CANCELABLE_AMOUNT");
    assert_eq!(
        decide(&cancelled, &partial(6000), NOW).verdict(),
        Verdict::Allow
    );

    let stale = RefundRequest {
        current_cancellable_amount: Some(Decimal::from(10_000)),
        ..reason()
    };
    assert_eq!(
        error(&decide(&cancelled, &stale, NOW)),
        "NOT_MATCHES_REFUNDABLE_AMOUNT"
    );

    let mut done = toss(Method::Card, PAID);
    done.status = PaymentStatus::Cancelled;
    done.amount.cancelled = Decimal::from(10_000);
    assert_eq!(
        error(&decide(&done, &reason(), NOW)),
        "ALREADY_CANCELED_PAYMENT"
    );

    let card = toss(Method::Card, PAID);
    assert_eq!(error(&decide(&card, &partial(-5), NOW)), "INVALID_REQUEST");

    let store = toss(Method::ConvenienceStore, PAID);
    let decision = decide(&store, &reason(), NOW);
    assert_eq!(codes(&decision), ["NO_POLICY"]);
    assert_eq!(decision.reasons()[0].provider_error(), None);
}

#[test]
fn gift_certificates_cancel_in_full_only() {
    let gift = toss(Method::GiftCertificate, PAID);
    assert_eq!(decide(&gift, &reason(), NOW).verdict(), Verdict::Allow);
    let decision = decide(&gift, &partial(3000), NOW);
    assert_eq!(codes(&decision), ["PARTIAL_CANCEL_NOT_SUPPORTED"]);
    assert_eq!(error(&decision), "NOT_ALLOWED_PARTIAL_REFUND");
}
