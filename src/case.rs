//! Case files (contract §6): a payment, a request, a moment and the decision expected, kept by
//! tests, reviewers and users as regression cases.

use crate::Engine;
use crate::decision::{Decision, NoteCode, ReasonCode, Verdict};
use crate::input::InputError;
use crate::model::{MerchantProfile, Payment, RefundRequest, amount, instant};

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One case: the inputs of a decision and what it must say.
///
/// ```
/// use refund_policy::{Case, Engine};
///
/// let case = Case::from_text(r#"
/// name: mobile payment refunded the next month in Korea
/// now: 2026-02-01T00:10:00+09:00
/// payment:
///   provider: portone_v2
///   method: mobile
///   status: paid
///   amount: { total: 10000 }
///   paid_at: 2026-01-31T23:30:00+09:00
/// request: { reason: 고객 요청 }
/// expect:
///   verdict: deny
///   reasons: [MONTH_CHANGED]
///   notes: [MANUAL_REFUND]
///   refund_amount: 10000
/// "#).unwrap();
/// let outcome = case.run(Engine::builtin().unwrap());
/// assert!(outcome.passed(), "{:?}", outcome.mismatches);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// What the case is about.
    pub name: String,
    /// The moment of the decision.
    #[serde(with = "instant")]
    pub now: DateTime<Utc>,
    /// The merchant's contracts; none when absent.
    #[serde(default)]
    pub merchant: MerchantProfile,
    /// The payment.
    pub payment: Payment,
    /// The request; an empty one cancels what remains.
    #[serde(default)]
    pub request: RefundRequest,
    /// What the decision must say.
    pub expect: Expectation,
}

/// What a case's decision must say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// Allow or deny.
    pub verdict: Verdict,
    /// Reasons that must each be reported (others may be too); none with `allow`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<ReasonCode>,
    /// Notes that must each be reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteCode>,
    /// The amount the decision must say is refunded.
    #[serde(
        default,
        with = "amount::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub refund_amount: Option<Decimal>,
}

/// A case's decision and every way it differs from the expectation.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The decision made.
    pub decision: Decision,
    /// What differed; empty when the case passes.
    pub mismatches: Vec<String>,
}

impl Outcome {
    /// Whether the decision matched every expectation.
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty()
    }
}

fn codes<T: std::fmt::Display>(codes: &[T]) -> String {
    if codes.is_empty() {
        "none".to_owned()
    } else {
        codes
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Case {
    /// Reads a case from JSON or YAML text.
    pub fn from_text(text: &str) -> Result<Case, InputError> {
        let case: Case = crate::input::read_as(crate::input::Document::Case, text, false)?;
        case.payment
            .check()
            .map_err(|e| InputError::shape(Some("payment"), &e))?;
        Ok(case)
    }

    /// Decides the case with `engine` and compares the decision with the expectation.
    pub fn run(&self, engine: &Engine) -> Outcome {
        let decision = engine.decide(&self.payment, &self.request, &self.merchant, self.now);
        let mut mismatches = Vec::new();
        let reasons = decision.reason_codes();
        let notes = decision.note_codes();
        if decision.verdict() != self.expect.verdict {
            mismatches.push(format!(
                "verdict: expected {}, got {} (reasons: {})",
                self.expect.verdict,
                decision.verdict(),
                codes(&reasons)
            ));
        }
        if self.expect.verdict == Verdict::Allow && !self.expect.reasons.is_empty() {
            mismatches.push(format!(
                "the case expects allow with reasons {}: an allowed refund has none",
                codes(&self.expect.reasons)
            ));
        }
        for expected in &self.expect.reasons {
            if !reasons.contains(expected) {
                mismatches.push(format!(
                    "reason {expected} not reported (reasons: {})",
                    codes(&reasons)
                ));
            }
        }
        for expected in &self.expect.notes {
            if !notes.contains(expected) {
                mismatches.push(format!(
                    "note {expected} not reported (notes: {})",
                    codes(&notes)
                ));
            }
        }
        if let Some(amount) = self.expect.refund_amount
            && amount != decision.refund().amount
        {
            mismatches.push(format!(
                "refund amount: expected {amount}, got {}",
                decision.refund().amount
            ));
        }
        Outcome {
            decision,
            mismatches,
        }
    }

    /// Checks that the merchant's contracts exist in `engine`'s policies.
    pub fn check_merchant(&self, engine: &Engine) -> Result<(), InputError> {
        engine.check_merchant(&self.merchant)
    }
}
