//! Exact decimal amounts on the wire.
//!
//! Amounts are read from their decimal text, never through a binary float: a JSON or YAML
//! number arrives here as its digits (the crate's own readers pass the raw text), a string as
//! itself. A float that reaches [`deserialize`] has already lost its digits, so it is refused
//! with a message saying how to pass the amount exactly.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserializer, Serializer};
use std::fmt;
use std::str::FromStr;

/// What a visitor says, through serde's `custom`, to refuse a null (as [`given`] does): the
/// crate's deserializer recognizes it and reports a null where a value must be.
pub(crate) const NULL_REFUSED: &str = "null is not a value here";

/// The plain values an optional amount's visitor is handed by a format that passes an optional
/// field on as its value, without `visit_some` (serde's own value deserializers do): read as the
/// amount they are, as [`deserialize`] reads them.
macro_rules! present_amounts {
    () => {
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            AmountVisitor.visit_str(v).map(Some)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            AmountVisitor.visit_i64(v).map(Some)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            AmountVisitor.visit_u64(v).map(Some)
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            AmountVisitor.visit_f64(v).map(Some)
        }
    };
}

/// The largest magnitude an amount may have: 10^18 in any currency's major unit.
///
/// No payment comes near it, and keeping every amount below it means sums and differences of a
/// payment's amounts can never overflow a [`Decimal`].
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(2_808_348_672, 232_830_643, 0, false, 0);

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AmountError {
    /// Not a decimal number.
    #[error("`{0}` is not a decimal amount")]
    NotANumber(String),
    /// More than 10^18 in magnitude.
    #[error("`{0}` is out of range: amounts are at most 10^18")]
    OutOfRange(String),
    /// More digits than a [`Decimal`] holds exactly: more than 28 after the decimal point, or
    /// more significant digits than its 96-bit mantissa.
    #[error(
        "`{0}` has more digits than an amount holds exactly (28 significant digits, at most 28 after the decimal point)"
    )]
    TooPrecise(String),
    /// A number written in a form JSON does not have: a leading `+` or zero, `.5`, `5.`.
    #[error("`{0}` is not written as a decimal number (a leading `+` or zero is not read)")]
    Form(String),
}

/// Reads an amount exactly from its decimal text, written as JSON writes numbers (`10000`,
/// `-3.5`, `1.2e3`): the exponent moves the decimal point, no float is involved.
///
/// ```
/// use refund_policy::model::{AmountError, parse_amount};
/// use rust_decimal::Decimal;
/// assert_eq!(parse_amount("100.50").unwrap(), Decimal::new(10050, 2));
/// assert_eq!(parse_amount("1.25e3").unwrap(), Decimal::from(1250));
/// assert!(matches!(parse_amount("1e30"), Err(AmountError::OutOfRange(_))));
/// assert!(matches!(parse_amount("1e-400"), Err(AmountError::TooPrecise(_))));
/// assert!(matches!(parse_amount("+10"), Err(AmountError::Form(_))));
/// assert!(matches!(parse_amount("ten"), Err(AmountError::NotANumber(_))));
/// ```
pub fn parse_amount(text: &str) -> Result<Decimal, AmountError> {
    let trimmed = text.trim();
    let Some(number) = Parts::of(trimmed) else {
        return Err(if looks_numeric(trimmed) {
            AmountError::Form(text.to_owned())
        } else {
            AmountError::NotANumber(text.to_owned())
        });
    };
    let value = number.decimal(text)?;
    check_range(value, text)
}

/// Whether `text` is a number as JSON writes it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
pub(crate) fn exact_number(text: &str) -> bool {
    Parts::of(text).is_some()
}

/// A number's digits and exponent, as written.
struct Parts<'a> {
    negative: bool,
    integer: &'a str,
    fraction: &'a str,
    /// The exponent's sign and digits; `None` when it does not fit an `i64`.
    exponent: Option<i64>,
    exponent_negative: bool,
}

impl<'a> Parts<'a> {
    fn of(text: &'a str) -> Option<Parts<'a>> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
            Some((m, e)) => (m, Some(e)),
            None => (rest, None),
        };
        let (integer, fraction) = match mantissa.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (mantissa, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(integer) || (integer.len() > 1 && integer.starts_with('0')) {
            return None;
        }
        if fraction.is_some_and(|f| !digits(f)) {
            return None;
        }
        let (exponent_negative, exponent_digits) = match exponent {
            None => (false, "0"),
            Some(e) => match e.strip_prefix('-') {
                Some(d) => (true, d),
                None => (false, e.strip_prefix('+').unwrap_or(e)),
            },
        };
        if !digits(exponent_digits) {
            return None;
        }
        Some(Parts {
            negative,
            integer,
            fraction: fraction.unwrap_or(""),
            exponent: exponent_digits.parse::<i64>().ok(),
            exponent_negative,
        })
    }

