//! PortOne V1 (iamport): the request fields V1 checks differently from V2 (optional reason,
//! NaverPay's reason and requester, 16-character account fields), the PG-specific bank codes,
//! the absence of error names, and V2's method rules applied unchanged.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests assert on known inputs"
)]

mod support;

use refund_policy::decision::{
    AccountField, AccountProblem, ReasonCode, ReasonDetails, RequestField, Verdict,
};
use refund_policy::model::{
    Bank, Cancellation, CancellationStatus, Card, CardType, EasyPay, Funding, Method, Payment,
    Provider, RefundAccount, RefundRequest, Requester, parse_instant,
};
use rust_decimal::Decimal;
use support::*;

fn v1(method: Method, pg: Option<&str>, paid_at: &str) -> Payment {
    let mut payment = payment(Provider::PortoneV1, method, 10_000, paid_at);
    payment.pg = pg.map(str::to_owned);
    payment
}

fn easy(pg: &str, service: &str, funding: Option<Funding>, paid_at: &str) -> Payment {
    easy_pay(v1(Method::EasyPay, Some(pg), paid_at), service, funding)
}

fn to(account: RefundAccount) -> RefundRequest {
    RefundRequest {
        refund_account: Some(account),
        ..RefundRequest::default()
    }
}

fn partial(amount: i64) -> RefundRequest {
    RefundRequest {
        amount: Some(Decimal::from(amount)),
        ..RefundRequest::default()
    }
}

const NOW: &str = "2026-03-02T12:00:00+09:00";
const PAID: &str = "2026-03-02T10:00:00+09:00";
const VA: &[&str] = &["virtual_account_refund"];

#[test]
fn a_reason_is_optional_but_at_most_256_characters() {
    let card = v1(Method::Card, Some("html5_inicis"), PAID);
    assert_eq!(
        decide(&card, &RefundRequest::default(), NOW).verdict(),
        Verdict::Allow
    );

    let exactly = RefundRequest {
        reason: Some("가".repeat(256)),
        ..RefundRequest::default()
    };
    assert_eq!(decide(&card, &exactly, NOW).verdict(), Verdict::Allow);

    let over = RefundRequest {
        reason: Some("가".repeat(257)),
        ..RefundRequest::default()
    };
    let decision = decide(&card, &over, NOW);
    assert_eq!(codes(&decision), ["FIELD_TOO_LONG"]);
    let reason = &decision.reasons()[0];
    assert_eq!(reason.rule().as_str(), "portone_v1 › reason");
    assert_eq!(
        reason.details(),
        &ReasonDetails::FieldTooLong {
            field: RequestField::Reason,
            chars: 257,
            max: 256
        }
    );
    assert_eq!(reason.provider_error(), None, "V1 has no error names");
}

#[test]
fn naverpay_needs_a_reason_and_a_requester_whichever_way_it_is_named() {
    let request = RefundRequest {
        reason: Some("고객 요청".to_owned()),
        requester: Some(Requester::Customer),
        ..RefundRequest::default()
    };
    // NaverPay as the easy-pay service, through its own PG or another one.
    for pg in ["naverpay", "kcp"] {
        let naverpay = easy(pg, "naverpay", None, PAID);
        let bare = decide(&naverpay, &RefundRequest::default(), NOW);
        assert_eq!(
            codes(&bare),
            ["REASON_REQUIRED", "REQUESTER_REQUIRED"],
            "pg {pg}"
        );
        assert_eq!(
            bare.reasons()[1].rule().as_str(),
            "portone_v1 › easy_pay › naverpay › requester"
        );
        assert_eq!(
            decide(&naverpay, &request, NOW).verdict(),
            Verdict::Allow,
            "pg {pg}"
        );
        let blank = RefundRequest {
            reason: Some("  ".to_owned()),
            requester: Some(Requester::Admin),
            ..RefundRequest::default()
        };
        assert_eq!(codes(&decide(&naverpay, &blank, NOW)), ["REASON_REQUIRED"]);
    }
    // NaverPay as the PG, whatever the method.
    let at_pg = v1(Method::Card, Some("naverpay"), PAID);
    let bare = decide(&at_pg, &RefundRequest::default(), NOW);
    assert_eq!(codes(&bare), ["REASON_REQUIRED", "REQUESTER_REQUIRED"]);
    assert_eq!(
        bare.reasons()[0].rule().as_str(),
        "portone_v1 › pg naverpay › reason"
    );
    assert_eq!(decide(&at_pg, &request, NOW).verdict(), Verdict::Allow);
    // The 256-character limit holds for NaverPay too.
    let long = RefundRequest {
        reason: Some("a".repeat(257)),
        ..request.clone()
    };
    assert_eq!(codes(&decide(&at_pg, &long, NOW)), ["FIELD_TOO_LONG"]);
    // Other easy-pay services need neither.
    let kakaopay = easy("kakaopay", "kakaopay", Some(Funding::Card), PAID);
    assert_eq!(
        decide(&kakaopay, &RefundRequest::default(), NOW).verdict(),
        Verdict::Allow
    );
}

