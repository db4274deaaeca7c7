//! Policies compiled for evaluation: typed rules carrying their ids, PG ids turned into
//! indexes, and for every method, easy-pay service and PG the rules that apply, resolved once
//! at load time.

use super::Suggestions;
use super::banks::BankTable;
use super::document::PolicyDocument;
use super::layering::MethodRules;
use crate::calendar::LocalZone;
use crate::decision::{PolicyText, ProviderError, ReasonCode, RuleId, SharedId};
use crate::model::{Method, Provider};
use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// What every compiled rule knows about itself.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RuleMeta {
    pub(crate) id: RuleId,
    pub(crate) source: String,
    pub(crate) unverified: Option<String>,
    pub(crate) comment: Option<String>,
    /// `Some` when the rule overrides the policy's provider error: `Some(None)` says the
    /// provider has none for this rule.
    pub(crate) provider_error: Option<Option<ProviderError>>,
}

/// A set of PG indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PgSet {
    members: Vec<bool>,
    names: Vec<String>,
}

impl PgSet {
    pub(crate) fn new(size: usize, members: &[usize], names: Vec<String>) -> PgSet {
        let mut flags = vec![false; size];
        for &m in members {
            if let Some(flag) = flags.get_mut(m) {
                *flag = true;
            }
        }
        PgSet {
            members: flags,
            names,
        }
    }

    pub(crate) fn contains(&self, pg: usize) -> bool {
        self.members.get(pg).copied().unwrap_or(false)
    }

    /// The ids and groups as the policy wrote them.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }
}

/// PG ids known to a policy, as indexes. Unknown and absent PGs share the last index, `other`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PgIndex {
    ids: HashMap<String, usize, BuildHasherDefault<Fnv>>,
    /// The ids by index, as decisions carry them.
    names: Vec<PolicyText>,
}

/// FNV-1a, for the PG table every decision looks up once: its keys are a policy's few short
/// ids, where SipHash's protection against chosen keys buys nothing and costs more than the
/// rest of the lookup.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl PgIndex {
    pub(crate) fn new(known: &[String]) -> PgIndex {
        let mut index = PgIndex::default();
        for id in known {
            if !index.ids.contains_key(id) {
                index.ids.insert(id.clone(), index.names.len());
                index.names.push(PolicyText::from(id.as_str()));
            }
        }
        index
    }

    /// How many indexes there are, `other` included.
    pub(crate) fn len(&self) -> usize {
        self.names.len().saturating_add(1)
    }

    /// The index for `pg`: its own if known, `other` if not.
    pub(crate) fn of(&self, pg: Option<&str>) -> usize {
        pg.and_then(|pg| self.ids.get(pg).copied())
            .unwrap_or(self.names.len())
    }

    /// The index of a known id.
    #[inline]
    pub(crate) fn get(&self, pg: &str) -> Option<usize> {
        self.ids.get(pg).copied()
    }

    /// The index of a payment's PG, `given`, if the policy lists it whatever its case (contract
    /// §1.1). A policy's PG ids are lower case (one with another does not load), so the usual
    /// PG, written as the policy writes it, is found as given; only one with capitals is
    /// lower-cased and looked up again.
    #[inline]
    pub(crate) fn find(&self, given: &str) -> Option<usize> {
        self.get(given).or_else(|| self.find_in_capitals(given))
    }

    /// The index of a listed PG written with capitals.
    #[cold]
    fn find_in_capitals(&self, given: &str) -> Option<usize> {
        if given.bytes().any(|b| b.is_ascii_uppercase()) {
            self.get(&given.to_ascii_lowercase())
        } else {
            // Already looked up as it is.
            None
        }
    }

    /// A payment's PG, `given`, whose index is `index`: the policy's own text when the payment
    /// writes it as the policy does, which a decision shares without a copy; else a copy.
    pub(crate) fn as_written(&self, index: usize, given: Option<&str>) -> Option<PolicyText> {
        let given = given?;
        Some(match self.names.get(index) {
            Some(known) if known.as_str() == given => known.clone(),
            _ => PolicyText::owned(given),
        })
    }

    /// The known ids, in index order.
    pub(crate) fn names(&self) -> impl ExactSizeIterator<Item = &str> + Clone {
        self.names.iter().map(PolicyText::as_str)
    }

    /// The id of a known index; `None` for `other`'s.
    pub(crate) fn name(&self, index: usize) -> Option<&str> {
        self.names.get(index).map(PolicyText::as_str)
    }
}

/// The ids of the checks every policy has (contract §4.1).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CommonRules {
    pub(crate) integrity: RuleId,
    pub(crate) status: RuleId,
    pub(crate) amount: RuleId,
    pub(crate) balance: RuleId,
    pub(crate) balance_check: RuleId,
    pub(crate) tax_free: RuleId,
    pub(crate) cancel_id: RuleId,
    pub(crate) pending: RuleId,
    pub(crate) unsettled_sales: RuleId,
    pub(crate) pg: RuleId,
    pub(crate) easy_pay_provider: RuleId,
}

impl CommonRules {
    pub(crate) fn new(policy: &str) -> CommonRules {
        let id = |name: &str| RuleId::new(format!("{policy} › common › {name}"));
        CommonRules {
            integrity: id("payment_integrity"),
            status: id("status"),
            amount: id("amount"),
            balance: id("balance"),
            balance_check: id("balance_check"),
            tax_free: id("tax_free"),
            cancel_id: id("cancel_id"),
            pending: id("pending_cancellation"),
            unsettled_sales: id("unsettled_sales"),
            pg: id("pg"),
            easy_pay_provider: id("easy_pay_provider"),
        }
    }

