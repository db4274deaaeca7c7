//! Bank-code tables: the code each PG wants for each bank of a refund account, checked at load
//! and resolved to one table per PG index.

use super::PolicySet;
use super::checker::{Anchor, Checker, Site, item, key};
use super::compiled::RuleMeta;
use super::document::PolicyDocument;
use super::problem::ProblemKind;
use crate::decision::PolicyText;
use crate::model::{Bank, Provider};
use std::sync::Arc;

/// A bank-code table, compiled.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BankTable {
    pub(crate) meta: RuleMeta,
    pub(crate) name: PolicyText,
    /// The code for each bank, by [`Bank::index`]: a look-up is an index, and no map of this
    /// key and value is compiled into the WebAssembly package.
    codes: Vec<Option<PolicyText>>,
}

impl BankTable {
    /// The code for `bank`, if the table has one.
    pub(crate) fn code(&self, bank: Bank) -> Option<&PolicyText> {
        self.codes.get(bank.index()).and_then(Option::as_ref)
    }

    /// Every bank the table has a code for, in [`Bank::ALL`]'s order, with its code.
    pub(crate) fn codes(&self) -> impl Iterator<Item = (Bank, &PolicyText)> {
        Bank::ALL
            .iter()
            .zip(&self.codes)
            .filter_map(|(bank, code)| Some((*bank, code.as_ref()?)))
    }
}

impl Checker<'_> {
    /// Checks the file's bank-code tables; the table of each PG index, `other` included.
    pub(crate) fn bank_tables(&mut self, doc: &PolicyDocument) -> Vec<Option<Arc<BankTable>>> {
        let mut by_pg: Vec<Option<Arc<BankTable>>> = vec![None; self.pgs.len()];
        let mut claimed: Vec<Option<String>> = vec![None; self.pgs.len()];
        let mut other_table: Option<Arc<BankTable>> = None;
        for (i, table) in doc.bank_codes.iter().enumerate() {
            let path = item(&key(&[], "bank_codes"), i);
            let site = Site {
                path: path.clone(),
                id: format!("{} › bank_codes › {}", self.policy, table.table),
            };
            let meta = self.meta(&site, table);
            for (bank, code) in &table.codes {
                if code.trim().is_empty() {
                    self.report(
                        &key(&key(&path, "codes"), bank.name()),
                        Anchor::Value,
                        ProblemKind::BlankBankCode { bank: *bank },
                    );
                }
            }
            let compiled = Arc::new(BankTable {
                meta,
                name: PolicyText::from(table.table.as_str()),
                codes: Bank::ALL
                    .iter()
                    .map(|bank| table.codes.get(bank).map(|code| code.trim().into()))
                    .collect(),
            });
            match (&table.pgs, table.other_pgs) {
                (Some(_), true) | (None, false) => self.report(
                    &path,
                    Anchor::Value,
                    ProblemKind::BankTableTarget {
                        table: table.table.clone(),
                    },
                ),
                (None, true) => {
                    if other_table.is_some() {
                        self.report(
                            &key(&path, "other_pgs"),
                            Anchor::Key,
                            ProblemKind::SecondOtherPgsTable,
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
                                let pg = self.pgs.name(member).unwrap_or_default().to_owned();
                                let table = earlier.clone();
                                self.report(
                                    &item(&pgs_path, j),
                                    Anchor::Value,
                                    ProblemKind::PgInTwoBankTables { pg, table },
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

impl PolicySet {
    /// The bank a provider-specific `code` stands for at `pg`, read backwards from the
    /// policy's bank-code tables (PortOne V1 `refund_bank`, Bootpay `bank_code`, Toss `bank`).
    ///
    /// ```
    /// use refund_policy::Engine;
    /// use refund_policy::model::{Bank, Provider};
    /// let policies = Engine::builtin().unwrap().policies();
    /// // PortOne V2 sends bank names, so it has no codes to read back.
    /// assert_eq!(policies.bank_for_code(Provider::PortoneV2, Some("kcp"), "88"), None);
    /// ```
    pub fn bank_for_code(&self, provider: Provider, pg: Option<&str>, code: &str) -> Option<Bank> {
        let policy = self.policy(provider);
        let table = policy
            .bank_tables
            .get(policy.pgs.of(pg))
            .and_then(Option::as_ref)?;
        table
            .codes()
            .find(|(_, c)| c.as_str() == code)
            .map(|(bank, _)| bank)
    }

    /// The name of the bank-code table used at `pg`, if the provider's policy has one.
    pub fn bank_table(&self, provider: Provider, pg: Option<&str>) -> Option<&str> {
        let policy = self.policy(provider);
        policy
            .bank_tables
            .get(policy.pgs.of(pg))
            .and_then(Option::as_ref)
            .map(|t| &*t.name)
    }
}

#[cfg(test)]
mod tests {
    use crate::Engine;
    use crate::model::{Bank, Provider};

    /// A table answers a bank's code by bank, lists every bank it has in bank order, and reads
    /// a code back to its bank: PortOne V1's table for NHN KCP.
    #[test]
    fn a_table_gives_codes_by_bank_and_banks_by_code() {
        let policies = match Engine::builtin() {
            Ok(engine) => engine.policies(),
            Err(error) => panic!("the built-in policies load: {error}"),
        };
        let policy = policies.policy(Provider::PortoneV1);
        let Some(table) = policy
            .bank_tables
            .get(policy.pgs.of(Some("kcp")))
            .and_then(Option::as_ref)
        else {
            panic!("PortOne V1 has a bank-code table for NHN KCP");
        };
        assert_eq!(table.code(Bank::Kookmin).map(|c| c.as_str()), Some("BK04"));
        assert_eq!(table.code(Bank::Shinhan).map(|c| c.as_str()), Some("BK88"));
        let banks: Vec<Bank> = table.codes().map(|(bank, _)| bank).collect();
        assert!(banks.len() > 10, "{banks:?}");
        assert!(banks.windows(2).all(|pair| pair[0] < pair[1]), "{banks:?}");
        for (bank, code) in table.codes() {
            assert_eq!(table.code(bank), Some(code));
            assert_eq!(
                policies.bank_for_code(Provider::PortoneV1, Some("kcp"), code),
                Some(bank)
            );
        }
        assert_eq!(
            policies.bank_for_code(Provider::PortoneV1, Some("kcp"), "BK00"),
            None
        );
    }
}
