//! Option cases: a payment, a moment and the refund options expected, so that reviewers see
//! what a policy edit does to what an operator's screen offers. `refund-policy check` runs
//! them beside decision cases; a file is an option case when it has `expect_options`.

use super::RefundOptions;
use crate::Engine;
use crate::decision::{NoteCode, ReasonCode};
use crate::input::InputError;
use crate::model::{MerchantProfile, Payment, amount, instant};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

/// One option case: the inputs of [`Engine::options`] and what the options must say.
///
/// ```
/// use refund_policy::Engine;
/// use refund_policy::options::OptionsCase;
///
/// let case = OptionsCase::from_text(r#"
/// name: a Toss gift certificate is refundable in full only
/// now: 2026-03-05T10:00:00+09:00
/// payment:
///   provider: toss_payments
///   method: gift_certificate
///   status: paid
///   amount: { total: 10000 }
///   paid_at: 2026-03-02T10:00:00+09:00
/// expect_options:
///   refundable: true
///   max_amount: 10000
///   partial_allowed: false
///   partial_refused: [PARTIAL_CANCEL_NOT_SUPPORTED]
/// "#).unwrap();
/// let outcome = case.run(Engine::builtin().unwrap());
/// assert!(outcome.passed(), "{:?}", outcome.mismatches);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionsCase {
    /// What the case is about.
    pub name: String,
    /// The moment the options hold for.
    #[serde(with = "instant")]
    pub now: DateTime<Utc>,
    /// The merchant's contracts; none when absent.
    #[serde(default)]
    pub merchant: MerchantProfile,
    /// The payment.
    pub payment: Payment,
    /// What the options must say.
    pub expect_options: OptionsExpectation,
}

/// What a case's options must say; absent fields are not checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionsExpectation {
    /// Whether any refund can pass.
    pub refundable: bool,
    /// Blocking reasons that must each be reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocking: Vec<ReasonCode>,
    /// The largest amount.
    #[serde(
        default,
        with = "amount::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_amount: Option<Decimal>,
    /// Whether a partial refund can pass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_allowed: Option<bool>,
    /// Reasons that must each refuse a partial refund.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial_refused: Vec<ReasonCode>,
    /// The last refundable day (`2026-03-31`), or `null` for none.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_refundable_day: Option<Option<String>>,
    /// Exactly these required fields, in any order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_fields: Option<Vec<String>>,
    /// Exactly these missing contracts, in any order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_contracts: Option<Vec<String>>,
    /// Notes that must each be carried.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteCode>,
    /// The date a refund requested now reaches the customer by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_by: Option<String>,
}

/// A field that is present, even as `null`.
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

/// A case's options and every way they differ from the expectation.
#[derive(Debug, Clone)]
pub struct OptionsOutcome {
    /// The options.
    pub options: RefundOptions,
    /// What differed; empty when the case passes.
    pub mismatches: Vec<String>,
}

impl OptionsOutcome {
    /// Whether the options matched every expectation.
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty()
    }
}

impl OptionsCase {
    /// Whether `text` (JSON or YAML) is an option case rather than a decision case: it has
    /// `expect_options`.
    pub fn describes(text: &str) -> bool {
        crate::input::read::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(text, false)
            .is_ok_and(|map| map.contains_key("expect_options"))
    }

    /// Reads an option case from JSON or YAML text.
    pub fn from_text(text: &str) -> Result<OptionsCase, InputError> {
        let case: OptionsCase = crate::input::read(text, false)?;
        case.payment
            .check()
            .map_err(|e| InputError::shape(Some("payment"), &e))?;
        Ok(case)
    }

    /// Checks that the merchant's contracts exist in `engine`'s policies.
    pub fn check_merchant(&self, engine: &Engine) -> Result<(), InputError> {
        engine.check_merchant(&self.merchant)
    }

