//! The Korean business-day calendar: the shipped data loads, holidays fall where the government
//! put them, counting business days skips them at the year boundaries and around Seollal and
//! Chuseok, a date outside the data is an error, and the counting invariants hold for every
//! date the data covers.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests stop at the first broken expectation"
)]

use chrono::{Datelike, Days, NaiveDate, Weekday};
use proptest::prelude::*;
use proptest::test_runner::Config;
use refund_policy::calendar::{
    BusinessCalendar, BusinessDays, CalendarDataError, HolidayKind, korea,
};
use refund_policy::messages::Lang;
use std::fmt::Write;

fn calendar() -> &'static BusinessCalendar {
    korea().expect("the shipped calendar data loads")
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// `add_business_days(start, n)` as text, so a table of expectations reads as dates.
fn after(start: &str, n: u32) -> String {
    calendar()
        .add_business_days(date(start), n)
        .unwrap()
        .to_string()
}

fn is_business_day(text: &str) -> bool {
    calendar().is_business_day(date(text)).unwrap()
}

#[test]
fn the_shipped_data_loads_and_covers_2020_through_2027() {
    let calendar = calendar();
    assert_eq!(calendar.name(), "Republic of Korea");
    assert_eq!((calendar.first_year(), calendar.last_year()), (2020, 2027));
    assert_eq!(calendar.first_day(), date("2020-01-01"));
    assert_eq!(calendar.last_day(), date("2027-12-31"));
    for year in 2020..=2027 {
        let sources = calendar.sources(year).unwrap();
        assert!(
            sources.iter().all(|s| s.starts_with("https://")),
            "{year}: {sources:?}"
        );
    }
    assert_eq!(calendar.sources(2028), None);
}

#[test]
fn every_year_lists_its_fixed_holidays_and_three_days_for_seollal_and_chuseok() {
    let calendar = calendar();
    for year in 2020..=2027 {
        for (month, day, name) in [
            (1, 1, "1월 1일"),
            (3, 1, "3·1절"),
            (5, 5, "어린이날"),
            (6, 6, "현충일"),
            (8, 15, "광복절"),
            (10, 3, "개천절"),
            (10, 9, "한글날"),
            (12, 25, "기독탄신일"),
        ] {
            let on = NaiveDate::from_ymd_opt(year, month, day).unwrap();
            assert!(
                calendar
                    .holidays_on(on)
                    .iter()
                    .any(|h| h.name(Lang::Ko) == name && h.kind() == HolidayKind::Public),
                "{on}: {name}"
            );
        }
        let lunar: Vec<_> = calendar
            .holidays()
            .iter()
            .filter(|h| h.date().year() == year && h.kind() == HolidayKind::Lunar)
            .map(|h| h.name(Lang::En))
            .collect();
        let seollal = lunar.iter().filter(|n| n.contains("Seollal")).count();
        let chuseok = lunar.iter().filter(|n| n.contains("Chuseok")).count();
        let buddha = lunar.iter().filter(|n| n.contains("Buddha")).count();
        assert_eq!((seollal, chuseok, buddha), (3, 3, 1), "{year}: {lunar:?}");
    }
}

#[test]
fn seollal_and_its_substitute_holidays_are_skipped() {
    // 2024: Friday to Sunday, the substitute on Monday.
    assert_eq!(after("2024-02-08", 1), "2024-02-13");
    assert!(is_business_day("2024-02-08"));
    assert!(!is_business_day("2024-02-12"));
    // 2023: Saturday to Monday; Sunday's Seollal moves to Tuesday.
    assert_eq!(after("2023-01-20", 1), "2023-01-25");
    // 2027: Saturday to Monday, the substitute on Tuesday.
    assert_eq!(after("2027-02-05", 1), "2027-02-10");
    assert_eq!(after("2027-02-05", 2), "2027-02-11");
    // 2021: Thursday to Saturday. A Saturday gives Seollal no substitute.
    assert_eq!(after("2021-02-10", 1), "2021-02-15");
    assert!(is_business_day("2021-02-15"));
    // 2025: the temporary holiday on Monday joins Seollal, Tuesday to Thursday.
    assert_eq!(after("2025-01-24", 1), "2025-01-31");
    assert_eq!(after("2025-01-31", 1), "2025-02-03");
    // 2026: Monday to Wednesday.
    assert_eq!(after("2026-02-13", 1), "2026-02-19");
    assert!(is_business_day("2026-02-13"));
    assert!(is_business_day("2026-02-19"));
}