#[test]
fn cards_are_refundable_for_a_year_a_leap_day_ending_on_february_28th() {
    let card = v1(Method::Card, Some("kcp"), "2025-03-02T10:00:00+09:00");
    let last = decide(
        &card,
        &RefundRequest::default(),
        "2026-03-02T23:59:59+09:00",
    );
    assert_eq!(last.verdict(), Verdict::Allow);
    assert_eq!(
        last.deadline().map(|d| d.last_refundable_day),
        Some(date(2026, 3, 2))
    );
    let after = decide(
        &card,
        &RefundRequest::default(),
        "2026-03-03T00:00:00+09:00",
    );
    assert_eq!(codes(&after), ["DEADLINE_PASSED"]);
    assert_eq!(notes(&after), ["MANUAL_REFUND"]);
    assert_eq!(
        after.reasons()[0].rule().as_str(),
        "portone_v1 › card › deadline"
    );
    assert_eq!(after.reasons()[0].provider_error(), None);
    // 15:00 UTC on the last day is the next day in Seoul.
    assert_eq!(
        codes(&decide(
            &card,
            &RefundRequest::default(),
            "2026-03-02T15:00:00Z"
        )),
        ["DEADLINE_PASSED"]
    );

    let leap = v1(Method::Card, None, "2024-02-29T09:00:00+09:00");
    let on_28th = decide(
        &leap,
        &RefundRequest::default(),
        "2025-02-28T23:59:00+09:00",
    );
    assert_eq!(on_28th.verdict(), Verdict::Allow);
    assert_eq!(
        on_28th.deadline().map(|d| d.last_refundable_day),
        Some(date(2025, 2, 28))
    );
    assert_eq!(
        codes(&decide(
            &leap,
            &RefundRequest::default(),
            "2025-03-01T00:00:00+09:00"
        )),
        ["DEADLINE_PASSED"]
    );
}

#[test]
fn mobile_payments_are_refundable_in_the_korean_month_of_payment() {
    // PortOne V1's cancel guide example
    // (https://developers.portone.io/opi/ko/integration/cancel/v1/basic): paid January 31st,
    // refund February 1st is impossible, although both instants are in January UTC.
    let january = v1(Method::Mobile, Some("danal"), "2026-01-31T23:30:00+09:00");
    let february = decide(
        &january,
        &RefundRequest::default(),
        "2026-02-01T00:10:00+09:00",
    );
    assert_eq!(codes(&february), ["MONTH_CHANGED"]);
    assert_eq!(notes(&february), ["MANUAL_REFUND"]);
    assert_eq!(
        codes(&decide(
            &january,
            &RefundRequest::default(),
            "2026-01-31T15:10:00Z"
        )),
        ["MONTH_CHANGED"]
    );
    assert_eq!(
        decide(
            &january,
            &RefundRequest::default(),
            "2026-01-31T23:59:59+09:00"
        )
        .verdict(),
        Verdict::Allow
    );
    // Paid February 1st 08:30 in Seoul (January 31st UTC): February is the month.
    let early = v1(Method::Mobile, Some("danal"), "2026-02-01T08:30:00+09:00");
    assert_eq!(
        decide(
            &early,
            &RefundRequest::default(),
            "2026-02-28T23:00:00+09:00"
        )
        .verdict(),
        Verdict::Allow
    );
    assert_eq!(
        codes(&decide(
            &early,
            &RefundRequest::default(),
            "2026-03-01T00:00:00+09:00"
        )),
        ["MONTH_CHANGED"]
    );
}

