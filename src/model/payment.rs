//! The payment being refunded (contract §1).

use super::vocabulary::vocabulary;
use super::{Currency, EscrowStatus, GiftCertificate, Provider, amount, instant};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A payment as the refund service knows it, normalized across providers.
///
/// ```
/// use refund_policy::model::{Method, Payment, PaymentStatus, Provider, parse_instant};
/// use rust_decimal::Decimal;
///
/// let paid_at = parse_instant("2026-01-31T23:30:00+09:00").unwrap();
/// let payment = Payment::paid(Provider::PortoneV2, Method::Card, Decimal::from(10000), paid_at);
/// assert_eq!(payment.status, PaymentStatus::Paid);
/// assert_eq!(payment.balance(), Some(Decimal::from(10000)));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// Which aggregator or PG took the payment.
    pub provider: Provider,
    /// The provider's own PG id (`smartro_v2`, `kcp`); an open string, read in lower case
    /// (`KSNET` is `ksnet`). An absent PG, or one the policy does not list, matches no
    /// PG-specific rule; one not listed gets the note `UNKNOWN_PG`.
    #[serde(
        default,
        deserialize_with = "lower_case_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub pg: Option<String>,
    /// How the customer paid.
    pub method: Method,
    /// Which easy-pay service, and funded how; present exactly when `method` is `easy_pay`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub easy_pay: Option<EasyPay>,
    /// The card, for card payments (or easy pay funded by card).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<Card>,
    /// Where the payment stands.
    pub status: PaymentStatus,
    /// The payment's currency; amounts are in its major unit.
    #[serde(default)]
    pub currency: Currency,
    /// What was paid and what has been cancelled so far.
    pub amount: PaymentAmount,
    /// When the payment was completed; `None` when unknown.
    #[serde(
        default,
        with = "instant::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub paid_at: Option<DateTime<Utc>>,
    /// An escrow payment before purchase confirmation. Where the escrow stands after that is
    /// `escrow_status`; `escrow: true` is the same as `escrow_status: before_confirmation`.
    #[serde(default)]
    pub escrow: bool,
    /// Where an escrow payment stands (before purchase confirmation, confirmed, rejected by the
    /// buyer); `None` for a payment without escrow, or one whose state is unknown beyond
    /// `escrow`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escrow_status: Option<EscrowStatus>,
    /// The gift certificate, for gift-certificate payments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gift_certificate: Option<GiftCertificate>,
    /// The provider's own "may be partially cancelled" flag, where it reports one (Toss
    /// `isPartialCancelable`); `None` imposes nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_cancelable: Option<bool>,
    /// Earlier cancellations of this payment, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cancellations: Vec<Cancellation>,
}

impl Payment {
    /// A paid payment with nothing cancelled: the usual starting point.
    pub fn paid(
        provider: Provider,
        method: Method,
        total: Decimal,
        paid_at: DateTime<Utc>,
    ) -> Payment {
        Payment {
            provider,
            pg: None,
            method,
            easy_pay: None,
            card: None,
            status: PaymentStatus::Paid,
            currency: Currency::KRW,
            amount: PaymentAmount::new(total),
            paid_at: Some(paid_at),
            escrow: false,
            escrow_status: None,
            gift_certificate: None,
            partial_cancelable: None,
            cancellations: Vec::new(),
        }
    }

    /// What can still be refunded: `total − cancelled`, or `None` if that overflows.
    pub fn balance(&self) -> Option<Decimal> {
        self.amount.total.checked_sub(self.amount.cancelled)
    }

    /// What can still be refunded tax-free: `tax_free − cancelled_tax_free`.
    pub fn tax_free_balance(&self) -> Option<Decimal> {
        self.amount
            .tax_free
            .checked_sub(self.amount.cancelled_tax_free)
    }

