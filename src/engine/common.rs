//! The checks every provider's refund goes through, whatever its policy says (contract §4.1):
//! a payment that contradicts itself, a status with nothing to refund, the amounts against the
//! balance, and the cancellation history.

use super::money::{self, gt};
use super::{Context, Findings, Then, reason};
use crate::decision::{AmountField, AmountProblem, PaymentProblem, ReasonDetails};
use crate::model::{CancellationStatus, Currency, Payment, PaymentStatus, RefundRequest};
use rust_decimal::Decimal;

/// `INVALID_PAYMENT`, reported alone: the pass stops when the payment contradicts itself.
#[inline(always)]
pub(crate) fn integrity(cx: &Context<'_>, out: &mut impl Findings) -> Then {
    let amount = &cx.payment.amount;
    let exponent = cx.exponent;
    let mut problems = Vec::new();
    if !plain_amounts(cx.payment, exponent) {
        amount_field_problems(cx.payment, exponent, &mut problems);
    }
    if gt(amount.cancelled, amount.total) {
        problems.push(PaymentProblem::CancelledExceedsTotal {
            cancelled: amount.cancelled,
            total: amount.total,
        });
    }
    if gt(amount.cancelled_tax_free, amount.tax_free) {
        problems.push(PaymentProblem::CancelledTaxFreeExceedsTaxFree {
            cancelled_tax_free: amount.cancelled_tax_free,
            tax_free: amount.tax_free,
        });
    }
    if gt(amount.tax_free, amount.total) {
        problems.push(PaymentProblem::TaxFreeExceedsTotal {
            tax_free: amount.tax_free,
            total: amount.total,
        });
    }
    if let Some(paid_at) = cx.payment.paid_at
        && paid_at > cx.now
    {
        problems.push(PaymentProblem::PaidAfterNow {
            paid_at,
            now: cx.now,
        });
    }
    if problems.is_empty() {
        return Then::Go;
    }
    out.common_reason(&cx.common.integrity, reason!(InvalidPayment { problems }));
    Then::Stop
}

/// Whether every amount of the payment is plainly an amount of its currency: not negative, and
/// with no more decimals than the currency has. The usual payment; only another is searched
/// for what is wrong with each field.
#[inline(always)]
fn plain_amounts(payment: &Payment, exponent: Option<u16>) -> bool {
    let plain = |value: Decimal| plain(value, exponent);
    let amount = &payment.amount;
    plain(amount.total)
        && plain(amount.tax_free)
        && amount.vat.is_none_or(plain)
        && plain(amount.cancelled)
        && plain(amount.cancelled_tax_free)
        && payment.cancellations.iter().all(|c| plain(c.amount))
}

/// Whether `value` is plainly an amount of a currency with `exponent` decimals: not negative
/// (not even a negative zero), and with no more decimals than that.
#[inline]
fn plain(value: Decimal, exponent: Option<u16>) -> bool {
    !value.is_sign_negative() && exponent.is_none_or(|e| value.scale() <= u32::from(e))
}

/// The amounts that are negative or too fine for the payment's currency (half a won). Never
/// both for one amount: one problem per field is enough to fix it. The field's name is
/// written only for a problem.
fn amount_field_problems(
    payment: &Payment,
    exponent: Option<u16>,
    problems: &mut Vec<PaymentProblem>,
) {
    let amount = &payment.amount;
    let currency = payment.currency;
    let mut check = |field: &dyn Fn() -> String, value: Decimal| {
        if value.is_sign_negative() && !value.is_zero() {
            problems.push(PaymentProblem::NegativeAmount {
                field: field(),
                amount: value,
            });
        } else if let Some(decimals) = too_precise(value, exponent) {
            problems.push(PaymentProblem::TooPrecise {
                field: field(),
                amount: value,
                currency,
                decimals,
            });
        }
    };
    check(&|| "amount.total".to_owned(), amount.total);
    check(&|| "amount.tax_free".to_owned(), amount.tax_free);
    if let Some(vat) = amount.vat {
        check(&|| "amount.vat".to_owned(), vat);
    }
    check(&|| "amount.cancelled".to_owned(), amount.cancelled);
    check(
        &|| "amount.cancelled_tax_free".to_owned(),
        amount.cancelled_tax_free,
    );
    for (i, cancellation) in payment.cancellations.iter().enumerate() {
        check(
            &|| format!("cancellations[{i}].amount"),
            cancellation.amount,
        );
    }
}

