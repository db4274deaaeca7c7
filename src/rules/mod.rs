//! The rule kinds a policy scope may set, one module each.
//!
//! A kind's module holds everything about it: its policy-file form (re-exported from
//! [`crate::policy::document`]), its check at load, its compiled form, how it decides, and how
//! it reads in review (`policies show`, the review matrix). This module lists the kinds once, in
//! [`RuleSet`], whose fields are destructured without `..` wherever every kind must be handled,
//! so a kind added to the set and forgotten somewhere is a compile error rather than a rule
//! silently dropped. DESIGN.md ("Adding a rule kind") walks through adding one.

/// Defines a rule's policy-file type with the fields every rule carries: `source`, and
/// optionally `unverified`, `comment` and a `provider_error` that overrides the policy's table.
macro_rules! rule_doc {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($(#[$fmeta:meta])* pub $field:ident: $type:ty,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
        )]
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
            pub provider_error: Option<crate::policy::document::ProviderErrorDoc>,
        }

        impl crate::policy::document::RuleCommon for $name {
            fn source(&self) -> &str {
                &self.source
            }
            fn unverified(&self) -> Option<&str> {
                self.unverified.as_deref()
            }
            fn comment(&self) -> Option<&str> {
                self.comment.as_deref()
            }
            fn provider_error(&self) -> Option<&crate::policy::document::ProviderErrorDoc> {
                self.provider_error.as_ref()
            }
        }
    };
}

pub(crate) mod async_cancellation;
pub(crate) mod cancel_hours;
pub(crate) mod cancel_id;
pub(crate) mod cash_receipt;
pub(crate) mod condition;
pub(crate) mod deadline;
pub(crate) mod fee;
pub(crate) mod no_policy;
pub(crate) mod partial_refund;
pub(crate) mod partial_refund_contract;
pub(crate) mod partial_refund_limit;
pub(crate) mod processing_time;
pub(crate) mod reason;
pub(crate) mod refund_account;
pub(crate) mod refund_account_format;
pub(crate) mod refund_contract;
pub(crate) mod refund_not_supported;
pub(crate) mod requester;
pub(crate) mod same_month;
pub(crate) mod taxable_balance_check;

pub(crate) use refund_account_format::FieldFormat;

use crate::engine::{Context, Findings};
use crate::options::sink::OptionsSink;
use crate::policy::document::ScopeDoc;
use crate::policy::{Checker, RuleMeta, Site};
use std::sync::Arc;

