//! English messages: lowercase, no final period, user values in backticks.

use super::text::{Grouped, from_fn, join};
use crate::decision::{
    AccountProblem, AmountProblem, Circumstance, NoteDetails, PaymentProblem, ReasonDetails,
    TimeRule,
};
use crate::model::{Currency, EscrowStatus, GiftCertificateType, Method, PaymentStatus};
use chrono::Timelike;
use rust_decimal::Decimal;
use std::fmt::{self, Display, Formatter};

/// `KRW 12,000`.
pub(super) fn money(amount: Decimal, currency: Currency) -> impl Display {
    from_fn(move |f| write!(f, "{} {}", currency.code(), Grouped(amount)))
}

fn method(method: Method) -> &'static str {
    match method {
        Method::Card => "card",
        Method::Transfer => "bank transfer",
        Method::VirtualAccount => "virtual account",
        Method::Mobile => "mobile micropayment",
        Method::EasyPay => "easy pay",
        Method::GiftCertificate => "gift certificate",
        Method::ConvenienceStore => "convenience-store payment",
        Method::Crypto => "crypto payment",
    }
}

fn status(status: PaymentStatus) -> &'static str {
    match status {
        PaymentStatus::Ready => "ready",
        PaymentStatus::Pending => "pending",
        PaymentStatus::VirtualAccountIssued => "virtual account issued, awaiting deposit",
        PaymentStatus::Paid => "paid",
        PaymentStatus::PartiallyCancelled => "partially cancelled",
        PaymentStatus::Cancelled => "cancelled",
        PaymentStatus::Failed => "failed",
    }
}

fn circumstance(f: &mut Formatter<'_>, c: &Circumstance) -> fmt::Result {
    let text = match c {
        Circumstance::Method(m) => method(*m),
        Circumstance::Pg(pg) => return write!(f, "PG `{pg}`"),
        Circumstance::PgNotListed(Some(pg)) => return write!(f, "PG `{pg}`"),
        Circumstance::PgNotListed(None) => "unknown PG",
        Circumstance::CardType(kind) => return write!(f, "{kind} card"),
        Circumstance::ForeignCard => "card issued abroad",
        Circumstance::CardPoints => "paid partly with card points",
        Circumstance::Escrow(true) => "escrow payment",
        Circumstance::Escrow(false) => "not an escrow payment",
        Circumstance::EscrowStatus(state) => match state {
            EscrowStatus::BeforeConfirmation => "escrow payment before purchase confirmation",
            EscrowStatus::Confirmed => "escrow payment whose purchase is confirmed",
            EscrowStatus::Rejected => "escrow payment the buyer rejected",
        },
        Circumstance::GiftCertificateType(kind) => match kind {
            GiftCertificateType::Booknlife => "Book&Life gift certificate (도서문화상품권)",
            GiftCertificateType::SmartMunsang => {
                "smart culture gift certificate (스마트문화상품권)"
            }
            GiftCertificateType::Cultureland => "Cultureland gift certificate",
            GiftCertificateType::Happymoney => "Happymoney gift certificate",
            GiftCertificateType::Culturegift => "culture gift certificate (컬쳐기프트)",
        },
        Circumstance::PartialCancelable(false) => {
            "the provider marks it as not partially cancelable"
        }
        Circumstance::PartialCancelable(true) => "the provider marks it as partially cancelable",
        Circumstance::Funding(funding) => return write!(f, "funded by {funding}"),
        Circumstance::Partial(true) => "partial refund",
        Circumstance::Partial(false) => "full refund",
        Circumstance::SameDayFullCancel(true) => "full cancel on the day of payment",
        Circumstance::SameDayFullCancel(false) => "not a full cancel on the day of payment",
    };
    f.write_str(text)
}

fn circumstances(list: &[Circumstance]) -> impl Display + '_ {
    join(list, ", ", circumstance)
}

