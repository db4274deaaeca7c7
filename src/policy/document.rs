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

use crate::calendar::{BusinessDays, ClosedHours, Span};
use crate::decision::ReasonCode;
use crate::model::{Bank, CardType, Currency, Funding, Method, Provider, amount};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// A repository path or seed file with the exact text (`repo@commit path`).
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
    /// The payment is (or is not) in escrow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escrow: Option<bool>,
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

/// Defines a rule document type with the fields every rule carries: `source`, and optionally
/// `unverified`, `comment` and a `provider_error` that overrides the policy's table.
macro_rules! rule_doc {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($(#[$fmeta:meta])* pub $field:ident: $type:ty,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $type,)*
            /// The id of the source the rule comes from.
            pub source: String,
            /// Why the rule's numbers are not confirmed by an official source, if they are not.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub unverified: Option<String>,
            /// A note for reviewers: a conflict between sources, a choice made.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub comment: Option<String>,
            /// The provider's error for reasons from this rule, where it differs from
            /// `provider_errors`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub provider_error: Option<ProviderErrorDoc>,
        }

        impl RuleCommon for $name {
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
    };
}

/// The fields every rule carries, for code that handles rules of any kind.
pub(crate) trait RuleCommon {
    fn source(&self) -> &str;
    fn unverified(&self) -> Option<&str>;
    fn comment(&self) -> Option<&str>;
    fn provider_error(&self) -> Option<&ProviderErrorDoc>;
}

rule_doc! {
    /// `refund_not_supported`: the provider cannot refund at all (`REFUND_NOT_SUPPORTED`).
    pub struct RefundNotSupportedDoc {
        /// Only when this holds; always when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub when: Option<ConditionDoc>,
    }
}

rule_doc! {
    /// `deadline`: refundable until the payment day plus a span (`DEADLINE_PASSED`).
    pub struct DeadlineDoc {
        /// One span for every payment.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub within: Option<Span>,
        /// Spans by easy-pay funding; unknown or unlisted funding gets the strictest.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        #[schemars(schema_with = "keyed_by::<Funding, Span>")]
        pub by_funding: BTreeMap<Funding, Span>,
    }
}

rule_doc! {
    /// `same_month`: refundable only in the local calendar month of payment (`MONTH_CHANGED`).
    pub struct SameMonthDoc {
        /// PGs that refund a later month to a bank account under a contract.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub next_month_refund: Option<NextMonthRefundDoc>,
    }
}

/// A next-month refund to a bank account (휴대폰 익월 환불).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NextMonthRefundDoc {
    /// The PGs that offer it.
    pub pgs: Vec<String>,
    /// The contract it needs.
    pub contract: String,
    /// Where it is described.
    pub source: String,
    /// A note for reviewers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

rule_doc! {
    /// One `partial_refund` restriction: partial refunds are refused when the condition holds
    /// (`PARTIAL_CANCEL_NOT_SUPPORTED`).
    pub struct PartialRefusalDoc {
        /// A short id, unique in its list (`gift_or_prepaid_card`).
        pub id: String,
        /// When partial refunds are refused; `{}` means always.
        pub refused_when: ConditionDoc,
    }
}

rule_doc! {
    /// `partial_refund_limit`: at most this many partial cancels
    /// (`PARTIAL_CANCEL_LIMIT_REACHED`).
    pub struct PartialLimitDoc {
        /// How many partial cancels may succeed.
        pub max_partial_cancels: u32,
    }
}

rule_doc! {
    /// `partial_refund_contract`: partial refunds need a contract (`CONTRACT_REQUIRED`).
    pub struct PartialContractDoc {
        /// The contract id.
        pub contract: String,
    }
}

rule_doc! {
    /// `refund_contract`: every refund needs a contract (`CONTRACT_REQUIRED`).
    pub struct RefundContractDoc {
        /// The contract id.
        pub contract: String,
        /// Only when this holds; always when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub when: Option<ConditionDoc>,
    }
}

rule_doc! {
    /// `refund_account`: a refund account with bank, number and holder name is required
    /// (`REFUND_ACCOUNT_REQUIRED`, `REFUND_ACCOUNT_INVALID`).
    pub struct RefundAccountDoc {
        /// The holder's phone is required too.
        #[serde(default, skip_serializing_if = "is_false")]
        pub holder_phone_required: bool,
    }
}

rule_doc! {
    /// `refund_account_format`: limits on the refund account's fields, checked wherever a
    /// refund account is used (`REFUND_ACCOUNT_INVALID`).
    pub struct AccountFormatDoc {
        /// The account number.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub number: Option<FieldFormatDoc>,
        /// The holder's name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub holder_name: Option<FieldFormatDoc>,
        /// The holder's phone.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub holder_phone: Option<FieldFormatDoc>,
    }
}

/// Limits on one text field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldFormatDoc {
    /// At most this many characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<u32>,
    /// Digits only: no dashes, no spaces.
    #[serde(default, skip_serializing_if = "is_false")]
    pub digits_only: bool,
}

