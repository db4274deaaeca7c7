//! `processing_time`: how long the money takes to reach the customer (the `PROCESSING_DELAY`
//! note), for every refund or those a condition picks.

use super::Rule;
use super::condition::{self, Condition};
use crate::calendar::BusinessDays;
use crate::decision::NoteDetails;
use crate::engine::{Context, Findings};
use crate::options::sink::OptionsSink;
use crate::policy::document::ConditionDoc;
use crate::policy::{Checker, RuleMeta, Site};

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

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Processing {
    pub(crate) meta: RuleMeta,
    pub(crate) days: BusinessDays,
    pub(crate) when: Option<Condition>,
}

pub(crate) fn compile(
    doc: &ProcessingTimeDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<Processing> {
    let meta = checker.meta(site, doc);
    let when = condition::compile_when(&site.path, doc.when.as_ref(), checker);
    Some(Processing {
        meta,
        days: doc.business_days,
        when,
    })
}

impl Rule for Processing {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut impl Findings) {
        if condition::applies_to(self.when.as_ref(), cx) {
            out.note(&self.meta.id, || {
                NoteDetails::processing_delay(self.days, cx.today)
            });
        }
    }

    /// The processing time a refund of this shape would carry.
    fn constrain(&self, cx: &Context<'_>, out: &mut OptionsSink<'_>) {
        self.check(cx, out.sink());
    }

    fn describe(&self) -> String {
        format!(
            "{} business days{}",
            self.days,
            condition::when(self.when.as_ref())
        )
    }
}
