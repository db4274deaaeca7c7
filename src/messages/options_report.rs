//! Refund options in the contract's wire shape (§8), with messages in one language: what admin
//! screens and other languages' bindings read. The types derive their JSON Schema, which
//! `refund-policy options schema` prints and `schemas/options.schema.json` holds.

use super::{Lang, note_message, reason_message};
use crate::decision::{Note, ProviderError, Reason};
use crate::model::{Currency, Method, Provider, amount};
use crate::options::{AfterDeadline, ContractNeed, ExpectedCompletion, Processing, RefundOptions};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// [`RefundOptions`] as contract §8 writes them: the fixed fields first (`refundable`,
/// `blocking`, `max_amount`, `partial_allowed`, `last_refundable_day`, `required_fields`,
/// `missing_contracts`, `notes`), then the numbers behind them.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct OptionsReport {
    /// Whether any refund can pass now; `false` exactly when `blocking` is not empty.
    pub refundable: bool,
    /// The reasons that deny every request now.
    pub blocking: Vec<ReasonEntry>,
    /// The most a request may ask.
    #[serde(with = "amount")]
    #[schemars(schema_with = "amount::schema")]
    pub max_amount: Decimal,
    /// Whether an amount below `max_amount` can pass.
    pub partial_allowed: bool,
    /// The last day a refund is in time, local date, or `null` when no deadline applies.
    pub last_refundable_day: Option<String>,
    /// The request's field paths a request must carry.
    pub required_fields: Vec<String>,
    /// The contract ids the merchant lacks for a full refund.
    pub missing_contracts: Vec<String>,
    /// The notes a full refund would carry.
    pub notes: Vec<NoteEntry>,
    /// Only the whole balance can be refunded: `!partial_allowed`.
    pub full_only: bool,
    /// The contract ids the merchant lacks for a partial refund, beyond `missing_contracts`.
    pub missing_contracts_partial: Vec<String>,
    /// Why a partial refund cannot pass, and what it would carry.
    pub partial: PartialEntry,
    /// `total − cancelled`.
    #[serde(with = "amount")]
    #[schemars(schema_with = "amount::schema")]
    pub balance: Decimal,
    /// The tax-free part of the balance.
    #[serde(with = "amount")]
    #[schemars(schema_with = "amount::schema")]
    pub tax_free_balance: Decimal,
    /// The smallest step of an amount.
    #[serde(with = "amount")]
    #[schemars(schema_with = "amount::schema")]
    pub amount_unit: Decimal,
    /// The payment's currency.
    pub currency: Currency,
    /// Every request field a rule constrains, required or not, with its limits.
    pub fields: Vec<FieldEntry>,
    /// The bank codes the PG takes for the refund account, where it has a table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_account_banks: Option<BankCodesEntry>,
    /// The deadline, the days left, and what happens after it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<DeadlineEntry>,
    /// The fee a refund costs the merchant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee: Option<FeeEntry>,
    /// How long a full refund takes, and when it is expected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub processing: Option<CompletionEntry>,
    /// The payment's provider.
    pub provider: Provider,
    /// The payment's method.
    pub method: Method,
    /// The payment's PG.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pg: Option<String>,
    /// The policy that answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The instant the options hold for, RFC 3339.
    pub now: String,
}

/// A reason, as in a decision (contract §4).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct ReasonEntry {
    /// The reason code (`DEADLINE_PASSED`).
    pub code: String,
    /// The rule it comes from.
    pub rule: String,
    /// The message in the report's language.
    pub message: String,
    /// The error the provider would return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_error: Option<ProviderErrorEntry>,
    /// The numbers behind it, as in a decision.
    pub details: serde_json::Value,
}

/// A provider's own error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct ProviderErrorEntry {
    /// Its name.
    pub name: String,
    /// Its number, if any.
    pub code: Option<u32>,
}

/// A note, as in a decision (contract §4.3).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct NoteEntry {
    /// The note code (`REFUND_FEE`).
    pub code: String,
    /// The rule it comes from.
    pub rule: String,
    /// The message in the report's language.
    pub message: String,
    /// The numbers behind it.
    pub details: serde_json::Value,
}

/// What a partial refund faces.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct PartialEntry {
    /// A partial refund can pass once nothing in `blocking` stands in the way.
    pub allowed: bool,
    /// The reasons that refuse every partial refund and not a full one.
    pub refused: Vec<ReasonEntry>,
    /// Partial cancels left, where the PG counts them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancels_left: Option<CancelsLeftEntry>,
    /// The most a partial refund's taxable part (`amount − tax_free_amount`) may be, where the
    /// provider checks it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taxable_limit: Option<TaxableLimitEntry>,
    /// The notes a partial refund would carry, where they differ from a full refund's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Vec<NoteEntry>>,
    /// How long a partial refund takes, where it differs from a full refund.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub processing: Option<CompletionEntry>,
}

