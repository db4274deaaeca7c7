//! The policy file format: what a YAML policy may say, as Rust types.
//!
//! A policy file covers one provider. Its rules live in *scopes*: `every_method`, `at_pg` (every
//! method at some PGs), `methods.<method>`, `methods.easy_pay.providers.<service>` and
//! `methods.<method>.at_pg.<pg>`. For a payment, the scopes that match it are applied from the
//! most general to the most specific, and a rule kind set in a more specific scope replaces the
//! same kind set in a more general one. Only `partial_refund` restrictions add up: every
//! matching scope's restrictions apply. Every rule names its `source`.
//!
//! These types read and write the format with serde; loading ([`crate::policy::PolicySet`])
//! then checks references between them and compiles them for evaluation.

use crate::decision::ReasonCode;
use crate::model::{Bank, CardType, EscrowStatus, Funding, GiftCertificateType, Method, Provider};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::rules::async_cancellation::AsyncCancellationDoc;
pub use crate::rules::cancel_hours::CancelHoursDoc;
pub use crate::rules::cancel_id::CancelIdRuleDoc;
pub use crate::rules::cash_receipt::CashReceiptDoc;
pub use crate::rules::deadline::DeadlineDoc;
pub use crate::rules::fee::FeeDoc;
pub use crate::rules::no_policy::NoPolicyDoc;
pub use crate::rules::partial_refund::PartialRefusalDoc;
pub use crate::rules::partial_refund_contract::PartialContractDoc;
pub use crate::rules::partial_refund_limit::PartialLimitDoc;
pub use crate::rules::processing_time::ProcessingTimeDoc;
pub use crate::rules::reason::ReasonRuleDoc;
pub use crate::rules::refund_account::RefundAccountDoc;
pub use crate::rules::refund_account_format::{AccountFormatDoc, FieldFormatDoc};
pub use crate::rules::refund_contract::RefundContractDoc;
pub use crate::rules::refund_not_supported::RefundNotSupportedDoc;
pub use crate::rules::requester::RequesterRuleDoc;
pub use crate::rules::same_month::{NextMonthRefundDoc, SameMonthDoc};
pub use crate::rules::taxable_balance_check::TaxableBalanceCheckDoc;

/// A whole policy file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyDocument {
    /// The policy's id: a lower-case identifier that starts every rule id (`portone_v2`).
    pub policy: String,
    /// The provider the policy covers; one policy per provider in a set.
    pub provider: Provider,
    /// A human title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The IANA time zone calendar rules use (`Asia/Seoul`).
    pub time_zone: String,
    /// The documents rules cite, by id.
    pub sources: BTreeMap<String, SourceDoc>,
    /// The special contracts this policy's rules may require, by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub contracts: BTreeMap<String, ContractDoc>,
    /// The provider's PG ids and named groups of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pgs: Option<PgCatalogDoc>,
    /// The easy-pay services the provider names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub easy_pay_providers: Option<EasyPayCatalogDoc>,
    /// Bank-code tables: the code the provider or PG wants for each bank.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bank_codes: Vec<BankCodeTableDoc>,
    /// For every reason code, the error the provider itself returns, or why it has none.
    #[schemars(schema_with = "keyed_by::<ReasonCode, ProviderErrorDoc>")]
    pub provider_errors: BTreeMap<ReasonCode, ProviderErrorDoc>,
    /// Rules for every method.
    #[serde(default, skip_serializing_if = "ScopeDoc::is_empty")]
    pub every_method: ScopeDoc,
    /// Rules for every method at the given PGs or PG groups.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub at_pg: BTreeMap<String, ScopeDoc>,
    /// Rules by payment method. A method without an entry has no policy (`NO_POLICY`).
    #[schemars(schema_with = "keyed_by::<Method, ScopeDoc>")]
    pub methods: BTreeMap<Method, ScopeDoc>,
}

