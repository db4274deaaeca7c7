//! What a check may write, whatever keeps it: a decision's [`Sink`](super::Sink) keeps every
//! detail; a [`Screening`] keeps the reason codes alone.
//!
//! The checks are generic over this trait, so the same code decides and screens; each is
//! compiled once for each. Everything but a reason's code (its details, notes, the last
//! refundable day) is handed over as a closure, so a screening builds none of it.

use crate::decision::Screening;
use crate::decision::{DeadlineSummary, NoteDetails, ReasonCode, ReasonDetails, RuleId};
use crate::policy::RuleMeta;

/// A reason's code, and its details built on demand: `reason!(DeadlinePassed { .. })`. The
/// variant is named once, for both, so the code a screening keeps is always the one the
/// decision's details carry.
macro_rules! reason {
    ($variant:ident $($fields:tt)?) => {
        (
            $crate::decision::ReasonCode::$variant,
            || $crate::decision::ReasonDetails::$variant $($fields)?,
        )
    };
}
pub(crate) use reason;

/// What the checks of one pass found, in the order they found it.
pub(crate) trait Findings {
    /// A reason from a policy rule: its code, and its details (see [`reason!`]).
    fn reason(&mut self, rule: &RuleMeta, found: (ReasonCode, impl FnOnce() -> ReasonDetails));
    /// A reason from one of the checks every policy has.
    fn common_reason(&mut self, rule: &RuleId, found: (ReasonCode, impl FnOnce() -> ReasonDetails));
    /// A note, built only where it is kept: notes never change the verdict.
    fn note(&mut self, rule: &RuleId, details: impl FnOnce() -> NoteDetails);
    /// The `MANUAL_REFUND` note, once however many rules call for it.
    fn manual_refund(&mut self, rule: &RuleId, because: ReasonCode);
    /// A last refundable day a rule imposes, built only where it is kept.
    fn last_refundable_day(&mut self, deadline: impl FnOnce() -> DeadlineSummary);
    /// The refund is paid to the refund account given.
    fn refund_to_account(&mut self);
}

/// A screening keeps what makes the verdict, the reasons' codes, and drops the rest.
impl Findings for Screening {
    #[inline]
    fn reason(&mut self, _: &RuleMeta, (code, _): (ReasonCode, impl FnOnce() -> ReasonDetails)) {
        self.push(code);
    }

    #[inline]
    fn common_reason(
        &mut self,
        _: &RuleId,
        (code, _): (ReasonCode, impl FnOnce() -> ReasonDetails),
    ) {
        self.push(code);
    }

    #[inline]
    fn note(&mut self, _: &RuleId, _: impl FnOnce() -> NoteDetails) {}

    #[inline]
    fn manual_refund(&mut self, _: &RuleId, _: ReasonCode) {}

    #[inline]
    fn last_refundable_day(&mut self, _: impl FnOnce() -> DeadlineSummary) {}

    #[inline]
    fn refund_to_account(&mut self) {}
}
