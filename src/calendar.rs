//! Calendar rules in a policy's time zone: refund spans, the last refundable day, calendar
//! months, daily windows and business-day ranges.
//!
//! Everything here is exact and clock-free: instants come in as arguments and are turned into
//! local dates with the time zone the policy names (contract §5).

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The local calendar date of `instant` in `zone`.
pub(crate) fn local_date(instant: DateTime<Utc>, zone: Tz) -> NaiveDate {
    instant.with_timezone(&zone).date_naive()
}

/// The local wall-clock time of `instant` in `zone`.
pub(crate) fn local_time(instant: DateTime<Utc>, zone: Tz) -> NaiveTime {
    instant.with_timezone(&zone).time()
}

/// A span of calendar time a refund stays possible for: `180 days`, `6 months`, `1 year`.
///
/// Adding a span to a date gives the last refundable day; months and years clamp to the end of
/// a shorter month, as the contract fixes (2024-02-29 + 1 year = 2025-02-28).
///
/// ```
/// use refund_policy::calendar::Span;
/// use chrono::NaiveDate;
///
/// let year: Span = "1 year".parse().unwrap();
/// let leap_day = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
/// assert_eq!(year.last_day_from(leap_day), NaiveDate::from_ymd_opt(2025, 2, 28));
///
/// let month: Span = "1 month".parse().unwrap();
/// let jan_31 = NaiveDate::from_ymd_opt(2025, 1, 31).unwrap();
/// assert_eq!(month.last_day_from(jan_31), NaiveDate::from_ymd_opt(2025, 2, 28));
///
/// assert!("0 days".parse::<Span>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    count: u32,
    unit: SpanUnit,
}

/// The unit of a [`Span`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpanUnit {
    /// Calendar days: "1095 days" is days, not three years.
    Days,
    /// Calendar months, clamped to the end of a shorter month.
    Months,
    /// Calendar years (twelve months).
    Years,
}

impl SpanUnit {
    /// The largest count accepted for the unit: a hundred years.
    fn max_count(self) -> u32 {
        match self {
            SpanUnit::Days => 36_600,
            SpanUnit::Months => 1_200,
            SpanUnit::Years => 100,
        }
    }

    fn singular(self) -> &'static str {
        match self {
            SpanUnit::Days => "day",
            SpanUnit::Months => "month",
            SpanUnit::Years => "year",
        }
    }
}

impl Span {
    /// A span of `count` units, if `count` is between 1 and a hundred years' worth.
    pub fn new(count: u32, unit: SpanUnit) -> Option<Span> {
        (1..=unit.max_count())
            .contains(&count)
            .then_some(Span { count, unit })
    }

    /// How many units.
    pub fn count(self) -> u32 {
        self.count
    }

    /// Which unit.
    pub fn unit(self) -> SpanUnit {
        self.unit
    }

    /// The last refundable day for a payment made on `paid_on` (local date): `paid_on` plus
    /// the span. `None` only past the end of chrono's calendar.
    pub fn last_day_from(self, paid_on: NaiveDate) -> Option<NaiveDate> {
        match self.unit {
            SpanUnit::Days => paid_on.checked_add_days(Days::new(u64::from(self.count))),
            SpanUnit::Months => paid_on.checked_add_months(Months::new(self.count)),
            SpanUnit::Years => {
                let months = self.count.checked_mul(12)?;
                paid_on.checked_add_months(Months::new(months))
            }
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = self.unit.singular();
        if self.count == 1 {
            write!(f, "1 {unit}")
        } else {
            write!(f, "{} {unit}s", self.count)
        }
    }
}

/// Why a text is not a [`Span`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    /// Not `<count> <unit>`.
    #[error(
        "`{0}` is not a span: write a count and a unit, such as `180 days`, `6 months` or `1 year`"
    )]
    Malformed(String),
    /// The unit is not day, month or year.
    #[error("`{text}` has an unknown unit `{unit}`{}", did_you_mean(.suggestion.as_deref()))]
    UnknownUnit {
        /// The whole text.
        text: String,
        /// The unit as written.
        unit: String,
        /// The nearest known unit.
        suggestion: Option<String>,
    },
    /// Zero, or more than a hundred years.
    #[error("`{0}` is out of range: a span is at least 1 and at most 100 years long")]
    OutOfRange(String),
}

fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| format!(": did you mean `{s}`?"))
}

