//! 한국어 메시지.

use super::ko_words::{
    Quoted, account_field, amount_field, circumstances, funding, method, span, status, won,
};
use super::particle::{eul_reul, eun_neun, gwa_wa, i_ga};
use super::text::{Date, HourMinute, count};
use super::text::{Out, Piece, item_piece, join, put};
use crate::decision::{
    AccountProblem, AmountProblem, FundingSpan, NoteDetails, PaymentProblem, ReasonDetails,
    RequestField, TimeRule,
};
use crate::model::{Currency, PaymentStatus};
use rust_decimal::Decimal;
use std::fmt;

/// `10.5: KRW는 소수점 0자리까지만 쓸 수 있습니다`, after the amount's name: a requested amount
/// or one of the payment's.
fn too_precise<W: Out>(
    f: &mut W,
    amount: &Decimal,
    currency: Currency,
    decimals: u16,
) -> fmt::Result {
    put!(
        f,
        amount,
        ": ",
        eun_neun(currency.code()),
        " 소수점 ",
        count(decimals),
        "자리까지만 쓸 수 있습니다"
    )
}

item_piece!(AccountProblemText: AccountProblem => account_problem);
item_piece!(AmountProblemText: AmountProblem, Currency => amount_problem);
item_piece!(PaymentProblemText: PaymentProblem, Currency => payment_problem);
item_piece!(FundingSpanText: FundingSpan => funding_span);

/// `카드 1년`: a deadline's span for one way of funding.
fn funding_span<W: Out>(f: &mut W, s: &FundingSpan) -> fmt::Result {
    put!(f, funding(s.funding), " ", span(s.within))
}

fn account_problem<W: Out>(f: &mut W, problem: &AccountProblem) -> fmt::Result {
    match problem {
        AccountProblem::Missing { field } => put!(f, account_field(*field), "가 없습니다"),
        AccountProblem::Blank { field } => put!(f, account_field(*field), "가 비어 있습니다"),
        AccountProblem::TooLong { field, chars, max } => put!(
            f,
            account_field(*field),
            "가 ",
            count(*chars),
            "자로 ",
            count(*max),
            "자를 넘습니다"
        ),
        AccountProblem::NotDigits { field } => {
            put!(f, account_field(*field), "에는 숫자만 쓸 수 있습니다")
        }
        AccountProblem::BankNotSupported { bank, table, .. } => put!(
            f,
            &**table,
            " 은행 코드표에 ",
            bank.korean_name(),
            "(",
            bank.name(),
            ") 코드가 없습니다"
        ),
    }
}

fn amount_problem<W: Out>(f: &mut W, problem: &AmountProblem, currency: Currency) -> fmt::Result {
    match problem {
        AmountProblem::NotPositive { amount } => put!(
            f,
            "환불 금액은 0보다 커야 합니다(",
            won(*amount, currency),
            ")"
        ),
        AmountProblem::TooPrecise {
            field,
            amount,
            currency,
            decimals,
        } => {
            put!(f, amount_field(*field), " ")?;
            too_precise(f, amount, *currency, *decimals)
        }
        AmountProblem::Negative { field, amount } => put!(
            f,
            amount_field(*field),
            "에 음수를 쓸 수 없습니다(",
            won(*amount, currency),
            ")"
        ),
    }
}

