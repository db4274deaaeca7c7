//! Notes: what the caller should know that does not block the refund.

use super::shared_id::Shared;
use super::{NoteCode, ReasonCode, RuleId, date_option, display, display_option};
use crate::calendar::completion::ExpectedCompletion;
use crate::calendar::{
    BusinessDays, OutsideCalendar, Span, expected_completion, indexed_completion,
};
use crate::model::{Currency, Funding, amount};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;
use std::ops::Deref;

/// A non-blocking note and the policy rule it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub(crate) rule: RuleId,
    pub(crate) details: NoteDetails,
}

impl Note {
    /// The stable code (`REFUND_FEE`).
    pub fn code(&self) -> NoteCode {
        self.details.code()
    }

    /// The id of the policy rule that produced it.
    pub fn rule(&self) -> &RuleId {
        &self.rule
    }

    /// The numbers behind the note.
    pub fn details(&self) -> &NoteDetails {
        &self.details
    }
}

/// The data behind a note, one variant per [`NoteCode`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum NoteDetails {
    /// `REFUND_FEE`.
    RefundFee {
        /// The fee per refund.
        #[serde(with = "amount")]
        amount: Decimal,
        /// Its currency.
        currency: Currency,
    },
    /// `PROCESSING_DELAY`.
    ProcessingDelay {
        /// The fewest business days.
        min_business_days: u32,
        /// The most business days.
        max_business_days: u32,
        /// The first date the money can arrive for a refund requested at the decision's
        /// instant, on the Korean business-day calendar.
        #[serde(
            serialize_with = "date_option",
            skip_serializing_if = "Option::is_none"
        )]
        expected_earliest: Option<NaiveDate>,
        /// The date by which it arrives.
        #[serde(
            serialize_with = "date_option",
            skip_serializing_if = "Option::is_none"
        )]
        expected_by: Option<NaiveDate>,
        /// Why no date is given: the count runs outside the calendar's data. Boxed, as the
        /// ids of the unknown-id notes are: rare, and kept out of line so that every note,
        /// which a decision holds inline, stays small.
        #[serde(
            serialize_with = "display_option",
            skip_serializing_if = "Option::is_none"
        )]
        no_date: Option<Box<OutsideCalendar>>,
    },
    /// `ASYNC_CANCELLATION`.
    AsyncCancellation {},
    /// `MANUAL_REFUND`.
    ManualRefund {
        /// The reason the provider cannot refund.
        because: ReasonCode,
    },
    /// `FUNDING_ASSUMED`.
    FundingAssumed {
        /// The funding the payment reports, if any (one the rule does not list).
        #[serde(skip_serializing_if = "Option::is_none")]
        funding: Option<Funding>,
        /// The span that was applied: the strictest of the rule's.
        #[serde(serialize_with = "display")]
        applied: Span,
        /// The rule's spans by funding, shared with the rule.
        spans: FundingSpans,
    },
    /// `UNKNOWN_PG`.
    UnknownPg {
        /// The payment's `pg`, as written.
        id: Box<str>,
        /// The known id nearest to it, if one is near enough to be a misspelling.
        #[serde(skip_serializing_if = "Option::is_none")]
        closest: Option<Box<str>>,
    },
    /// `UNKNOWN_EASY_PAY_PROVIDER`.
    UnknownEasyPayProvider {
        /// The payment's `easy_pay.provider`, as written.
        id: Box<str>,
        /// The known service nearest to it, if one is near enough to be a misspelling.
        #[serde(skip_serializing_if = "Option::is_none")]
        closest: Option<Box<str>>,
    },
    /// `CASH_RECEIPT_NOT_CANCELLED`.
    CashReceiptNotCancelled {},
}

