//! Daily windows of local time during which a PG refuses cancels.

use chrono::NaiveTime;
use std::fmt;
use std::str::FromStr;

/// A daily window of local time during which a PG refuses cancels, such as KSNET's
/// `23:00-06:00` for virtual accounts. The start is inside the window, the end is not; a
/// window whose end is earlier than its start runs past midnight.
///
/// ```
/// use refund_policy::calendar::ClosedHours;
/// use chrono::NaiveTime;
///
/// let closed: ClosedHours = "23:00-06:00".parse().unwrap();
/// let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
/// assert!(closed.contains(at(23, 0)));
/// assert!(closed.contains(at(5, 59)));
/// assert!(!closed.contains(at(6, 0)));
/// assert!(!closed.contains(at(22, 59)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClosedHours {
    from: NaiveTime,
    until: NaiveTime,
}

impl ClosedHours {
    /// Whether the local time `t` falls in the window.
    pub fn contains(self, t: NaiveTime) -> bool {
        if self.from <= self.until {
            self.from <= t && t < self.until
        } else {
            t >= self.from || t < self.until
        }
    }

    /// Where the window starts.
    pub fn from(self) -> NaiveTime {
        self.from
    }

    /// Where the window ends (outside it).
    pub fn until(self) -> NaiveTime {
        self.until
    }
}

impl fmt::Display for ClosedHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::digits::write_ascii(f, &crate::digits::window(self.from, self.until))
    }
}

/// Why a text is not a [`ClosedHours`] window.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a daily window: write `HH:MM-HH:MM` with two different times, such as `23:00-06:00`"
)]
pub struct ClosedHoursError(String);

impl FromStr for ClosedHours {
    type Err = ClosedHoursError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || ClosedHoursError(text.to_owned());
        let (from, until) = text.split_once('-').ok_or_else(error)?;
        let parse = |t: &str| crate::model::time_text::hour_minute(t.trim()).ok_or_else(error);
        let (from, until) = (parse(from)?, parse(until)?);
        if from == until {
            return Err(error());
        }
        Ok(ClosedHours { from, until })
    }
}

string_serde!(ClosedHours, "a daily window such as `23:00-06:00`");
string_schema!(
    ClosedHours,
    "ClosedHours",
    "^[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]$",
    "A daily window of local time, `HH:MM-HH:MM`; it may run past midnight."
);