rule_doc! {
    /// `cancel_hours`: the PG refuses cancels during a daily window (`OUTSIDE_CANCEL_HOURS`).
    pub struct CancelHoursDoc {
        /// The window, local time (`23:00-06:00`).
        pub closed: ClosedHours,
    }
}

rule_doc! {
    /// `reason`: whether a cancel reason is required, and its length limit
    /// (`REASON_REQUIRED`, `FIELD_TOO_LONG`).
    pub struct ReasonRuleDoc {
        /// A reason must be given.
        pub required: bool,
        /// At most this many characters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub max_chars: Option<u32>,
    }
}

rule_doc! {
    /// `cancel_id`: the length limit of the merchant's cancel id (`FIELD_TOO_LONG`).
    pub struct CancelIdRuleDoc {
        /// At most this many characters.
        pub max_chars: u32,
    }
}

rule_doc! {
    /// `requester`: whether `requester` is required (`REQUESTER_REQUIRED`).
    pub struct RequesterRuleDoc {
        /// It must be given.
        pub required: bool,
    }
}

rule_doc! {
    /// `fee`: what each refund costs the merchant (`REFUND_FEE` note).
    pub struct FeeDoc {
        /// The fee per refund.
        #[serde(with = "amount")]
        #[schemars(schema_with = "amount::schema")]
        pub amount: Decimal,
        /// Its currency.
        #[serde(default)]
        pub currency: Currency,
    }
}

rule_doc! {
    /// `processing_time`: how long the money takes (`PROCESSING_DELAY` note).
    pub struct ProcessingTimeDoc {
        /// Business days, `1-2` or `3`.
        pub business_days: BusinessDays,
        /// Only when this holds; always when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub when: Option<ConditionDoc>,
    }
}

rule_doc! {
    /// `async_cancellation`: the provider confirms cancels later (`ASYNC_CANCELLATION` note).
    pub struct AsyncCancellationDoc {}
}

/// The rules of one scope. Every field is a rule kind, except `at_pg` and `providers`, which
/// hold narrower scopes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeDoc {
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

/// The rule kinds a scope may set, by their keys.
pub const RULE_KINDS: &[&str] = &[
    "refund_not_supported",
    "deadline",
    "same_month",
    "partial_refund",
    "partial_refund_limit",
    "partial_refund_contract",
    "refund_contract",
    "refund_account",
    "refund_account_format",
    "cancel_hours",
    "reason",
    "cancel_id",
    "requester",
    "fee",
    "processing_time",
    "async_cancellation",
];

impl ScopeDoc {
    /// Whether the scope sets nothing.
    pub fn is_empty(&self) -> bool {
        self == &ScopeDoc::default()
    }
}

/// The schema of a map whose keys are the names of `K`: editors then complete and check them.
fn keyed_by<K: JsonSchema, V: JsonSchema>(
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

fn is_false(b: &bool) -> bool {
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