#[test]
fn next_month_mobile_refunds_need_the_contract_and_a_valid_account() {
    let now = "2026-02-03T10:00:00+09:00";
    let contract = &["mobile_next_month_refund"];
    for (pg, code) in [
        ("kcp", "BK88"),
        ("kcp_v2", "BK88"),
        ("inicis_v2", "88"),
        ("kpn", "088"),
    ] {
        let mobile = v1(Method::Mobile, Some(pg), "2026-01-20T10:00:00+09:00");
        let allowed = decide_with(&mobile, &to(account(Bank::Shinhan)), contract, now);
        assert_eq!(allowed.verdict(), Verdict::Allow, "pg {pg}");
        assert_eq!(
            allowed
                .refund_account()
                .and_then(|a| a.bank_code.as_deref()),
            Some(code),
            "pg {pg}"
        );
        let without_contract = decide(&mobile, &to(account(Bank::Shinhan)), now);
        assert_eq!(codes(&without_contract), ["MONTH_CHANGED"], "pg {pg}");
        let without_account = decide_with(&mobile, &RefundRequest::default(), contract, now);
        assert_eq!(codes(&without_account), ["MONTH_CHANGED"], "pg {pg}");
    }
    // The account's own limits apply: 17 characters is one too many.
    let kcp = v1(Method::Mobile, Some("kcp"), "2026-01-20T10:00:00+09:00");
    let mut long = account(Bank::Shinhan);
    long.number = Some("12345678901234567".to_owned());
    let decision = decide_with(&kcp, &to(long), contract, now);
    assert_eq!(codes(&decision), ["MONTH_CHANGED"]);
    match decision.reasons()[0].details() {
        ReasonDetails::MonthChanged {
            next_month_refund: Some(next),
            ..
        } => {
            assert!(next.contract_signed);
            assert!(next.refund_account_given);
            assert_eq!(
                next.refund_account_problems,
                [AccountProblem::TooLong {
                    field: AccountField::Number,
                    chars: 17,
                    max: 16
                }]
            );
        }
        other => panic!("unexpected details {other:?}"),
    }
    // A bank KCP has no code for is as good as no account.
    let decision = decide_with(&kcp, &to(account(Bank::Hsbc)), contract, now);
    assert_eq!(codes(&decision), ["MONTH_CHANGED"]);
    // Danal offers no next-month refund.
    let danal = v1(Method::Mobile, Some("danal"), "2026-01-20T10:00:00+09:00");
    assert_eq!(
        codes(&decide_with(
            &danal,
            &to(account(Bank::Shinhan)),
            contract,
            now
        )),
        ["MONTH_CHANGED"]
    );
}

#[test]
fn mobile_partial_cancels_only_at_kg_inicis() {
    for pg in ["inicis", "html5_inicis", "inicis_v2", "inicis_unified"] {
        let mobile = v1(Method::Mobile, Some(pg), PAID);
        assert_eq!(
            decide(&mobile, &partial(3000), NOW).verdict(),
            Verdict::Allow,
            "pg {pg}"
        );
    }
    for pg in [Some("kcp"), Some("danal"), Some("ksnet"), None] {
        let mobile = v1(Method::Mobile, pg, PAID);
        let decision = decide(&mobile, &partial(3000), NOW);
        assert_eq!(
            codes(&decision),
            ["PARTIAL_CANCEL_NOT_SUPPORTED"],
            "pg {pg:?}"
        );
        assert_eq!(
            decision.reasons()[0].rule().as_str(),
            "portone_v1 › mobile › partial_refund › full_only"
        );
        // The whole amount is fine.
        assert_eq!(
            decide(&mobile, &RefundRequest::default(), NOW).verdict(),
            Verdict::Allow
        );
    }
}

