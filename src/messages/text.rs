//! The pieces messages are written from, as [`fmt::Display`] values over borrowed data: a
//! message is written straight into whatever takes it (a `String`, a JSON serializer) without
//! building the parts as strings first.

use super::digits::write_integer;
use rust_decimal::Decimal;
use std::fmt::{self, Write as _};

/// A [`fmt::Display`] value written by a closure.
pub(crate) struct FromFn<F>(F);

/// Displays what `write` writes.
pub(crate) fn from_fn<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result>(write: F) -> FromFn<F> {
    FromFn(write)
}

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for FromFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

/// Displays each item as `each` writes it, with `sep` between them.
pub(crate) fn join<'a, T, F>(items: &'a [T], sep: &'a str, each: F) -> impl fmt::Display + 'a
where
    F: Fn(&mut fmt::Formatter<'_>, &T) -> fmt::Result + 'a,
{
    from_fn(move |f| {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                f.write_str(sep)?;
            }
            each(f, item)?;
        }
        Ok(())
    })
}

/// An amount with thousands separators: `12,000`, `-3,000.5`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grouped(pub(crate) Decimal);

impl fmt::Display for Grouped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
        f.write_str(sign)?;
        // The first group holds what is left over by groups of three; the digits are ASCII, so
        // every group boundary is a character boundary.
        let mut start = 0;
        let mut end = match integer.len() % 3 {
            0 => 3.min(integer.len()),
            head => head,
        };
        while let Some(group) = integer.get(start..end) {
            if start > 0 {
                f.write_str(",")?;
            }
            f.write_str(group)?;
            if end >= integer.len() {
                break;
            }
            start = end;
            end = end.saturating_add(3);
        }
        if let Some(fraction) = fraction {
            f.write_str(".")?;
            f.write_str(fraction)?;
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

/// Writes each piece in turn: a string literal with `write_str`, anything else with its own
/// `Display`. It writes what `write!` writes with the same pieces in one format string, without
/// building `fmt::Arguments` and walking them through `core::fmt::write`, which costs more than
/// most pieces of a message. The pieces share `f`'s options, so it is for the formatters
/// messages are written to, which have none.
macro_rules! put {
    (@each $f:ident $(,)?) => {};
    (@each $f:ident, $text:literal $(, $($rest:tt)*)?) => {
        $f.write_str($text)?;
        $crate::messages::text::put!(@each $f $(, $($rest)*)?);
    };
    (@each $f:ident, $piece:expr $(, $($rest:tt)*)?) => {
        ::std::fmt::Display::fmt(&$piece, $f)?;
        $crate::messages::text::put!(@each $f $(, $($rest)*)?);
    };
    ($f:expr, $($pieces:tt)+) => {{
        let f: &mut ::std::fmt::Formatter<'_> = $f;
        $crate::messages::text::put!(@each f, $($pieces)+);
        ::std::fmt::Result::Ok(())
    }};
}
pub(crate) use put;

#[cfg(test)]
mod tests {
    use super::Grouped;
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
}
