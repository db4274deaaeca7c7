//! Scope layering: which scopes a payment matches, how their rules lie over each other, and
//! the resolved table of rules by method, easy-pay service and PG index. Review, the command
//! line and the tests read scopes and resolved groups through this module rather than walking
//! the document themselves.
//!
//! A payment matches up to five scopes, from the most general: `every_method`, a top-level
//! `at_pg` entry, its method, its easy-pay service, a method-level `at_pg` entry. Each kind a
//! narrower scope sets replaces the wider one's ([`RuleSet::overlay`]); partial-refund
//! restrictions add up.

use super::checker::{Anchor, Checker, Site, item, key, suggest, unknown};
use super::compiled::Fnv;
use super::document::{PolicyDocument, ScopeDoc};
use super::problem::{Named, ProblemKind};
use crate::model::Method;
use crate::rules::{KINDS, RuleSet};
use crate::yaml::Segment;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasherDefault;
use std::sync::Arc;

/// One scope of a policy document and where it applies.
///
/// ```
/// use refund_policy::Engine;
/// use refund_policy::model::{Method, Provider};
/// let policies = Engine::builtin().unwrap().policies();
/// let v2 = policies.document(Provider::PortoneV2).unwrap();
/// let ksnet_card = v2
///     .scopes()
///     .into_iter()
///     .find(|s| s.method == Some(Method::Card) && s.pg == Some("ksnet"))
///     .unwrap();
/// assert_eq!(ksnet_card.label(), "card › pg ksnet");
/// assert!(ksnet_card.rules.deadline.is_some());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Scope<'a> {
    /// The method it is limited to; `None` for `every_method` and the top-level `at_pg`.
    pub method: Option<Method>,
    /// The easy-pay service it is limited to.
    pub service: Option<&'a str>,
    /// The PG id or group it is limited to.
    pub pg: Option<&'a str>,
    /// What it sets.
    pub rules: &'a ScopeDoc,
}

impl Scope<'_> {
    /// How rule ids name the scope (`card › pg ksnet`); empty for `every_method`.
    pub fn label(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.method.map(|m| m.id().to_owned()));
        parts.extend(self.service.map(str::to_owned));
        parts.extend(self.pg.map(|pg| format!("pg {pg}")));
        parts.join(" › ")
    }
}

impl PolicyDocument {
    /// Every scope of the document, from the most general: `every_method`, the top-level
    /// `at_pg` entries, then for each method the method, its `at_pg` entries, and its easy-pay
    /// services with their own `at_pg` entries (which a policy that loads never has).
    pub fn scopes(&self) -> Vec<Scope<'_>> {
        let mut out = vec![Scope {
            method: None,
            service: None,
            pg: None,
            rules: &self.every_method,
        }];
        for (pg, rules) in &self.at_pg {
            out.push(Scope {
                method: None,
                service: None,
                pg: Some(pg),
                rules,
            });
        }
        for (method, scope) in &self.methods {
            let method = Some(*method);
            out.push(Scope {
                method,
                service: None,
                pg: None,
                rules: scope,
            });
            for (pg, rules) in &scope.at_pg {
                out.push(Scope {
                    method,
                    service: None,
                    pg: Some(pg),
                    rules,
                });
            }
            for (service, nested) in &scope.providers {
                out.push(Scope {
                    method,
                    service: Some(service),
                    pg: None,
                    rules: nested,
                });
                for (pg, rules) in &nested.at_pg {
                    out.push(Scope {
                        method,
                        service: Some(service),
                        pg: Some(pg),
                        rules,
                    });
                }
            }
        }
        out
    }
}

/// Where a scope sits, which decides what it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    Every,
    TopPg,
    Method(Method),
    Service,
    MethodPg,
}

/// The rules of one method, resolved for every easy-pay service and PG.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MethodRules {
    /// Named easy-pay services; index 0 is every other service.
    /// FNV-hashed like the PG table: every easy-pay decision looks a service up once.
    pub(crate) services: HashMap<String, usize, BuildHasherDefault<Fnv>>,
    pub(crate) service_names: Vec<String>,
    pub(crate) pg_count: usize,
    /// Indexed by `service * pg_count + pg`.
    pub(crate) sets: Vec<Arc<RuleSet>>,
}

/// PGs that decide alike: one easy-pay service's rules at a group of PG indexes.
#[derive(Debug)]
pub(crate) struct PgGroup<'a> {
    /// The service's name; empty for every other service.
    pub(crate) service: &'a str,
    /// The PG indexes; empty for every PG without rules of its own (and unknown PGs).
    pub(crate) pgs: Vec<usize>,
    pub(crate) rules: &'a RuleSet,
}