/// Partial cancels left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct CancelsLeftEntry {
    /// The rule that counts them.
    pub rule: String,
    /// How many may succeed.
    pub limit: u32,
    /// How many have.
    pub succeeded: u32,
    /// How many are left.
    pub left: u32,
}

/// The most a partial refund's taxable part may be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct TaxableLimitEntry {
    /// The rule that checks it.
    pub rule: String,
    /// The taxable balance.
    #[serde(with = "amount")]
    #[schemars(schema_with = "amount::schema")]
    pub taxable_balance: Decimal,
}

/// A request field a rule constrains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct FieldEntry {
    /// Its path in the request.
    pub field: String,
    /// The rule that constrains it.
    pub rule: String,
    /// A request must carry it.
    pub required: bool,
    /// At most this many characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<u32>,
    /// Digits only.
    pub digits_only: bool,
}

/// The bank codes a PG takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct BankCodesEntry {
    /// The bank-code table's rule.
    pub rule: String,
    /// The table's name.
    pub table: String,
    /// Bank (contract §1 name) to the code to send.
    pub codes: BTreeMap<String, String>,
}

/// The last refundable day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct DeadlineEntry {
    /// The rule that sets it.
    pub rule: String,
    /// `within` (a span from the payment day) or `same_month`.
    pub kind: String,
    /// The local date of payment.
    pub paid_on: String,
    /// The last day a refund is in time.
    pub last_refundable_day: String,
    /// The span, for span deadlines (`1 year`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
    /// Days from today to the last refundable day; negative once passed.
    pub days_left: i64,
    /// The policy's time zone.
    pub time_zone: String,
    /// `manual_refund`, or `refund_to_account` (a next-month refund under a contract).
    pub after: String,
}

/// A refund's fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct FeeEntry {
    /// The fee.
    #[serde(with = "amount")]
    #[schemars(schema_with = "amount::schema")]
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
}

/// Processing time and expected completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct CompletionEntry {
    /// The rule that says so.
    pub rule: String,
    /// The fewest business days.
    pub min_business_days: u32,
    /// The most business days.
    pub max_business_days: u32,
    /// The first date the money can arrive, if a refund is requested now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_earliest: Option<String>,
    /// The date by which it arrives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_by: Option<String>,
    /// Why no date is given: the count runs outside the business-day calendar's data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_date: Option<String>,
}

impl RefundOptions {
    /// The options in contract §8's JSON shape, with messages in `lang`.
    ///
    /// ```
    /// use refund_policy::Engine;
    /// use refund_policy::input;
    /// use refund_policy::messages::Lang;
    /// use refund_policy::model::parse_instant;
    ///
    /// let engine = Engine::builtin()?;
    /// let payment = input::payment(r#"{"provider": "portone_v2", "pg": "kcp_v2", "method": "mobile",
    ///     "status": "paid", "amount": {"total": 10000}, "paid_at": "2026-01-31T23:30:00+09:00"}"#)?;
    /// let now = parse_instant("2026-02-01T00:10:00+09:00")?;
    /// let report = engine.options(&payment, &input::merchant("")?, now).report(Lang::En);
    /// let json = serde_json::to_value(&report)?;
    /// assert_eq!(json["refundable"], false);
    /// assert_eq!(json["blocking"][0]["code"], "MONTH_CHANGED");
    /// assert_eq!(json["last_refundable_day"], "2026-01-31");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn report(&self, lang: Lang) -> OptionsReport {
        let currency = self.currency;
        let reasons = |reasons: &[Reason]| -> Vec<ReasonEntry> {
            reasons.iter().map(|r| reason(r, currency, lang)).collect()
        };
        let notes =
            |notes: &[Note]| -> Vec<NoteEntry> { notes.iter().map(|n| note(n, lang)).collect() };
        let ids = |needs: &[ContractNeed]| -> Vec<String> {
            needs.iter().map(|c| c.contract.id.to_string()).collect()
        };
        OptionsReport {
            refundable: self.refundable(),
            blocking: reasons(&self.blocking),
            max_amount: self.max_amount,
            partial_allowed: self.partial.allowed,
            last_refundable_day: self
                .deadline
                .as_ref()
                .map(|d| d.summary.last_refundable_day.to_string()),
            required_fields: self
                .required_fields()
                .into_iter()
                .map(str::to_owned)
                .collect(),
            missing_contracts: ids(&self.missing_contracts),
            notes: notes(&self.notes),
            full_only: self.full_only(),
            missing_contracts_partial: ids(&self.partial.missing_contracts),
            partial: PartialEntry {
                allowed: self.partial.allowed,
                refused: reasons(&self.partial.refused),
                cancels_left: self
                    .partial
                    .cancels_left
                    .as_ref()
                    .map(|c| CancelsLeftEntry {
                        rule: c.rule.to_string(),
                        limit: c.limit,
                        succeeded: c.succeeded,
                        left: c.left,
                    }),
                taxable_limit: self
                    .partial
                    .taxable_limit
                    .as_ref()
                    .map(|t| TaxableLimitEntry {
                        rule: t.rule.to_string(),
                        taxable_balance: t.taxable_balance,
                    }),
                notes: self.partial.notes.as_deref().map(notes),
                processing: self.partial.processing.as_ref().map(completion),
            },
            balance: self.balance,
            tax_free_balance: self.tax_free_balance,
            amount_unit: self.amount_unit,
            currency,
            fields: self
                .fields
                .iter()
                .map(|f| FieldEntry {
                    field: f.field.to_owned(),
                    rule: f.rule.to_string(),
                    required: f.required,
                    max_chars: f.max_chars,
                    digits_only: f.digits_only,
                })
                .collect(),
            refund_account_banks: self.bank_codes.as_ref().map(|b| BankCodesEntry {
                rule: b.rule.to_string(),
                table: b.table.to_string(),
                // Inserted rather than collected: collecting into a map compiles a sort of its own
                // into the WebAssembly package.
                codes: b
                    .codes
                    .iter()
                    .fold(BTreeMap::new(), |mut codes, (bank, code)| {
                        codes.insert(bank.name().to_owned(), code.to_string());
                        codes
                    }),
            }),
            deadline: self.deadline.as_ref().map(|d| DeadlineEntry {
                rule: d.summary.rule.to_string(),
                kind: match d.summary.kind {
                    crate::decision::DeadlineKind::Within => "within",
                    crate::decision::DeadlineKind::SameMonth => "same_month",
                }
                .to_owned(),
                paid_on: d.summary.paid_on.to_string(),
                last_refundable_day: d.summary.last_refundable_day.to_string(),
                within: d.summary.within.map(|s| s.to_string()),
                days_left: d.days_left,
                time_zone: d.summary.time_zone.to_owned(),
                after: match d.after {
                    AfterDeadline::ManualRefund => "manual_refund",
                    AfterDeadline::RefundToAccount { .. } => "refund_to_account",
                }
                .to_owned(),
            }),
            fee: self
                .fee()
                .map(|(amount, currency)| FeeEntry { amount, currency }),
            processing: self.processing.as_ref().map(completion),
            provider: self.provider,
            method: self.method,
            pg: self.pg.clone(),
            policy: self.policy.as_deref().map(str::to_owned),
            now: self
                .now
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        }
    }
}

