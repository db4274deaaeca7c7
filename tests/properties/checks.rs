//! What every decision must satisfy, whatever the policies: the refund arithmetic of contract
//! §4, the verdict and rule ids of §4 and the evaluation semantics of §4.1. Each check returns
//! a proptest failure naming what broke, so that the properties can share them across the
//! built-in and generated policies.

use super::inputs::{self, Input};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use refund_policy::Decision;
use refund_policy::decision::{NoteCode, Reason, ReasonCode, ReasonDetails};
use refund_policy::messages::Lang;
use refund_policy::model::{CancellationStatus, Currency, PaymentStatus};
use refund_policy::policy::document::RULE_KINDS;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// Property 1, always: `refund.amount` is the request's amount (the balance when absent),
/// `refund.remaining_after == balance − amount`, `refund.partial == (0 < amount < balance)`.
pub fn refund_arithmetic(input: &Input, decision: &Decision) -> Result<(), TestCaseError> {
    let balance = inputs::balance(&input.payment);
    let amount = input.request.amount.unwrap_or(balance);
    let refund = decision.refund();
    prop_assert_eq!(refund.amount, amount, "refund.amount");
    prop_assert_eq!(refund.balance, balance, "refund.balance");
    prop_assert_eq!(refund.remaining_after, balance - amount, "remaining_after");
    prop_assert_eq!(
        refund.partial,
        Decimal::ZERO < amount && amount < balance,
        "partial for {} of {}",
        amount,
        balance
    );
    prop_assert_eq!(
        refund.tax_free_balance,
        inputs::tax_free_balance(&input.payment),
        "refund.tax_free_balance"
    );
    prop_assert_eq!(refund.currency, input.payment.currency);
    Ok(())
}

/// Whether `value` has more decimals than `currency` has.
pub fn too_precise(value: Decimal, currency: Currency) -> bool {
    let exponent = u32::from(currency.minor_unit_exponent().unwrap_or(0));
    value.normalize().scale() > exponent
}

/// Property 1, for allowed refunds: the amount is positive, within the balance and a valid
/// amount of the currency; its tax-free part is within the tax-free balance and, with the VAT
/// part, within the amount; and every check the contract makes for all providers passed.
pub fn allowed_within_balance(input: &Input, decision: &Decision) -> Result<(), TestCaseError> {
    if !decision.is_allowed() {
        return Ok(());
    }
    let payment = &input.payment;
    let request = &input.request;
    let balance = inputs::balance(payment);
    let amount = request.amount.unwrap_or(balance);
    prop_assert!(amount > Decimal::ZERO, "allowed a refund of {}", amount);
    prop_assert!(
        amount <= balance,
        "allowed {} of a balance of {}",
        amount,
        balance
    );
    prop_assert!(!too_precise(amount, payment.currency), "allowed {}", amount);
    let tax_free = request.tax_free_amount.unwrap_or_default();
    let vat = request.vat_amount.unwrap_or_default();
    let tax_free_balance = inputs::tax_free_balance(payment);
    prop_assert!(
        tax_free >= Decimal::ZERO && tax_free <= tax_free_balance,
        "allowed a tax-free part of {} of a tax-free balance of {}",
        tax_free,
        tax_free_balance
    );
    prop_assert!(
        vat >= Decimal::ZERO && tax_free + vat <= amount,
        "allowed tax-free {} and VAT {} in {}",
        tax_free,
        vat,
        amount
    );
    prop_assert!(matches!(
        payment.status,
        PaymentStatus::Paid | PaymentStatus::PartiallyCancelled
    ));
    prop_assert!(
        !payment
            .cancellations
            .iter()
            .any(|c| c.status == CancellationStatus::Requested),
        "allowed while a cancellation is pending"
    );
    if let Some(id) = &request.cancel_id {
        prop_assert!(
            !payment
                .cancellations
                .iter()
                .any(|c| c.cancel_id.as_ref() == Some(id)),
            "allowed a reused cancel id"
        );
    }
    if let Some(given) = request.current_cancellable_amount {
        prop_assert_eq!(given, balance, "allowed with a mismatched balance");
    }
    Ok(())
}

/// Property 3: every reason and note names a rule of the loaded set, reasons come in the
/// documented order of checks, the `MANUAL_REFUND` note is there exactly when a reason says
/// the provider cannot refund, and the JSON report lists every reason.
pub fn reasons_and_rules(
    decision: &Decision,
    rule_ids: &BTreeSet<String>,
) -> Result<(), TestCaseError> {
    for reason in decision.reasons() {
        prop_assert!(
            rule_ids.contains(reason.rule().as_str()),
            "reason {} names the rule `{}`, which is not loaded",
            reason.code(),
            reason.rule()
        );
    }
    for note in decision.notes() {
        prop_assert!(
            rule_ids.contains(note.rule().as_str()),
            "note {} names the rule `{}`, which is not loaded",
            note.code(),
            note.rule()
        );
    }
    reasons_in_order(decision)?;
    manual_refund_notes(decision)?;
    let report = serde_json::to_value(decision.report(Lang::En)).expect("a report serializes");
    prop_assert_eq!(
        report["reasons"].as_array().map(Vec::len),
        Some(decision.reasons().len())
    );
    Ok(())
}

