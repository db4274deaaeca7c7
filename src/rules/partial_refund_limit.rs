//! `partial_refund_limit`: at most so many partial cancels (`PARTIAL_CANCEL_LIMIT_REACHED`).

use super::Rule;
use crate::engine::{Context, Findings, reason};
use crate::model::CancellationStatus;
use crate::options::sink::OptionsSink;
use crate::policy::{Checker, RuleMeta, Site, key};

rule_doc! {
    /// `partial_refund_limit`: at most this many partial cancels
    /// (`PARTIAL_CANCEL_LIMIT_REACHED`).
    pub struct PartialLimitDoc {
        /// How many partial cancels may succeed.
        pub max_partial_cancels: u32,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PartialLimit {
    pub(crate) meta: RuleMeta,
    pub(crate) max: u32,
}

pub(crate) fn compile(
    doc: &PartialLimitDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<PartialLimit> {
    checker.positive(
        &key(&site.path, "max_partial_cancels"),
        doc.max_partial_cancels,
        "max_partial_cancels",
    );
    let meta = checker.meta(site, doc);
    Some(PartialLimit {
        meta,
        max: doc.max_partial_cancels,
    })
}

/// How many partial cancels of the payment succeeded.
fn succeeded(cx: &Context<'_>) -> u32 {
    let succeeded = cx
        .payment
        .cancellations
        .iter()
        .filter(|c| c.status == CancellationStatus::Succeeded)
        .count();
    u32::try_from(succeeded).unwrap_or(u32::MAX)
}

impl Rule for PartialLimit {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut impl Findings) {
        if !cx.valid_partial_refund() {
            return;
        }
        let succeeded = succeeded(cx);
        if succeeded >= self.max {
            out.reason(
                &self.meta,
                reason!(PartialCancelLimitReached {
                    limit: self.max,
                    succeeded,
                }),
            );
        }
    }

    /// Over a partial shape, the cancels left; none left refuses every partial refund.
    fn constrain(&self, cx: &Context<'_>, out: &mut OptionsSink<'_>) {
        let succeeded = succeeded(cx);
        out.partial_cancels(&self.meta.id, self.max, succeeded);
        self.check(cx, out.sink());
    }

    fn describe(&self) -> String {
        format!("at most {} partial cancels", self.max)
    }
}
