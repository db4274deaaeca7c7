//! Policies: the refund rules of each provider, written as YAML, loaded in three phases.
//!
//! 1. **Read** ([`read`](self)): YAML to a positioned tree to the typed [`PolicyDocument`]; a
//!    syntax error, a duplicate key, an unknown field or a value of the wrong form is reported
//!    with its line and column, and reading goes on to find the next.
//! 2. **Check**: references between parts of the file (sources, contracts, PG ids and groups,
//!    easy-pay services), spans, fees, the provider-error table. Every problem is collected,
//!    each with a [`ProblemKind`] callers can match.
//! 3. **Compile**: rules become typed values with ids, PG ids become indexes, and the rules that
//!    apply to each method, easy-pay service and PG are resolved once. A policy set that loads
//!    cannot fail when deciding.
//!
//! The format itself is described in [`document`] and in the README; a document's scopes, from
//! the most general, are [`PolicyDocument::scopes`].

mod banks;
mod budget;
mod builtin;
mod catalog;
mod checker;
mod compile;
mod compiled;
pub mod document;
mod layering;
mod locations;
mod problem;
mod read;
mod review;
mod schema;
mod slot;
mod suggestions;

pub use budget::PolicyLimit;
pub use builtin::builtin_sources;
pub use document::PolicyDocument;
pub use problem::{IdKind, LoadError, Named, Problem, ProblemKind};
pub use review::{EffectiveRules, RuleLine};
pub use schema::json_schema;

pub use layering::Scope;

pub(crate) use crate::yaml::Segment;
pub(crate) use banks::BankTable;
pub(crate) use checker::{Anchor, Checker, Site, is_snake_id, key};
pub(crate) use compiled::{CommonRules, CompiledPolicy, PgSet, RuleMeta};
pub(crate) use suggestions::{List, Suggestions};

use crate::decision::{ContractName, PolicyText, RuleId};
use crate::model::Provider;
use slot::Slot;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A policy file's text and the name to use for it in problems.
///
/// ```
/// use refund_policy::PolicySource;
/// let source = PolicySource::new("policies/mine.yaml", "policy: mine\n");
/// assert_eq!(source.name, "policies/mine.yaml");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PolicySource<'a> {
    /// A name for messages, usually the file's path.
    pub name: &'a str,
    /// The YAML text.
    pub text: &'a str,
}

impl<'a> PolicySource<'a> {
    /// A source named `name` with text `text`.
    pub fn new(name: &'a str, text: &'a str) -> PolicySource<'a> {
        PolicySource { name, text }
    }
}

/// Loaded, checked and compiled policies, at most one per provider.
///
/// A set is immutable once made and can be shared between threads. The built-in set
/// ([`PolicySet::builtin`]) compiles each provider's policy the first time something asks for
/// that provider; any other set is compiled whole by [`PolicySet::load`].
#[derive(Debug, Clone)]
pub struct PolicySet {
    by_provider: [Slot; Provider::ALL.len()],
    /// The special contracts of every policy, by id; for the built-in set, gathered when first
    /// asked for.
    contracts: OnceLock<BTreeMap<String, ContractName>>,
}

