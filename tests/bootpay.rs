//! Bootpay: the per-method table of Bootpay's cancel page
//! (<https://developers.bootpay.ai/server/cancel>) at its boundaries (180 days, a year, 1095
//! days, the calendar month), partial cancels by PG, the virtual-account PGs and contract, KFTC
//! bank codes, and Bootpay's own error names and numbers.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests assert on known inputs"
)]

mod support;

use refund_policy::Decision;
use refund_policy::decision::{AccountProblem, Circumstance, ReasonDetails, Verdict};
use refund_policy::model::{
    Bank, Cancellation, CancellationStatus, Card, CardType, Currency, Funding, Method, Payment,
    PaymentStatus, Provider, RefundRequest,
};
use rust_decimal::Decimal;
use support::*;

fn bootpay(method: Method, pg: Option<&str>, paid_at: &str) -> Payment {
    let mut payment = payment(Provider::Bootpay, method, 10_000, paid_at);
    payment.pg = pg.map(str::to_owned);
    payment
}

fn easy(pg: &str, service: &str, funding: Option<Funding>, paid_at: &str) -> Payment {
    easy_pay(
        bootpay(Method::EasyPay, Some(pg), paid_at),
        service,
        funding,
    )
}

fn to(bank: Bank) -> RefundRequest {
    RefundRequest {
        refund_account: Some(account(bank)),
        ..RefundRequest::default()
    }
}

fn partial(amount: i64) -> RefundRequest {
    RefundRequest {
        amount: Some(Decimal::from(amount)),
        ..RefundRequest::default()
    }
}

fn full() -> RefundRequest {
    RefundRequest::default()
}

/// The provider error of the decision's only reason, as (name, number).
fn error(decision: &Decision) -> (String, Option<u32>) {
    assert_eq!(decision.reasons().len(), 1, "{:?}", codes(decision));
    let error = decision.reasons()[0]
        .provider_error()
        .expect("a Bootpay error");
    (error.name.to_string(), error.code)
}

const NOW: &str = "2026-03-02T12:00:00+09:00";
const PAID: &str = "2026-03-02T10:00:00+09:00";
const VA: &[&str] = &["virtual_account_refund"];
const PARTIAL_PGS: [&str; 7] = [
    "inicis",
    "kcp",
    "danal",
    "payletter",
    "nicepay",
    "kakao",
    "payco",
];

#[test]
fn cards_are_refundable_for_180_days_not_a_year() {
    let day_180 = bootpay(Method::Card, Some("kcp"), "2025-09-03T10:00:00+09:00");
    let decision = decide(&day_180, &full(), NOW);
    assert_eq!(decision.verdict(), Verdict::Allow);
    let deadline = decision.deadline().expect("a card deadline");
    assert_eq!(deadline.last_refundable_day, date(2026, 3, 2));
    assert_eq!(
        deadline.within.map(|s| s.to_string()).as_deref(),
        Some("180 days")
    );
    assert_eq!(deadline.rule.as_str(), "bootpay › card › deadline");
    // The same card at 23:59:59 on day 180 in Seoul, and the first second of day 181.
    assert_eq!(
        decide(&day_180, &full(), "2026-03-02T14:59:59Z").verdict(),
        Verdict::Allow
    );
    let day_181 = decide(&day_180, &full(), "2026-03-02T15:00:00Z");
    assert_eq!(codes(&day_181), ["DEADLINE_PASSED"]);
    assert!(notes(&day_181).contains(&"MANUAL_REFUND"));
    assert_eq!(error(&day_181), ("RC_CANCEL_FAILED".to_owned(), None));

    // A leap-day payment: day 180 is August 27th.
    let leap = bootpay(Method::Card, Some("kcp"), "2024-02-29T10:00:00+09:00");
    let last = decide(&leap, &full(), "2024-08-27T23:59:00+09:00");
    assert_eq!(
        last.deadline().map(|d| d.last_refundable_day),
        Some(date(2024, 8, 27))
    );
    assert_eq!(last.verdict(), Verdict::Allow);
    assert_eq!(
        codes(&decide(&leap, &full(), "2024-08-28T00:00:00+09:00")),
        ["DEADLINE_PASSED"]
    );
}