    /// Computes the case's options with `engine` and compares them with the expectation.
    pub fn run(&self, engine: &Engine) -> OptionsOutcome {
        let options = engine.options(&self.payment, &self.merchant, self.now);
        let mismatches = mismatches(&self.expect_options, &options);
        OptionsOutcome {
            options,
            mismatches,
        }
    }
}

fn list<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    let items: Vec<String> = items.into_iter().map(|i| i.to_string()).collect();
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

/// The names, sorted and without repeats: compared as sets. A sorted list rather than a
/// `BTreeSet`, whose construction compiles a sort of its own into the WebAssembly package.
fn distinct<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut names: Vec<&str> = names.collect();
    names.sort_unstable();
    names.dedup();
    names
}

fn mismatches(expect: &OptionsExpectation, options: &RefundOptions) -> Vec<String> {
    let mut out = Vec::new();
    let blocking: Vec<ReasonCode> = options.blocking.iter().map(|r| r.code()).collect();
    if options.refundable() != expect.refundable {
        out.push(format!(
            "refundable: expected {}, got {} (blocking: {})",
            expect.refundable,
            options.refundable(),
            list(&blocking)
        ));
    }
    for code in &expect.blocking {
        if !blocking.contains(code) {
            out.push(format!(
                "blocking {code} not reported (blocking: {})",
                list(&blocking)
            ));
        }
    }
    if let Some(max) = expect.max_amount
        && max != options.max_amount
    {
        out.push(format!(
            "max_amount: expected {max}, got {}",
            options.max_amount
        ));
    }
    if let Some(allowed) = expect.partial_allowed
        && allowed != options.partial.allowed
    {
        out.push(format!(
            "partial_allowed: expected {allowed}, got {}",
            options.partial.allowed
        ));
    }
    let refused: Vec<ReasonCode> = options.partial.refused.iter().map(|r| r.code()).collect();
    for code in &expect.partial_refused {
        if !refused.contains(code) {
            out.push(format!(
                "partial refusal {code} not reported (refused: {})",
                list(&refused)
            ));
        }
    }
    if let Some(day) = &expect.last_refundable_day {
        let got = options
            .deadline
            .as_ref()
            .map(|d| d.summary.last_refundable_day.to_string());
        if *day != got {
            out.push(format!(
                "last_refundable_day: expected {}, got {}",
                day.as_deref().unwrap_or("null"),
                got.as_deref().unwrap_or("null")
            ));
        }
    }
    let same = |expected: &[String], got: Vec<String>, what: &str, out: &mut Vec<String>| {
        let want = distinct(expected.iter().map(String::as_str));
        let have = distinct(got.iter().map(String::as_str));
        if want != have {
            out.push(format!(
                "{what}: expected {}, got {}",
                list(&want),
                list(&have)
            ));
        }
    };
    if let Some(fields) = &expect.required_fields {
        let got = options
            .required_fields()
            .into_iter()
            .map(str::to_owned)
            .collect();
        same(fields, got, "required_fields", &mut out);
    }
    if let Some(contracts) = &expect.missing_contracts {
        let got = options
            .missing_contracts
            .iter()
            .map(|c| c.contract.id.to_string())
            .collect();
        same(contracts, got, "missing_contracts", &mut out);
    }
    let notes: Vec<NoteCode> = options.notes.iter().map(|n| n.code()).collect();
    for code in &expect.notes {
        if !notes.contains(code) {
            out.push(format!("note {code} not carried (notes: {})", list(&notes)));
        }
    }
    if let Some(by) = &expect.expected_by {
        let got = options.processing.as_ref().and_then(|p| match &p.expected {
            super::ExpectedCompletion::Dates(dates) => Some(dates.latest.to_string()),
            _ => None,
        });
        if got.as_deref() != Some(by.as_str()) {
            out.push(format!(
                "expected_by: expected {by}, got {}",
                got.as_deref().unwrap_or("no date")
            ));
        }
    }
    out
}
