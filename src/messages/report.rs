//! The decision in the contract's wire shape, with messages in one language: what services
//! store and admin screens show.

use super::{Lang, note_message, reason_message};
use crate::decision::{Decision, Note, NoteDetails, ProviderError, Reason, ReasonDetails};
use crate::model::{Currency, amount};
use rust_decimal::Decimal;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

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
    decision: &'a Decision,
    lang: Lang,
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
                message: reason_message(reason, self.currency, self.lang),
                provider_error: reason.provider_error.as_ref(),
                details: &reason.details,
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct ReasonView<'a> {
    code: &'static str,
    rule: &'a str,
    message: String,
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
                message: note_message(note, self.lang),
                details: &note.details,
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct NoteView<'a> {
    code: &'static str,
    rule: &'a str,
    message: String,
    details: &'a NoteDetails,
}

#[derive(Serialize)]
struct Fee {
    #[serde(with = "amount")]
    amount: Decimal,
    currency: Currency,
}

#[derive(Serialize)]
struct ProcessingDays {
    min: u32,
    max: u32,
}

struct Instant(chrono::DateTime<chrono::Utc>);

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::model::instant::serialize(&self.0, serializer)
    }
}
