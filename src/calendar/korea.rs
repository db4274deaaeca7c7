//! The Korean business-day calendar, shipped with the crate as data.

use super::business_calendar::BusinessCalendar;
use super::data::CalendarDataError;
use std::sync::OnceLock;

/// The data: `calendars/kr.yaml`, with its sources.
const KOREA_DATA: &str = include_str!("../../calendars/kr.yaml");

/// The Korean business-day calendar, 2020 through 2027: weekends, public holidays (lunar ones
/// included), substitute holidays, election days, temporary holidays the government declared,
/// and Workers' Day, when banks were closed. December 31 is a business day: banks work on it.
///
/// The data is read once, on first use. It is part of the crate and its tests read it, so the
/// error is there to keep this function free of panics, not something a caller should meet.
///
/// ```
/// use refund_policy::calendar::korea;
/// use refund_policy::messages::Lang;
/// use chrono::NaiveDate;
///
/// let calendar = korea().unwrap();
/// assert_eq!((calendar.first_year(), calendar.last_year()), (2020, 2027));
/// let election = NaiveDate::from_ymd_opt(2025, 6, 3).unwrap();
/// assert_eq!(calendar.holiday(election).unwrap().name(Lang::Ko), "제21대 대통령 선거일");
/// assert_eq!(calendar.is_business_day(election), Ok(false));
/// ```
pub fn korea() -> Result<&'static BusinessCalendar, &'static CalendarDataError> {
    static KOREA: OnceLock<Result<BusinessCalendar, CalendarDataError>> = OnceLock::new();
    KOREA
        .get_or_init(|| BusinessCalendar::from_yaml(KOREA_DATA))
        .as_ref()
}
