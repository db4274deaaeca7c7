//! Refund options: what can be refunded of a payment now, before any request exists (contract
//! §8).
//!
//! [`Engine::options`](crate::Engine::options) walks the same rules as
//! [`Engine::decide`](crate::Engine::decide), in the same order, over the same context; each
//! rule kind says what it constrains next to how it decides. The answer is a
//! [`RefundOptions`]: whether any refund can pass now and what blocks every one, the largest
//! amount and whether a smaller one can pass, the fields a request must carry, the contracts
//! the merchant lacks, the last refundable day, and the notes a refund would carry, with its
//! expected completion date on the Korean business-day calendar. [`RefundOptions::report`]
//! gives them in the contract's JSON shape with messages, a
//! [`messages::OptionsReport`](crate::messages::OptionsReport).
//!
//! ```
//! use refund_policy::Engine;
//! use refund_policy::input;
//! use refund_policy::model::parse_instant;
//!
//! let engine = Engine::builtin()?;
//! let payment = input::payment(r#"{"provider": "portone_v2", "pg": "kcp_v2", "method": "virtual_account",
//!     "status": "paid", "amount": {"total": 7000}, "paid_at": "2026-03-02T10:00:00+09:00"}"#)?;
//! let now = parse_instant("2026-03-05T10:00:00+09:00")?;
//!
//! let options = engine.options(&payment, &input::merchant("")?, now);
//! assert!(!options.refundable());
//! assert_eq!(options.blocking[0].code().as_str(), "CONTRACT_REQUIRED");
//! assert_eq!(options.missing_contracts[0].contract.id.as_ref(), "virtual_account_refund");
//! assert!(options.required_fields().contains(&"refund_account.number"));
//!
//! let signed = input::merchant("contracts: [virtual_account_refund]")?;
//! let options = engine.options(&payment, &signed, now);
//! assert!(options.refundable());
//! assert_eq!(options.max_amount, 7000.into());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub(crate) mod assemble;
mod case;
pub(crate) mod sink;

pub use crate::calendar::completion::ExpectedCompletion;
pub use case::{OptionsCase, OptionsExpectation, OptionsOutcome};

use crate::decision::{ContractName, DeadlineSummary, Note, PolicyText, Reason, RuleId};
use crate::model::{Bank, Currency, Method, Provider};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use std::sync::Arc;

/// What can be refunded of one payment at one instant, for one merchant (contract §8).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RefundOptions {
    /// The payment's provider.
    pub provider: Provider,
    /// The payment's method.
    pub method: Method,
    /// The payment's PG, as the payment names it.
    pub pg: Option<String>,
    /// The policy that answered, if one is loaded for the provider.
    pub policy: Option<Arc<str>>,
    /// The instant the options hold for.
    pub now: DateTime<Utc>,
    /// The local date of `now` in the policy's time zone.
    pub today: NaiveDate,
    /// The payment's currency.
    pub currency: Currency,
    /// `total − cancelled`.
    pub balance: Decimal,
    /// The tax-free part of the balance; a request's `tax_free_amount` may not exceed it.
    pub tax_free_balance: Decimal,
    /// The most a request may ask: the balance (never below zero).
    pub max_amount: Decimal,
    /// The smallest step of an amount in the currency (1 for KRW, 0.01 for USD).
    pub amount_unit: Decimal,
    /// The reasons that deny every request now, each with its rule and provider error; empty
    /// exactly when a refund can pass.
    pub blocking: Vec<Reason>,
    /// Whether, and why not, a refund of less than the balance can pass.
    pub partial: PartialOptions,
    /// The request fields rules constrain: the required ones and the limits of optional ones.
    pub fields: Vec<FieldRule>,
    /// The codes the PG takes for a refund account's bank, where it needs one and has a table.
    pub bank_codes: Option<BankCodes>,
    /// The contracts the merchant lacks for a full refund.
    pub missing_contracts: Vec<ContractNeed>,
    /// The last refundable day, where a deadline or same-month rule applies.
    pub deadline: Option<DeadlineOption>,
    /// The notes a full refund would carry.
    pub notes: Vec<Note>,
    /// How long a full refund takes, and when it is expected to reach the customer.
    pub processing: Option<Processing>,
}

