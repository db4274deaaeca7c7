//! Properties 1 and 2: what an allowed refund may take, alone and one after another.

use super::inputs::{self, Part};
use super::{Cost, builtin, checks, config, decide};
use chrono::Duration;
use proptest::prelude::*;
use refund_policy::decision::ReasonCode;
use refund_policy::model::{
    Bank, Cancellation, CancellationStatus, MerchantProfile, Payment, PaymentStatus, RefundAccount,
    RefundRequest, Requester,
};
use rust_decimal::Decimal;

proptest! {
    #![proptest_config(config(Cost::Decide))]

    /// Property 1: an allowed refund stays within the balance and the tax-free balance, and
    /// the refund summary's arithmetic holds for every decision, allowed or not.
    #[test]
    fn an_allowed_refund_stays_within_the_balance(input in inputs::input()) {
        let decision = decide(builtin(), &input);
        checks::refund_arithmetic(&input, &decision)?;
        checks::allowed_within_balance(&input, &decision)?;
    }

    /// Property 2: refunds applied one after another, as the provider records them, never add
    /// up to more than the total (nor their tax-free parts to more than the tax-free total),
    /// and at every step a request for exactly the remainder is a full cancel.
    #[test]
    fn successive_refunds_never_exceed_the_total(
        (payment, now) in refundable_payment(),
        steps in prop::collection::vec(step(), 1..10),
    ) {
        let engine = builtin();
        let merchant = MerchantProfile::with_contracts(inputs::CONTRACTS.iter().copied());
        let mut payment = payment;
        let mut refunded = Decimal::ZERO;
        let mut refunded_tax_free = Decimal::ZERO;
        for (i, step) in steps.iter().enumerate() {
            let balance = inputs::balance(&payment);
            for amount in [None, Some(balance)] {
                let remainder = RefundRequest { amount, ..base_request(i) };
                let decision = engine.decide(&payment, &remainder, &merchant, now);
                prop_assert!(!decision.refund().partial, "the remainder {} is partial", balance);
                prop_assert_eq!(decision.refund().remaining_after, Decimal::ZERO);
                prop_assert_eq!(decision.refund().amount, balance);
            }

            let request = step.request(&payment, i);
            let input = inputs::Input {
                payment: payment.clone(),
                request: request.clone(),
                merchant: merchant.clone(),
                now,
            };
            let decision = decide(engine, &input);
            checks::refund_arithmetic(&input, &decision)?;
            checks::allowed_within_balance(&input, &decision)?;
            if decision.is_allowed() {
                let amount = decision.refund().amount;
                let tax_free = request.tax_free_amount.unwrap_or_default();
                refunded += amount;
                refunded_tax_free += tax_free;
                apply(&mut payment, amount, tax_free, request.cancel_id.clone(), i);
            } else if step.record_failure {
                payment.cancellations.push(Cancellation {
                    id: Some(format!("failed-{i}")),
                    amount: request.amount.unwrap_or(balance),
                    status: CancellationStatus::Failed,
                    cancel_id: request.cancel_id.clone(),
                });
            }
            prop_assert!(
                refunded <= payment.amount.total,
                "refunded {} of a total of {}",
                refunded,
                payment.amount.total
            );
            prop_assert!(refunded_tax_free <= payment.amount.tax_free);
            prop_assert_eq!(payment.amount.cancelled, refunded);
        }
        if inputs::balance(&payment) == Decimal::ZERO {
            let decision = engine.decide(&payment, &base_request(steps.len()), &merchant, now);
            prop_assert_eq!(decision.reason_codes(), vec![ReasonCode::AlreadyCancelled]);
        }
    }
}

/// Records an allowed refund the way providers do: the cancelled amounts grow, the history
/// gains a succeeded cancellation, and the status follows the balance.
fn apply(
    payment: &mut Payment,
    amount: Decimal,
    tax_free: Decimal,
    cancel_id: Option<String>,
    step: usize,
) {
    payment.amount.cancelled += amount;
    payment.amount.cancelled_tax_free += tax_free;
    payment.cancellations.push(Cancellation {
        id: Some(format!("c-{step}")),
        amount,
        status: CancellationStatus::Succeeded,
        cancel_id,
    });
    payment.status = if payment.amount.cancelled == payment.amount.total {
        PaymentStatus::Cancelled
    } else {
        PaymentStatus::PartiallyCancelled
    };
}