/// A document a rule cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    /// What it is.
    pub title: String,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A public repository path with the exact text (`owner/repo@commit path`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// A special contract a merchant may have signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractDoc {
    /// Its Korean name (`가상계좌 환불 특약`).
    pub ko: String,
    /// Its English name.
    pub en: String,
    /// Where it is described.
    pub source: String,
}

/// The PG ids a provider uses, and named groups of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PgCatalogDoc {
    /// Every PG id rules may name: lower-case.
    pub known: Vec<String>,
    /// Named groups, upper-case (`KG_INICIS`), usable wherever a PG id is.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub groups: BTreeMap<String, Vec<String>>,
    /// Where the ids come from.
    pub source: String,
}

/// The easy-pay services a provider names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EasyPayCatalogDoc {
    /// Every service id rules may name: lower-case.
    pub known: Vec<String>,
    /// Where the ids come from.
    pub source: String,
}

/// The codes one provider or PG wants for banks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BankCodeTableDoc {
    /// The table's name, shown in messages (`KG이니시스`).
    pub table: String,
    /// The PGs (or groups) that use it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pgs: Option<Vec<String>>,
    /// Whether it serves every PG no other table names (and payments without a PG).
    #[serde(default, skip_serializing_if = "is_false")]
    pub other_pgs: bool,
    /// Bank → code. A bank missing here cannot be refunded to through these PGs.
    #[schemars(schema_with = "keyed_by::<Bank, String>")]
    pub codes: BTreeMap<Bank, String>,
    /// Where the codes come from.
    pub source: String,
    /// Why the numbers are not confirmed, if they are not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unverified: Option<String>,
    /// A note for reviewers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The provider's error for a bank missing from the table, where it differs from the
    /// `REFUND_ACCOUNT_INVALID` entry of `provider_errors`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_error: Option<ProviderErrorDoc>,
}

/// The error a provider returns for a reason: `name` (and `code`), or `none` saying why there
/// is no such error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProviderErrorDoc {
    /// The provider's error name (`CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The provider's error number, where it has one (Bootpay 2052).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u32>,
    /// Why the provider has no error for this reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub none: Option<String>,
    /// Where this comes from; required in `provider_errors`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Why it is not confirmed, if it is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unverified: Option<String>,
    /// A note for reviewers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// Conditions on the payment and the request; all given ones must hold. An attribute the
/// payment does not report (card type, funding, the provider's partial flag) makes a condition
/// on it false, so it imposes nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConditionDoc {
    /// The payment's PG is one of these (ids or groups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pg: Option<Vec<String>>,
    /// The payment's PG is unknown or none of these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless_pg: Option<Vec<String>>,
    /// The card is of one of these kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_type: Option<Vec<CardType>>,
    /// The card was (or was not) issued abroad.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foreign_card: Option<bool>,
    /// Card points were (or were not) used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_points: Option<bool>,
    /// The payment is (or is not) in escrow before purchase confirmation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escrow: Option<bool>,
    /// The escrow stands at one of these (`before_confirmation`, `confirmed`, `rejected`); a
    /// payment without escrow matches none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escrow_status: Option<Vec<EscrowStatus>>,
    /// The gift certificate is of one of these kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gift_certificate_type: Option<Vec<GiftCertificateType>>,
    /// The provider's own partial-cancel flag has this value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_cancelable: Option<bool>,
    /// The easy-pay funding is one of these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<Vec<Funding>>,
    /// The request is (or is not) partial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<bool>,
    /// The request is (or is not) a full cancel on the local day of payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_day_full_cancel: Option<bool>,
}

/// The fields every rule carries, for code that handles rules of any kind.
pub(crate) trait RuleCommon {
    fn source(&self) -> &str;
    fn unverified(&self) -> Option<&str>;
    fn comment(&self) -> Option<&str>;
    fn provider_error(&self) -> Option<&ProviderErrorDoc>;
}

