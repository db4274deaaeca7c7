//! `partial_refund_contract`: partial refunds need a special contract (`CONTRACT_REQUIRED`).

use super::Rule;
use crate::decision::ContractName;
use crate::engine::{Context, Findings, reason};
use crate::options::sink::OptionsSink;
use crate::policy::{Checker, RuleMeta, Site, key};

rule_doc! {
    /// `partial_refund_contract`: partial refunds need a contract (`CONTRACT_REQUIRED`).
    pub struct PartialContractDoc {
        /// The contract id.
        pub contract: String,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PartialContract {
    pub(crate) meta: RuleMeta,
    pub(crate) contract: ContractName,
}

pub(crate) fn compile(
    doc: &PartialContractDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<PartialContract> {
    let meta = checker.meta(site, doc);
    let contract = checker.contract(&key(&site.path, "contract"), &doc.contract)?;
    Some(PartialContract { meta, contract })
}

impl Rule for PartialContract {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut impl Findings) {
        if cx.valid_partial_refund() && !cx.merchant.has_contract(&self.contract.id) {
            out.reason(
                &self.meta,
                reason!(ContractRequired {
                    contract: self.contract.clone(),
                    for_partial_refund: true,
                }),
            );
        }
    }

    /// Over a partial shape, a contract the merchant lacks refuses every partial refund.
    fn constrain(&self, cx: &Context<'_>, out: &mut OptionsSink<'_>) {
        if cx.valid_partial_refund() && !cx.merchant.has_contract(&self.contract.id) {
            out.contract(&self.meta.id, &self.contract);
        }
        self.check(cx, out.sink());
    }

    fn describe(&self) -> String {
        format!("partial refunds need `{}`", self.contract.id)
    }
}
