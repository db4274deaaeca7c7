//! 한국어 메시지.

use super::digits::{Date, HourMinute, count};
use super::particle::{eul_reul, eun_neun, gwa_wa, i_ga};
use super::text::{Grouped, from_fn, join, put};
use crate::calendar::{Span, SpanUnit};
use crate::decision::{
    AccountField, AccountProblem, AmountField, AmountProblem, Circumstance, NoteDetails,
    PaymentProblem, ReasonDetails, RequestField, TimeRule,
};
use crate::model::{
    CardType, Currency, EscrowStatus, Funding, GiftCertificateType, Method, PaymentStatus,
};
use rust_decimal::Decimal;
use std::fmt::{self, Display, Formatter};

/// `12,000원`, `12.5 USD`.
pub(super) fn won(amount: Decimal, currency: Currency) -> impl Display {
    from_fn(move |f| {
        if currency == Currency::KRW {
            put!(f, Grouped(amount), "원")
        } else {
            put!(f, Grouped(amount), " ", currency.code())
        }
    })
}

/// `1년`, `6개월`, `180일`.
pub(super) fn span(span: Span) -> impl Display {
    let unit = match span.unit() {
        SpanUnit::Days => "일",
        SpanUnit::Months => "개월",
        SpanUnit::Years => "년",
    };
    from_fn(move |f| put!(f, count(span.count()), unit))
}

fn method(method: Method) -> &'static str {
    match method {
        Method::Card => "카드",
        Method::Transfer => "계좌이체",
        Method::VirtualAccount => "가상계좌",
        Method::Mobile => "휴대폰 소액결제",
        Method::EasyPay => "간편결제",
        Method::GiftCertificate => "상품권",
        Method::ConvenienceStore => "편의점 결제",
        Method::Crypto => "암호화폐 결제",
    }
}

fn status(status: PaymentStatus) -> &'static str {
    match status {
        PaymentStatus::Ready => "결제 대기",
        PaymentStatus::Pending => "승인 중",
        PaymentStatus::VirtualAccountIssued => "가상계좌 입금 대기",
        PaymentStatus::Paid => "결제 완료",
        PaymentStatus::PartiallyCancelled => "부분 취소",
        PaymentStatus::Cancelled => "취소 완료",
        PaymentStatus::Failed => "결제 실패",
    }
}

fn funding(funding: Funding) -> &'static str {
    match funding {
        Funding::Card => "카드",
        Funding::Money => "머니",
        Funding::Transfer => "계좌",
        Funding::Point => "포인트",
    }
}

fn circumstance(f: &mut Formatter<'_>, c: &Circumstance) -> fmt::Result {
    let text = match c {
        Circumstance::Method(m) => method(*m),
        Circumstance::Pg(pg) => return put!(f, "PG `", pg, "`"),
        Circumstance::PgNotListed(Some(pg)) => return put!(f, "PG `", pg, "`"),
        Circumstance::PgNotListed(None) => "PG 정보 없음",
        Circumstance::CardType(CardType::Gift) => "기프트 카드",
        Circumstance::CardType(CardType::Prepaid) => "선불카드",
        Circumstance::CardType(CardType::Credit) => "신용카드",
        Circumstance::CardType(CardType::Debit) => "체크카드",
        Circumstance::ForeignCard => "해외 발급 카드",
        Circumstance::CardPoints => "카드 포인트 사용 결제",
        Circumstance::Escrow(true) => "에스크로 결제",
        Circumstance::Escrow(false) => "에스크로가 아닌 결제",
        Circumstance::EscrowStatus(state) => escrow_status(*state),
        Circumstance::GiftCertificateType(kind) => gift_certificate(*kind),
        Circumstance::PartialCancelable(false) => "제공사가 부분 취소 불가로 표시한 결제",
        Circumstance::PartialCancelable(true) => "제공사가 부분 취소 가능으로 표시한 결제",
        Circumstance::Funding(funded) => return put!(f, funding(*funded), " 결제"),
        Circumstance::Partial(true) => "부분 취소",
        Circumstance::Partial(false) => "전액 취소",
        Circumstance::SameDayFullCancel(true) => "결제 당일 전액 취소",
        Circumstance::SameDayFullCancel(false) => "결제 당일 전액 취소가 아님",
    };
    f.write_str(text)
}

fn escrow_status(state: EscrowStatus) -> &'static str {
    match state {
        EscrowStatus::BeforeConfirmation => "구매 확정 전 에스크로 결제",
        EscrowStatus::Confirmed => "구매 확정된 에스크로 결제",
        EscrowStatus::Rejected => "구매 거절된 에스크로 결제",
    }
}

fn gift_certificate(kind: GiftCertificateType) -> &'static str {
    match kind {
        GiftCertificateType::Booknlife => "도서문화상품권",
        GiftCertificateType::SmartMunsang => "스마트문화상품권",
        GiftCertificateType::Cultureland => "컬쳐랜드 문화상품권",
        GiftCertificateType::Happymoney => "해피머니 상품권",
        GiftCertificateType::Culturegift => "컬쳐기프트 상품권",
    }
}

fn circumstances(list: &[Circumstance]) -> impl Display + '_ {
    join(list, ", ", circumstance)
}

fn account_field(field: AccountField) -> &'static str {
    match field {
        AccountField::Bank => "은행 정보",
        AccountField::Number => "계좌번호",
        AccountField::HolderName => "예금주",
        AccountField::HolderPhone => "예금주 연락처",
    }
}

