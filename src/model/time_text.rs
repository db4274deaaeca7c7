//! Dates and times written in the few fixed forms the crate reads: `YYYY-MM-DD` (calendar
//! data), `HH:MM` (closed hours), and a date and time without an offset (to say that the
//! offset is what is missing).
//!
//! Each reads exactly what chrono's `parse_from_str` reads with the matching format string
//! (`%Y-%m-%d`, `%H:%M`, `%Y-%m-%dT%H:%M:%S%.f`): whitespace before a number, one or two digits
//! for a month, day, hour, minute or second, four for a year unless it is signed. Written out
//! because chrono's format-string reader is an interpreter for every format there is, and the
//! WebAssembly package pays for its size.

use chrono::{NaiveDate, NaiveTime};

/// A number as chrono reads one in a format: one to `max` ASCII digits.
fn digits(text: &str, max: usize) -> Option<(i64, &str)> {
    let len = text
        .bytes()
        .take(max)
        .take_while(u8::is_ascii_digit)
        .count();
    let (number, rest) = text.split_at_checked(len)?;
    // No digits, or more than an i64 holds, is no number.
    number.parse().ok().map(|n| (n, rest))
}

/// A number after optional whitespace, as every numeric field of a format is read.
fn field(text: &str, max: usize) -> Option<(i64, &str)> {
    digits(text.trim_start(), max)
}

/// `%Y`: four digits, or any number of them after a sign.
fn year(text: &str) -> Option<(i64, &str)> {
    let text = text.trim_start();
    if let Some(rest) = text.strip_prefix('-') {
        let (year, rest) = digits(rest, usize::MAX)?;
        Some((year.checked_neg()?, rest))
    } else if let Some(rest) = text.strip_prefix('+') {
        digits(rest, usize::MAX)
    } else {
        digits(text, 4)
    }
}

/// `%Y-%m-%d`, and what follows it.
fn date_prefix(text: &str) -> Option<(NaiveDate, &str)> {
    let (year, rest) = year(text)?;
    let (month, rest) = field(rest.strip_prefix('-')?, 2)?;
    let (day, rest) = field(rest.strip_prefix('-')?, 2)?;
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )?;
    Some((date, rest))
}

/// A date written `%Y-%m-%d`, such as `2026-03-01`.
pub(crate) fn date(text: &str) -> Option<NaiveDate> {
    date_prefix(text)
        .filter(|(_, rest)| rest.is_empty())
        .map(|(date, _)| date)
}

/// `%H:%M`, and what follows it.
fn hour_minute_prefix(text: &str) -> Option<(u32, u32, &str)> {
    let (hour, rest) = field(text, 2)?;
    let (minute, rest) = field(rest.strip_prefix(':')?, 2)?;
    let hour = u32::try_from(hour).ok().filter(|h| *h <= 23)?;
    let minute = u32::try_from(minute).ok().filter(|m| *m <= 59)?;
    Some((hour, minute, rest))
}

/// A time of day written `%H:%M`, such as `23:00`.
pub(crate) fn hour_minute(text: &str) -> Option<NaiveTime> {
    match hour_minute_prefix(text)? {
        (hour, minute, "") => NaiveTime::from_hms_opt(hour, minute, 0),
        _ => None,
    }
}

/// Whether `text` is a date and time without an offset: `%Y-%m-%dT%H:%M:%S%.f`, or the same
/// with whitespace (or nothing) between the date and the time.
pub(crate) fn is_date_time_without_offset(text: &str) -> bool {
    let Some((_, rest)) = date_prefix(text) else {
        return false;
    };
    let time = rest.strip_prefix('T').unwrap_or_else(|| rest.trim_start());
    let Some((_, _, rest)) = hour_minute_prefix(time) else {
        return false;
    };
    // Seconds up to 60, a leap second; then an optional fraction, its digits past the ninth
    // skipped.
    let Some((second, rest)) = rest.strip_prefix(':').and_then(|rest| field(rest, 2)) else {
        return false;
    };
    let rest = match rest.strip_prefix('.') {
        Some(fraction) => match digits(fraction, 9) {
            Some((_, rest)) => rest.trim_start_matches(|c: char| c.is_ascii_digit()),
            None => return false,
        },
        None => rest,
    };
    second <= 60 && rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_chrono_reads_them() {
        let cases = [
            "2026-03-01",
            "2026-3-1",
            " 2026- 03- 01",
            "+2026-03-01",
            "-0044-03-15",
            "20260-03-01",
            "2026-13-01",
            "2026-02-30",
            "2026-03-01 ",
            "2026-03",
            "2026/03/01",
            "",
            "99999999999999999999-01-01",
        ];
        for case in cases {
            assert_eq!(
                date(case),
                NaiveDate::parse_from_str(case, "%Y-%m-%d").ok(),
                "{case:?}"
            );
        }
    }

    #[test]
    fn times_read_as_chrono_reads_them() {
        let cases = [
            "23:00", "9:05", "24:00", "23:60", "12: 30", "12 :30", "12:30:00", "1230", ":30", "",
            "+1:00",
        ];
        for case in cases {
            assert_eq!(
                hour_minute(case),
                NaiveTime::parse_from_str(case, "%H:%M").ok(),
                "{case:?}"
            );
        }
    }

    #[test]
    fn date_times_without_offset_read_as_chrono_reads_them() {
        let cases = [
            "2026-02-01T00:10:00",
            "2026-02-01 00:10:00",
            "2026-02-0100:10:00",
            "2026-02-01T00:10:00.123456789123",
            "2026-02-01T00:10:60",
            "2026-02-01T00:10:61",
            "2026-02-01T00:10",
            "2026-02-01T00:10:00.",
            "2026-02-01t00:10:00",
            "2026-02-01T00:10:00+09:00",
            "2026-02-01T00:10:00Z",
            "yesterday",
        ];
        for case in cases {
            let chrono = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
                .iter()
                .any(|format| chrono::NaiveDateTime::parse_from_str(case, format).is_ok());
            assert_eq!(is_date_time_without_offset(case), chrono, "{case:?}");
        }
    }
}
