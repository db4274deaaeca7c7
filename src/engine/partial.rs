//! Rules about partial refunds: restrictions, a PG's limit on their number, and the contract
//! some PGs require for them. None apply to a full refund or to an invalid amount.

use super::condition::holds;
use super::facts::Facts;
use super::findings::Findings;
use crate::decision::{ReasonCode, ReasonDetails};
use crate::model::CancellationStatus;
use crate::policy::RuleSet;

pub(crate) fn check(rules: &RuleSet, facts: &Facts<'_>, out: &mut Findings<'_>) {
    if !facts.partial || out.has_reason(ReasonCode::InvalidAmount) {
        return;
    }
    for refusal in &rules.partial_refusals {
        if let Some(because) = holds(&refusal.when, facts) {
            out.reason(
                &refusal.meta,
                ReasonDetails::PartialCancelNotSupported { because },
            );
        }
    }
    if let Some(limit) = &rules.partial_limit {
        let succeeded = facts
            .payment
            .cancellations
            .iter()
            .filter(|c| c.status == CancellationStatus::Succeeded)
            .count();
        let succeeded = u32::try_from(succeeded).unwrap_or(u32::MAX);
        if succeeded >= limit.max {
            out.reason(
                &limit.meta,
                ReasonDetails::PartialCancelLimitReached {
                    limit: limit.max,
                    succeeded,
                },
            );
        }
    }
    if let Some(rule) = &rules.partial_contract
        && !facts.merchant.has_contract(&rule.contract.id)
    {
        out.reason(
            &rule.meta,
            ReasonDetails::ContractRequired {
                contract: rule.contract.clone(),
                for_partial_refund: true,
            },
        );
    }
}
