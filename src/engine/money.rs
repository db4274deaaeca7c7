//! Comparisons and differences of amounts, exact and cheap when both are written to the same
//! number of decimals, as a payment's amounts are (whole won, or cents): they are then integers
//! of the same unit, and compare and subtract as integers. Anything else goes to `Decimal`.
//!
//! The results are the very `Decimal`s `rust_decimal` gives, bit for bit (the tests compare
//! them): this only skips the rescaling a `Decimal` operation prepares for.

use rust_decimal::Decimal;
use std::cmp::Ordering;

/// `a` against `b`.
pub(crate) fn cmp(a: Decimal, b: Decimal) -> Ordering {
    match (digits(a), digits(b)) {
        // Same unit: the digits compare as the amounts do.
        (Some((a, scale)), Some((b, other))) if scale == other => a.cmp(&b),
        _ => a.cmp(&b),
    }
}

/// The digits of an amount that is not negative, as an integer, and its scale. `None` for a
/// negative amount, and for a negative zero, which `Decimal` signs its own way.
///
/// Read from the unpacked parts: [`Decimal::mantissa`] would negate a negative one first, a
/// branch on every comparison of the amounts every decision compares.
#[inline]
fn digits(amount: Decimal) -> Option<(i128, u32)> {
    let parts = amount.unpack();
    let digits = i128::from(parts.hi) << 64 | i128::from(parts.mid) << 32 | i128::from(parts.lo);
    (!parts.negative).then_some((digits, parts.scale))
}

/// `a > b`.
pub(crate) fn gt(a: Decimal, b: Decimal) -> bool {
    cmp(a, b).is_gt()
}

/// `a − b`. Exact for every amount the crate reads (at most 10^18 in magnitude); it saturates
/// only for values built in code beyond that, where no payment lies.
#[inline]
pub(crate) fn difference(a: Decimal, b: Decimal) -> Decimal {
    match same_unit(a, b, i128::checked_sub) {
        Some(difference) => difference,
        None => by_decimal(a, b, Decimal::saturating_sub),
    }
}

/// `a + b`, saturating like [`difference`].
#[inline]
pub(crate) fn sum(a: Decimal, b: Decimal) -> Decimal {
    match same_unit(a, b, i128::checked_add) {
        Some(sum) => sum,
        None => by_decimal(a, b, Decimal::saturating_add),
    }
}

/// The general case, kept out of line so that the integer case inlines small.
#[cold]
#[inline(never)]
fn by_decimal(a: Decimal, b: Decimal, op: fn(Decimal, Decimal) -> Decimal) -> Decimal {
    op(a, b)
}

/// `op` on the mantissas of two non-negative amounts of the same scale, when its result is a
/// `Decimal` of that scale. Negative operands are left to `Decimal`, which decides the sign of
/// a zero result its own way.
#[inline]
fn same_unit(a: Decimal, b: Decimal, op: fn(i128, i128) -> Option<i128>) -> Option<Decimal> {
    let ((a, scale), (b, other)) = (digits(a)?, digits(b)?);
    if scale != other {
        return None;
    }
    Decimal::try_from_i128_with_scale(op(a, b)?, scale).ok()
}

#[cfg(test)]
mod tests {
    use super::{cmp, difference, same_unit, sum};
    use rust_decimal::Decimal;

    /// Amounts of every sign and of a few scales, with zeros of both signs and the extremes.
    fn amounts() -> Vec<Decimal> {
        let mut all = vec![Decimal::MAX, Decimal::MIN, Decimal::new(-0, 2)];
        for mantissa in [0_i64, 1, 7, 999, 1_000, 10_000, 123_456_789, 10_i64.pow(18)] {
            for scale in [0, 1, 2, 4, 28] {
                for sign in [1, -1] {
                    all.push(Decimal::new(mantissa.saturating_mul(sign), scale));
                }
            }
        }
        let mut negative_zero = Decimal::ZERO;
        negative_zero.set_sign_negative(true);
        all.push(negative_zero);
        all
    }

    /// Every result is the one `Decimal` gives, down to its scale and the sign of a zero, so
    /// reports print the same text.
    #[test]
    fn the_results_are_decimals_own() {
        for a in amounts() {
            for b in amounts() {
                assert_eq!(cmp(a, b), a.cmp(&b), "{a:?} cmp {b:?}");
                let (ours, theirs) = (difference(a, b), a.saturating_sub(b));
                assert_eq!(ours.serialize(), theirs.serialize(), "{a:?} − {b:?}");
                let (ours, theirs) = (sum(a, b), a.saturating_add(b));
                assert_eq!(ours.serialize(), theirs.serialize(), "{a:?} + {b:?}");
            }
        }
    }

    /// Amounts of one unit that are not negative take the integer path, whose results are
    /// `Decimal`'s own (the test above); only the rest goes through `Decimal`.
    #[test]
    fn amounts_of_one_unit_add_and_subtract_as_integers() {
        let won = |n| Decimal::new(n, 0);
        let sub = i128::checked_sub;
        assert_eq!(same_unit(won(10_000), won(3_000), sub), Some(won(7_000)));
        assert_eq!(same_unit(won(3_000), won(10_000), sub), Some(won(-7_000)));
        let cents = |n| Decimal::new(n, 2);
        let add = i128::checked_add;
        assert_eq!(same_unit(cents(1_050), cents(25), add), Some(cents(1_075)));
        assert_eq!(
            same_unit(won(1), Decimal::new(10, 1), add),
            None,
            "scales differ"
        );
        assert_eq!(same_unit(won(-1), won(1), add), None, "a negative operand");
    }
}
