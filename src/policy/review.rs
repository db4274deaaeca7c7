//! The effective rules of a policy, for the people who review it: for every method, easy-pay
//! service and group of PGs that share their rules, what applies and where it comes from. It is
//! read from the compiled rule sets that decisions use, so what a reviewer reads is what decides.

use super::PolicySet;
use crate::decision::RuleId;
use crate::model::{Method, Provider};
use crate::rules::{Rule, RuleSet};

/// The rules that apply to one method, easy-pay service and set of PGs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectiveRules {
    /// The payment method.
    pub method: Method,
    /// The easy-pay service, for services the policy names; `None` for every other.
    pub service: Option<String>,
    /// The PGs these rules are for; empty for every PG without rules of its own.
    pub pgs: Vec<String>,
    /// The rules, in evaluation order.
    pub rules: Vec<RuleLine>,
}

/// One rule as a reviewer reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleLine {
    /// The rule's id (`portone_v2 › card › pg ksnet › deadline`).
    pub rule: RuleId,
    /// What it says (`within 6 months`).
    pub says: String,
    /// The id of its source.
    pub source: String,
    /// Why its numbers are not confirmed, if they are not.
    pub unverified: Option<String>,
    /// The policy's comment on it.
    pub comment: Option<String>,
}

impl PolicySet {
    /// The effective rules of `provider`'s policy, by method, easy-pay service and group of PGs
    /// sharing the same rules; empty when no policy covers the provider.
    ///
    /// ```
    /// use refund_policy::Engine;
    /// use refund_policy::model::{Method, Provider};
    /// let policies = Engine::builtin().unwrap().policies();
    /// let rules = policies.effective_rules(Provider::PortoneV2);
    /// let ksnet_card = rules
    ///     .iter()
    ///     .find(|r| r.method == Method::Card && r.pgs == ["ksnet"])
    ///     .unwrap();
    /// let deadline = ksnet_card.rules.iter().find(|l| l.rule.as_str().ends_with("deadline")).unwrap();
    /// assert_eq!(deadline.says, "within 6 months");
    /// ```
    pub fn effective_rules(&self, provider: Provider) -> Vec<EffectiveRules> {
        let policy = self.policy(provider);
        let mut found = Vec::new();
        for method in Method::ALL {
            let Some(rules) = policy.methods.get(method.index()).and_then(Option::as_ref) else {
                continue;
            };
            for group in rules.groups() {
                found.push(EffectiveRules {
                    method,
                    service: (!group.service.is_empty()).then(|| group.service.to_owned()),
                    pgs: group
                        .pgs
                        .iter()
                        .map(|pg| policy.pgs.name(*pg).unwrap_or_default().to_owned())
                        .collect(),
                    rules: lines(group.rules),
                });
            }
        }
        found
    }
}

/// What each rule of `set` says, in evaluation order.
fn lines(set: &RuleSet) -> Vec<RuleLine> {
    let mut out = Vec::new();
    set.each(|rule: &dyn Rule| {
        let meta = rule.meta();
        out.push(RuleLine {
            rule: meta.id.clone(),
            says: rule.describe(),
            source: meta.source.clone(),
            unverified: meta.unverified.clone(),
            comment: meta.comment.clone(),
        });
    });
    out
}
