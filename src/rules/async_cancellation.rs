//! `async_cancellation`: the provider answers a cancel `REQUESTED` and confirms it later (the
//! `ASYNC_CANCELLATION` note).

use super::Rule;
use crate::decision::NoteDetails;
use crate::engine::{Context, Findings};
use crate::options::sink::OptionsSink;
use crate::policy::{Checker, RuleMeta, Site};

rule_doc! {
    /// `async_cancellation`: the provider confirms cancels later (`ASYNC_CANCELLATION` note).
    pub struct AsyncCancellationDoc {}
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AsyncCancellation {
    pub(crate) meta: RuleMeta,
}

pub(crate) fn compile(
    doc: &AsyncCancellationDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<AsyncCancellation> {
    Some(AsyncCancellation {
        meta: checker.meta(site, doc),
    })
}

impl Rule for AsyncCancellation {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, _: &Context<'_>, out: &mut impl Findings) {
        out.note(&self.meta.id, || NoteDetails::AsyncCancellation {});
    }

    /// A refund would be confirmed later.
    fn constrain(&self, cx: &Context<'_>, out: &mut OptionsSink<'_>) {
        self.check(cx, out.sink());
    }

    fn describe(&self) -> String {
        "answered REQUESTED first, confirmed later".to_owned()
    }
}