    pub(crate) fn all(&self) -> [&RuleId; 11] {
        [
            &self.integrity,
            &self.status,
            &self.amount,
            &self.balance,
            &self.balance_check,
            &self.tax_free,
            &self.cancel_id,
            &self.pending,
            &self.unsettled_sales,
            &self.pg,
            &self.easy_pay_provider,
        ]
    }
}

/// One provider's policy, ready to evaluate.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CompiledPolicy {
    /// Shared with every decision the policy makes, uncounted.
    pub(crate) id: SharedId,
    pub(crate) provider: Provider,
    /// The policy's time zone, its offsets tabled.
    pub(crate) zone: LocalZone,
    pub(crate) pgs: PgIndex,
    pub(crate) methods: [Option<MethodRules>; Method::ALL.len()],
    /// By reason code, in [`ReasonCode::ALL`] order.
    pub(crate) errors: Vec<Option<ProviderError>>,
    /// By PG index.
    pub(crate) bank_tables: Vec<Option<Arc<BankTable>>>,
    pub(crate) common: CommonRules,
    pub(crate) no_policy: [RuleId; Method::ALL.len()],
    pub(crate) rule_ids: BTreeSet<RuleId>,
    pub(crate) document: Option<PolicyDocument>,
    /// "Did you mean" answers for the unknown ids decisions met.
    pub(crate) suggestions: Suggestions,
}

impl CompiledPolicy {
    /// Stands in for a provider no loaded file covers: every method is `NO_POLICY`.
    pub(crate) fn absent(provider: Provider) -> CompiledPolicy {
        let id = SharedId::new(provider.id());
        let no_policy = Method::ALL.map(|_| RuleId::new(format!("{provider} › no policy")));
        let common = CommonRules::new(provider.id());
        // Extended rather than collected: collecting a set compiles a sort of its own.
        let mut rule_ids = BTreeSet::new();
        rule_ids.extend(common.all().into_iter().cloned());
        rule_ids.extend(no_policy.iter().cloned());
        CompiledPolicy {
            id,
            provider,
            zone: chrono_tz::Asia::Seoul.into(),
            pgs: PgIndex::default(),
            methods: Default::default(),
            errors: vec![None; ReasonCode::ALL.len()],
            bank_tables: vec![None],
            common,
            no_policy,
            rule_ids,
            document: None,
            suggestions: Suggestions::default(),
        }
    }

    pub(crate) fn is_loaded(&self) -> bool {
        self.document.is_some()
    }

    /// The easy-pay services the policy lists (`easy_pay_providers.known`); `None` when it lists
    /// none.
    pub(crate) fn easy_pay_services(&self) -> Option<&[String]> {
        let services = self.document.as_ref()?.easy_pay_providers.as_ref()?;
        Some(&services.known)
    }

    /// Whether the policy lists the easy-pay service `id`, or lists none to tell it by. A scan
    /// of a few short ids: sorting them for a binary search cost the WebAssembly package 1.4 KB
    /// gzipped for a few instructions a decision.
    pub(crate) fn lists_easy_pay_service(&self, id: &str) -> bool {
        self.easy_pay_services()
            .is_none_or(|known| known.iter().any(|k| k == id))
    }
}

#[cfg(test)]
mod tests {
    use super::PgIndex;

    /// A payment's PG written as the policy writes it is the policy's own text, shared, not
    /// copied; written another way (another case), it is the payment's text, as written.
    #[test]
    fn a_pg_as_written_is_the_policys_text_only_when_written_the_same() {
        let pgs = PgIndex::new(&["kcp_v2".to_owned(), "ksnet".to_owned()]);
        let kcp = pgs.of(Some("kcp_v2"));
        let (Some(first), Some(again)) = (
            pgs.as_written(kcp, Some("kcp_v2")),
            pgs.as_written(kcp, Some("kcp_v2")),
        ) else {
            panic!("a PG is given");
        };
        assert_eq!(first, "kcp_v2");
        assert!(std::ptr::eq(first.as_str(), again.as_str()), "shared");
        let upper = pgs.as_written(kcp, Some("KCP_V2"));
        assert_eq!(upper.as_deref(), Some("KCP_V2"));
        let other = pgs.of(Some("acme"));
        assert_eq!(pgs.as_written(other, Some("acme")).as_deref(), Some("acme"));
        assert_eq!(pgs.as_written(kcp, None), None);
    }

    /// A PG the policy lists is found whatever its case, as the policy writes it or not; one
    /// it does not list is not, in any case.
    #[test]
    fn a_listed_pg_is_found_in_any_case() {
        let engine = match crate::Engine::builtin() {
            Ok(engine) => engine,
            Err(error) => panic!("the built-in policies load: {error}"),
        };
        let policy = engine.policies().policy(crate::model::Provider::PortoneV2);
        let kcp = policy.pgs.find("kcp_v2");
        assert!(kcp.is_some());
        assert_eq!(policy.pgs.find("KCP_V2"), kcp);
        assert_eq!(policy.pgs.find("Kcp_v2"), kcp);
        assert_ne!(policy.pgs.find("ksnet"), kcp);
        assert_eq!(policy.pgs.find("acme_pay"), None);
        assert_eq!(policy.pgs.find("ACME_PAY"), None);
    }
}
