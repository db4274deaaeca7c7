//! PortOne V2: each rule at its boundaries, with the numbers, rule ids and provider errors the
//! decision reports.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests stop at the first broken expectation"
)]

mod support;

use chrono::NaiveDate;
use refund_policy::decision::{
    AccountField, AccountProblem, Circumstance, DeadlineKind, NoteDetails, ReasonCode,
    ReasonDetails, Verdict,
};
use refund_policy::messages::{Lang, note_message, reason_message};
use refund_policy::model::{
    Bank, CancellationStatus, Card, CardType, Currency, Funding, Method, PaymentStatus, Provider,
    RefundAccount, RefundRequest,
};
use rust_decimal::Decimal;
use support::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

#[test]
fn card_refunds_end_a_year_after_the_korean_payment_day() {
    let card = v2(Method::Card, "2025-03-02T10:00:00+09:00");
    let last_day = decide(&card, &reason(), "2026-03-02T23:59:59+09:00");
    assert_eq!(last_day.verdict(), Verdict::Allow);
    let deadline = last_day.deadline().expect("a card deadline");
    assert_eq!(deadline.last_refundable_day, date(2026, 3, 2));
    assert_eq!(deadline.kind, DeadlineKind::Within);
    assert_eq!(deadline.rule.as_str(), "portone_v2 › card › deadline");

    let day_after = decide(&card, &reason(), "2026-03-03T00:00:00+09:00");
    assert_eq!(codes(&day_after), ["DEADLINE_PASSED"]);
    assert_eq!(notes(&day_after), ["MANUAL_REFUND"]);
    let reason = &day_after.reasons()[0];
    assert_eq!(
        reason.provider_error().map(|e| &*e.name),
        Some("PG_PROVIDER")
    );
    match reason.details() {
        ReasonDetails::DeadlinePassed {
            paid_on,
            last_refundable_day,
            today,
            within,
            time_zone,
        } => {
            assert_eq!(*paid_on, date(2025, 3, 2));
            assert_eq!(*last_refundable_day, date(2026, 3, 2));
            assert_eq!(*today, date(2026, 3, 3));
            assert_eq!(within.to_string(), "1 year");
            assert_eq!(*time_zone, "Asia/Seoul");
        }
        other => panic!("unexpected details {other:?}"),
    }
}

#[test]
fn deadlines_count_korean_dates_not_utc_dates() {
    // Paid at 00:30 on March 2nd in Seoul: still March 1st in UTC. The Korean date counts.
    let card = v2(Method::Card, "2025-03-02T00:30:00+09:00");
    let decision = decide(&card, &reason(), "2026-03-02T12:00:00+09:00");
    assert_eq!(decision.verdict(), Verdict::Allow);
    // 15:00 UTC on the last day is already the next day in Seoul.
    let late = decide(&card, &reason(), "2026-03-02T15:00:00Z");
    assert_eq!(codes(&late), ["DEADLINE_PASSED"]);
    let still_in_time = decide(&card, &reason(), "2026-03-02T14:59:59Z");
    assert_eq!(still_in_time.verdict(), Verdict::Allow);
}

#[test]
fn a_leap_day_payment_is_refundable_until_february_28th() {
    let card = v2(Method::Card, "2024-02-29T12:00:00+09:00");
    let on_28th = decide(&card, &reason(), "2025-02-28T23:00:00+09:00");
    assert_eq!(on_28th.verdict(), Verdict::Allow);
    assert_eq!(
        on_28th.deadline().map(|d| d.last_refundable_day),
        Some(date(2025, 2, 28))
    );
    assert_eq!(
        codes(&decide(&card, &reason(), "2025-03-01T00:00:00+09:00")),
        ["DEADLINE_PASSED"]
    );
}