#[test]
fn chuseok_and_its_substitute_holidays_are_skipped() {
    // 2025: National Foundation Day (Friday), Chuseok Sunday to Tuesday, the substitute on
    // Wednesday and Hangul Day on Thursday leave Friday the 10th.
    assert_eq!(after("2025-10-02", 1), "2025-10-10");
    assert_eq!(after("2025-10-02", 2), "2025-10-13");
    assert!(!is_business_day("2025-10-08"));
    // 2022: Friday to Sunday, the substitute on Monday.
    assert_eq!(after("2022-09-08", 1), "2022-09-13");
    // 2023: Thursday to Saturday, then the temporary holiday and National Foundation Day.
    assert_eq!(after("2023-09-27", 1), "2023-10-04");
    // 2026: Thursday to Saturday. A Saturday gives Chuseok no substitute.
    assert_eq!(after("2026-09-23", 1), "2026-09-28");
    assert!(is_business_day("2026-09-28"));
    // 2024: Monday to Wednesday, then the Armed Forces Day holiday on October 1.
    assert_eq!(after("2024-09-13", 1), "2024-09-19");
    assert_eq!(after("2024-09-30", 1), "2024-10-02");
}

#[test]
fn the_year_boundaries_skip_new_years_day_and_weekends() {
    // December 31 is a business day: banks work on it.
    for year in 2020..=2026 {
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
        let weekend = matches!(last.weekday(), Weekday::Sat | Weekday::Sun);
        assert_eq!(calendar().is_business_day(last), Ok(!weekend), "{last}");
    }
    assert_eq!(after("2025-12-31", 1), "2026-01-02");
    assert_eq!(after("2025-12-31", 2), "2026-01-05");
    assert_eq!(after("2024-12-31", 1), "2025-01-02");
    assert_eq!(after("2020-12-31", 1), "2021-01-04");
    assert_eq!(after("2026-12-31", 1), "2027-01-04");
    // A Saturday New Year's Day has no substitute.
    assert_eq!(after("2021-12-31", 1), "2022-01-03");
    // Requested on the holiday itself: received on the next business day.
    assert_eq!(after("2026-01-01", 0), "2026-01-02");
    assert_eq!(after("2026-01-01", 1), "2026-01-05");
    assert_eq!(after("2022-12-31", 1), "2023-01-03");
}

#[test]
fn election_days_are_holidays() {
    for day in [
        "2020-04-15",
        "2022-03-09",
        "2022-06-01",
        "2024-04-10",
        "2025-06-03",
        "2026-06-03",
    ] {
        let holiday = calendar().holiday(date(day)).unwrap();
        assert_eq!(holiday.kind(), HolidayKind::Election, "{day}");
        assert!(holiday.name(Lang::Ko).ends_with("선거일"), "{day}");
        assert!(!is_business_day(day), "{day}");
    }
    assert_eq!(after("2025-06-02", 1), "2025-06-04");
    assert_eq!(after("2026-06-02", 1), "2026-06-04");
    // The early presidential election of 2025 says why it was a holiday; a regular one needs no
    // remark.
    let early = calendar().holiday(date("2025-06-03")).unwrap();
    assert!(
        early.note().is_some_and(|n| n.contains("early election")),
        "{:?}",
        early.note()
    );
    assert_eq!(calendar().holiday(date("2024-04-10")).unwrap().note(), None);
}

#[test]
fn temporary_holidays_are_holidays() {
    for day in ["2020-08-17", "2023-10-02", "2024-10-01", "2025-01-27"] {
        let holiday = calendar().holiday(date(day)).unwrap();
        assert_eq!(holiday.kind(), HolidayKind::Temporary, "{day}");
        assert!(holiday.source().unwrap().starts_with("http"), "{day}");
        assert!(!is_business_day(day), "{day}");
    }
    assert_eq!(after("2020-08-14", 1), "2020-08-18");
}

