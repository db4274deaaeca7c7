//! English messages: lowercase, no final period, user values in backticks.

use super::en_words::{circumstances, method, money, status};
use super::text::{Date, HourMinute, count};
use super::text::{Out, Piece, item_piece, join, put};
use crate::decision::{
    AccountProblem, AmountProblem, FundingSpan, NoteDetails, PaymentProblem, ReasonDetails,
    TimeRule,
};
use crate::model::{Currency, PaymentStatus};
use rust_decimal::Decimal;
use std::fmt;

/// `` `reason` has 250 characters, more than the 200 allowed ``: a request field or a refund
/// account field.
fn too_long<W: Out>(f: &mut W, name: &str, chars: usize, max: u32) -> fmt::Result {
    put!(
        f,
        "`",
        name,
        "` has ",
        count(chars),
        " characters, more than the ",
        count(max),
        " allowed"
    )
}

/// `` `amount` is `10.5`, but KRW allows 0 decimal places ``: a requested amount or one of the
/// payment's.
fn too_precise<W: Out>(
    f: &mut W,
    field: &str,
    amount: &Decimal,
    currency: Currency,
    decimals: u16,
) -> fmt::Result {
    put!(
        f,
        "`",
        field,
        "` is `",
        amount,
        "`, but ",
        currency.code(),
        " allows ",
        count(decimals),
        " decimal places"
    )
}

item_piece!(AccountProblemText: AccountProblem => account_problem);
item_piece!(AmountProblemText: AmountProblem, Currency => amount_problem);
item_piece!(PaymentProblemText: PaymentProblem, Currency => payment_problem);
item_piece!(FundingSpanText: FundingSpan => funding_span);

/// `card 1 year`: a deadline's span for one way of funding.
fn funding_span<W: Out>(f: &mut W, s: &FundingSpan) -> fmt::Result {
    put!(f, s.funding, " ", s.within)
}

fn account_problem<W: Out>(f: &mut W, problem: &AccountProblem) -> fmt::Result {
    match problem {
        AccountProblem::Missing { field } => put!(f, "`", field.name(), "` is missing"),
        AccountProblem::Blank { field } => put!(f, "`", field.name(), "` is blank"),
        AccountProblem::TooLong { field, chars, max } => too_long(f, field.name(), *chars, *max),
        AccountProblem::NotDigits { field } => {
            put!(f, "`", field.name(), "` may hold digits only")
        }
        AccountProblem::BankNotSupported { bank, table, pg } => match pg {
            Some(pg) => put!(
                f,
                "bank `",
                bank,
                "` has no code in the ",
                &**table,
                " table used for PG `",
                &**pg,
                "`"
            ),
            None => put!(
                f,
                "bank `",
                bank,
                "` has no code in the ",
                &**table,
                " table"
            ),
        },
    }
}

fn amount_problem<W: Out>(f: &mut W, problem: &AmountProblem, currency: Currency) -> fmt::Result {
    match problem {
        AmountProblem::NotPositive { amount } => put!(
            f,
            "the amount must be greater than zero, found ",
            money(*amount, currency)
        ),
        AmountProblem::TooPrecise {
            field,
            amount,
            currency,
            decimals,
        } => too_precise(f, field.name(), amount, *currency, *decimals),
        AmountProblem::Negative { field, amount } => put!(
            f,
            "`",
            field.name(),
            "` must not be negative, found ",
            money(*amount, currency)
        ),
    }
}

fn payment_problem<W: Out>(f: &mut W, problem: &PaymentProblem, currency: Currency) -> fmt::Result {
    match problem {
        PaymentProblem::NegativeAmount { field, amount } => put!(
            f,
            "`",
            field,
            "` is negative (",
            money(*amount, currency),
            ")"
        ),
        PaymentProblem::CancelledExceedsTotal { cancelled, total } => put!(
            f,
            "the cancelled amount ",
            money(*cancelled, currency),
            " exceeds the total ",
            money(*total, currency)
        ),
        PaymentProblem::CancelledTaxFreeExceedsTaxFree {
            cancelled_tax_free,
            tax_free,
        } => put!(
            f,
            "the cancelled tax-free amount ",
            money(*cancelled_tax_free, currency),
            " exceeds the tax-free amount ",
            money(*tax_free, currency)
        ),
        PaymentProblem::TaxFreeExceedsTotal { tax_free, total } => put!(
            f,
            "the tax-free amount ",
            money(*tax_free, currency),
            " exceeds the total ",
            money(*total, currency)
        ),
        PaymentProblem::TooPrecise {
            field,
            amount,
            currency,
            decimals,
        } => too_precise(f, field, amount, *currency, *decimals),
        PaymentProblem::PaidAfterNow { paid_at, now } => put!(
            f,
            "`paid_at` ",
            paid_at.to_rfc3339(),
            " is later than `now` ",
            now.to_rfc3339()
        ),
    }
}