#[test]
fn ksnet_cards_have_six_months_and_nine_partial_cancels() {
    let ksnet = with_pg(v2(Method::Card, "2025-09-15T09:00:00+09:00"), "ksnet");
    let last = decide(&ksnet, &reason(), "2026-03-15T23:59:00+09:00");
    assert_eq!(last.verdict(), Verdict::Allow);
    assert_eq!(
        last.deadline().map(|d| d.last_refundable_day),
        Some(date(2026, 3, 15))
    );
    let after = decide(&ksnet, &reason(), "2026-03-16T00:00:00+09:00");
    assert_eq!(
        after.reasons()[0].rule().as_str(),
        "portone_v2 › card › pg ksnet › deadline"
    );

    let eight = with_cancellations(
        with_pg(v2(Method::Card, "2026-03-02T10:00:00+09:00"), "ksnet"),
        8,
        100,
    );
    assert_eq!(
        decide(&eight, &partial(100), "2026-03-05T10:00:00+09:00").verdict(),
        Verdict::Allow
    );

    let nine = with_cancellations(
        with_pg(v2(Method::Card, "2026-03-02T10:00:00+09:00"), "ksnet"),
        9,
        100,
    );
    let tenth = decide(&nine, &partial(100), "2026-03-05T10:00:00+09:00");
    assert_eq!(codes(&tenth), ["PARTIAL_CANCEL_LIMIT_REACHED"]);
    assert_eq!(
        tenth.reasons()[0].details(),
        &ReasonDetails::PartialCancelLimitReached {
            limit: 9,
            succeeded: 9
        }
    );
    assert_eq!(
        tenth.reasons()[0].provider_error().map(|e| &*e.name),
        Some("PG_PROVIDER"),
        "KSNET refuses the tenth partial cancel itself; PortOne passes the PG's error on"
    );
    // The whole remainder is never limited.
    let remainder = decide(&nine, &reason(), "2026-03-05T10:00:00+09:00");
    assert_eq!(remainder.verdict(), Verdict::Allow);
    assert_eq!(remainder.refund().amount, won(9_100));

    // Failed cancellations do not count against the limit.
    let mut with_failure = nine.clone();
    with_failure.cancellations[0].status = CancellationStatus::Failed;
    with_failure.amount.cancelled = won(800);
    assert_eq!(
        decide(&with_failure, &partial(100), "2026-03-05T10:00:00+09:00").verdict(),
        Verdict::Allow
    );

    // Other PGs have no limit.
    let kcp = with_cancellations(
        with_pg(v2(Method::Card, "2026-03-02T10:00:00+09:00"), "kcp"),
        20,
        100,
    );
    assert_eq!(
        decide(&kcp, &partial(100), "2026-03-05T10:00:00+09:00").verdict(),
        Verdict::Allow
    );
}

#[test]
fn card_partial_refunds_are_refused_for_the_documented_cards_only() {
    let now = "2026-03-05T10:00:00+09:00";
    let card_with = |card: Card| {
        let mut payment = v2(Method::Card, "2026-03-02T10:00:00+09:00");
        payment.card = Some(card);
        payment
    };
    for (card_type, refused) in [
        (CardType::Credit, false),
        (CardType::Debit, false),
        (CardType::Gift, true),
        (CardType::Prepaid, true),
    ] {
        let payment = card_with(Card {
            card_type: Some(card_type),
            ..Card::default()
        });
        let decision = decide(&payment, &partial(3_000), now);
        assert_eq!(!decision.is_allowed(), refused, "{card_type}");
        if refused {
            assert_eq!(
                decision.reasons()[0].details(),
                &ReasonDetails::PartialCancelNotSupported {
                    because: vec![Circumstance::CardType(card_type)].into()
                }
            );
        }
        // A full refund is never refused for the card's type.
        assert!(decide(&payment, &reason(), now).is_allowed());
    }
    let foreign = card_with(Card {
        foreign: true,
        ..Card::default()
    });
    assert_eq!(
        codes(&decide(&foreign, &partial(3_000), now)),
        ["PARTIAL_CANCEL_NOT_SUPPORTED"]
    );
    let points = card_with(Card {
        point_used: true,
        ..Card::default()
    });
    assert_eq!(
        codes(&decide(&points, &partial(3_000), now)),
        ["PARTIAL_CANCEL_NOT_SUPPORTED"]
    );
    // An unknown card type imposes nothing.
    let unknown = card_with(Card::default());
    assert!(decide(&unknown, &partial(3_000), now).is_allowed());
}

#[test]
fn a_request_for_exactly_the_balance_is_a_full_cancel_and_one_won_more_is_refused() {
    let mut payment = v2(Method::Card, "2026-03-02T10:00:00+09:00");
    payment.status = PaymentStatus::PartiallyCancelled;
    payment.amount.cancelled = won(3_000);
    let now = "2026-03-05T10:00:00+09:00";

    let exact = decide(&payment, &partial(7_000), now);
    assert!(exact.is_allowed());
    let refund = exact.refund();
    assert_eq!(
        (refund.amount, refund.partial, refund.remaining_after),
        (won(7_000), false, won(0))
    );
    assert_eq!(refund.balance, won(7_000));

    let over = decide(&payment, &partial(7_001), now);
    assert_eq!(codes(&over), ["AMOUNT_EXCEEDS_CANCELLABLE"]);
    assert_eq!(over.refund().remaining_after, won(-1));
    assert_eq!(
        over.reasons()[0].details(),
        &ReasonDetails::AmountExceedsCancellable {
            requested: won(7_001),
            balance: won(7_000)
        }
    );
    assert_eq!(
        over.reasons()[0].provider_error().map(|e| &*e.name),
        Some("CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT")
    );

    let one_less = decide(&payment, &partial(6_999), now);
    assert!(one_less.is_allowed());
    assert!(one_less.refund().partial);
    assert_eq!(one_less.refund().remaining_after, won(1));
}