/// What every compiled rule can do, whatever its kind.
pub(crate) trait Rule {
    /// The rule's id, source and provider error.
    fn meta(&self) -> &RuleMeta;
    /// Reports the rule's reasons and notes for one decision, to a decision's sink or to a
    /// screening alike (the same code, compiled for each).
    fn check(&self, cx: &Context<'_>, out: &mut impl Findings)
    where
        Self: Sized;
    /// Reports what the rule imposes on any request for the payment, before one exists (refund
    /// options): `cx` is a context over a request shape (a full or a partial refund, with no
    /// fields), and what the rule writes to `out.sink()` denies every request of that shape.
    fn constrain(&self, cx: &Context<'_>, out: &mut OptionsSink<'_>);
    /// What the rule says, for review (`within 6 months`).
    fn describe(&self) -> String;
}

/// What is done with each rule of a set, in [`RuleSet::each`].
pub(crate) trait Visit {
    /// Called once for each rule, in evaluation order.
    fn visit<R: Rule>(&mut self, rule: &R);
}

/// Where any rule will do, as for review and refund options: a closure over a rule of any kind.
impl<V: FnMut(&dyn Rule)> Visit for V {
    fn visit<R: Rule>(&mut self, rule: &R) {
        self(rule);
    }
}

/// Compiles one kind's policy-file form, reporting its problems; `None` when it cannot be
/// compiled (the problems say why).
pub(crate) type Compile<D, R> = fn(&D, &Site, &mut Checker<'_>) -> Option<R>;

/// The rules one scope sets, or, once scopes are laid over each other, the rules that apply to
/// one payment shape. The field order is the order of evaluation, and so of reasons.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RuleSet {
    /// Resolved before any check runs (see [`no_policy`]).
    pub(crate) no_policy: Option<Arc<no_policy::NoPolicy>>,
    pub(crate) refund_not_supported: Option<Arc<refund_not_supported::RefundNotSupported>>,
    pub(crate) deadline: Option<Arc<deadline::Deadline>>,
    pub(crate) same_month: Option<Arc<same_month::SameMonth>>,
    pub(crate) cancel_hours: Option<Arc<cancel_hours::CancelHours>>,
    /// Sorted by rule id once laid over other scopes.
    pub(crate) partial_refund: Vec<Arc<partial_refund::PartialRefusal>>,
    pub(crate) partial_refund_limit: Option<Arc<partial_refund_limit::PartialLimit>>,
    pub(crate) partial_refund_contract: Option<Arc<partial_refund_contract::PartialContract>>,
    pub(crate) taxable_balance_check: Option<Arc<taxable_balance_check::TaxableBalanceCheck>>,
    pub(crate) refund_contract: Option<Arc<refund_contract::RefundContract>>,
    pub(crate) refund_account: Option<Arc<refund_account::RefundAccountRule>>,
    pub(crate) refund_account_format: Option<Arc<refund_account_format::AccountFormat>>,
    pub(crate) reason: Option<Arc<reason::ReasonRule>>,
    pub(crate) cancel_id: Option<Arc<cancel_id::CancelIdRule>>,
    pub(crate) requester: Option<Arc<requester::RequesterRule>>,
    pub(crate) fee: Option<Arc<fee::Fee>>,
    pub(crate) processing_time: Option<Arc<processing_time::Processing>>,
    pub(crate) async_cancellation: Option<Arc<async_cancellation::AsyncCancellation>>,
    pub(crate) cash_receipt_not_cancelled: Option<Arc<cash_receipt::CashReceipt>>,
}

/// The keys of the rule kinds, in evaluation order: the fields of [`ScopeDoc`] other than
/// `remarks`, `at_pg` and `providers`.
pub(crate) const KINDS: [&str; 19] = [
    "no_policy",
    "refund_not_supported",
    "deadline",
    "same_month",
    "cancel_hours",
    "partial_refund",
    "partial_refund_limit",
    "partial_refund_contract",
    "taxable_balance_check",
    "refund_contract",
    "refund_account",
    "refund_account_format",
    "reason",
    "cancel_id",
    "requester",
    "fee",
    "processing_time",
    "async_cancellation",
    "cash_receipt_not_cancelled",
];

/// Compiles one optional kind at `path.key`.
fn one<D, R>(
    doc: &Option<D>,
    key: &str,
    scope: &Site,
    checker: &mut Checker<'_>,
    compile: Compile<D, R>,
) -> Option<Arc<R>> {
    let doc = doc.as_ref()?;
    compile(doc, &scope.kind(key), checker).map(Arc::new)
}

/// The rules one scope sets, for the loader's limit on rules: each kind once, each
/// `partial_refund` restriction once. The pattern names every field, so a new rule kind cannot
/// be left uncounted.
pub(crate) fn rules_in(scope: &ScopeDoc) -> usize {
    let ScopeDoc {
        no_policy,
        refund_not_supported,
        deadline,
        same_month,
        partial_refund,
        partial_refund_limit,
        partial_refund_contract,
        refund_contract,
        refund_account,
        refund_account_format,
        cancel_hours,
        reason,
        cancel_id,
        requester,
        fee,
        processing_time,
        async_cancellation,
        taxable_balance_check,
        cash_receipt_not_cancelled,
        remarks: _,
        at_pg: _,
        providers: _,
    } = scope;
    let kinds = [
        no_policy.is_some(),
        refund_not_supported.is_some(),
        deadline.is_some(),
        same_month.is_some(),
        partial_refund_limit.is_some(),
        partial_refund_contract.is_some(),
        refund_contract.is_some(),
        refund_account.is_some(),
        refund_account_format.is_some(),
        cancel_hours.is_some(),
        reason.is_some(),
        cancel_id.is_some(),
        requester.is_some(),
        fee.is_some(),
        processing_time.is_some(),
        async_cancellation.is_some(),
        taxable_balance_check.is_some(),
        cash_receipt_not_cancelled.is_some(),
    ];
    kinds
        .iter()
        .filter(|set| **set)
        .count()
        .saturating_add(partial_refund.len())
}

impl RuleSet {
    /// Compiles the rule kinds of one scope. `scope` is where it sits and the label its rule
    /// ids carry.
    pub(crate) fn compile(doc: &ScopeDoc, scope: &Site, checker: &mut Checker<'_>) -> RuleSet {
        // Every field is named: a kind added to the format does not compile until it is
        // compiled here.
        let ScopeDoc {
            no_policy,
            refund_not_supported,
            deadline,
            same_month,
            partial_refund,
            partial_refund_limit,
            partial_refund_contract,
            refund_contract,
            refund_account,
            refund_account_format,
            cancel_hours,
            reason,
            cancel_id,
            requester,
            fee,
            processing_time,
            async_cancellation,
            taxable_balance_check,
            cash_receipt_not_cancelled,
            remarks: _,
            at_pg: _,
            providers: _,
        } = doc;
        let c = checker;
        RuleSet {
            no_policy: one(no_policy, "no_policy", scope, c, no_policy::compile),
            refund_not_supported: one(
                refund_not_supported,
                "refund_not_supported",
                scope,
                c,
                refund_not_supported::compile,
            ),
            deadline: one(deadline, "deadline", scope, c, deadline::compile),
            same_month: one(same_month, "same_month", scope, c, same_month::compile),
            cancel_hours: one(
                cancel_hours,
                "cancel_hours",
                scope,
                c,
                cancel_hours::compile,
            ),
            partial_refund: partial_refund::compile_list(partial_refund, scope, c),
            partial_refund_limit: one(
                partial_refund_limit,
                "partial_refund_limit",
                scope,
                c,
                partial_refund_limit::compile,
            ),
            partial_refund_contract: one(
                partial_refund_contract,
                "partial_refund_contract",
                scope,
                c,
                partial_refund_contract::compile,
            ),
            refund_contract: one(
                refund_contract,
                "refund_contract",
                scope,
                c,
                refund_contract::compile,
            ),
            refund_account: one(
                refund_account,
                "refund_account",
                scope,
                c,
                refund_account::compile,
            ),
            refund_account_format: one(
                refund_account_format,
                "refund_account_format",
                scope,
                c,
                refund_account_format::compile,
            ),
            reason: one(reason, "reason", scope, c, reason::compile),
            cancel_id: one(cancel_id, "cancel_id", scope, c, cancel_id::compile),
            requester: one(requester, "requester", scope, c, requester::compile),
            fee: one(fee, "fee", scope, c, fee::compile),
            processing_time: one(
                processing_time,
                "processing_time",
                scope,
                c,
                processing_time::compile,
            ),
            async_cancellation: one(
                async_cancellation,
                "async_cancellation",
                scope,
                c,
                async_cancellation::compile,
            ),
            taxable_balance_check: one(
                taxable_balance_check,
                "taxable_balance_check",
                scope,
                c,
                taxable_balance_check::compile,
            ),
            cash_receipt_not_cancelled: one(
                cash_receipt_not_cancelled,
                "cash_receipt_not_cancelled",
                scope,
                c,
                cash_receipt::compile,
            ),
        }
    }