/// `PAYMENT_NOT_PAID` or `ALREADY_CANCELLED`, reported alone: the pass stops when there is
/// nothing to refund.
#[inline(always)]
pub(crate) fn status(cx: &Context<'_>, out: &mut impl Findings) -> Then {
    let status = cx.payment.status;
    let details = match status {
        PaymentStatus::Ready
        | PaymentStatus::Pending
        | PaymentStatus::Failed
        | PaymentStatus::VirtualAccountIssued => ReasonDetails::PaymentNotPaid { status },
        PaymentStatus::Cancelled => ReasonDetails::AlreadyCancelled {
            status,
            balance: cx.balance,
        },
        // The balance decides, never the status: Bootpay keeps status 1 after partial cancels.
        PaymentStatus::Paid | PaymentStatus::PartiallyCancelled
            if !gt(cx.balance, Decimal::ZERO) =>
        {
            ReasonDetails::AlreadyCancelled {
                status,
                balance: cx.balance,
            }
        }
        PaymentStatus::Paid | PaymentStatus::PartiallyCancelled => return Then::Go,
    };
    out.common_reason(&cx.common.status, (details.code(), || details));
    Then::Stop
}

/// Whether `value` has more decimals than the payment's currency allows.
fn too_precise(value: Decimal, exponent: Option<u16>) -> Option<u16> {
    let exponent = exponent?;
    // Normalizing only drops trailing zeros: a scale already within the currency's needs no
    // normalizing, and amounts are mostly written that way.
    let fine =
        value.scale() <= u32::from(exponent) || value.normalize().scale() <= u32::from(exponent);
    (!fine).then_some(exponent)
}

/// The problems that make the request's amounts invalid (`INVALID_AMOUNT`), for a currency of
/// `exponent` decimals. The usual request, a positive amount and tax-free and VAT amounts that
/// are plainly amounts of the currency, has none: only another is searched.
#[inline]
pub(crate) fn amount_problems(
    amount: Decimal,
    request: &RefundRequest,
    currency: Currency,
    exponent: Option<u16>,
) -> Vec<AmountProblem> {
    if plain_request(amount, request, exponent) {
        Vec::new()
    } else {
        search_amount_problems(amount, request, currency, exponent)
    }
}

/// Whether the request's amounts are plainly valid: the amount positive, and every amount
/// [`plain`]. Never true for a request with a problem; an unusual valid one (a negative zero
/// tax-free amount, `100.00` won) is left to the search.
#[inline]
fn plain_request(amount: Decimal, request: &RefundRequest, exponent: Option<u16>) -> bool {
    let plain = |value: Decimal| plain(value, exponent);
    plain(amount)
        && !amount.is_zero()
        && request.tax_free_amount.is_none_or(plain)
        && request.vat_amount.is_none_or(plain)
}

/// What [`amount_problems`] finds in a request that is not plainly valid.
fn search_amount_problems(
    amount: Decimal,
    request: &RefundRequest,
    currency: Currency,
    exponent: Option<u16>,
) -> Vec<AmountProblem> {
    let mut problems = Vec::new();
    // Without an amount the request refunds the balance, which must be an amount of the
    // currency too (a KRW balance of 0.5 cannot be refunded). A balance of zero or less never
    // gets here: the status check reports it.
    if !gt(amount, Decimal::ZERO) {
        problems.push(AmountProblem::NotPositive { amount });
    } else if let Some(decimals) = too_precise(amount, exponent) {
        problems.push(AmountProblem::TooPrecise {
            field: AmountField::Amount,
            amount,
            currency,
            decimals,
        });
    }
    for (field, value) in [
        (AmountField::TaxFreeAmount, request.tax_free_amount),
        (AmountField::VatAmount, request.vat_amount),
    ] {
        let Some(value) = value else { continue };
        if gt(Decimal::ZERO, value) {
            problems.push(AmountProblem::Negative {
                field,
                amount: value,
            });
        } else if let Some(decimals) = too_precise(value, exponent) {
            problems.push(AmountProblem::TooPrecise {
                field,
                amount: value,
                currency,
                decimals,
            });
        }
    }
    problems
}

