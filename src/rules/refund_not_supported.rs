//! `refund_not_supported`: the provider cannot refund at all (`REFUND_NOT_SUPPORTED`, with the
//! `MANUAL_REFUND` note).

use super::Rule;
use super::condition::{self, Condition};
use crate::decision::ReasonCode;
use crate::engine::{Context, Findings, reason};
use crate::options::sink::OptionsSink;
use crate::policy::document::ConditionDoc;
use crate::policy::{Checker, RuleMeta, Site};

rule_doc! {
    /// `refund_not_supported`: the provider cannot refund at all (`REFUND_NOT_SUPPORTED`).
    pub struct RefundNotSupportedDoc {
        /// Only when this holds; always when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub when: Option<ConditionDoc>,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RefundNotSupported {
    pub(crate) meta: RuleMeta,
    pub(crate) when: Option<Condition>,
}

pub(crate) fn compile(
    doc: &RefundNotSupportedDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<RefundNotSupported> {
    let meta = checker.meta(site, doc);
    let when = condition::compile_when(&site.path, doc.when.as_ref(), checker);
    Some(RefundNotSupported { meta, when })
}

impl Rule for RefundNotSupported {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut impl Findings) {
        if condition::applies_to(self.when.as_ref(), cx) {
            out.reason(
                &self.meta,
                reason!(RefundNotSupported {
                    because: condition::because_of(self.when.as_ref(), cx),
                }),
            );
            out.manual_refund(&self.meta.id, ReasonCode::RefundNotSupported);
        }
    }

    /// Request fields cannot lift it: what it finds denies every request.
    fn constrain(&self, cx: &Context<'_>, out: &mut OptionsSink<'_>) {
        self.check(cx, out.sink());
    }

    fn describe(&self) -> String {
        format!("no refund{}", condition::when(self.when.as_ref()))
    }
}