pub(super) fn reason<W: Out>(
    f: &mut W,
    details: &ReasonDetails,
    currency: Currency,
) -> fmt::Result {
    match details {
        ReasonDetails::InvalidPayment { problems } => put!(
            f,
            "the payment contradicts itself: ",
            join(problems, "; ", |p| PaymentProblemText(p, currency))
        ),
        ReasonDetails::PaymentNotPaid {
            status: PaymentStatus::VirtualAccountIssued,
        } => f.text("the virtual account was never paid into: close it instead of refunding it"),
        ReasonDetails::PaymentNotPaid { status: s } => put!(
            f,
            "the payment was never completed (status `",
            status(*s),
            "`): there is nothing to refund"
        ),
        ReasonDetails::AlreadyCancelled { balance, .. } => put!(
            f,
            "the payment is already cancelled in full (balance ",
            money(*balance, currency),
            ")"
        ),
        ReasonDetails::InvalidAmount { problems } => put!(
            f,
            "the requested amounts are invalid: ",
            join(problems, "; ", |p| AmountProblemText(p, currency))
        ),
        ReasonDetails::AmountExceedsCancellable { requested, balance } => put!(
            f,
            "the refund of ",
            money(*requested, currency),
            " exceeds the cancellable balance of ",
            money(*balance, currency)
        ),
        ReasonDetails::CancellableAmountMismatch { given, balance } => put!(
            f,
            "the request expects a balance of ",
            money(*given, currency),
            " but the payment's balance is ",
            money(*balance, currency),
            ": read the payment again"
        ),
        ReasonDetails::TaxFreeExceedsCancellable {
            requested,
            tax_free_balance,
        } => put!(
            f,
            "the tax-free refund of ",
            money(*requested, currency),
            " exceeds the tax-free balance of ",
            money(*tax_free_balance, currency)
        ),
        ReasonDetails::TaxFreeExceedsAmount {
            tax_free,
            vat,
            amount,
        } => put!(
            f,
            "the tax-free amount ",
            money(*tax_free, currency),
            " and VAT ",
            money(*vat, currency),
            " add up to more than the refund of ",
            money(*amount, currency)
        ),
        ReasonDetails::PartialCancelNotSupported { because } => put!(
            f,
            "a partial refund is not possible (",
            circumstances(because),
            "): only the whole remainder can be cancelled"
        ),
        ReasonDetails::PartialCancelLimitReached { limit, succeeded } => put!(
            f,
            "the PG allows ",
            count(*limit),
            " partial cancels and ",
            count(*succeeded),
            " have succeeded: only the whole remainder can be cancelled"
        ),
        ReasonDetails::DeadlinePassed {
            paid_on,
            last_refundable_day,
            today,
            within,
            time_zone,
        } => put!(
            f,
            "the refund deadline has passed: paid on ",
            Date(*paid_on),
            ", refundable within ",
            within,
            " until ",
            Date(*last_refundable_day),
            ", and today is ",
            Date(*today),
            " (",
            time_zone,
            ")"
        ),
        ReasonDetails::MonthChanged {
            paid_month,
            current_month,
            time_zone,
            next_month_refund,
        } => {
            put!(
                f,
                "the payment can be cancelled only in the month it was made: paid in ",
                paid_month,
                ", and it is now ",
                current_month,
                " (",
                time_zone,
                ")"
            )?;
            let Some(next) = next_month_refund else {
                return Ok(());
            };
            put!(
                f,
                "; a next-month refund at PG `",
                &*next.pg,
                "` needs the ",
                &*next.contract.en,
                " and a valid refund account: "
            )?;
            let mut sep = "";
            if !next.contract_signed {
                put!(f, "the ", &*next.contract.en, " is not signed")?;
                sep = ", ";
            }
            if !next.refund_account_given {
                put!(f, sep, "no refund account is given")?;
                sep = ", ";
            }
            for problem in &next.refund_account_problems {
                f.text(sep)?;
                account_problem(f, problem)?;
                sep = ", ";
            }
            Ok(())
        }
        ReasonDetails::PaidAtMissing { needed_by } => f.text(match needed_by {
            TimeRule::Deadline => {
                "the payment time `paid_at` is unknown, so the deadline cannot be checked"
            }
            TimeRule::SameMonth => {
                "the payment time `paid_at` is unknown, so the month of payment cannot be checked"
            }
        }),
        ReasonDetails::OutsideCancelHours {
            local_time,
            closed,
            time_zone,
        } => put!(
            f,
            "the PG takes no cancels between ",
            closed,
            " (",
            time_zone,
            "), and it is ",
            HourMinute(*local_time),
            " now"
        ),
        ReasonDetails::RefundAccountRequired {} => {
            f.text("a refund account is required: give its bank, number and holder name")
        }
        ReasonDetails::RefundAccountInvalid { problems } => put!(
            f,
            "the refund account is invalid: ",
            join(problems, ", ", AccountProblemText)
        ),
        ReasonDetails::ContractRequired {
            contract,
            for_partial_refund,
        } => {
            let refund = if *for_partial_refund {
                "a partial refund"
            } else {
                "this refund"
            };
            put!(
                f,
                refund,
                " needs the ",
                &*contract.en,
                " (`",
                &*contract.id,
                "`)"
            )
        }
        ReasonDetails::RefundNotSupported { because } => put!(
            f,
            "the provider cannot refund this payment (",
            circumstances(because),
            ")"
        ),
        ReasonDetails::ReasonRequired {} => f.text("a cancel `reason` is required"),
        ReasonDetails::FieldTooLong { field, chars, max } => {
            too_long(f, field.name(), *chars, *max)
        }
        ReasonDetails::RequesterRequired {} => {
            f.text("`requester` is required: `customer` or `admin`")
        }
        ReasonDetails::DuplicateCancelId { cancel_id, .. } => put!(
            f,
            "the cancel id `",
            cancel_id,
            "` was already used for this payment"
        ),
        ReasonDetails::CancellationPending { .. } => {
            f.text("an earlier cancellation is still in progress: wait for its result")
        }
        ReasonDetails::NoPolicy {
            provider,
            method: m,
            easy_pay_provider,
        } => match easy_pay_provider {
            Some(service) => put!(
                f,
                "no policy covers ",
                method(*m),
                " (",
                service,
                ") refunds at `",
                provider,
                "`"
            ),
            None => put!(
                f,
                "no policy covers ",
                method(*m),
                " refunds at `",
                provider,
                "`"
            ),
        },
        ReasonDetails::TaxableExceedsCancellable {
            taxable,
            taxable_balance,
        } => put!(
            f,
            "the taxable part of this partial refund, ",
            money(*taxable, currency),
            ", exceeds the taxable balance of ",
            money(*taxable_balance, currency),
            ": give the tax-free part as `tax_free_amount`"
        ),
        ReasonDetails::UnsettledSalesShort {
            requested,
            unsettled_sales,
        } => put!(
            f,
            "the refund of ",
            money(*requested, currency),
            " exceeds the ",
            money(*unsettled_sales, currency),
            " the PG still owes the merchant: the PG nets refunds against unsettled sales"
        ),
    }
}