fn account_problem(f: &mut Formatter<'_>, problem: &AccountProblem) -> fmt::Result {
    match problem {
        AccountProblem::Missing { field } => write!(f, "`{}` is missing", field.name()),
        AccountProblem::Blank { field } => write!(f, "`{}` is blank", field.name()),
        AccountProblem::TooLong { field, chars, max } => write!(
            f,
            "`{}` has {chars} characters, more than the {max} allowed",
            field.name()
        ),
        AccountProblem::NotDigits { field } => {
            write!(f, "`{}` may hold digits only", field.name())
        }
        AccountProblem::BankNotSupported { bank, table, pg } => match pg {
            Some(pg) => {
                write!(
                    f,
                    "bank `{bank}` has no code in the {table} table used for PG `{pg}`"
                )
            }
            None => write!(f, "bank `{bank}` has no code in the {table} table"),
        },
    }
}

fn amount_problem(
    f: &mut Formatter<'_>,
    problem: &AmountProblem,
    currency: Currency,
) -> fmt::Result {
    match problem {
        AmountProblem::NotPositive { amount } => write!(
            f,
            "the amount must be greater than zero, found {}",
            money(*amount, currency)
        ),
        AmountProblem::TooPrecise {
            field,
            amount,
            currency,
            decimals,
        } => write!(
            f,
            "`{}` is `{amount}`, but {} allows {decimals} decimal places",
            field.name(),
            currency.code()
        ),
        AmountProblem::Negative { field, amount } => write!(
            f,
            "`{}` must not be negative, found {}",
            field.name(),
            money(*amount, currency)
        ),
    }
}

fn payment_problem(
    f: &mut Formatter<'_>,
    problem: &PaymentProblem,
    currency: Currency,
) -> fmt::Result {
    match problem {
        PaymentProblem::NegativeAmount { field, amount } => {
            write!(f, "`{field}` is negative ({})", money(*amount, currency))
        }
        PaymentProblem::CancelledExceedsTotal { cancelled, total } => write!(
            f,
            "the cancelled amount {} exceeds the total {}",
            money(*cancelled, currency),
            money(*total, currency)
        ),
        PaymentProblem::CancelledTaxFreeExceedsTaxFree {
            cancelled_tax_free,
            tax_free,
        } => write!(
            f,
            "the cancelled tax-free amount {} exceeds the tax-free amount {}",
            money(*cancelled_tax_free, currency),
            money(*tax_free, currency)
        ),
        PaymentProblem::TaxFreeExceedsTotal { tax_free, total } => write!(
            f,
            "the tax-free amount {} exceeds the total {}",
            money(*tax_free, currency),
            money(*total, currency)
        ),
        PaymentProblem::TooPrecise {
            field,
            amount,
            currency,
            decimals,
        } => write!(
            f,
            "`{field}` is `{amount}`, but {} allows {decimals} decimal places",
            currency.code()
        ),
        PaymentProblem::PaidAfterNow { paid_at, now } => write!(
            f,
            "`paid_at` {} is later than `now` {}",
            paid_at.to_rfc3339(),
            now.to_rfc3339()
        ),
    }
}

