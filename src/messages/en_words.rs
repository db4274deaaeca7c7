//! English words for the values messages name: amounts, methods, statuses and
//! circumstances.

use super::text::{Grouped, Out, Piece, display_piece, item_piece, join, put};
use crate::decision::Circumstance;
use crate::model::{Currency, EscrowStatus, GiftCertificateType, Method, PaymentStatus};
use rust_decimal::Decimal;
use std::fmt;

/// An amount as English messages write it: `KRW 12,000`.
pub(super) struct Money {
    amount: Decimal,
    currency: Currency,
}

/// `amount` in `currency`, as English messages write it.
pub(super) fn money(amount: Decimal, currency: Currency) -> Money {
    Money { amount, currency }
}

display_piece!(Money);

impl Piece for Money {
    fn put<W: Out>(&self, f: &mut W) -> fmt::Result {
        put!(f, self.currency.code(), " ", Grouped(self.amount))
    }
}

pub(super) fn method(method: Method) -> &'static str {
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

pub(super) fn status(status: PaymentStatus) -> &'static str {
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

item_piece!(CircumstanceText: Circumstance => circumstance);

fn circumstance<W: Out>(f: &mut W, c: &Circumstance) -> fmt::Result {
    let text = match c {
        Circumstance::Method(m) => method(*m),
        Circumstance::Pg(pg) => return put!(f, "PG `", &**pg, "`"),
        Circumstance::PgNotListed(Some(pg)) => return put!(f, "PG `", &**pg, "`"),
        Circumstance::PgNotListed(None) => "unknown PG",
        Circumstance::CardType(kind) => return put!(f, kind, " card"),
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
        Circumstance::Funding(funding) => return put!(f, "funded by ", funding),
        Circumstance::Partial(true) => "partial refund",
        Circumstance::Partial(false) => "full refund",
        Circumstance::SameDayFullCancel(true) => "full cancel on the day of payment",
        Circumstance::SameDayFullCancel(false) => "not a full cancel on the day of payment",
    };
    f.text(text)
}

pub(super) fn circumstances(list: &[Circumstance]) -> impl Piece + '_ {
    join(list, ", ", CircumstanceText)
}
