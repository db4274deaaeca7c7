//! Ids no rule can match are never silent: PG ids and easy-pay services compare without case,
//! and one the payment's policy does not list gets a note naming the closest id it does.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests stop at the first broken expectation"
)]

mod support;

use refund_policy::decision::NoteDetails;
use refund_policy::messages::{Lang, note_message};
use refund_policy::model::{Method, Provider};
use support::*;

#[test]
fn a_pg_in_capitals_is_the_pg_the_policy_knows() {
    let ksnet = with_pg(v2(Method::Card, "2025-09-02T10:00:00+09:00"), "KSNET");
    // KSNET's six months, not the card year, and no note.
    let decision = decide(&ksnet, &reason(), "2026-03-03T10:00:00+09:00");
    assert_eq!(codes(&decision), ["DEADLINE_PASSED"]);
    assert_eq!(
        decision.reasons()[0].rule().as_str(),
        "portone_v2 › card › pg ksnet › deadline"
    );
    assert!(!notes(&decision).contains(&"UNKNOWN_PG"));
}

#[test]
fn a_misspelled_pg_gets_unknown_pg_naming_the_closest_known_id() {
    let typo = with_pg(v2(Method::Card, "2025-09-02T10:00:00+09:00"), "ksent");
    // Without KSNET's six months, the card year applies.
    let decision = decide(&typo, &reason(), "2026-03-03T10:00:00+09:00");
    assert!(decision.is_allowed());
    assert_eq!(notes(&decision)[0], "UNKNOWN_PG");
    let note = &decision.notes()[0];
    assert_eq!(note.rule().as_str(), "portone_v2 › common › pg");
    assert_eq!(
        note.details(),
        &NoteDetails::UnknownPg {
            id: "ksent".into(),
            closest: Some("ksnet".into()),
        }
    );
    assert_eq!(
        note_message(note, Lang::En),
        "the policy does not list PG `ksent`, so no PG-specific rule applied: did you mean `ksnet`?"
    );
    assert_eq!(
        note_message(note, Lang::Ko),
        "정책에 없는 PG(`ksent`)여서 PG별 규칙이 적용되지 않았습니다 (혹시 `ksnet`인가요?)"
    );
}

#[test]
fn an_unknown_pg_nothing_resembles_is_named_alone() {
    let other = with_pg(v2(Method::Card, "2026-03-02T10:00:00+09:00"), "acme_pay_2");
    let decision = decide(&other, &reason(), "2026-03-03T10:00:00+09:00");
    assert_eq!(
        decision.notes()[0].details(),
        &NoteDetails::UnknownPg {
            id: "acme_pay_2".into(),
            closest: None,
        }
    );
}

#[test]
fn an_absent_pg_and_a_known_one_get_no_note() {
    let none = v2(Method::Card, "2026-03-02T10:00:00+09:00");
    let unnoted = |payment| {
        !notes(&decide(payment, &reason(), "2026-03-02T12:00:00+09:00")).contains(&"UNKNOWN_PG")
    };
    assert!(unnoted(&none));
    assert!(unnoted(&with_pg(none.clone(), "kcp_v2")));
}

#[test]
fn toss_payments_lists_no_pg_so_any_pg_given_is_unknown() {
    let toss = with_pg(
        payment(
            Provider::TossPayments,
            Method::Card,
            10000,
            "2026-03-02T10:00:00+09:00",
        ),
        "kcp",
    );
    let decision = decide(&toss, &reason(), "2026-03-03T10:00:00+09:00");
    assert!(decision.is_allowed());
    assert!(notes(&decision).contains(&"UNKNOWN_PG"));
}

#[test]
fn an_easy_pay_service_in_capitals_is_the_service_the_policy_knows() {
    let naverpay = easy_pay(
        v2(Method::EasyPay, "2025-03-02T12:00:00+09:00"),
        "NAVERPAY",
        None,
    );
    // NaverPay's 1095 days, not the default year.
    let decision = decide(&naverpay, &reason(), "2028-03-01T12:00:00+09:00");
    assert!(decision.is_allowed());
    assert!(notes(&decision).is_empty());
    let late = decide(&naverpay, &reason(), "2028-03-02T00:00:00+09:00");
    assert_eq!(codes(&late), ["DEADLINE_PASSED"]);
    assert_eq!(
        late.reasons()[0].rule().as_str(),
        "portone_v2 › easy_pay › naverpay › deadline"
    );
}

#[test]
fn a_misspelled_easy_pay_service_gets_a_note_naming_the_closest() {
    let typo = easy_pay(
        v2(Method::EasyPay, "2026-03-02T12:00:00+09:00"),
        "kakopay",
        None,
    );
    let decision = decide(&typo, &reason(), "2026-03-03T12:00:00+09:00");
    assert!(decision.is_allowed());
    assert_eq!(notes(&decision), ["UNKNOWN_EASY_PAY_PROVIDER"]);
    let note = &decision.notes()[0];
    assert_eq!(
        note.rule().as_str(),
        "portone_v2 › common › easy_pay_provider"
    );
    assert_eq!(
        note.details(),
        &NoteDetails::UnknownEasyPayProvider {
            id: "kakopay".into(),
            closest: Some("kakaopay".into()),
        }
    );
    assert_eq!(
        note_message(note, Lang::En),
        "the policy does not list easy-pay service `kakopay`, so no service-specific rule applied: did you mean `kakaopay`?"
    );
}

/// The reader folds the ASCII capitals of a PG or easy-pay id, which are all the capitals a
/// policy's ids could match; a letter outside ASCII is kept as the payload wrote it, and so is
/// the id an `UNKNOWN_PG` note names.
#[test]
fn the_reader_folds_ascii_capitals_only() {
    let read = |pg: &str, service: &str| {
        refund_policy::input::payment(&format!(
            r#"{{"provider": "portone_v2", "pg": "{pg}", "method": "easy_pay", "status": "paid",
            "amount": {{"total": 10000}}, "paid_at": "2026-03-02T10:00:00+09:00",
            "easy_pay": {{"provider": "{service}"}}}}"#
        ))
        .expect("the payment reads")
    };
    let payment = read(" KSNET ", "KakaoPay");
    assert_eq!(payment.pg.as_deref(), Some("ksnet"));
    assert_eq!(
        payment.easy_pay.as_ref().map(|e| e.provider.as_str()),
        Some("kakaopay")
    );
    let accented = read("ÉCLAIR_PAY", "PAYÉ");
    assert_eq!(accented.pg.as_deref(), Some("Éclair_pay"));
    assert_eq!(
        accented.easy_pay.as_ref().map(|e| e.provider.as_str()),
        Some("payÉ")
    );
    let decision = decide(&accented, &reason(), "2026-03-03T10:00:00+09:00");
    assert!(decision.notes().iter().any(|note| note.details()
        == &NoteDetails::UnknownPg {
            id: "Éclair_pay".into(),
            closest: None,
        }));
}