#[test]
fn may_first_is_closed_for_banks_and_from_2026_a_public_holiday() {
    for year in 2020..=2025 {
        let may_1 = NaiveDate::from_ymd_opt(year, 5, 1).unwrap();
        let holiday = calendar().holiday(may_1).unwrap();
        assert_eq!(holiday.kind(), HolidayKind::Bank, "{may_1}");
        assert_eq!(holiday.name(Lang::Ko), "근로자의 날");
    }
    let labour_day = calendar().holiday(date("2026-05-01")).unwrap();
    assert_eq!(labour_day.kind(), HolidayKind::Public);
    assert_eq!(labour_day.name(Lang::En), "Labour Day");
    // Thursday, May 1, 2025 to Friday; from Thursday the 30th of April 2026 to Monday.
    assert_eq!(after("2025-04-30", 1), "2025-05-02");
    assert_eq!(after("2026-04-30", 1), "2026-05-04");
}

#[test]
fn substitute_holidays_follow_the_rules_of_their_year() {
    for (day, kind) in [
        ("2024-05-06", "Children's Day"),
        ("2023-05-29", "Buddha's Birthday"),
        ("2021-08-16", "Liberation Day"),
        ("2026-03-02", "Independence Movement Day"),
        ("2027-12-27", "Christmas Day"),
    ] {
        let holiday = calendar().holiday(date(day)).unwrap();
        assert_eq!(holiday.kind(), HolidayKind::Substitute, "{day}");
        assert!(holiday.name(Lang::En).contains(kind), "{day}");
    }
    // Before May 2023 Christmas and Buddha's Birthday had no substitute, nor does a Saturday
    // Memorial Day.
    assert!(is_business_day("2022-12-26"));
    assert!(is_business_day("2022-05-09"));
    assert!(is_business_day("2026-06-08"));
}

#[test]
fn coinciding_holidays_are_both_named() {
    let both = calendar().holidays_on(date("2025-05-05"));
    let names: Vec<_> = both.iter().map(|h| h.name(Lang::En)).collect();
    assert_eq!(names, ["Children's Day", "Buddha's Birthday"]);
    assert_eq!(
        calendar()
            .holiday(date("2025-05-05"))
            .unwrap()
            .name(Lang::Ko),
        "어린이날"
    );
    assert!(calendar().holidays_on(date("2025-05-07")).is_empty());
}

#[test]
fn only_single_source_dates_are_unconfirmed() {
    let unconfirmed: Vec<_> = calendar()
        .holidays()
        .iter()
        .filter(|h| !h.is_confirmed())
        .map(|h| h.date().to_string())
        .collect();
    assert_eq!(unconfirmed, ["2027-05-03", "2027-07-19"]);
    // Unconfirmed dates still count as holidays: the later date is the safer promise.
    assert!(!is_business_day("2027-05-03"));
}

#[test]
fn dates_outside_the_data_are_errors_naming_the_date_and_the_range() {
    let calendar = calendar();
    let before = calendar.is_business_day(date("2019-12-31")).unwrap_err();
    assert_eq!(before.date(), date("2019-12-31"));
    assert_eq!(
        (before.first_day(), before.last_day()),
        (date("2020-01-01"), date("2027-12-31"))
    );
    assert!(!calendar.covers(date("2028-01-01")));
    assert!(calendar.covers(date("2027-12-31")));

    // Thursday, December 30, 2027: one business day is Friday, two would need 2028.
    assert_eq!(after("2027-12-30", 1), "2027-12-31");
    let beyond = calendar
        .add_business_days(date("2027-12-30"), 2)
        .unwrap_err();
    assert_eq!(beyond.date(), date("2028-01-01"));
    assert_eq!(
        beyond.to_string(),
        "`2028-01-01` is outside the business-day calendar of Republic of Korea, which covers 2020-01-01 to 2027-12-31"
    );
    let days: BusinessDays = "1-2".parse().unwrap();
    assert!(calendar.expected_dates(date("2027-12-30"), days).is_err());
    assert!(
        calendar
            .business_days_between(date("2027-12-01"), date("2028-01-05"))
            .is_err()
    );
    assert!(calendar.add_business_days(NaiveDate::MAX, 0).is_err());
    assert!(calendar.next_business_day(date("2027-12-31")).is_err());
}

