//! Refund options: the decision pass run over request shapes instead of a request.
//!
//! A request-free context is a context over an empty request: no amount (the balance, a full
//! refund) and no fields. The same checks run over it, then over a partial refund of the
//! smallest amount of the currency; each rule's `constrain` writes what it imposes. Conditions
//! read only whether a refund is partial (every valid partial amount reads alike), so the two
//! shapes cover every request. `decide` is untouched: it builds the same context from the
//! caller's request.

use super::{Context, common_checks};
use crate::model::{MerchantProfile, Payment, RefundRequest};
use crate::options::RefundOptions;
use crate::options::assemble::{Inputs, Shape, assemble};
use crate::options::sink::OptionsSink;
use crate::policy::CompiledPolicy;
use crate::rules::Rule;
use chrono::{DateTime, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use std::sync::Arc;

/// Runs the checks over one request shape; each rule writes what it imposes on refunds.
fn walk<'p>(cx: &Context<'_>, policy: &'p CompiledPolicy) -> Shape<'p> {
    let mut out = OptionsSink::new(policy);
    if common_checks(cx, out.sink())
        && let Some(rules) = cx.rules
    {
        rules.each(|rule: &dyn Rule| rule.constrain(cx, &mut out));
    }
    out.settle_fields();
    let found = std::mem::replace(&mut out.found, super::Sink::new(policy));
    let (reasons, notes, deadline) = found.into_parts();
    Shape {
        reasons,
        notes,
        deadline,
        rest: out,
    }
}

/// The smallest amount of the payment's currency (1 for KRW, 0.01 for USD), and its decimals.
fn amount_unit(payment: &Payment) -> (Decimal, u32) {
    let decimals = payment.currency.minor_unit_exponent().map_or(0, u32::from);
    (Decimal::new(1, decimals), decimals)
}

/// The options of `payment` for `merchant` at `now`.
pub(crate) fn options(
    policy: &CompiledPolicy,
    payment: &Payment,
    merchant: &MerchantProfile,
    now: DateTime<Utc>,
) -> RefundOptions {
    let (unit, decimals) = amount_unit(payment);
    let balance = super::money::difference(payment.amount.total, payment.amount.cancelled);
    // The largest amount of the currency within the balance: a balance with more decimals than
    // the currency has (0.5 KRW) cannot be refunded whole, only this much of it.
    let largest = balance
        .round_dp_with_strategy(decimals, RoundingStrategy::ToZero)
        .max(Decimal::ZERO);
    // A PG that nets refunds against what it still owes the merchant refunds no more than
    // that: the largest request is cut to it, unless it leaves less than one unit, when
    // `UNSETTLED_SALES_SHORT` blocks every refund.
    let largest = match merchant.unsettled_sales {
        Some(unsettled) => {
            let cap = unsettled.round_dp_with_strategy(decimals, RoundingStrategy::ToZero);
            if cap >= unit && cap < largest {
                cap
            } else {
                largest
            }
        }
        None => largest,
    };
    let widest = RefundRequest {
        amount: (largest != balance).then_some(largest),
        ..RefundRequest::default()
    };
    let mut cx = Context::new(policy, payment, &widest, merchant, now);
    cx.settle_coverage();
    let full = walk(&cx, policy);
    let partial = (unit < largest).then(|| {
        let request = RefundRequest {
            amount: Some(unit),
            ..RefundRequest::default()
        };
        let mut partial_cx = Context::new(policy, payment, &request, merchant, now);
        partial_cx.settle_coverage();
        walk(&partial_cx, policy)
    });
    assemble(Inputs {
        provider: payment.provider,
        method: payment.method,
        pg: payment.pg.clone(),
        policy: policy.is_loaded().then(|| Arc::from(policy.id.as_str())),
        now,
        today: cx.today,
        currency: payment.currency,
        balance,
        tax_free_balance: cx.tax_free_balance,
        max_amount: largest,
        unit,
        full,
        partial,
    })
}
