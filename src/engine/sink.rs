//! Where checks write what they find: reasons and notes, the last refundable day they see,
//! whether the refund goes to the account given. Checks only write here; the decision is made
//! from it and the context alone, once every check has run. Its own storage allocates only for
//! a second reason or a fifth note.
//!
//! What the checks write goes straight into the decision it returns, so that finishing moves
//! the decision (some 620 bytes, its first reason and its notes inline) out once rather than
//! assembling it from parts.

use super::money::difference;
use super::{Context, Findings};
use crate::decision::{
    DeadlineSummary, Decision, Note, NoteCode, NoteDetails, Notes, ProviderError, Reason,
    ReasonCode, ReasonDetails, Reasons, RefundSummary, RuleId,
};
use crate::model::Currency;
use crate::policy::{CompiledPolicy, RuleMeta};
use chrono::DateTime;
use rust_decimal::Decimal;

/// Room made, in one allocation, when a second reason arrives: growing by doubling from the
/// one held inline would allocate again for a third.
const SPILLED: usize = 4;

/// What the checks of one decision found.
pub(crate) struct Sink<'p> {
    /// The policy's provider errors, by reason code, for reasons whose rule sets none.
    errors: &'p [Option<ProviderError>],
    /// The reasons, notes and deadline written so far; the rest is filled in by
    /// [`Sink::finish`], and the caller takes it from here.
    pub(super) decision: Decision,
    to_account: bool,
    /// Whether the `MANUAL_REFUND` note is written: the one note that settles the others.
    manual_refund: bool,
}

impl<'p> Sink<'p> {
    pub(crate) fn new(policy: &'p CompiledPolicy) -> Sink<'p> {
        Sink {
            errors: &policy.errors,
            decision: Decision {
                provider: policy.provider,
                policy: policy.is_loaded().then(|| policy.id.clone()),
                now: DateTime::UNIX_EPOCH,
                reasons: Reasons::new(),
                notes: Notes::new(),
                refund: RefundSummary {
                    amount: Decimal::ZERO,
                    partial: false,
                    remaining_after: Decimal::ZERO,
                    balance: Decimal::ZERO,
                    tax_free_balance: Decimal::ZERO,
                    currency: Currency::default(),
                },
                deadline: None,
                refund_account: None,
            },
            to_account: false,
            manual_refund: false,
        }
    }

    fn error(&self, code: ReasonCode) -> Option<ProviderError> {
        self.errors.get(code.index()).cloned().flatten()
    }

    /// The first reason is held inline (most denials have one); a second moves them to the
    /// heap with room for [`SPILLED`] at once, rather than growing two and then four.
    fn push_reason(&mut self, reason: Reason) {
        let reasons = &mut self.decision.reasons;
        if reasons.len() == reasons.inline_size() {
            reasons.reserve_exact(SPILLED.saturating_sub(reasons.len()));
        }
        reasons.push(reason);
    }

    /// The decision. When the provider cannot refund at all (`MANUAL_REFUND`), the notes that
    /// describe its refund (fee, processing time, asynchronous confirmation) describe nothing
    /// that happens, and are left out.
    ///
    /// Done in place: the caller moves [`Sink::decision`] out, so that the decision moves once
    /// and the sink not at all.
    pub(crate) fn finish(&mut self, cx: &Context<'_>) {
        if self.manual_refund {
            settle(&mut self.decision.notes);
        }
        if self.to_account {
            self.decision.refund_account = cx.account.as_ref().and_then(|a| a.summary());
        }
        let decision = &mut self.decision;
        decision.provider = cx.payment.provider;
        decision.now = cx.now;
        decision.refund = RefundSummary {
            amount: cx.amount,
            partial: cx.partial,
            remaining_after: difference(cx.balance, cx.amount),
            balance: cx.balance,
            tax_free_balance: cx.tax_free_balance,
            currency: cx.payment.currency,
        };
    }
}

impl Findings for Sink<'_> {
    /// A reason from a policy rule; the rule's own provider error, if it sets one, wins over
    /// the policy's table.
    fn reason(
        &mut self,
        rule: &RuleMeta,
        (code, details): (ReasonCode, impl FnOnce() -> ReasonDetails),
    ) {
        let provider_error = match &rule.provider_error {
            Some(own) => own.clone(),
            None => self.error(code),
        };
        let details = details();
        self.push_reason(Reason {
            rule: rule.id.clone(),
            provider_error,
            details,
        });
    }