    /// Lays `narrower` over `self`: each kind it sets replaces this one's; partial-refund
    /// restrictions add up. The result keeps restrictions sorted by rule id, so that the order
    /// of scopes and of list items in the file never changes a decision.
    pub(crate) fn overlay(&self, narrower: &RuleSet) -> RuleSet {
        fn pick<T>(wide: &Option<Arc<T>>, narrow: &Option<Arc<T>>) -> Option<Arc<T>> {
            narrow.clone().or_else(|| wide.clone())
        }
        let RuleSet {
            no_policy,
            refund_not_supported,
            deadline,
            same_month,
            cancel_hours,
            partial_refund,
            partial_refund_limit,
            partial_refund_contract,
            refund_contract,
            refund_account,
            refund_account_format,
            reason,
            cancel_id,
            requester,
            fee,
            processing_time,
            async_cancellation,
            taxable_balance_check,
            cash_receipt_not_cancelled,
        } = narrower;
        // Sorted by id as they are inserted, the first of each id kept: what a stable sort and
        // a dedup give, without compiling a sort for the few restrictions a scope has.
        let mut restrictions: Vec<Arc<partial_refund::PartialRefusal>> = Vec::new();
        for restriction in self.partial_refund.iter().chain(partial_refund) {
            if let Err(at) =
                restrictions.binary_search_by(|kept| kept.meta.id.cmp(&restriction.meta.id))
            {
                restrictions.insert(at, Arc::clone(restriction));
            }
        }
        RuleSet {
            no_policy: pick(&self.no_policy, no_policy),
            refund_not_supported: pick(&self.refund_not_supported, refund_not_supported),
            deadline: pick(&self.deadline, deadline),
            same_month: pick(&self.same_month, same_month),
            cancel_hours: pick(&self.cancel_hours, cancel_hours),
            partial_refund: restrictions,
            partial_refund_limit: pick(&self.partial_refund_limit, partial_refund_limit),
            partial_refund_contract: pick(&self.partial_refund_contract, partial_refund_contract),
            refund_contract: pick(&self.refund_contract, refund_contract),
            refund_account: pick(&self.refund_account, refund_account),
            refund_account_format: pick(&self.refund_account_format, refund_account_format),
            reason: pick(&self.reason, reason),
            cancel_id: pick(&self.cancel_id, cancel_id),
            requester: pick(&self.requester, requester),
            fee: pick(&self.fee, fee),
            processing_time: pick(&self.processing_time, processing_time),
            async_cancellation: pick(&self.async_cancellation, async_cancellation),
            taxable_balance_check: pick(&self.taxable_balance_check, taxable_balance_check),
            cash_receipt_not_cancelled: pick(
                &self.cash_receipt_not_cancelled,
                cash_receipt_not_cancelled,
            ),
        }
    }