#[test]
fn expected_dates_span_the_business_day_range() {
    let calendar = calendar();
    let virtual_account: BusinessDays = "1-2".parse().unwrap();
    let card_partial: BusinessDays = "3-5".parse().unwrap();
    // Requested Friday, January 30, 2026.
    let expected = calendar
        .expected_dates(date("2026-01-30"), virtual_account)
        .unwrap();
    assert_eq!(
        (expected.earliest, expected.latest),
        (date("2026-02-02"), date("2026-02-03"))
    );
    // Requested Tuesday, September 22, 2026, two days before Chuseok (24 to 26).
    let expected = calendar
        .expected_dates(date("2026-09-22"), card_partial)
        .unwrap();
    assert_eq!(
        (expected.earliest, expected.latest),
        (date("2026-09-29"), date("2026-10-01"))
    );
}

/// Every non-business weekday of every year, for review: a data change shows up here as the
/// days it adds or removes.
#[test]
fn non_business_weekdays_by_year() {
    let calendar = calendar();
    let mut table = String::new();
    for year in calendar.first_year()..=calendar.last_year() {
        let days: Vec<_> = calendar
            .holidays()
            .iter()
            .filter(|h| h.date().year() == year)
            .filter(|h| !matches!(h.date().weekday(), Weekday::Sat | Weekday::Sun))
            .collect();
        let mut dates: Vec<_> = days.iter().map(|h| h.date()).collect();
        dates.dedup();
        writeln!(table, "{year}: {} non-business weekdays", dates.len()).unwrap();
        for holiday in days {
            writeln!(
                table,
                "  {} {} {:<10} {} / {}{}",
                holiday.date(),
                holiday.date().weekday(),
                holiday.kind().as_str(),
                holiday.name(Lang::Ko),
                holiday.name(Lang::En),
                if holiday.is_confirmed() {
                    ""
                } else {
                    " (unconfirmed)"
                }
            )
            .unwrap();
        }
    }
    insta::assert_snapshot!(table);
}

#[test]
fn broken_data_is_an_error_value() {
    let read = |text: &str| BusinessCalendar::from_yaml(text).unwrap_err();
    let year = |body: &str| {
        format!(
            "name: test\nyears:\n  - year: 2030\n    sources: [https://example.com]\n    holidays:\n{body}"
        )
    };

    assert_eq!(
        read(&year(
            "      - { date: 2031-01-01, kind: public, ko: a, en: b }\n"
        )),
        CalendarDataError::DateOutsideYear {
            date: date("2031-01-01"),
            year: 2030
        }
    );
    assert_eq!(
        read(&year(
            "      - { date: 2030-02-01, kind: public, ko: a, en: b }\n      - { date: 2030-01-01, kind: public, ko: c, en: d }\n"
        )),
        CalendarDataError::DateOutOfOrder {
            date: date("2030-01-01"),
            previous: date("2030-02-01")
        }
    );
    assert_eq!(
        read(&year(
            "      - { date: 2030-01-01, kind: public, ko: a, en: b }\n      - { date: 2030-01-01, kind: lunar, ko: a, en: c }\n"
        )),
        CalendarDataError::DuplicateHoliday {
            date: date("2030-01-01"),
            name: "a".into()
        }
    );
    assert_eq!(
        read(&year(
            "      - { date: 2030-01-01, kind: public, ko: \"\", en: b }\n"
        )),
        CalendarDataError::EmptyName {
            date: date("2030-01-01")
        }
    );
    let misspelled = read(&year(
        "      - { date: 2030-01-01, kind: lunr, ko: a, en: b }\n",
    ));
    assert!(
        misspelled.to_string().contains("did you mean `lunar`"),
        "{misspelled}"
    );
    let bad_date = read(&year(
        "      - { date: 2030-02-30, kind: public, ko: a, en: b }\n",
    ));
    assert!(
        bad_date
            .to_string()
            .contains("`2030-02-30` is not a date: write `YYYY-MM-DD`"),
        "{bad_date}"
    );
    let listed_date = read(&year(
        "      - { date: [2030, 1, 1], kind: public, ko: a, en: b }\n",
    ));
    assert!(
        listed_date
            .to_string()
            .contains("a date written `YYYY-MM-DD`"),
        "{listed_date}"
    );
    assert_eq!(
        read(
            "name: test\nyears:\n  - { year: 2030, sources: [https://example.com] }\n  - { year: 2032, sources: [https://example.com] }\n"
        ),
        CalendarDataError::YearOutOfOrder {
            year: 2032,
            previous: 2030
        }
    );
    assert_eq!(read("name: test\nyears: []\n"), CalendarDataError::NoYears);
    assert!(matches!(
        read("name: test\nname: again\nyears: []\n"),
        CalendarDataError::DuplicateKey { .. }
    ));
    assert!(matches!(
        read("name: [unclosed\n"),
        CalendarDataError::Syntax { .. }
    ));
}