    /// Where the escrow stands: `escrow_status`, or before confirmation when only `escrow` is
    /// set; `None` for a payment without escrow.
    ///
    /// ```
    /// use refund_policy::model::{EscrowStatus, Method, Payment, Provider, parse_instant};
    /// let paid_at = parse_instant("2026-03-02T10:00:00+09:00").unwrap();
    /// let mut payment = Payment::paid(Provider::TossPayments, Method::Card, 10000.into(), paid_at);
    /// assert_eq!(payment.escrow_state(), None);
    /// payment.escrow = true;
    /// assert_eq!(payment.escrow_state(), Some(EscrowStatus::BeforeConfirmation));
    /// payment.escrow = false;
    /// payment.escrow_status = Some(EscrowStatus::Confirmed);
    /// assert_eq!(payment.escrow_state(), Some(EscrowStatus::Confirmed));
    /// ```
    pub fn escrow_state(&self) -> Option<EscrowStatus> {
        self.escrow_status
            .or(self.escrow.then_some(EscrowStatus::BeforeConfirmation))
    }

    /// Checks the rules that tie fields together and that the types cannot express:
    /// `easy_pay` is given exactly when `method` is `easy_pay`, and `escrow: true` (before
    /// confirmation) does not contradict `escrow_status`.
    ///
    /// The crate's readers ([`crate::input`]) call this; a payment built in code may skip it,
    /// and the engine then treats a missing `easy_pay` as an unknown easy-pay service.
    pub fn check(&self) -> Result<(), ShapeError> {
        match (self.method, &self.easy_pay) {
            (Method::EasyPay, None) => Err(ShapeError::EasyPayMissing),
            (method, Some(_)) if method != Method::EasyPay => {
                Err(ShapeError::EasyPayWithOtherMethod(method))
            }
            _ => Ok(()),
        }?;
        match self.escrow_status {
            Some(status) if self.escrow && status != EscrowStatus::BeforeConfirmation => {
                Err(ShapeError::EscrowContradicted(status))
            }
            _ => Ok(()),
        }
    }
}

/// Reads an id in lower case: PG and easy-pay ids are compared without regard to case, and a
/// payload that writes `KSNET` must meet the rules written for `ksnet`. ASCII letters only: the
/// ids policies define are ASCII, so no other letter can make an id match, and folding them
/// would take Unicode's case tables into the WebAssembly package (8 KB gzipped) for nothing.
/// A letter outside ASCII is kept as written, in the id and in an `UNKNOWN_PG` note.
fn lower_case<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    String::deserialize(deserializer).map(|id| id.trim().to_ascii_lowercase())
}

/// [`lower_case`] for an optional id; null is absent.
fn lower_case_option<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(deserializer)
        .map(|id| id.map(|id| id.trim().to_ascii_lowercase()))
}

/// A payment whose fields do not fit together (see [`Payment::check`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShapeError {
    /// `method: easy_pay` without the `easy_pay` object.
    #[error("`easy_pay` is required with method `easy_pay`: give at least `easy_pay.provider`")]
    EasyPayMissing,
    /// The `easy_pay` object with another method.
    #[error("`easy_pay` is given with method `{0}`: it belongs only to method `easy_pay`")]
    EasyPayWithOtherMethod(Method),
    /// `escrow: true` (before purchase confirmation) with an `escrow_status` after it.
    #[error(
        "`escrow: true` means before purchase confirmation, but `escrow_status` is `{0}`: give `escrow_status` alone"
    )]
    EscrowContradicted(EscrowStatus),
}

vocabulary! {
    /// How the customer paid.
    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
    )]
    pub enum Method (UnknownMethod, "payment method") in model as array {
        /// Credit or debit card (신용카드).
        Card => "card",
        /// Real-time bank transfer (실시간 계좌이체).
        Transfer => "transfer",
        /// Virtual account, paid by deposit (가상계좌).
        VirtualAccount => "virtual_account",
        /// Mobile-phone micropayment (휴대폰 소액결제).
        Mobile => "mobile",
        /// An easy-pay service such as KakaoPay or NaverPay (간편결제).
        EasyPay => "easy_pay",
        /// Gift certificate (상품권).
        GiftCertificate => "gift_certificate",
        /// Convenience-store payment (편의점 결제).
        ConvenienceStore => "convenience_store",
        /// Crypto currency.
        Crypto => "crypto",
    }
}

