//! The pieces messages are written from, as [`Piece`]s over borrowed data: a message is
//! written straight into whatever takes it (a `Formatter`, a report's JSON string) without
//! building the parts as strings first.

use super::json::{needs_escaping, push_contents, push_display_contents};
use crate::calendar::YearMonth;
use crate::digits::{self, Room};
use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use std::fmt::{self, Write as _};

/// Where a message is written: a [`fmt::Formatter`], for `Display`, or a JSON string inside a
/// report ([`JsonText`]). Messages write through this rather than a `Formatter` so that a
/// report gets them without `core::fmt`'s indirect calls, and so that only what a policy or a
/// caller wrote is checked for escaping, not the library's own text around it.
pub(crate) trait Out {
    /// The library's own text, which JSON never escapes (a debug build checks it).
    fn text(&mut self, text: &'static str) -> fmt::Result;
    /// Text a policy or a caller wrote, escaped where JSON needs it.
    fn given(&mut self, text: &str) -> fmt::Result;
    /// ASCII text built from digits (`digits`), which JSON never escapes.
    fn ascii(&mut self, text: &[u8]) -> fmt::Result;
    /// What another type's `Display` writes, escaped where JSON needs it.
    fn display(&mut self, value: &dyn fmt::Display) -> fmt::Result;
    /// A date, as chrono writes it: `2026-02-03`.
    fn date(&mut self, date: NaiveDate) -> fmt::Result;
    /// A month: `2026-02`.
    fn year_month(&mut self, month: YearMonth) -> fmt::Result;
}

impl Out for fmt::Formatter<'_> {
    fn text(&mut self, text: &'static str) -> fmt::Result {
        self.write_str(text)
    }
    fn given(&mut self, text: &str) -> fmt::Result {
        self.write_str(text)
    }
    fn ascii(&mut self, text: &[u8]) -> fmt::Result {
        self.write_str(Room::new().text(text).ok_or(fmt::Error)?)
    }
    fn display(&mut self, value: &dyn fmt::Display) -> fmt::Result {
        value.fmt(self)
    }
    fn date(&mut self, date: NaiveDate) -> fmt::Result {
        match digits::date(date) {
            Some(text) => self.ascii(&text),
            None => fmt::Display::fmt(&date, self),
        }
    }
    fn year_month(&mut self, month: YearMonth) -> fmt::Result {
        fmt::Display::fmt(&month, self)
    }
}

/// The inside of a JSON string being written into a report: the quotes are the caller's.
pub(crate) struct JsonText<'a>(pub(crate) &'a mut String);

impl Out for JsonText<'_> {
    #[inline]
    fn text(&mut self, text: &'static str) -> fmt::Result {
        debug_assert!(
            !needs_escaping(text),
            "library text that JSON escapes: `{text}`"
        );
        self.0.push_str(text);
        Ok(())
    }
    #[inline]
    fn given(&mut self, text: &str) -> fmt::Result {
        push_contents(self.0, text);
        Ok(())
    }
    fn ascii(&mut self, text: &[u8]) -> fmt::Result {
        self.0.push_str(Room::new().text(text).ok_or(fmt::Error)?);
        Ok(())
    }
    fn display(&mut self, value: &dyn fmt::Display) -> fmt::Result {
        push_display_contents(self.0, value)
    }
    fn date(&mut self, date: NaiveDate) -> fmt::Result {
        if digits::push_date(self.0, date) {
            Ok(())
        } else {
            self.display(&date)
        }
    }
    fn year_month(&mut self, month: YearMonth) -> fmt::Result {
        if digits::push_year_month(self.0, month.year, month.month) {
            Ok(())
        } else {
            self.display(&month)
        }
    }
}

/// A part of a message: what it writes to any [`Out`].
pub(crate) trait Piece {
    /// Writes the piece.
    fn put<W: Out>(&self, out: &mut W) -> fmt::Result;
}

impl Piece for str {
    fn put<W: Out>(&self, out: &mut W) -> fmt::Result {
        out.given(self)
    }
}

impl Piece for String {
    fn put<W: Out>(&self, out: &mut W) -> fmt::Result {
        out.given(self)
    }
}

impl Piece for Box<str> {
    fn put<W: Out>(&self, out: &mut W) -> fmt::Result {
        out.given(self)
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn put<W: Out>(&self, out: &mut W) -> fmt::Result {
        (**self).put(out)
    }
}

/// Pieces written as their own `Display` writes them: types of other modules, whose text
/// messages do not take apart.
macro_rules! displayed {
    ($($type:ty),* $(,)?) => {$(
        impl $crate::messages::text::Piece for $type {
            fn put<W: $crate::messages::text::Out>(&self, out: &mut W) -> ::std::fmt::Result {
                out.display(self)
            }
        }
    )*};
}

displayed!(
    Decimal,
    crate::model::CardType,
    crate::model::Funding,
    crate::model::Provider,
    crate::model::Bank,
    crate::calendar::Span,
    crate::calendar::ClosedHours,
);

/// `Display` for a [`Piece`], written through its `put`.
macro_rules! display_piece {
    ($($type:ty),* $(,)?) => {$(
        impl ::std::fmt::Display for $type {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::messages::text::Piece::put(self, f)
            }
        }
    )*};
}
pub(crate) use display_piece;

