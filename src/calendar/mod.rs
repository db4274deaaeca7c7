//! Calendar rules in a policy's time zone: refund spans, the last refundable day, calendar
//! months, daily windows, business-day ranges, and the Korean business-day calendar that turns
//! those ranges into dates. Inside the crate, also the time zone itself with its offsets
//! tabled, and the dates a refund is expected to reach the customer.
//!
//! Everything here is exact and clock-free: instants come in as arguments and are turned into
//! local dates with the time zone the policy names (contract §5).
//!
//! ```
//! use refund_policy::calendar::{BusinessDays, korea};
//! use chrono::NaiveDate;
//!
//! // A virtual-account refund takes 1-2 business days. Requested on Friday, February 13,
//! // 2026, before Seollal (Monday to Wednesday, February 16 to 18), it arrives on the 19th or
//! // the 20th.
//! let days: BusinessDays = "1-2".parse().unwrap();
//! let calendar = korea().unwrap();
//! let before_seollal = NaiveDate::from_ymd_opt(2026, 2, 13).unwrap();
//! let expected = calendar.expected_dates(before_seollal, days).unwrap();
//! assert_eq!(expected.earliest, NaiveDate::from_ymd_opt(2026, 2, 19).unwrap());
//! assert_eq!(expected.latest, NaiveDate::from_ymd_opt(2026, 2, 20).unwrap());
//! ```

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// The local calendar date of `instant` in `zone`.
pub(crate) fn local_date(instant: DateTime<Utc>, zone: Tz) -> NaiveDate {
    instant.with_timezone(&zone).date_naive()
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

mod business_calendar;
mod business_days;
mod closed_hours;
pub(crate) mod completion;
mod data;
mod holiday;
mod korea;
pub(crate) mod korea_days;
mod span;
mod year_month;
mod zone;

pub use business_calendar::{BusinessCalendar, ExpectedDates, OutsideCalendar};
pub use business_days::{BusinessDays, BusinessDaysError};
pub use closed_hours::{ClosedHours, ClosedHoursError};
pub(crate) use completion::{expected as expected_completion, indexed as indexed_completion};
pub use data::CalendarDataError;
pub use holiday::{Holiday, HolidayKind};
pub use korea::korea;
pub use span::{Span, SpanError, SpanUnit};
pub use year_month::YearMonth;
pub(crate) use zone::LocalZone;