impl PolicySet {
    /// Loads policies from their sources. Every problem in every source is reported, one per
    /// place, in file and line order.
    ///
    /// ```
    /// use refund_policy::{PolicySet, PolicySource};
    /// let text = "policy: mine\nprovider: bootpay\ntime_zone: Asia/Seol\nsources: {}\n\
    ///             provider_errors: {}\nmethods: { crad: {} }\n";
    /// let error = PolicySet::load(&[PolicySource::new("mine.yaml", text)]).unwrap_err();
    /// let problems: Vec<String> = error.problems().iter().map(|p| p.to_string()).collect();
    /// assert_eq!(problems[0], "mine.yaml:3:12: `time_zone`: unknown time zone `Asia/Seol` (did you mean `Asia/Seoul`?)");
    /// assert!(problems.contains(&"mine.yaml:6:12: in `methods`: unknown value `crad` (did you mean `card`?)".to_owned()));
    /// ```
    pub fn load(sources: &[PolicySource<'_>]) -> Result<PolicySet, LoadError> {
        let mut problems = Vec::new();
        let mut read_documents = Vec::new();
        for source in sources {
            if let Some(document) = read::read(source.name, source.text, &mut problems) {
                read_documents.push(document);
            }
        }
        // Across files first: compiling then moves each document into its policy.
        let contracts = set_checks(&read_documents, &mut problems);
        let compiled: Vec<CompiledPolicy> = read_documents
            .into_iter()
            .filter_map(|document| compile::compile(document, &mut problems))
            .collect();
        if !problems.is_empty() {
            return Err(LoadError::new(problems));
        }
        let mut by_provider = Provider::ALL.map(Slot::absent);
        for policy in compiled {
            if let Some(slot) = by_provider.get_mut(policy.provider.index()) {
                *slot = Slot::loaded(policy);
            }
        }
        Ok(PolicySet {
            by_provider,
            contracts: OnceLock::from(contracts),
        })
    }

    /// The built-in policies (`policies/*.yaml`), each compiled the first time a provider's
    /// policy is asked for: deciding for one provider reads one file. What
    /// [`Engine::builtin`](crate::Engine::builtin) decides with, kept once for the process; this
    /// makes a new set, which compiles again.
    ///
    /// The set answers as [`PolicySet::load`] over [`builtin_sources`] does; the crate's tests
    /// load the files that way, every problem and cross-file check included.
    ///
    /// ```
    /// use refund_policy::PolicySet;
    /// use refund_policy::model::Provider;
    /// let policies = PolicySet::builtin();
    /// assert_eq!(policies.policy_id(Provider::TossPayments), Some("toss_payments"));
    /// ```
    pub fn builtin() -> PolicySet {
        let mut by_provider = Provider::ALL.map(Slot::absent);
        for (provider, source) in builtin::files() {
            if let Some(slot) = by_provider.get_mut(provider.index()) {
                *slot = Slot::deferred(provider, source);
            }
        }
        PolicySet {
            by_provider,
            contracts: OnceLock::new(),
        }
    }

    /// A set with no policies: every decision is `NO_POLICY` once the common checks pass.
    pub fn empty() -> PolicySet {
        PolicySet {
            by_provider: Provider::ALL.map(Slot::absent),
            contracts: OnceLock::from(BTreeMap::new()),
        }
    }

    pub(crate) fn policy(&self, provider: Provider) -> &CompiledPolicy {
        // `by_provider` has a slot for every provider, so the fallback is never taken; it
        // keeps indexing panic-free.
        match self.by_provider.get(provider.index()) {
            Some(slot) => slot.get(),
            None => self.by_provider[0].get(),
        }
    }

    /// The providers a loaded policy covers.
    pub fn providers(&self) -> impl Iterator<Item = Provider> + '_ {
        self.by_provider
            .iter()
            .map(Slot::get)
            .filter(|p| p.is_loaded())
            .map(|p| p.provider)
    }

    /// The id of the policy covering `provider`, if one is loaded.
    pub fn policy_id(&self, provider: Provider) -> Option<&str> {
        let policy = self.policy(provider);
        policy.is_loaded().then_some(&*policy.id)
    }

    /// The policy document covering `provider`, as loaded.
    pub fn document(&self, provider: Provider) -> Option<&PolicyDocument> {
        self.policy(provider).document.as_ref()
    }