#[test]
fn transfers_have_180_days_and_partial_cancels() {
    let transfer = bootpay(Method::Transfer, Some("kicc"), "2025-09-03T10:00:00+09:00");
    assert_eq!(
        decide(&transfer, &partial(3000), NOW).verdict(),
        Verdict::Allow
    );
    let late = bootpay(Method::Transfer, Some("kicc"), "2025-09-02T10:00:00+09:00");
    assert_eq!(codes(&decide(&late, &full(), NOW)), ["DEADLINE_PASSED"]);
}

#[test]
fn cards_cancel_partially_only_at_the_listed_pgs() {
    for pg in PARTIAL_PGS {
        let card = bootpay(Method::Card, Some(pg), PAID);
        let decision = decide(&card, &partial(3000), NOW);
        assert_eq!(decision.verdict(), Verdict::Allow, "pg {pg}");
        assert_eq!(decision.refund().amount, Decimal::from(3000));
    }
    for pg in [
        Some("kicc"),
        Some("toss"),
        Some("tosspayments"),
        Some("welcome"),
        Some("mobilians"),
        Some("unknown_pg"),
        None,
    ] {
        let card = bootpay(Method::Card, pg, PAID);
        let decision = decide(&card, &partial(3000), NOW);
        assert_eq!(
            codes(&decision),
            ["PARTIAL_CANCEL_NOT_SUPPORTED"],
            "pg {pg:?}"
        );
        assert_eq!(
            decision.reasons()[0].rule().as_str(),
            "bootpay › card › partial_refund › pg_without_partial_cancel"
        );
        assert_eq!(
            error(&decision),
            ("RC_PM_P_CANCEL_NOT_SUPPORT".to_owned(), Some(2031)),
            "pg {pg:?}"
        );
        // The whole amount, or the whole remainder, is fine.
        assert_eq!(
            decide(&card, &full(), NOW).verdict(),
            Verdict::Allow,
            "pg {pg:?}"
        );
        assert_eq!(
            decide(&card, &partial(10_000), NOW).verdict(),
            Verdict::Allow,
            "pg {pg:?}"
        );
    }
    // Gift cards cancel in full only, answered with the server error (unverified source).
    let mut gift = bootpay(Method::Card, Some("inicis"), PAID);
    gift.card = Some(Card {
        card_type: Some(CardType::Gift),
        ..Card::default()
    });
    let decision = decide(&gift, &partial(3000), NOW);
    assert_eq!(codes(&decision), ["PARTIAL_CANCEL_NOT_SUPPORTED"]);
    assert_eq!(
        error(&decision),
        ("RC_CANCEL_SERVER_ERROR".to_owned(), Some(2032))
    );
}

#[test]
fn partial_and_post_acquisition_card_cancels_take_three_to_five_business_days() {
    let today = bootpay(Method::Card, Some("kcp"), PAID);
    let same_day_full = decide(&today, &full(), NOW);
    assert_eq!(same_day_full.processing_days(), None);
    assert_eq!(notes(&same_day_full), Vec::<&str>::new());
    assert_eq!(
        decide(&today, &partial(3000), NOW).processing_days(),
        Some((3, 5))
    );
    let earlier = bootpay(Method::Card, Some("kcp"), "2026-02-27T10:00:00+09:00");
    let decision = decide(&earlier, &full(), NOW);
    assert_eq!(notes(&decision), ["PROCESSING_DELAY"]);
    assert_eq!(decision.processing_days(), Some((3, 5)));
    // Transfers are refunded at once.
    let transfer = bootpay(Method::Transfer, Some("kcp"), "2026-02-27T10:00:00+09:00");
    assert_eq!(decide(&transfer, &full(), NOW).processing_days(), None);
}

