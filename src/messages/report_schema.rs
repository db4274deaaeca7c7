//! The JSON Schema of a decision's report (contract §4), for callers in other languages to
//! generate their types from. [`Report`](super::Report) writes its JSON by hand, field by
//! field, so the schema is derived from these types, which mirror it; a test checks every
//! report of the example cases against the checked-in schema, and every key they write
//! against the schema's properties.

use super::options_report::{FeeEntry, NoteEntry, ReasonEntry};
use crate::model::{Bank, Currency, Provider, amount};
use rust_decimal::Decimal;
use schemars::JsonSchema;

/// A decision as `refund-policy decide` and [`Decision::report`](crate::Decision::report)
/// write it.
#[derive(JsonSchema)]
#[allow(dead_code, reason = "the type exists for its schema")]
struct DecisionReport {
    /// `allow` exactly when `reasons` is empty.
    verdict: Verdict,
    /// Every reason the refund would not go through, in the documented order.
    reasons: Vec<ReasonEntry>,
    /// Notes that do not block the refund.
    notes: Vec<NoteEntry>,
    /// What the request refunds.
    refund: Refund,
    /// The last refundable day, where a deadline or same-month rule applies.
    #[serde(default)]
    deadline: Option<Deadline>,
    /// The refund account's bank and the code to send for it.
    #[serde(default)]
    refund_account: Option<RefundAccount>,
    /// The fee the refund costs the merchant.
    #[serde(default)]
    fee: Option<FeeEntry>,
    /// How many business days the money takes.
    #[serde(default)]
    processing_days: Option<ProcessingDays>,
    /// The payment's provider.
    provider: Provider,
    /// The policy that decided.
    #[serde(default)]
    policy: Option<String>,
    /// The instant decided for, RFC 3339 in UTC.
    now: String,
}

/// Allow or deny.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code, reason = "the type exists for its schema")]
enum Verdict {
    /// No reason stands in the way.
    Allow,
    /// At least one reason does.
    Deny,
}

/// What a request refunds.
#[derive(JsonSchema)]
#[allow(dead_code, reason = "the type exists for its schema")]
struct Refund {
    /// The request's amount, or the balance when it gives none.
    #[schemars(schema_with = "amount::schema")]
    amount: Decimal,
    /// `0 < amount < balance`.
    partial: bool,
    /// `balance − amount`.
    #[schemars(schema_with = "amount::schema")]
    remaining_after: Decimal,
    /// `total − cancelled`.
    #[schemars(schema_with = "amount::schema")]
    balance: Decimal,
    /// The tax-free part of the balance.
    #[schemars(schema_with = "amount::schema")]
    tax_free_balance: Decimal,
    /// The payment's currency.
    currency: Currency,
}

/// Until when a refund is possible.
#[derive(JsonSchema)]
#[allow(dead_code, reason = "the type exists for its schema")]
struct Deadline {
    /// The rule that sets it.
    rule: String,
    /// `within` or `same_month`.
    kind: String,
    /// The local date of payment.
    paid_on: String,
    /// The last day a refund is possible.
    last_refundable_day: String,
    /// The span, for span deadlines.
    #[serde(default)]
    within: Option<String>,
    /// The policy's time zone.
    time_zone: String,
}

/// The refund account's bank as the provider must receive it.
#[derive(JsonSchema)]
#[allow(dead_code, reason = "the type exists for its schema")]
struct RefundAccount {
    /// The bank the request names.
    bank: Bank,
    /// The code to send for it.
    #[serde(default)]
    bank_code: Option<String>,
    /// The code table it came from.
    #[serde(default)]
    code_table: Option<String>,
}

/// Business days.
#[derive(JsonSchema)]
#[allow(dead_code, reason = "the type exists for its schema")]
struct ProcessingDays {
    /// The fewest.
    min: u32,
    /// The most.
    max: u32,
}

/// The JSON Schema of a decision's report, pretty-printed. `schemas/decision.schema.json`
/// holds it; a test fails when the file is stale, and `refund-policy schema decision` prints
/// it anew.
///
/// ```
/// let schema = refund_policy::messages::decision_json_schema().unwrap();
/// assert!(schema.contains("\"title\": \"DecisionReport\""));
/// ```
pub fn decision_json_schema() -> Result<String, serde_json::Error> {
    let schema = schemars::schema_for!(DecisionReport);
    serde_json::to_string_pretty(&schema).map(|text| text + "\n")
}
