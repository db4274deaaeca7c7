//! `policies show` as data: for each loaded policy, its effective rules by method, easy-pay
//! service and group of PGs (what decides, read from the compiled rules), the methods it does
//! not cover, and the document itself (sources, provider errors, remarks, bank-code tables).
//! The operator page renders it as review tables.

use crate::failure::Failure;
use refund_policy::model::{Method, Provider};
use refund_policy::policy::{EffectiveRules, RuleLine};
use refund_policy::{Engine, PolicySet};
use serde_json::{Value, json};

fn rule_line(line: &RuleLine) -> Value {
    json!({
        "rule": line.rule.as_str(),
        "says": line.says,
        "source": line.source,
        "unverified": line.unverified,
        "comment": line.comment,
    })
}

fn group(rules: &EffectiveRules) -> Value {
    json!({
        "method": rules.method.id(),
        "service": rules.service,
        "pgs": rules.pgs,
        "rules": rules.rules.iter().map(rule_line).collect::<Vec<_>>(),
    })
}

fn policy(policies: &PolicySet, provider: Provider) -> Result<Option<Value>, Failure> {
    let Some(document) = policies.document(provider) else {
        return Ok(None);
    };
    let uncovered: Vec<&str> = Method::ALL
        .iter()
        .filter(|m| !document.methods.contains_key(m))
        .map(|m| m.id())
        .collect();
    let effective: Vec<Value> = policies
        .effective_rules(provider)
        .iter()
        .map(group)
        .collect();
    Ok(Some(json!({
        "provider": provider.id(),
        "policy": document.policy,
        "title": document.title,
        "time_zone": document.time_zone,
        "effective": effective,
        "no_policy": uncovered,
        "document": crate::api::to_value(document)?,
    })))
}

/// The loaded policies, or only `provider`'s, in provider order.
pub fn show(engine: &Engine, provider: Option<Provider>) -> Result<Value, Failure> {
    let mut shown = Vec::new();
    for p in Provider::ALL {
        if provider.is_some_and(|wanted| wanted != p) {
            continue;
        }
        if let Some(value) = policy(engine.policies(), p)? {
            shown.push(value);
        }
    }
    Ok(Value::Array(shown))
}
