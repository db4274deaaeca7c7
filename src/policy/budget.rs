//! A policy's own limits: how many PGs, `at_pg` entries, easy-pay services and rules it may
//! hold, checked after reading and before the work they bound (laying scopes over each other
//! and building the table of rules by method, service and PG). The numbers live with the other
//! reading limits in [`crate::input::limits`].

use super::checker::{Anchor, Checker, Path, key};
use super::document::PolicyDocument;
use super::problem::ProblemKind;
use crate::yaml::path_text;
use std::fmt;

/// Which of a policy's [limits](crate::input::limits) a file breaks.
///
/// ```
/// use refund_policy::{PolicySet, PolicySource};
/// use refund_policy::input::limits;
/// use refund_policy::policy::{PolicyLimit, ProblemKind};
/// let ids: Vec<String> = (0..=limits::MAX_PGS).map(|i| format!("pg_{i}")).collect();
/// let text = format!(
///     "policy: mine\nprovider: bootpay\ntime_zone: Asia/Seoul\nsources: {{ s: {{ title: t }} }}\n\
///      pgs: {{ source: s, known: [{}] }}\nprovider_errors: {{}}\nmethods: {{}}\n",
///     ids.join(", ")
/// );
/// let error = PolicySet::load(&[PolicySource::new("mine.yaml", &text)]).unwrap_err();
/// let over = error
///     .problems()
///     .iter()
///     .find(|p| matches!(p.kind, ProblemKind::OverLimit { .. }))
///     .unwrap();
/// assert_eq!(over.message, "`pgs.known` holds 2001 PG ids, over the limit of 2000");
/// assert_eq!(PolicyLimit::Pgs.most(), limits::MAX_PGS);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum PolicyLimit {
    /// [`MAX_PGS`](crate::input::limits::MAX_PGS) PG ids in `pgs.known`.
    Pgs,
    /// [`MAX_PG_ENTRIES`](crate::input::limits::MAX_PG_ENTRIES) entries in one `at_pg` map.
    PgEntries,
    /// [`MAX_EASY_PAY_SERVICES`](crate::input::limits::MAX_EASY_PAY_SERVICES) easy-pay
    /// services known, or `providers` scopes.
    EasyPayServices,
    /// [`MAX_RULES`](crate::input::limits::MAX_RULES) rules in one policy.
    Rules,
}

impl PolicyLimit {
    /// The most the limit allows.
    pub fn most(self) -> usize {
        use crate::input::limits;
        match self {
            PolicyLimit::Pgs => limits::MAX_PGS,
            PolicyLimit::PgEntries => limits::MAX_PG_ENTRIES,
            PolicyLimit::EasyPayServices => limits::MAX_EASY_PAY_SERVICES,
            PolicyLimit::Rules => limits::MAX_RULES,
        }
    }

    /// "`at_pg` holds 2001 entries, over the limit of 2000".
    pub(crate) fn write(
        self,
        f: &mut fmt::Formatter<'_>,
        field: &str,
        found: usize,
    ) -> fmt::Result {
        if field.is_empty() {
            f.write_str("the policy")?;
        } else {
            write!(f, "`{field}`")?;
        }
        let (counted, most) = (self.counted(), self.most());
        write!(f, " holds {found} {counted}, over the limit of {most}")
    }

    fn counted(self) -> &'static str {
        match self {
            PolicyLimit::Pgs => "PG ids",
            PolicyLimit::PgEntries => "entries",
            PolicyLimit::EasyPayServices => "easy-pay services",
            PolicyLimit::Rules => "rules",
        }
    }
}

impl Checker<'_> {
    /// Reports every limit `doc` breaks; true when it breaks none.
    pub(crate) fn within_limits(&mut self, doc: &PolicyDocument) -> bool {
        let mut within = true;
        let mut check = |checker: &mut Self, limit: PolicyLimit, path: Path, found: usize| {
            if found > limit.most() {
                within = false;
                checker.report(
                    &path,
                    Anchor::Value,
                    ProblemKind::OverLimit {
                        limit,
                        field: path_text(&path),
                        found,
                    },
                );
            }
        };
        if let Some(pgs) = &doc.pgs {
            let path = key(&key(&[], "pgs"), "known");
            check(self, PolicyLimit::Pgs, path, pgs.known.len());
        }
        if let Some(services) = &doc.easy_pay_providers {
            let path = key(&key(&[], "easy_pay_providers"), "known");
            check(
                self,
                PolicyLimit::EasyPayServices,
                path,
                services.known.len(),
            );
        }
        check(
            self,
            PolicyLimit::PgEntries,
            key(&[], "at_pg"),
            doc.at_pg.len(),
        );
        for (method, scope) in &doc.methods {
            let path = key(&key(&[], "methods"), method.id());
            check(
                self,
                PolicyLimit::PgEntries,
                key(&path, "at_pg"),
                scope.at_pg.len(),
            );
            let services = key(&path, "providers");
            check(
                self,
                PolicyLimit::EasyPayServices,
                services.clone(),
                scope.providers.len(),
            );
            for (service, nested) in &scope.providers {
                let at_pg = key(&key(&services, service), "at_pg");
                check(self, PolicyLimit::PgEntries, at_pg, nested.at_pg.len());
            }
        }
        let rules = doc.scopes().iter().fold(0_usize, |sum, scope| {
            sum.saturating_add(crate::rules::rules_in(scope.rules))
        });
        check(self, PolicyLimit::Rules, Path::new(), rules);
        within
    }
}
