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

/// The largest magnitude an amount may have: 10^18 in any currency's major unit.
///
/// No payment comes near it, and keeping every amount below it means sums and differences of a
/// payment's amounts can never overflow a [`Decimal`].
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(2_808_348_672, 232_830_643, 0, false, 0);

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Not a decimal number.
    #[error("`{0}` is not a decimal amount")]
    NotANumber(String),
    /// More than 10^18 in magnitude.
    #[error("`{0}` is out of range: amounts are at most 10^18")]
    OutOfRange(String),
}

/// Reads an amount exactly from its decimal text (`10000`, `-3.5`, `1.2e3`).
///
/// ```
/// use refund_policy::model::parse_amount;
/// use rust_decimal::Decimal;
/// assert_eq!(parse_amount("100.50").unwrap(), Decimal::new(10050, 2));
/// assert!(parse_amount("1e30").is_err());
/// assert!(parse_amount("ten").is_err());
/// ```
pub fn parse_amount(text: &str) -> Result<Decimal, AmountError> {
    let trimmed = text.trim();
    let value = Decimal::from_str_exact(trimmed)
        .or_else(|_| Decimal::from_scientific(trimmed))
        .map_err(|_| {
            if looks_numeric(trimmed) {
                AmountError::OutOfRange(text.to_owned())
            } else {
                AmountError::NotANumber(text.to_owned())
            }
        })?;
    check_range(value, text)
}

fn looks_numeric(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
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
        }
        deserializer.deserialize_option(OptionVisitor)
    }
}

/// The JSON Schema of an amount: a number, or a string of its digits.
pub fn schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "A decimal amount in the currency's major unit, as a number or a string of digits.",
        "anyOf": [
            { "type": "number" },
            { "type": "string", "pattern": "^[+-]?[0-9]+(\\.[0-9]+)?$" }
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