pub(super) fn reason(
    f: &mut Formatter<'_>,
    details: &ReasonDetails,
    currency: Currency,
) -> fmt::Result {
    match details {
        ReasonDetails::InvalidPayment { problems } => write!(
            f,
            "the payment contradicts itself: {}",
            join(problems, "; ", |f, p| payment_problem(f, p, currency))
        ),
        ReasonDetails::PaymentNotPaid {
            status: PaymentStatus::VirtualAccountIssued,
        } => {
            f.write_str("the virtual account was never paid into: close it instead of refunding it")
        }
        ReasonDetails::PaymentNotPaid { status: s } => write!(
            f,
            "the payment was never completed (status `{}`): there is nothing to refund",
            status(*s)
        ),
        ReasonDetails::AlreadyCancelled { balance, .. } => write!(
            f,
            "the payment is already cancelled in full (balance {})",
            money(*balance, currency)
        ),
        ReasonDetails::InvalidAmount { problems } => write!(
            f,
            "the requested amounts are invalid: {}",
            join(problems, "; ", |f, p| amount_problem(f, p, currency))
        ),
        ReasonDetails::AmountExceedsCancellable { requested, balance } => write!(
            f,
            "the refund of {} exceeds the cancellable balance of {}",
            money(*requested, currency),
            money(*balance, currency)
        ),
        ReasonDetails::CancellableAmountMismatch { given, balance } => write!(
            f,
            "the request expects a balance of {} but the payment's balance is {}: read the payment again",
            money(*given, currency),
            money(*balance, currency)
        ),
        ReasonDetails::TaxFreeExceedsCancellable {
            requested,
            tax_free_balance,
        } => write!(
            f,
            "the tax-free refund of {} exceeds the tax-free balance of {}",
            money(*requested, currency),
            money(*tax_free_balance, currency)
        ),
        ReasonDetails::TaxFreeExceedsAmount {
            tax_free,
            vat,
            amount,
        } => write!(
            f,
            "the tax-free amount {} and VAT {} add up to more than the refund of {}",
            money(*tax_free, currency),
            money(*vat, currency),
            money(*amount, currency)
        ),
        ReasonDetails::PartialCancelNotSupported { because } => write!(
            f,
            "a partial refund is not possible ({}): only the whole remainder can be cancelled",
            circumstances(because)
        ),
        ReasonDetails::PartialCancelLimitReached { limit, succeeded } => write!(
            f,
            "the PG allows {limit} partial cancels and {succeeded} have succeeded: only the whole remainder can be cancelled"
        ),
        ReasonDetails::DeadlinePassed {
            paid_on,
            last_refundable_day,
            today,
            within,
            time_zone,
        } => write!(
            f,
            "the refund deadline has passed: paid on {paid_on}, refundable within {} until {last_refundable_day}, and today is {today} ({time_zone})",
            within
        ),
        ReasonDetails::MonthChanged {
            paid_month,
            current_month,
            time_zone,
            next_month_refund,
        } => {
            write!(
                f,
                "the payment can be cancelled only in the month it was made: paid in {paid_month}, and it is now {current_month} ({time_zone})"
            )?;
            let Some(next) = next_month_refund else {
                return Ok(());
            };
            write!(
                f,
                "; a next-month refund at PG `{}` needs the {} and a valid refund account: ",
                next.pg, next.contract.en,
            )?;
            let mut sep = "";
            if !next.contract_signed {
                write!(f, "the {} is not signed", next.contract.en)?;
                sep = ", ";
            }
            if !next.refund_account_given {
                write!(f, "{sep}no refund account is given")?;
                sep = ", ";
            }
            for problem in &next.refund_account_problems {
                f.write_str(sep)?;
                account_problem(f, problem)?;
                sep = ", ";
            }
            Ok(())
        }
        ReasonDetails::PaidAtMissing { needed_by } => f.write_str(match needed_by {
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
        } => write!(
            f,
            "the PG takes no cancels between {closed} ({time_zone}), and it is {:02}:{:02} now",
            local_time.hour(),
            local_time.minute()
        ),
        ReasonDetails::RefundAccountRequired {} => {
            f.write_str("a refund account is required: give its bank, number and holder name")
        }
        ReasonDetails::RefundAccountInvalid { problems } => write!(
            f,
            "the refund account is invalid: {}",
            join(problems, ", ", account_problem)
        ),
        ReasonDetails::ContractRequired {
            contract,
            for_partial_refund,
        } => {
            if *for_partial_refund {
                write!(
                    f,
                    "a partial refund needs the {} (`{}`)",
                    contract.en, contract.id
                )
            } else {
                write!(
                    f,
                    "this refund needs the {} (`{}`)",
                    contract.en, contract.id
                )
            }
        }
        ReasonDetails::RefundNotSupported { because } => write!(
            f,
            "the provider cannot refund this payment ({})",
            circumstances(because)
        ),
        ReasonDetails::ReasonRequired {} => f.write_str("a cancel `reason` is required"),
        ReasonDetails::FieldTooLong { field, chars, max } => write!(
            f,
            "`{}` has {chars} characters, more than the {max} allowed",
            field.name()
        ),
        ReasonDetails::RequesterRequired {} => {
            f.write_str("`requester` is required: `customer` or `admin`")
        }
        ReasonDetails::DuplicateCancelId { cancel_id, .. } => {
            write!(
                f,
                "the cancel id `{cancel_id}` was already used for this payment"
            )
        }
        ReasonDetails::CancellationPending { .. } => {
            f.write_str("an earlier cancellation is still in progress: wait for its result")
        }
        ReasonDetails::NoPolicy {
            provider,
            method: m,
            easy_pay_provider,
        } => match easy_pay_provider {
            Some(service) => write!(
                f,
                "no policy covers {} ({service}) refunds at `{provider}`",
                method(*m)
            ),
            None => write!(f, "no policy covers {} refunds at `{provider}`", method(*m)),
        },
        ReasonDetails::TaxableExceedsCancellable {
            taxable,
            taxable_balance,
        } => write!(
            f,
            "the taxable part of this partial refund, {}, exceeds the taxable balance of {}: give the tax-free part as `tax_free_amount`",
            money(*taxable, currency),
            money(*taxable_balance, currency)
        ),
        ReasonDetails::UnsettledSalesShort {
            requested,
            unsettled_sales,
        } => write!(
            f,
            "the refund of {} exceeds the {} the PG still owes the merchant: the PG nets refunds against unsettled sales",
            money(*requested, currency),
            money(*unsettled_sales, currency)
        ),
    }
}

/// `: did you mean `x`?` after a name no policy lists, when one is close.
fn did_you_mean(closest: Option<&str>) -> impl Display + '_ {
    from_fn(move |f| match closest {
        Some(c) => write!(f, ": did you mean `{c}`?"),
        None => Ok(()),
    })
}