#[test]
fn virtual_account_refunds_name_the_code_each_pg_wants_for_shinhan() {
    let phone = |mut a: RefundAccount| {
        a.holder_phone = Some("01012345678".to_owned());
        a
    };
    for (pg, code, table) in [
        ("inicis", "88", "KG이니시스"),
        ("html5_inicis", "88", "KG이니시스"),
        ("inicis_v2", "88", "KG이니시스"),
        ("kcp", "BK88", "NHN KCP"),
        ("kcp_billing", "BK88", "NHN KCP"),
        ("daou", "10", "키움페이(다우)"),
        ("nice_v2", "088", "(신)나이스"),
        ("welcome", "088", "웰컴"),
        (
            "smartro",
            "088",
            "토스페이먼츠/다날/NICE/KICC/스마트로/헥토 (3자리)",
        ),
        (
            "nice",
            "088",
            "토스페이먼츠/다날/NICE/KICC/스마트로/헥토 (3자리)",
        ),
        (
            "kicc",
            "088",
            "토스페이먼츠/다날/NICE/KICC/스마트로/헥토 (3자리)",
        ),
    ] {
        let payment = v1(Method::VirtualAccount, Some(pg), PAID);
        let decision = decide_with(&payment, &to(phone(account(Bank::Shinhan))), VA, NOW);
        assert_eq!(
            decision.verdict(),
            Verdict::Allow,
            "pg {pg}: {:?}",
            codes(&decision)
        );
        let summary = decision.refund_account().expect("the account summary");
        assert_eq!(summary.bank, Bank::Shinhan);
        assert_eq!(summary.bank_code.as_deref(), Some(code), "pg {pg}");
        assert_eq!(summary.code_table.as_deref(), Some(table), "pg {pg}");
        assert_eq!(
            notes(&decision),
            ["REFUND_FEE", "PROCESSING_DELAY"],
            "pg {pg}"
        );
    }
    // Without a PG, the 3-digit column.
    let no_pg = v1(Method::VirtualAccount, None, PAID);
    let decision = decide_with(&no_pg, &to(account(Bank::Kookmin)), VA, NOW);
    assert_eq!(
        decision
            .refund_account()
            .and_then(|a| a.bank_code.as_deref()),
        Some("004")
    );
    // 키움페이 names 하나 12 and 외환 05: HANA is 12.
    let daou = v1(Method::VirtualAccount, Some("daou"), PAID);
    let decision = decide_with(&daou, &to(account(Bank::Hana)), VA, NOW);
    assert_eq!(
        decision
            .refund_account()
            .and_then(|a| a.bank_code.as_deref()),
        Some("12")
    );
    // 축협/단위농협 at KCP.
    let kcp = v1(Method::VirtualAccount, Some("kcp"), PAID);
    let decision = decide_with(&kcp, &to(account(Bank::LocalNonghyup)), VA, NOW);
    assert_eq!(
        decision
            .refund_account()
            .and_then(|a| a.bank_code.as_deref()),
        Some("BK12")
    );
}