impl NoteDetails {
    /// The code these details belong to.
    pub fn code(&self) -> NoteCode {
        match self {
            NoteDetails::RefundFee { .. } => NoteCode::RefundFee,
            NoteDetails::ProcessingDelay { .. } => NoteCode::ProcessingDelay,
            NoteDetails::AsyncCancellation {} => NoteCode::AsyncCancellation,
            NoteDetails::ManualRefund { .. } => NoteCode::ManualRefund,
            NoteDetails::FundingAssumed { .. } => NoteCode::FundingAssumed,
            NoteDetails::UnknownPg { .. } => NoteCode::UnknownPg,
            NoteDetails::UnknownEasyPayProvider { .. } => NoteCode::UnknownEasyPayProvider,
            NoteDetails::CashReceiptNotCancelled {} => NoteCode::CashReceiptNotCancelled,
        }
    }

    /// The processing time of a refund requested on `today`, with its expected dates.
    pub(crate) fn processing_delay(days: BusinessDays, today: NaiveDate) -> NoteDetails {
        let (min, max) = (days.min(), days.max());
        let (expected_earliest, expected_by, no_date) = match indexed_completion(today, min, max) {
            Some(dates) => (Some(dates.earliest), Some(dates.latest), None),
            None => outside_index(today, min, max),
        };
        NoteDetails::ProcessingDelay {
            min_business_days: min,
            max_business_days: max,
            expected_earliest,
            expected_by,
            no_date,
        }
    }
}

/// The expected dates when the business-day index does not hold them, with why there are
/// none. Out of line: it is rare (a date before the calendar's data, a count past it), and its
/// answer, which names the calendar, is larger than the usual one.
#[cold]
fn outside_index(
    today: NaiveDate,
    min: u32,
    max: u32,
) -> (
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<Box<OutsideCalendar>>,
) {
    match expected_completion(today, min, max) {
        ExpectedCompletion::Dates(dates) => (Some(dates.earliest), Some(dates.latest), None),
        ExpectedCompletion::OutsideCalendar(outside) => (None, None, Some(Box::new(outside))),
        ExpectedCompletion::NoCalendar => (None, None, None),
    }
}

/// A deadline span for one funding source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FundingSpan {
    /// The funding source.
    pub funding: Funding,
    /// Its span.
    #[serde(serialize_with = "display")]
    pub within: Span,
}

/// A deadline's spans by funding, shared with the rule that has them: a note that lists them
/// copies a reference, with no allocation and no atomic operation. They read as a slice.
///
/// ```
/// use refund_policy::Engine;
/// use refund_policy::decision::NoteDetails;
/// use refund_policy::input;
/// use refund_policy::model::parse_instant;
///
/// let engine = Engine::builtin()?;
/// // KakaoPay without its funding: the strictest of the deadline's spans applies.
/// let payment = input::payment(r#"{"provider": "portone_v2", "method": "easy_pay",
///     "easy_pay": {"provider": "kakaopay"}, "status": "paid", "amount": {"total": 10000},
///     "paid_at": "2026-03-02T10:00:00+09:00"}"#)?;
/// let request = input::request(r#"{"reason": "고객 요청"}"#)?;
/// let now = parse_instant("2026-03-05T10:00:00+09:00")?;
/// let decision = engine.decide(&payment, &request, &input::merchant("")?, now);
/// let spans = decision.notes().iter().find_map(|note| match note.details() {
///     NoteDetails::FundingAssumed { spans, .. } => Some(spans),
///     _ => None,
/// });
/// assert!(spans.is_some_and(|spans| spans.len() > 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct FundingSpans(Shared<[FundingSpan]>);

impl FundingSpans {
    /// `spans`, kept once for the life of the process (see [`RuleId`]).
    pub(crate) fn new(spans: &[FundingSpan]) -> FundingSpans {
        FundingSpans(Shared::new(spans))
    }
}

impl Deref for FundingSpans {
    type Target = [FundingSpan];

    fn deref(&self) -> &[FundingSpan] {
        &self.0
    }
}

/// As the slice.
impl fmt::Debug for FundingSpans {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl Serialize for FundingSpans {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}