#[test]
fn virtual_accounts_refund_only_at_five_pgs_kcp_only_in_escrow() {
    for pg in ["inicis", "welcome", "nicepay", "danal"] {
        let va = bootpay(Method::VirtualAccount, Some(pg), PAID);
        let decision = decide_with(&va, &to(Bank::Shinhan), VA, NOW);
        assert_eq!(
            decision.verdict(),
            Verdict::Allow,
            "pg {pg}: {:?}",
            codes(&decision)
        );
        assert_eq!(decision.fee(), Some((Decimal::from(300), Currency::KRW)));
        assert_eq!(
            notes(&decision),
            ["REFUND_FEE"],
            "no processing time is documented"
        );
    }
    for pg in [
        Some("kicc"),
        Some("toss"),
        Some("payletter"),
        Some("kcp"),
        None,
    ] {
        let va = bootpay(Method::VirtualAccount, pg, PAID);
        let decision = decide_with(&va, &to(Bank::Shinhan), VA, NOW);
        assert_eq!(codes(&decision), ["REFUND_NOT_SUPPORTED"], "pg {pg:?}");
        assert_eq!(
            error(&decision),
            ("RC_PM_CANCEL_NOT_SUPPORT".to_owned(), Some(2030))
        );
        assert!(notes(&decision).contains(&"MANUAL_REFUND"));
    }
    let mut escrow = bootpay(Method::VirtualAccount, Some("kcp"), PAID);
    escrow.escrow = true;
    assert_eq!(
        decide_with(&escrow, &to(Bank::Shinhan), VA, NOW).verdict(),
        Verdict::Allow
    );
}

#[test]
fn virtual_accounts_need_the_cms_contract_and_the_refund_object() {
    let va = bootpay(Method::VirtualAccount, Some("inicis"), PAID);
    let decision = decide(&va, &to(Bank::Shinhan), NOW);
    assert_eq!(codes(&decision), ["CONTRACT_REQUIRED"]);
    assert_eq!(
        error(&decision),
        ("RC_CANCEL_SERVER_ERROR".to_owned(), Some(2032))
    );

    let decision = decide_with(&va, &full(), VA, NOW);
    assert_eq!(codes(&decision), ["REFUND_ACCOUNT_REQUIRED"]);
    assert_eq!(
        error(&decision),
        ("RC_CANCEL_SERVER_ERROR".to_owned(), Some(2032))
    );

    let mut no_holder = account(Bank::Shinhan);
    no_holder.holder_name = None;
    let request = RefundRequest {
        refund_account: Some(no_holder),
        ..RefundRequest::default()
    };
    assert_eq!(
        codes(&decide_with(&va, &request, VA, NOW)),
        ["REFUND_ACCOUNT_INVALID"]
    );

    // Partial refunds are allowed (unverified) and no field has a length limit.
    let mut long = account(Bank::Shinhan);
    long.number = Some("1".repeat(40));
    long.holder_name = Some("가".repeat(40));
    let request = RefundRequest {
        amount: Some(Decimal::from(3000)),
        reason: Some("가".repeat(1000)),
        refund_account: Some(long),
        ..RefundRequest::default()
    };
    assert_eq!(
        decide_with(&va, &request, VA, NOW).verdict(),
        Verdict::Allow
    );
}

#[test]
fn virtual_account_deadline_is_a_year() {
    let year = bootpay(
        Method::VirtualAccount,
        Some("inicis"),
        "2025-03-02T10:00:00+09:00",
    );
    assert_eq!(
        decide_with(&year, &to(Bank::Shinhan), VA, NOW).verdict(),
        Verdict::Allow
    );
    let over = bootpay(
        Method::VirtualAccount,
        Some("inicis"),
        "2025-03-01T10:00:00+09:00",
    );
    assert_eq!(
        codes(&decide_with(&over, &to(Bank::Shinhan), VA, NOW)),
        ["DEADLINE_PASSED"]
    );
}