#[test]
fn the_callers_balance_must_match_the_payments() {
    let payment = v2(Method::Card, "2026-03-02T10:00:00+09:00");
    let now = "2026-03-05T10:00:00+09:00";
    let matching = RefundRequest {
        current_cancellable_amount: Some(won(10_000)),
        ..reason()
    };
    assert!(decide(&payment, &matching, now).is_allowed());
    let stale = RefundRequest {
        current_cancellable_amount: Some(won(9_000)),
        ..reason()
    };
    let decision = decide(&payment, &stale, now);
    assert_eq!(codes(&decision), ["CANCELLABLE_AMOUNT_MISMATCH"]);
    assert_eq!(
        decision.reasons()[0].provider_error().map(|e| &*e.name),
        Some("CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN")
    );
}

#[test]
fn tax_free_parts_are_checked_against_the_tax_free_balance_and_the_amount() {
    let mut payment = v2(Method::Card, "2026-03-02T10:00:00+09:00");
    payment.amount.tax_free = won(2_000);
    payment.amount.cancelled_tax_free = won(500);
    let now = "2026-03-05T10:00:00+09:00";
    let request = |tax_free: i64, vat: Option<i64>| RefundRequest {
        tax_free_amount: Some(won(tax_free)),
        vat_amount: vat.map(won),
        ..partial(3_000)
    };
    assert!(decide(&payment, &request(1_500, None), now).is_allowed());
    assert_eq!(
        codes(&decide(&payment, &request(1_501, None), now)),
        ["TAX_FREE_EXCEEDS_CANCELLABLE"]
    );
    assert!(decide(&payment, &request(1_500, Some(1_500)), now).is_allowed());
    let over = decide(&payment, &request(1_500, Some(1_501)), now);
    assert_eq!(codes(&over), ["TAX_FREE_EXCEEDS_AMOUNT"]);
    assert_eq!(
        over.reasons()[0].provider_error().map(|e| &*e.name),
        Some("SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT")
    );
}

#[test]
fn invalid_amounts_skip_the_rules_about_the_amount() {
    // 100.5 won is partial by the numbers, but it is not an amount: no partial rule may fire.
    let mobile = v2(Method::Mobile, "2026-03-02T10:00:00+09:00");
    let request = RefundRequest {
        amount: Some(Decimal::new(1005, 1)),
        ..reason()
    };
    let decision = decide(&mobile, &request, "2026-03-05T10:00:00+09:00");
    assert_eq!(codes(&decision), ["INVALID_AMOUNT"]);
    assert!(
        decision.refund().partial,
        "refund.partial follows 0 < amount < balance"
    );

    // Far over the balance and invalid: only INVALID_AMOUNT.
    let huge = RefundRequest {
        amount: Some(Decimal::new(1_000_005, 1)),
        ..reason()
    };
    assert_eq!(
        codes(&decide(&mobile, &huge, "2026-03-05T10:00:00+09:00")),
        ["INVALID_AMOUNT"]
    );

    // A whole number written with a decimal point is an amount.
    let card = v2(Method::Card, "2026-03-02T10:00:00+09:00");
    let whole = RefundRequest {
        amount: Some(Decimal::new(10_000, 1)),
        ..reason()
    };
    assert!(decide(&card, &whole, "2026-03-05T10:00:00+09:00").is_allowed());

    // Negative tax-free and VAT amounts are invalid too.
    let negative = RefundRequest {
        tax_free_amount: Some(won(-1)),
        vat_amount: Some(won(-1)),
        ..reason()
    };
    let decision = decide(&card, &negative, "2026-03-05T10:00:00+09:00");
    assert_eq!(codes(&decision), ["INVALID_AMOUNT"]);
    match decision.reasons()[0].details() {
        ReasonDetails::InvalidAmount { problems } => assert_eq!(problems.len(), 2),
        other => panic!("unexpected details {other:?}"),
    }
}

