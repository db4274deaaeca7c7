//! The decision: a verdict, every reason behind it, notes, and the numbers a refund service
//! or an operator needs (contract §4).
//!
//! A decision is built by one evaluation pass that records reasons as it finds them; the
//! verdict is read off the reasons ([`Decision::verdict`]), so the explanation cannot drift
//! from it.

mod circumstance;
mod code;
mod note;
mod policy_text;
mod reason;
mod screening;
mod shared_id;

pub use circumstance::{Circumstance, Circumstances};
pub use code::{NoteCode, ReasonCode};
pub use note::{FundingSpan, FundingSpans, Note, NoteDetails};
pub use policy_text::PolicyText;
pub use reason::{
    AccountField, AccountProblem, AmountField, AmountProblem, ContractName, NextMonthRefund,
    PaymentProblem, ProviderError, Reason, ReasonDetails, RequestField, TimeRule,
};
pub use screening::Screening;
pub(crate) use shared_id::SharedId;

use crate::calendar::Span;
use crate::model::{Bank, Currency, Provider, amount};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use smallvec::SmallVec;
use std::fmt;

/// Allow or deny.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No reason stands in the way.
    Allow,
    /// At least one reason does.
    Deny,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Allow => "allow",
            Verdict::Deny => "deny",
        })
    }
}

/// The id of a policy rule: the policy, the scope and the rule kind, joined by ` › `
/// (`portone_v2 › mobile › same_month`).
///
/// Cloning one costs no atomic operation: the ids of the rules a process loads are kept for
/// its life, once each (up to a bound, past which they are reference-counted).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId(SharedId);