/// A request that satisfies every rule about the request's own fields: a reason, a requester,
/// a complete refund account and a fresh cancel id.
fn base_request(step: usize) -> RefundRequest {
    RefundRequest {
        reason: Some("고객 요청".to_owned()),
        requester: Some(Requester::Customer),
        refund_account: Some(RefundAccount {
            bank: Some(Bank::Shinhan),
            number: Some("56211105948400".to_owned()),
            holder_name: Some("홍길동".to_owned()),
            holder_phone: Some("01012345678".to_owned()),
        }),
        cancel_id: Some(format!("step-{step}")),
        ..RefundRequest::default()
    }
}

/// One refund attempt of a sequence.
#[derive(Debug, Clone)]
struct Step {
    amount: Part,
    tax_free: Part,
    /// Record the attempt as a failed cancellation when it is denied, as providers that log
    /// refused cancels do.
    record_failure: bool,
}

impl Step {
    fn request(&self, payment: &Payment, step: usize) -> RefundRequest {
        let currency = payment.currency;
        RefundRequest {
            amount: self.amount.of(inputs::balance(payment), currency),
            tax_free_amount: self
                .tax_free
                .of(inputs::tax_free_balance(payment), currency),
            ..base_request(step)
        }
    }
}

fn step() -> impl Strategy<Value = Step> {
    let amount = prop_oneof![
        1 => Just(Part::Absent),
        1 => Just(Part::All),
        1 => Just(Part::AllPlusUnit),
        6 => (1u8..100).prop_map(Part::Percent),
        1 => (1u32..1_000).prop_map(Part::Units),
    ];
    let tax_free = prop_oneof![
        3 => Just(Part::Absent),
        2 => (0u8..=100).prop_map(Part::Percent),
        1 => Just(Part::AllPlusUnit),
    ];
    (amount, tax_free, prop::bool::weighted(0.3)).prop_map(|(amount, tax_free, record_failure)| {
        Step {
            amount,
            tax_free,
            record_failure,
        }
    })
}

/// A paid payment with nothing cancelled yet, of a positive total, asked about within two
/// days of payment (so that deadlines rarely stand in the way).
fn refundable_payment() -> impl Strategy<Value = (Payment, chrono::DateTime<chrono::Utc>)> {
    (
        inputs::payment(),
        1i64..10_000_000,
        inputs::modest_part(),
        0i64..172_800,
        inputs::instant(),
    )
        .prop_map(|(mut payment, units, tax_free, seconds, unpaid_now)| {
            let currency = payment.currency;
            let exponent = u32::from(currency.minor_unit_exponent().unwrap_or(0));
            payment.status = PaymentStatus::Paid;
            payment.amount.total = Decimal::new(units, exponent);
            payment.amount.tax_free = tax_free
                .of(payment.amount.total, currency)
                .unwrap_or_default();
            payment.amount.vat = None;
            payment.amount.cancelled = Decimal::ZERO;
            payment.amount.cancelled_tax_free = Decimal::ZERO;
            payment.cancellations.clear();
            let now = payment
                .paid_at
                .map_or(unpaid_now, |paid_at| paid_at + Duration::seconds(seconds));
            (payment, now)
        })
}

/// Regression (found by property 1): a request without an amount refunds the balance, and a
/// balance with more decimals than the currency has (a KRW record of 0.5, a USD one of
/// 12.345) was allowed as a refund no provider can make. Such a payment contradicts its own
/// currency: it is `INVALID_PAYMENT`, reported alone, whether the request names an amount or
/// not.
#[test]
fn a_balance_finer_than_the_currency_is_not_refunded_whole() {
    use refund_policy::model::{Currency, Method, Provider, parse_instant};
    let paid_at = parse_instant("2026-03-02T10:00:00+09:00").unwrap();
    for (currency, total) in [
        (Currency::KRW, Decimal::new(5, 1)),
        (Currency::USD, Decimal::new(12_345, 3)),
    ] {
        let mut payment = Payment::paid(Provider::PortoneV2, Method::Card, total, paid_at);
        payment.currency = currency;
        let whole = base_request(0);
        let explicit = RefundRequest {
            amount: Some(total),
            ..base_request(0)
        };
        for request in [whole, explicit] {
            let decision =
                builtin().decide(&payment, &request, &MerchantProfile::default(), paid_at);
            assert_eq!(
                decision.reason_codes(),
                [ReasonCode::InvalidPayment],
                "{currency:?} {total}"
            );
            assert_eq!(decision.refund().amount, total);
        }
    }
}
