//! When a refund reaches the customer, for the `PROCESSING_DELAY` note most allowed refunds
//! carry and for refund options: the Korean business-day calendar as an index of its business
//! days, so that "`n` business days after `today`" is two look-ups instead of a walk over the
//! days, each checked against the holidays.
//!
//! The index is built from the table of the data's days (`korea_days`), not from the parsed
//! calendar, so a decision does not pay for reading the YAML file. It answers only what lies
//! inside the data; everything else (a count that runs past it, a date before it) goes to the
//! calendar itself, which says why no date is given.

use super::{ExpectedDates, OutsideCalendar, korea_days};
use chrono::{Datelike, NaiveDate};
use std::sync::OnceLock;

/// When a refund is expected to reach the customer, or why no date is given.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExpectedCompletion {
    /// From the earliest to the latest date, on the Korean business-day calendar.
    Dates(ExpectedDates),
    /// The count runs outside the calendar's data: no date is guessed.
    OutsideCalendar(OutsideCalendar),
    /// The business-day calendar did not load.
    NoCalendar,
}

/// When a refund requested on `today` and taking `min` to `max` business days reaches the
/// customer, on the Korean business-day calendar; never a guess past its data.
pub(crate) fn by_calendar(today: NaiveDate, min: u32, max: u32) -> ExpectedCompletion {
    let Ok(calendar) = super::korea() else {
        return ExpectedCompletion::NoCalendar;
    };
    let dates = calendar.add_business_days(today, min).and_then(|earliest| {
        calendar
            .add_business_days(today, max)
            .map(|latest| ExpectedDates { earliest, latest })
    });
    match dates {
        Ok(dates) => ExpectedCompletion::Dates(dates),
        Err(outside) => ExpectedCompletion::OutsideCalendar(outside),
    }
}

/// The business days of a calendar.
#[derive(Debug)]
struct Index {
    /// The first day, as days from the common era: a date's place in `received` is a
    /// subtraction.
    first_day: i32,
    /// For each day of the calendar from `first_day`, where in `business_days` the first
    /// business day on or after it is; `None` when none is left in the data.
    received: Vec<Option<u32>>,
    /// The business days, in order.
    business_days: Vec<NaiveDate>,
}

impl Index {
    /// The index of the days from `first_day` to `last_day`.
    fn new(
        first_day: NaiveDate,
        last_day: NaiveDate,
        is_business_day: impl Fn(NaiveDate) -> bool,
    ) -> Index {
        let days = first_day.iter_days().take_while(|day| *day <= last_day);
        let mut business_days = Vec::new();
        let mut received = Vec::new();
        let mut waiting = 0;
        for day in days {
            if is_business_day(day) {
                // The days since the last business day are received on this one.
                let at = u32::try_from(business_days.len()).ok();
                received.extend(std::iter::repeat_n(at, waiting));
                received.push(at);
                business_days.push(day);
                waiting = 0;
            } else {
                waiting = waiting.saturating_add(1);
            }
        }
        received.extend(std::iter::repeat_n(None, waiting));
        Index {
            first_day: first_day.num_days_from_ce(),
            received,
            business_days,
        }
    }

    /// Where in `business_days` the day a request made on `date` is received lies, when the
    /// data holds it.
    fn received(&self, date: NaiveDate) -> Option<usize> {
        let day = usize::try_from(date.num_days_from_ce().checked_sub(self.first_day)?).ok()?;
        usize::try_from((*self.received.get(day)?)?).ok()
    }

    /// The `n`-th business day after the one at `received` (from [`Index::received`]).
    fn after(&self, received: usize, n: u32) -> Option<NaiveDate> {
        let at = received.checked_add(usize::try_from(n).ok()?)?;
        self.business_days.get(at).copied()
    }

    /// The `n`-th business day after the day a request made on `date` is received, when the
    /// data holds it.
    #[cfg(test)]
    fn add_business_days(&self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        self.after(self.received(date)?, n)
    }
}

/// The index of the Korean calendar, built on first use.
fn index() -> Option<&'static Index> {
    static INDEX: OnceLock<Option<Index>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let (first_day, last_day) = korea_days::covered()?;
            Some(Index::new(first_day, last_day, korea_days::is_business_day))
        })
        .as_ref()
}

/// When a refund requested on `today` and taking `min` to `max` business days reaches the
/// customer: what [`by_calendar`] says, from the index when the data holds both dates.
pub(crate) fn expected(today: NaiveDate, min: u32, max: u32) -> ExpectedCompletion {
    match indexed(today, min, max) {
        Some(dates) => ExpectedCompletion::Dates(dates),
        None => by_calendar(today, min, max),
    }
}

/// The expected dates when the index holds both: the usual answer, without building the
/// other answers (a date outside the calendar carries the calendar's name).
pub(crate) fn indexed(today: NaiveDate, min: u32, max: u32) -> Option<ExpectedDates> {
    let index = index()?;
    let received = index.received(today)?;
    Some(ExpectedDates {
        earliest: index.after(received, min)?,
        latest: index.after(received, max)?,
    })
}

#[cfg(test)]
mod tests {
    use super::{by_calendar, expected, index};
    use crate::calendar::korea;

    /// From a month before the calendar's data to a month after it, for every count a policy
    /// uses and more, the index says what the calendar says: the same dates, or the same
    /// reason for none.
    #[test]
    fn the_index_agrees_with_the_calendar() {
        let Ok(calendar) = korea() else {
            panic!("the Korean calendar loads");
        };
        let month = chrono::Days::new(31);
        let (Some(from), Some(to)) = (
            calendar.first_day().checked_sub_days(month),
            calendar.last_day().checked_add_days(month),
        ) else {
            panic!("the calendar's data lies well inside chrono's dates");
        };
        for today in from.iter_days().take_while(|day| *day <= to) {
            for (min, max) in [(0, 0), (0, 3), (1, 2), (3, 5), (5, 7), (7, 30)] {
                assert_eq!(
                    expected(today, min, max),
                    by_calendar(today, min, max),
                    "{today} {min}-{max}"
                );
            }
        }
    }

    /// Inside the data the index answers by itself, from the table of the data's days, so a
    /// decision never parses the calendar file; the calendar is only the fallback.
    #[test]
    fn inside_the_data_the_index_answers_without_the_calendar() {
        let Some(index) = index() else {
            panic!("the index builds from the table");
        };
        let date = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d);
        let Some(friday) = date(1, 30) else {
            panic!("a date");
        };
        // Received on Friday; Monday February 2 is the first business day after it.
        assert_eq!(index.add_business_days(friday, 1), date(2, 2));
        // Seollal 2026 is Monday to Wednesday, February 16 to 18.
        let Some(before_seollal) = date(2, 13) else {
            panic!("a date");
        };
        assert_eq!(index.add_business_days(before_seollal, 1), date(2, 19));
        // Requested on Saturday, received on Monday.
        assert_eq!(
            index.add_business_days(friday.succ_opt().unwrap_or(friday), 0),
            date(2, 2)
        );
    }
}
