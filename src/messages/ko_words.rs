//! Korean words for the values messages name: amounts, spans, methods, statuses,
//! circumstances and fields.

use super::particle::{Word, last_letter};
use super::text::count;
use super::text::{Grouped, Out, Piece, display_piece, item_piece, join, put};
use crate::calendar::{Span, SpanUnit};
use crate::decision::{AccountField, AmountField, Circumstance};
use crate::model::{
    CardType, Currency, EscrowStatus, Funding, GiftCertificateType, Method, PaymentStatus,
};
use rust_decimal::Decimal;
use std::fmt;

/// An amount as Korean messages write it: `12,000원`, `12.5 USD`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Won {
    amount: Decimal,
    currency: Currency,
}

/// `amount` in `currency`, as Korean messages write it.
pub(super) fn won(amount: Decimal, currency: Currency) -> Won {
    Won { amount, currency }
}

display_piece!(Won, KoSpan, Quoted<'_>);

impl Piece for Won {
    fn put<W: Out>(&self, f: &mut W) -> fmt::Result {
        if self.currency == Currency::KRW {
            put!(f, Grouped(self.amount), "원")
        } else {
            put!(f, Grouped(self.amount), " ", self.currency.code())
        }
    }
}

impl Word for Won {
    fn last_letter(&self) -> Option<char> {
        if self.currency == Currency::KRW {
            Some('원')
        } else {
            last_letter(self.currency.code())
        }
    }
}

/// A span as Korean messages write it: `1년`, `6개월`, `180일`.
#[derive(Debug, Clone, Copy)]
pub(super) struct KoSpan {
    count: u32,
    unit: &'static str,
}

/// `span` as Korean messages write it.
pub(super) fn span(span: Span) -> KoSpan {
    let unit = match span.unit() {
        SpanUnit::Days => "일",
        SpanUnit::Months => "개월",
        SpanUnit::Years => "년",
    };
    KoSpan {
        count: span.count(),
        unit,
    }
}

impl Piece for KoSpan {
    fn put<W: Out>(&self, f: &mut W) -> fmt::Result {
        put!(f, count(self.count))?;
        f.text(self.unit)
    }
}

impl Word for KoSpan {
    fn last_letter(&self) -> Option<char> {
        last_letter(self.unit)
    }
}

/// A caller's id in backticks: `` `key-1` ``.
#[derive(Debug, Clone, Copy)]
pub(super) struct Quoted<'a>(pub(super) &'a str);

impl Piece for Quoted<'_> {
    fn put<W: Out>(&self, f: &mut W) -> fmt::Result {
        put!(f, "`", self.0, "`")
    }
}

impl Word for Quoted<'_> {
    fn last_letter(&self) -> Option<char> {
        last_letter(self.0)
    }
}

pub(super) fn method(method: Method) -> &'static str {
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

pub(super) fn status(status: PaymentStatus) -> &'static str {
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

pub(super) fn funding(funding: Funding) -> &'static str {
    match funding {
        Funding::Card => "카드",
        Funding::Money => "머니",
        Funding::Transfer => "계좌",
        Funding::Point => "포인트",
    }
}

item_piece!(CircumstanceText: Circumstance => circumstance);

fn circumstance<W: Out>(f: &mut W, c: &Circumstance) -> fmt::Result {
    let text = match c {
        Circumstance::Method(m) => method(*m),
        Circumstance::Pg(pg) => return put!(f, "PG `", &**pg, "`"),
        Circumstance::PgNotListed(Some(pg)) => return put!(f, "PG `", &**pg, "`"),
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
        Circumstance::Funding(funded) => {
            f.text(funding(*funded))?;
            return f.text(" 결제");
        }
        Circumstance::Partial(true) => "부분 취소",
        Circumstance::Partial(false) => "전액 취소",
        Circumstance::SameDayFullCancel(true) => "결제 당일 전액 취소",
        Circumstance::SameDayFullCancel(false) => "결제 당일 전액 취소가 아님",
    };
    f.text(text)
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

pub(super) fn circumstances(list: &[Circumstance]) -> impl Piece + '_ {
    join(list, ", ", CircumstanceText)
}

pub(super) fn account_field(field: AccountField) -> &'static str {
    match field {
        AccountField::Bank => "은행 정보",
        AccountField::Number => "계좌번호",
        AccountField::HolderName => "예금주",
        AccountField::HolderPhone => "예금주 연락처",
    }
}

pub(super) fn amount_field(field: AmountField) -> &'static str {
    match field {
        AmountField::Amount => "환불 금액",
        AmountField::TaxFreeAmount => "면세 금액",
        AmountField::VatAmount => "부가세",
    }
}

#[cfg(test)]
mod tests {
    use super::{Quoted, span, won};
    use crate::messages::particle::assert_ends_as_displayed;
    use crate::model::Currency;
    use rust_decimal::Decimal;

    #[test]
    fn words_end_as_they_are_written() {
        let amounts = [
            Decimal::ZERO,
            Decimal::from(12_000),
            Decimal::new(-1_250, 2),
            Decimal::new(1, 28),
        ];
        for code in ["KRW", "USD", "JPY", "EUR"] {
            let currency: Currency = code.parse().expect("a currency");
            for amount in amounts {
                assert_ends_as_displayed(&won(amount, currency));
            }
        }
        for text in ["1 day", "180 days", "6 months", "1 year", "5 years"] {
            let parsed = text.parse().expect("a span");
            assert_ends_as_displayed(&span(parsed));
        }
        for id in ["key-1", "key-2", "-", "", "취소1", "환불"] {
            assert_ends_as_displayed(&Quoted(id));
        }
    }
}