#[test]
fn a_bank_missing_from_the_pgs_column_is_an_invalid_refund_account() {
    for (pg, bank, table) in [
        ("daou", Bank::Kdb, "키움페이(다우)"),
        ("daou", Bank::Kakao, "키움페이(다우)"),
        ("welcome", Bank::Nonghyup, "웰컴"),
        ("welcome", Bank::StandardChartered, "웰컴"),
        ("nice_v2", Bank::Kakao, "(신)나이스"),
        ("nice_v2", Bank::Kyongnam, "(신)나이스"),
        ("kcp", Bank::Hsbc, "NHN KCP"),
        ("inicis", Bank::Jeju, "KG이니시스"),
        (
            "kicc",
            Bank::SavingsBank,
            "토스페이먼츠/다날/NICE/KICC/스마트로/헥토 (3자리)",
        ),
    ] {
        let payment = v1(Method::VirtualAccount, Some(pg), PAID);
        let decision = decide_with(&payment, &to(account(bank)), VA, NOW);
        assert_eq!(codes(&decision), ["REFUND_ACCOUNT_INVALID"], "{pg} {bank}");
        let reason = &decision.reasons()[0];
        assert_eq!(
            reason.details(),
            &ReasonDetails::RefundAccountInvalid {
                problems: vec![AccountProblem::BankNotSupported {
                    bank,
                    table: table.into(),
                    pg: Some(pg.into()),
                }]
            }
        );
        assert_eq!(
            reason.rule().as_str(),
            format!("portone_v1 › bank_codes › {table}")
        );
        assert_eq!(reason.provider_error(), None);
        assert!(decision.refund_account().is_none());
    }
}

#[test]
fn refund_account_fields_hold_at_most_16_characters() {
    let smartro = v1(Method::VirtualAccount, Some("smartro"), PAID);
    let full = |number: &str, holder: &str, phone: &str| RefundAccount {
        bank: Some(Bank::Shinhan),
        number: Some(number.to_owned()),
        holder_name: Some(holder.to_owned()),
        holder_phone: Some(phone.to_owned()),
    };
    let sixteen = "1234567890123456";
    let seventeen = "12345678901234567";
    let name16 = "가".repeat(16);
    let name17 = "가".repeat(17);
    assert_eq!(
        decide_with(&smartro, &to(full(sixteen, &name16, sixteen)), VA, NOW).verdict(),
        Verdict::Allow
    );
    for (account, field) in [
        (full(seventeen, &name16, sixteen), AccountField::Number),
        (full(sixteen, &name17, sixteen), AccountField::HolderName),
        (full(sixteen, &name16, seventeen), AccountField::HolderPhone),
    ] {
        let decision = decide_with(&smartro, &to(account), VA, NOW);
        assert_eq!(codes(&decision), ["REFUND_ACCOUNT_INVALID"], "{field:?}");
        assert_eq!(
            decision.reasons()[0].details(),
            &ReasonDetails::RefundAccountInvalid {
                problems: vec![AccountProblem::TooLong {
                    field,
                    chars: 17,
                    max: 16
                }]
            }
        );
        assert_eq!(
            decision.reasons()[0].rule().as_str(),
            "portone_v1 › refund_account_format"
        );
    }
}

