//! A [`Report`] written as compact JSON text by hand ([`Report::write_json`]): the same keys,
//! in the same order, with the same values as [`Report::serialize_fields`] writes them, which
//! a test holds it to.
//!
//! The report's own strings (codes, rule ids, messages), the refund, the deadline and the
//! instants are written here; the parts that vary most (`details`, `refund_account`,
//! `provider`, amounts that are not whole numbers) are written by serde_json itself.

use super::json::{needs_escaping, push_contents, push_display, push_str};
use super::json_writer::push_serialized;
use super::report::{Fee, Instant, Report};
use super::{push_note_json, push_reason_json};
use crate::decision::{
    DeadlineKind, DeadlineSummary, Decision, Note, Reason, RefundSummary, Verdict,
};
use crate::digits;
use crate::model::Currency;
use chrono::{Datelike, NaiveDate, Timelike};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use std::fmt::{self, Write as _};

impl Report<'_> {
    /// Appends the report's compact JSON to `out`: the bytes `serde_json::to_string` writes
    /// for it, written by hand rather than through serde, in a fraction of the time. For a
    /// service that answers with the report as it is, and keeps its buffer between refunds;
    /// the [`Serialize`] impl serves every other format (pretty JSON, values, YAML).
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
    /// let mut json = String::new();
    /// decision.report(Lang::Ko).write_json(&mut json).unwrap();
    /// assert!(json.starts_with(r#"{"verdict":"deny","reasons":[{"code":"REASON_REQUIRED""#));
    /// assert_eq!(json, serde_json::to_string(&decision.report(Lang::Ko)).unwrap());
    /// ```
    ///
    /// # Errors
    ///
    /// When serde_json fails to write a reason's or note's details, which the library's own
    /// types never make it do; `out` is then left as it was.
    pub fn write_json(&self, out: &mut String) -> Result<(), serde_json::Error> {
        let start = out.len();
        let mut scratch = Vec::new();
        write(out, &mut scratch, self).map_err(|_| {
            out.truncate(start);
            serde::ser::Error::custom("a part of the report failed to write")
        })
    }
}

/// Appends `report`'s compact JSON to `out`, using `scratch` for the parts serde_json writes.
fn write(out: &mut String, scratch: &mut Vec<u8>, report: &Report<'_>) -> fmt::Result {
    let d: &Decision = report.decision;
    let currency = d.refund.currency;
    out.push_str(match d.verdict() {
        Verdict::Allow => "{\"verdict\":\"allow\",\"reasons\":[",
        Verdict::Deny => "{\"verdict\":\"deny\",\"reasons\":[",
    });
    for (i, reason) in d.reasons.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_reason(out, scratch, reason, currency, report)?;
    }
    out.push_str("],\"notes\":[");
    for (i, note) in d.notes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_note(out, scratch, note, report)?;
    }
    out.push_str("],\"refund\":");
    write_refund(out, scratch, &d.refund)?;
    if let Some(deadline) = &d.deadline {
        out.push_str(",\"deadline\":");
        write_deadline(out, deadline)?;
    }
    if let Some(account) = &d.refund_account {
        out.push_str(",\"refund_account\":");
        push_serialized(out, scratch, account)?;
    }
    if let Some((amount, currency)) = d.fee() {
        out.push_str(",\"fee\":");
        push_serialized(out, scratch, &Fee { amount, currency })?;
    }
    if let Some((min, max)) = d.processing_days() {
        out.push_str(",\"processing_days\":{\"min\":");
        push_integer(out, min);
        out.push_str(",\"max\":");
        push_integer(out, max);
        out.push('}');
    }
    out.push_str(",\"provider\":");
    push_serialized(out, scratch, &d.provider)?;
    if let Some(policy) = &d.policy {
        out.push_str(",\"policy\":");
        push_str(out, policy);
    }
    let now = Instant(d.now);
    // The UTC date and time as they are kept, without adding a zero offset to find them.
    let utc = d.now.naive_utc();
    if utc.nanosecond() == 0 && (0..=9999).contains(&utc.year()) {
        out.push_str(",\"now\":\"");
        push_date(out, utc.date())?;
        out.push('T');
        digits::push_hour_minute_second(out, utc.time());
        out.push_str("Z\"}");
        return Ok(());
    }
    out.push_str(",\"now\":");
    if now.is_plain() {
        push_display(out, &now)?;
    } else {
        push_serialized(out, scratch, &now)?;
    }
    out.push('}');
    Ok(())
}

/// The fields of [`RefundSummary`], as its derived `Serialize` writes them.
fn write_refund(out: &mut String, scratch: &mut Vec<u8>, refund: &RefundSummary) -> fmt::Result {
    out.push_str("{\"amount\":");
    push_amount(out, scratch, refund.amount)?;
    out.push_str(if refund.partial {
        ",\"partial\":true"
    } else {
        ",\"partial\":false"
    });
    out.push_str(",\"remaining_after\":");
    push_amount(out, scratch, refund.remaining_after)?;
    out.push_str(",\"balance\":");
    push_amount(out, scratch, refund.balance)?;
    out.push_str(",\"tax_free_balance\":");
    push_amount(out, scratch, refund.tax_free_balance)?;
    out.push_str(",\"currency\":\"");
    push_known(out, refund.currency.code());
    out.push_str("\"}");
    Ok(())
}

