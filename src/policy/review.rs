//! The effective rules of a policy, for the people who review it: for every method, easy-pay
//! service and group of PGs that share their rules, what applies and where it comes from. It is
//! read from the compiled rule sets that decisions use, so what a reviewer reads is what decides.

use super::PolicySet;
use super::compiled::{Condition, DeadlineSpan, FieldFormat, RuleMeta, RuleSet};
use crate::decision::RuleId;
use crate::model::{Method, Provider};
use std::collections::BTreeMap;
use std::sync::Arc;

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
            let other_pg = rules.pg_count.saturating_sub(1);
            for (service, name) in rules.service_names.iter().enumerate() {
                let slot = |pg: usize| {
                    service
                        .checked_mul(rules.pg_count)
                        .and_then(|s| s.checked_add(pg))
                        .and_then(|i| rules.sets.get(i))
                };
                let Some(base) = slot(other_pg) else {
                    continue;
                };
                let service_name = (!name.is_empty()).then(|| name.clone());
                found.push(EffectiveRules {
                    method,
                    service: service_name.clone(),
                    pgs: Vec::new(),
                    rules: lines(base),
                });
                // PGs whose rules differ from every other PG's, grouped by shared rule set.
                let mut groups: BTreeMap<usize, (Vec<String>, &Arc<RuleSet>)> = BTreeMap::new();
                let mut order: Vec<*const RuleSet> = Vec::new();
                for pg in 0..other_pg {
                    let Some(set) = slot(pg) else { continue };
                    if Arc::ptr_eq(set, base) {
                        continue;
                    }
                    let key = Arc::as_ptr(set);
                    let position = match order.iter().position(|p| *p == key) {
                        Some(position) => position,
                        None => {
                            order.push(key);
                            order.len().saturating_sub(1)
                        }
                    };
                    let name = policy.pgs.names().get(pg).cloned().unwrap_or_default();
                    groups
                        .entry(position)
                        .or_insert_with(|| (Vec::new(), set))
                        .0
                        .push(name);
                }
                for (pgs, set) in groups.into_values() {
                    found.push(EffectiveRules {
                        method,
                        service: service_name.clone(),
                        pgs,
                        rules: lines(set),
                    });
                }
            }
        }
        found
    }
}