#[test]
fn a_contradictory_payment_and_a_closed_status_are_reported_alone() {
    let now = "2026-03-05T10:00:00+09:00";
    let mut contradictory = v2(Method::Mobile, "2026-03-02T10:00:00+09:00");
    contradictory.amount.cancelled = won(12_000);
    contradictory.amount.tax_free = won(-5);
    let decision = decide(&contradictory, &RefundRequest::default(), now);
    assert_eq!(codes(&decision), ["INVALID_PAYMENT"]);
    assert!(decision.notes().is_empty());
    match decision.reasons()[0].details() {
        ReasonDetails::InvalidPayment { problems } => assert_eq!(problems.len(), 3, "{problems:?}"),
        other => panic!("unexpected details {other:?}"),
    }
    assert_eq!(
        decision.reasons()[0].rule().as_str(),
        "portone_v2 › common › payment_integrity"
    );

    let mut cancelled = v2(Method::Mobile, "2026-01-02T10:00:00+09:00");
    cancelled.status = PaymentStatus::Cancelled;
    cancelled.amount.cancelled = won(10_000);
    // No reason, wrong month, invalid amount: the status alone is reported.
    let request = RefundRequest {
        amount: Some(won(0)),
        ..RefundRequest::default()
    };
    assert_eq!(
        codes(&decide(&cancelled, &request, now)),
        ["ALREADY_CANCELLED"]
    );

    for status in [
        PaymentStatus::Ready,
        PaymentStatus::Pending,
        PaymentStatus::Failed,
        PaymentStatus::VirtualAccountIssued,
    ] {
        let mut unpaid = v2(Method::VirtualAccount, "2026-03-02T10:00:00+09:00");
        unpaid.status = status;
        let decision = decide(&unpaid, &request, now);
        assert_eq!(codes(&decision), ["PAYMENT_NOT_PAID"], "{status}");
        assert_eq!(
            decision.reasons()[0].provider_error().map(|e| &*e.name),
            Some("PAYMENT_NOT_PAID")
        );
    }
}

#[test]
fn mobile_payments_are_refundable_in_the_korean_month_of_payment_only() {
    let paid = v2(Method::Mobile, "2026-01-31T23:30:00+09:00");
    let same_day = decide(&paid, &reason(), "2026-01-31T23:59:59+09:00");
    assert!(same_day.is_allowed());
    let deadline = same_day.deadline().expect("the month's end");
    assert_eq!(
        (deadline.kind, deadline.last_refundable_day),
        (DeadlineKind::SameMonth, date(2026, 1, 31))
    );

    // Both instants are in January in UTC; it is February in Seoul.
    let decision = decide(&paid, &reason(), "2026-02-01T00:10:00+09:00");
    assert_eq!(codes(&decision), ["MONTH_CHANGED"]);
    assert_eq!(notes(&decision), ["MANUAL_REFUND"]);
    assert_eq!(
        decision.reasons()[0].rule().as_str(),
        "portone_v2 › mobile › same_month"
    );

    // Paid at 00:30 on February 1st in Seoul (January in UTC): February is the month of payment.
    let early = v2(Method::Mobile, "2026-02-01T00:30:00+09:00");
    assert!(decide(&early, &reason(), "2026-02-28T23:59:00+09:00").is_allowed());
    assert_eq!(
        codes(&decide(&early, &reason(), "2026-03-01T00:00:00+09:00")),
        ["MONTH_CHANGED"]
    );
}

