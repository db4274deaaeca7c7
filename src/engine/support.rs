//! Whether the provider refunds this payment at all, and under which contract.

use super::condition::applies;
use super::facts::Facts;
use super::findings::Findings;
use crate::decision::{ReasonCode, ReasonDetails};
use crate::policy::RuleSet;

/// `REFUND_NOT_SUPPORTED`, with the `MANUAL_REFUND` note.
pub(crate) fn refund_not_supported(rules: &RuleSet, facts: &Facts<'_>, out: &mut Findings<'_>) {
    let Some(rule) = &rules.refund_not_supported else {
        return;
    };
    if let Some(because) = applies(rule.when.as_ref(), facts) {
        out.reason(&rule.meta, ReasonDetails::RefundNotSupported { because });
        out.manual_refund(&rule.meta.id, ReasonCode::RefundNotSupported);
    }
}

/// `CONTRACT_REQUIRED` for refunds that need a special contract.
pub(crate) fn refund_contract(rules: &RuleSet, facts: &Facts<'_>, out: &mut Findings<'_>) {
    let Some(rule) = &rules.refund_contract else {
        return;
    };
    if applies(rule.when.as_ref(), facts).is_some()
        && !facts.merchant.has_contract(&rule.contract.id)
    {
        out.reason(
            &rule.meta,
            ReasonDetails::ContractRequired {
                contract: rule.contract.clone(),
                for_partial_refund: false,
            },
        );
    }
}