fn payment_problem<W: Out>(f: &mut W, problem: &PaymentProblem, currency: Currency) -> fmt::Result {
    match problem {
        PaymentProblem::NegativeAmount { field, amount } => put!(
            f,
            "`",
            field,
            "` 값이 음수입니다(",
            won(*amount, currency),
            ")"
        ),
        PaymentProblem::CancelledExceedsTotal { cancelled, total } => put!(
            f,
            "취소 금액 ",
            i_ga(won(*cancelled, currency)),
            " 결제 금액 ",
            won(*total, currency),
            "보다 큽니다"
        ),
        PaymentProblem::CancelledTaxFreeExceedsTaxFree {
            cancelled_tax_free,
            tax_free,
        } => put!(
            f,
            "면세 취소 금액 ",
            i_ga(won(*cancelled_tax_free, currency)),
            " 면세 금액 ",
            won(*tax_free, currency),
            "보다 큽니다"
        ),
        PaymentProblem::TaxFreeExceedsTotal { tax_free, total } => put!(
            f,
            "면세 금액 ",
            i_ga(won(*tax_free, currency)),
            " 결제 금액 ",
            won(*total, currency),
            "보다 큽니다"
        ),
        PaymentProblem::TooPrecise {
            field,
            amount,
            currency,
            decimals,
        } => {
            put!(f, "`", field, "` 값 ")?;
            too_precise(f, amount, *currency, *decimals)
        }
        PaymentProblem::PaidAfterNow { paid_at, now } => put!(
            f,
            "결제 시각 ",
            i_ga(paid_at.to_rfc3339()),
            " 판단 시각 ",
            now.to_rfc3339(),
            "보다 뒤입니다"
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
            "결제 정보가 서로 맞지 않아 환불 여부를 판단할 수 없습니다: ",
            join(problems, "; ", |p| PaymentProblemText(p, currency))
        ),
        ReasonDetails::PaymentNotPaid {
            status: PaymentStatus::VirtualAccountIssued,
        } => f.text("입금 전인 가상계좌입니다. 환불이 아니라 가상계좌 발급 취소(말소) 대상입니다"),
        ReasonDetails::PaymentNotPaid { status: s } => put!(
            f,
            "결제가 완료되지 않았습니다(상태: ",
            status(*s),
            "). 환불할 금액이 없습니다"
        ),
        ReasonDetails::AlreadyCancelled { balance, .. } => put!(
            f,
            "이미 전액 취소된 결제입니다(취소 가능 잔액 ",
            won(*balance, currency),
            ")"
        ),
        ReasonDetails::InvalidAmount { problems } => put!(
            f,
            "요청 금액이 올바르지 않습니다: ",
            join(problems, "; ", |p| AmountProblemText(p, currency))
        ),
        ReasonDetails::AmountExceedsCancellable { requested, balance } => put!(
            f,
            "환불 요청 금액 ",
            i_ga(won(*requested, currency)),
            " 취소 가능 잔액 ",
            eul_reul(won(*balance, currency)),
            " 넘습니다"
        ),
        ReasonDetails::CancellableAmountMismatch { given, balance } => put!(
            f,
            "요청의 취소 가능 잔액 ",
            i_ga(won(*given, currency)),
            " 실제 잔액 ",
            gwa_wa(won(*balance, currency)),
            " 다릅니다. 결제 정보를 다시 조회하세요"
        ),
        ReasonDetails::TaxFreeExceedsCancellable {
            requested,
            tax_free_balance,
        } => put!(
            f,
            "면세 취소 금액 ",
            i_ga(won(*requested, currency)),
            " 취소 가능한 면세 잔액 ",
            eul_reul(won(*tax_free_balance, currency)),
            " 넘습니다"
        ),
        ReasonDetails::TaxFreeExceedsAmount {
            tax_free,
            vat,
            amount,
        } => put!(
            f,
            "면세 금액 ",
            gwa_wa(won(*tax_free, currency)),
            " 부가세 ",
            won(*vat, currency),
            "의 합이 취소 금액 ",
            eul_reul(won(*amount, currency)),
            " 넘습니다"
        ),
        ReasonDetails::PartialCancelNotSupported { because } => put!(
            f,
            "부분 취소를 할 수 없는 결제입니다(",
            circumstances(because),
            "). 남은 금액 전체를 취소하는 것만 가능합니다"
        ),
        ReasonDetails::PartialCancelLimitReached { limit, succeeded } => put!(
            f,
            "부분 취소는 ",
            count(*limit),
            "회까지 가능한데 이미 ",
            count(*succeeded),
            "회 취소되었습니다. 남은 금액 전체를 취소하는 것만 가능합니다"
        ),
        ReasonDetails::DeadlinePassed {
            paid_on,
            last_refundable_day,
            today,
            within,
            time_zone,
        } => put!(
            f,
            "취소 기한이 지났습니다: ",
            Date(*paid_on),
            "에 결제한 건은 ",
            span(*within),
            " 이내인 ",
            Date(*last_refundable_day),
            "까지 환불할 수 있는데 오늘은 ",
            Date(*today),
            "입니다(",
            time_zone,
            " 기준)"
        ),
        ReasonDetails::MonthChanged {
            paid_month,
            current_month,
            time_zone,
            next_month_refund,
        } => {
            put!(
                f,
                "결제한 달에만 취소할 수 있는 결제입니다: ",
                paid_month,
                "에 결제했고 지금은 ",
                current_month,
                "입니다(",
                time_zone,
                " 기준)"
            )?;
            let Some(next) = next_month_refund else {
                return Ok(());
            };
            put!(
                f,
                ". PG `",
                &*next.pg,
                "`에서 익월 환불을 받으려면 ",
                &*next.contract.ko,
                " 가입과 올바른 환불 계좌가 필요합니다: "
            )?;
            let mut sep = "";
            if !next.contract_signed {
                put!(f, &*next.contract.ko, "에 가입되어 있지 않습니다")?;
                sep = ", ";
            }
            if !next.refund_account_given {
                put!(f, sep, "환불 계좌가 없습니다")?;
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
            TimeRule::Deadline => "결제 시각(paid_at)을 알 수 없어 취소 기한을 확인할 수 없습니다",
            TimeRule::SameMonth => "결제 시각(paid_at)을 알 수 없어 결제월을 확인할 수 없습니다",
        }),
        ReasonDetails::OutsideCancelHours {
            local_time,
            closed,
            time_zone,
        } => put!(
            f,
            "이 PG는 ",
            closed,
            "(",
            time_zone,
            " 기준)에는 취소를 받지 않습니다. 지금은 ",
            HourMinute(*local_time),
            "입니다"
        ),
        ReasonDetails::RefundAccountRequired {} => {
            f.text("환불 계좌가 필요합니다: 은행, 계좌번호, 예금주를 보내세요")
        }
        ReasonDetails::RefundAccountInvalid { problems } => put!(
            f,
            "환불 계좌가 올바르지 않습니다: ",
            join(problems, ", ", AccountProblemText)
        ),
        ReasonDetails::ContractRequired {
            contract,
            for_partial_refund,
        } => {
            if *for_partial_refund {
                put!(
                    f,
                    "부분 취소를 하려면 ",
                    &*contract.ko,
                    "에 가입해야 합니다"
                )
            } else {
                put!(f, "이 환불을 하려면 ", &*contract.ko, "에 가입해야 합니다")
            }
        }
        ReasonDetails::RefundNotSupported { because } => put!(
            f,
            "제공사를 통해 환불할 수 없는 결제입니다(",
            circumstances(because),
            ")"
        ),
        ReasonDetails::ReasonRequired {} => f.text("취소 사유(reason)가 필요합니다"),
        ReasonDetails::FieldTooLong { field, chars, max } => {
            let name = match field {
                RequestField::Reason => "취소 사유",
                RequestField::CancelId => "취소 ID",
            };
            put!(
                f,
                name,
                "가 ",
                count(*chars),
                "자로, 허용되는 ",
                count(*max),
                "자를 넘습니다"
            )
        }
        ReasonDetails::RequesterRequired {} => {
            f.text("요청자(requester: customer 또는 admin)를 지정해야 합니다")
        }
        ReasonDetails::DuplicateCancelId { cancel_id, .. } => put!(
            f,
            "취소 ID ",
            eun_neun(Quoted(cancel_id)),
            " 이 결제에서 이미 사용되었습니다"
        ),
        ReasonDetails::CancellationPending { .. } => {
            f.text("이전 취소 요청이 아직 처리 중입니다. 결과를 확인한 뒤 다시 요청하세요")
        }
        ReasonDetails::NoPolicy {
            provider,
            method: m,
            easy_pay_provider,
        } => match easy_pay_provider {
            Some(service) => put!(
                f,
                provider,
                "의 ",
                method(*m),
                "(",
                service,
                ") 환불 규칙이 없습니다"
            ),
            None => put!(f, provider, "의 ", method(*m), " 환불 규칙이 없습니다"),
        },
        ReasonDetails::TaxableExceedsCancellable {
            taxable,
            taxable_balance,
        } => put!(
            f,
            "부분 취소의 과세 금액 ",
            i_ga(won(*taxable, currency)),
            " 취소 가능한 과세 잔액 ",
            eul_reul(won(*taxable_balance, currency)),
            " 넘습니다. 면세 금액은 tax_free_amount로 보내세요"
        ),
        ReasonDetails::UnsettledSalesShort {
            requested,
            unsettled_sales,
        } => put!(
            f,
            "환불 금액 ",
            i_ga(won(*requested, currency)),
            " PG가 가맹점에 정산할 미정산 금액 ",
            eul_reul(won(*unsettled_sales, currency)),
            " 넘습니다. PG는 미정산 매출에서 환불금을 차감합니다"
        ),
    }
}

