//! Reading the providers' own payloads: a payment object as the provider's API returns it, and
//! the cancel body the refund service is about to send, converted into the normalized
//! [`Payment`] and [`RefundRequest`] (contract §1, §2, §7).
//!
//! | [`Format`] | payment object | cancel body |
//! |---|---|---|
//! | `portone_v2` | V2 `Payment` (`GET /payments/{paymentId}`) | `CancelPaymentBody` |
//! | `portone_v1` | V1 `{code, message, response}` answer, or the bare `response` | `POST /payments/cancel` parameters |
//! | `bootpay` | Bootpay v2 receipt (`GET /v2/receipt/{receipt_id}`) | `POST /v2/cancel` body |
//! | `toss_payments` | Toss `Payment` (`GET /v1/payments/{paymentKey}`) | `POST /v1/payments/{paymentKey}/cancel` body |
//!
//! A payment object is read **leniently**: the adapter reads the fields it needs and ignores
//! the rest, because providers add fields without notice. A cancel body, which the caller
//! writes, is read **strictly**: an unknown field is an error, so that a misspelled `amount`
//! cannot turn into a full cancel. Amounts end in the currency's major unit (PortOne V2 sends
//! minor units). A value an adapter cannot map — a new method or status, a bank code the
//! policies do not know, an error envelope, a missing field the decision needs — is an
//! [`InputError`] naming the field and the value: the adapters never guess, and never turn what
//! they do not understand into a silent deny.
//!
//! # Mapping choices the sources leave open
//!
//! - **PortOne V2**: `PAY_PENDING` and `PENDING` are both `pending`. An easy-pay payment
//!   without `method.provider` takes the service from a PG that is one (`KAKAOPAY` →
//!   `kakaopay`), else it is an error. `escrow.status` `CONFIRMED` is a confirmed escrow,
//!   `REJECTED` and `REJECT_CONFIRMED` a rejected one, any other (`BEFORE_REGISTERED`,
//!   `REGISTERED`, `DELIVERED`, `CANCELLED`) before confirmation. `giftCertificateType` is the
//!   certificate's type. `amount.discount` is not read: no rule depends on a discount, and
//!   cancel amounts are written before it. The card's `issuer` and `brand` are not read as a
//!   foreign issue: the schema gives no issuer codes, and a brand (`VISA`) is carried by Korean
//!   cards too. The minor unit of REST amounts is documented only for the browser SDK: USD is
//!   unverified. In a cancel body, `refundAccount.bank` takes only the `Bank` enum names, as
//!   PortOne does; `storeId`, `promotionDiscountRetainOption`, `refundEmail` and `skipWebhook`
//!   are accepted and change nothing the rules read.
//! - **PortOne V1**: `pay_method` `card`, `trans` or `point` through an easy-pay PG
//!   (`pg_provider: kakaopay`) or hub (`emb_pg_provider: naverpay`) is that easy pay, funded by
//!   card, transfer or money; `point` anywhere else is an error. Easy-pay names become V2's
//!   (`samsung` → `samsungpay`, `tosspay_card` → `tosspay` funded by card). `card_type` 0/1 is
//!   credit/check; `card_code` `VIS`, `MAS`, `DIN`, `AMX`, `JCB`, `UNI` is a card issued
//!   abroad. The annotation has no tax-free amount, so `tax_free` reads as 0: a V1 cancel with a
//!   tax-free part is then `TAX_FREE_EXCEEDS_CANCELLABLE`; give such a payment in the
//!   normalized form. The gift-certificate `pay_method`s name their certificate (`smartculture` is
//!   `smart_munsang`); `escrow` is before confirmation, V1 reporting no confirmation.
//!   `cancel_history` entries are succeeded cancels, their id the `cancellation_id` (else
//!   `pg_tid`). In a cancel body, `retain_promotion`, `enable_webhook` and the Java client's
//!   `escrow_confirmed` are accepted and change nothing the rules read.
//! - **Bootpay**: status 20 with `cancelled_price` 0 is an error (how much was cancelled is
//!   unknown); -30 (cancel in progress) adds a `requested` cancellation of amount 0, the
//!   receipt not saying how much. `escrow_data` without `receipt_confirmed_at` is escrow before
//!   confirmation, with it a confirmed escrow; a non-null top-level `escrow_status` of the
//!   older receipt shape is before confirmation. `card_data.point` > 0 is
//!   card points used; `card_data` is read only for a card-funded payment, and its
//!   `card_company_code` is not read as a foreign issue (Bootpay documents no code values).
//!   `card_rebill`/`card_rebill_rest` are cards. PG display names and `method_symbol` are
//!   compared without regard to case. The cancel body also takes what Bootpay's server SDKs
//!   send besides the documented fields (`metadata`, `items`, `cancel_requester`), and ignores
//!   it; `cancel_username` is read and unused; a `refund` object whose members are all null is
//!   no refund account.
//! - **Toss Payments**: `READY` and `IN_PROGRESS` are `pending`. An easy pay is funded by card
//!   when a `card` object comes with it; otherwise the funding is unknown (balance and linked
//!   account are not told apart). `card` is read only for card payments and easy pays, and
//!   `easyPay` only for easy pays, as an object or (API version 1.3) the service's name.
//!   `card.issuerCode` of an overseas card company is a card issued abroad. `useEscrow` is
//!   escrow (Toss reports no confirmation). A `cancels[]` entry without `cancelStatus` (older
//!   payloads) is a succeeded cancel; a status other than `DONE` is an error. The cancel body
//!   carries no `cancel_id`: the Idempotency-Key is a header; the older `taxAmount` is accepted
//!   and ignored.
//! - **Every provider**: PG ids and easy-pay services are read in lower case (`KCP_V3` is
//!   `kcp_v3`), and every id an adapter's own tables produce is one its policy knows
//!   ([`produced_ids`]). A payment object without a method (before one is chosen) is an error,
//!   since the model needs one. A cancel body in a provider's format must go with a payment of
//!   that provider. A null member of a cancel body is an absent one. The provider's error
//!   response (PortOne V2 `{type, message}`, V1 `{code, message}`, Bootpay
//!   `{error_code, message}`, Toss `{code, message}`) given as a payment or a cancel body is an
//!   error that says so and quotes its code and message; a provider's payload given as the
//!   normalized model is an error naming the format it looks like.
//!
//! ```
//! use refund_policy::adapters::{self, Format};
//! use refund_policy::model::{Method, PaymentStatus, Provider};
//! use refund_policy::Engine;
//!
//! let payment = adapters::payment(
//!     Format::TossPayments,
//!     r#"{"status": "DONE", "method": "카드", "currency": "KRW", "totalAmount": 15000,
//!         "balanceAmount": 15000, "taxFreeAmount": 0, "isPartialCancelable": true,
//!         "useEscrow": false, "approvedAt": "2026-03-02T10:15:00+09:00",
//!         "card": {"cardType": "체크", "useCardPoint": false}}"#,
//! )
//! .unwrap();
//! assert_eq!(payment.provider, Provider::TossPayments);
//! assert_eq!((payment.method, payment.status), (Method::Card, PaymentStatus::Paid));
//!
//! let policies = Engine::builtin().unwrap().policies();
//! let request = adapters::request(
//!     Format::TossPayments,
//!     r#"{"cancelReason": "고객 변심", "cancelAmount": 5000}"#,
//!     &payment,
//!     policies,
//! )
//! .unwrap();
//! assert_eq!(request.amount, Some(5000.into()));
//! assert_eq!(request.reason.as_deref(), Some("고객 변심"));
//!
//! // A misspelled field in a cancel body is an error, not a full cancel.
//! let error = adapters::request(
//!     Format::TossPayments,
//!     r#"{"cancelReason": "고객 변심", "cancelAmout": 5000}"#,
//!     &payment,
//!     policies,
//! )
//! .unwrap_err();
//! assert!(error.to_string().contains("unknown field `cancelAmout`"));
//! ```