    /// The exact value, or why there is none.
    fn decimal(&self, text: &str) -> Result<Decimal, AmountError> {
        // The significant digits, without leading zeros, and the power of ten they are scaled by.
        let all: String = [self.integer, self.fraction].concat();
        let significant = all.trim_start_matches('0');
        if significant.is_empty() {
            return Ok(Decimal::ZERO);
        }
        let digits = significant.trim_end_matches('0');
        let trailing = significant.len().saturating_sub(digits.len());
        let Some(exponent) = self.exponent else {
            // An exponent beyond `i64` of a non-zero number: far out of range or precision.
            return Err(if self.exponent_negative {
                AmountError::TooPrecise(text.to_owned())
            } else {
                AmountError::OutOfRange(text.to_owned())
            });
        };
        let exponent = if self.exponent_negative {
            exponent.saturating_neg()
        } else {
            exponent
        };
        let shift = i64::try_from(trailing)
            .unwrap_or(i64::MAX)
            .saturating_sub(i64::try_from(self.fraction.len()).unwrap_or(i64::MAX));
        let power = exponent.saturating_add(shift);
        let length = i64::try_from(digits.len()).unwrap_or(i64::MAX);
        // 10^18 has 19 digits before the point: anything with more is out of range.
        if length.saturating_add(power) > 19 {
            return Err(AmountError::OutOfRange(text.to_owned()));
        }
        let Ok(mantissa) = digits.parse::<i128>() else {
            return Err(AmountError::TooPrecise(text.to_owned()));
        };
        let mantissa = if self.negative {
            mantissa.saturating_neg()
        } else {
            mantissa
        };
        let value = if power >= 0 {
            u32::try_from(power)
                .ok()
                .and_then(|p| 10_i128.checked_pow(p))
                .and_then(|scale| mantissa.checked_mul(scale))
                .and_then(|m| Decimal::try_from_i128_with_scale(m, 0).ok())
        } else {
            u32::try_from(power.saturating_neg())
                .ok()
                .and_then(|scale| Decimal::try_from_i128_with_scale(mantissa, scale).ok())
        };
        value.ok_or_else(|| AmountError::TooPrecise(text.to_owned()))
    }
}

fn looks_numeric(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E' | '_'))
        && text.chars().any(|c| c.is_ascii_digit())
}

fn check_range(value: Decimal, text: &str) -> Result<Decimal, AmountError> {
    if value.abs() > MAX_AMOUNT {
        Err(AmountError::OutOfRange(text.to_owned()))
    } else {
        Ok(value)
    }
}

/// Serializes an amount as a JSON/YAML number when its shortest float form reads back to the
/// same decimal (every integer below 2^53, `12.34`), and as a string otherwise, so that what is
/// written is always exactly the amount.
pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    let normalized = value.normalize();
    if normalized.scale() == 0
        && let Some(int) = normalized.to_i64()
        && int.unsigned_abs() < (1_u64 << 53)
    {
        return serializer.serialize_i64(int);
    }
    if let Some(float) = normalized.to_f64()
        && Decimal::from_str(&float.to_string()).ok() == Some(normalized)
    {
        return serializer.serialize_f64(float);
    }
    serializer.collect_str(&normalized)
}

/// Deserializes an amount exactly; see the module documentation.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(AmountVisitor)
}

/// `Option<Decimal>` amounts: `None` is skipped or written as null.
pub mod option {
    use super::AmountVisitor;
    use rust_decimal::Decimal;
    use serde::de::Visitor;
    use serde::{Deserializer, Serializer};
    use std::fmt;

    /// Serializes a present amount as [`super::serialize`] does, an absent one as null.
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(amount) => super::serialize(amount, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Deserializes an optional amount; null means absent.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        struct OptionVisitor;
        impl<'de> Visitor<'de> for OptionVisitor {
            type Value = Option<Decimal>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal amount or null")
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(AmountVisitor).map(Some)
            }
            present_amounts!();
        }
        deserializer.deserialize_option(OptionVisitor)
    }
}

/// `Option<Decimal>` amounts that are given or left out, never null: for a field whose absence
/// means something (a request's `amount`: everything that remains), so that a caller's
/// serializer writing null for a forgotten value cannot turn a partial refund into a full one.
/// Use with `#[serde(default)]`.
pub mod given {
    use super::AmountVisitor;
    use super::NULL_REFUSED;
    use rust_decimal::Decimal;
    use serde::de::Visitor;
    use serde::{Deserializer, Serializer};
    use std::fmt;

    /// Serializes as [`super::option::serialize`] does.
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        super::option::serialize(value, serializer)
    }

    /// Deserializes a present amount; an explicit null is an error.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        struct GivenVisitor;
        impl<'de> Visitor<'de> for GivenVisitor {
            type Value = Option<Decimal>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal amount")
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Err(E::custom(NULL_REFUSED))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Err(E::custom(NULL_REFUSED))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(AmountVisitor).map(Some)
            }
            present_amounts!();
        }
        deserializer.deserialize_option(GivenVisitor)
    }
}

/// The JSON Schema of an amount: a number, or a string of its digits.
pub fn schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "A decimal amount in the currency's major unit, as a number or a string of digits.",
        "anyOf": [
            { "type": "number" },
            { "type": "string", "pattern": "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$" }
        ]
    })
}

/// serde_json's name for a number kept as text (its `arbitrary_precision` feature).
const JSON_NUMBER_TOKEN: &str = "$serde_json::private::Number";

pub(crate) struct AmountVisitor;

impl<'de> Visitor<'de> for AmountVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal amount (a number or a string of digits)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_amount(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        check_range(Decimal::from(v), &v.to_string()).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        check_range(Decimal::from(v), &v.to_string()).map_err(E::custom)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
        parse_amount(&v.to_string()).map_err(E::custom)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Decimal, E> {
        parse_amount(&v.to_string()).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        Err(E::custom(format_args!(
            "the amount `{v}` arrived as a binary float, which cannot be read exactly: \
             write it as a string, read the input with `refund_policy::input`, or enable \
             serde_json's `arbitrary_precision`"
        )))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
        match map.next_key::<String>()? {
            Some(key) if key == JSON_NUMBER_TOKEN => {
                let text: String = map.next_value()?;
                parse_amount(&text).map_err(de::Error::custom)
            }
            _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
        }
    }
}
