//! Two rules of one scope that each end the refundable time (a span and the month of payment):
//! the decision shows the earlier last refundable day, whichever rule runs first, and of two on
//! the same day the one checked first.

#![allow(
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    reason = "tests stop at the first broken expectation"
)]

mod support;

use refund_policy::decision::DeadlineSummary;
use refund_policy::model::{MerchantProfile, Method, Provider};
use refund_policy::{Engine, PolicySource};
use support::{at, date, payment, reason};

const POLICY: &str = concat!(
    r#"policy: mine
provider: toss_payments
time_zone: Asia/Seoul
sources:
  guide: { title: the provider's guide }
"#,
    include_str!("fixtures/policies/provider-errors.yaml"),
    r#"methods:
  mobile:
    deadline: { within: SPAN, source: guide }
    same_month: { source: guide }
"#
);

/// The deadline of a mobile payment made at `paid_at` under a policy whose span is `span`.
fn deadline(span: &str, paid_at: &str) -> DeadlineSummary {
    let policy = POLICY.replace("SPAN", span);
    let engine =
        Engine::from_sources(&[PolicySource::new("mine.yaml", &policy)]).expect("the policy loads");
    let paid = payment(Provider::TossPayments, Method::Mobile, 10_000, paid_at);
    let decision = engine.decide(
        &paid,
        &reason(),
        &MerchantProfile::default(),
        at("2026-03-05T10:00:00+09:00"),
    );
    assert!(decision.is_allowed());
    decision.deadline().expect("a deadline").clone()
}

#[test]
fn the_month_of_payment_ends_before_a_year_and_is_the_deadline_shown() {
    let deadline = deadline("1 year", "2026-03-02T10:00:00+09:00");
    assert_eq!(deadline.last_refundable_day, date(2026, 3, 31));
    assert_eq!(deadline.rule.as_str(), "mine › mobile › same_month");
}

#[test]
fn of_two_deadlines_on_the_same_day_the_span_checked_first_is_shown() {
    // Day 0 is March 1st, so day 30 is March 31st, the month's last day too.
    let deadline = deadline("30 days", "2026-03-01T10:00:00+09:00");
    assert_eq!(deadline.last_refundable_day, date(2026, 3, 31));
    assert_eq!(deadline.rule.as_str(), "mine › mobile › deadline");
}
