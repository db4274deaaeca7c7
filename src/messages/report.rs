//! The decision in the contract's wire shape, with messages in one language: what services
//! store and admin screens show.

use super::{Lang, note_text, reason_text};
use crate::decision::{Decision, Note, NoteDetails, ProviderError, Reason, ReasonDetails};
use crate::model::{Currency, amount};
use chrono::{Datelike, Timelike};
use rust_decimal::Decimal;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::fmt::Display;

/// A [`Decision`] ready to serialize as contract §4 describes: `verdict`, `reasons` and
/// `notes` with messages in one language, `refund`, and the numbers behind them (`deadline`,
/// `refund_account`, `fee`, `processing_days`).
///
/// ```
/// use refund_policy::can_refund;
/// use refund_policy::messages::Lang;
/// use refund_policy::model::{Method, Payment, Provider, RefundRequest, parse_instant};
/// use rust_decimal::Decimal;
///
/// let paid_at = parse_instant("2026-03-02T10:00:00+09:00").unwrap();
/// let payment = Payment::paid(Provider::PortoneV2, Method::Card, Decimal::from(10000), paid_at);
/// let decision = can_refund(&payment, &RefundRequest::default(), paid_at);
///
/// let json = serde_json::to_value(decision.report(Lang::En)).unwrap();
/// assert_eq!(json["verdict"], "deny");
/// assert_eq!(json["reasons"][0]["code"], "REASON_REQUIRED");
/// assert_eq!(json["reasons"][0]["provider_error"]["name"], "INVALID_REQUEST");
/// assert_eq!(json["refund"]["remaining_after"], 0);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    pub(super) decision: &'a Decision,
    pub(super) lang: Lang,
}

impl Decision {
    /// The decision in the contract's JSON shape, with messages in `lang`.
    pub fn report(&self, lang: Lang) -> Report<'_> {
        Report {
            decision: self,
            lang,
        }
    }
}

impl Serialize for Report<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize_fields(serializer)
    }
}

impl Report<'_> {
    /// The report field by field, for any serializer.
    pub(super) fn serialize_fields<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.decision;
        let currency = d.refund.currency;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("verdict", &d.verdict())?;
        map.serialize_entry(
            "reasons",
            &Reasons {
                reasons: &d.reasons,
                currency,
                lang: self.lang,
            },
        )?;
        map.serialize_entry(
            "notes",
            &Notes {
                notes: &d.notes,
                lang: self.lang,
            },
        )?;
        map.serialize_entry("refund", &d.refund)?;
        if let Some(deadline) = &d.deadline {
            map.serialize_entry("deadline", deadline)?;
        }
        if let Some(account) = &d.refund_account {
            map.serialize_entry("refund_account", account)?;
        }
        if let Some((amount, currency)) = d.fee() {
            map.serialize_entry("fee", &Fee { amount, currency })?;
        }
        if let Some((min, max)) = d.processing_days() {
            map.serialize_entry("processing_days", &ProcessingDays { min, max })?;
        }
        map.serialize_entry("provider", &d.provider)?;
        if let Some(policy) = &d.policy {
            map.serialize_entry("policy", policy)?;
        }
        map.serialize_entry("now", &Instant(d.now))?;
        map.end()
    }
}

/// A decision serializes as its [`Report`] in Korean, the contract's default language; call
/// [`Decision::report`] for English.
impl Serialize for Decision {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.report(Lang::Ko).serialize(serializer)
    }
}

struct Reasons<'a> {
    reasons: &'a [Reason],
    currency: Currency,
    lang: Lang,
}

impl Serialize for Reasons<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.reasons.len()))?;
        for reason in self.reasons {
            seq.serialize_element(&ReasonView {
                code: reason.code().as_str(),
                rule: reason.rule.as_str(),
                message: Message(reason_text(reason, self.currency, self.lang)),
                provider_error: reason.provider_error.as_ref(),
                details: &reason.details,
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
#[serde(bound = "M: Display")]
struct ReasonView<'a, M> {
    code: &'static str,
    rule: &'a str,
    message: Message<M>,
    #[serde(skip_serializing_if = "Option::is_none")]
    provider_error: Option<&'a ProviderError>,
    details: &'a ReasonDetails,
}

struct Notes<'a> {
    notes: &'a [Note],
    lang: Lang,
}

impl Serialize for Notes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.notes.len()))?;
        for note in self.notes {
            seq.serialize_element(&NoteView {
                code: note.code().as_str(),
                rule: note.rule.as_str(),
                message: Message(note_text(note, self.lang)),
                details: &note.details,
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
#[serde(bound = "M: Display")]
struct NoteView<'a, M> {
    code: &'static str,
    rule: &'a str,
    message: Message<M>,
    details: &'a NoteDetails,
}

/// A message written straight into the serializer: no `String` is built for it.
struct Message<M>(M);

impl<M: Display> Serialize for Message<M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

#[derive(Serialize)]
pub(super) struct Fee {
    #[serde(with = "amount")]
    pub(super) amount: Decimal,
    pub(super) currency: Currency,
}

#[derive(Serialize)]
struct ProcessingDays {
    min: u32,
    max: u32,
}

pub(super) struct Instant(pub(super) chrono::DateTime<chrono::Utc>);

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_plain() {
            serializer.collect_str(self)
        } else {
            crate::model::instant::serialize(&self.0, serializer)
        }
    }
}

impl Instant {
    /// Whether [`Instant`]'s `Display` writes it as `model::instant` does: a four-digit year
    /// and no leap second. chrono writes the others.
    pub(super) fn is_plain(&self) -> bool {
        (0..=9999).contains(&self.0.year()) && self.0.nanosecond() < 1_000_000_000
    }
}

/// RFC 3339 in UTC with chrono's `AutoSi` fraction, as `model::instant` writes it, without
/// building a `String`; only for [`Instant::is_plain`] instants.
impl Display for Instant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )?;
        let nanos = t.nanosecond();
        if nanos == 0 {
            f.write_str("Z")
        } else if nanos.is_multiple_of(1_000_000) {
            write!(f, ".{:03}Z", nanos / 1_000_000)
        } else if nanos.is_multiple_of(1_000) {
            write!(f, ".{:06}Z", nanos / 1_000)
        } else {
            write!(f, ".{nanos:09}Z")
        }
    }
}