/// ` (혹시 `x`인가요?)` after a name no policy lists, when one is close.
struct DidYouMean<'a>(Option<&'a str>);

impl Piece for DidYouMean<'_> {
    fn put<W: Out>(&self, f: &mut W) -> fmt::Result {
        match self.0 {
            Some(c) => put!(f, " (혹시 `", c, "`인가요?)"),
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
            "환불 1건마다 ",
            won(*amount, *currency),
            "의 송금 수수료가 가맹점에 부과됩니다"
        ),
        NoteDetails::ProcessingDelay {
            min_business_days,
            max_business_days,
            expected_earliest,
            expected_by,
            no_date,
        } => {
            f.text("고객에게 환불금이 도착하기까지 영업일 기준 ")?;
            if min_business_days == max_business_days {
                put!(f, count(*min_business_days), "일")?;
            } else {
                put!(
                    f,
                    count(*min_business_days),
                    "~",
                    count(*max_business_days),
                    "일"
                )?;
            }
            f.text("이 걸립니다")?;
            match (expected_earliest, expected_by, no_date) {
                (Some(first), Some(by), _) if first == by => {
                    put!(f, " (", Date(*by), " 도착 예상)")
                }
                (Some(first), Some(by), _) => {
                    put!(f, " (", Date(*first), "~", Date(*by), " 도착 예상)")
                }
                (_, _, Some(outside)) => put!(
                    f,
                    " (영업일 달력이 ",
                    Date(outside.last_day()),
                    "까지만 있어 도착 예상일을 알 수 없습니다)"
                ),
                _ => Ok(()),
            }
        }
        NoteDetails::AsyncCancellation {} => f.text(
            "제공사가 취소를 먼저 접수(REQUESTED)하고 나중에 확정합니다. 웹훅으로 결과를 확인하세요",
        ),
        NoteDetails::ManualRefund { .. } => f.text(
            "제공사를 통해서는 환불할 수 없으므로 가맹점이 고객에게 직접 환불해야 합니다",
        ),
        NoteDetails::FundingAssumed {
            funding: given,
            applied,
            spans,
        } => {
            match given {
                Some(known) => put!(
                    f,
                    "간편결제 결제수단(",
                    funding(*known),
                    ")에 정해진 기한이 없어"
                )?,
                None => f.text("간편결제 결제수단을 알 수 없어")?,
            }
            let spans = join(spans, ", ", FundingSpanText);
            put!(
                f,
                " 가장 짧은 기한 ",
                eul_reul(span(*applied)),
                " 적용했습니다(",
                spans,
                ")"
            )
        }
        NoteDetails::CashReceiptNotCancelled {} => f.text(
            "PG가 결제를 취소해도 현금영수증은 자동으로 취소되지 않습니다. 발급한 현금영수증이 있으면 직접 취소하거나 재발급하세요",
        ),
        NoteDetails::UnknownPg { id, closest } => put!(
            f,
            "정책에 없는 PG(`",
            id,
            "`)여서 PG별 규칙이 적용되지 않았습니다",
            did_you_mean(closest.as_deref())
        ),
        NoteDetails::UnknownEasyPayProvider { id, closest } => put!(
            f,
            "정책에 없는 간편결제 서비스(`",
            id,
            "`)여서 서비스별 규칙이 적용되지 않았습니다",
            did_you_mean(closest.as_deref())
        ),
    }
}