/// Options serialize as their [`OptionsReport`] in Korean, the contract's default language.
impl Serialize for RefundOptions {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.report(Lang::Ko).serialize(serializer)
    }
}

fn reason(reason: &Reason, currency: Currency, lang: Lang) -> ReasonEntry {
    ReasonEntry {
        code: reason.code().as_str().to_owned(),
        rule: reason.rule().to_string(),
        message: reason_message(reason, currency, lang),
        provider_error: reason.provider_error().map(provider_error),
        details: serde_json::to_value(reason.details()).unwrap_or_default(),
    }
}

fn provider_error(error: &ProviderError) -> ProviderErrorEntry {
    ProviderErrorEntry {
        name: error.name.to_string(),
        code: error.code,
    }
}

fn note(note: &Note, lang: Lang) -> NoteEntry {
    NoteEntry {
        code: note.code().as_str().to_owned(),
        rule: note.rule().to_string(),
        message: note_message(note, lang),
        details: serde_json::to_value(note.details()).unwrap_or_default(),
    }
}

fn completion(processing: &Processing) -> CompletionEntry {
    let (earliest, by, no_date) = match &processing.expected {
        ExpectedCompletion::Dates(dates) => (
            Some(dates.earliest.to_string()),
            Some(dates.latest.to_string()),
            None,
        ),
        ExpectedCompletion::OutsideCalendar(outside) => (None, None, Some(outside.to_string())),
        ExpectedCompletion::NoCalendar => (
            None,
            None,
            Some("the business-day calendar did not load".to_owned()),
        ),
    };
    CompletionEntry {
        rule: processing.rule.to_string(),
        min_business_days: processing.min_business_days,
        max_business_days: processing.max_business_days,
        expected_earliest: earliest,
        expected_by: by,
        no_date,
    }
}

/// The JSON Schema of [`OptionsReport`], the options' JSON, pretty-printed, for admin screens
/// in other languages to generate their types from. `schemas/options.schema.json` holds it; a
/// test fails when the file is stale, and `refund-policy schema options` prints it anew.
///
/// ```
/// let schema = refund_policy::messages::options_json_schema().unwrap();
/// assert!(schema.contains("\"title\": \"OptionsReport\""));
/// ```
pub fn options_json_schema() -> Result<String, serde_json::Error> {
    let schema = schemars::schema_for!(OptionsReport);
    serde_json::to_string_pretty(&schema).map(|text| text + "\n")
}