#[test]
fn refund_banks_are_sent_as_kftc_codes_whatever_the_pg() {
    for (bank, code) in [
        (Bank::Shinhan, "088"),
        (Bank::Kookmin, "004"),
        (Bank::Ibk, "003"),
        (Bank::Hana, "081"),
        (Bank::Daegu, "031"),
        (Bank::Busan, "032"),
        (Bank::Kakao, "090"),
        (Bank::Toss, "092"),
        (Bank::LocalNonghyup, "012"),
        (Bank::SavingsBank, "050"),
        (Bank::Hsbc, "054"),
    ] {
        for pg in ["inicis", "welcome"] {
            let va = bootpay(Method::VirtualAccount, Some(pg), PAID);
            let decision = decide_with(&va, &to(bank), VA, NOW);
            assert_eq!(decision.verdict(), Verdict::Allow, "{bank} at {pg}");
            let summary = decision.refund_account().expect("the account summary");
            assert_eq!(summary.bank_code.as_deref(), Some(code), "{bank} at {pg}");
            assert_eq!(summary.code_table.as_deref(), Some("금융결제원 표준코드"));
        }
    }
    // A securities company has a KFTC code, but no source names it as a refund account.
    let va = bootpay(Method::VirtualAccount, Some("inicis"), PAID);
    let decision = decide_with(&va, &to(Bank::KbSecurities), VA, NOW);
    assert_eq!(codes(&decision), ["REFUND_ACCOUNT_INVALID"]);
    match decision.reasons()[0].details() {
        ReasonDetails::RefundAccountInvalid { problems } => assert!(matches!(
            problems.as_slice(),
            [AccountProblem::BankNotSupported {
                bank: Bank::KbSecurities,
                ..
            }]
        )),
        other => panic!("unexpected details {other:?}"),
    }
    assert_eq!(
        error(&decision),
        ("RC_CANCEL_SERVER_ERROR".to_owned(), Some(2032))
    );
}

#[test]
fn mobile_payments_cancel_in_full_in_the_korean_month_of_payment() {
    let january = bootpay(Method::Mobile, Some("danal"), "2026-01-31T23:30:00+09:00");
    assert_eq!(
        decide(&january, &full(), "2026-01-31T23:59:59+09:00").verdict(),
        Verdict::Allow
    );
    // 00:10 on February 1st in Seoul is still January 31st in UTC.
    let february = decide(&january, &full(), "2026-01-31T15:10:00Z");
    assert_eq!(codes(&february), ["MONTH_CHANGED"]);
    assert_eq!(notes(&february), ["MANUAL_REFUND"]);
    assert_eq!(error(&february), ("RC_CANCEL_FAILED".to_owned(), None));
    // Bootpay offers no next-month refund, contract and account or not.
    let kcp = bootpay(Method::Mobile, Some("kcp"), "2026-01-20T10:00:00+09:00");
    let decision = decide_with(
        &kcp,
        &to(Bank::Shinhan),
        &["mobile_next_month_refund"],
        "2026-02-03T10:00:00+09:00",
    );
    assert_eq!(codes(&decision), ["MONTH_CHANGED"]);
    // Never partially, not even at Inicis: being a mobile payment is the whole reason.
    for pg in ["inicis", "danal", "kcp"] {
        let mobile = bootpay(Method::Mobile, Some(pg), PAID);
        let decision = decide(&mobile, &partial(3000), NOW);
        assert_eq!(
            codes(&decision),
            ["PARTIAL_CANCEL_NOT_SUPPORTED"],
            "pg {pg}"
        );
        assert_eq!(
            decision.reasons()[0].details(),
            &ReasonDetails::PartialCancelNotSupported {
                because: vec![Circumstance::Method(Method::Mobile)].into()
            },
            "pg {pg}"
        );
    }
}