mod bootpay;
mod portone_v1;
mod portone_v2;
mod probe;
mod toss_payments;

use crate::PolicySet;
use crate::input::{self, InputError};
use crate::model::vocabulary::vocabulary;
use crate::model::{Bank, Currency, Payment, Provider, RefundRequest};
use crate::suggest::closest;
use rust_decimal::Decimal;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use std::fmt;

vocabulary! {
    /// Which shape a payment or cancel body is written in: the normalized model, or one
    /// provider's own API objects.
    ///
    /// ```
    /// use refund_policy::adapters::Format;
    /// use refund_policy::model::Provider;
    ///
    /// let format: Format = "portone_v1".parse().unwrap();
    /// assert_eq!(format, Format::PortoneV1);
    /// assert_eq!(format.provider(), Some(Provider::PortoneV1));
    /// assert_eq!(Format::default(), Format::Normalized);
    /// assert_eq!(Format::TossPayments.to_string(), "toss_payments");
    /// assert!("portone".parse::<Format>().is_err());
    /// let names: Vec<&str> = Format::ALL.iter().map(|f| f.id()).collect();
    /// assert_eq!(names, ["normalized", "portone_v2", "portone_v1", "bootpay", "toss_payments"]);
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
    pub enum Format (UnknownFormat, "format") in adapters as array {
        /// The contract's normalized model (§1, §2), read by [`crate::input`].
        #[default]
        Normalized => "normalized",
        /// PortOne V2: `Payment` and `CancelPaymentBody`, amounts in minor units.
        PortoneV2 => "portone_v2",
        /// PortOne V1 (iamport): the payment annotation, in its envelope or bare, and the
        /// `/payments/cancel` parameters.
        PortoneV1 => "portone_v1",
        /// Bootpay v2: the receipt and the cancel body.
        Bootpay => "bootpay",
        /// Toss Payments: `Payment` and the cancel body.
        TossPayments => "toss_payments",
    }
}

