//! The refund being asked for (contract §2).

use super::vocabulary::vocabulary;
use super::{Bank, amount};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A refund request, normalized across providers. Every field is optional; an empty request
/// asks to cancel whatever remains.
///
/// ```
/// use refund_policy::model::RefundRequest;
/// use rust_decimal::Decimal;
///
/// let request = RefundRequest {
///     amount: Some(Decimal::from(3000)),
///     reason: Some("고객 요청".into()),
///     ..RefundRequest::default()
/// };
/// assert!(request.refund_account.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefundRequest {
    /// How much to refund; `None` cancels everything that remains. An explicit null is refused.
    #[serde(
        default,
        with = "amount::given",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<Decimal>,
    /// The tax-free part of `amount`.
    #[serde(
        default,
        with = "amount::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub tax_free_amount: Option<Decimal>,
    /// The VAT part of `amount`.
    #[serde(
        default,
        with = "amount::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub vat_amount: Option<Decimal>,
    /// Why; some providers require it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Who asks; PortOne V1 requires it for NaverPay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester: Option<Requester>,
    /// The caller's view of the balance (PortOne `currentCancellableAmount`, V1 `checksum`,
    /// Toss `refundableAmount`); the provider refuses the cancel when it differs from its own.
    #[serde(
        default,
        with = "amount::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub current_cancellable_amount: Option<Decimal>,
    /// The bank account the money goes back to (virtual accounts, next-month mobile refunds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_account: Option<RefundAccount>,
    /// The merchant's idempotency id for this request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_id: Option<String>,
}

vocabulary! {
    /// Who asks for the refund.
    ///
    /// ```
    /// use refund_policy::model::Requester;
    /// assert_eq!("admin".parse::<Requester>(), Ok(Requester::Admin));
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Requester (UnknownRequester, "requester") in model as array {
        /// The buyer.
        Customer => "customer",
        /// The merchant's operator.
        Admin => "admin",
    }
}

/// A bank account to refund to. Fields may be missing when read; a missing or blank one is a
/// `REFUND_ACCOUNT_INVALID` reason where the account is needed, not a read error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefundAccount {
    /// The bank, named as in PortOne V2's `Bank` enum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank: Option<Bank>,
    /// The account number, as the customer gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The account holder's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_name: Option<String>,
    /// The holder's phone number (Smartro virtual accounts require it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_phone: Option<String>,
}
