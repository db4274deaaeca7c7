//! Checking a policy's references and compiling it for evaluation.
//!
//! Every check here reports into one list, so a file with several problems shows them all.
//! Nothing compiled from a policy with problems is ever used.

use super::Problem;
use super::compiled::{
    AccountFormat, AsyncCancellation, BankTable, CancelHours, CancelIdRule, CommonRules,
    CompiledPolicy, Condition, ContractRule, Deadline, DeadlineSpan, Fee, FieldFormat, MethodRules,
    NextMonthRefund, PartialLimit, PartialRefusal, PgIndex, PgSet, Processing, ReasonRule,
    RefundAccountRule, RefundNotSupported, RequesterRule, RuleMeta, RuleSet, SameMonth,
};
use super::document::{
    ConditionDoc, FieldFormatDoc, PolicyDocument, ProviderErrorDoc, RuleCommon, ScopeDoc,
};
use super::read::ReadDocument;
use crate::decision::{ContractName, ProviderError, ReasonCode, RuleId};
use crate::model::Method;
use crate::suggest::closest;
use crate::yaml::{Location, Segment};
use chrono_tz::Tz;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

type Path = Vec<Segment>;

fn key(path: &[Segment], k: &str) -> Path {
    let mut p = path.to_vec();
    p.push(Segment::Key(k.to_owned()));
    p
}

fn item(path: &[Segment], i: usize) -> Path {
    let mut p = path.to_vec();
    p.push(Segment::Index(i));
    p
}

fn did_you_mean<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(given, candidates).map(|s| format!("did you mean `{s}`?"))
}

/// Where a scope sits, which decides what it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Every,
    TopPg,
    Method(Method),
    Service,
    MethodPg,
}

/// Where a problem points: at a map key, or at a value.
#[derive(Debug, Clone, Copy)]
enum Anchor {
    Key,
    Value,
}

struct Checker<'a> {
    read: &'a ReadDocument,
    problems: Vec<Problem>,
    policy: Arc<str>,
    pgs: PgIndex,
    has_pg_catalog: bool,
    groups: BTreeMap<String, Vec<usize>>,
    contracts: BTreeMap<String, ContractName>,
    rule_ids: BTreeSet<RuleId>,
}

/// Checks and compiles one read document. Problems go to `problems`; a policy is returned only
/// if it has none.
pub(crate) fn compile(read: &ReadDocument, problems: &mut Vec<Problem>) -> Option<CompiledPolicy> {
    let doc = &read.document;
    let mut checker = Checker {
        read,
        problems: Vec::new(),
        policy: Arc::from(doc.policy.as_str()),
        pgs: PgIndex::default(),
        has_pg_catalog: doc.pgs.is_some(),
        groups: BTreeMap::new(),
        contracts: BTreeMap::new(),
        rule_ids: BTreeSet::new(),
    };
    checker.check_policy_id();
    let zone = checker.time_zone();
    checker.pg_catalog(doc);
    checker.easy_pay_catalog(doc);
    checker.contract_definitions(doc);
    let errors = checker.provider_errors(doc);
    let bank_tables = checker.bank_tables(doc);
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
        if !doc.methods.contains_key(method) {
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
        id: policy,
        provider: doc.provider,
        zone: zone?,
        pgs,
        methods,
        errors,
        bank_tables,
        common,
        no_policy,
        rule_ids,
        document: Some(doc.clone()),
    })
}

