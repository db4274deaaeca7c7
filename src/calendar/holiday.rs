//! A day that is not a business day, with its names and where it comes from.

use crate::lang::Lang;
use chrono::NaiveDate;
use serde::Deserialize;

/// Why a day is not a business day.
///
/// ```
/// use refund_policy::calendar::{HolidayKind, korea};
/// use chrono::NaiveDate;
///
/// let calendar = korea().unwrap();
/// let chuseok = NaiveDate::from_ymd_opt(2025, 10, 6).unwrap();
/// assert_eq!(calendar.holiday(chuseok).unwrap().kind(), HolidayKind::Lunar);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum HolidayKind {
    /// A public holiday on a fixed solar date (공휴일): New Year's Day, Liberation Day.
    Public,
    /// A public holiday on a lunar date: Seollal, Buddha's Birthday, Chuseok.
    Lunar,
    /// A substitute holiday (대체공휴일) for a holiday that met a weekend or another holiday.
    Substitute,
    /// An election day (선거일).
    Election,
    /// A temporary holiday the government declared (임시공휴일).
    Temporary,
    /// Not a public holiday, but banks do not work, so transfers wait: Workers' Day (May 1)
    /// until 2025.
    Bank,
}

impl HolidayKind {
    /// The name used in the calendar data: `public`, `lunar`, `substitute`, `election`,
    /// `temporary`, `bank`.
    pub fn as_str(self) -> &'static str {
        match self {
            HolidayKind::Public => "public",
            HolidayKind::Lunar => "lunar",
            HolidayKind::Substitute => "substitute",
            HolidayKind::Election => "election",
            HolidayKind::Temporary => "temporary",
            HolidayKind::Bank => "bank",
        }
    }
}

/// A holiday in a [`BusinessCalendar`](super::BusinessCalendar): its date, its names in Korean
/// and English, its kind, and whether a second source confirmed it.
///
/// ```
/// use refund_policy::calendar::{HolidayKind, korea};
/// use refund_policy::messages::Lang;
/// use chrono::NaiveDate;
///
/// let calendar = korea().unwrap();
/// let substitute = calendar.holiday(NaiveDate::from_ymd_opt(2024, 2, 12).unwrap()).unwrap();
/// assert_eq!(substitute.kind(), HolidayKind::Substitute);
/// assert_eq!(substitute.name(Lang::Ko), "대체공휴일 (설날)");
/// assert_eq!(substitute.name(Lang::En), "Substitute holiday for Seollal (Lunar New Year)");
/// assert!(substitute.is_confirmed());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Holiday {
    pub(super) date: NaiveDate,
    pub(super) kind: HolidayKind,
    pub(super) name_ko: String,
    pub(super) name_en: String,
    pub(super) source: Option<String>,
    pub(super) confirmed: bool,
    pub(super) note: Option<String>,
}

impl Holiday {
    /// The date.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// Why the day is not a business day.
    pub fn kind(&self) -> HolidayKind {
        self.kind
    }

    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ko => &self.name_ko,
            Lang::En => &self.name_en,
        }
    }

    /// The address of a source for this date in particular, beyond those of its year
    /// ([`BusinessCalendar::sources`](super::BusinessCalendar::sources)).
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// `false` when only one source gives the date. It still counts as a holiday: a later
    /// expected date is the safer promise.
    pub fn is_confirmed(&self) -> bool {
        self.confirmed
    }

    /// A remark on the date, such as why an election day was a holiday.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}