#[test]
fn virtual_accounts_need_the_contract_an_account_and_smartro_a_phone() {
    let inicis = v1(Method::VirtualAccount, Some("html5_inicis"), PAID);
    let shinhan = to(account(Bank::Shinhan));
    assert_eq!(
        codes(&decide(&inicis, &shinhan, NOW)),
        ["CONTRACT_REQUIRED"]
    );
    assert_eq!(
        codes(&decide_with(&inicis, &RefundRequest::default(), VA, NOW)),
        ["REFUND_ACCOUNT_REQUIRED"]
    );
    // Toss Payments needs no contract.
    let toss = v1(Method::VirtualAccount, Some("tosspayments"), PAID);
    assert_eq!(decide(&toss, &shinhan, NOW).verdict(), Verdict::Allow);
    // Danal cannot refund virtual accounts at all.
    let danal = v1(Method::VirtualAccount, Some("danal"), PAID);
    let decision = decide_with(&danal, &shinhan, VA, NOW);
    assert_eq!(codes(&decision), ["REFUND_NOT_SUPPORTED"]);
    assert!(notes(&decision).contains(&"MANUAL_REFUND"));
    // Smartro needs the holder's phone (refund_tel).
    for pg in ["smartro", "smartro_v2"] {
        let smartro = v1(Method::VirtualAccount, Some(pg), PAID);
        let decision = decide_with(&smartro, &shinhan, VA, NOW);
        assert_eq!(codes(&decision), ["REFUND_ACCOUNT_INVALID"], "pg {pg}");
        assert_eq!(
            decision.reasons()[0].details(),
            &ReasonDetails::RefundAccountInvalid {
                problems: vec![AccountProblem::Missing {
                    field: AccountField::HolderPhone
                }]
            }
        );
    }
    // 키움페이 processes by hand: at least 7 business days.
    let daou = v1(Method::VirtualAccount, Some("daou"), PAID);
    assert_eq!(
        decide_with(&daou, &shinhan, VA, NOW).processing_days(),
        Some((7, 7))
    );
    assert_eq!(
        decide_with(&inicis, &shinhan, VA, NOW).processing_days(),
        Some((1, 2))
    );
    assert_eq!(
        decide_with(&inicis, &shinhan, VA, NOW).fee(),
        Some((Decimal::from(300), refund_policy::model::Currency::KRW))
    );
    // KSNET refuses virtual-account cancels between 23:00 and 06:00.
    let ksnet = v1(Method::VirtualAccount, Some("ksnet"), PAID);
    assert_eq!(
        codes(&decide_with(
            &ksnet,
            &shinhan,
            VA,
            "2026-03-02T23:00:00+09:00"
        )),
        ["OUTSIDE_CANCEL_HOURS"]
    );
    assert_eq!(
        codes(&decide_with(
            &ksnet,
            &shinhan,
            VA,
            "2026-03-03T05:59:59+09:00"
        )),
        ["OUTSIDE_CANCEL_HOURS"]
    );
    assert_eq!(
        decide_with(&ksnet, &shinhan, VA, "2026-03-03T06:00:00+09:00").verdict(),
        Verdict::Allow
    );
    assert_eq!(
        decide_with(&ksnet, &shinhan, VA, "2026-03-02T22:59:59+09:00").verdict(),
        Verdict::Allow
    );
}

#[test]
fn ksnet_cards_have_six_months_and_nine_partial_cancels() {
    let ksnet = v1(Method::Card, Some("ksnet"), "2025-09-02T10:00:00+09:00");
    assert_eq!(
        decide(&ksnet, &RefundRequest::default(), NOW).verdict(),
        Verdict::Allow
    );
    let after = decide(
        &ksnet,
        &RefundRequest::default(),
        "2026-03-03T00:00:00+09:00",
    );
    assert_eq!(codes(&after), ["DEADLINE_PASSED"]);
    assert_eq!(
        after.reasons()[0].rule().as_str(),
        "portone_v1 › card › pg ksnet › deadline"
    );

    let with_history = |count: usize| {
        let mut payment = v1(Method::Card, Some("ksnet"), PAID);
        for i in 0..count {
            payment.cancellations.push(Cancellation {
                id: Some(format!("c-{i}")),
                amount: Decimal::from(100),
                status: CancellationStatus::Succeeded,
                cancel_id: None,
            });
        }
        payment.amount.cancelled = Decimal::from(100 * i64::try_from(count).unwrap());
        payment
    };
    assert_eq!(
        decide(&with_history(8), &partial(100), NOW).verdict(),
        Verdict::Allow
    );
    let tenth = decide(&with_history(9), &partial(100), NOW);
    assert_eq!(codes(&tenth), ["PARTIAL_CANCEL_LIMIT_REACHED"]);
    assert_eq!(tenth.reasons()[0].provider_error(), None);
    assert_eq!(
        decide(&with_history(9), &RefundRequest::default(), NOW).verdict(),
        Verdict::Allow
    );
}