    /// Calls `visit` with every rule of the set, in evaluation order: the order of reasons in
    /// a decision and of lines in review. Each rule is visited as its own kind, so a check
    /// generic over where it writes is called directly, never through a vtable.
    pub(crate) fn each(&self, mut visit: impl Visit) {
        fn one<T: Rule>(rule: &Option<Arc<T>>, visit: &mut impl Visit) {
            if let Some(rule) = rule {
                visit.visit(&**rule);
            }
        }
        let RuleSet {
            no_policy,
            refund_not_supported,
            deadline,
            same_month,
            cancel_hours,
            partial_refund,
            partial_refund_limit,
            partial_refund_contract,
            refund_contract,
            refund_account,
            refund_account_format,
            reason,
            cancel_id,
            requester,
            fee,
            processing_time,
            async_cancellation,
            taxable_balance_check,
            cash_receipt_not_cancelled,
        } = self;
        let v = &mut visit;
        one(no_policy, v);
        one(refund_not_supported, v);
        one(deadline, v);
        one(same_month, v);
        one(cancel_hours, v);
        for restriction in partial_refund {
            v.visit(&**restriction);
        }
        one(partial_refund_limit, v);
        one(partial_refund_contract, v);
        one(taxable_balance_check, v);
        one(refund_contract, v);
        one(refund_account, v);
        one(refund_account_format, v);
        one(reason, v);
        one(cancel_id, v);
        one(requester, v);
        one(fee, v);
        one(processing_time, v);
        one(async_cancellation, v);
        one(cash_receipt_not_cancelled, v);
    }
}

#[cfg(test)]
mod tests {
    use super::KINDS;
    use crate::policy::document::ScopeDoc;

    /// The kinds listed here are exactly the rule fields of a scope in the policy format.
    #[test]
    fn the_kinds_are_the_rule_fields_of_a_scope() {
        let schema = schemars::schema_for!(ScopeDoc);
        let properties = schema
            .get("properties")
            .and_then(|p| p.as_object())
            .map(|p| p.keys().cloned().collect::<std::collections::BTreeSet<_>>())
            .unwrap_or_default();
        let mut expected: std::collections::BTreeSet<String> =
            KINDS.iter().map(|k| (*k).to_owned()).collect();
        expected.extend(["remarks", "at_pg", "providers"].map(str::to_owned));
        assert_eq!(properties, expected);
    }
}