    /// A reason from one of the checks every policy has.
    fn common_reason(
        &mut self,
        rule: &RuleId,
        (code, details): (ReasonCode, impl FnOnce() -> ReasonDetails),
    ) {
        self.push_reason(Reason {
            rule: rule.clone(),
            provider_error: self.error(code),
            details: details(),
        });
    }

    fn note(&mut self, rule: &RuleId, details: impl FnOnce() -> NoteDetails) {
        self.decision.notes.push(Note {
            rule: rule.clone(),
            details: details(),
        });
    }

    /// The `MANUAL_REFUND` note, once per decision however many rules call for it.
    fn manual_refund(&mut self, rule: &RuleId, because: ReasonCode) {
        if !self.manual_refund {
            self.manual_refund = true;
            self.note(rule, || NoteDetails::ManualRefund { because });
        }
    }

    /// A last refundable day a rule imposes. The decision shows the earliest; of two on the
    /// same day, the one written first (checks run in the documented order).
    fn last_refundable_day(&mut self, deadline: impl FnOnce() -> DeadlineSummary) {
        let deadline = deadline();
        match &mut self.decision.deadline {
            // The usual first deadline: written where nothing is to be dropped.
            None => self.decision.deadline = Some(deadline),
            Some(shown) if deadline.last_refundable_day < shown.last_refundable_day => {
                *shown = deadline;
            }
            Some(_) => {}
        }
    }

    /// The refund is paid to the refund account given, so the decision shows what to send for
    /// its bank.
    fn refund_to_account(&mut self) {
        self.to_account = true;
    }
}

impl Sink<'_> {
    /// The reasons, the notes (settled as a decision settles them) and the last refundable
    /// day: what refund options are made of.
    pub(crate) fn into_parts(mut self) -> (Vec<Reason>, Vec<Note>, Option<DeadlineSummary>) {
        if self.manual_refund {
            settle(&mut self.decision.notes);
        }
        let Decision {
            reasons,
            notes,
            deadline,
            ..
        } = self.decision;
        (reasons.into_vec(), notes.into_vec(), deadline)
    }
}

/// The notes of a refund the provider cannot make at all (`MANUAL_REFUND`): those that
/// describe the provider's refund are dropped.
fn settle(notes: &mut Notes) {
    notes.retain(|n| !describes_the_refund(n.code()));
}

/// Notes about how the provider's refund happens, as opposed to why it cannot.
fn describes_the_refund(code: NoteCode) -> bool {
    match code {
        NoteCode::RefundFee
        | NoteCode::ProcessingDelay
        | NoteCode::AsyncCancellation
        | NoteCode::CashReceiptNotCancelled => true,
        NoteCode::ManualRefund
        | NoteCode::FundingAssumed
        | NoteCode::UnknownPg
        | NoteCode::UnknownEasyPayProvider => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{Findings, Sink};
    use crate::decision::{DeadlineKind, DeadlineSummary, RuleId};
    use crate::model::Provider;
    use chrono::NaiveDate;

    fn march(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).unwrap_or_default()
    }

    fn deadline(rule: &str, day: u32) -> DeadlineSummary {
        DeadlineSummary {
            rule: RuleId::new(rule),
            kind: DeadlineKind::Within,
            paid_on: march(2),
            last_refundable_day: march(day),
            within: None,
            time_zone: "Asia/Seoul",
        }
    }

    /// Of the last refundable days the rules impose, the decision shows the earliest; of two
    /// on the same day, the one written first.
    #[test]
    fn the_earliest_last_refundable_day_is_shown_and_the_first_of_its_day() {
        let engine = match crate::Engine::builtin() {
            Ok(engine) => engine,
            Err(error) => panic!("the built-in policies load: {error}"),
        };
        let mut sink = Sink::new(engine.policies().policy(Provider::PortoneV2));
        let shown = |sink: &Sink<'_>| sink.decision.deadline.as_ref().map(|d| d.rule.to_string());
        assert_eq!(shown(&sink), None);
        sink.last_refundable_day(|| deadline("first", 20));
        assert_eq!(shown(&sink).as_deref(), Some("first"));
        sink.last_refundable_day(|| deadline("later", 25));
        assert_eq!(shown(&sink).as_deref(), Some("first"));
        sink.last_refundable_day(|| deadline("earlier", 10));
        assert_eq!(shown(&sink).as_deref(), Some("earlier"));
        sink.last_refundable_day(|| deadline("same day", 10));
        assert_eq!(shown(&sink).as_deref(), Some("earlier"));
    }
}
