//! Numbers, dates and times as their ASCII digits, written in one `write_str`: the same text
//! as `{}`, `{:02}` or chrono's `Display`, without `Formatter::pad_integral`'s padding
//! machinery or chrono's character-by-character writing, which cost several times the text
//! itself in a message that prints three dates.
//!
//! Bytes only: the calendar's and the decision's own `Display` and `Serialize` write from
//! here, and so do messages, through their pieces.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use std::fmt;

/// The numbers 0 to 99, each in two digits.
const PAIRS: &str = "\
    00010203040506070809101112131415161718192021222324252627282930313233343536373839\
    40414243444546474849505152535455565758596061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899";

/// `value`'s last two decimal digits: `pair(7)` is `b"07"`.
fn pair(value: u32) -> [u8; 2] {
    let at = usize::try_from(value % 100).unwrap_or(0).saturating_mul(2);
    match PAIRS.as_bytes().get(at..at.saturating_add(2)) {
        Some(&[tens, ones]) => [tens, ones],
        _ => *b"00",
    }
}

/// The numbers 0 to 99, each in two digits, each its own text: appended to a `String`, an entry
/// is a copy of two bytes, with no text to check (a slice of [`PAIRS`] is checked for its
/// character boundaries unless the compiler happens to see the table).
const PAIR_TEXTS: [&str; 100] = [
    "00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15",
    "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
    "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47",
    "48", "49", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59", "60", "61", "62", "63",
    "64", "65", "66", "67", "68", "69", "70", "71", "72", "73", "74", "75", "76", "77", "78", "79",
    "80", "81", "82", "83", "84", "85", "86", "87", "88", "89", "90", "91", "92", "93", "94", "95",
    "96", "97", "98", "99",
];

/// `value`'s last two decimal digits as text: `pair_text(7)` is `"07"`.
fn pair_text(value: u32) -> &'static str {
    let at = usize::try_from(value % 100).unwrap_or(0);
    PAIR_TEXTS.get(at).copied().unwrap_or("00")
}

/// Appends `YYYY-MM` as [`year_month`] writes it, and says whether it could.
pub(crate) fn push_year_month(out: &mut String, year: i32, month: u32) -> bool {
    let Some(year) = u32::try_from(year).ok().filter(|year| *year <= 9999) else {
        return false;
    };
    if month > 99 {
        return false;
    }
    out.push_str(pair_text(year / 100));
    out.push_str(pair_text(year));
    out.push('-');
    out.push_str(pair_text(month));
    true
}

/// Appends `2026-02-03` as [`date`] writes it, and says whether it could (the years 0 to
/// 9999).
pub(crate) fn push_date(out: &mut String, date: NaiveDate) -> bool {
    if !push_year_month(out, date.year(), date.month()) {
        return false;
    }
    out.push('-');
    out.push_str(pair_text(date.day()));
    true
}

/// Appends `HH:MM:SS`, as chrono writes a time without its fraction.
pub(crate) fn push_hour_minute_second(out: &mut String, time: NaiveTime) {
    out.push_str(pair_text(time.hour()));
    out.push(':');
    out.push_str(pair_text(time.minute()));
    out.push(':');
    out.push_str(pair_text(time.second()));
}

/// Room for 16 bytes of ASCII text, aligned to a word.
#[repr(align(8))]
pub(crate) struct Room([u8; 16]);

impl Room {
    /// An empty room.
    pub(crate) fn new() -> Room {
        Room([b' '; 16])
    }

    /// `text` (ASCII, such as the digits built here) as a `str`. `str::from_utf8` checks an
    /// aligned run of 16 bytes a word at a time, and a shorter or unaligned one byte by byte at
    /// several times the cost, so text of 5 to 16 bytes (a date, an amount) is checked from
    /// this aligned room.
    pub(crate) fn text<'a>(&'a mut self, text: &'a [u8]) -> Option<&'a str> {
        match self.0.get_mut(..text.len()) {
            Some(start) if text.len() > 4 => {
                start.copy_from_slice(text);
                std::str::from_utf8(&self.0).ok()?.get(..text.len())
            }
            _ => std::str::from_utf8(text).ok(),
        }
    }
}

