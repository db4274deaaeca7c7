//! Business-day ranges: how many business days a refund takes to reach the customer.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// How many business days a refund takes to reach the customer: `1-2`, or `3`.
///
/// ```
/// use refund_policy::calendar::BusinessDays;
/// let days: BusinessDays = "3-5".parse().unwrap();
/// assert_eq!((days.min(), days.max()), (3, 5));
/// assert!("5-3".parse::<BusinessDays>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BusinessDays {
    min: u32,
    max: u32,
}

impl BusinessDays {
    /// The fewest business days.
    pub fn min(self) -> u32 {
        self.min
    }

    /// The most business days.
    pub fn max(self) -> u32 {
        self.max
    }
}

impl fmt::Display for BusinessDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.min == self.max {
            write!(f, "{}", self.min)
        } else {
            write!(f, "{}-{}", self.min, self.max)
        }
    }
}

/// Why a text is not a [`BusinessDays`] range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a business-day range: write `1-2` or `3`, at most 60 days, the smaller first"
)]
pub struct BusinessDaysError(String);

impl FromStr for BusinessDays {
    type Err = BusinessDaysError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || BusinessDaysError(text.to_owned());
        let parse = |t: &str| t.trim().parse::<u32>().map_err(|_| error());
        let (min, max) = match text.split_once('-') {
            Some((min, max)) => (parse(min)?, parse(max)?),
            None => {
                let days = parse(text)?;
                (days, days)
            }
        };
        if min > max || max > 60 {
            return Err(error());
        }
        Ok(BusinessDays { min, max })
    }
}

impl schemars::JsonSchema for BusinessDays {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "BusinessDays".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Business days: `1-2`, or one number.",
            "anyOf": [
                { "type": "integer", "minimum": 0, "maximum": 60 },
                { "type": "string", "pattern": "^[0-9]+(-[0-9]+)?$" }
            ]
        })
    }
}

impl Serialize for BusinessDays {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for BusinessDays {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DaysVisitor;
        impl Visitor<'_> for DaysVisitor {
            type Value = BusinessDays;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a business-day range such as `1-2` or `3`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<BusinessDays, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<BusinessDays, E> {
                v.to_string().parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_any(DaysVisitor)
    }
}