#[test]
fn next_month_mobile_refunds_need_the_contract_and_a_valid_account() {
    let at_kcp = with_pg(v2(Method::Mobile, "2026-01-20T10:00:00+09:00"), "kcp_v2");
    let now = "2026-02-03T10:00:00+09:00";
    let signed = contracts(&["mobile_next_month_refund"]);

    let allowed = decide_for(&at_kcp, &to_account(Bank::Shinhan), &signed, now);
    assert!(allowed.is_allowed());
    assert!(
        allowed.deadline().is_none(),
        "the month no longer limits a refund to an account"
    );
    assert_eq!(
        allowed.refund_account().map(|a| a.bank),
        Some(Bank::Shinhan)
    );

    let unsigned = decide(&at_kcp, &to_account(Bank::Shinhan), now);
    assert_eq!(codes(&unsigned), ["MONTH_CHANGED"]);
    assert_eq!(notes(&unsigned), ["MANUAL_REFUND"]);

    let blank_number = RefundRequest {
        refund_account: Some(RefundAccount {
            number: Some(" ".to_owned()),
            ..account(Bank::Shinhan)
        }),
        ..reason()
    };
    let invalid = decide_for(&at_kcp, &blank_number, &signed, now);
    assert_eq!(
        codes(&invalid),
        ["MONTH_CHANGED"],
        "the month is the only reason"
    );
    assert!(
        notes(&invalid).is_empty(),
        "with the contract the provider can still refund"
    );
    match invalid.reasons()[0].details() {
        ReasonDetails::MonthChanged {
            next_month_refund: Some(next),
            ..
        } => {
            assert_eq!(next.pg, "kcp_v2");
            assert!(next.contract_signed);
            assert!(next.refund_account_given);
            assert_eq!(
                next.refund_account_problems,
                [AccountProblem::Blank {
                    field: AccountField::Number
                }]
            );
        }
        other => panic!("unexpected details {other:?}"),
    }

    // A PG without next-month refunds: the contract changes nothing.
    let at_danal = with_pg(v2(Method::Mobile, "2026-01-20T10:00:00+09:00"), "danal");
    let decision = decide_for(&at_danal, &to_account(Bank::Shinhan), &signed, now);
    match decision.reasons()[0].details() {
        ReasonDetails::MonthChanged {
            next_month_refund, ..
        } => assert!(next_month_refund.is_none()),
        other => panic!("unexpected details {other:?}"),
    }
}

#[test]
fn mobile_partial_cancels_only_at_kg_inicis() {
    let now = "2026-01-15T10:00:00+09:00";
    for (pg, allowed) in [
        ("inicis", true),
        ("html5_inicis", true),
        ("inicis_v2", true),
        ("inicis_unified", true),
        ("kcp", false),
        ("danal", false),
    ] {
        let payment = with_pg(v2(Method::Mobile, "2026-01-10T10:00:00+09:00"), pg);
        assert_eq!(
            decide(&payment, &partial(3_000), now).is_allowed(),
            allowed,
            "{pg}"
        );
    }
    let no_pg = v2(Method::Mobile, "2026-01-10T10:00:00+09:00");
    let decision = decide(&no_pg, &partial(3_000), now);
    assert_eq!(
        decision.reasons()[0].details(),
        &ReasonDetails::PartialCancelNotSupported {
            because: vec![Circumstance::PgNotListed(None)].into()
        }
    );
}

#[test]
fn virtual_account_refunds_need_contract_account_and_cost_a_fee() {
    let va = with_pg(
        v2(Method::VirtualAccount, "2026-03-02T10:00:00+09:00"),
        "kcp_v2",
    );
    let now = "2026-03-05T10:00:00+09:00";
    let signed = contracts(&["virtual_account_refund"]);

    let allowed = decide_for(&va, &to_account(Bank::Shinhan), &signed, now);
    assert!(allowed.is_allowed());
    assert_eq!(allowed.fee(), Some((won(300), Currency::KRW)));
    assert_eq!(allowed.processing_days(), Some((1, 2)));
    assert_eq!(notes(&allowed), ["REFUND_FEE", "PROCESSING_DELAY"]);
    // PortOne V2 takes bank names: no code to translate.
    let summary = allowed.refund_account().expect("the account's bank");
    assert_eq!(
        (summary.bank, summary.bank_code.as_deref()),
        (Bank::Shinhan, None)
    );

    let everything_missing = decide(&va, &reason(), now);
    assert_eq!(
        codes(&everything_missing),
        ["CONTRACT_REQUIRED", "REFUND_ACCOUNT_REQUIRED"]
    );
    assert_eq!(
        everything_missing.reasons()[1]
            .provider_error()
            .map(|e| &*e.name),
        Some("INVALID_REQUEST")
    );

    let incomplete = RefundRequest {
        refund_account: Some(RefundAccount {
            bank: None,
            holder_name: None,
            ..account(Bank::Shinhan)
        }),
        ..reason()
    };
    let decision = decide_for(&va, &incomplete, &signed, now);
    assert_eq!(
        decision.reasons()[0].details(),
        &ReasonDetails::RefundAccountInvalid {
            problems: vec![
                AccountProblem::Missing {
                    field: AccountField::Bank
                },
                AccountProblem::Missing {
                    field: AccountField::HolderName
                },
            ]
        }
    );

    // Virtual accounts have no deadline.
    assert!(
        decide_for(
            &va,
            &to_account(Bank::Shinhan),
            &signed,
            "2036-03-05T10:00:00+09:00"
        )
        .is_allowed()
    );
}

