//! A calendar of business days: weekends and listed holidays are not business days, and dates
//! outside the years the data covers are refused rather than guessed.

use super::business_days::BusinessDays;
use super::holiday::Holiday;
use chrono::{Datelike, NaiveDate, Weekday};

/// Business days over the years its data covers.
///
/// A business day is a day that is neither a Saturday, a Sunday, nor a listed holiday. Every
/// question about a date outside the covered years answers [`OutsideCalendar`]: the calendar
/// does not know the holidays the government has not declared yet, so it does not guess.
///
/// **Counting business days.** A refund requested on a business day is received that day; one
/// requested on a weekend or holiday is received on the next business day, as banks and PGs
/// take it. `n` business days later is the `n`-th business day after the day it is received
/// ([`add_business_days`](Self::add_business_days)). So a virtual-account refund taking 1–2
/// business days, requested on Friday 2026-01-30, reaches the customer from Monday February 2 to
/// Tuesday February 3; requested on Saturday the 31st, it is received on Monday and arrives on
/// Tuesday or Wednesday.
///
/// ```
/// use refund_policy::calendar::korea;
/// use chrono::NaiveDate;
///
/// let calendar = korea().unwrap();
/// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
///
/// // Seollal 2026 is Monday to Wednesday, February 16 to 18.
/// assert_eq!(calendar.is_business_day(date(2026, 2, 16)), Ok(false));
/// assert_eq!(calendar.add_business_days(date(2026, 2, 13), 1), Ok(date(2026, 2, 19)));
///
/// // Beyond the data, an error instead of a guess.
/// let outside = calendar.is_business_day(date(2031, 1, 2)).unwrap_err();
/// assert_eq!(outside.date(), date(2031, 1, 2));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessCalendar {
    name: String,
    first_day: NaiveDate,
    last_day: NaiveDate,
    /// Sorted by date; several holidays can share one.
    holidays: Vec<Holiday>,
    /// Each covered year with the addresses its dates were transcribed from.
    sources: Vec<(i32, Vec<String>)>,
}

/// Whether `date` is a Saturday or a Sunday, which are never business days.
pub(super) fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A date the calendar has no data for.
///
/// ```
/// use refund_policy::calendar::korea;
/// use chrono::NaiveDate;
///
/// let calendar = korea().unwrap();
/// let error = calendar.is_business_day(NaiveDate::from_ymd_opt(2019, 12, 31).unwrap()).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "`2019-12-31` is outside the business-day calendar of Republic of Korea, which covers 2020-01-01 to 2027-12-31"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{date}` is outside the business-day calendar of {calendar}, which covers {first_day} to {last_day}"
)]
pub struct OutsideCalendar {
    date: NaiveDate,
    calendar: String,
    first_day: NaiveDate,
    last_day: NaiveDate,
}

impl OutsideCalendar {
    /// The date the calendar has no data for.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The first day the calendar covers.
    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    /// The last day the calendar covers.
    pub fn last_day(&self) -> NaiveDate {
        self.last_day
    }
}

/// When a refund is expected to reach the customer: from `earliest` to `latest`, both
/// included.
///
/// ```
/// use refund_policy::calendar::{BusinessDays, korea};
/// use chrono::NaiveDate;
///
/// let calendar = korea().unwrap();
/// let days: BusinessDays = "1-2".parse().unwrap();
/// let refunded_on = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
/// let expected = calendar.expected_dates(refunded_on, days).unwrap();
/// assert_eq!(expected.earliest, NaiveDate::from_ymd_opt(2026, 1, 2).unwrap());
/// assert_eq!(expected.latest, NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExpectedDates {
    /// The first day the refund can arrive.
    pub earliest: NaiveDate,
    /// The day by which it arrives.
    pub latest: NaiveDate,
}

impl BusinessCalendar {
    /// A calendar of checked data; `None` without years.
    pub(super) fn new(
        name: String,
        sources: Vec<(i32, Vec<String>)>,
        holidays: Vec<Holiday>,
    ) -> Option<BusinessCalendar> {
        let first_year = sources.first()?.0;
        let last_year = sources.last()?.0;
        Some(BusinessCalendar {
            name,
            first_day: NaiveDate::from_ymd_opt(first_year, 1, 1)?,
            last_day: NaiveDate::from_ymd_opt(last_year, 12, 31)?,
            holidays,
            sources,
        })
    }

    /// The calendar's name, such as `Republic of Korea`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The first year covered.
    pub fn first_year(&self) -> i32 {
        self.first_day.year()
    }

    /// The last year covered.
    pub fn last_year(&self) -> i32 {
        self.last_day.year()
    }

    /// January 1 of the first year covered.
    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    /// December 31 of the last year covered.
    pub fn last_day(&self) -> NaiveDate {
        self.last_day
    }