impl RefundOptions {
    /// Whether any refund can pass now: exactly when [`RefundOptions::blocking`] is empty.
    pub fn refundable(&self) -> bool {
        self.blocking.is_empty()
    }

    /// Whether only the whole balance can be refunded.
    pub fn full_only(&self) -> bool {
        !self.partial.allowed
    }

    /// The request's field paths (contract §2) a request must carry to pass.
    pub fn required_fields(&self) -> Vec<&'static str> {
        self.fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.field)
            .collect()
    }

    /// The fee a refund costs the merchant, from the `REFUND_FEE` note.
    pub fn fee(&self) -> Option<(Decimal, Currency)> {
        self.notes.iter().find_map(|note| match note.details() {
            crate::decision::NoteDetails::RefundFee { amount, currency } => {
                Some((*amount, *currency))
            }
            _ => None,
        })
    }
}

/// Whether a refund of less than the balance can pass.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PartialOptions {
    /// A partial refund can pass (once nothing in `blocking` stands in the way).
    pub allowed: bool,
    /// The reasons that deny every partial refund and not a full one.
    pub refused: Vec<Reason>,
    /// The contracts the merchant lacks for a partial refund.
    pub missing_contracts: Vec<ContractNeed>,
    /// How many partial cancels are left, where the PG counts them.
    pub cancels_left: Option<CancelsLeft>,
    /// Where the provider checks it, the most a partial refund's taxable part (`amount −
    /// tax_free_amount`) may be: a larger partial refund must name its tax-free part.
    pub taxable_limit: Option<TaxableLimit>,
    /// The notes a partial refund would carry, when they differ from a full refund's.
    pub notes: Option<Vec<Note>>,
    /// How long a partial refund takes, when it differs from a full refund.
    pub processing: Option<Processing>,
}

/// A request field a rule constrains.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldRule {
    /// Its path in the request (`refund_account.number`).
    pub field: &'static str,
    /// The rule that constrains it.
    pub rule: RuleId,
    /// A request must carry it.
    pub required: bool,
    /// At most this many characters.
    pub max_chars: Option<u32>,
    /// Digits only: no dashes, no spaces.
    pub digits_only: bool,
}

/// The bank codes a PG takes for refund accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BankCodes {
    /// The rule (bank-code table) they come from.
    pub rule: RuleId,
    /// The table's name (`KG이니시스`).
    pub table: PolicyText,
    /// Every bank the PG takes, with the code to send for it.
    pub codes: Vec<(Bank, PolicyText)>,
}

/// A contract the merchant lacks, and the rule that wants it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContractNeed {
    /// The contract.
    pub contract: ContractName,
    /// The rule that needs it.
    pub rule: RuleId,
}

/// How many partial cancels a PG still takes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CancelsLeft {
    /// The rule that counts them.
    pub rule: RuleId,
    /// How many may succeed.
    pub limit: u32,
    /// How many have.
    pub succeeded: u32,
    /// How many are left.
    pub left: u32,
}

/// The most a partial refund's taxable part may be.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TaxableLimit {
    /// The rule that checks it.
    pub rule: RuleId,
    /// The taxable balance: `(total − tax_free) − (cancelled − cancelled_tax_free)`.
    pub taxable_balance: Decimal,
}

/// The last refundable day, and what happens after it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeadlineOption {
    /// The deadline, as a decision shows it.
    pub summary: DeadlineSummary,
    /// Days from today to the last refundable day; negative once it has passed.
    pub days_left: i64,
    /// What happens after it.
    pub after: AfterDeadline,
}

/// What happens to a refund after its last refundable day.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AfterDeadline {
    /// The provider cannot refund: the merchant refunds the customer by other means.
    ManualRefund,
    /// The PG refunds to a bank account the request gives (next-month refund).
    RefundToAccount {
        /// The contract the refund needs, which the merchant has.
        contract: ContractName,
    },
}

/// How long a refund takes, and when it is expected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Processing {
    /// The rule that says so.
    pub rule: RuleId,
    /// The fewest business days.
    pub min_business_days: u32,
    /// The most business days.
    pub max_business_days: u32,
    /// When a refund requested today is expected to reach the customer.
    pub expected: ExpectedCompletion,
}