#[test]
fn virtual_account_rules_by_pg() {
    let now = "2026-03-05T10:00:00+09:00";
    let signed = contracts(&["virtual_account_refund"]);
    let va_at = |pg: &str| with_pg(v2(Method::VirtualAccount, "2026-03-02T10:00:00+09:00"), pg);

    // Smartro needs the holder's phone.
    let smartro = decide_for(
        &va_at("smartro_v2"),
        &to_account(Bank::Kookmin),
        &signed,
        now,
    );
    assert_eq!(codes(&smartro), ["REFUND_ACCOUNT_INVALID"]);
    assert_eq!(
        smartro.reasons()[0].rule().as_str(),
        "portone_v2 › virtual_account › pg SMARTRO › refund_account"
    );
    let with_phone = RefundRequest {
        refund_account: Some(RefundAccount {
            holder_phone: Some("01012345678".to_owned()),
            ..account(Bank::Kookmin)
        }),
        ..reason()
    };
    assert!(decide_for(&va_at("smartro"), &with_phone, &signed, now).is_allowed());

    // Toss Payments needs no contract.
    assert!(decide(&va_at("tosspayments"), &to_account(Bank::Shinhan), now).is_allowed());

    // Danal cannot refund virtual accounts at all.
    let danal = decide_for(&va_at("danal"), &to_account(Bank::Shinhan), &signed, now);
    assert_eq!(codes(&danal), ["REFUND_NOT_SUPPORTED"]);
    assert_eq!(notes(&danal)[0], "MANUAL_REFUND");

    // KSNET takes no cancels from 23:00 to 06:00 in Seoul.
    let ksnet = va_at("ksnet");
    for (now, open) in [
        ("2026-03-05T22:59:59+09:00", true),
        ("2026-03-05T23:00:00+09:00", false),
        ("2026-03-06T05:59:59+09:00", false),
        ("2026-03-06T06:00:00+09:00", true),
        ("2026-03-05T21:00:00Z", true),  // 06:00 in Seoul
        ("2026-03-05T14:30:00Z", false), // 23:30 in Seoul
    ] {
        let decision = decide_for(&ksnet, &to_account(Bank::Shinhan), &signed, now);
        assert_eq!(decision.is_allowed(), open, "{now}");
        if !open {
            assert_eq!(
                decision.reasons()[0].provider_error().map(|e| &*e.name),
                Some("PG_PROVIDER")
            );
        }
    }
}

#[test]
fn welcome_partial_refunds_need_the_partial_refund_service() {
    let welcome = with_pg(v2(Method::Card, "2026-03-02T10:00:00+09:00"), "welcome");
    let now = "2026-03-05T10:00:00+09:00";
    let decision = decide(&welcome, &partial(3_000), now);
    assert_eq!(codes(&decision), ["CONTRACT_REQUIRED"]);
    match decision.reasons()[0].details() {
        ReasonDetails::ContractRequired {
            contract,
            for_partial_refund,
        } => {
            assert_eq!(&*contract.id, "partial_refund_service");
            assert!(*for_partial_refund);
        }
        other => panic!("unexpected details {other:?}"),
    }
    assert!(
        decide_for(
            &welcome,
            &partial(3_000),
            &contracts(&["partial_refund_service"]),
            now
        )
        .is_allowed()
    );
    assert!(decide(&welcome, &reason(), now).is_allowed());
}

#[test]
fn easy_pay_deadlines_by_service_and_funding() {
    let paid = "2025-03-02T12:00:00+09:00";
    let base = v2(Method::EasyPay, paid);
    let cases = [
        (
            "kakaopay",
            Some(Funding::Card),
            "2026-03-02T23:00:00+09:00",
            true,
        ),
        (
            "kakaopay",
            Some(Funding::Card),
            "2026-03-03T00:00:00+09:00",
            false,
        ),
        (
            "kakaopay",
            Some(Funding::Money),
            "2030-03-02T23:00:00+09:00",
            true,
        ),
        (
            "kakaopay",
            Some(Funding::Money),
            "2030-03-03T00:00:00+09:00",
            false,
        ),
        ("kakaopay", None, "2026-03-03T00:00:00+09:00", false),
        // 1095 days: the payment day is day 0.
        ("naverpay", None, "2028-03-01T23:59:59+09:00", true),
        ("naverpay", None, "2028-03-02T00:00:00+09:00", false),
        ("paypal", None, "2025-08-29T23:00:00+09:00", true),
        ("paypal", None, "2025-08-30T00:00:00+09:00", false),
        ("tosspay", None, "2026-03-02T23:00:00+09:00", true),
        ("tosspay", None, "2026-03-03T00:00:00+09:00", false),
    ];
    for (service, funding, now, allowed) in cases {
        let payment = easy_pay(base.clone(), service, funding);
        let decision = decide(&payment, &reason(), now);
        assert_eq!(
            decision.is_allowed(),
            allowed,
            "{service} {funding:?} at {now}: {:?}",
            codes(&decision)
        );
    }
}

