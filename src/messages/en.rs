//! English messages: lowercase, no final period, user values in backticks.

use super::{group_digits, join};
use crate::calendar::Span;
use crate::decision::{
    AccountProblem, AmountProblem, Circumstance, NoteDetails, PaymentProblem, ReasonDetails,
    TimeRule,
};
use crate::model::{Currency, EscrowStatus, GiftCertificateType, Method, PaymentStatus};
use chrono::Timelike;
use rust_decimal::Decimal;

pub(super) fn money(amount: Decimal, currency: Currency) -> String {
    format!("{} {}", currency.code(), group_digits(amount))
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

fn circumstance(c: &Circumstance) -> String {
    match c {
        Circumstance::Method(m) => method(*m).to_owned(),
        Circumstance::Pg(pg) => format!("PG `{pg}`"),
        Circumstance::PgNotListed(Some(pg)) => format!("PG `{pg}`"),
        Circumstance::PgNotListed(None) => "unknown PG".to_owned(),
        Circumstance::CardType(kind) => format!("{kind} card"),
        Circumstance::ForeignCard => "card issued abroad".to_owned(),
        Circumstance::CardPoints => "paid partly with card points".to_owned(),
        Circumstance::Escrow(true) => "escrow payment".to_owned(),
        Circumstance::Escrow(false) => "not an escrow payment".to_owned(),
        Circumstance::EscrowStatus(state) => match state {
            EscrowStatus::BeforeConfirmation => "escrow payment before purchase confirmation",
            EscrowStatus::Confirmed => "escrow payment whose purchase is confirmed",
            EscrowStatus::Rejected => "escrow payment the buyer rejected",
        }
        .to_owned(),
        Circumstance::GiftCertificateType(kind) => match kind {
            GiftCertificateType::Booknlife => "Book&Life gift certificate (도서문화상품권)",
            GiftCertificateType::SmartMunsang => {
                "smart culture gift certificate (스마트문화상품권)"
            }
            GiftCertificateType::Cultureland => "Cultureland gift certificate",
            GiftCertificateType::Happymoney => "Happymoney gift certificate",
            GiftCertificateType::Culturegift => "culture gift certificate (컬쳐기프트)",
        }
        .to_owned(),
        Circumstance::PartialCancelable(false) => {
            "the provider marks it as not partially cancelable".to_owned()
        }
        Circumstance::PartialCancelable(true) => {
            "the provider marks it as partially cancelable".to_owned()
        }
        Circumstance::Funding(f) => format!("funded by {f}"),
        Circumstance::Partial(true) => "partial refund".to_owned(),
        Circumstance::Partial(false) => "full refund".to_owned(),
        Circumstance::SameDayFullCancel(true) => "full cancel on the day of payment".to_owned(),
        Circumstance::SameDayFullCancel(false) => {
            "not a full cancel on the day of payment".to_owned()
        }
    }
}

fn circumstances(list: &[Circumstance]) -> String {
    join(list.iter().map(circumstance), ", ")
}

fn account_problem(problem: &AccountProblem) -> String {
    match problem {
        AccountProblem::Missing { field } => format!("`{}` is missing", field.name()),
        AccountProblem::Blank { field } => format!("`{}` is blank", field.name()),
        AccountProblem::TooLong { field, chars, max } => format!(
            "`{}` has {chars} characters, more than the {max} allowed",
            field.name()
        ),
        AccountProblem::NotDigits { field } => {
            format!("`{}` may hold digits only", field.name())
        }
        AccountProblem::BankNotSupported { bank, table, pg } => match pg {
            Some(pg) => {
                format!("bank `{bank}` has no code in the {table} table used for PG `{pg}`")
            }
            None => format!("bank `{bank}` has no code in the {table} table"),
        },
    }
}

fn amount_problem(problem: &AmountProblem, currency: Currency) -> String {
    match problem {
        AmountProblem::NotPositive { amount } => format!(
            "the amount must be greater than zero, found {}",
            money(*amount, currency)
        ),
        AmountProblem::TooPrecise {
            field,
            amount,
            currency,
            decimals,
        } => format!(
            "`{}` is `{amount}`, but {} allows {decimals} decimal places",
            field.name(),
            currency.code()
        ),
        AmountProblem::Negative { field, amount } => format!(
            "`{}` must not be negative, found {}",
            field.name(),
            money(*amount, currency)
        ),
    }
}

fn payment_problem(problem: &PaymentProblem, currency: Currency) -> String {
    match problem {
        PaymentProblem::NegativeAmount { field, amount } => {
            format!("`{field}` is negative ({})", money(*amount, currency))
        }
        PaymentProblem::CancelledExceedsTotal { cancelled, total } => format!(
            "the cancelled amount {} exceeds the total {}",
            money(*cancelled, currency),
            money(*total, currency)
        ),
        PaymentProblem::CancelledTaxFreeExceedsTaxFree {
            cancelled_tax_free,
            tax_free,
        } => format!(
            "the cancelled tax-free amount {} exceeds the tax-free amount {}",
            money(*cancelled_tax_free, currency),
            money(*tax_free, currency)
        ),
        PaymentProblem::TaxFreeExceedsTotal { tax_free, total } => format!(
            "the tax-free amount {} exceeds the total {}",
            money(*tax_free, currency),
            money(*total, currency)
        ),
        PaymentProblem::TooPrecise {
            field,
            amount,
            currency,
            decimals,
        } => format!(
            "`{field}` is `{amount}`, but {} allows {decimals} decimal places",
            currency.code()
        ),
        PaymentProblem::PaidAfterNow { paid_at, now } => format!(
            "`paid_at` {} is later than `now` {}",
            paid_at.to_rfc3339(),
            now.to_rfc3339()
        ),
    }
}

fn span(span: Span) -> String {
    span.to_string()
}

pub(super) fn reason(details: &ReasonDetails, currency: Currency) -> String {
    match details {
        ReasonDetails::InvalidPayment { problems } => format!(
            "the payment contradicts itself: {}",
            join(problems.iter().map(|p| payment_problem(p, currency)), "; ")
        ),
        ReasonDetails::PaymentNotPaid {
            status: PaymentStatus::VirtualAccountIssued,
        } => "the virtual account was never paid into: close it instead of refunding it".to_owned(),
        ReasonDetails::PaymentNotPaid { status: s } => format!(
            "the payment was never completed (status `{}`): there is nothing to refund",
            status(*s)
        ),
        ReasonDetails::AlreadyCancelled { balance, .. } => format!(
            "the payment is already cancelled in full (balance {})",
            money(*balance, currency)
        ),
        ReasonDetails::InvalidAmount { problems } => format!(
            "the requested amounts are invalid: {}",
            join(problems.iter().map(|p| amount_problem(p, currency)), "; ")
        ),
        ReasonDetails::AmountExceedsCancellable { requested, balance } => format!(
            "the refund of {} exceeds the cancellable balance of {}",
            money(*requested, currency),
            money(*balance, currency)
        ),
        ReasonDetails::CancellableAmountMismatch { given, balance } => format!(
            "the request expects a balance of {} but the payment's balance is {}: read the payment again",
            money(*given, currency),
            money(*balance, currency)
        ),
        ReasonDetails::TaxFreeExceedsCancellable {
            requested,
            tax_free_balance,
        } => format!(
            "the tax-free refund of {} exceeds the tax-free balance of {}",
            money(*requested, currency),
            money(*tax_free_balance, currency)
        ),
        ReasonDetails::TaxFreeExceedsAmount {
            tax_free,
            vat,
            amount,
        } => format!(
            "the tax-free amount {} and VAT {} add up to more than the refund of {}",
            money(*tax_free, currency),
            money(*vat, currency),
            money(*amount, currency)
        ),
        ReasonDetails::PartialCancelNotSupported { because } => format!(
            "a partial refund is not possible ({}): only the whole remainder can be cancelled",
            circumstances(because)
        ),
        ReasonDetails::PartialCancelLimitReached { limit, succeeded } => format!(
            "the PG allows {limit} partial cancels and {succeeded} have succeeded: only the whole remainder can be cancelled"
        ),
        ReasonDetails::DeadlinePassed {
            paid_on,
            last_refundable_day,
            today,
            within,
            time_zone,
        } => format!(
            "the refund deadline has passed: paid on {paid_on}, refundable within {} until {last_refundable_day}, and today is {today} ({time_zone})",
            span(*within)
        ),
        ReasonDetails::MonthChanged {
            paid_month,
            current_month,
            time_zone,
            next_month_refund,
        } => {
            let base = format!(
                "the payment can be cancelled only in the month it was made: paid in {paid_month}, and it is now {current_month} ({time_zone})"
            );
            match next_month_refund {
                None => base,
                Some(next) => {
                    let mut missing = Vec::new();
                    if !next.contract_signed {
                        missing.push(format!("the {} is not signed", next.contract.en));
                    }
                    if !next.refund_account_given {
                        missing.push("no refund account is given".to_owned());
                    }
                    missing.extend(next.refund_account_problems.iter().map(account_problem));
                    format!(
                        "{base}; a next-month refund at PG `{}` needs the {} and a valid refund account: {}",
                        next.pg,
                        next.contract.en,
                        join(missing, ", ")
                    )
                }
            }
        }
        ReasonDetails::PaidAtMissing { needed_by } => match needed_by {
            TimeRule::Deadline => {
                "the payment time `paid_at` is unknown, so the deadline cannot be checked"
            }
            TimeRule::SameMonth => {
                "the payment time `paid_at` is unknown, so the month of payment cannot be checked"
            }
        }
        .to_owned(),
        ReasonDetails::OutsideCancelHours {
            local_time,
            closed,
            time_zone,
        } => format!(
            "the PG takes no cancels between {closed} ({time_zone}), and it is {:02}:{:02} now",
            local_time.hour(),
            local_time.minute()
        ),
        ReasonDetails::RefundAccountRequired {} => {
            "a refund account is required: give its bank, number and holder name".to_owned()
        }
        ReasonDetails::RefundAccountInvalid { problems } => format!(
            "the refund account is invalid: {}",
            join(problems.iter().map(account_problem), ", ")
        ),
        ReasonDetails::ContractRequired {
            contract,
            for_partial_refund,
        } => {
            if *for_partial_refund {
                format!(
                    "a partial refund needs the {} (`{}`)",
                    contract.en, contract.id
                )
            } else {
                format!("this refund needs the {} (`{}`)", contract.en, contract.id)
            }
        }
        ReasonDetails::RefundNotSupported { because } => format!(
            "the provider cannot refund this payment ({})",
            circumstances(because)
        ),
        ReasonDetails::ReasonRequired {} => "a cancel `reason` is required".to_owned(),
        ReasonDetails::FieldTooLong { field, chars, max } => format!(
            "`{}` has {chars} characters, more than the {max} allowed",
            field.name()
        ),
        ReasonDetails::RequesterRequired {} => {
            "`requester` is required: `customer` or `admin`".to_owned()
        }
        ReasonDetails::DuplicateCancelId { cancel_id, .. } => {
            format!("the cancel id `{cancel_id}` was already used for this payment")
        }
        ReasonDetails::CancellationPending { .. } => {
            "an earlier cancellation is still in progress: wait for its result".to_owned()
        }
        ReasonDetails::NoPolicy {
            provider,
            method: m,
            easy_pay_provider,
        } => match easy_pay_provider {
            Some(service) => format!(
                "no policy covers {} ({service}) refunds at `{provider}`",
                method(*m)
            ),
            None => format!("no policy covers {} refunds at `{provider}`", method(*m)),
        },
        ReasonDetails::TaxableExceedsCancellable {
            taxable,
            taxable_balance,
        } => format!(
            "the taxable part of this partial refund, {}, exceeds the taxable balance of {}: give the tax-free part as `tax_free_amount`",
            money(*taxable, currency),
            money(*taxable_balance, currency)
        ),
        ReasonDetails::UnsettledSalesShort {
            requested,
            unsettled_sales,
        } => format!(
            "the refund of {} exceeds the {} the PG still owes the merchant: the PG nets refunds against unsettled sales",
            money(*requested, currency),
            money(*unsettled_sales, currency)
        ),
    }
}

/// `: did you mean `x`?` after a name no policy lists, when one is close.
fn did_you_mean(closest: Option<&str>) -> String {
    closest
        .map(|c| format!(": did you mean `{c}`?"))
        .unwrap_or_default()
}

pub(super) fn note(details: &NoteDetails) -> String {
    match details {
        NoteDetails::RefundFee { amount, currency } => format!(
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
            let days = if min_business_days == max_business_days {
                format!("{min_business_days}")
            } else {
                format!("{min_business_days} to {max_business_days}")
            };
            let when = match (expected_earliest, expected_by, no_date) {
                (Some(first), Some(by), _) if first == by => format!(": on {by}"),
                (Some(first), Some(by), _) => format!(": from {first}, by {by}"),
                (_, _, Some(outside)) => format!(
                    "; no expected date: the business-day calendar ends on {}",
                    outside.last_day()
                ),
                _ => String::new(),
            };
            format!("the money reaches the customer after {days} business days{when}")
        }
        NoteDetails::AsyncCancellation {} => {
            "the provider answers `REQUESTED` first and confirms later: watch the webhook".to_owned()
        }
        NoteDetails::ManualRefund { .. } => {
            "the provider cannot refund this payment: the merchant must pay the customer back directly".to_owned()
        }
        NoteDetails::FundingAssumed {
            funding,
            applied,
            spans,
        } => {
            let spans = join(
                spans.iter().map(|s| format!("{} {}", s.funding, s.within)),
                ", ",
            );
            let known = match funding {
                Some(f) => format!("the rule sets no deadline for funding `{f}`"),
                None => "the easy-pay funding is unknown".to_owned(),
            };
            format!("{known}, so the strictest deadline, {applied}, was applied ({spans})")
        }
        NoteDetails::CashReceiptNotCancelled {} => {
            "the PG does not cancel the payment's cash receipt with it: if one was issued, cancel or reissue it".to_owned()
        }
        NoteDetails::UnknownPg { id, closest } => {
            let hint = did_you_mean(closest.as_deref());
            format!("the policy does not list PG `{id}`, so no PG-specific rule applied{hint}")
        }
        NoteDetails::UnknownEasyPayProvider { id, closest } => {
            let hint = did_you_mean(closest.as_deref());
            format!(
                "the policy does not list easy-pay service `{id}`, so no service-specific rule applied{hint}"
            )
        }
    }
}