/// `: did you mean `x`?` after a name no policy lists, when one is close.
struct DidYouMean<'a>(Option<&'a str>);

impl Piece for DidYouMean<'_> {
    fn put<W: Out>(&self, f: &mut W) -> fmt::Result {
        match self.0 {
            Some(c) => put!(f, ": did you mean `", c, "`?"),
            None => Ok(()),
        }
    }
}

fn did_you_mean(closest: Option<&str>) -> DidYouMean<'_> {
    DidYouMean(closest)
}

pub(super) fn note<W: Out>(f: &mut W, details: &NoteDetails) -> fmt::Result {
    match details {
        NoteDetails::RefundFee { amount, currency } => put!(
            f,
            "each refund costs the merchant a transfer fee of ",
            money(*amount, *currency)
        ),
        NoteDetails::ProcessingDelay {
            min_business_days,
            max_business_days,
            expected_earliest,
            expected_by,
            no_date,
        } => {
            f.text("the money reaches the customer after ")?;
            if min_business_days == max_business_days {
                put!(f, count(*min_business_days))?;
            } else {
                put!(
                    f,
                    count(*min_business_days),
                    " to ",
                    count(*max_business_days)
                )?;
            }
            f.text(" business days")?;
            match (expected_earliest, expected_by, no_date) {
                (Some(first), Some(by), _) if first == by => put!(f, ": on ", Date(*by)),
                (Some(first), Some(by), _) => {
                    put!(f, ": from ", Date(*first), ", by ", Date(*by))
                }
                (_, _, Some(outside)) => put!(
                    f,
                    "; no expected date: the business-day calendar ends on ",
                    Date(outside.last_day())
                ),
                _ => Ok(()),
            }
        }
        NoteDetails::AsyncCancellation {} => f.text(
            "the provider answers `REQUESTED` first and confirms later: watch the webhook",
        ),
        NoteDetails::ManualRefund { .. } => f.text(
            "the provider cannot refund this payment: the merchant must pay the customer back directly",
        ),
        NoteDetails::FundingAssumed {
            funding,
            applied,
            spans,
        } => {
            match funding {
                Some(known) => put!(f, "the rule sets no deadline for funding `", known, "`")?,
                None => f.text("the easy-pay funding is unknown")?,
            }
            let spans = join(spans, ", ", FundingSpanText);
            put!(
                f,
                ", so the strictest deadline, ",
                applied,
                ", was applied (",
                spans,
                ")"
            )
        }
        NoteDetails::CashReceiptNotCancelled {} => f.text(
            "the PG does not cancel the payment's cash receipt with it: if one was issued, cancel or reissue it",
        ),
        NoteDetails::UnknownPg { id, closest } => put!(
            f,
            "the policy does not list PG `",
            id,
            "`, so no PG-specific rule applied",
            did_you_mean(closest.as_deref())
        ),
        NoteDetails::UnknownEasyPayProvider { id, closest } => put!(
            f,
            "the policy does not list easy-pay service `",
            id,
            "`, so no service-specific rule applied",
            did_you_mean(closest.as_deref())
        ),
    }
}
