//! What checking a policy file shares: where a problem points, the rule ids being built, and
//! the lookups every part of the file makes (sources, contracts, PG ids and groups).
//!
//! Every check reports into one list, so a file with several problems shows them all. Nothing
//! compiled from a policy with problems is ever used.

use super::compiled::{PgIndex, PgSet, RuleMeta};
use super::document::RuleCommon;
use super::locations::Locations;
use super::problem::{Named, Problem, ProblemKind};
use super::read::ReadDocument;
use crate::decision::{ContractName, RuleId};
use crate::suggest::closest;
use crate::yaml::{Location, Segment};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A path into the policy file.
pub(crate) type Path = Vec<Segment>;

/// `path.k`.
pub(crate) fn key(path: &[Segment], k: &str) -> Path {
    let mut p = path.to_vec();
    p.push(Segment::Key(k.to_owned()));
    p
}

/// `path[i]`.
pub(crate) fn item(path: &[Segment], i: usize) -> Path {
    let mut p = path.to_vec();
    p.push(Segment::Index(i));
    p
}

/// Whether `id` is a lower-case identifier: letters, digits and `_` (PG, contract and
/// restriction ids).
pub(crate) fn is_snake_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Whether `name` is an upper-case identifier (PG group names).
pub(crate) fn is_upper_snake_id(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// The candidate closest to `given`, if one is close enough to be meant.
pub(crate) fn suggest<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(given, candidates).map(str::to_owned)
}

/// A name that names nothing of its kind.
pub(crate) fn unknown(what: Named, value: &str, suggestion: Option<String>) -> ProblemKind {
    ProblemKind::Unknown {
        what,
        value: value.to_owned(),
        suggestion,
    }
}

/// Where a problem points: at a map key, or at a value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Anchor {
    Key,
    Value,
}

/// Where a scope or rule sits in the file, and the id its rules carry.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    pub(crate) path: Path,
    /// The rule id, or for a scope the prefix of its rules' ids (`portone_v2 › card`).
    pub(crate) id: String,
}

impl Site {
    /// A scope at `path` whose rules are labelled `label` (empty for `every_method`).
    pub(crate) fn scope(policy: &str, path: Path, label: &str) -> Site {
        let id = if label.is_empty() {
            policy.to_owned()
        } else {
            format!("{policy} › {label}")
        };
        Site { path, id }
    }

    /// The rule kind `kind` of this scope.
    pub(crate) fn kind(&self, kind: &str) -> Site {
        Site {
            path: key(&self.path, kind),
            id: format!("{} › {kind}", self.id),
        }
    }

    /// Item `i` of this list of rules, named `name` in rule ids.
    pub(crate) fn item(&self, i: usize, name: &str) -> Site {
        Site {
            path: item(&self.path, i),
            id: format!("{} › {name}", self.id),
        }
    }
}

