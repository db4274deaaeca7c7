//! `cash_receipt_not_cancelled`: the PG does not cancel the payment's cash receipt along with
//! the payment (the `CASH_RECEIPT_NOT_CANCELLED` note); the merchant cancels or reissues it.

use super::Rule;
use super::condition::{self, Condition};
use crate::decision::NoteDetails;
use crate::engine::{Context, Findings};
use crate::options::sink::OptionsSink;
use crate::policy::document::ConditionDoc;
use crate::policy::{Checker, RuleMeta, Site};

rule_doc! {
    /// `cash_receipt_not_cancelled`: the PG leaves the cash receipt standing when it cancels
    /// (`CASH_RECEIPT_NOT_CANCELLED` note).
    pub struct CashReceiptDoc {
        /// Only when this holds; always when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub when: Option<ConditionDoc>,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CashReceipt {
    pub(crate) meta: RuleMeta,
    pub(crate) when: Option<Condition>,
}

pub(crate) fn compile(
    doc: &CashReceiptDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<CashReceipt> {
    let meta = checker.meta(site, doc);
    let when = condition::compile_when(&site.path, doc.when.as_ref(), checker);
    Some(CashReceipt { meta, when })
}

impl Rule for CashReceipt {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut impl Findings) {
        if condition::applies_to(self.when.as_ref(), cx) {
            out.note(&self.meta.id, || NoteDetails::CashReceiptNotCancelled {});
        }
    }

    fn constrain(&self, cx: &Context<'_>, out: &mut OptionsSink<'_>) {
        self.check(cx, out.sink());
    }

    fn describe(&self) -> String {
        format!(
            "the cash receipt is not cancelled with the payment{}",
            condition::when(self.when.as_ref())
        )
    }
}
