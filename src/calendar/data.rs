//! Reading a business-day calendar from its YAML data ([`BusinessCalendar::from_yaml`]), and what
//! can be wrong with the data.
//!
//! The document lists years in order; each year names the public sources it was transcribed
//! from and lists its holidays in date order. The checks make a typo in the data fail the
//! crate's tests rather than skew a date computed for a user.

use super::business_calendar::BusinessCalendar;
use super::holiday::{Holiday, HolidayKind};
use crate::yaml::{self, Location};
use chrono::{Datelike, NaiveDate};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// What is wrong with the data of a business-day calendar.
///
/// ```
/// use refund_policy::calendar::{BusinessCalendar, CalendarDataError};
///
/// let text = "name: test\nyears:\n  - year: 2030\n    sources: []\n";
/// let error = BusinessCalendar::from_yaml(text).unwrap_err();
/// assert_eq!(error, CalendarDataError::NoSource { year: 2030 });
/// assert_eq!(error.to_string(), "year `2030` names no source: give the address its dates were transcribed from");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarDataError {
    /// Not well-formed YAML.
    #[error("{at}: {message}")]
    Syntax {
        /// Where.
        at: Location,
        /// What the parser found.
        message: String,
    },
    /// A key written twice in one mapping.
    #[error("{at}: `{key}` is given twice")]
    DuplicateKey {
        /// The key.
        key: String,
        /// Where the second one is.
        at: Location,
    },
    /// A field missing, misspelled or of the wrong type, an unknown kind, a malformed date.
    #[error(
        "{}{message}{}",
        at.map(|at| format!("{at}: ")).unwrap_or_default(),
        help.as_ref().map(|help| format!(" ({help})")).unwrap_or_default()
    )]
    Invalid {
        /// Where, when known.
        at: Option<Location>,
        /// The problem, with the path of the field.
        message: String,
        /// The nearest valid name, or the valid ones.
        help: Option<String>,
    },
    /// No year at all.
    #[error("the calendar lists no year")]
    NoYears,
    /// A year that does not follow the one before it.
    #[error("year `{year}` follows `{previous}`: list every year once, in order")]
    YearOutOfOrder {
        /// The year as written.
        year: i32,
        /// The year before it.
        previous: i32,
    },
    /// A year without a source.
    #[error("year `{year}` names no source: give the address its dates were transcribed from")]
    NoSource {
        /// The year.
        year: i32,
    },
    /// A holiday listed under another year.
    #[error("`{date}` is listed under year `{year}`")]
    DateOutsideYear {
        /// The holiday's date.
        date: NaiveDate,
        /// The year it is listed under.
        year: i32,
    },
    /// A holiday listed before one that comes earlier.
    #[error("`{date}` is listed after `{previous}`: list the holidays of a year in date order")]
    DateOutOfOrder {
        /// The holiday's date.
        date: NaiveDate,
        /// The date listed before it.
        previous: NaiveDate,
    },
    /// The same holiday twice.
    #[error("`{date}` lists `{name}` twice")]
    DuplicateHoliday {
        /// The date.
        date: NaiveDate,
        /// The Korean name.
        name: String,
    },
    /// A holiday without a name.
    #[error("`{date}` has an empty name: give its Korean and English names")]
    EmptyName {
        /// The date.
        date: NaiveDate,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    name: String,
    years: Vec<Year>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Year {
    year: i32,
    sources: Vec<String>,
    #[serde(default)]
    holidays: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    date: Date,
    kind: HolidayKind,
    ko: String,
    en: String,
    source: Option<String>,
    #[serde(default = "confirmed_by_default")]
    confirmed: bool,
    note: Option<String>,
}

fn confirmed_by_default() -> bool {
    true
}

/// A date written `YYYY-MM-DD`.
struct Date(NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written `YYYY-MM-DD`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                crate::model::time_text::date(v)
                    .map(Date)
                    .ok_or_else(|| E::custom(format!("`{v}` is not a date: write `YYYY-MM-DD`")))
            }
        }
        deserializer.deserialize_str(DateVisitor)
    }
}

