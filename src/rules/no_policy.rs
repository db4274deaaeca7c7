//! `no_policy`: the policy has rules for a method only at some PGs (KG Inicis Japan's
//! convenience-store payments); where its condition holds, the payment is decided as if the
//! method had no entry, `NO_POLICY` with the method's own rule id and details. The context
//! resolves it before any check runs, so no other rule of the method applies there.

use super::Rule;
use super::condition::{self, Condition};
use crate::engine::{Context, Findings};
use crate::options::sink::OptionsSink;
use crate::policy::document::ConditionDoc;
use crate::policy::{Checker, RuleMeta, Site, key};

rule_doc! {
    /// `no_policy`: no rule of this scope applies when the condition holds (`NO_POLICY`).
    pub struct NoPolicyDoc {
        /// When the policy has no rules for the payment (`{ unless_pg: [inicis_jp] }`).
        pub when: ConditionDoc,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NoPolicy {
    pub(crate) meta: RuleMeta,
    pub(crate) when: Condition,
}

pub(crate) fn compile(
    doc: &NoPolicyDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<NoPolicy> {
    let meta = checker.meta(site, doc);
    let when = condition::compile(&key(&site.path, "when"), &doc.when, checker);
    Some(NoPolicy { meta, when })
}

impl NoPolicy {
    /// Whether the payment has no policy by this rule.
    pub(crate) fn holds(&self, cx: &Context<'_>) -> bool {
        condition::matches(&self.when, cx)
    }
}

impl Rule for NoPolicy {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Nothing to do here: where it holds, the context has dropped the rules, and the common
    /// `NO_POLICY` check reports it.
    fn check(&self, _: &Context<'_>, _: &mut impl Findings) {}

    /// Likewise for options: the common check reports `NO_POLICY` as blocking.
    fn constrain(&self, _: &Context<'_>, _: &mut OptionsSink<'_>) {}

    fn describe(&self) -> String {
        format!("no policy when {}", condition::describe(&self.when))
    }
}
