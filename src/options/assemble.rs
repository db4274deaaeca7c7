//! Refund options from what the rules said about a full and a partial refund.

use super::sink::OptionsSink;
use super::{DeadlineOption, PartialOptions, Processing, RefundOptions};
use crate::calendar::expected_completion;
use crate::decision::{DeadlineSummary, Note, NoteDetails, Reason, RuleId};
use crate::model::{Currency, Method, Provider};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use std::sync::Arc;

/// What the rules said about one request shape.
pub(crate) struct Shape<'p> {
    pub(crate) reasons: Vec<Reason>,
    pub(crate) notes: Vec<Note>,
    pub(crate) deadline: Option<DeadlineSummary>,
    pub(crate) rest: OptionsSink<'p>,
}

/// What the engine found, to be put together.
pub(crate) struct Inputs<'p> {
    pub(crate) provider: Provider,
    pub(crate) method: Method,
    pub(crate) pg: Option<String>,
    pub(crate) policy: Option<Arc<str>>,
    pub(crate) now: DateTime<Utc>,
    pub(crate) today: NaiveDate,
    pub(crate) currency: Currency,
    pub(crate) balance: Decimal,
    pub(crate) tax_free_balance: Decimal,
    pub(crate) max_amount: Decimal,
    pub(crate) unit: Decimal,
    /// A refund of the balance.
    pub(crate) full: Shape<'p>,
    /// A refund of less, when the balance leaves room for one.
    pub(crate) partial: Option<Shape<'p>>,
}

/// Whether `reason` is among `reasons`: the same rule and code.
fn among(reason: &Reason, reasons: &[Reason]) -> bool {
    reasons
        .iter()
        .any(|r| r.rule() == reason.rule() && r.code() == reason.code())
}

pub(crate) fn assemble(inputs: Inputs<'_>) -> RefundOptions {
    let Inputs {
        provider,
        method,
        pg,
        policy,
        now,
        today,
        currency,
        balance,
        tax_free_balance,
        max_amount,
        unit,
        full,
        partial,
    } = inputs;
    let full_processing = processing(&full.notes, today);
    let partial = match partial {
        None => PartialOptions {
            allowed: false,
            refused: Vec::new(),
            missing_contracts: Vec::new(),
            cancels_left: full.rest.cancels_left.clone(),
            taxable_limit: full.rest.taxable_limit.clone(),
            notes: None,
            processing: None,
        },
        Some(shape) => {
            let refused: Vec<Reason> = shape
                .reasons
                .iter()
                .filter(|r| !among(r, &full.reasons))
                .cloned()
                .collect();
            let missing_contracts = shape
                .rest
                .contracts
                .iter()
                .filter(|c| {
                    !full
                        .rest
                        .contracts
                        .iter()
                        .any(|f| f.contract.id == c.contract.id)
                })
                .cloned()
                .collect();
            let differs = shape.notes != full.notes;
            let partial_processing = processing(&shape.notes, today);
            PartialOptions {
                allowed: refused.is_empty(),
                refused,
                missing_contracts,
                cancels_left: shape.rest.cancels_left.clone(),
                taxable_limit: shape.rest.taxable_limit.clone(),
                processing: (partial_processing != full_processing)
                    .then_some(partial_processing)
                    .flatten(),
                notes: differs.then_some(shape.notes),
            }
        }
    };
    let deadline = full.deadline.map(|summary| {
        let after = full
            .rest
            .after
            .iter()
            .find(|(rule, _)| *rule == summary.rule)
            .map(|(_, after)| after.clone())
            .unwrap_or(super::AfterDeadline::ManualRefund);
        DeadlineOption {
            days_left: summary
                .last_refundable_day
                .signed_duration_since(today)
                .num_days(),
            summary,
            after,
        }
    });
    RefundOptions {
        provider,
        method,
        pg,
        policy,
        now,
        today,
        currency,
        balance,
        tax_free_balance,
        max_amount,
        amount_unit: unit,
        blocking: full.reasons,
        partial,
        fields: full.rest.fields,
        bank_codes: full.rest.bank_codes,
        missing_contracts: full.rest.contracts,
        deadline,
        notes: full.notes,
        processing: full_processing,
    }
}

/// How long a refund with these notes takes, and when it reaches the customer if requested
/// on `today`.
pub(crate) fn processing(notes: &[Note], today: NaiveDate) -> Option<Processing> {
    notes.iter().find_map(|note| match note.details() {
        NoteDetails::ProcessingDelay {
            min_business_days,
            max_business_days,
            ..
        } => Some(Processing {
            rule: RuleId::clone(note.rule()),
            min_business_days: *min_business_days,
            max_business_days: *max_business_days,
            expected: expected_completion(today, *min_business_days, *max_business_days),
        }),
        _ => None,
    })
}