/// A date the data covers, with room after it for 60 business days in most cases.
fn covered_date() -> impl Strategy<Value = NaiveDate> {
    let first = date("2020-01-01");
    let days = u64::try_from((date("2027-12-31") - first).num_days()).unwrap();
    (0..=days).prop_map(move |offset| first.checked_add_days(Days::new(offset)).unwrap())
}

fn config() -> Config {
    Config {
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Adding n business days lands on a business day, strictly after the start when n ≥ 1,
    /// with exactly n business days after the day the request is received, and later for a
    /// larger n; it fails only by leaving the data.
    #[test]
    fn adding_business_days_counts_business_days(start in covered_date(), n in 0u32..=60) {
        let calendar = calendar();
        match calendar.add_business_days(start, n) {
            Ok(end) => {
                prop_assert_eq!(calendar.is_business_day(end), Ok(true));
                if n >= 1 {
                    prop_assert!(end > start);
                } else {
                    prop_assert!(end >= start);
                }
                let received = calendar.business_day_on_or_after(start).unwrap();
                prop_assert_eq!(calendar.business_days_between(received, end), Ok(n));
                let starts_on_business_day = calendar.is_business_day(start).unwrap();
                let in_between = n + u32::from(!starts_on_business_day);
                prop_assert_eq!(calendar.business_days_between(start, end), Ok(in_between));
                if let Ok(next) = calendar.add_business_days(start, n + 1) {
                    prop_assert!(next > end);
                    prop_assert_eq!(calendar.next_business_day(end), Ok(next));
                }
            }
            Err(outside) => prop_assert!(outside.date() > calendar.last_day()),
        }
    }

    /// A larger count never gives an earlier date, from any start.
    #[test]
    fn adding_business_days_is_monotone(start in covered_date(), a in 0u32..=60, b in 0u32..=60) {
        let calendar = calendar();
        let (fewer, more) = (a.min(b), a.max(b));
        if let Ok(later) = calendar.add_business_days(start, more) {
            let earlier = calendar.add_business_days(start, fewer).unwrap();
            prop_assert!(earlier <= later);
            prop_assert_eq!(earlier == later, fewer == more);
        }
    }

    /// A day is a business day exactly when it is a weekday without a holiday.
    #[test]
    fn business_days_are_weekdays_without_holidays(day in covered_date()) {
        let calendar = calendar();
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let expected = !weekend && calendar.holiday(day).is_none();
        prop_assert_eq!(calendar.is_business_day(day), Ok(expected));
    }
}

/// The weekday written beside each date in the data file, for its reviewers, is the date's.
#[test]
fn the_weekdays_written_in_the_data_are_right() {
    let data = include_str!("../calendars/kr.yaml");
    let mut checked = 0;
    for line in data.lines().filter(|l| l.contains("{ date: ")) {
        let (_, rest) = line.split_once("{ date: ").unwrap();
        let day = date(&rest[..10]);
        let (_, weekday) = line.rsplit_once("  # ").unwrap();
        assert_eq!(weekday, day.weekday().to_string(), "{line}");
        checked += 1;
    }
    assert_eq!(checked, calendar().holidays().len());
}
