//! Calendar rules in a policy's time zone: refund spans, the last refundable day, calendar
//! months, daily windows and business-day ranges.
//!
//! Everything here is exact and clock-free: instants come in as arguments and are turned into
//! local dates with the time zone the policy names (contract §5).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

/// The local calendar date of `instant` in `zone`.
pub(crate) fn local_date(instant: DateTime<Utc>, zone: Tz) -> NaiveDate {
    instant.with_timezone(&zone).date_naive()
}

/// The local wall-clock time of `instant` in `zone`.
pub(crate) fn local_time(instant: DateTime<Utc>, zone: Tz) -> NaiveTime {
    instant.with_timezone(&zone).time()
}

/// Implements `Serialize` as the `Display` text and `Deserialize` through `FromStr`, for the
/// small value types written as one string in policies.
macro_rules! string_serde {
    ($type:ty, $expecting:literal) => {
        impl ::serde::Serialize for $type {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $type {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                struct TextVisitor;
                impl ::serde::de::Visitor<'_> for TextVisitor {
                    type Value = $type;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$type, E> {
                        v.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(TextVisitor)
            }
        }
    };
}

/// Implements `JsonSchema` as a string matching `$pattern`.
macro_rules! string_schema {
    ($type:ty, $name:literal, $pattern:literal, $description:literal) => {
        impl schemars::JsonSchema for $type {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "description": $description,
                    "type": "string",
                    "pattern": $pattern,
                })
            }
        }
    };
}

mod business_days;
mod closed_hours;
mod span;
mod year_month;

pub use business_days::{BusinessDays, BusinessDaysError};
pub use closed_hours::{ClosedHours, ClosedHoursError};
pub use span::{Span, SpanError, SpanUnit};
pub use year_month::YearMonth;
