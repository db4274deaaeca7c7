//! The days `calendars/kr.yaml` lists, as a table a decision reads without parsing the YAML:
//! the expected date of a refund (the `PROCESSING_DELAY` note) needs only which days are not
//! business days, and parsing the whole file (names, sources, notes) cost more than the rest of
//! a command-line decision. The file stays the source, with its names and sources;
//! `the_table_lists_the_days_of_the_data` holds this table to it, and prints the table to paste
//! here when the file changes.

use super::business_calendar::is_weekend;
use chrono::{Datelike, NaiveDate};

/// The first and last day the data covers, as (year, month, day).
const FIRST_DAY: (i32, u32, u32) = (2020, 1, 1);
const LAST_DAY: (i32, u32, u32) = (2027, 12, 31);

/// Every date the data lists (a holiday on a weekend included), in order, without repeats.
#[rustfmt::skip] // a year to a line reads better than a day to a line
const LISTED: &[(i32, u32, u32)] = &[
    (2020, 1, 1), (2020, 1, 24), (2020, 1, 25), (2020, 1, 26), (2020, 1, 27), (2020, 3, 1),
    (2020, 4, 15), (2020, 4, 30), (2020, 5, 1), (2020, 5, 5), (2020, 6, 6), (2020, 8, 15),
    (2020, 8, 17), (2020, 9, 30), (2020, 10, 1), (2020, 10, 2), (2020, 10, 3), (2020, 10, 9),
    (2020, 12, 25),
    (2021, 1, 1), (2021, 2, 11), (2021, 2, 12), (2021, 2, 13), (2021, 3, 1), (2021, 5, 1),
    (2021, 5, 5), (2021, 5, 19), (2021, 6, 6), (2021, 8, 15), (2021, 8, 16), (2021, 9, 20),
    (2021, 9, 21), (2021, 9, 22), (2021, 10, 3), (2021, 10, 4), (2021, 10, 9), (2021, 10, 11),
    (2021, 12, 25),
    (2022, 1, 1), (2022, 1, 31), (2022, 2, 1), (2022, 2, 2), (2022, 3, 1), (2022, 3, 9),
    (2022, 5, 1), (2022, 5, 5), (2022, 5, 8), (2022, 6, 1), (2022, 6, 6), (2022, 8, 15),
    (2022, 9, 9), (2022, 9, 10), (2022, 9, 11), (2022, 9, 12), (2022, 10, 3), (2022, 10, 9),
    (2022, 10, 10), (2022, 12, 25),
    (2023, 1, 1), (2023, 1, 21), (2023, 1, 22), (2023, 1, 23), (2023, 1, 24), (2023, 3, 1),
    (2023, 5, 1), (2023, 5, 5), (2023, 5, 27), (2023, 5, 29), (2023, 6, 6), (2023, 8, 15),
    (2023, 9, 28), (2023, 9, 29), (2023, 9, 30), (2023, 10, 2), (2023, 10, 3), (2023, 10, 9),
    (2023, 12, 25),
    (2024, 1, 1), (2024, 2, 9), (2024, 2, 10), (2024, 2, 11), (2024, 2, 12), (2024, 3, 1),
    (2024, 4, 10), (2024, 5, 1), (2024, 5, 5), (2024, 5, 6), (2024, 5, 15), (2024, 6, 6),
    (2024, 8, 15), (2024, 9, 16), (2024, 9, 17), (2024, 9, 18), (2024, 10, 1), (2024, 10, 3),
    (2024, 10, 9), (2024, 12, 25),
    (2025, 1, 1), (2025, 1, 27), (2025, 1, 28), (2025, 1, 29), (2025, 1, 30), (2025, 3, 1),
    (2025, 3, 3), (2025, 5, 1), (2025, 5, 5), (2025, 5, 6), (2025, 6, 3), (2025, 6, 6),
    (2025, 8, 15), (2025, 10, 3), (2025, 10, 5), (2025, 10, 6), (2025, 10, 7), (2025, 10, 8),
    (2025, 10, 9), (2025, 12, 25),
    (2026, 1, 1), (2026, 2, 16), (2026, 2, 17), (2026, 2, 18), (2026, 3, 1), (2026, 3, 2),
    (2026, 5, 1), (2026, 5, 5), (2026, 5, 24), (2026, 5, 25), (2026, 6, 3), (2026, 6, 6),
    (2026, 7, 17), (2026, 8, 15), (2026, 8, 17), (2026, 9, 24), (2026, 9, 25), (2026, 9, 26),
    (2026, 10, 3), (2026, 10, 5), (2026, 10, 9), (2026, 12, 25),
    (2027, 1, 1), (2027, 2, 6), (2027, 2, 7), (2027, 2, 8), (2027, 2, 9), (2027, 3, 1),
    (2027, 5, 1), (2027, 5, 3), (2027, 5, 5), (2027, 5, 13), (2027, 6, 6), (2027, 7, 17),
    (2027, 7, 19), (2027, 8, 15), (2027, 8, 16), (2027, 9, 14), (2027, 9, 15), (2027, 9, 16),
    (2027, 10, 3), (2027, 10, 4), (2027, 10, 9), (2027, 10, 11), (2027, 12, 25), (2027, 12, 27),
];

fn date((year, month, day): (i32, u32, u32)) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The first and last day the data covers.
pub(crate) fn covered() -> Option<(NaiveDate, NaiveDate)> {
    Some((date(FIRST_DAY)?, date(LAST_DAY)?))
}

/// Whether `day` is a business day: neither a Saturday, a Sunday, nor a listed day (inside
/// [`covered`]; outside it the data says nothing).
pub(crate) fn is_business_day(day: NaiveDate) -> bool {
    !is_weekend(day)
        && LISTED
            .binary_search(&(day.year(), day.month(), day.day()))
            .is_err()
}

#[cfg(test)]
mod tests {
    use super::{LISTED, covered, date};
    use crate::calendar::korea;
    use chrono::Datelike;

    #[test]
    fn the_table_lists_the_days_of_the_data() {
        let Ok(calendar) = korea() else {
            panic!("the Korean calendar loads");
        };
        let mut listed: Vec<(i32, u32, u32)> = calendar
            .holidays()
            .iter()
            .map(|holiday| {
                (
                    holiday.date().year(),
                    holiday.date().month(),
                    holiday.date().day(),
                )
            })
            .collect();
        listed.dedup();
        let table: Vec<String> = listed.iter().map(|d| format!("{d:?},")).collect();
        assert_eq!(
            LISTED,
            listed.as_slice(),
            "calendars/kr.yaml changed: paste these into LISTED:\n{}",
            table.join(" ")
        );
        assert_eq!(
            covered(),
            Some((calendar.first_day(), calendar.last_day())),
            "calendars/kr.yaml covers other years: change FIRST_DAY and LAST_DAY"
        );
        assert!(LISTED.iter().all(|&d| date(d).is_some()));
    }
}
