//! `refund_contract`: every refund (or those a condition picks) needs a special contract
//! (`CONTRACT_REQUIRED`).

use super::Rule;
use super::condition::{self, Condition};
use crate::decision::ContractName;
use crate::engine::{Context, Findings, reason};
use crate::options::sink::OptionsSink;
use crate::policy::document::ConditionDoc;
use crate::policy::{Checker, RuleMeta, Site, key};

rule_doc! {
    /// `refund_contract`: every refund needs a contract (`CONTRACT_REQUIRED`).
    pub struct RefundContractDoc {
        /// The contract id.
        pub contract: String,
        /// Only when this holds; always when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub when: Option<ConditionDoc>,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RefundContract {
    pub(crate) meta: RuleMeta,
    pub(crate) contract: ContractName,
    pub(crate) when: Option<Condition>,
}

pub(crate) fn compile(
    doc: &RefundContractDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<RefundContract> {
    let meta = checker.meta(site, doc);
    let when = condition::compile_when(&site.path, doc.when.as_ref(), checker);
    let contract = checker.contract(&key(&site.path, "contract"), &doc.contract)?;
    Some(RefundContract {
        meta,
        contract,
        when,
    })
}

impl Rule for RefundContract {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut impl Findings) {
        if condition::applies_to(self.when.as_ref(), cx)
            && !cx.merchant.has_contract(&self.contract.id)
        {
            out.reason(
                &self.meta,
                reason!(ContractRequired {
                    contract: self.contract.clone(),
                    for_partial_refund: false,
                }),
            );
        }
    }

    /// A contract the merchant lacks denies every refund it applies to.
    fn constrain(&self, cx: &Context<'_>, out: &mut OptionsSink<'_>) {
        if condition::applies_to(self.when.as_ref(), cx)
            && !cx.merchant.has_contract(&self.contract.id)
        {
            out.contract(&self.meta.id, &self.contract);
        }
        self.check(cx, out.sink());
    }

    fn describe(&self) -> String {
        format!(
            "needs `{}`{}",
            self.contract.id,
            condition::when(self.when.as_ref())
        )
    }
}