#[test]
fn easy_pay_deadlines_follow_the_service_and_its_funding() {
    // NaverPay: 1095 days.
    let naverpay = easy("npay", "naverpay", None, "2023-03-02T10:00:00+09:00");
    let last = decide(&naverpay, &partial(3000), "2026-03-01T23:59:00+09:00");
    assert_eq!(last.verdict(), Verdict::Allow);
    assert_eq!(
        last.deadline().map(|d| d.last_refundable_day),
        Some(date(2026, 3, 1))
    );
    assert_eq!(
        codes(&decide(&naverpay, &full(), "2026-03-02T00:00:00+09:00")),
        ["DEADLINE_PASSED"]
    );
    // KakaoPay: card a year, money five years, unknown a year.
    let card = easy(
        "kakao",
        "kakaopay",
        Some(Funding::Card),
        "2025-03-02T10:00:00+09:00",
    );
    assert_eq!(decide(&card, &full(), NOW).verdict(), Verdict::Allow);
    let card = easy(
        "kakao",
        "kakaopay",
        Some(Funding::Card),
        "2025-03-01T10:00:00+09:00",
    );
    assert_eq!(codes(&decide(&card, &full(), NOW)), ["DEADLINE_PASSED"]);
    let money = easy(
        "kakao",
        "kakaopay",
        Some(Funding::Money),
        "2021-03-02T10:00:00+09:00",
    );
    assert_eq!(decide(&money, &full(), NOW).verdict(), Verdict::Allow);
    let money = easy(
        "kakao",
        "kakaopay",
        Some(Funding::Money),
        "2021-03-01T10:00:00+09:00",
    );
    assert_eq!(codes(&decide(&money, &full(), NOW)), ["DEADLINE_PASSED"]);
    // PAYCO: card 180 days, account (and money) 90 days, unknown 90 days with a note.
    let payco = |funding, paid_at| easy("payco", "payco", funding, paid_at);
    assert_eq!(
        decide(
            &payco(Some(Funding::Card), "2025-09-03T10:00:00+09:00"),
            &full(),
            NOW
        )
        .verdict(),
        Verdict::Allow
    );
    assert_eq!(
        codes(&decide(
            &payco(Some(Funding::Card), "2025-09-02T10:00:00+09:00"),
            &full(),
            NOW
        )),
        ["DEADLINE_PASSED"]
    );
    for funding in [Some(Funding::Transfer), Some(Funding::Money), None] {
        let day_90 = decide(&payco(funding, "2025-12-02T10:00:00+09:00"), &full(), NOW);
        assert_eq!(day_90.verdict(), Verdict::Allow, "{funding:?}");
        assert_eq!(
            day_90.deadline().map(|d| d.last_refundable_day),
            Some(date(2026, 3, 2)),
            "{funding:?}"
        );
        let day_91 = decide(&payco(funding, "2025-12-01T10:00:00+09:00"), &full(), NOW);
        assert_eq!(codes(&day_91), ["DEADLINE_PASSED"], "{funding:?}");
        assert_eq!(
            notes(&day_91).contains(&"FUNDING_ASSUMED"),
            funding.is_none(),
            "{funding:?}"
        );
    }
    // Other services: 180 days (unverified).
    let tosspay = easy("tosspayments", "tosspay", None, "2025-09-03T10:00:00+09:00");
    assert_eq!(
        decide(&tosspay, &partial(3000), NOW).verdict(),
        Verdict::Allow
    );
    let tosspay = easy("tosspayments", "tosspay", None, "2025-09-02T10:00:00+09:00");
    assert_eq!(codes(&decide(&tosspay, &full(), NOW)), ["DEADLINE_PASSED"]);
}

