//! The inputs of a decision: the payment, the refund request and the merchant profile
//! (contract §1–3).
//!
//! Every type reads from and writes to the contract's wire shape with serde, rejecting unknown
//! fields. Amounts are [`rust_decimal::Decimal`] read from their digits, instants
//! `DateTime<Utc>` read from RFC 3339 with a required offset.

pub mod amount;
mod bank;
mod currency;
mod escrow;
mod gift_certificate;
pub mod instant;
mod merchant;
mod payment;
mod provider;
mod request;
pub(crate) mod time_text;
pub(crate) mod vocabulary;

pub use amount::{AmountError, MAX_AMOUNT, parse_amount};
pub use bank::{Bank, UnknownBank};
pub use currency::{Currency, UnknownCurrency};
pub use escrow::{EscrowStatus, UnknownEscrowStatus};
pub use gift_certificate::{GiftCertificate, GiftCertificateType, UnknownGiftCertificateType};
pub use instant::{InstantError, parse_instant};
pub use merchant::MerchantProfile;
pub use payment::{
    Cancellation, CancellationStatus, Card, CardType, EasyPay, Funding, Method, Payment,
    PaymentAmount, PaymentStatus, ShapeError, UnknownCancellationStatus, UnknownCardType,
    UnknownFunding, UnknownMethod, UnknownPaymentStatus,
};
pub use provider::{Provider, UnknownProvider};
pub use request::{RefundAccount, RefundRequest, Requester, UnknownRequester};
