//! What one evaluation pass finds: reasons and notes as rules report them, and the numbers the
//! decision shows. The decision is made from these alone.

use super::facts::Facts;
use crate::decision::{
    DeadlineSummary, Decision, Note, NoteCode, NoteDetails, Reason, ReasonCode, ReasonDetails,
    RefundAccountSummary, RefundSummary, RuleId,
};
use crate::policy::{CompiledPolicy, RuleMeta};

pub(crate) struct Findings<'p> {
    policy: &'p CompiledPolicy,
    reasons: Vec<Reason>,
    notes: Vec<Note>,
    pub(crate) deadline: Option<DeadlineSummary>,
    pub(crate) refund_account: Option<RefundAccountSummary>,
}

impl<'p> Findings<'p> {
    pub(crate) fn new(policy: &'p CompiledPolicy) -> Findings<'p> {
        Findings {
            policy,
            reasons: Vec::new(),
            notes: Vec::new(),
            deadline: None,
            refund_account: None,
        }
    }

    pub(crate) fn policy(&self) -> &'p CompiledPolicy {
        self.policy
    }

    /// A reason from a policy rule; the rule's own provider error, if it sets one, wins over
    /// the policy's table.
    pub(crate) fn reason(&mut self, rule: &RuleMeta, details: ReasonDetails) {
        let provider_error = match &rule.provider_error {
            Some(own) => own.clone(),
            None => self.policy.error(details.code()).cloned(),
        };
        self.reasons.push(Reason {
            rule: rule.id.clone(),
            provider_error,
            details,
        });
    }

    /// A reason from one of the checks every policy has.
    pub(crate) fn common_reason(&mut self, rule: &RuleId, details: ReasonDetails) {
        let provider_error = self.policy.error(details.code()).cloned();
        self.reasons.push(Reason {
            rule: rule.clone(),
            provider_error,
            details,
        });
    }

    pub(crate) fn note(&mut self, rule: &RuleId, details: NoteDetails) {
        self.notes.push(Note {
            rule: rule.clone(),
            details,
        });
    }

    /// The `MANUAL_REFUND` note, once per decision however many rules call for it.
    pub(crate) fn manual_refund(&mut self, rule: &RuleId, because: ReasonCode) {
        let already = self
            .notes
            .iter()
            .any(|n| matches!(n.details, NoteDetails::ManualRefund { .. }));
        if !already {
            self.note(rule, NoteDetails::ManualRefund { because });
        }
    }

    pub(crate) fn has_note(&self, code: NoteCode) -> bool {
        self.notes.iter().any(|n| n.code() == code)
    }

    pub(crate) fn has_reason(&self, code: ReasonCode) -> bool {
        self.reasons.iter().any(|r| r.code() == code)
    }

    pub(crate) fn into_decision(self, facts: &Facts<'_>) -> Decision {
        Decision {
            provider: facts.payment.provider,
            policy: self
                .policy
                .is_loaded()
                .then(|| std::sync::Arc::clone(&self.policy.id)),
            now: facts.now,
            reasons: self.reasons,
            notes: self.notes,
            refund: RefundSummary {
                amount: facts.amount,
                partial: facts.partial,
                remaining_after: super::facts::difference(facts.balance, facts.amount),
                balance: facts.balance,
                tax_free_balance: facts.tax_free_balance,
                currency: facts.payment.currency,
            },
            deadline: self.deadline,
            refund_account: self.refund_account,
        }
    }
}