impl FromStr for Span {
    type Err = SpanError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut words = text.split_whitespace();
        let (Some(count), Some(unit), None) = (words.next(), words.next(), words.next()) else {
            return Err(SpanError::Malformed(text.to_owned()));
        };
        let unit = match unit {
            "day" | "days" => SpanUnit::Days,
            "month" | "months" => SpanUnit::Months,
            "year" | "years" => SpanUnit::Years,
            other => {
                return Err(SpanError::UnknownUnit {
                    text: text.to_owned(),
                    unit: other.to_owned(),
                    suggestion: crate::suggest::closest(
                        other,
                        ["days", "months", "years", "day", "month", "year"],
                    )
                    .map(str::to_owned),
                });
            }
        };
        if count.starts_with(['-', '+']) {
            return Err(SpanError::OutOfRange(text.to_owned()));
        }
        let count: u32 =
            count
                .parse()
                .map_err(|_| match count.chars().all(|c| c.is_ascii_digit()) {
                    true => SpanError::OutOfRange(text.to_owned()),
                    false => SpanError::Malformed(text.to_owned()),
                })?;
        Span::new(count, unit).ok_or_else(|| SpanError::OutOfRange(text.to_owned()))
    }
}

/// Implements `Serialize` as the `Display` text and `Deserialize` through `FromStr`, for the
/// small value types written as one string in policies.
macro_rules! string_serde {
    ($type:ty, $expecting:literal) => {
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct TextVisitor;
                impl Visitor<'_> for TextVisitor {
                    type Value = $type;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$type, E> {
                        v.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(TextVisitor)
            }
        }
    };
}

string_serde!(Span, "a span such as `180 days`, `6 months` or `1 year`");

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

string_schema!(
    Span,
    "Span",
    "^[0-9]+ (day|days|month|months|year|years)$",
    "A span of calendar time: `180 days`, `6 months`, `1 year`."
);

/// A calendar month, written `2026-01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
}

impl YearMonth {
    /// The month `date` falls in.
    pub fn of(date: NaiveDate) -> YearMonth {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The last day of the month.
    pub fn last_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)?
            .checked_add_months(Months::new(1))?
            .pred_opt()
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A daily window of local time during which a PG refuses cancels, such as KSNET's
/// `23:00-06:00` for virtual accounts. The start is inside the window, the end is not; a
/// window whose end is earlier than its start runs past midnight.
///
/// ```
/// use refund_policy::calendar::ClosedHours;
/// use chrono::NaiveTime;
///
/// let closed: ClosedHours = "23:00-06:00".parse().unwrap();
/// let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
/// assert!(closed.contains(at(23, 0)));
/// assert!(closed.contains(at(5, 59)));
/// assert!(!closed.contains(at(6, 0)));
/// assert!(!closed.contains(at(22, 59)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClosedHours {
    from: NaiveTime,
    until: NaiveTime,
}

impl ClosedHours {
    /// Whether the local time `t` falls in the window.
    pub fn contains(self, t: NaiveTime) -> bool {
        if self.from <= self.until {
            self.from <= t && t < self.until
        } else {
            t >= self.from || t < self.until
        }
    }

    /// Where the window starts.
    pub fn from(self) -> NaiveTime {
        self.from
    }

    /// Where the window ends (outside it).
    pub fn until(self) -> NaiveTime {
        self.until
    }
}

impl fmt::Display for ClosedHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}:{:02}-{:02}:{:02}",
            self.from.hour(),
            self.from.minute(),
            self.until.hour(),
            self.until.minute()
        )
    }
}

/// Why a text is not a [`ClosedHours`] window.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a daily window: write `HH:MM-HH:MM` with two different times, such as `23:00-06:00`"
)]
pub struct ClosedHoursError(String);

impl FromStr for ClosedHours {
    type Err = ClosedHoursError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || ClosedHoursError(text.to_owned());
        let (from, until) = text.split_once('-').ok_or_else(error)?;
        let parse = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| error());
        let (from, until) = (parse(from)?, parse(until)?);
        if from == until {
            return Err(error());
        }
        Ok(ClosedHours { from, until })
    }
}

string_serde!(ClosedHours, "a daily window such as `23:00-06:00`");
string_schema!(
    ClosedHours,
    "ClosedHours",
    "^[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]$",
    "A daily window of local time, `HH:MM-HH:MM`; it may run past midnight."
);

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