#[test]
fn card_partial_cancels_follow_the_card_and_welcomes_service() {
    let card = |card: Card| {
        let mut payment = v1(Method::Card, Some("kcp"), PAID);
        payment.card = Some(card);
        payment
    };
    let credit = card(Card {
        card_type: Some(CardType::Credit),
        ..Card::default()
    });
    assert_eq!(
        decide(&credit, &partial(3000), NOW).verdict(),
        Verdict::Allow
    );
    for refused in [
        card(Card {
            card_type: Some(CardType::Gift),
            ..Card::default()
        }),
        card(Card {
            card_type: Some(CardType::Prepaid),
            ..Card::default()
        }),
        card(Card {
            foreign: true,
            ..Card::default()
        }),
        card(Card {
            point_used: true,
            ..Card::default()
        }),
    ] {
        assert_eq!(
            codes(&decide(&refused, &partial(3000), NOW)),
            ["PARTIAL_CANCEL_NOT_SUPPORTED"]
        );
        assert_eq!(
            decide(&refused, &RefundRequest::default(), NOW).verdict(),
            Verdict::Allow
        );
    }
    let mut escrow = v1(Method::Card, Some("kcp"), PAID);
    escrow.escrow = true;
    assert_eq!(
        codes(&decide(&escrow, &partial(3000), NOW)),
        ["PARTIAL_CANCEL_NOT_SUPPORTED"]
    );

    let welcome = v1(Method::Card, Some("welcome"), PAID);
    let decision = decide(&welcome, &partial(3000), NOW);
    assert_eq!(codes(&decision), ["CONTRACT_REQUIRED"]);
    assert_eq!(
        decide_with(&welcome, &partial(3000), &["partial_refund_service"], NOW).verdict(),
        Verdict::Allow
    );
}

#[test]
fn easy_pay_and_transfer_deadlines_are_v2s() {
    let request = RefundRequest {
        reason: Some("고객 요청".to_owned()),
        requester: Some(Requester::Admin),
        ..RefundRequest::default()
    };
    // NaverPay: 1095 days, counted as days.
    let naverpay = easy("naverpay", "naverpay", None, "2023-03-02T10:00:00+09:00");
    let last = decide(&naverpay, &request, "2026-03-01T23:59:00+09:00");
    assert_eq!(last.verdict(), Verdict::Allow);
    assert_eq!(
        last.deadline().map(|d| d.last_refundable_day),
        Some(date(2026, 3, 1))
    );
    assert_eq!(
        codes(&decide(&naverpay, &request, "2026-03-02T00:00:00+09:00")),
        ["DEADLINE_PASSED"]
    );
    // KakaoPay: card a year, money five years, unknown the year with a note.
    let money = easy(
        "kakaopay",
        "kakaopay",
        Some(Funding::Money),
        "2021-03-02T10:00:00+09:00",
    );
    assert_eq!(decide(&money, &request, NOW).verdict(), Verdict::Allow);
    let unknown = easy("kakaopay", "kakaopay", None, "2025-03-01T10:00:00+09:00");
    let decision = decide(&unknown, &request, NOW);
    assert_eq!(codes(&decision), ["DEADLINE_PASSED"]);
    assert!(notes(&decision).contains(&"FUNDING_ASSUMED"));
    // PayPal: 180 days, confirmed later.
    let paypal = easy("paypal_v2", "paypal", None, "2025-09-03T10:00:00+09:00");
    let decision = decide(&paypal, &request, NOW);
    assert_eq!(decision.verdict(), Verdict::Allow);
    assert_eq!(notes(&decision), ["ASYNC_CANCELLATION"]);
    let paypal = easy("paypal_v2", "paypal", None, "2025-09-02T10:00:00+09:00");
    assert_eq!(codes(&decide(&paypal, &request, NOW)), ["DEADLINE_PASSED"]);
    // Transfers: three months, clamped to the month's end.
    let transfer = v1(Method::Transfer, Some("kcp"), "2025-11-30T10:00:00+09:00");
    assert_eq!(
        decide(&transfer, &request, "2026-02-28T23:00:00+09:00")
            .deadline()
            .map(|d| d.last_refundable_day),
        Some(date(2026, 2, 28))
    );
    assert_eq!(
        codes(&decide(&transfer, &request, "2026-03-01T00:00:00+09:00")),
        ["DEADLINE_PASSED"]
    );
}