/// Where a reason comes in the documented order of checks: the contract's checks in their
/// order, then the rule kinds in `RULE_KINDS` order. A bank-code table's reason comes with the
/// account's format, after its missing fields.
fn check_rank(reason: &Reason) -> usize {
    let common = [
        &[ReasonCode::InvalidPayment][..],
        &[ReasonCode::PaymentNotPaid, ReasonCode::AlreadyCancelled],
        &[ReasonCode::InvalidAmount],
        &[ReasonCode::AmountExceedsCancellable],
        &[ReasonCode::CancellableAmountMismatch],
        &[
            ReasonCode::TaxFreeExceedsCancellable,
            ReasonCode::TaxFreeExceedsAmount,
        ],
        &[ReasonCode::UnsettledSalesShort],
        &[ReasonCode::DuplicateCancelId],
        &[ReasonCode::CancellationPending],
        &[ReasonCode::NoPolicy],
    ];
    if let Some(rank) = common
        .iter()
        .position(|codes| codes.contains(&reason.code()))
    {
        return rank;
    }
    let kind = reason
        .rule()
        .as_str()
        .split(" › ")
        .find_map(|segment| match segment {
            "bank_codes" => RULE_KINDS
                .iter()
                .position(|k| *k == "refund_account_format"),
            _ => RULE_KINDS.iter().position(|k| *k == segment),
        })
        .unwrap_or(usize::MAX - common.len());
    common.len() + kind
}

/// Reasons come in the order of the checks that report them.
fn reasons_in_order(decision: &Decision) -> Result<(), TestCaseError> {
    let ranks: Vec<usize> = decision.reasons().iter().map(check_rank).collect();
    prop_assert!(
        ranks.is_sorted(),
        "reasons out of the order of checks: {:?}",
        decision
            .reasons()
            .iter()
            .map(|r| format!("{} ({})", r.code(), r.rule()))
            .collect::<Vec<_>>()
    );
    Ok(())
}

/// One `MANUAL_REFUND` note exactly when a reason says the provider cannot refund (no support,
/// a passed deadline, a changed month without the next-month contract), and then no note on
/// how its refund would happen.
fn manual_refund_notes(decision: &Decision) -> Result<(), TestCaseError> {
    let manual = decision
        .notes()
        .iter()
        .filter(|n| n.code() == NoteCode::ManualRefund)
        .count();
    let cannot_refund = decision.reasons().iter().any(|r| match r.details() {
        ReasonDetails::RefundNotSupported { .. } | ReasonDetails::DeadlinePassed { .. } => true,
        ReasonDetails::MonthChanged {
            next_month_refund, ..
        } => next_month_refund
            .as_ref()
            .is_none_or(|n| !n.contract_signed),
        _ => false,
    });
    prop_assert_eq!(manual, usize::from(cannot_refund), "MANUAL_REFUND notes");
    if cannot_refund {
        for note in decision.notes() {
            prop_assert!(
                !matches!(
                    note.code(),
                    NoteCode::RefundFee
                        | NoteCode::ProcessingDelay
                        | NoteCode::AsyncCancellation
                        | NoteCode::CashReceiptNotCancelled
                ),
                "{} noted although the provider cannot refund",
                note.code()
            );
        }
    }
    Ok(())
}