/// Writes `magnitude` as `{}` writes an integer, after a `-` when `negative`, with a comma
/// between groups of three digits when `grouped`.
pub(crate) fn write_integer<W: Out>(
    f: &mut W,
    negative: bool,
    magnitude: u64,
    grouped: bool,
) -> fmt::Result {
    f.ascii(digits::integer(negative, magnitude, grouped).as_bytes())
}

/// An unsigned integer, as `{}` writes it: `0`, `180`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Count(pub(crate) u64);

/// `n` as a [`Count`]. Every count a message writes (`u16`, `u32`, `usize`) fits in a `u64`.
pub(crate) fn count<N: TryInto<u64>>(n: N) -> Count {
    Count(n.try_into().unwrap_or(u64::MAX))
}

impl Piece for Count {
    fn put<W: Out>(&self, f: &mut W) -> fmt::Result {
        write_integer(f, false, self.0, false)
    }
}

/// A date, as chrono writes it: `2026-02-03`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Date(pub(crate) NaiveDate);

impl Piece for Date {
    fn put<W: Out>(&self, f: &mut W) -> fmt::Result {
        f.date(self.0)
    }
}

/// A time's hour and minute: `09:05`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HourMinute(pub(crate) NaiveTime);

impl Piece for HourMinute {
    fn put<W: Out>(&self, f: &mut W) -> fmt::Result {
        f.ascii(&digits::hour_minute(self.0))
    }
}

impl Piece for YearMonth {
    fn put<W: Out>(&self, f: &mut W) -> fmt::Result {
        f.year_month(*self)
    }
}

display_piece!(Count, Date, HourMinute);

/// Each item as the piece `each` makes of it, with `sep` between them. The piece is a value
/// rather than a closure that writes, since a closure cannot be generic over where it writes.
pub(crate) struct Join<'a, T, F> {
    items: &'a [T],
    sep: &'static str,
    each: F,
}

/// Each of `items` as `each` makes it a piece, with `sep` between them.
pub(crate) fn join<'a, T, F, P>(items: &'a [T], sep: &'static str, each: F) -> Join<'a, T, F>
where
    F: Fn(&'a T) -> P,
    P: Piece,
{
    Join { items, sep, each }
}

impl<'a, T, F, P> Piece for Join<'a, T, F>
where
    F: Fn(&'a T) -> P,
    P: Piece,
{
    fn put<W: Out>(&self, f: &mut W) -> fmt::Result {
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                f.text(self.sep)?;
            }
            (self.each)(item).put(f)?;
        }
        Ok(())
    }
}

/// Declares a piece that writes an item with a message's function, for [`join`]:
/// `item_piece!(Name: Item => function)` writes `function(f, item)`, and
/// `item_piece!(Name: Item, Extra => function)` writes `function(f, item, extra)`.
macro_rules! item_piece {
    ($name:ident: $item:ty => $write:ident) => {
        struct $name<'a>(&'a $item);

        impl $crate::messages::text::Piece for $name<'_> {
            fn put<W: $crate::messages::text::Out>(&self, f: &mut W) -> ::std::fmt::Result {
                $write(f, self.0)
            }
        }
    };
    ($name:ident: $item:ty, $extra:ty => $write:ident) => {
        struct $name<'a>(&'a $item, $extra);

        impl $crate::messages::text::Piece for $name<'_> {
            fn put<W: $crate::messages::text::Out>(&self, f: &mut W) -> ::std::fmt::Result {
                $write(f, self.0, self.1)
            }
        }
    };
}
pub(crate) use item_piece;

/// An amount with thousands separators: `12,000`, `-3,000.5`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grouped(pub(crate) Decimal);

display_piece!(Grouped);

impl Piece for Grouped {
    fn put<W: Out>(&self, f: &mut W) -> fmt::Result {
        // The common case, a whole amount, is written from its mantissa. Zero goes the general
        // way, so that a negative zero is written as `Decimal` writes it.
        let whole = if self.0.scale() == 0 {
            self.0
        } else {
            self.0.normalize()
        };
        if whole.scale() == 0
            && !whole.is_zero()
            && let Ok(magnitude) = u64::try_from(whole.mantissa().unsigned_abs())
        {
            return write_integer(f, whole.is_sign_negative(), magnitude, true);
        }
        // A `Decimal` is at most 29 digits, a sign, a point and a leading zero.
        let mut digits = StackText::<48>::default();
        write!(digits, "{}", self.0.normalize())?;
        let text = digits.as_str();
        let (sign, unsigned) = match text.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", text),
        };
        let (integer, fraction) = match unsigned.split_once('.') {
            Some((integer, fraction)) => (integer, Some(fraction)),
            None => (unsigned, None),
        };
        f.ascii(sign.as_bytes())?;
        // The first group holds what is left over by groups of three; the digits are ASCII, so
        // every group boundary is a character boundary.
        let mut start = 0;
        let mut end = match integer.len() % 3 {
            0 => 3.min(integer.len()),
            head => head,
        };
        while let Some(group) = integer.get(start..end) {
            if start > 0 {
                f.text(",")?;
            }
            f.ascii(group.as_bytes())?;
            if end >= integer.len() {
                break;
            }
            start = end;
            end = end.saturating_add(3);
        }
        if let Some(fraction) = fraction {
            f.text(".")?;
            f.ascii(fraction.as_bytes())?;
        }
        Ok(())
    }
}