/// The easy-pay service behind an `easy_pay` payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EasyPay {
    /// The service (`kakaopay`, `naverpay`, `tosspay`, `payco`, `paypal`, ...), read in lower
    /// case (`NAVERPAY` is `naverpay`); one the policy does not list gets the note
    /// `UNKNOWN_EASY_PAY_PROVIDER`.
    #[serde(deserialize_with = "lower_case")]
    pub provider: String,
    /// What funded it, when known. Unknown funding makes deadline rules apply the strictest
    /// of their funding-specific spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<Funding>,
}

vocabulary! {
    /// What funded an easy-pay payment.
    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
    )]
    pub enum Funding (UnknownFunding, "funding") in model as array {
        /// A card registered with the service.
        Card => "card",
        /// The service's stored balance (KakaoPay money, NaverPay money, PAYCO points charged).
        Money => "money",
        /// A bank account linked to the service.
        Transfer => "transfer",
        /// Reward points.
        Point => "point",
    }
}

/// What is known of the card.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// Credit, debit, gift or prepaid; `None` when unknown.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub card_type: Option<CardType>,
    /// Issued abroad (VISA/Master/JCB acquirer rules forbid partial cancels).
    #[serde(default)]
    pub foreign: bool,
    /// Card points paid part of it.
    #[serde(default)]
    pub point_used: bool,
}

vocabulary! {
    /// The kind of card.
    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
    )]
    pub enum CardType (UnknownCardType, "card type") in model as array {
        /// Credit card (신용).
        Credit => "credit",
        /// Debit or check card (체크).
        Debit => "debit",
        /// Gift card (기프트).
        Gift => "gift",
        /// Prepaid card (선불).
        Prepaid => "prepaid",
    }
}

vocabulary! {
    /// Where a payment stands.
    ///
    /// ```
    /// use refund_policy::model::PaymentStatus;
    /// assert_eq!(PaymentStatus::PartiallyCancelled.id(), "partially_cancelled");
    /// assert_eq!("paid".parse::<PaymentStatus>(), Ok(PaymentStatus::Paid));
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    pub enum PaymentStatus (UnknownPaymentStatus, "payment status") in model as array {
        /// Created, not yet paid.
        Ready => "ready",
        /// Being approved.
        Pending => "pending",
        /// A virtual account was issued and awaits the deposit.
        VirtualAccountIssued => "virtual_account_issued",
        /// Paid in full.
        Paid => "paid",
        /// Paid, and partly cancelled.
        PartiallyCancelled => "partially_cancelled",
        /// Cancelled in full.
        Cancelled => "cancelled",
        /// Approval failed.
        Failed => "failed",
    }
}

/// The payment's amounts, in the currency's major unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentAmount {
    /// The original order amount.
    #[serde(with = "amount")]
    pub total: Decimal,
    /// The tax-free part of `total`.
    #[serde(default, with = "amount")]
    pub tax_free: Decimal,
    /// The VAT part of `total`, when known.
    #[serde(
        default,
        with = "amount::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub vat: Option<Decimal>,
    /// Everything cancelled so far.
    #[serde(default, with = "amount")]
    pub cancelled: Decimal,
    /// The tax-free part of what was cancelled.
    #[serde(default, with = "amount")]
    pub cancelled_tax_free: Decimal,
}

impl PaymentAmount {
    /// An amount of `total`, all taxable, nothing cancelled.
    pub fn new(total: Decimal) -> PaymentAmount {
        PaymentAmount {
            total,
            tax_free: Decimal::ZERO,
            vat: None,
            cancelled: Decimal::ZERO,
            cancelled_tax_free: Decimal::ZERO,
        }
    }
}

/// An earlier cancellation of the payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cancellation {
    /// The provider's id for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// How much it cancelled (or asked to).
    #[serde(with = "amount")]
    pub amount: Decimal,
    /// Where it stands.
    pub status: CancellationStatus,
    /// The merchant's idempotency id used for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_id: Option<String>,
}

vocabulary! {
    /// Where an earlier cancellation stands.
    ///
    /// ```
    /// use refund_policy::model::CancellationStatus;
    /// assert_eq!("requested".parse::<CancellationStatus>(), Ok(CancellationStatus::Requested));
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum CancellationStatus (UnknownCancellationStatus, "cancellation status") in model as array {
        /// Asked for; the provider confirms later.
        Requested => "requested",
        /// Done.
        Succeeded => "succeeded",
        /// Refused.
        Failed => "failed",
    }
}