impl Format {
    /// The provider whose objects this format reads; `None` for the normalized model.
    ///
    /// ```
    /// use refund_policy::adapters::Format;
    /// use refund_policy::model::Provider;
    /// assert_eq!(Format::Bootpay.provider(), Some(Provider::Bootpay));
    /// assert_eq!(Format::Normalized.provider(), None);
    /// assert_eq!(Format::from(Provider::TossPayments), Format::TossPayments);
    /// ```
    pub fn provider(self) -> Option<Provider> {
        match self {
            Format::Normalized => None,
            Format::PortoneV2 => Some(Provider::PortoneV2),
            Format::PortoneV1 => Some(Provider::PortoneV1),
            Format::Bootpay => Some(Provider::Bootpay),
            Format::TossPayments => Some(Provider::TossPayments),
        }
    }
}

impl From<Provider> for Format {
    fn from(provider: Provider) -> Format {
        match provider {
            Provider::PortoneV2 => Format::PortoneV2,
            Provider::PortoneV1 => Format::PortoneV1,
            Provider::Bootpay => Format::Bootpay,
            Provider::TossPayments => Format::TossPayments,
        }
    }
}

/// Reads a payment written in `format` into the normalized model.
///
/// The provider's payment object is read leniently (unknown fields are ignored); a value the
/// adapter cannot map is an error naming the field and the value.
///
/// ```
/// use refund_policy::adapters::{self, Format};
/// use refund_policy::model::{Method, PaymentStatus};
/// use rust_decimal::Decimal;
///
/// // A PortOne V2 payment in US cents becomes dollars.
/// let payment = adapters::payment(
///     Format::PortoneV2,
///     r#"{"status": "PAID", "currency": "USD", "paidAt": "2026-03-02T01:15:00Z",
///         "method": {"type": "PaymentMethodCard", "card": {"type": "CREDIT"}},
///         "channel": {"type": "LIVE", "pgProvider": "PAYPAL_V2", "pgMerchantId": "m"},
///         "amount": {"total": 1050, "taxFree": 0, "cancelled": 0, "cancelledTaxFree": 0,
///                    "discount": 0, "paid": 1050},
///         "newFieldAddedLater": true}"#,
/// )
/// .unwrap();
/// assert_eq!(payment.amount.total, Decimal::new(1050, 2));
/// assert_eq!(payment.pg.as_deref(), Some("paypal_v2"));
///
/// // A status the adapter does not know is an error naming it.
/// let error = adapters::payment(Format::PortoneV2, r#"{"status": "REFUNDED"}"#).unwrap_err();
/// assert!(error.to_string().contains("`status`: unknown value `REFUNDED`"));
/// ```
pub fn payment(format: Format, text: &str) -> Result<Payment, InputError> {
    if format != Format::PortoneV1
        && let Some(response) = probe::error_response(format, text, "payment")
    {
        return Err(response);
    }
    let payment = match format {
        Format::Normalized => {
            return input::payment(text).map_err(|e| probe::not_normalized(text, e, false));
        }
        Format::PortoneV2 => portone_v2::payment(text)?,
        Format::PortoneV1 => portone_v1::payment(text)?,
        Format::Bootpay => bootpay::payment(text)?,
        Format::TossPayments => toss_payments::payment(text)?,
    };
    payment.check().map_err(|e| InputError::shape(None, &e))?;
    Ok(payment)
}

