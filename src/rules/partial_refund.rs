//! `partial_refund`: restrictions that each refuse a partial refund when their condition holds
//! (`PARTIAL_CANCEL_NOT_SUPPORTED`). Unlike other kinds they add up across scopes.

use super::Rule;
use super::condition::{self, Condition};
use crate::engine::{Context, Findings, reason};
use crate::options::sink::OptionsSink;
use crate::policy::document::ConditionDoc;
use crate::policy::{Anchor, Checker, IdKind, ProblemKind, RuleMeta, Site, is_snake_id, key};
use std::collections::BTreeSet;
use std::sync::Arc;

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

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PartialRefusal {
    pub(crate) meta: RuleMeta,
    pub(crate) when: Condition,
}

/// Compiles a scope's list of restrictions; their ids are unique in the list.
pub(crate) fn compile_list(
    docs: &[PartialRefusalDoc],
    scope: &Site,
    checker: &mut Checker<'_>,
) -> Vec<Arc<PartialRefusal>> {
    let list = scope.kind("partial_refund");
    let mut ids = BTreeSet::new();
    let mut compiled = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        let site = list.item(i, &doc.id);
        if !is_snake_id(&doc.id) {
            checker.report(
                &key(&site.path, "id"),
                Anchor::Value,
                ProblemKind::InvalidId {
                    what: IdKind::Restriction,
                    value: doc.id.clone(),
                },
            );
        }
        if !ids.insert(doc.id.as_str()) {
            checker.report(
                &key(&site.path, "id"),
                Anchor::Value,
                ProblemKind::Repeated {
                    what: IdKind::Restriction,
                    value: doc.id.clone(),
                },
            );
        }
        let meta = checker.meta(&site, doc);
        let when = condition::compile(&key(&site.path, "refused_when"), &doc.refused_when, checker);
        compiled.push(Arc::new(PartialRefusal { meta, when }));
    }
    compiled
}

impl Rule for PartialRefusal {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut impl Findings) {
        if !cx.valid_partial_refund() {
            return;
        }
        // Tested without recording why: most payments meet no restriction, and a screening
        // never asks why.
        if condition::matches(&self.when, cx) {
            out.reason(
                &self.meta,
                reason!(PartialCancelNotSupported {
                    because: condition::because(&self.when, cx),
                }),
            );
        }
    }

    /// Over a partial shape, what it finds refuses every partial refund.
    fn constrain(&self, cx: &Context<'_>, out: &mut OptionsSink<'_>) {
        self.check(cx, out.sink());
    }

    fn describe(&self) -> String {
        format!("partial refused when {}", condition::describe(&self.when))
    }
}
