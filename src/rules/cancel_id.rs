//! `cancel_id`: the length limit of the merchant's cancel id (`FIELD_TOO_LONG`).

use super::Rule;
use crate::decision::RequestField;
use crate::engine::{Context, Findings, reason};
use crate::options::sink::OptionsSink;
use crate::policy::{Checker, RuleMeta, Site, key};

rule_doc! {
    /// `cancel_id`: the length limit of the merchant's cancel id (`FIELD_TOO_LONG`).
    pub struct CancelIdRuleDoc {
        /// At most this many characters.
        pub max_chars: u32,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CancelIdRule {
    pub(crate) meta: RuleMeta,
    pub(crate) max_chars: u32,
}

pub(crate) fn compile(
    doc: &CancelIdRuleDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<CancelIdRule> {
    checker.positive(&key(&site.path, "max_chars"), doc.max_chars, "max_chars");
    let meta = checker.meta(site, doc);
    Some(CancelIdRule {
        meta,
        max_chars: doc.max_chars,
    })
}

impl Rule for CancelIdRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut impl Findings) {
        let Some(cancel_id) = cx.request.cancel_id.as_deref() else {
            return;
        };
        let chars = cancel_id.chars().count();
        if usize::try_from(self.max_chars).is_ok_and(|max| chars > max) {
            out.reason(
                &self.meta,
                reason!(FieldTooLong {
                    field: RequestField::CancelId,
                    chars,
                    max: self.max_chars,
                }),
            );
        }
    }

    /// `cancel_id` is optional; its limit.
    fn constrain(&self, _: &Context<'_>, out: &mut OptionsSink<'_>) {
        out.field("cancel_id", &self.meta.id, false, Some(self.max_chars));
    }

    fn describe(&self) -> String {
        format!("cancel id at most {} chars", self.max_chars)
    }
}