/// Reads a cancel body written in `format` into a normalized refund request for `payment`.
///
/// The body is read strictly (an unknown field is an error). The payment supplies what the body
/// leaves implicit: its currency (PortOne V2 amounts are minor units) and its PG, whose
/// bank-code table in `policies` turns a provider's bank code back into a bank name. A body in
/// a provider's format must go with a payment of that provider.
///
/// ```
/// use refund_policy::adapters::{self, Format};
/// use refund_policy::model::{Bank, Method, Payment, Provider, parse_instant};
/// use refund_policy::Engine;
/// use rust_decimal::Decimal;
///
/// let paid_at = parse_instant("2026-03-02T10:15:00+09:00").unwrap();
/// let mut payment =
///     Payment::paid(Provider::PortoneV2, Method::VirtualAccount, Decimal::from(30000), paid_at);
/// payment.pg = Some("smartro_v2".into());
/// let request = adapters::request(
///     Format::PortoneV2,
///     r#"{"reason": "품절", "amount": 10000,
///         "refundAccount": {"bank": "SHINHAN", "number": "56211105948400",
///                           "holderName": "홍길동", "holderPhoneNumber": "01012345678"}}"#,
///     &payment,
///     Engine::builtin().unwrap().policies(),
/// )
/// .unwrap();
/// assert_eq!(request.amount, Some(Decimal::from(10000)));
/// assert_eq!(request.refund_account.unwrap().bank, Some(Bank::Shinhan));
/// ```
pub fn request(
    format: Format,
    text: &str,
    payment: &Payment,
    policies: &PolicySet,
) -> Result<RefundRequest, InputError> {
    if let Some(provider) = format.provider()
        && provider != payment.provider
    {
        return Err(InputError::new(
            format!(
                "the cancel body is read as `{format}` but the payment is a `{}` payment",
                payment.provider
            ),
            Some(format!(
                "read the cancel body with the payment's format, `{}`, or as `normalized`",
                Format::from(payment.provider)
            )),
            None,
        ));
    }
    if let Some(response) = probe::error_response(format, text, "cancel body") {
        return Err(response);
    }
    match format {
        Format::Normalized => {
            input::request(text).map_err(|e| probe::not_normalized(text, e, true))
        }
        Format::PortoneV2 => portone_v2::request(text, payment),
        Format::PortoneV1 => portone_v1::request(text, payment, policies),
        Format::Bootpay => bootpay::request(text, payment, policies),
        Format::TossPayments => toss_payments::request(text, payment, policies),
    }
}

/// A part of a provider's payment object that the decision needs only for some payments (the
/// card of a card payment, the service of an easy pay). It reads whatever its shape, so that a
/// part the decision does not need never fails the read, older API versions' shapes included;
/// where the part is needed and did not read, the adapter reads it again strictly to say why.
enum Lax<T> {
    Read(T),
    Unread(IgnoredAny),
}

/// The part is captured as a tree and read from it, rather than through serde's `untagged`
/// buffer: that would compile a second deserializer for each part's type.
impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Lax<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let part = crate::yaml::Node::deserialize(deserializer)?;
        Ok(match crate::yaml::read_part(&part) {
            Some(read) => Lax::Read(read),
            None => Lax::Unread(IgnoredAny),
        })
    }
}

impl<T> Lax<T> {
    /// The part, if it read.
    fn read(self) -> Option<T> {
        match self {
            Lax::Read(part) => Some(part),
            Lax::Unread(_) => None,
        }
    }
}

/// The PG ids and easy-pay services an adapter's own tables can produce: each must be one the
/// provider's policy knows (`pgs.known`, `easy_pay_providers.known`), or the rules written for
/// it would never apply.
///
/// ```
/// use refund_policy::adapters::{Format, produced_ids};
/// let ids = produced_ids(Format::Bootpay);
/// assert!(ids.pgs.contains(&"nicepay"));
/// assert!(ids.easy_pay_services.contains(&"naverpay"));
/// assert!(produced_ids(Format::Normalized).pgs.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProducedIds {
    /// PG ids, lower-case (for PortOne V1, also the easy-pay hubs `emb_pg_provider` names,
    /// which are service ids).
    pub pgs: Vec<&'static str>,
    /// Easy-pay service ids, lower-case.
    pub easy_pay_services: Vec<&'static str>,
}

