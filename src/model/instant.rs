//! Instants on the wire: RFC 3339 with an offset, always.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};
use std::fmt;

/// Why a text is not an instant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstantError {
    /// A date and time without an offset: ambiguous, so refused.
    #[error("`{0}` has no offset: write the instant with one, such as `2026-01-31T23:30:00+09:00`")]
    NoOffset(String),
    /// Not an RFC 3339 instant at all.
    #[error("`{0}` is not an RFC 3339 instant such as `2026-01-31T23:30:00+09:00`")]
    Malformed(String),
}

/// Reads an RFC 3339 instant; the offset is required.
///
/// ```
/// use refund_policy::model::parse_instant;
/// let t = parse_instant("2026-02-01T00:10:00+09:00").unwrap();
/// assert_eq!(t.to_rfc3339(), "2026-01-31T15:10:00+00:00");
/// assert!(parse_instant("2026-02-01T00:10:00").is_err());
/// ```
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, InstantError> {
    let trimmed = text.trim();
    match DateTime::parse_from_rfc3339(trimmed) {
        Ok(instant) => Ok(instant.with_timezone(&Utc)),
        Err(_) => {
            if super::time_text::is_date_time_without_offset(trimmed) {
                Err(InstantError::NoOffset(text.to_owned()))
            } else {
                Err(InstantError::Malformed(text.to_owned()))
            }
        }
    }
}

/// Writes an instant as RFC 3339 in UTC.
pub fn serialize<S: Serializer>(value: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&value.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

/// Reads an instant; see [`parse_instant`].
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_str(InstantVisitor)
}

/// `Option<DateTime<Utc>>`: null or absent means unknown.
pub mod option {
    use super::InstantVisitor;
    use chrono::{DateTime, Utc};
    use serde::de::Visitor;
    use serde::{Deserializer, Serializer};
    use std::fmt;

    /// Writes a present instant as [`super::serialize`] does, an absent one as null.
    pub fn serialize<S: Serializer>(
        value: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(instant) => super::serialize(instant, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads an optional instant.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        struct OptionVisitor;
        impl<'de> Visitor<'de> for OptionVisitor {
            type Value = Option<DateTime<Utc>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 instant or null")
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_str(InstantVisitor).map(Some)
            }
            /// From a format that passes an optional field on as its value.
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                InstantVisitor.visit_str(v).map(Some)
            }
        }
        deserializer.deserialize_option(OptionVisitor)
    }
}

pub(crate) struct InstantVisitor;

impl Visitor<'_> for InstantVisitor {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 instant with an offset")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        parse_instant(v).map_err(E::custom)
    }
}
