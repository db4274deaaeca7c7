//! The languages people read the crate's text in: messages, reports, holiday names.
//!
//! Kept apart from the messages, at the bottom of the crate, because the calendar names its
//! holidays in them too.

use std::fmt;
use std::str::FromStr;

/// The language of messages.
///
/// ```
/// use refund_policy::messages::Lang;
/// assert_eq!("en".parse::<Lang>(), Ok(Lang::En));
/// assert_eq!(Lang::default(), Lang::Ko);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Korean, the contract's default.
    #[default]
    Ko,
    /// English.
    En,
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        })
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "ko" => Ok(Lang::Ko),
            "en" => Ok(Lang::En),
            other => Err(format!("unknown language `{other}`, expected `ko` or `en`")),
        }
    }
}