/// The ids the adapter for `format` maps provider names to (see [`ProducedIds`]). PortOne's PG
/// ids and easy-pay providers are the provider's own enum values, lower-cased, and only the
/// ones its tables name are listed.
pub fn produced_ids(format: Format) -> ProducedIds {
    match format {
        Format::Normalized => ProducedIds::default(),
        Format::PortoneV2 => portone_v2::produced_ids(),
        Format::PortoneV1 => portone_v1::produced_ids(),
        Format::Bootpay => bootpay::produced_ids(),
        Format::TossPayments => toss_payments::produced_ids(),
    }
}

/// `` `field`: message ``, with an optional hint.
fn invalid(field: &str, message: impl fmt::Display, help: Option<String>) -> InputError {
    InputError::new(format!("`{field}`: {message}"), help, None)
}

/// A value the adapter does not know: `` `field`: unknown <what> `value` ``, with the nearest
/// known value or the list of them.
fn unknown(field: &str, what: &str, value: &str, known: &[&str]) -> InputError {
    let help = closest(value, known.iter().copied())
        .map(|s| format!("did you mean `{s}`?"))
        .or_else(|| {
            Some(format!(
                "the adapter knows {}",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        });
    invalid(field, format_args!("unknown {what} `{value}`"), help)
}

/// A field the decision needs is absent (or null).
fn missing(field: &str, why: &str) -> InputError {
    invalid(field, format_args!("missing; {why}"), None)
}

/// Joins a path prefix (`response`) and a field (`status`): `response.status`.
fn path(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_owned()
    } else {
        format!("{prefix}.{field}")
    }
}

/// `minuend − subtrahend`, or an error naming the field when it overflows (it cannot, for
/// amounts within [`crate::model::MAX_AMOUNT`], but the arithmetic stays checked).
fn difference(field: &str, minuend: Decimal, subtrahend: Decimal) -> Result<Decimal, InputError> {
    minuend
        .checked_sub(subtrahend)
        .ok_or_else(|| invalid(field, "the amounts overflow", None))
}

/// The sum of `amounts`, or an error naming the field on overflow.
fn sum(field: &str, amounts: impl IntoIterator<Item = Decimal>) -> Result<Decimal, InputError> {
    amounts
        .into_iter()
        .try_fold(Decimal::ZERO, |total, amount| total.checked_add(amount))
        .ok_or_else(|| invalid(field, "the amounts overflow", None))
}

/// Reads a bank code back into a bank through the policies' table for the payment's PG. A
/// blank code is no bank (the engine then reports the account as incomplete); a code the
/// table does not hold is an error naming it.
fn bank_for_code(
    field: &str,
    code: Option<&str>,
    payment: &Payment,
    policies: &PolicySet,
) -> Result<Option<Bank>, InputError> {
    let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    let pg = payment.pg.as_deref();
    let at = match pg {
        Some(pg) => format!("{} at PG `{pg}`", payment.provider),
        None => payment.provider.to_string(),
    };
    let Some(table) = policies.bank_table(payment.provider, pg) else {
        return Err(invalid(
            field,
            format_args!(
                "cannot read bank code `{code}`: the policies have no bank-code table for {at}"
            ),
            Some("load a policy for the provider with its `bank_codes`".to_owned()),
        ));
    };
    policies
        .bank_for_code(payment.provider, pg, code)
        .map(Some)
        .ok_or_else(|| {
            invalid(
                field,
                format_args!("unknown bank code `{code}` for {at} (bank-code table `{table}`)"),
                Some("write the code exactly as the PG's table gives it".to_owned()),
            )
        })
}

/// Turns an integer amount in the currency's minor unit into the major unit, exactly
/// (PortOne V2: KRW has no minor unit, so won stay won; USD cents become dollars).
fn minor_to_major(field: &str, minor: Decimal, currency: Currency) -> Result<Decimal, InputError> {
    if !minor.fract().is_zero() {
        return Err(invalid(
            field,
            format_args!("`{minor}` is not a whole number of {currency} minor units"),
            Some("PortOne V2 writes amounts as integers in the currency's minor unit".to_owned()),
        ));
    }
    let Some(exponent) = currency.minor_unit_exponent() else {
        return Err(invalid(
            field,
            format_args!("currency `{currency}` has no minor unit to convert `{minor}` from"),
            None,
        ));
    };
    let divisor = 10_u64
        .checked_pow(u32::from(exponent))
        .map(Decimal::from)
        .ok_or_else(|| {
            invalid(
                field,
                format_args!("currency `{currency}`: exponent {exponent} is out of range"),
                None,
            )
        })?;
    minor
        .checked_div(divisor)
        .ok_or_else(|| invalid(field, format_args!("`{minor}` cannot be converted"), None))
}