/// The amount checks: `INVALID_AMOUNT`, then (unless it fired) `AMOUNT_EXCEEDS_CANCELLABLE`,
/// `TAX_FREE_EXCEEDS_AMOUNT` and `UNSETTLED_SALES_SHORT`; `CANCELLABLE_AMOUNT_MISMATCH` and
/// `TAX_FREE_EXCEEDS_CANCELLABLE` always.
#[inline(always)]
pub(crate) fn amounts(cx: &Context<'_>, out: &mut impl Findings) -> Then {
    let common = cx.common;
    let request = cx.request;
    let amount_valid = cx.amount_problems.is_empty();
    if !amount_valid {
        out.common_reason(
            &common.amount,
            reason!(InvalidAmount {
                problems: cx.amount_problems.clone(),
            }),
        );
    }
    if amount_valid && gt(cx.amount, cx.balance) {
        out.common_reason(
            &common.balance,
            reason!(AmountExceedsCancellable {
                requested: cx.amount,
                balance: cx.balance,
            }),
        );
    }
    if let Some(given) = request.current_cancellable_amount
        && money::cmp(given, cx.balance).is_ne()
    {
        out.common_reason(
            &common.balance_check,
            reason!(CancellableAmountMismatch {
                given,
                balance: cx.balance,
            }),
        );
    }
    if let Some(tax_free) = request.tax_free_amount
        && gt(tax_free, cx.tax_free_balance)
    {
        out.common_reason(
            &common.tax_free,
            reason!(TaxFreeExceedsCancellable {
                requested: tax_free,
                tax_free_balance: cx.tax_free_balance,
            }),
        );
    }
    // Without a tax-free or VAT amount there is nothing to add up.
    let parts = (request.tax_free_amount.is_some() || request.vat_amount.is_some()).then(|| {
        let tax_free = request.tax_free_amount.unwrap_or_default();
        let vat = request.vat_amount.unwrap_or_default();
        (tax_free, vat)
    });
    if amount_valid
        && let Some((tax_free, vat)) = parts
        && gt(money::sum(tax_free, vat), cx.amount)
    {
        out.common_reason(
            &common.tax_free,
            reason!(TaxFreeExceedsAmount {
                tax_free,
                vat,
                amount: cx.amount,
            }),
        );
    }
    if let Some(unsettled_sales) = cx.merchant.unsettled_sales
        && amount_valid
        && gt(cx.amount, unsettled_sales)
    {
        out.common_reason(
            &common.unsettled_sales,
            reason!(UnsettledSalesShort {
                requested: cx.amount,
                unsettled_sales,
            }),
        );
    }
    Then::Go
}

/// `DUPLICATE_CANCEL_ID` (against every earlier cancellation, whatever its status) and
/// `CANCELLATION_PENDING`.
#[inline(always)]
pub(crate) fn history(cx: &Context<'_>, out: &mut impl Findings) -> Then {
    let common = cx.common;
    let history = &cx.payment.cancellations;
    if let Some(cancel_id) = &cx.request.cancel_id
        && let Some(earlier) = history
            .iter()
            .find(|c| c.cancel_id.as_deref() == Some(cancel_id.as_str()))
    {
        out.common_reason(
            &common.cancel_id,
            reason!(DuplicateCancelId {
                cancel_id: cancel_id.clone(),
                cancellation: earlier.id.clone(),
            }),
        );
    }
    let requested = |c: &&crate::model::Cancellation| c.status == CancellationStatus::Requested;
    if history.iter().any(|c| requested(&c)) {
        let pending = history.iter().filter(requested);
        out.common_reason(
            &common.pending,
            reason!(CancellationPending {
                cancellations: pending.filter_map(|c| c.id.clone()).collect(),
            }),
        );
    }
    Then::Go
}

/// `NO_POLICY` when the policy has no rules for the payment's method (or provider), or has
/// them only at other PGs (a `no_policy` rule).
#[inline(always)]
pub(crate) fn no_policy(cx: &Context<'_>, out: &mut impl Findings) -> Then {
    if cx.rules.is_none() {
        let payment = cx.payment;
        out.common_reason(
            cx.no_policy,
            reason!(NoPolicy {
                provider: payment.provider,
                method: payment.method,
                easy_pay_provider: payment.easy_pay.as_ref().map(|e| e.provider.clone()),
            }),
        );
    }
    Then::Go
}

/// `UNKNOWN_PG` and `UNKNOWN_EASY_PAY_PROVIDER`: an id no rule could match is never silent.
#[inline(always)]
pub(crate) fn unknown_ids(cx: &Context<'_>, out: &mut impl Findings) -> Then {
    if let Some(given) = cx.unlisted_pg() {
        out.note(&cx.common.pg, || cx.unknown_pg(given));
    }
    if let Some(unlisted) = cx.unlisted_easy_pay() {
        out.note(&cx.common.easy_pay_provider, || {
            cx.unknown_easy_pay(unlisted)
        });
    }
    Then::Go
}