#[test]
fn unknown_or_unlisted_funding_takes_the_strictest_span_and_says_so() {
    let now = "2025-09-01T12:00:00+09:00";
    for funding in [None, Some(Funding::Point)] {
        let payment = easy_pay(
            v2(Method::EasyPay, "2025-03-02T12:00:00+09:00"),
            "kakaopay",
            funding,
        );
        let decision = decide(&payment, &reason(), now);
        assert!(decision.is_allowed());
        assert_eq!(notes(&decision), ["FUNDING_ASSUMED"]);
        match decision.notes()[0].details() {
            NoteDetails::FundingAssumed {
                funding: reported,
                applied,
                spans,
            } => {
                assert_eq!(*reported, funding);
                assert_eq!(applied.to_string(), "1 year");
                assert_eq!(spans.len(), 2);
            }
            other => panic!("unexpected details {other:?}"),
        }
    }
    let known = easy_pay(
        v2(Method::EasyPay, "2025-03-02T12:00:00+09:00"),
        "kakaopay",
        Some(Funding::Money),
    );
    assert!(notes(&decide(&known, &reason(), now)).is_empty());
}

#[test]
fn paypal_cancels_are_confirmed_later() {
    let paypal = easy_pay(
        v2(Method::EasyPay, "2026-03-02T12:00:00+09:00"),
        "paypal",
        None,
    );
    let decision = decide(&paypal, &reason(), "2026-03-05T12:00:00+09:00");
    assert_eq!(notes(&decision), ["ASYNC_CANCELLATION"]);
    assert_eq!(
        decision.notes()[0].rule().as_str(),
        "portone_v2 › easy_pay › paypal › async_cancellation"
    );
}

#[test]
fn transfers_end_after_three_months_clamped_to_the_month_end() {
    let transfer = v2(Method::Transfer, "2025-11-30T10:00:00+09:00");
    let decision = decide(&transfer, &reason(), "2026-02-28T23:00:00+09:00");
    assert!(decision.is_allowed());
    assert_eq!(
        decision.deadline().map(|d| d.last_refundable_day),
        Some(date(2026, 2, 28))
    );
    assert_eq!(
        codes(&decide(&transfer, &reason(), "2026-03-01T00:00:00+09:00")),
        ["DEADLINE_PASSED"]
    );
}

#[test]
fn deadline_and_month_rules_need_the_payment_time() {
    let mut card = v2(Method::Card, "2026-03-02T10:00:00+09:00");
    card.paid_at = None;
    let decision = decide(&card, &reason(), "2026-03-05T10:00:00+09:00");
    assert_eq!(codes(&decision), ["PAID_AT_MISSING"]);
    assert_eq!(
        decision.reasons()[0].rule().as_str(),
        "portone_v2 › card › deadline"
    );
    assert!(decision.reasons()[0].provider_error().is_none());
    // A virtual account has no time rule, so an unknown payment time does not matter.
    let mut va = with_pg(
        v2(Method::VirtualAccount, "2026-03-02T10:00:00+09:00"),
        "tosspayments",
    );
    va.paid_at = None;
    assert!(decide(&va, &to_account(Bank::Shinhan), "2026-03-05T10:00:00+09:00").is_allowed());
}

#[test]
fn reasons_are_all_reported_together() {
    let payment = with_pg(v2(Method::Mobile, "2026-01-10T10:00:00+09:00"), "danal");
    let request = RefundRequest {
        amount: Some(won(3_000)),
        ..RefundRequest::default()
    };
    let decision = decide(&payment, &request, "2026-02-03T10:00:00+09:00");
    assert_eq!(
        codes(&decision),
        [
            "MONTH_CHANGED",
            "PARTIAL_CANCEL_NOT_SUPPORTED",
            "REASON_REQUIRED"
        ]
    );
}

#[test]
fn methods_without_documented_rules_have_no_policy() {
    for method in [Method::ConvenienceStore, Method::Crypto] {
        let decision = decide(
            &v2(method, "2026-03-02T10:00:00+09:00"),
            &reason(),
            "2026-03-05T10:00:00+09:00",
        );
        assert_eq!(codes(&decision), ["NO_POLICY"], "{method}");
        assert_eq!(
            decision.reasons()[0].rule().as_str(),
            format!("portone_v2 › {method}")
        );
    }
}