impl MethodRules {
    /// The rules for an easy-pay service and a PG index: the service's index if the method
    /// names it ([`MethodRules::service`]), or 0, every other service. Inlined: most payments
    /// name no service, and their rules are then one slot away.
    #[inline]
    pub(crate) fn rules(&self, service: Option<usize>, pg: usize) -> Option<&RuleSet> {
        self.slot(service.unwrap_or(0), pg)
    }

    /// The index of an easy-pay service the method names rules for; `None` for any other. A
    /// policy that names a service the policy does not list does not load.
    pub(crate) fn service(&self, name: &str) -> Option<usize> {
        self.services.get(name).copied()
    }

    fn slot(&self, service: usize, pg: usize) -> Option<&RuleSet> {
        let slot = service.checked_mul(self.pg_count)?.checked_add(pg)?;
        self.sets.get(slot).map(|set| &**set)
    }

    /// For each easy-pay service, the rules of every PG without its own, then the groups of
    /// PGs whose rules differ from those, each group sharing one resolved set, in PG order.
    pub(crate) fn groups(&self) -> Vec<PgGroup<'_>> {
        let other_pg = self.pg_count.saturating_sub(1);
        let mut found = Vec::new();
        for (service, name) in self.service_names.iter().enumerate() {
            let Some(base) = self.slot(service, other_pg) else {
                continue;
            };
            found.push(PgGroup {
                service: name,
                pgs: Vec::new(),
                rules: base,
            });
            let mut groups: Vec<PgGroup<'_>> = Vec::new();
            for pg in 0..other_pg {
                let Some(set) = self.slot(service, pg) else {
                    continue;
                };
                if std::ptr::eq(set, base) {
                    continue;
                }
                match groups.iter_mut().find(|g| std::ptr::eq(g.rules, set)) {
                    Some(group) => group.pgs.push(pg),
                    None => groups.push(PgGroup {
                        service: name,
                        pgs: vec![pg],
                        rules: set,
                    }),
                }
            }
            found.extend(groups);
        }
        found
    }
}