/// The fields of [`DeadlineSummary`], as its derived `Serialize` writes them.
fn write_deadline(out: &mut String, deadline: &DeadlineSummary) -> fmt::Result {
    out.push_str("{\"rule\":\"");
    push_contents(out, deadline.rule.as_str());
    out.push_str(match deadline.kind {
        DeadlineKind::Within => "\",\"kind\":\"within\"",
        DeadlineKind::SameMonth => "\",\"kind\":\"same_month\"",
    });
    out.push_str(",\"paid_on\":\"");
    push_date(out, deadline.paid_on)?;
    out.push_str("\",\"last_refundable_day\":\"");
    push_date(out, deadline.last_refundable_day)?;
    out.push('"');
    if let Some(within) = deadline.within {
        out.push_str(",\"within\":");
        push_display(out, &within)?;
    }
    out.push_str(",\"time_zone\":\"");
    push_known(out, deadline.time_zone);
    out.push_str("\"}");
    Ok(())
}

/// An amount as `model::amount` writes it: whole numbers below 2^53 here, the rest by it.
fn push_amount(out: &mut String, scratch: &mut Vec<u8>, amount: Decimal) -> fmt::Result {
    // Most amounts are whole won, written without decimals: their mantissa is the number
    // (`-0`'s is `0`, as normalizing writes it).
    if amount.scale() == 0
        && let Ok(int) = i64::try_from(amount.mantissa())
        && int.unsigned_abs() < (1_u64 << 53)
    {
        push_integer(out, int);
        return Ok(());
    }
    let normalized = amount.normalize();
    if normalized.scale() == 0
        && let Some(int) = normalized.to_i64()
        && int.unsigned_abs() < (1_u64 << 53)
    {
        push_integer(out, int);
        return Ok(());
    }
    push_serialized(out, scratch, &Amount(amount))
}

/// An amount serialized by `model::amount`.
#[derive(Serialize)]
struct Amount(#[serde(with = "crate::model::amount")] Decimal);

/// A date as chrono displays it (`2026-01-20`), without the quotes.
fn push_date(out: &mut String, date: NaiveDate) -> fmt::Result {
    if !digits::push_date(out, date) {
        write!(out, "{date}")?;
    }
    Ok(())
}

/// Appends the text of a time zone's or a currency's name, from their databases: letters,
/// digits, `/`, `_`, `-` and `+`, which JSON never escapes (a debug build checks it).
fn push_known(out: &mut String, text: &'static str) {
    debug_assert!(!needs_escaping(text), "`{text}` needs escaping");
    out.push_str(text);
}

/// An integer as JSON writes it.
fn push_integer(out: &mut String, value: impl itoa::Integer) {
    out.push_str(itoa::Buffer::new().format(value));
}

/// Opens a reason or note with its code. Codes are the contract's constants, capitals and
/// underscores (a test holds every one to it), so they are written without an escape check.
fn push_code(out: &mut String, code: &'static str) {
    out.push_str("{\"code\":\"");
    out.push_str(code);
    out.push('"');
}

fn write_reason(
    out: &mut String,
    scratch: &mut Vec<u8>,
    reason: &Reason,
    currency: Currency,
    report: &Report<'_>,
) -> fmt::Result {
    // Each string's closing quote is written with the text after it.
    push_code(out, reason.code().as_str());
    out.push_str(",\"rule\":\"");
    push_contents(out, reason.rule.as_str());
    out.push_str("\",\"message\":\"");
    push_reason_json(out, reason, currency, report.lang)?;
    if let Some(error) = &reason.provider_error {
        out.push_str("\",\"provider_error\":{\"name\":\"");
        push_contents(out, &error.name);
        match error.code {
            Some(code) => {
                out.push_str("\",\"code\":");
                push_integer(out, code);
                out.push_str("},\"details\":");
            }
            None => out.push_str("\",\"code\":null},\"details\":"),
        }
    } else {
        out.push_str("\",\"details\":");
    }
    push_serialized(out, scratch, &reason.details)?;
    out.push('}');
    Ok(())
}

fn write_note(
    out: &mut String,
    scratch: &mut Vec<u8>,
    note: &Note,
    report: &Report<'_>,
) -> fmt::Result {
    push_code(out, note.code().as_str());
    out.push_str(",\"rule\":\"");
    push_contents(out, note.rule.as_str());
    out.push_str("\",\"message\":\"");
    push_note_json(out, note, report.lang)?;
    out.push_str("\",\"details\":");
    push_serialized(out, scratch, &note.details)?;
    out.push('}');
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::decision::{NoteCode, ReasonCode};

    #[test]
    fn codes_are_capitals_and_underscores_which_json_writes_as_they_are() {
        let codes = ReasonCode::ALL
            .iter()
            .map(|code| code.as_str())
            .chain(NoteCode::ALL.iter().map(|code| code.as_str()));
        for code in codes {
            assert!(
                !code.is_empty() && code.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'),
                "{code}"
            );
            assert_eq!(
                serde_json::to_string(code).ok(),
                Some(format!("\"{code}\""))
            );
        }
    }
}