impl BusinessCalendar {
    /// Reads a calendar from YAML data in the format of the crate's `calendars/kr.yaml`: a
    /// `name`, then `years`, each with its `year`, its `sources` and its `holidays` (`date`,
    /// `kind`, `ko`, `en`, and optionally `source`, `confirmed`, `note`).
    ///
    /// ```
    /// use refund_policy::calendar::BusinessCalendar;
    /// use chrono::NaiveDate;
    ///
    /// let calendar = BusinessCalendar::from_yaml(r#"
    /// name: example
    /// years:
    ///   - year: 2030
    ///     sources: [https://example.com/holidays-2030]
    ///     holidays:
    ///       - { date: 2030-01-01, kind: public, ko: "1월 1일", en: "New Year's Day" }
    /// "#).unwrap();
    /// assert_eq!(calendar.first_year(), 2030);
    /// assert_eq!(calendar.is_business_day(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()), Ok(false));
    /// ```
    pub fn from_yaml(text: &str) -> Result<BusinessCalendar, CalendarDataError> {
        read(text)
    }
}

/// Reads and checks a calendar.
fn read(text: &str) -> Result<BusinessCalendar, CalendarDataError> {
    let (tree, duplicates) = yaml::parse(text).map_err(|e| CalendarDataError::Syntax {
        at: e.at,
        message: e.message,
    })?;
    if let Some(duplicate) = duplicates.into_iter().next() {
        return Err(CalendarDataError::DuplicateKey {
            key: duplicate.key,
            at: duplicate.at,
        });
    }
    let document: Document = yaml::from_node(&tree).map_err(|e| CalendarDataError::Invalid {
        at: e.at,
        message: e.describe(),
        help: e.help.clone(),
    })?;
    check_years(&document.years)?;
    let mut holidays = Vec::new();
    let mut sources = Vec::new();
    for year in document.years {
        holidays.extend(check_holidays(&year)?);
        sources.push((year.year, year.sources));
    }
    BusinessCalendar::new(document.name, sources, holidays).ok_or(CalendarDataError::NoYears)
}

/// The years are consecutive, each with a source.
fn check_years(years: &[Year]) -> Result<(), CalendarDataError> {
    let mut previous: Option<i32> = None;
    for year in years {
        if let Some(previous) = previous
            && previous.checked_add(1) != Some(year.year)
        {
            return Err(CalendarDataError::YearOutOfOrder {
                year: year.year,
                previous,
            });
        }
        if year.sources.iter().all(|s| s.trim().is_empty()) {
            return Err(CalendarDataError::NoSource { year: year.year });
        }
        previous = Some(year.year);
    }
    Ok(())
}

/// The holidays of `year` fall in it, in date order, named, each once.
fn check_holidays(year: &Year) -> Result<Vec<Holiday>, CalendarDataError> {
    let mut holidays: Vec<Holiday> = Vec::with_capacity(year.holidays.len());
    for entry in &year.holidays {
        let date = entry.date.0;
        if date.year() != year.year {
            return Err(CalendarDataError::DateOutsideYear {
                date,
                year: year.year,
            });
        }
        if entry.ko.trim().is_empty() || entry.en.trim().is_empty() {
            return Err(CalendarDataError::EmptyName { date });
        }
        if let Some(previous) = holidays.last()
            && previous.date > date
        {
            return Err(CalendarDataError::DateOutOfOrder {
                date,
                previous: previous.date,
            });
        }
        if holidays
            .iter()
            .any(|h| h.date == date && h.name_ko == entry.ko)
        {
            return Err(CalendarDataError::DuplicateHoliday {
                date,
                name: entry.ko.clone(),
            });
        }
        holidays.push(Holiday {
            date,
            kind: entry.kind,
            name_ko: entry.ko.clone(),
            name_en: entry.en.clone(),
            source: entry.source.clone(),
            confirmed: entry.confirmed,
            note: entry.note.clone(),
        });
    }
    Ok(holidays)
}
