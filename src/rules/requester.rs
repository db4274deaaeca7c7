//! `requester`: whether the request must say who asked for the refund (`REQUESTER_REQUIRED`).

use super::Rule;
use crate::engine::{Context, Findings, reason};
use crate::options::sink::OptionsSink;
use crate::policy::{Checker, RuleMeta, Site};

rule_doc! {
    /// `requester`: whether `requester` is required (`REQUESTER_REQUIRED`).
    pub struct RequesterRuleDoc {
        /// It must be given.
        pub required: bool,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RequesterRule {
    pub(crate) meta: RuleMeta,
    pub(crate) required: bool,
}

pub(crate) fn compile(
    doc: &RequesterRuleDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<RequesterRule> {
    let meta = checker.meta(site, doc);
    Some(RequesterRule {
        meta,
        required: doc.required,
    })
}

impl Rule for RequesterRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut impl Findings) {
        if self.required && cx.request.requester.is_none() {
            out.reason(&self.meta, reason!(RequesterRequired {}));
        }
    }

    /// `requester`, where required.
    fn constrain(&self, _: &Context<'_>, out: &mut OptionsSink<'_>) {
        if self.required {
            out.field("requester", &self.meta.id, true, None);
        }
    }

    fn describe(&self) -> String {
        let says = if self.required {
            "requester required"
        } else {
            "requester optional"
        };
        says.to_owned()
    }
}