impl Checker<'_> {
    fn report(&mut self, path: &[Segment], anchor: Anchor, message: String, help: Option<String>) {
        let tree = &self.read.tree;
        let keyed = match anchor {
            Anchor::Key => tree.key_at(path).map(|k| k.at),
            Anchor::Value => None,
        };
        let at = keyed
            .or_else(|| {
                (0..=path.len())
                    .rev()
                    .find_map(|n| path.get(..n).and_then(|p| tree.get(p)).map(|node| node.at))
            })
            .unwrap_or(Location { line: 1, column: 1 });
        self.problems
            .push(Problem::new(&self.read.file, at, message, help));
    }

    /// Reports that something is missing under `path`, unless reading already removed a broken
    /// part of it: then the earlier problem is the one to fix.
    fn report_missing(&mut self, path: &[Segment], message: String, help: Option<String>) {
        if self.read.removed.iter().any(|r| r.starts_with(path)) {
            return;
        }
        self.report(path, Anchor::Key, message, help);
    }

    fn check_policy_id(&mut self) {
        let id = &self.read.document.policy;
        let valid = id.starts_with(|c: char| c.is_ascii_lowercase())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            self.report(
                &key(&[], "policy"),
                Anchor::Value,
                format!("`{id}` is not a policy id"),
                Some("use lower-case letters, digits and `_`, such as `portone_v2`".to_owned()),
            );
        }
    }

    fn time_zone(&mut self) -> Option<Tz> {
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

    fn source(&mut self, path: &[Segment], id: &str) {
        if !self.read.document.sources.contains_key(id) {
            let help = did_you_mean(id, self.read.document.sources.keys().map(String::as_str))
                .or_else(|| Some("define it under `sources`".to_owned()));
            self.report(path, Anchor::Value, format!("unknown source `{id}`"), help);
        }
    }

    fn pg_catalog(&mut self, doc: &PolicyDocument) {
        let Some(catalog) = &doc.pgs else {
            return;
        };
        let path = key(&[], "pgs");
        self.source(&key(&path, "source"), &catalog.source);
        let mut seen = BTreeSet::new();
        for (i, id) in catalog.known.iter().enumerate() {
            let lower = !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !lower {
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
            let upper = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            if !upper {
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

    fn easy_pay_catalog(&mut self, doc: &PolicyDocument) {
        if let Some(catalog) = &doc.easy_pay_providers {
            self.source(
                &key(&key(&[], "easy_pay_providers"), "source"),
                &catalog.source,
            );
        }
    }

    fn contract_definitions(&mut self, doc: &PolicyDocument) {
        for (id, contract) in &doc.contracts {
            let path = key(&key(&[], "contracts"), id);
            self.source(&key(&path, "source"), &contract.source);
            let valid = !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !valid {
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

    fn contract(&mut self, path: &[Segment], id: &str) -> Option<ContractName> {
        match self.contracts.get(id) {
            Some(contract) => Some(contract.clone()),
            None => {
                let help = did_you_mean(id, self.contracts.keys().map(String::as_str))
                    .or_else(|| Some("define it under `contracts`".to_owned()));
                self.report(
                    path,
                    Anchor::Value,
                    format!("unknown contract `{id}`"),
                    help,
                );
                None
            }
        }
    }

    /// A provider error entry: `name` (and `code`) or `none`.
    fn provider_error(
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

    fn provider_errors(&mut self, doc: &PolicyDocument) -> Vec<Option<ProviderError>> {
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

    fn meta(&mut self, path: &[Segment], id: String, rule: &dyn RuleCommon) -> RuleMeta {
        self.source(&key(path, "source"), rule.source());
        if rule.unverified().is_some_and(|u| u.trim().is_empty()) {
            self.report(
                &key(path, "unverified"),
                Anchor::Value,
                "`unverified` is blank".to_owned(),
                Some("say why the rule is not confirmed".to_owned()),
            );
        }
        let provider_error = rule
            .provider_error()
            .map(|e| self.provider_error(&key(path, "provider_error"), e, false));
        let id = RuleId::new(id);
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
    fn pg_members(&mut self, path: &[Segment], anchor: Anchor, name: &str) -> Option<Vec<usize>> {
        if !self.has_pg_catalog {
            self.report(
                path,
                anchor,
                format!("PG `{name}` cannot be checked: the policy has no `pgs` catalog"),
                Some("list the provider's PG ids under `pgs.known`".to_owned()),
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
            .iter()
            .map(String::as_str)
            .chain(self.groups.keys().map(String::as_str))
            .collect();
        let what = if name.chars().any(|c| c.is_ascii_uppercase()) {
            "PG group"
        } else {
            "PG"
        };
        let help = did_you_mean(name, candidates);
        self.report(path, anchor, format!("unknown {what} `{name}`"), help);
        None
    }

    fn pg_set(&mut self, path: &[Segment], names: &[String]) -> PgSet {
        if names.is_empty() {
            self.report(
                path,
                Anchor::Value,
                "an empty PG list matches nothing".to_owned(),
                None,
            );
        }
        let mut members = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if let Some(m) = self.pg_members(&item(path, i), Anchor::Value, name) {
                members.extend(m);
            }
        }
        PgSet::new(self.pgs.len(), &members, names.to_vec())
    }

    fn condition(&mut self, path: &[Segment], doc: &ConditionDoc) -> Condition {
        for (field, empty) in [
            (
                "card_type",
                doc.card_type.as_ref().is_some_and(Vec::is_empty),
            ),
            ("funding", doc.funding.as_ref().is_some_and(Vec::is_empty)),
        ] {
            if empty {
                self.report(
                    &key(path, field),
                    Anchor::Value,
                    format!("an empty `{field}` list matches nothing"),
                    None,
                );
            }
        }
        Condition {
            pg: doc
                .pg
                .as_ref()
                .map(|names| self.pg_set(&key(path, "pg"), names)),
            unless_pg: doc
                .unless_pg
                .as_ref()
                .map(|names| self.pg_set(&key(path, "unless_pg"), names)),
            card_type: doc.card_type.clone(),
            foreign_card: doc.foreign_card,
            card_points: doc.card_points,
            escrow: doc.escrow,
            partial_cancelable: doc.partial_cancelable,
            funding: doc.funding.clone(),
            partial: doc.partial,
            same_day_full_cancel: doc.same_day_full_cancel,
        }
    }

    fn positive(&mut self, path: &[Segment], value: u32, what: &str) {
        if value == 0 {
            self.report(
                path,
                Anchor::Value,
                format!("`{what}` must be at least 1, found `0`"),
                None,
            );
        }
    }

    fn field_format(&mut self, path: &[Segment], doc: Option<&FieldFormatDoc>) -> FieldFormat {
        let Some(doc) = doc else {
            return FieldFormat::default();
        };
        if let Some(max) = doc.max_chars {
            self.positive(&key(path, "max_chars"), max, "max_chars");
        }
        FieldFormat {
            max_chars: doc.max_chars,
            digits_only: doc.digits_only,
        }
    }

    /// Compiles the rule kinds of one scope.
    fn scope(&mut self, path: &[Segment], level: Level, label: &str, doc: &ScopeDoc) -> RuleSet {
        if !doc.at_pg.is_empty() && !matches!(level, Level::Method(_)) {
            self.report(
                &key(path, "at_pg"),
                Anchor::Key,
                "`at_pg` is not allowed here".to_owned(),
                Some(
                    "PG scopes go in the top-level `at_pg` or directly inside a method".to_owned(),
                ),
            );
        }
        if !doc.providers.is_empty() && level != Level::Method(Method::EasyPay) {
            self.report(
                &key(path, "providers"),
                Anchor::Key,
                "`providers` is allowed only in `methods.easy_pay`".to_owned(),
                None,
            );
        }
        for (i, remark) in doc.remarks.iter().enumerate() {
            let p = item(&key(path, "remarks"), i);
            self.source(&key(&p, "source"), &remark.source);
            if !super::document::RULE_KINDS.contains(&remark.about.as_str()) {
                let help = did_you_mean(&remark.about, super::document::RULE_KINDS.iter().copied())
                    .or_else(|| Some("name the rule kind the remark is about".to_owned()));
                self.report(
                    &key(&p, "about"),
                    Anchor::Value,
                    format!("unknown rule kind `{}`", remark.about),
                    help,
                );
            }
        }
        let policy = Arc::clone(&self.policy);
        let id = |kind: &str| {
            if label.is_empty() {
                format!("{policy} › {kind}")
            } else {
                format!("{policy} › {label} › {kind}")
            }
        };
        let mut rules = RuleSet::default();

        if let Some(r) = &doc.refund_not_supported {
            let p = key(path, "refund_not_supported");
            let meta = self.meta(&p, id("refund_not_supported"), r);
            let when = r.when.as_ref().map(|w| self.condition(&key(&p, "when"), w));
            rules.refund_not_supported = Some(Arc::new(RefundNotSupported { meta, when }));
        }
        if let Some(r) = &doc.deadline {
            let p = key(path, "deadline");
            let meta = self.meta(&p, id("deadline"), r);
            let span = match (&r.within, r.by_funding.is_empty()) {
                (Some(span), true) => Some(DeadlineSpan::Fixed(*span)),
                (None, false) => Some(DeadlineSpan::ByFunding(
                    r.by_funding.iter().map(|(f, s)| (*f, *s)).collect(),
                )),
                (Some(_), false) => {
                    self.report(
                        &p,
                        Anchor::Key,
                        "a deadline has `within` or `by_funding`, not both".to_owned(),
                        None,
                    );
                    None
                }
                (None, true) => {
                    self.report_missing(
                        &p,
                        "a deadline needs `within` or `by_funding`".to_owned(),
                        Some("such as `within: 1 year`".to_owned()),
                    );
                    None
                }
            };
            if let Some(span) = span {
                rules.deadline = Some(Arc::new(Deadline { meta, span }));
            }
        }
        if let Some(r) = &doc.same_month {
            let p = key(path, "same_month");
            let meta = self.meta(&p, id("same_month"), r);
            let next_month = match &r.next_month_refund {
                Some(next) => {
                    let np = key(&p, "next_month_refund");
                    self.source(&key(&np, "source"), &next.source);
                    let pgs = self.pg_set(&key(&np, "pgs"), &next.pgs);
                    self.contract(&key(&np, "contract"), &next.contract)
                        .map(|contract| NextMonthRefund {
                            pgs,
                            contract,
                            source: next.source.clone(),
                        })
                }
                None => None,
            };
            rules.same_month = Some(Arc::new(SameMonth { meta, next_month }));
        }
        let mut partial_ids = BTreeSet::new();
        for (i, r) in doc.partial_refund.iter().enumerate() {
            let p = item(&key(path, "partial_refund"), i);
            let valid_id = !r.id.is_empty()
                && r.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !valid_id {
                self.report(
                    &key(&p, "id"),
                    Anchor::Value,
                    format!("`{}` is not a restriction id", r.id),
                    Some("use lower-case letters, digits and `_`".to_owned()),
                );
            }
            if !partial_ids.insert(r.id.as_str()) {
                self.report(
                    &key(&p, "id"),
                    Anchor::Value,
                    format!("the restriction id `{}` is used twice in this list", r.id),
                    None,
                );
            }
            let meta = self.meta(&p, id(&format!("partial_refund › {}", r.id)), r);
            let when = self.condition(&key(&p, "refused_when"), &r.refused_when);
            rules
                .partial_refusals
                .push(Arc::new(PartialRefusal { meta, when }));
        }
        if let Some(r) = &doc.partial_refund_limit {
            let p = key(path, "partial_refund_limit");
            self.positive(
                &key(&p, "max_partial_cancels"),
                r.max_partial_cancels,
                "max_partial_cancels",
            );
            let meta = self.meta(&p, id("partial_refund_limit"), r);
            rules.partial_limit = Some(Arc::new(PartialLimit {
                meta,
                max: r.max_partial_cancels,
            }));
        }
        if let Some(r) = &doc.partial_refund_contract {
            let p = key(path, "partial_refund_contract");
            let meta = self.meta(&p, id("partial_refund_contract"), r);
            if let Some(contract) = self.contract(&key(&p, "contract"), &r.contract) {
                rules.partial_contract = Some(Arc::new(ContractRule {
                    meta,
                    contract,
                    when: None,
                }));
            }
        }
        if let Some(r) = &doc.refund_contract {
            let p = key(path, "refund_contract");
            let meta = self.meta(&p, id("refund_contract"), r);
            let when = r.when.as_ref().map(|w| self.condition(&key(&p, "when"), w));
            if let Some(contract) = self.contract(&key(&p, "contract"), &r.contract) {
                rules.refund_contract = Some(Arc::new(ContractRule {
                    meta,
                    contract,
                    when,
                }));
            }
        }
        if let Some(r) = &doc.refund_account {
            let p = key(path, "refund_account");
            let meta = self.meta(&p, id("refund_account"), r);
            rules.refund_account = Some(Arc::new(RefundAccountRule {
                meta,
                holder_phone_required: r.holder_phone_required,
            }));
        }
        if let Some(r) = &doc.refund_account_format {
            let p = key(path, "refund_account_format");
            let meta = self.meta(&p, id("refund_account_format"), r);
            let number = self.field_format(&key(&p, "number"), r.number.as_ref());
            let holder_name = self.field_format(&key(&p, "holder_name"), r.holder_name.as_ref());
            let holder_phone = self.field_format(&key(&p, "holder_phone"), r.holder_phone.as_ref());
            rules.account_format = Some(Arc::new(AccountFormat {
                meta,
                number,
                holder_name,
                holder_phone,
            }));
        }
        if let Some(r) = &doc.cancel_hours {
            let p = key(path, "cancel_hours");
            let meta = self.meta(&p, id("cancel_hours"), r);
            rules.cancel_hours = Some(Arc::new(CancelHours {
                meta,
                closed: r.closed,
            }));
        }
        if let Some(r) = &doc.reason {
            let p = key(path, "reason");
            if let Some(max) = r.max_chars {
                self.positive(&key(&p, "max_chars"), max, "max_chars");
            }
            let meta = self.meta(&p, id("reason"), r);
            rules.reason = Some(Arc::new(ReasonRule {
                meta,
                required: r.required,
                max_chars: r.max_chars,
            }));
        }
        if let Some(r) = &doc.cancel_id {
            let p = key(path, "cancel_id");
            self.positive(&key(&p, "max_chars"), r.max_chars, "max_chars");
            let meta = self.meta(&p, id("cancel_id"), r);
            rules.cancel_id = Some(Arc::new(CancelIdRule {
                meta,
                max_chars: r.max_chars,
            }));
        }
        if let Some(r) = &doc.requester {
            let p = key(path, "requester");
            let meta = self.meta(&p, id("requester"), r);
            rules.requester = Some(Arc::new(RequesterRule {
                meta,
                required: r.required,
            }));
        }
        if let Some(r) = &doc.fee {
            let p = key(path, "fee");
            if r.amount.is_sign_negative() && !r.amount.is_zero() {
                self.report(
                    &key(&p, "amount"),
                    Anchor::Value,
                    format!(
                        "`{}`: a fee must not be negative, found `{}`",
                        crate::yaml::path_text(&key(&p, "amount")),
                        r.amount
                    ),
                    None,
                );
            }
            if let Some(exponent) = r.currency.minor_unit_exponent()
                && r.amount.normalize().scale() > u32::from(exponent)
            {
                self.report(
                    &key(&p, "amount"),
                    Anchor::Value,
                    format!(
                        "`{}`: `{}` has more decimals than {} allows ({exponent})",
                        crate::yaml::path_text(&key(&p, "amount")),
                        r.amount,
                        r.currency.code()
                    ),
                    None,
                );
            }
            let meta = self.meta(&p, id("fee"), r);
            rules.fee = Some(Arc::new(Fee {
                meta,
                amount: r.amount,
                currency: r.currency,
            }));
        }
        if let Some(r) = &doc.processing_time {
            let p = key(path, "processing_time");
            let meta = self.meta(&p, id("processing_time"), r);
            let when = r.when.as_ref().map(|w| self.condition(&key(&p, "when"), w));
            rules.processing = Some(Arc::new(Processing {
                meta,
                days: r.business_days,
                when,
            }));
        }
        if let Some(r) = &doc.async_cancellation {
            let p = key(path, "async_cancellation");
            let meta = self.meta(&p, id("async_cancellation"), r);
            rules.async_cancellation = Some(Arc::new(AsyncCancellation { meta }));
        }
        rules
    }

    /// Compiles an `at_pg` map: the scope of each entry, and which entry each PG index takes.
    /// An explicit PG id's entry lies over the group entry that contains it: the group's rules
    /// still apply to the PG, and the id's own replace those of the same kind. (A PG in two
    /// groups of the map takes its own entry alone: that entry says which rules apply.)
    fn pg_scopes(
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
        let explicit: BTreeSet<usize> = ids
            .iter()
            .filter_map(|(name, _)| self.pgs.get(name))
            .collect();
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
                    let pg = self.pgs.names().get(member).cloned().unwrap_or_default();
                    let other = other.clone();
                    self.report(
                        &entry_path,
                        Anchor::Key,
                        format!("PG `{pg}` is in both `{other}` and `{name}` here"),
                        Some(format!(
                            "give `{pg}` an entry of its own to say which rules apply"
                        )),
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

    fn method(
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
        let mut services = HashMap::new();
        let mut service_names = vec![String::new()];
        let mut service_rules = vec![RuleSet::default()];
        for (name, service_doc) in &doc.providers {
            let service_path = key(&key(&path, "providers"), name);
            if let Some(known) = &known_services
                && !known.contains(name)
            {
                let help = did_you_mean(name, known.iter().map(String::as_str));
                self.report(
                    &service_path,
                    Anchor::Key,
                    format!("unknown easy-pay service `{name}`"),
                    help,
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

    fn bank_tables(&mut self, doc: &PolicyDocument) -> Vec<Option<Arc<BankTable>>> {
        let mut by_pg: Vec<Option<Arc<BankTable>>> = vec![None; self.pgs.len()];
        let mut claimed: Vec<Option<String>> = vec![None; self.pgs.len()];
        let mut other_table: Option<Arc<BankTable>> = None;
        for (i, table) in doc.bank_codes.iter().enumerate() {
            let path = item(&key(&[], "bank_codes"), i);
            let id = format!("{} › bank_codes › {}", self.policy, table.table);
            let meta = self.meta(&path, id, table);
            for (bank, code) in &table.codes {
                if code.trim().is_empty() {
                    self.report(
                        &key(&key(&path, "codes"), bank.name()),
                        Anchor::Value,
                        format!("the code for `{bank}` is blank"),
                        Some(
                            "leave a bank out of the table when the PG has no code for it"
                                .to_owned(),
                        ),
                    );
                }
            }
            let compiled = Arc::new(BankTable {
                meta,
                name: Arc::from(table.table.as_str()),
                codes: table
                    .codes
                    .iter()
                    .map(|(bank, code)| (*bank, Arc::from(code.trim())))
                    .collect(),
            });
            match (&table.pgs, table.other_pgs) {
                (Some(_), true) | (None, false) => self.report(
                    &path,
                    Anchor::Value,
                    format!(
                        "bank-code table `{}` needs either `pgs` or `other_pgs: true`",
                        table.table
                    ),
                    None,
                ),
                (None, true) => {
                    if other_table.is_some() {
                        self.report(
                            &key(&path, "other_pgs"),
                            Anchor::Key,
                            "only one bank-code table may serve `other_pgs`".to_owned(),
                            None,
                        );
                    }
                    other_table = Some(Arc::clone(&compiled));
                }
                (Some(names), false) => {
                    let pgs_path = key(&path, "pgs");
                    for (j, name) in names.iter().enumerate() {
                        let members = self
                            .pg_members(&item(&pgs_path, j), Anchor::Value, name)
                            .unwrap_or_default();
                        for member in members {
                            if let Some(Some(earlier)) = claimed.get(member) {
                                let pg = self.pgs.names().get(member).cloned().unwrap_or_default();
                                let earlier = earlier.clone();
                                self.report(
                                    &item(&pgs_path, j),
                                    Anchor::Value,
                                    format!("PG `{pg}` already uses bank-code table `{earlier}`"),
                                    None,
                                );
                            }
                            if let Some(slot) = claimed.get_mut(member) {
                                *slot = Some(table.table.clone());
                            }
                            if let Some(slot) = by_pg.get_mut(member) {
                                *slot = Some(Arc::clone(&compiled));
                            }
                        }
                    }
                }
            }
        }
        if let Some(other) = other_table {
            for slot in by_pg.iter_mut().filter(|s| s.is_none()) {
                *slot = Some(Arc::clone(&other));
            }
        }
        by_pg
    }
}