/// Text written on the stack, up to `N` bytes; writing more fails.
pub(crate) struct StackText<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Default for StackText<N> {
    fn default() -> Self {
        StackText {
            bytes: [0; N],
            len: 0,
        }
    }
}

impl<const N: usize> StackText<N> {
    /// What was written.
    pub(crate) fn as_str(&self) -> &str {
        // Only whole `str`s are copied in, so the bytes are UTF-8; the fallback is never taken.
        self.bytes
            .get(..self.len)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or_default()
    }
}

impl<const N: usize> fmt::Write for StackText<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(fmt::Error)?;
        self.bytes
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Writes each piece in turn to an [`Out`]: a string literal as the library's own text, anything
/// else as a [`Piece`]. It writes what `write!` writes with the same pieces in one format
/// string, without building `fmt::Arguments` and walking them through `core::fmt::write`,
/// which costs more than most pieces of a message.
macro_rules! put {
    (@each $f:ident $(,)?) => {};
    (@each $f:ident, $text:literal $(, $($rest:tt)*)?) => {
        $crate::messages::text::Out::text($f, $text)?;
        $crate::messages::text::put!(@each $f $(, $($rest)*)?);
    };
    (@each $f:ident, $piece:expr $(, $($rest:tt)*)?) => {
        $crate::messages::text::Piece::put(&$piece, $f)?;
        $crate::messages::text::put!(@each $f $(, $($rest)*)?);
    };
    ($f:expr, $($pieces:tt)+) => {{
        let f = &mut *$f;
        $crate::messages::text::put!(@each f, $($pieces)+);
        ::std::fmt::Result::Ok(())
    }};
}
pub(crate) use put;

#[cfg(test)]
mod tests {
    use super::{Count, Date, Grouped, HourMinute};
    use chrono::{NaiveDate, NaiveTime};
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn grouped(text: &str) -> String {
        Grouped(Decimal::from_str(text).unwrap_or_default()).to_string()
    }

    #[test]
    fn groups_thousands_and_keeps_decimals() {
        assert_eq!(Grouped(Decimal::from(0)).to_string(), "0");
        assert_eq!(Grouped(Decimal::from(999)).to_string(), "999");
        assert_eq!(Grouped(Decimal::from(1000)).to_string(), "1,000");
        assert_eq!(Grouped(Decimal::from(100_000)).to_string(), "100,000");
        assert_eq!(Grouped(Decimal::from(-1_234_567)).to_string(), "-1,234,567");
        assert_eq!(Grouped(Decimal::new(1_234_550, 2)).to_string(), "12,345.5");
        assert_eq!(grouped("-0.00"), "0");
        assert_eq!(
            Grouped(Decimal::from_parts(0, 0, 0, true, 0)).to_string(),
            "0"
        );
        assert_eq!(grouped("1000.000"), "1,000");
        assert_eq!(grouped("-999.5"), "-999.5");
        assert_eq!(
            grouped("0.0000000000000000000000000001"),
            "0.0000000000000000000000000001"
        );
        assert_eq!(
            Grouped(Decimal::MAX).to_string(),
            "79,228,162,514,264,337,593,543,950,335"
        );
        assert_eq!(
            Grouped(Decimal::MIN).to_string(),
            "-79,228,162,514,264,337,593,543,950,335"
        );
    }

    #[test]
    fn counts_are_written_as_integers_are() {
        for value in [
            0,
            1,
            9,
            10,
            99,
            100,
            180,
            1_000_000,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            assert_eq!(Count(value).to_string(), value.to_string());
        }
    }

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        let days = [
            (2026, 2, 3),
            (1, 1, 1),
            (0, 12, 31),
            (999, 10, 9),
            (9999, 12, 31),
            (10_000, 1, 1),
            (-1, 6, 15),
            (-10_000, 1, 1),
        ];
        for (year, month, day) in days {
            let date = NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default();
            assert_eq!(
                Date(date).to_string(),
                date.to_string(),
                "{year}-{month}-{day}"
            );
        }
        assert_eq!(Date(NaiveDate::MIN).to_string(), NaiveDate::MIN.to_string());
        assert_eq!(Date(NaiveDate::MAX).to_string(), NaiveDate::MAX.to_string());
    }

    #[test]
    fn times_are_written_as_padded_integers_are() {
        for (hour, minute) in [(0, 0), (9, 5), (23, 59), (12, 30)] {
            let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default();
            assert_eq!(
                HourMinute(time).to_string(),
                format!("{hour:02}:{minute:02}")
            );
        }
    }
}