#[test]
fn bootpay_errors_carry_their_names_and_numbers() {
    // RC_CANCEL_PRICE_OVER (2052): more than the balance. Bootpay keeps status 1 after a
    // partial cancel, so the balance comes from the amounts.
    let mut cancelled = bootpay(Method::Card, Some("kcp"), PAID);
    cancelled.amount.cancelled = Decimal::from(4000);
    assert_eq!(cancelled.status, PaymentStatus::Paid);
    let over = decide(&cancelled, &partial(6001), NOW);
    assert_eq!(codes(&over), ["AMOUNT_EXCEEDS_CANCELLABLE"]);
    assert_eq!(
        error(&over),
        ("RC_CANCEL_PRICE_OVER".to_owned(), Some(2052))
    );
    let rest = decide(&cancelled, &full(), NOW);
    assert_eq!(rest.verdict(), Verdict::Allow);
    assert_eq!(rest.refund().amount, Decimal::from(6000));

    // RC_CANCEL_PRICE_NOT_ZERO (2051).
    let card = bootpay(Method::Card, Some("kcp"), PAID);
    assert_eq!(
        error(&decide(&card, &partial(0), NOW)),
        ("RC_CANCEL_PRICE_NOT_ZERO".to_owned(), Some(2051))
    );
    // RC_CANCEL_TAX_FREE_OVER (2053).
    let mut tax_free = bootpay(Method::Card, Some("kcp"), PAID);
    tax_free.amount.tax_free = Decimal::from(2000);
    let request = RefundRequest {
        amount: Some(Decimal::from(5000)),
        tax_free_amount: Some(Decimal::from(2001)),
        ..RefundRequest::default()
    };
    assert_eq!(
        error(&decide(&tax_free, &request, NOW)),
        ("RC_CANCEL_TAX_FREE_OVER".to_owned(), Some(2053))
    );
    // RC_ALREADY_CANCELLED (2027), RC_NOT_ABLE_CANCEL (2028).
    let mut done = bootpay(Method::Card, Some("kcp"), PAID);
    done.status = PaymentStatus::Cancelled;
    done.amount.cancelled = Decimal::from(10_000);
    assert_eq!(
        error(&decide(&done, &full(), NOW)),
        ("RC_ALREADY_CANCELLED".to_owned(), Some(2027))
    );
    let mut issued = bootpay(Method::VirtualAccount, Some("inicis"), PAID);
    issued.status = PaymentStatus::VirtualAccountIssued;
    issued.paid_at = None;
    assert_eq!(
        error(&decide(&issued, &full(), NOW)),
        ("RC_NOT_ABLE_CANCEL".to_owned(), Some(2028))
    );
    // RC_CANCEL_ID_ALREADY_EXIST (2029).
    let mut history = bootpay(Method::Card, Some("kcp"), PAID);
    history.amount.cancelled = Decimal::from(1000);
    history.cancellations.push(Cancellation {
        id: Some("c-1".to_owned()),
        amount: Decimal::from(1000),
        status: CancellationStatus::Succeeded,
        cancel_id: Some("order-1-cancel".to_owned()),
    });
    let request = RefundRequest {
        amount: Some(Decimal::from(1000)),
        cancel_id: Some("order-1-cancel".to_owned()),
        ..RefundRequest::default()
    };
    assert_eq!(
        error(&decide(&history, &request, NOW)),
        ("RC_CANCEL_ID_ALREADY_EXIST".to_owned(), Some(2029))
    );
    // A balance check Bootpay does not have: the reason, without a provider error.
    let request = RefundRequest {
        current_cancellable_amount: Some(Decimal::from(10_000)),
        ..RefundRequest::default()
    };
    let mismatch = decide(&history, &request, NOW);
    assert_eq!(codes(&mismatch), ["CANCELLABLE_AMOUNT_MISMATCH"]);
    assert_eq!(mismatch.reasons()[0].provider_error(), None);
}

#[test]
fn bootpay_needs_no_reason_and_has_no_policy_for_gift_certificates() {
    let card = bootpay(Method::Card, Some("kcp"), PAID);
    assert_eq!(decide(&card, &full(), NOW).verdict(), Verdict::Allow);
    let gift = bootpay(Method::GiftCertificate, None, PAID);
    let decision = decide(&gift, &full(), NOW);
    assert_eq!(codes(&decision), ["NO_POLICY"]);
    assert_eq!(decision.reasons()[0].provider_error(), None);
}
