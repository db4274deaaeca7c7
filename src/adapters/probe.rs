//! Telling payloads apart before reading them: a provider's error response given where a payment
//! or a cancel body was expected, and a provider's own payload given as the normalized model.
//!
//! Both are mistakes of the caller that the ordinary reading would report misleadingly (a
//! PortOne V2 error body as "missing field `status`", a V2 payment as "unknown value `PAID`
//! (did you mean `paid`?)"), so they are recognized by their top-level keys and named.

use super::Format;
use crate::input::{InputError, read};
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::BTreeMap;

/// A top-level value, as far as telling payloads apart needs it.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Integer(i64),
    Text(String),
    Other(IgnoredAny),
}

impl Scalar {
    fn text(&self) -> Option<String> {
        match self {
            Scalar::Integer(i) => Some(i.to_string()),
            Scalar::Text(t) => Some(t.clone()),
            Scalar::Other(_) => None,
        }
    }
}

/// The top-level keys of a map, with their scalar values; `None` when the text is no map.
struct Keys(BTreeMap<String, Scalar>);

impl Keys {
    fn of(text: &str) -> Option<Keys> {
        read::<BTreeMap<String, Scalar>>(text, false).ok().map(Keys)
    }

    fn has(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    fn any(&self, keys: &[&str]) -> bool {
        keys.iter().any(|k| self.has(k))
    }

    fn text(&self, key: &str) -> Option<String> {
        self.0.get(key).and_then(Scalar::text)
    }
}

/// What a provider's error response looks like, and the key that carries its code.
struct ErrorShape {
    provider: &'static str,
    code: &'static str,
    /// Whether the code is a number (PortOne V1) rather than a text.
    numeric: bool,
    /// Keys a payment or cancel body of the provider always has, and an error body never.
    not_with: &'static [&'static str],
}

const ERROR_SHAPES: [(Format, ErrorShape); 4] = [
    (
        Format::PortoneV2,
        ErrorShape {
            provider: "PortOne V2",
            numeric: false,
            code: "type",
            not_with: &["status", "id", "amount", "reason"],
        },
    ),
    (
        Format::PortoneV1,
        ErrorShape {
            provider: "PortOne V1",
            numeric: true,
            code: "code",
            not_with: &["imp_uid", "status", "amount"],
        },
    ),
    (
        Format::Bootpay,
        ErrorShape {
            provider: "Bootpay",
            numeric: false,
            code: "error_code",
            not_with: &["method_symbol", "price"],
        },
    ),
    (
        Format::TossPayments,
        ErrorShape {
            provider: "Toss Payments",
            numeric: false,
            code: "code",
            not_with: &["paymentKey", "status", "cancelReason"],
        },
    ),
];

/// The error when `text` is `format`'s error response rather than the `what` (a payment, a
/// cancel body) it was given as: it names the provider and quotes the code and message.
pub(super) fn error_response(format: Format, text: &str, what: &str) -> Option<InputError> {
    let keys = Keys::of(text)?;
    let (_, shape) = ERROR_SHAPES.iter().find(|(f, _)| *f == format)?;
    error_of(&keys, shape, what)
}

fn error_of(keys: &Keys, shape: &ErrorShape, what: &str) -> Option<InputError> {
    let code = match (keys.0.get(shape.code)?, shape.numeric) {
        // V1 answers every call in a `{code, message, response}` envelope: 0 is success.
        (Scalar::Integer(0), true) => return None,
        (Scalar::Integer(code), true) => code.to_string(),
        (Scalar::Text(code), false) => code.clone(),
        _ => return None,
    };
    if !keys.has("message") || keys.any(shape.not_with) {
        return None;
    }
    let message = keys
        .text("message")
        .map(|m| format!(": {m}"))
        .unwrap_or_default();
    Some(InputError::new(
        format!(
            "the {what} is an error response from {}, not a {what}: `{code}`{message}",
            shape.provider
        ),
        Some(format!(
            "pass the {what} itself; this answer says why {} refused the call",
            shape.provider
        )),
        None,
    ))
}

/// Keys only a provider's own payment object has, never the normalized payment.
const PAYMENT_KEYS: [(Format, &[&str]); 4] = [
    (
        Format::PortoneV2,
        &[
            "transactionId",
            "merchantId",
            "storeId",
            "channel",
            "statusChangedAt",
        ],
    ),
    (
        Format::PortoneV1,
        &[
            "imp_uid",
            "merchant_uid",
            "pay_method",
            "pg_provider",
            "response",
        ],
    ),
    (
        Format::Bootpay,
        &[
            "receipt_id",
            "method_symbol",
            "status_locale",
            "cancelled_price",
        ],
    ),
    (
        Format::TossPayments,
        &[
            "paymentKey",
            "orderId",
            "totalAmount",
            "balanceAmount",
            "mId",
        ],
    ),
];

/// Keys only a provider's own cancel body has, never the normalized request; the most
/// specific provider first (Toss before PortOne V2, which share `taxFreeAmount`).
const CANCEL_KEYS: [(Format, &[&str]); 4] = [
    (
        Format::TossPayments,
        &[
            "cancelReason",
            "cancelAmount",
            "refundReceiveAccount",
            "refundableAmount",
        ],
    ),
    (
        Format::PortoneV2,
        &[
            "taxFreeAmount",
            "vatAmount",
            "currentCancellableAmount",
            "refundAccount",
            "storeId",
            "skipWebhook",
            "promotionDiscountRetainOption",
            "refundEmail",
        ],
    ),
    (
        Format::Bootpay,
        &[
            "receipt_id",
            "cancel_price",
            "cancel_tax_free",
            "cancel_message",
            "cancel_username",
            "cancel_requester",
            "refund",
        ],
    ),
    (
        Format::PortoneV1,
        &[
            "imp_uid",
            "merchant_uid",
            "checksum",
            "refund_holder",
            "refund_bank",
            "refund_tel",
            "tax_free",
            "extra",
        ],
    ),
];

/// Explains why `text` did not read as the normalized model (`error`) when it is a provider's
/// payload or error response instead, naming the option that reads it; `cancel` says whether
/// a cancel body (else a payment) was expected.
pub(super) fn not_normalized(text: &str, error: InputError, cancel: bool) -> InputError {
    let Some(keys) = Keys::of(text) else {
        return error;
    };
    let (what, flag, table) = if cancel {
        ("cancel body", "--request-format", &CANCEL_KEYS)
    } else {
        ("payment", "--payment-format", &PAYMENT_KEYS)
    };
    if let Some(response) = ERROR_SHAPES
        .iter()
        .find_map(|(_, shape)| error_of(&keys, shape, what))
    {
        return response;
    }
    let Some((format, _)) = table.iter().find(|(_, own)| keys.any(own)) else {
        return error;
    };
    InputError::new(
        format!(
            "the {what} is not in the normalized model: it looks like a `{format}` {what} \
             (first problem: {})",
            error.message()
        ),
        Some(format!("read it with `{flag} {format}`")),
        error.location(),
    )
}