impl Checker<'_> {
    /// Checks what a scope at `level` may hold and compiles its rule kinds.
    pub(crate) fn scope(
        &mut self,
        path: &[Segment],
        level: Level,
        label: &str,
        doc: &ScopeDoc,
    ) -> RuleSet {
        if !doc.at_pg.is_empty() && !matches!(level, Level::Method(_)) {
            self.report(
                &key(path, "at_pg"),
                Anchor::Key,
                ProblemKind::AtPgNotAllowed,
            );
        }
        if !doc.providers.is_empty() && level != Level::Method(Method::EasyPay) {
            self.report(
                &key(path, "providers"),
                Anchor::Key,
                ProblemKind::ProvidersNotAllowed,
            );
        }
        for (i, remark) in doc.remarks.iter().enumerate() {
            let p = item(&key(path, "remarks"), i);
            self.source(&key(&p, "source"), &remark.source);
            if !KINDS.contains(&remark.about.as_str()) {
                let suggestion = suggest(&remark.about, KINDS.iter().copied());
                self.report(
                    &key(&p, "about"),
                    Anchor::Value,
                    unknown(Named::RuleKind, &remark.about, suggestion),
                );
            }
        }
        let site = Site::scope(&self.policy, path.to_vec(), label);
        RuleSet::compile(doc, &site, self)
    }

    /// Compiles an `at_pg` map: the scope of each entry, and which entry each PG index takes.
    /// An explicit PG id's entry lies over the group entry that contains it: the group's rules
    /// still apply to the PG, and the id's own replace those of the same kind. (A PG in two
    /// groups of the map takes its own entry alone: that entry says which rules apply.)
    pub(crate) fn pg_scopes(
        &mut self,
        path: &[Segment],
        level: Level,
        method_label: &str,
        map: &BTreeMap<String, ScopeDoc>,
    ) -> (Vec<Option<usize>>, Vec<RuleSet>) {
        let mut by_pg: Vec<Option<usize>> = vec![None; self.pgs.len()];
        let mut from_group: Vec<Option<String>> = vec![None; self.pgs.len()];
        let mut group_entries: Vec<Vec<usize>> = vec![Vec::new(); self.pgs.len()];
        let mut scopes = Vec::new();
        let (groups, ids): (Vec<_>, Vec<_>) = map
            .iter()
            .partition(|(name, _)| self.groups.contains_key(name.as_str()));
        // Extended rather than collected: collecting a set compiles a sort of its own.
        let mut explicit = BTreeSet::new();
        explicit.extend(ids.iter().filter_map(|(name, _)| self.pgs.get(name)));
        for (name, doc) in groups.into_iter().chain(ids) {
            let entry_path = key(path, name);
            let label = if method_label.is_empty() {
                format!("pg {name}")
            } else {
                format!("{method_label} › pg {name}")
            };
            let members = self
                .pg_members(&entry_path, Anchor::Key, name)
                .unwrap_or_default();
            let index = scopes.len();
            scopes.push(self.scope(&entry_path, level, &label, doc));
            let is_group = self.groups.contains_key(name.as_str());
            for member in members {
                if is_group && let Some(entries) = group_entries.get_mut(member) {
                    entries.push(index);
                }
                if is_group && explicit.contains(&member) {
                    continue;
                }
                if is_group && let Some(Some(other)) = from_group.get(member) {
                    let pg = self.pgs.name(member).unwrap_or_default().to_owned();
                    let first = other.clone();
                    self.report(
                        &entry_path,
                        Anchor::Key,
                        ProblemKind::PgInTwoGroups {
                            pg,
                            first,
                            second: name.clone(),
                        },
                    );
                }
                if let Some(slot) = by_pg.get_mut(member) {
                    *slot = Some(index);
                }
                if is_group && let Some(slot) = from_group.get_mut(member) {
                    *slot = Some(name.clone());
                }
            }
        }
        for member in explicit {
            let group = match group_entries.get(member).map(Vec::as_slice) {
                Some([group]) => *group,
                _ => continue,
            };
            let Some(Some(own)) = by_pg.get(member).copied() else {
                continue;
            };
            let layered = match (scopes.get(group), scopes.get(own)) {
                (Some(group), Some(own)) => group.overlay(own),
                _ => continue,
            };
            if let Some(slot) = by_pg.get_mut(member) {
                *slot = Some(scopes.len());
            }
            scopes.push(layered);
        }
        (by_pg, scopes)
    }

    pub(crate) fn method(
        &mut self,
        method: Method,
        doc: &ScopeDoc,
        every: &RuleSet,
        top_by_pg: &[Option<usize>],
        top_scopes: &[RuleSet],
    ) -> MethodRules {
        let path = key(&key(&[], "methods"), method.id());
        let base = self.scope(&path, Level::Method(method), method.id(), doc);
        let known_services: Option<Vec<String>> = self
            .read
            .document
            .easy_pay_providers
            .as_ref()
            .map(|c| c.known.clone());
        let mut services = HashMap::default();
        let mut service_names = vec![String::new()];
        let mut service_rules = vec![RuleSet::default()];
        for (name, service_doc) in &doc.providers {
            let service_path = key(&key(&path, "providers"), name);
            if let Some(known) = &known_services
                && !known.contains(name)
            {
                let suggestion = suggest(name, known.iter().map(String::as_str));
                self.report(
                    &service_path,
                    Anchor::Key,
                    unknown(Named::EasyPayService, name, suggestion),
                );
            }
            let label = format!("{method} › {name}");
            let rules = self.scope(&service_path, Level::Service, &label, service_doc);
            services.insert(name.clone(), service_rules.len());
            service_names.push(name.clone());
            service_rules.push(rules);
        }
        let (method_by_pg, method_scopes) = self.pg_scopes(
            &key(&path, "at_pg"),
            Level::MethodPg,
            method.id(),
            &doc.at_pg,
        );
        let pg_count = self.pgs.len();
        let empty = RuleSet::default();
        let mut memo: HashMap<(usize, Option<usize>, Option<usize>), Arc<RuleSet>> = HashMap::new();
        let mut sets = Vec::with_capacity(service_rules.len().saturating_mul(pg_count));
        for (service, rules) in service_rules.iter().enumerate() {
            for pg in 0..pg_count {
                let top = top_by_pg.get(pg).copied().flatten();
                let own = method_by_pg.get(pg).copied().flatten();
                let set = memo
                    .entry((service, top, own))
                    .or_insert_with(|| {
                        let top_rules = top.and_then(|i| top_scopes.get(i)).unwrap_or(&empty);
                        let own_rules = own.and_then(|i| method_scopes.get(i)).unwrap_or(&empty);
                        Arc::new(
                            every
                                .overlay(top_rules)
                                .overlay(&base)
                                .overlay(rules)
                                .overlay(own_rules),
                        )
                    })
                    .clone();
                sets.push(set);
            }
        }
        MethodRules {
            services,
            service_names,
            pg_count,
            sets,
        }
    }
}
