//! The file's own catalogs, checked before any rule: the policy id, the time zone, the PG ids
//! and groups, the easy-pay services, the contracts and the provider-error table.

use super::checker::{Anchor, Checker, did_you_mean, is_snake_id, is_upper_snake_id, item, key};
use super::compiled::PgIndex;
use super::document::{PolicyDocument, ProviderErrorDoc};
use crate::decision::{ContractName, ProviderError, ReasonCode};
use crate::yaml::Segment;
use chrono_tz::Tz;
use std::collections::BTreeSet;
use std::sync::Arc;

impl Checker<'_> {
    pub(crate) fn check_policy_id(&mut self) {
        let id = &self.read.document.policy;
        let valid = id.starts_with(|c: char| c.is_ascii_lowercase()) && is_snake_id(id);
        if !valid {
            self.report(
                &key(&[], "policy"),
                Anchor::Value,
                format!("`{id}` is not a policy id"),
                Some("use lower-case letters, digits and `_`, such as `portone_v2`".to_owned()),
            );
        }
    }

    pub(crate) fn time_zone(&mut self) -> Option<Tz> {
        let name = &self.read.document.time_zone;
        match name.parse::<Tz>() {
            Ok(zone) => Some(zone),
            Err(_) => {
                let help = did_you_mean(name, chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()))
                    .or_else(|| Some("use an IANA name such as `Asia/Seoul`".to_owned()));
                self.report(
                    &key(&[], "time_zone"),
                    Anchor::Value,
                    format!("unknown time zone `{name}`"),
                    help,
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
                    format!("`{id}` is not a PG id"),
                    Some("PG ids are lower-case, such as `smartro_v2`".to_owned()),
                );
            }
            if !seen.insert(id.as_str()) {
                self.report(
                    &item(&key(&path, "known"), i),
                    Anchor::Value,
                    format!("PG `{id}` is listed twice"),
                    None,
                );
            }
        }
        self.pgs = PgIndex::new(&catalog.known);
        for (name, members) in &catalog.groups {
            let group_path = key(&key(&path, "groups"), name);
            if !is_upper_snake_id(name) {
                self.report(
                    &group_path,
                    Anchor::Key,
                    format!("`{name}` is not a PG group name"),
                    Some("group names are upper-case, such as `KG_INICIS`, so they never clash with PG ids".to_owned()),
                );
            }
            let mut indexes = Vec::new();
            for (i, member) in members.iter().enumerate() {
                match self.pgs.get(member) {
                    Some(index) => indexes.push(index),
                    None => {
                        let help =
                            did_you_mean(member, self.pgs.names().iter().map(String::as_str));
                        self.report(
                            &item(&group_path, i),
                            Anchor::Value,
                            format!("unknown PG `{member}` in group `{name}`"),
                            help,
                        );
                    }
                }
            }
            if members.is_empty() {
                self.report(
                    &group_path,
                    Anchor::Key,
                    format!("group `{name}` is empty"),
                    None,
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
                self.report(
                    &path,
                    Anchor::Key,
                    format!("`{id}` is not a contract id"),
                    Some("use lower-case letters, digits and `_`".to_owned()),
                );
            }
            self.contracts.insert(
                id.clone(),
                ContractName {
                    id: Arc::from(id.as_str()),
                    ko: Arc::from(contract.ko.as_str()),
                    en: Arc::from(contract.en.as_str()),
                },
            );
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
            (Some(_), Some(_)) => self.report(
                path,
                Anchor::Key,
                "give either the provider's error `name` or `none`, not both".to_owned(),
                None,
            ),
            (None, None) => self.report(
                path,
                Anchor::Key,
                "give the provider's error `name`, or `none` with why it has none".to_owned(),
                None,
            ),
            _ => {}
        }
        if doc.code.is_some() && doc.name.is_none() {
            self.report(
                &key(path, "code"),
                Anchor::Value,
                "an error `code` needs the error's `name`".to_owned(),
                None,
            );
        }
        for (field, text) in [("name", &doc.name), ("none", &doc.none)] {
            if text.as_ref().is_some_and(|t| t.trim().is_empty()) {
                self.report(
                    &key(path, field),
                    Anchor::Value,
                    format!("`{field}` is blank"),
                    None,
                );
            }
        }
        match &doc.source {
            Some(source) => self.source(&key(path, "source"), source),
            None if in_table => self.report(
                path,
                Anchor::Key,
                "missing field `source`".to_owned(),
                Some("say where the error comes from".to_owned()),
            ),
            None => {}
        }
        doc.name.as_ref().map(|name| ProviderError {
            name: Arc::from(name.as_str()),
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
                    missing.push(format!("`{code}`"));
                    errors.push(None);
                }
            }
        }
        if !missing.is_empty() {
            let entries = if missing.len() == 1 {
                "entry"
            } else {
                "entries"
            };
            self.report_missing(
                &path,
                format!(
                    "in `provider_errors`: no {entries} for {}",
                    missing.join(", ")
                ),
                Some("name the provider's error, or say with `none` why it has none".to_owned()),
            );
        }
        errors
    }
}