    /// The special contracts the policies define, by id.
    pub fn contracts(&self) -> impl Iterator<Item = &ContractName> + '_ {
        self.all_contracts().values()
    }

    /// Whether some policy defines the contract `id`.
    ///
    /// The built-in set looks in the policies compiled so far before compiling the others, so
    /// a merchant's contract with the payment's provider is usually found without them.
    pub fn defines_contract(&self, id: &str) -> bool {
        if let Some(contracts) = self.contracts.get() {
            return contracts.contains_key(id);
        }
        let defines = |policy: &CompiledPolicy| {
            policy
                .document
                .as_ref()
                .is_some_and(|doc| doc.contracts.contains_key(id))
        };
        self.by_provider
            .iter()
            .filter_map(Slot::compiled)
            .any(defines)
            || self.by_provider.iter().any(|slot| defines(slot.get()))
    }

    /// Every rule id a decision can name: each rule of each policy, the common checks, and
    /// the `NO_POLICY` ids of methods and providers without rules.
    pub fn rule_ids(&self) -> impl Iterator<Item = &RuleId> + '_ {
        self.by_provider
            .iter()
            .flat_map(|p| p.get().rule_ids.iter())
    }

    /// The contracts of every policy, gathered from their documents on the first call for the
    /// built-in set (which the crate's tests hold to define each contract alike).
    fn all_contracts(&self) -> &BTreeMap<String, ContractName> {
        self.contracts.get_or_init(|| {
            let mut contracts = BTreeMap::new();
            for slot in &self.by_provider {
                let Some(doc) = &slot.get().document else {
                    continue;
                };
                for (id, contract) in &doc.contracts {
                    contracts
                        .entry(id.clone())
                        .or_insert_with(|| contract_name(id, contract));
                }
            }
            contracts
        })
    }
}

/// Two sets are equal when they decide alike: the same policies for every provider and the same
/// contracts, whether each was compiled at load or on first use.
impl PartialEq for PolicySet {
    fn eq(&self, other: &PolicySet) -> bool {
        self.by_provider
            .iter()
            .zip(&other.by_provider)
            .all(|(a, b)| a.get() == b.get())
            && self.all_contracts() == other.all_contracts()
    }
}

/// A contract's names, as decisions and options carry them.
fn contract_name(id: &str, contract: &document::ContractDoc) -> ContractName {
    ContractName {
        id: PolicyText::from(id),
        ko: PolicyText::from(contract.ko.as_str()),
        en: PolicyText::from(contract.en.as_str()),
    }
}

/// Checks across files: one policy per provider, unique policy ids, and contracts defined alike
/// wherever they are defined twice. Returns the contracts of the whole set.
fn set_checks(
    documents: &[read::ReadDocument],
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, ContractName> {
    let mut providers: BTreeMap<Provider, &str> = BTreeMap::new();
    let mut ids: BTreeMap<&str, &str> = BTreeMap::new();
    let mut contracts: BTreeMap<String, (ContractName, &str)> = BTreeMap::new();
    for read in documents {
        let doc = &read.document;
        let at = |path: &str| {
            read.tree
                .get(&[crate::yaml::Segment::Key(path.to_owned())])
                .map(|n| n.at)
                .unwrap_or_default()
        };
        if let Some(first) = providers.insert(doc.provider, &read.file) {
            problems.push(Problem::new(
                &read.file,
                at("provider"),
                ProblemKind::ProviderCoveredTwice {
                    provider: doc.provider,
                    first: first.to_owned(),
                },
            ));
        }
        if let Some(first) = ids.insert(&doc.policy, &read.file) {
            problems.push(Problem::new(
                &read.file,
                at("policy"),
                ProblemKind::PolicyIdUsedTwice {
                    id: doc.policy.clone(),
                    first: first.to_owned(),
                },
            ));
        }
        for (id, contract) in &doc.contracts {
            let name = contract_name(id, contract);
            match contracts.get(id) {
                Some((earlier, file)) if earlier.ko != name.ko || earlier.en != name.en => {
                    problems.push(Problem::new(
                        &read.file,
                        at("contracts"),
                        ProblemKind::ContractNamedDifferently {
                            id: id.clone(),
                            first: (*file).to_owned(),
                        },
                    ));
                }
                Some(_) => {}
                None => {
                    contracts.insert(id.clone(), (name, &read.file));
                }
            }
        }
    }
    // Inserted rather than collected: collecting a map compiles a sort of its own.
    contracts
        .into_iter()
        .fold(BTreeMap::new(), |mut names, (id, (name, _))| {
            names.insert(id, name);
            names
        })
}
