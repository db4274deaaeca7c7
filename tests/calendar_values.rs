//! The calendar's small value types, through their public API: closed hours within a day and
//! across midnight, their bounds, and business-day ranges read from text and numbers.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "tests stop at the first broken expectation"
)]

use chrono::NaiveTime;
use refund_policy::calendar::{BusinessDays, ClosedHours};

fn at(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn a_window_within_the_day_contains_its_start_and_not_its_end() {
    let lunch: ClosedHours = "12:00-13:00".parse().unwrap();
    assert!(!lunch.contains(at(11, 59)));
    assert!(lunch.contains(at(12, 0)));
    assert!(lunch.contains(at(12, 59)));
    assert!(!lunch.contains(at(13, 0)));
    // Not wrapped around midnight: early morning and late night are open.
    assert!(!lunch.contains(at(0, 30)));
    assert!(!lunch.contains(at(23, 30)));
}

#[test]
fn a_window_across_midnight_contains_both_ends_of_the_night() {
    let night: ClosedHours = "23:00-06:00".parse().unwrap();
    for (h, m, closed) in [
        (22, 59, false),
        (23, 0, true),
        (0, 0, true),
        (5, 59, true),
        (6, 0, false),
        (12, 0, false),
    ] {
        assert_eq!(night.contains(at(h, m)), closed, "{h:02}:{m:02}");
    }
}

#[test]
fn a_window_reports_its_bounds_and_writes_them_back() {
    let night: ClosedHours = "23:30-06:15".parse().unwrap();
    assert_eq!((night.from(), night.until()), (at(23, 30), at(6, 15)));
    assert_eq!(night.to_string(), "23:30-06:15");
    assert!("06:00-06:00".parse::<ClosedHours>().is_err());
    assert!("25:00-06:00".parse::<ClosedHours>().is_err());
}

#[test]
fn business_days_read_a_range_or_one_number_and_refuse_disorder_and_excess() {
    let days: BusinessDays = "1-2".parse().unwrap();
    assert_eq!((days.min(), days.max()), (1, 2));
    let one: BusinessDays = "3".parse().unwrap();
    assert_eq!((one.min(), one.max()), (3, 3));
    assert_eq!(one.to_string(), "3");
    assert_eq!(days.to_string(), "1-2");
    // Each of the two conditions refuses on its own.
    assert!("2-1".parse::<BusinessDays>().is_err(), "smaller first");
    assert!("1-61".parse::<BusinessDays>().is_err(), "at most 60");
    assert!("61".parse::<BusinessDays>().is_err(), "at most 60");
    assert!("60".parse::<BusinessDays>().is_ok());
}

#[test]
fn business_days_deserialize_from_text_and_numbers_and_say_what_they_expect() {
    let from_number: BusinessDays = serde_json::from_str("3").unwrap();
    assert_eq!((from_number.min(), from_number.max()), (3, 3));
    let from_text: BusinessDays = serde_json::from_str("\"1-2\"").unwrap();
    assert_eq!((from_text.min(), from_text.max()), (1, 2));
    let error = serde_json::from_str::<BusinessDays>("[1]")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("a business-day range such as `1-2` or `3`"),
        "{error}"
    );
}