#[test]
fn every_reason_names_a_rule_of_the_policy_set_and_has_both_languages() {
    let policies = engine().policies();
    let rule_ids: Vec<&str> = policies.rule_ids().map(|r| r.as_str()).collect();
    let decisions = [
        decide(
            &v2(Method::Card, "2025-03-02T10:00:00+09:00"),
            &RefundRequest::default(),
            "2026-05-05T10:00:00+09:00",
        ),
        decide(
            &with_pg(
                v2(Method::VirtualAccount, "2026-03-02T10:00:00+09:00"),
                "smartro",
            ),
            &partial(20_000),
            "2026-03-05T10:00:00+09:00",
        ),
        decide(
            &v2(Method::Crypto, "2026-03-02T10:00:00+09:00"),
            &reason(),
            "2026-03-05T10:00:00+09:00",
        ),
    ];
    for decision in &decisions {
        assert!(!decision.reasons().is_empty());
        for reason in decision.reasons() {
            assert!(
                rule_ids.contains(&reason.rule().as_str()),
                "{}",
                reason.rule()
            );
            let ko = reason_message(reason, Currency::KRW, Lang::Ko);
            let en = reason_message(reason, Currency::KRW, Lang::En);
            assert!(!ko.is_empty() && !en.is_empty() && ko != en);
        }
        for note in decision.notes() {
            assert!(rule_ids.contains(&note.rule().as_str()), "{}", note.rule());
            assert_ne!(note_message(note, Lang::Ko), note_message(note, Lang::En));
        }
    }
}

#[test]
fn the_decision_does_not_depend_on_the_offset_instants_are_written_in() {
    let in_seoul = v2(Method::Mobile, "2026-01-31T23:30:00+09:00");
    let in_utc = v2(Method::Mobile, "2026-01-31T14:30:00Z");
    let a = decide(&in_seoul, &reason(), "2026-02-01T00:10:00+09:00");
    let b = decide(&in_utc, &reason(), "2026-01-31T15:10:00+00:00");
    assert_eq!(a, b);
}

#[test]
fn the_json_report_has_the_contract_shape() {
    let payment = v2(Method::Card, "2026-03-02T10:00:00+09:00");
    let decision = decide(&payment, &partial(12_000), "2026-03-05T10:00:00+09:00");
    let json = serde_json::to_value(decision.report(Lang::En)).expect("serializes");
    assert_eq!(json["verdict"], "deny");
    let reason = &json["reasons"][0];
    assert_eq!(reason["code"], "AMOUNT_EXCEEDS_CANCELLABLE");
    assert_eq!(reason["rule"], "portone_v2 › common › balance");
    assert_eq!(
        reason["provider_error"]["name"],
        "CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT"
    );
    assert!(reason["provider_error"]["code"].is_null());
    assert_eq!(reason["details"]["requested"], 12_000);
    assert_eq!(reason["details"]["balance"], 10_000);
    assert_eq!(
        reason["message"],
        "the refund of KRW 12,000 exceeds the cancellable balance of KRW 10,000"
    );
    assert_eq!(json["refund"]["amount"], 12_000);
    assert_eq!(json["refund"]["partial"], false);
    assert_eq!(json["refund"]["remaining_after"], -2_000);
    assert_eq!(json["deadline"]["last_refundable_day"], "2027-03-02");
    assert_eq!(json["provider"], "portone_v2");
    assert_eq!(json["policy"], "portone_v2");
    let korean = serde_json::to_value(&decision).expect("serializes");
    assert_eq!(
        korean["reasons"][0]["message"],
        "환불 요청 금액 12,000원이 취소 가능 잔액 10,000원을 넘습니다"
    );
}

#[test]
fn can_refund_uses_the_builtin_policies_and_no_contracts() {
    let va = with_pg(
        v2(Method::VirtualAccount, "2026-03-02T10:00:00+09:00"),
        "kcp_v2",
    );
    let decision = refund_policy::can_refund(
        &va,
        &to_account(Bank::Shinhan),
        at("2026-03-05T10:00:00+09:00"),
    );
    assert_eq!(codes(&decision), ["CONTRACT_REQUIRED"]);
    assert_eq!(decision.provider(), Provider::PortoneV2);
    assert_eq!(decision.reason_codes(), [ReasonCode::ContractRequired]);
}