fn account_problem(f: &mut Formatter<'_>, problem: &AccountProblem) -> fmt::Result {
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
            table,
            " 은행 코드표에 ",
            bank.korean_name(),
            "(",
            bank.name(),
            ") 코드가 없습니다"
        ),
    }
}

fn amount_field(field: AmountField) -> &'static str {
    match field {
        AmountField::Amount => "환불 금액",
        AmountField::TaxFreeAmount => "면세 금액",
        AmountField::VatAmount => "부가세",
    }
}

fn amount_problem(
    f: &mut Formatter<'_>,
    problem: &AmountProblem,
    currency: Currency,
) -> fmt::Result {
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
        } => put!(
            f,
            amount_field(*field),
            " ",
            amount,
            ": ",
            eun_neun(currency.code()),
            " 소수점 ",
            count(*decimals),
            "자리까지만 쓸 수 있습니다"
        ),
        AmountProblem::Negative { field, amount } => put!(
            f,
            amount_field(*field),
            "에 음수를 쓸 수 없습니다(",
            won(*amount, currency),
            ")"
        ),
    }
}

fn payment_problem(
    f: &mut Formatter<'_>,
    problem: &PaymentProblem,
    currency: Currency,
) -> fmt::Result {
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
        } => put!(
            f,
            "`",
            field,
            "` 값 ",
            amount,
            ": ",
            eun_neun(currency.code()),
            " 소수점 ",
            count(*decimals),
            "자리까지만 쓸 수 있습니다"
        ),
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

pub(super) fn reason(
    f: &mut Formatter<'_>,
    details: &ReasonDetails,
    currency: Currency,
) -> fmt::Result {
    match details {
        ReasonDetails::InvalidPayment { problems } => put!(
            f,
            "결제 정보가 서로 맞지 않아 환불 여부를 판단할 수 없습니다: ",
            join(problems, "; ", |f, p| payment_problem(f, p, currency))
        ),
        ReasonDetails::PaymentNotPaid {
            status: PaymentStatus::VirtualAccountIssued,
        } => f.write_str(
            "입금 전인 가상계좌입니다. 환불이 아니라 가상계좌 발급 취소(말소) 대상입니다",
        ),
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
            join(problems, "; ", |f, p| amount_problem(f, p, currency))
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
                next.pg,
                "`에서 익월 환불을 받으려면 ",
                next.contract.ko,
                " 가입과 올바른 환불 계좌가 필요합니다: "
            )?;
            let mut sep = "";
            if !next.contract_signed {
                put!(f, next.contract.ko, "에 가입되어 있지 않습니다")?;
                sep = ", ";
            }
            if !next.refund_account_given {
                put!(f, sep, "환불 계좌가 없습니다")?;
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
            f.write_str("환불 계좌가 필요합니다: 은행, 계좌번호, 예금주를 보내세요")
        }
        ReasonDetails::RefundAccountInvalid { problems } => put!(
            f,
            "환불 계좌가 올바르지 않습니다: ",
            join(problems, ", ", account_problem)
        ),
        ReasonDetails::ContractRequired {
            contract,
            for_partial_refund,
        } => {
            if *for_partial_refund {
                put!(f, "부분 취소를 하려면 ", contract.ko, "에 가입해야 합니다")
            } else {
                put!(f, "이 환불을 하려면 ", contract.ko, "에 가입해야 합니다")
            }
        }
        ReasonDetails::RefundNotSupported { because } => put!(
            f,
            "제공사를 통해 환불할 수 없는 결제입니다(",
            circumstances(because),
            ")"
        ),
        ReasonDetails::ReasonRequired {} => f.write_str("취소 사유(reason)가 필요합니다"),
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
            f.write_str("요청자(requester: customer 또는 admin)를 지정해야 합니다")
        }
        ReasonDetails::DuplicateCancelId { cancel_id, .. } => put!(
            f,
            "취소 ID ",
            eun_neun(from_fn(|f| put!(f, "`", cancel_id, "`"))),
            " 이 결제에서 이미 사용되었습니다"
        ),
        ReasonDetails::CancellationPending { .. } => {
            f.write_str("이전 취소 요청이 아직 처리 중입니다. 결과를 확인한 뒤 다시 요청하세요")
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
fn did_you_mean(closest: Option<&str>) -> impl Display + '_ {
    from_fn(move |f| match closest {
        Some(c) => put!(f, " (혹시 `", c, "`인가요?)"),
        None => Ok(()),
    })
}

pub(super) fn note(f: &mut Formatter<'_>, details: &NoteDetails) -> fmt::Result {
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
            f.write_str("고객에게 환불금이 도착하기까지 영업일 기준 ")?;
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
            f.write_str("이 걸립니다")?;
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
        NoteDetails::AsyncCancellation {} => f.write_str(
            "제공사가 취소를 먼저 접수(REQUESTED)하고 나중에 확정합니다. 웹훅으로 결과를 확인하세요",
        ),
        NoteDetails::ManualRefund { .. } => f.write_str(
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
                None => f.write_str("간편결제 결제수단을 알 수 없어")?,
            }
            let spans = join(spans, ", ", |f, s| {
                put!(f, funding(s.funding), " ", span(s.within))
            });
            put!(
                f,
                " 가장 짧은 기한 ",
                eul_reul(span(*applied)),
                " 적용했습니다(",
                spans,
                ")"
            )
        }
        NoteDetails::CashReceiptNotCancelled {} => f.write_str(
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