/// The contract's evaluation semantics (§4.1), checked against a reference computed from the
/// inputs alone: `INVALID_PAYMENT` exactly when the payment contradicts itself, and then alone;
/// otherwise a status reason exactly when there is nothing to refund, and then alone;
/// otherwise the checks every provider makes fire exactly when their conditions hold, the
/// amount rules are skipped when `INVALID_AMOUNT` fires, partial-cancel reasons need a partial
/// request, and time rules need `paid_at`.
pub fn evaluation_semantics(input: &Input, decision: &Decision) -> Result<(), TestCaseError> {
    let codes = decision.reason_codes();
    let has = |code: ReasonCode| codes.contains(&code);
    let payment = &input.payment;
    let request = &input.request;
    let amounts = &payment.amount;
    let zero = Decimal::ZERO;

    let negative = amounts.total < zero
        || amounts.tax_free < zero
        || amounts.vat.is_some_and(|v| v < zero)
        || amounts.cancelled < zero
        || amounts.cancelled_tax_free < zero
        || payment.cancellations.iter().any(|c| c.amount < zero);
    // An amount finer than the currency's minor unit (half a won) contradicts the payment too.
    let currency = payment.currency;
    let too_fine = amounts
        .vat
        .into_iter()
        .chain([
            amounts.total,
            amounts.tax_free,
            amounts.cancelled,
            amounts.cancelled_tax_free,
        ])
        .chain(payment.cancellations.iter().map(|c| c.amount))
        .any(|v| too_precise(v, currency));
    let invalid = negative
        || too_fine
        || amounts.cancelled > amounts.total
        || amounts.cancelled_tax_free > amounts.tax_free
        || amounts.tax_free > amounts.total
        || payment.paid_at.is_some_and(|t| t > input.now);
    prop_assert_eq!(has(ReasonCode::InvalidPayment), invalid, "{:?}", codes);
    if invalid {
        prop_assert_eq!(codes.len(), 1, "INVALID_PAYMENT is alone: {:?}", codes);
        return Ok(());
    }

    let balance = inputs::balance(payment);
    let not_paid = matches!(
        payment.status,
        PaymentStatus::Ready
            | PaymentStatus::Pending
            | PaymentStatus::Failed
            | PaymentStatus::VirtualAccountIssued
    );
    let nothing_left = !not_paid && (payment.status == PaymentStatus::Cancelled || balance <= zero);
    prop_assert_eq!(has(ReasonCode::PaymentNotPaid), not_paid, "{:?}", codes);
    prop_assert_eq!(
        has(ReasonCode::AlreadyCancelled),
        nothing_left,
        "{:?}",
        codes
    );
    if not_paid || nothing_left {
        prop_assert_eq!(codes.len(), 1, "a status reason is alone: {:?}", codes);
        return Ok(());
    }

    let bad = |value: Option<Decimal>, positive: bool| {
        value.is_some_and(|v| {
            (if positive { v <= zero } else { v < zero }) || too_precise(v, currency)
        })
    };
    // The amount asked for is the balance when the request gives none (contract §4).
    let amount = request.amount.unwrap_or(balance);
    let invalid_amount = bad(Some(amount), true)
        || bad(request.tax_free_amount, false)
        || bad(request.vat_amount, false);
    prop_assert_eq!(
        has(ReasonCode::InvalidAmount),
        invalid_amount,
        "{:?}",
        codes
    );
    prop_assert_eq!(
        has(ReasonCode::AmountExceedsCancellable),
        !invalid_amount && amount > balance,
        "{:?}",
        codes
    );
    prop_assert_eq!(
        has(ReasonCode::CancellableAmountMismatch),
        request
            .current_cancellable_amount
            .is_some_and(|given| given != balance),
        "{:?}",
        codes
    );
    let tax_free = request.tax_free_amount.unwrap_or_default();
    let vat = request.vat_amount.unwrap_or_default();
    prop_assert_eq!(
        has(ReasonCode::TaxFreeExceedsCancellable),
        request
            .tax_free_amount
            .is_some_and(|t| t > inputs::tax_free_balance(payment)),
        "{:?}",
        codes
    );
    prop_assert_eq!(
        has(ReasonCode::TaxFreeExceedsAmount),
        !invalid_amount && tax_free + vat > amount,
        "{:?}",
        codes
    );
    prop_assert_eq!(
        has(ReasonCode::UnsettledSalesShort),
        !invalid_amount
            && input
                .merchant
                .unsettled_sales
                .is_some_and(|owed| amount > owed),
        "{:?}",
        codes
    );
    let partial = zero < amount && amount < balance;
    if invalid_amount || !partial {
        prop_assert!(
            !has(ReasonCode::PartialCancelNotSupported)
                && !has(ReasonCode::PartialCancelLimitReached)
                && !has(ReasonCode::TaxableExceedsCancellable),
            "a partial-cancel reason for a request that is not a valid partial one: {:?}",
            codes
        );
    }
    prop_assert_eq!(
        has(ReasonCode::DuplicateCancelId),
        request.cancel_id.as_ref().is_some_and(|id| payment
            .cancellations
            .iter()
            .any(|c| c.cancel_id.as_ref() == Some(id))),
        "{:?}",
        codes
    );
    prop_assert_eq!(
        has(ReasonCode::CancellationPending),
        payment
            .cancellations
            .iter()
            .any(|c| c.status == CancellationStatus::Requested),
        "{:?}",
        codes
    );
    if payment.paid_at.is_none() {
        prop_assert!(
            !has(ReasonCode::DeadlinePassed) && !has(ReasonCode::MonthChanged),
            "a time rule without paid_at: {:?}",
            codes
        );
    }
    Ok(())
}

/// Every check above, for one decision.
pub fn all(
    input: &Input,
    decision: &Decision,
    rule_ids: &BTreeSet<String>,
) -> Result<(), TestCaseError> {
    refund_arithmetic(input, decision)?;
    allowed_within_balance(input, decision)?;
    reasons_and_rules(decision, rule_ids)?;
    evaluation_semantics(input, decision)
}