/// Hands `digits` (a date's or a month's, built here) to `serializer` as one string, rather
/// than through `value`'s `Display`; `value` is displayed when there are none.
pub(crate) fn serialize_digits<S: serde::Serializer>(
    digits: Option<&[u8]>,
    value: &(impl fmt::Display + ?Sized),
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut room = Room::new();
    match digits.and_then(|digits| room.text(digits)) {
        Some(text) => serializer.serialize_str(text),
        None => serializer.collect_str(value),
    }
}

/// Writes ASCII text, such as the digits built here.
pub(crate) fn write_ascii(f: &mut fmt::Formatter<'_>, text: &[u8]) -> fmt::Result {
    f.write_str(Room::new().text(text).ok_or(fmt::Error)?)
}

/// `value` as `{}` writes it, when it is below 100.
fn two_digits(value: u64) -> Option<&'static str> {
    let value = usize::try_from(value).ok().filter(|value| *value < 100)?;
    let end = value.checked_mul(2)?.checked_add(2)?;
    // One digit is the second of its pair.
    let start = if value < 10 {
        end.checked_sub(1)?
    } else {
        end.checked_sub(2)?
    };
    PAIRS.get(start..end)
}

/// An integer's text: most counts have one or two digits, which are sliced from a table;
/// the rest are built in place. `u64::MAX` has 20 digits: 6 commas and a sign make 27 bytes.
pub(crate) enum Integer {
    /// One or two digits, from the table.
    Short(&'static str),
    /// Built backwards from the end of `text`; the integer starts at `start`. The room always
    /// suffices, so no digit is ever dropped.
    Long { text: [u8; 27], start: usize },
}

impl Integer {
    /// The text, in ASCII.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match self {
            Integer::Short(text) => text.as_bytes(),
            Integer::Long { text, start } => text.get(*start..).unwrap_or_default(),
        }
    }
}

/// `magnitude` as `{}` writes an integer, after a `-` when `negative`, with a comma between
/// groups of three digits when `grouped`.
pub(crate) fn integer(negative: bool, magnitude: u64, grouped: bool) -> Integer {
    if !negative && let Some(text) = two_digits(magnitude) {
        return Integer::Short(text);
    }
    let mut text = [b'0'; 27];
    let mut slots = text.iter_mut().rev();
    let mut value = magnitude;
    let mut digits = 0_usize;
    loop {
        if grouped
            && digits > 0
            && digits.is_multiple_of(3)
            && let Some(slot) = slots.next()
        {
            *slot = b',';
        }
        if let Some(slot) = slots.next() {
            *slot = b'0' | u8::try_from(value % 10).unwrap_or(0);
        }
        digits = digits.saturating_add(1);
        value /= 10;
        if value == 0 {
            break;
        }
    }
    if negative && let Some(slot) = slots.next() {
        *slot = b'-';
    }
    let start = slots.len();
    Integer::Long { text, start }
}

/// Writes a count as `{}` writes it: `0`, `180`.
pub(crate) fn write_count(f: &mut fmt::Formatter<'_>, count: u64) -> fmt::Result {
    write_ascii(f, integer(false, count, false).as_bytes())
}

/// `YYYY-MM`, as `{:04}-{:02}` writes a year of 0 to 9999 and a month below 100; `None` for
/// the others, which that writes with a sign or more digits.
pub(crate) fn year_month(year: i32, month: u32) -> Option<[u8; 7]> {
    let year = u32::try_from(year).ok().filter(|year| *year <= 9999)?;
    if month > 99 {
        return None;
    }
    let [y0, y1] = pair(year / 100);
    let [y2, y3] = pair(year);
    let [m0, m1] = pair(month);
    Some([y0, y1, y2, y3, b'-', m0, m1])
}