/// A method, PG, easy-pay service, payment time and requested amount.
type Scenario = (
    Method,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
    Option<i64>,
);

#[test]
fn v1_methods_decide_as_v2_once_the_request_satisfies_both() {
    // The same payments and a request both versions accept the form of: the verdicts and
    // reasons must match, since the rules are the PGs', not the API version's.
    let request = RefundRequest {
        reason: Some("고객 요청".to_owned()),
        requester: Some(Requester::Customer),
        refund_account: Some(account(Bank::Shinhan)),
        ..RefundRequest::default()
    };
    let scenarios: Vec<Scenario> = vec![
        (
            Method::Card,
            Some("kcp"),
            None,
            "2025-03-01T10:00:00+09:00",
            None,
        ),
        (
            Method::Card,
            Some("ksnet"),
            None,
            "2025-09-01T10:00:00+09:00",
            None,
        ),
        (Method::Card, Some("welcome"), None, PAID, Some(3000)),
        (
            Method::Mobile,
            Some("danal"),
            None,
            "2026-02-27T10:00:00+09:00",
            None,
        ),
        (Method::Mobile, Some("kcp"), None, PAID, Some(3000)),
        (Method::VirtualAccount, Some("danal"), None, PAID, None),
        (
            Method::VirtualAccount,
            Some("kcp"),
            None,
            "2015-01-01T10:00:00+09:00",
            None,
        ),
        (Method::VirtualAccount, Some("smartro_v2"), None, PAID, None),
        (
            Method::Transfer,
            Some("kcp"),
            None,
            "2025-12-01T10:00:00+09:00",
            None,
        ),
        (
            Method::EasyPay,
            Some("kakaopay"),
            Some("kakaopay"),
            "2025-03-01T10:00:00+09:00",
            None,
        ),
        (
            Method::EasyPay,
            Some("naverpay"),
            Some("naverpay"),
            "2023-03-01T10:00:00+09:00",
            None,
        ),
        (
            Method::EasyPay,
            Some("tosspay"),
            Some("tosspay"),
            PAID,
            Some(3000),
        ),
        (Method::GiftCertificate, None, None, PAID, None),
    ];
    for (method, pg, service, paid_at, amount) in scenarios {
        let build = |provider: Provider| {
            let mut payment = Payment::paid(
                provider,
                method,
                Decimal::from(10_000),
                parse_instant(paid_at).unwrap(),
            );
            payment.pg = pg.map(str::to_owned);
            payment.easy_pay = service.map(|s| EasyPay {
                provider: s.to_owned(),
                funding: None,
            });
            payment
        };
        let request = RefundRequest {
            amount: amount.map(Decimal::from),
            ..request.clone()
        };
        let one = decide(&build(Provider::PortoneV1), &request, NOW);
        let two = decide(&build(Provider::PortoneV2), &request, NOW);
        assert_eq!(
            one.reason_codes(),
            two.reason_codes(),
            "{method} at {pg:?} ({service:?})"
        );
        assert_eq!(
            one.note_codes(),
            two.note_codes(),
            "{method} at {pg:?} ({service:?})"
        );
    }
}

#[test]
fn no_v1_reason_carries_a_provider_error() {
    let document = engine()
        .policies()
        .document(Provider::PortoneV1)
        .expect("the V1 policy");
    for code in ReasonCode::ALL {
        let entry = document
            .provider_errors
            .get(code)
            .expect("an entry for every reason");
        assert!(entry.name.is_none(), "{code} names an error");
        assert!(
            entry
                .none
                .as_deref()
                .is_some_and(|why| !why.trim().is_empty()),
            "{code}"
        );
    }
    // And the decisions agree.
    let mut over = v1(Method::Card, Some("kcp"), PAID);
    over.amount.cancelled = Decimal::from(4000);
    let decision = decide(&over, &partial(7000), NOW);
    assert_eq!(codes(&decision), ["AMOUNT_EXCEEDS_CANCELLABLE"]);
    assert_eq!(decision.reasons()[0].provider_error(), None);
}
