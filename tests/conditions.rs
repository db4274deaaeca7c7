//! A rule's `when` on the request's shape: `partial: true` holds for a partial refund only,
//! `partial: false` for a full one, so a policy can ask a contract of partial refunds alone or
//! announce a delay for full ones alone.

#![allow(
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    reason = "tests stop at the first broken expectation"
)]

mod support;

use refund_policy::model::{MerchantProfile, Method, Payment, Provider, RefundRequest};
use refund_policy::{Decision, Engine, PolicySource};
use support::{at, partial, payment, reason};

const POLICY: &str = concat!(
    r#"policy: mine
provider: toss_payments
time_zone: Asia/Seoul
sources:
  guide: { title: the provider's guide }
contracts:
  partial_service: { ko: 부분취소 서비스, en: partial-cancel service, source: guide }
"#,
    include_str!("fixtures/policies/provider-errors.yaml"),
    r#"methods:
  card:
    refund_contract: { contract: partial_service, when: { partial: true }, source: guide }
  transfer:
    processing_time: { business_days: 1-2, when: { partial: false }, source: guide }
"#
);

fn engine() -> Engine {
    Engine::from_sources(&[PolicySource::new("mine.yaml", POLICY)]).expect("the policy loads")
}

fn decide(
    engine: &Engine,
    method: Method,
    request: &RefundRequest,
    contracts: &[&str],
) -> Decision {
    let paid: Payment = payment(
        Provider::TossPayments,
        method,
        10_000,
        "2026-03-02T10:00:00+09:00",
    );
    let merchant = MerchantProfile {
        contracts: contracts.iter().map(|c| (*c).to_owned()).collect(),
        ..MerchantProfile::default()
    };
    engine.decide(&paid, request, &merchant, at("2026-03-05T10:00:00+09:00"))
}

fn codes(decision: &Decision) -> Vec<&'static str> {
    decision.reason_codes().iter().map(|c| c.as_str()).collect()
}

fn notes(decision: &Decision) -> Vec<&'static str> {
    decision.note_codes().iter().map(|c| c.as_str()).collect()
}

#[test]
fn a_rule_when_partial_applies_to_partial_refunds_only() {
    let engine = engine();
    assert!(decide(&engine, Method::Card, &reason(), &[]).is_allowed());
    let without = decide(&engine, Method::Card, &partial(3_000), &[]);
    assert_eq!(codes(&without), ["CONTRACT_REQUIRED"]);
    assert!(decide(&engine, Method::Card, &partial(3_000), &["partial_service"]).is_allowed());
}

#[test]
fn a_rule_when_not_partial_applies_to_full_refunds_only() {
    let engine = engine();
    let full = decide(&engine, Method::Transfer, &reason(), &[]);
    assert!(full.is_allowed());
    assert_eq!(notes(&full), ["PROCESSING_DELAY"]);
    let part = decide(&engine, Method::Transfer, &partial(3_000), &[]);
    assert!(part.is_allowed());
    assert_eq!(notes(&part), Vec::<&str>::new());
}