    /// Whether the calendar has data for `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        (self.first_day..=self.last_day).contains(&date)
    }

    /// The addresses the dates of `year` were transcribed from; `None` for a year not covered.
    pub fn sources(&self, year: i32) -> Option<&[String]> {
        self.sources
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, sources)| sources.as_slice())
    }

    /// Every holiday, in date order.
    pub fn holidays(&self) -> &[Holiday] {
        &self.holidays
    }

    /// The holidays on `date`: usually none or one, two when holidays coincide (Children's Day
    /// and Buddha's Birthday on 2025-05-05).
    pub fn holidays_on(&self, date: NaiveDate) -> &[Holiday] {
        let start = self.holidays.partition_point(|h| h.date < date);
        let rest = self.holidays.get(start..).unwrap_or_default();
        let len = rest.partition_point(|h| h.date == date);
        rest.get(..len).unwrap_or_default()
    }

    /// The holiday on `date`, the first listed when several coincide.
    pub fn holiday(&self, date: NaiveDate) -> Option<&Holiday> {
        self.holidays_on(date).first()
    }

    /// Whether `date` is a business day: not a Saturday, a Sunday or a holiday.
    pub fn is_business_day(&self, date: NaiveDate) -> Result<bool, OutsideCalendar> {
        if !self.covers(date) {
            return Err(self.outside(date));
        }
        Ok(!is_weekend(date) && self.holidays_on(date).is_empty())
    }

    /// The day a request made on `date` is received: `date` itself when it is a business day,
    /// otherwise the next business day.
    pub fn business_day_on_or_after(&self, date: NaiveDate) -> Result<NaiveDate, OutsideCalendar> {
        if self.is_business_day(date)? {
            Ok(date)
        } else {
            self.next_business_day(date)
        }
    }

    /// The first business day strictly after `date`.
    pub fn next_business_day(&self, date: NaiveDate) -> Result<NaiveDate, OutsideCalendar> {
        let mut day = date;
        loop {
            // Every step either ends or moves one day on; past the data it ends with an error.
            day = day.succ_opt().ok_or_else(|| self.outside(day))?;
            if self.is_business_day(day)? {
                return Ok(day);
            }
        }
    }

    /// The date `n` business days after a request made on `date`: the `n`-th business day after
    /// the day it is received ([`business_day_on_or_after`](Self::business_day_on_or_after)).
    /// With `n = 0`, the day it is received.
    ///
    /// ```
    /// use refund_policy::calendar::korea;
    /// use chrono::NaiveDate;
    ///
    /// let calendar = korea().unwrap();
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // Friday to Monday.
    /// assert_eq!(calendar.add_business_days(date(2026, 1, 30), 1), Ok(date(2026, 2, 2)));
    /// // Saturday: received on Monday, one business day later is Tuesday.
    /// assert_eq!(calendar.add_business_days(date(2026, 1, 31), 1), Ok(date(2026, 2, 3)));
    /// assert_eq!(calendar.add_business_days(date(2026, 1, 31), 0), Ok(date(2026, 2, 2)));
    /// ```
    pub fn add_business_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, OutsideCalendar> {
        let mut day = self.business_day_on_or_after(date)?;
        for _ in 0..n {
            day = self.next_business_day(day)?;
        }
        Ok(day)
    }

    /// How many business days fall after `from`, up to and including `to`; zero when `to` is
    /// not after `from`.
    ///
    /// ```
    /// use refund_policy::calendar::korea;
    /// use chrono::NaiveDate;
    ///
    /// let calendar = korea().unwrap();
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // National Foundation Day, Chuseok, its substitute and Hangul Day leave one business
    /// // day after October 2, 2025 up to October 10.
    /// assert_eq!(calendar.business_days_between(date(2025, 10, 2), date(2025, 10, 10)), Ok(1));
    /// ```
    pub fn business_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<u32, OutsideCalendar> {
        for date in [from, to] {
            if !self.covers(date) {
                return Err(self.outside(date));
            }
        }
        let mut count: u32 = 0;
        for day in from.iter_days().skip(1).take_while(|day| *day <= to) {
            if self.is_business_day(day)? {
                count = count.saturating_add(1);
            }
        }
        Ok(count)
    }

    /// When a refund requested on `date` and taking `days` business days reaches the customer:
    /// [`add_business_days`](Self::add_business_days) with the fewest and with the most days.
    pub fn expected_dates(
        &self,
        date: NaiveDate,
        days: BusinessDays,
    ) -> Result<ExpectedDates, OutsideCalendar> {
        Ok(ExpectedDates {
            earliest: self.add_business_days(date, days.min())?,
            latest: self.add_business_days(date, days.max())?,
        })
    }

    fn outside(&self, date: NaiveDate) -> OutsideCalendar {
        OutsideCalendar {
            date,
            calendar: self.name.clone(),
            first_day: self.first_day,
            last_day: self.last_day,
        }
    }
}
