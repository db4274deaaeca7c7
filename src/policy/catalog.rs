//! The file's own catalogs, checked before any rule: the policy id, the time zone, the PG ids
//! and groups, the easy-pay services, the contracts and the provider-error table.

use super::checker::{
    Anchor, Checker, is_snake_id, is_upper_snake_id, item, key, suggest, unknown,
};
use super::compiled::PgIndex;
use super::document::{PolicyDocument, ProviderErrorDoc};
use super::problem::{IdKind, Named, ProblemKind};
use crate::decision::{PolicyText, ProviderError, ReasonCode};
use crate::yaml::Segment;
use chrono_tz::Tz;
use std::collections::BTreeSet;

impl Checker<'_> {
    pub(crate) fn check_policy_id(&mut self) {
        let id = &self.read.document.policy;
        let valid = id.starts_with(|c: char| c.is_ascii_lowercase()) && is_snake_id(id);
        if !valid {
            self.report(
                &key(&[], "policy"),
                Anchor::Value,
                invalid_id(IdKind::Policy, id),
            );
        }
    }

    pub(crate) fn time_zone(&mut self) -> Option<Tz> {
        let name = &self.read.document.time_zone;
        match name.parse::<Tz>() {
            Ok(zone) => Some(zone),
            Err(_) => {
                let suggestion = suggest(name, chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()));
                self.report(
                    &key(&[], "time_zone"),
                    Anchor::Value,
                    unknown(Named::TimeZone, name, suggestion),
                );
                None
            }
        }
    }

    pub(crate) fn pg_catalog(&mut self, doc: &PolicyDocument) {
        let Some(catalog) = &doc.pgs else {
            return;
        };
        let path = key(&[], "pgs");
        self.source(&key(&path, "source"), &catalog.source);
        let mut seen = BTreeSet::new();
        for (i, id) in catalog.known.iter().enumerate() {
            if !is_snake_id(id) {
                self.report(
                    &item(&key(&path, "known"), i),
                    Anchor::Value,
                    invalid_id(IdKind::Pg, id),
                );
            }
            if !seen.insert(id.as_str()) {
                self.report(
                    &item(&key(&path, "known"), i),
                    Anchor::Value,
                    ProblemKind::Repeated {
                        what: IdKind::Pg,
                        value: id.clone(),
                    },
                );
            }
        }
        self.pgs = PgIndex::new(&catalog.known);
        for (name, members) in &catalog.groups {
            let group_path = key(&key(&path, "groups"), name);
            if !is_upper_snake_id(name) {
                self.report(&group_path, Anchor::Key, invalid_id(IdKind::PgGroup, name));
            }
            let mut indexes = Vec::new();
            for (i, member) in members.iter().enumerate() {
                match self.pgs.get(member) {
                    Some(index) => indexes.push(index),
                    None => {
                        let suggestion = suggest(member, self.pgs.names());
                        self.report(
                            &item(&group_path, i),
                            Anchor::Value,
                            ProblemKind::UnknownGroupMember {
                                group: name.clone(),
                                value: member.clone(),
                                suggestion,
                            },
                        );
                    }
                }
            }
            if members.is_empty() {
                self.report(
                    &group_path,
                    Anchor::Key,
                    ProblemKind::EmptyGroup {
                        group: name.clone(),
                    },
                );
            }
            self.groups.insert(name.clone(), indexes);
        }
    }

    pub(crate) fn easy_pay_catalog(&mut self, doc: &PolicyDocument) {
        if let Some(catalog) = &doc.easy_pay_providers {
            self.source(
                &key(&key(&[], "easy_pay_providers"), "source"),
                &catalog.source,
            );
        }
    }

    pub(crate) fn contract_definitions(&mut self, doc: &PolicyDocument) {
        for (id, contract) in &doc.contracts {
            let path = key(&key(&[], "contracts"), id);
            self.source(&key(&path, "source"), &contract.source);
            if !is_snake_id(id) {
                self.report(&path, Anchor::Key, invalid_id(IdKind::Contract, id));
            }
            self.contracts
                .insert(id.clone(), super::contract_name(id, contract));
        }
    }

    /// A provider error entry: `name` (and `code`) or `none`.
    pub(crate) fn provider_error(
        &mut self,
        path: &[Segment],
        doc: &ProviderErrorDoc,
        in_table: bool,
    ) -> Option<ProviderError> {
        match (&doc.name, &doc.none) {
            (Some(_), Some(_)) => self.report(path, Anchor::Key, ProblemKind::ErrorNameAndNone),
            (None, None) => self.report(path, Anchor::Key, ProblemKind::ErrorNameOrNone),
            _ => {}
        }
        if doc.code.is_some() && doc.name.is_none() {
            self.report(
                &key(path, "code"),
                Anchor::Value,
                ProblemKind::ErrorCodeWithoutName,
            );
        }
        for (field, text) in [("name", &doc.name), ("none", &doc.none)] {
            if text.as_ref().is_some_and(|t| t.trim().is_empty()) {
                self.report(
                    &key(path, field),
                    Anchor::Value,
                    ProblemKind::Blank {
                        field: field.to_owned(),
                    },
                );
            }
        }
        match &doc.source {
            Some(source) => self.source(&key(path, "source"), source),
            None if in_table => self.report(
                path,
                Anchor::Key,
                ProblemKind::MissingField {
                    field: "source".to_owned(),
                    help: "say where the error comes from".to_owned(),
                },
            ),
            None => {}
        }
        doc.name.as_ref().map(|name| ProviderError {
            name: PolicyText::from(name.as_str()),
            code: doc.code,
        })
    }

    pub(crate) fn provider_errors(&mut self, doc: &PolicyDocument) -> Vec<Option<ProviderError>> {
        let path = key(&[], "provider_errors");
        let mut errors = Vec::with_capacity(ReasonCode::ALL.len());
        let mut missing = Vec::new();
        for code in ReasonCode::ALL {
            match doc.provider_errors.get(code) {
                Some(entry) => {
                    let compiled = self.provider_error(&key(&path, code.as_str()), entry, true);
                    errors.push(compiled);
                }
                None => {
                    missing.push(*code);
                    errors.push(None);
                }
            }
        }
        if !missing.is_empty() {
            self.report_missing(&path, ProblemKind::MissingProviderErrors { codes: missing });
        }
        errors
    }
}

/// An identifier of the wrong form.
fn invalid_id(what: IdKind, value: &str) -> ProblemKind {
    ProblemKind::InvalidId {
        what,
        value: value.to_owned(),
    }
}
