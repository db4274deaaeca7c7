//! Policies compiled for evaluation: typed rules carrying their ids, PG ids turned into
//! indexes, and for every method, easy-pay service and PG the rules that apply, resolved once
//! at load time.

use super::document::PolicyDocument;
use crate::calendar::{BusinessDays, ClosedHours, Span};
use crate::decision::{ContractName, ProviderError, ReasonCode, RuleId};
use crate::model::{Bank, CardType, Currency, Funding, Method, Provider};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap};
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

/// A compiled condition; absent parts impose nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Condition {
    pub(crate) pg: Option<PgSet>,
    pub(crate) unless_pg: Option<PgSet>,
    pub(crate) card_type: Option<Vec<CardType>>,
    pub(crate) foreign_card: Option<bool>,
    pub(crate) card_points: Option<bool>,
    pub(crate) escrow: Option<bool>,
    pub(crate) partial_cancelable: Option<bool>,
    pub(crate) funding: Option<Vec<Funding>>,
    pub(crate) partial: Option<bool>,
    pub(crate) same_day_full_cancel: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RefundNotSupported {
    pub(crate) meta: RuleMeta,
    pub(crate) when: Option<Condition>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DeadlineSpan {
    Fixed(Span),
    /// Spans by funding, in `Funding` order.
    ByFunding(Vec<(Funding, Span)>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Deadline {
    pub(crate) meta: RuleMeta,
    pub(crate) span: DeadlineSpan,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NextMonthRefund {
    pub(crate) pgs: PgSet,
    pub(crate) contract: ContractName,
    pub(crate) source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SameMonth {
    pub(crate) meta: RuleMeta,
    pub(crate) next_month: Option<NextMonthRefund>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PartialRefusal {
    pub(crate) meta: RuleMeta,
    pub(crate) when: Condition,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PartialLimit {
    pub(crate) meta: RuleMeta,
    pub(crate) max: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ContractRule {
    pub(crate) meta: RuleMeta,
    pub(crate) contract: ContractName,
    pub(crate) when: Option<Condition>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RefundAccountRule {
    pub(crate) meta: RuleMeta,
    pub(crate) holder_phone_required: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct FieldFormat {
    pub(crate) max_chars: Option<u32>,
    pub(crate) digits_only: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AccountFormat {
    pub(crate) meta: RuleMeta,
    pub(crate) number: FieldFormat,
    pub(crate) holder_name: FieldFormat,
    pub(crate) holder_phone: FieldFormat,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CancelHours {
    pub(crate) meta: RuleMeta,
    pub(crate) closed: ClosedHours,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ReasonRule {
    pub(crate) meta: RuleMeta,
    pub(crate) required: bool,
    pub(crate) max_chars: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CancelIdRule {
    pub(crate) meta: RuleMeta,
    pub(crate) max_chars: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RequesterRule {
    pub(crate) meta: RuleMeta,
    pub(crate) required: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fee {
    pub(crate) meta: RuleMeta,
    pub(crate) amount: Decimal,
    pub(crate) currency: Currency,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Processing {
    pub(crate) meta: RuleMeta,
    pub(crate) days: BusinessDays,
    pub(crate) when: Option<Condition>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AsyncCancellation {
    pub(crate) meta: RuleMeta,
}

/// The rules one scope sets, or, once resolved, the rules that apply to one payment shape.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RuleSet {
    pub(crate) refund_not_supported: Option<Arc<RefundNotSupported>>,
    pub(crate) deadline: Option<Arc<Deadline>>,
    pub(crate) same_month: Option<Arc<SameMonth>>,
    pub(crate) partial_refusals: Vec<Arc<PartialRefusal>>,
    pub(crate) partial_limit: Option<Arc<PartialLimit>>,
    pub(crate) partial_contract: Option<Arc<ContractRule>>,
    pub(crate) refund_contract: Option<Arc<ContractRule>>,
    pub(crate) refund_account: Option<Arc<RefundAccountRule>>,
    pub(crate) account_format: Option<Arc<AccountFormat>>,
    pub(crate) cancel_hours: Option<Arc<CancelHours>>,
    pub(crate) reason: Option<Arc<ReasonRule>>,
    pub(crate) cancel_id: Option<Arc<CancelIdRule>>,
    pub(crate) requester: Option<Arc<RequesterRule>>,
    pub(crate) fee: Option<Arc<Fee>>,
    pub(crate) processing: Option<Arc<Processing>>,
    pub(crate) async_cancellation: Option<Arc<AsyncCancellation>>,
}

impl RuleSet {
    /// Lays `narrower` over `self`: each kind it sets replaces this one's; partial-refund
    /// restrictions add up. The result keeps restrictions sorted by rule id, so that the order
    /// of scopes and of list items in the file never changes a decision.
    pub(crate) fn overlay(&self, narrower: &RuleSet) -> RuleSet {
        fn pick<T>(wide: &Option<Arc<T>>, narrow: &Option<Arc<T>>) -> Option<Arc<T>> {
            narrow.clone().or_else(|| wide.clone())
        }
        let mut partial_refusals: Vec<Arc<PartialRefusal>> = self
            .partial_refusals
            .iter()
            .chain(&narrower.partial_refusals)
            .cloned()
            .collect();
        partial_refusals.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        partial_refusals.dedup_by(|a, b| a.meta.id == b.meta.id);
        RuleSet {
            refund_not_supported: pick(&self.refund_not_supported, &narrower.refund_not_supported),
            deadline: pick(&self.deadline, &narrower.deadline),
            same_month: pick(&self.same_month, &narrower.same_month),
            partial_refusals,
            partial_limit: pick(&self.partial_limit, &narrower.partial_limit),
            partial_contract: pick(&self.partial_contract, &narrower.partial_contract),
            refund_contract: pick(&self.refund_contract, &narrower.refund_contract),
            refund_account: pick(&self.refund_account, &narrower.refund_account),
            account_format: pick(&self.account_format, &narrower.account_format),
            cancel_hours: pick(&self.cancel_hours, &narrower.cancel_hours),
            reason: pick(&self.reason, &narrower.reason),
            cancel_id: pick(&self.cancel_id, &narrower.cancel_id),
            requester: pick(&self.requester, &narrower.requester),
            fee: pick(&self.fee, &narrower.fee),
            processing: pick(&self.processing, &narrower.processing),
            async_cancellation: pick(&self.async_cancellation, &narrower.async_cancellation),
        }
    }
}

/// A bank-code table, compiled.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BankTable {
    pub(crate) meta: RuleMeta,
    pub(crate) name: Arc<str>,
    pub(crate) codes: BTreeMap<Bank, Arc<str>>,
}

/// PG ids known to a policy, as indexes. Unknown and absent PGs share the last index, `other`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PgIndex {
    ids: HashMap<String, usize>,
    names: Vec<String>,
}

impl PgIndex {
    pub(crate) fn new(known: &[String]) -> PgIndex {
        let mut index = PgIndex::default();
        for id in known {
            if !index.ids.contains_key(id) {
                index.ids.insert(id.clone(), index.names.len());
                index.names.push(id.clone());
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
    pub(crate) fn get(&self, pg: &str) -> Option<usize> {
        self.ids.get(pg).copied()
    }

    /// The known ids, in index order.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }
}

/// The rules of one method, resolved for every easy-pay service and PG.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MethodRules {
    /// Named easy-pay services; index 0 is every other service.
    pub(crate) services: HashMap<String, usize>,
    pub(crate) service_names: Vec<String>,
    pub(crate) pg_count: usize,
    /// Indexed by `service * pg_count + pg`.
    pub(crate) sets: Vec<Arc<RuleSet>>,
}

impl MethodRules {
    pub(crate) fn rules(&self, service: Option<&str>, pg: usize) -> Option<&Arc<RuleSet>> {
        let service = service
            .and_then(|s| self.services.get(s).copied())
            .unwrap_or(0);
        let slot = service.checked_mul(self.pg_count)?.checked_add(pg)?;
        self.sets.get(slot)
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
        }
    }

    pub(crate) fn all(&self) -> [&RuleId; 8] {
        [
            &self.integrity,
            &self.status,
            &self.amount,
            &self.balance,
            &self.balance_check,
            &self.tax_free,
            &self.cancel_id,
            &self.pending,
        ]
    }
}

/// One provider's policy, ready to evaluate.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CompiledPolicy {
    pub(crate) id: Arc<str>,
    pub(crate) provider: Provider,
    pub(crate) zone: Tz,
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
}

impl CompiledPolicy {
    /// Stands in for a provider no loaded file covers: every method is `NO_POLICY`.
    pub(crate) fn absent(provider: Provider) -> CompiledPolicy {
        let id: Arc<str> = Arc::from(provider.id());
        let no_policy = Method::ALL.map(|_| RuleId::new(format!("{provider} › no policy")));
        let common = CommonRules::new(provider.id());
        let mut rule_ids: BTreeSet<RuleId> = common.all().into_iter().cloned().collect();
        rule_ids.extend(no_policy.iter().cloned());
        CompiledPolicy {
            id,
            provider,
            zone: chrono_tz::Asia::Seoul,
            pgs: PgIndex::default(),
            methods: Default::default(),
            errors: vec![None; ReasonCode::ALL.len()],
            bank_tables: vec![None],
            common,
            no_policy,
            rule_ids,
            document: None,
        }
    }

    /// The provider's error for `code`, from the policy's table.
    pub(crate) fn error(&self, code: ReasonCode) -> Option<&ProviderError> {
        self.errors.get(code.index()).and_then(Option::as_ref)
    }

    pub(crate) fn is_loaded(&self) -> bool {
        self.document.is_some()
    }
}
