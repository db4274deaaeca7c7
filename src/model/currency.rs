//! ISO 4217 currencies, for amount validation (how many decimals an amount may carry).

use iso_currency::IntoEnumIterator;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An ISO 4217 currency, written by its three-letter code (`KRW`, `USD`).
///
/// ```
/// use refund_policy::model::Currency;
/// let krw: Currency = "KRW".parse().unwrap();
/// assert_eq!(krw.minor_unit_exponent(), Some(0));
/// assert_eq!(Currency::default(), krw);
/// assert!("KRWW".parse::<Currency>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency(iso_currency::Currency);

impl Currency {
    /// Korean won, the default currency of a payment.
    pub const KRW: Currency = Currency(iso_currency::Currency::KRW);
    /// US dollar.
    pub const USD: Currency = Currency(iso_currency::Currency::USD);

    /// The three-letter code.
    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// How many decimal places the currency's minor unit has (KRW 0, USD 2), or `None` for
    /// currencies without one (gold, special drawing rights).
    pub fn minor_unit_exponent(self) -> Option<u16> {
        self.0.exponent()
    }
}

impl Default for Currency {
    fn default() -> Self {
        Currency::KRW
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text that is not an ISO 4217 currency code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown currency `{0}`: expected an ISO 4217 code such as `KRW` or `USD`")]
pub struct UnknownCurrency(pub String);

impl FromStr for Currency {
    type Err = UnknownCurrency;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // A search by the codes the currencies already carry, rather than iso_currency's
        // `from_code`: its match over every code is nearly 5 KB of the WebAssembly package.
        iso_currency::Currency::iter()
            .find(|currency| currency.code() == s)
            .map(Currency)
            .ok_or_else(|| UnknownCurrency(s.to_owned()))
    }
}

impl schemars::JsonSchema for Currency {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Currency".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An ISO 4217 currency code.",
            "type": "string",
            "pattern": "^[A-Z]{3}$",
        })
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CurrencyVisitor;
        impl Visitor<'_> for CurrencyVisitor {
            type Value = Currency;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO 4217 currency code")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Currency, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(CurrencyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::Currency;
    use iso_currency::IntoEnumIterator;

    /// Reading a code finds the currency iso_currency itself finds for it, for every code, and
    /// nothing for what is not a code (case matters, as in ISO 4217).
    #[test]
    fn every_code_reads_as_its_currency_and_nothing_else_does() {
        let mut read = 0;
        for currency in iso_currency::Currency::iter() {
            let code = currency.code();
            assert_eq!(
                code.parse::<Currency>().ok(),
                Some(Currency(currency)),
                "{code}"
            );
            assert_eq!(iso_currency::Currency::from_code(code), Some(currency));
            read += 1;
        }
        assert!(read > 150, "{read} currencies");
        for text in ["", "krw", "KR", "KRWW", " KRW", "AAA", "한국"] {
            assert!(text.parse::<Currency>().is_err(), "{text:?}");
            assert_eq!(iso_currency::Currency::from_code(text), None);
        }
    }
}