/// `2026-02-03`, as chrono writes a date in the years 0 to 9999 (outside them chrono writes
/// a sign, and this `None`).
pub(crate) fn date(date: NaiveDate) -> Option<[u8; 10]> {
    let [y0, y1, y2, y3, dash, m0, m1] = year_month(date.year(), date.month())?;
    let [d0, d1] = pair(date.day());
    Some([y0, y1, y2, y3, dash, m0, m1, b'-', d0, d1])
}

/// `HH:MM`, as `{:02}:{:02}` writes a time's hour and minute.
pub(crate) fn hour_minute(time: NaiveTime) -> [u8; 5] {
    let [h0, h1] = pair(time.hour());
    let [m0, m1] = pair(time.minute());
    [h0, h1, b':', m0, m1]
}

/// `from-until`, each `HH:MM`: how a daily window of closed hours is written.
pub(crate) fn window(from: NaiveTime, until: NaiveTime) -> [u8; 11] {
    let [a, b, c, d, e] = hour_minute(from);
    let [g, h, i, j, k] = hour_minute(until);
    [a, b, c, d, e, b'-', g, h, i, j, k]
}

#[cfg(test)]
mod tests {
    use super::{push_date, push_hour_minute_second, push_year_month, year_month};
    use chrono::{Datelike, NaiveDate, NaiveTime};

    /// Appended to a `String`, a date is what chrono writes, or nothing when that has a sign
    /// or more than four digits of year (the caller then asks chrono).
    #[test]
    fn dates_appended_are_written_as_chrono_writes_them() {
        let mut days: Vec<NaiveDate> = [
            (2026, 2, 3),
            (0, 1, 1),
            (1, 12, 31),
            (999, 10, 9),
            (1000, 1, 10),
            (9999, 12, 31),
            (10_000, 1, 1),
            (-1, 12, 31),
        ]
        .iter()
        .filter_map(|&(year, month, day)| NaiveDate::from_ymd_opt(year, month, day))
        .collect();
        days.extend([NaiveDate::MIN, NaiveDate::MAX]);
        for day in days {
            let mut out = String::from("x");
            let written = push_date(&mut out, day);
            let expected = day.to_string();
            if (0..=9999).contains(&day.year()) {
                assert!(written, "{expected}");
                assert_eq!(out, format!("x{expected}"));
            } else {
                assert!(!written, "{expected}");
                assert_eq!(out, "x");
            }
            let mut month = String::new();
            if push_year_month(&mut month, day.year(), day.month()) {
                assert_eq!(Some(month.as_str()), expected.get(..7));
            }
        }
        let mut out = String::new();
        assert!(!push_year_month(&mut out, 2026, 100));
        assert!(push_year_month(&mut out, 2026, 99));
        assert_eq!(out, "2026-99");
    }

    #[test]
    fn times_appended_are_written_as_chrono_writes_them() {
        for (hour, minute, second) in [(0, 0, 0), (9, 5, 7), (23, 59, 59), (12, 30, 0)] {
            let time = NaiveTime::from_hms_opt(hour, minute, second).unwrap_or_default();
            let mut out = String::new();
            push_hour_minute_second(&mut out, time);
            assert_eq!(out, time.to_string());
        }
    }

    #[test]
    fn months_are_written_as_padded_integers_are() {
        let written = |year: i32, month: u32| {
            year_month(year, month).map(|text| String::from_utf8_lossy(&text).into_owned())
        };
        assert_eq!(written(2026, 1).as_deref(), Some("2026-01"));
        assert_eq!(written(7, 12).as_deref(), Some("0007-12"));
        assert_eq!(written(9999, 99).as_deref(), Some("9999-99"));
        assert_eq!(written(10_000, 1), None);
        assert_eq!(written(-1, 1), None);
        assert_eq!(written(2026, 100), None);
    }
}