impl RuleId {
    pub(crate) fn new(id: impl AsRef<str>) -> RuleId {
        RuleId(SharedId::new(id.as_ref()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Whether a refund will go through, and why not.
///
/// ```
/// use refund_policy::can_refund;
/// use refund_policy::decision::{ReasonCode, Verdict};
/// use refund_policy::model::{Method, Payment, Provider, RefundRequest, parse_instant};
/// use rust_decimal::Decimal;
///
/// let paid_at = parse_instant("2026-01-31T23:30:00+09:00").unwrap();
/// let payment = Payment::paid(Provider::PortoneV2, Method::Mobile, Decimal::from(10000), paid_at);
/// let request = RefundRequest { reason: Some("고객 요청".into()), ..Default::default() };
///
/// let now = parse_instant("2026-02-01T00:10:00+09:00").unwrap();
/// let decision = can_refund(&payment, &request, now);
/// assert_eq!(decision.verdict(), Verdict::Deny);
/// assert_eq!(decision.reason_codes(), [ReasonCode::MonthChanged]);
/// assert_eq!(decision.refund().amount, Decimal::from(10000));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub(crate) provider: Provider,
    pub(crate) policy: Option<SharedId>,
    pub(crate) now: DateTime<Utc>,
    pub(crate) reasons: Reasons,
    pub(crate) notes: Notes,
    pub(crate) refund: RefundSummary,
    pub(crate) deadline: Option<DeadlineSummary>,
    pub(crate) refund_account: Option<RefundAccountSummary>,
}

impl Decision {
    /// `Deny` exactly when there is at least one reason.
    pub fn verdict(&self) -> Verdict {
        if self.reasons.is_empty() {
            Verdict::Allow
        } else {
            Verdict::Deny
        }
    }

    /// Whether the refund is allowed.
    pub fn is_allowed(&self) -> bool {
        self.verdict() == Verdict::Allow
    }

    /// Every reason the refund would not go through, in a fixed order.
    pub fn reasons(&self) -> &[Reason] {
        &self.reasons
    }

    /// The codes of [`Decision::reasons`].
    pub fn reason_codes(&self) -> Vec<ReasonCode> {
        self.reasons.iter().map(Reason::code).collect()
    }

    /// Notes that do not block the refund.
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// The codes of [`Decision::notes`].
    pub fn note_codes(&self) -> Vec<NoteCode> {
        self.notes.iter().map(Note::code).collect()
    }

    /// What this request refunds, and what remains after it.
    pub fn refund(&self) -> &RefundSummary {
        &self.refund
    }

    /// The last refundable day, where a deadline or same-month rule applies and the payment
    /// time is known.
    pub fn deadline(&self) -> Option<&DeadlineSummary> {
        self.deadline.as_ref()
    }

    /// The refund account's bank, and the code to send for it, where an account is needed.
    pub fn refund_account(&self) -> Option<&RefundAccountSummary> {
        self.refund_account.as_ref()
    }

    /// The fee the refund costs the merchant, from the `REFUND_FEE` note.
    pub fn fee(&self) -> Option<(Decimal, Currency)> {
        self.notes.iter().find_map(|note| match note.details {
            NoteDetails::RefundFee { amount, currency } => Some((amount, currency)),
            _ => None,
        })
    }

    /// How many business days the money takes, from the `PROCESSING_DELAY` note.
    pub fn processing_days(&self) -> Option<(u32, u32)> {
        self.notes.iter().find_map(|note| match note.details {
            NoteDetails::ProcessingDelay {
                min_business_days,
                max_business_days,
                ..
            } => Some((min_business_days, max_business_days)),
            _ => None,
        })
    }

    /// The payment's provider.
    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// The id of the policy that decided, if one was loaded for the provider.
    pub fn policy(&self) -> Option<&str> {
        self.policy.as_deref()
    }

    /// The instant the decision was made for.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }
}

/// A decision's notes, inline: a resolved rule set writes at most one note per note code, and
/// an allowed refund carries a few (fee, processing time), which then cost no allocation.
pub(crate) type Notes = SmallVec<[Note; 4]>;

/// A decision's reasons, the first inline: most denials have one reason, which then costs no
/// allocation; a larger inline part would make every decision larger to return and to drop.
pub(crate) type Reasons = SmallVec<[Reason; 1]>;

/// What a request refunds (contract §4: `refund`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefundSummary {
    /// What the request asks to refund: its `amount`, or the balance when absent.
    #[serde(with = "amount")]
    pub amount: Decimal,
    /// `0 < amount < balance`.
    pub partial: bool,
    /// `balance − amount`; negative when the request is over the balance.
    #[serde(with = "amount")]
    pub remaining_after: Decimal,
    /// What could be refunded before this request: `total − cancelled`.
    #[serde(with = "amount")]
    pub balance: Decimal,
    /// The tax-free part of the balance: `tax_free − cancelled_tax_free`.
    #[serde(with = "amount")]
    pub tax_free_balance: Decimal,
    /// The payment's currency.
    pub currency: Currency,
}

/// Until when a refund is possible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineSummary {
    /// The rule that sets it.
    pub rule: RuleId,
    /// A span from the payment day, or the calendar month of payment.
    pub kind: DeadlineKind,
    /// The local date of payment.
    #[serde(serialize_with = "date")]
    pub paid_on: NaiveDate,
    /// The last day a refund is possible, in the policy's time zone.
    #[serde(serialize_with = "date")]
    pub last_refundable_day: NaiveDate,
    /// The span, for span deadlines.
    #[serde(
        serialize_with = "display_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub within: Option<Span>,
    /// The policy's time zone.
    pub time_zone: &'static str,
}

/// The kind of a [`DeadlineSummary`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// A span from the payment day.
    Within,
    /// The calendar month of payment.
    SameMonth,
}

/// The refund account's bank as the provider must receive it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefundAccountSummary {
    /// The bank the request names.
    pub bank: Bank,
    /// The code to send for it, where the provider or PG takes codes (`88`, `BK88`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bank_code: Option<PolicyText>,
    /// The code table it came from (`KG이니시스`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_table: Option<PolicyText>,
}

pub(crate) fn display<T: fmt::Display, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// A date as chrono displays it (`2026-01-20`), handed to the serializer as a string whole.
pub(crate) fn date<S: Serializer>(value: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    use crate::digits::{date, serialize_digits};
    let digits = date(*value);
    serialize_digits(digits.as_ref().map(|d| &d[..]), value, serializer)
}

/// An optional date, as [`date`] writes one.
pub(crate) fn date_option<S: Serializer>(
    value: &Option<NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => date(value, serializer),
        None => serializer.serialize_none(),
    }
}

pub(crate) fn display_option<T: fmt::Display, S: Serializer>(
    value: &Option<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.collect_str(value),
        None => serializer.serialize_none(),
    }
}
