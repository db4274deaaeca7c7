//! Checking one policy file and compiling it for evaluation, in order: the file's catalogs
//! (`catalog.rs`), its bank-code tables (`banks.rs`), then its scopes, laid over each other
//! (`layering.rs`), each compiling its rule kinds (`src/rules/`).

use super::Problem;
use super::checker::{Checker, key};
use super::compiled::{CommonRules, CompiledPolicy};
use super::layering::{Level, MethodRules};
use super::read::ReadDocument;
use crate::decision::{RuleId, SharedId};
use crate::model::Method;

/// Checks and compiles one read document. Problems go to `problems`; a policy is returned only
/// if it has none. The policy keeps the document, which is moved, not copied.
pub(crate) fn compile(read: ReadDocument, problems: &mut Vec<Problem>) -> Option<CompiledPolicy> {
    let doc = &read.document;
    let provider = doc.provider;
    let mut checker = Checker::new(&read);
    checker.check_policy_id();
    let zone = checker.time_zone();
    checker.pg_catalog(doc);
    checker.easy_pay_catalog(doc);
    checker.contract_definitions(doc);
    let errors = checker.provider_errors(doc);
    let bank_tables = checker.bank_tables(doc);
    if !checker.within_limits(doc) {
        // Laying scopes over each other is the work the limits bound.
        problems.extend(checker.problems);
        return None;
    }
    let every = checker.scope(
        &key(&[], "every_method"),
        Level::Every,
        "",
        &doc.every_method,
    );
    let (top_by_pg, top_scopes) =
        checker.pg_scopes(&key(&[], "at_pg"), Level::TopPg, "", &doc.at_pg);
    let mut methods: [Option<MethodRules>; Method::ALL.len()] = Default::default();
    for (method, scope) in &doc.methods {
        let rules = checker.method(*method, scope, &every, &top_by_pg, &top_scopes);
        if let Some(slot) = methods.get_mut(method.index()) {
            *slot = Some(rules);
        }
    }
    let common = CommonRules::new(&checker.policy);
    checker.rule_ids.extend(common.all().into_iter().cloned());
    let no_policy = Method::ALL.map(|m| RuleId::new(format!("{} › {m}", checker.policy)));
    for (method, id) in Method::ALL.iter().zip(&no_policy) {
        // A method covered only at some PGs (a `no_policy` rule) is `NO_POLICY` elsewhere.
        let partly_covered = methods
            .get(method.index())
            .and_then(Option::as_ref)
            .is_some_and(|m| m.sets.iter().any(|set| set.no_policy.is_some()));
        if !doc.methods.contains_key(method) || partly_covered {
            checker.rule_ids.insert(id.clone());
        }
    }
    let Checker {
        problems: found,
        policy,
        pgs,
        rule_ids,
        ..
    } = checker;
    if !found.is_empty() {
        problems.extend(found);
        return None;
    }
    Some(CompiledPolicy {
        id: SharedId::new(&policy),
        provider,
        zone: zone?.into(),
        pgs,
        methods,
        errors,
        bank_tables,
        common,
        no_policy,
        rule_ids,
        document: Some(read.document),
        suggestions: Default::default(),
    })
}