/// The state of checking one policy file.
pub(crate) struct Checker<'a> {
    pub(crate) read: &'a ReadDocument,
    pub(crate) problems: Vec<Problem>,
    pub(crate) policy: Arc<str>,
    pub(crate) pgs: PgIndex,
    pub(crate) has_pg_catalog: bool,
    pub(crate) groups: BTreeMap<String, Vec<usize>>,
    pub(crate) contracts: BTreeMap<String, ContractName>,
    pub(crate) rule_ids: BTreeSet<RuleId>,
    /// Where the tree's nodes are, found on the first problem.
    locations: Option<Locations>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(read: &'a ReadDocument) -> Checker<'a> {
        let doc = &read.document;
        Checker {
            read,
            problems: Vec::new(),
            policy: Arc::from(doc.policy.as_str()),
            pgs: PgIndex::default(),
            has_pg_catalog: doc.pgs.is_some(),
            groups: BTreeMap::new(),
            contracts: BTreeMap::new(),
            rule_ids: BTreeSet::new(),
            locations: None,
        }
    }

    pub(crate) fn report(&mut self, path: &[Segment], anchor: Anchor, kind: ProblemKind) {
        let tree = &self.read.tree;
        let locations = self.locations.get_or_insert_with(|| Locations::of(tree));
        let keyed = match anchor {
            Anchor::Key => locations.key(path),
            Anchor::Value => None,
        };
        let at = keyed
            .or_else(|| {
                (0..=path.len())
                    .rev()
                    .find_map(|n| path.get(..n).and_then(|p| locations.value(p)))
            })
            .unwrap_or(Location { line: 1, column: 1 });
        self.problems.push(Problem::new(&self.read.file, at, kind));
    }

    /// Reports that something is missing under `path`, unless reading already removed a broken
    /// part of it: then the earlier problem is the one to fix.
    pub(crate) fn report_missing(&mut self, path: &[Segment], kind: ProblemKind) {
        if self.read.removed.iter().any(|r| r.starts_with(path)) {
            return;
        }
        self.report(path, Anchor::Key, kind);
    }

    /// Checks that `id` names a source of the file.
    pub(crate) fn source(&mut self, path: &[Segment], id: &str) {
        if !self.read.document.sources.contains_key(id) {
            let suggestion = suggest(id, self.read.document.sources.keys().map(String::as_str));
            self.report(path, Anchor::Value, unknown(Named::Source, id, suggestion));
        }
    }

    /// The contract `id` names, if the file defines it.
    pub(crate) fn contract(&mut self, path: &[Segment], id: &str) -> Option<ContractName> {
        match self.contracts.get(id) {
            Some(contract) => Some(contract.clone()),
            None => {
                let suggestion = suggest(id, self.contracts.keys().map(String::as_str));
                self.report(
                    path,
                    Anchor::Value,
                    unknown(Named::Contract, id, suggestion),
                );
                None
            }
        }
    }

    /// Checks that a count is at least 1.
    pub(crate) fn positive(&mut self, path: &[Segment], value: u32, what: &str) {
        if value == 0 {
            self.report(
                path,
                Anchor::Value,
                ProblemKind::NotPositive {
                    field: what.to_owned(),
                },
            );
        }
    }

    /// Checks the fields every rule carries and records its id.
    pub(crate) fn meta(&mut self, site: &Site, rule: &dyn RuleCommon) -> RuleMeta {
        let path = &site.path;
        self.source(&key(path, "source"), rule.source());
        if rule.unverified().is_some_and(|u| u.trim().is_empty()) {
            self.report(
                &key(path, "unverified"),
                Anchor::Value,
                ProblemKind::Blank {
                    field: "unverified".to_owned(),
                },
            );
        }
        let provider_error = rule
            .provider_error()
            .map(|e| self.provider_error(&key(path, "provider_error"), e, false));
        let id = RuleId::new(site.id.clone());
        self.rule_ids.insert(id.clone());
        RuleMeta {
            id,
            source: rule.source().to_owned(),
            unverified: rule.unverified().map(str::to_owned),
            comment: rule.comment().map(str::to_owned),
            provider_error,
        }
    }

    /// The PG indexes `name` stands for: a group's members or one id.
    pub(crate) fn pg_members(
        &mut self,
        path: &[Segment],
        anchor: Anchor,
        name: &str,
    ) -> Option<Vec<usize>> {
        if !self.has_pg_catalog {
            self.report(
                path,
                anchor,
                ProblemKind::PgWithoutCatalog {
                    pg: name.to_owned(),
                },
            );
            return None;
        }
        if let Some(members) = self.groups.get(name) {
            return Some(members.clone());
        }
        if let Some(index) = self.pgs.get(name) {
            return Some(vec![index]);
        }
        let candidates: Vec<&str> = self
            .pgs
            .names()
            .chain(self.groups.keys().map(String::as_str))
            .collect();
        let what = if name.chars().any(|c| c.is_ascii_uppercase()) {
            Named::PgGroup
        } else {
            Named::Pg
        };
        let suggestion = suggest(name, candidates);
        self.report(path, anchor, unknown(what, name, suggestion));
        None
    }

    /// The set of PGs a list of ids and groups names.
    pub(crate) fn pg_set(&mut self, path: &[Segment], names: &[String]) -> PgSet {
        if names.is_empty() {
            self.report(path, Anchor::Value, ProblemKind::EmptyPgList);
        }
        let mut members = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if let Some(m) = self.pg_members(&item(path, i), Anchor::Value, name) {
                members.extend(m);
            }
        }
        PgSet::new(self.pgs.len(), &members, names.to_vec())
    }
}