#[cfg(test)]
mod tests {
    use super::{amount_problems, plain_amounts, plain_request, search_amount_problems};
    use crate::model::{Currency, Payment, RefundRequest};
    use rust_decimal::Decimal;

    fn quickstart_payment() -> Payment {
        match crate::input::payment(include_str!("../../examples/quickstart/payment.yaml")) {
            Ok(payment) => payment,
            Err(error) => panic!("the quick start's payment does not read: {error}"),
        }
    }

    /// The usual payment skips the search field by field; one with an amount below zero or
    /// finer than its currency is searched, so that the field is named in its problem.
    #[test]
    fn only_an_unusual_payment_is_searched_field_by_field() {
        let usual = quickstart_payment();
        assert!(plain_amounts(&usual, Some(0)));
        assert!(plain_amounts(&usual, None));
        let mut half_a_won = usual.clone();
        half_a_won.amount.cancelled = Decimal::new(5, 1);
        assert!(!plain_amounts(&half_a_won, Some(0)));
        assert!(plain_amounts(&half_a_won, Some(2)), "a currency with cents");
        let mut negative = usual.clone();
        negative.amount.total = Decimal::new(-1_000, 0);
        assert!(!plain_amounts(&negative, None));
    }

    /// The usual request skips the search for its problems; one whose amount is not positive,
    /// or with an amount below zero or finer than its currency, is searched.
    #[test]
    fn only_an_unusual_request_is_searched() {
        let won = |n| Decimal::new(n, 0);
        let half = Decimal::new(10_005, 1);
        let mut request = RefundRequest::default();
        assert!(plain_request(won(1_000), &request, Some(0)));
        assert!(!plain_request(Decimal::ZERO, &request, Some(0)));
        assert!(!plain_request(won(-1_000), &request, None));
        assert!(!plain_request(half, &request, Some(0)));
        assert!(
            plain_request(half, &request, Some(2)),
            "a currency with cents"
        );
        assert!(plain_request(half, &request, None), "no minor unit");
        request.tax_free_amount = Some(Decimal::ZERO);
        request.vat_amount = Some(won(100));
        assert!(plain_request(won(1_000), &request, Some(0)));
        request.tax_free_amount = Some(won(-1));
        assert!(!plain_request(won(1_000), &request, None));
        request.tax_free_amount = None;
        request.vat_amount = Some(half);
        assert!(!plain_request(won(1_000), &request, Some(0)));
        request.vat_amount = Some(won(-1));
        assert!(!plain_request(won(1_000), &request, None));
    }

    /// Skipping the search never hides a problem: over amounts of every sign, a few scales and
    /// both zeros, with and without tax-free and VAT amounts, the problems are the search's.
    #[test]
    fn the_usual_request_has_no_problem_to_find() {
        let mut negative_zero = Decimal::ZERO;
        negative_zero.set_sign_negative(true);
        let mut amounts = vec![negative_zero];
        for mantissa in [0_i64, 1, 5, 1_000, 10_050, -1, -1_000] {
            for scale in [0, 1, 2, 3] {
                amounts.push(Decimal::new(mantissa, scale));
            }
        }
        let optional: Vec<Option<Decimal>> = std::iter::once(None)
            .chain(amounts.iter().copied().map(Some))
            .collect();
        let mut searched = 0_usize;
        for currency in [Currency::KRW, Currency::USD] {
            let exponent = currency.minor_unit_exponent();
            for &amount in &amounts {
                for &tax_free_amount in &optional {
                    for &vat_amount in &optional {
                        let request = RefundRequest {
                            tax_free_amount,
                            vat_amount,
                            ..RefundRequest::default()
                        };
                        let searched_problems =
                            search_amount_problems(amount, &request, currency, exponent);
                        assert_eq!(
                            amount_problems(amount, &request, currency, exponent),
                            searched_problems,
                            "{amount} with {tax_free_amount:?} and {vat_amount:?} {currency}"
                        );
                        if !plain_request(amount, &request, exponent) {
                            searched = searched.saturating_add(1);
                        }
                    }
                }
            }
        }
        assert!(searched > 1_000, "only {searched} requests searched");
    }
}