/// The rules of one scope. Every field is a rule kind, except `at_pg` and `providers`, which
/// hold narrower scopes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeDoc {
    /// See [`NoPolicyDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_policy: Option<NoPolicyDoc>,
    /// See [`RefundNotSupportedDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_not_supported: Option<RefundNotSupportedDoc>,
    /// See [`DeadlineDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<DeadlineDoc>,
    /// See [`SameMonthDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_month: Option<SameMonthDoc>,
    /// See [`PartialRefusalDoc`]; these add up across scopes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial_refund: Vec<PartialRefusalDoc>,
    /// See [`PartialLimitDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_refund_limit: Option<PartialLimitDoc>,
    /// See [`PartialContractDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_refund_contract: Option<PartialContractDoc>,
    /// See [`RefundContractDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_contract: Option<RefundContractDoc>,
    /// See [`RefundAccountDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_account: Option<RefundAccountDoc>,
    /// See [`AccountFormatDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_account_format: Option<AccountFormatDoc>,
    /// See [`CancelHoursDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_hours: Option<CancelHoursDoc>,
    /// See [`ReasonRuleDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<ReasonRuleDoc>,
    /// See [`CancelIdRuleDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_id: Option<CancelIdRuleDoc>,
    /// See [`RequesterRuleDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester: Option<RequesterRuleDoc>,
    /// See [`FeeDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<FeeDoc>,
    /// See [`ProcessingTimeDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_time: Option<ProcessingTimeDoc>,
    /// See [`AsyncCancellationDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub async_cancellation: Option<AsyncCancellationDoc>,
    /// See [`TaxableBalanceCheckDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxable_balance_check: Option<TaxableBalanceCheckDoc>,
    /// See [`CashReceiptDoc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cash_receipt_not_cancelled: Option<CashReceiptDoc>,
    /// Documented facts about this scope that no rule checks (a permission a source grants, a
    /// fee no source names), so that reviewers see them with their sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<RemarkDoc>,
    /// Narrower scopes: this scope's method at the given PGs or groups.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub at_pg: BTreeMap<String, ScopeDoc>,
    /// Narrower scopes: easy-pay services, in `methods.easy_pay` only.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub providers: BTreeMap<String, ScopeDoc>,
}

/// A documented fact with no rule to check it: "partial refunds are allowed here", "no fee is
/// documented". It changes no decision; `policies show` lists it with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RemarkDoc {
    /// The rule kind it is about (`partial_refund`, `fee`, `refund_contract`, ...).
    pub about: String,
    /// What the source says.
    pub says: String,
    /// The id of the source.
    pub source: String,
    /// Why it is not confirmed, if it is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unverified: Option<String>,
}

/// The rule kinds a scope may set, by their keys, in the order rules are evaluated.
pub const RULE_KINDS: &[&str] = &crate::rules::KINDS;

impl ScopeDoc {
    /// Whether the scope sets nothing.
    pub fn is_empty(&self) -> bool {
        self == &ScopeDoc::default()
    }
}

/// The schema of a map whose keys are the names of `K`: editors then complete and check them.
pub(crate) fn keyed_by<K: JsonSchema, V: JsonSchema>(
    generator: &mut schemars::SchemaGenerator,
) -> schemars::Schema {
    let keys = generator.subschema_for::<K>();
    let values = generator.subschema_for::<V>();
    schemars::json_schema!({
        "type": "object",
        "propertyNames": keys,
        "additionalProperties": values,
    })
}

pub(crate) fn is_false(b: &bool) -> bool {
    !b
}

impl RuleCommon for BankCodeTableDoc {
    fn source(&self) -> &str {
        &self.source
    }
    fn unverified(&self) -> Option<&str> {
        self.unverified.as_deref()
    }
    fn comment(&self) -> Option<&str> {
        self.comment.as_deref()
    }
    fn provider_error(&self) -> Option<&ProviderErrorDoc> {
        self.provider_error.as_ref()
    }
}