pub(super) fn note(f: &mut Formatter<'_>, details: &NoteDetails) -> fmt::Result {
    match details {
        NoteDetails::RefundFee { amount, currency } => write!(
            f,
            "each refund costs the merchant a transfer fee of {}",
            money(*amount, *currency)
        ),
        NoteDetails::ProcessingDelay {
            min_business_days,
            max_business_days,
            expected_earliest,
            expected_by,
            no_date,
        } => {
            if min_business_days == max_business_days {
                write!(f, "the money reaches the customer after {min_business_days}")?;
            } else {
                write!(
                    f,
                    "the money reaches the customer after {min_business_days} to {max_business_days}"
                )?;
            }
            f.write_str(" business days")?;
            match (expected_earliest, expected_by, no_date) {
                (Some(first), Some(by), _) if first == by => write!(f, ": on {by}"),
                (Some(first), Some(by), _) => write!(f, ": from {first}, by {by}"),
                (_, _, Some(outside)) => write!(
                    f,
                    "; no expected date: the business-day calendar ends on {}",
                    outside.last_day()
                ),
                _ => Ok(()),
            }
        }
        NoteDetails::AsyncCancellation {} => f.write_str(
            "the provider answers `REQUESTED` first and confirms later: watch the webhook",
        ),
        NoteDetails::ManualRefund { .. } => f.write_str(
            "the provider cannot refund this payment: the merchant must pay the customer back directly",
        ),
        NoteDetails::FundingAssumed {
            funding,
            applied,
            spans,
        } => {
            match funding {
                Some(known) => write!(f, "the rule sets no deadline for funding `{known}`")?,
                None => f.write_str("the easy-pay funding is unknown")?,
            }
            let spans = join(spans, ", ", |f, s| write!(f, "{} {}", s.funding, s.within));
            write!(f, ", so the strictest deadline, {applied}, was applied ({spans})")
        }
        NoteDetails::CashReceiptNotCancelled {} => f.write_str(
            "the PG does not cancel the payment's cash receipt with it: if one was issued, cancel or reissue it",
        ),
        NoteDetails::UnknownPg { id, closest } => write!(
            f,
            "the policy does not list PG `{id}`, so no PG-specific rule applied{}",
            did_you_mean(closest.as_deref())
        ),
        NoteDetails::UnknownEasyPayProvider { id, closest } => write!(
            f,
            "the policy does not list easy-pay service `{id}`, so no service-specific rule applied{}",
            did_you_mean(closest.as_deref())
        ),
    }
}