fn line(meta: &RuleMeta, says: String) -> RuleLine {
    RuleLine {
        rule: meta.id.clone(),
        says,
        source: meta.source.clone(),
        unverified: meta.unverified.clone(),
        comment: meta.comment.clone(),
    }
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

fn condition(c: &Condition) -> String {
    let mut parts = Vec::new();
    if let Some(set) = &c.pg {
        parts.push(format!("pg in [{}]", list(set.names())));
    }
    if let Some(set) = &c.unless_pg {
        parts.push(format!("pg not in [{}]", list(set.names())));
    }
    if let Some(types) = &c.card_type {
        let names: Vec<String> = types.iter().map(ToString::to_string).collect();
        parts.push(format!("card type {}", names.join(" or ")));
    }
    let flag = |value: Option<bool>, yes: &str, no: &str| {
        value.map(|v| if v { yes } else { no }.to_owned())
    };
    parts.extend(flag(c.foreign_card, "foreign card", "domestic card"));
    parts.extend(flag(c.card_points, "card points used", "no card points"));
    parts.extend(flag(c.escrow, "escrow", "not escrow"));
    parts.extend(flag(
        c.partial_cancelable,
        "partial_cancelable true",
        "partial_cancelable false",
    ));
    if let Some(funding) = &c.funding {
        let names: Vec<String> = funding.iter().map(ToString::to_string).collect();
        parts.push(format!("funding {}", names.join(" or ")));
    }
    parts.extend(flag(c.partial, "partial refund", "full refund"));
    parts.extend(flag(
        c.same_day_full_cancel,
        "same-day full cancel",
        "not a same-day full cancel",
    ));
    if parts.is_empty() {
        "always".to_owned()
    } else {
        parts.join(" and ")
    }
}

fn when(c: Option<&Condition>) -> String {
    c.map(|c| format!(" when {}", condition(c)))
        .unwrap_or_default()
}

fn field(name: &str, format: FieldFormat) -> Option<String> {
    let mut limits = Vec::new();
    if let Some(max) = format.max_chars {
        limits.push(format!("at most {max} chars"));
    }
    if format.digits_only {
        limits.push("digits only".to_owned());
    }
    (!limits.is_empty()).then(|| format!("{name} {}", limits.join(", ")))
}

/// What each rule of `set` says, in evaluation order.
fn lines(set: &RuleSet) -> Vec<RuleLine> {
    let mut out = Vec::new();
    if let Some(r) = &set.refund_not_supported {
        out.push(line(&r.meta, format!("no refund{}", when(r.when.as_ref()))));
    }
    if let Some(r) = &set.deadline {
        let says = match &r.span {
            DeadlineSpan::Fixed(span) => format!("within {span}"),
            DeadlineSpan::ByFunding(spans) => {
                let spans: Vec<String> =
                    spans.iter().map(|(f, s)| format!("{s} for {f}")).collect();
                format!("within {}; other funding: the strictest", spans.join(", "))
            }
        };
        out.push(line(&r.meta, says));
    }
    if let Some(r) = &set.same_month {
        let mut says = "in the month of payment".to_owned();
        if let Some(next) = &r.next_month {
            says.push_str(&format!(
                "; later to a bank account at [{}] with `{}`",
                list(next.pgs.names()),
                next.contract.id
            ));
        }
        out.push(line(&r.meta, says));
    }
    if let Some(r) = &set.cancel_hours {
        out.push(line(&r.meta, format!("no cancels {} local time", r.closed)));
    }
    for r in &set.partial_refusals {
        out.push(line(
            &r.meta,
            format!("partial refused when {}", condition(&r.when)),
        ));
    }
    if let Some(r) = &set.partial_limit {
        out.push(line(&r.meta, format!("at most {} partial cancels", r.max)));
    }
    if let Some(r) = &set.partial_contract {
        out.push(line(
            &r.meta,
            format!("partial refunds need `{}`", r.contract.id),
        ));
    }
    if let Some(r) = &set.refund_contract {
        out.push(line(
            &r.meta,
            format!("needs `{}`{}", r.contract.id, when(r.when.as_ref())),
        ));
    }
    if let Some(r) = &set.refund_account {
        let phone = if r.holder_phone_required {
            ", holder phone"
        } else {
            ""
        };
        out.push(line(
            &r.meta,
            format!("account required: bank, number, holder name{phone}"),
        ));
    }
    if let Some(r) = &set.account_format {
        let parts: Vec<String> = [
            field("number", r.number),
            field("holder name", r.holder_name),
            field("holder phone", r.holder_phone),
        ]
        .into_iter()
        .flatten()
        .collect();
        out.push(line(&r.meta, parts.join("; ")));
    }
    if let Some(r) = &set.reason {
        let required = if r.required { "required" } else { "optional" };
        let max = r
            .max_chars
            .map(|m| format!(", at most {m} chars"))
            .unwrap_or_default();
        out.push(line(&r.meta, format!("reason {required}{max}")));
    }
    if let Some(r) = &set.cancel_id {
        out.push(line(
            &r.meta,
            format!("cancel id at most {} chars", r.max_chars),
        ));
    }
    if let Some(r) = &set.requester {
        let says = if r.required {
            "requester required"
        } else {
            "requester optional"
        };
        out.push(line(&r.meta, says.to_owned()));
    }
    if let Some(r) = &set.fee {
        out.push(line(
            &r.meta,
            format!("fee {} {} per refund", r.amount, r.currency),
        ));
    }
    if let Some(r) = &set.processing {
        out.push(line(
            &r.meta,
            format!("{} business days{}", r.days, when(r.when.as_ref())),
        ));
    }
    if let Some(r) = &set.async_cancellation {
        out.push(line(
            &r.meta,
            "answered REQUESTED first, confirmed later".to_owned(),
        ));
    }
    out
}
