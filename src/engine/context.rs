//! What every check reads: the inputs of one decision, the policy data that applies to them,
//! and the facts that follow from them, resolved once before any check runs. Checks read the
//! context and write to the [`Sink`](super::Sink); none reads what another wrote.

use super::account::AccountFacts;
use super::money::{self, difference};
use crate::calendar::LocalZone;
use crate::decision::{AmountProblem, NoteDetails, PolicyText, RuleId};
use crate::model::{MerchantProfile, Payment, RefundRequest};
use crate::policy::{CommonRules, CompiledPolicy, List};
use crate::rules::RuleSet;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// The inputs of one decision, the policy data that applies, and what follows from them.
pub(crate) struct Context<'a> {
    pub(crate) payment: &'a Payment,
    pub(crate) request: &'a RefundRequest,
    pub(crate) merchant: &'a MerchantProfile,
    pub(crate) now: DateTime<Utc>,
    /// The policy's time zone.
    pub(crate) zone: &'a LocalZone,
    /// `total − cancelled`.
    pub(crate) balance: Decimal,
    /// `tax_free − cancelled_tax_free`.
    pub(crate) tax_free_balance: Decimal,
    /// What the request refunds: its amount, or the balance.
    pub(crate) amount: Decimal,
    /// `0 < amount < balance`.
    pub(crate) partial: bool,
    /// Why the request's amounts are not valid amounts; empty when they are.
    pub(crate) amount_problems: Vec<AmountProblem>,
    /// How many decimals the payment's currency has (`None`: it has no minor unit), looked up
    /// once for the request's amounts and the payment's.
    pub(crate) exponent: Option<u16>,
    /// The local date of payment, when known.
    pub(crate) paid_on: Option<NaiveDate>,
    /// The local date of `now`.
    pub(crate) today: NaiveDate,
    /// The local time of `now`.
    pub(crate) local_time: NaiveTime,
    /// The payment's PG as an index of the policy's PG table.
    pub(crate) pg: usize,
    /// The ids of the checks every policy has.
    pub(crate) common: &'a CommonRules,
    /// The `NO_POLICY` rule of the payment's method.
    pub(crate) no_policy: &'a RuleId,
    /// The rules that apply to this method, easy-pay service and PG, if the policy has any.
    pub(crate) rules: Option<&'a RuleSet>,
    /// The refund account given, checked against the rules; `None` when none is given (or no
    /// rules apply). Read by [`Context::settle_coverage`].
    pub(crate) account: Option<AccountFacts<'a>>,
    /// Whether the payment's PG, if it names one, is one the policy lists.
    pub(crate) pg_listed: bool,
    /// Whether the payment's easy-pay service, if it names one, is one the policy lists (or
    /// the policy lists none): told where the service's id is at hand for its rules.
    pub(crate) service_listed: bool,
    /// The policy, for the notes on ids it does not list.
    pub(crate) policy: &'a CompiledPolicy,
}

/// An id as policies write it: ids compare without regard to case (contract §1.1). Borrowed
/// when already lower-case, which is the usual case.
fn id_key(id: &str) -> Cow<'_, str> {
    if id.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(id.to_ascii_lowercase())
    } else {
        Cow::Borrowed(id)
    }
}

/// The closest of `known` to `id`, for a "did you mean". Of equally close ids the first in
/// sorted order, so that the order of a policy's lists never changes a decision.
///
/// Only ids within [`suggest::closest`](crate::suggest::closest)'s distance by their length
/// alone are measured: an edit distance is never less than the difference in length, and
/// measuring one (Damerau–Levenshtein, with its allocations) was most of the work of a
/// decision that names an unknown id.
fn closest<'k>(id: &str, known: impl IntoIterator<Item = &'k str>) -> Option<Box<str>> {
    let length = id.chars().count();
    let limit = suggestion_limit(length);
    let mut known: Vec<&str> = known
        .into_iter()
        .filter(|k| k.chars().count().abs_diff(length) <= limit)
        .collect();
    known.sort_unstable();
    crate::suggest::closest(id, known).map(Box::from)
}

/// The farthest a suggestion for an id of `length` characters may be: the limit
/// [`suggest::closest`](crate::suggest::closest) applies, or more. A test holds the filter
/// to the unfiltered search.
fn suggestion_limit(length: usize) -> usize {
    length.div_ceil(3).max(1)
}

/// The `UNKNOWN_PG` note for a PG the policy does not list.
#[cold]
fn unknown_pg(given: &str, policy: &CompiledPolicy) -> NoteDetails {
    let id = id_key(given);
    NoteDetails::UnknownPg {
        id: Box::from(given),
        closest: policy
            .suggestions
            .get_or(List::Pgs, &id, || closest(&id, policy.pgs.names())),
    }
}

/// The `UNKNOWN_EASY_PAY_PROVIDER` note for a service the policy does not list.
#[cold]
fn unknown_easy_pay(given: &str, known: &[String], policy: &CompiledPolicy) -> NoteDetails {
    let id = id_key(given);
    NoteDetails::UnknownEasyPayProvider {
        id: Box::from(given),
        closest: policy.suggestions.get_or(List::EasyPayServices, &id, || {
            closest(&id, known.iter().map(String::as_str))
        }),
    }
}

impl<'a> Context<'a> {
    /// Inlined, so that the context is built where its caller keeps it rather than copied
    /// there; always, because deciding and screening both build one, and of two callers the
    /// compiler inlined neither (some 40 instructions a decision). [`Context::settle_coverage`]
    /// comes next, always.
    #[inline(always)]
    pub(crate) fn new(
        policy: &'a CompiledPolicy,
        payment: &'a Payment,
        request: &'a RefundRequest,
        merchant: &'a MerchantProfile,
        now: DateTime<Utc>,
    ) -> Context<'a> {
        let balance = difference(payment.amount.total, payment.amount.cancelled);
        let tax_free_balance =
            difference(payment.amount.tax_free, payment.amount.cancelled_tax_free);
        let amount = request.amount.unwrap_or(balance);
        let exponent = payment.currency.minor_unit_exponent();
        // Whether the PG is known, and its index (unknown PGs share `other`'s).
        let known_pg = payment
            .pg
            .as_deref()
            .and_then(|given| policy.pgs.find(given));
        let pg = known_pg.unwrap_or_else(|| policy.pgs.of(None));
        let service_id = payment.easy_pay.as_ref().map(|e| id_key(&e.provider));
        let service = service_id.as_deref();
        let method = policy
            .methods
            .get(payment.method.index())
            .and_then(Option::as_ref);
        let (named, service_listed) = match service {
            Some(id) => {
                let named = method.and_then(|m| m.service(id));
                // A service the method names rules for is one the policy lists (a policy
                // naming another does not load): only another is searched for in the list.
                (named, named.is_some() || policy.lists_easy_pay_service(id))
            }
            None => (None, true),
        };
        let rules = method.and_then(|method| method.rules(named, pg));
        // `now` is turned into local time once, for its date and its time of day.
        let (today, local_time) = policy.zone.local(now);
        let no_policy = policy
            .no_policy
            .get(payment.method.index())
            .unwrap_or(&policy.common.status);
        Context {
            payment,
            request,
            merchant,
            now,
            zone: &policy.zone,
            balance,
            tax_free_balance,
            amount,
            partial: money::gt(amount, Decimal::ZERO) && money::gt(balance, amount),
            amount_problems: super::common::amount_problems(
                amount,
                request,
                payment.currency,
                exponent,
            ),
            exponent,
            paid_on: payment.paid_at.map(|t| policy.zone.date(t)),
            today,
            local_time,
            pg,
            common: &policy.common,
            no_policy,
            rules,
            account: None,
            pg_listed: known_pg.is_some(),
            service_listed,
            policy,
        }
    }

    /// Drops the rules where the policy covers the method only at other PGs: a method with a
    /// `no_policy` rule has no rules where it holds. Then reads the refund account given
    /// against the rules that remain. Apart from [`Context::new`] because the rule reads the
    /// context: done on the caller's context in place, it costs no copy of it, nor of the
    /// account's facts, which most requests do not have.
    #[inline(always)]
    pub(crate) fn settle_coverage(&mut self) {
        let uncovered = self
            .rules
            .and_then(|r| r.no_policy.as_deref())
            .is_some_and(|rule| rule.holds(self));
        if uncovered {
            self.rules = None;
        }
        if let (Some(rules), Some(account)) = (self.rules, &self.request.refund_account) {
            let bank_table = self
                .policy
                .bank_tables
                .get(self.pg)
                .and_then(Option::as_deref);
            self.account = Some(AccountFacts::new(account, rules, bank_table));
        }
    }

    /// The PG the payment names, when the policy does not list it. A policy that is not
    /// loaded lists nothing, and says so with `NO_POLICY` already.
    #[inline]
    pub(crate) fn unlisted_pg(&self) -> Option<&'a str> {
        let given = self.payment.pg.as_deref()?;
        (!self.pg_listed && self.policy.is_loaded()).then_some(given)
    }

    /// The `UNKNOWN_PG` note for [`Context::unlisted_pg`].
    pub(crate) fn unknown_pg(&self, given: &str) -> NoteDetails {
        unknown_pg(given, self.policy)
    }

    /// The easy-pay service the payment names, when the policy does not list it, and the
    /// services it does.
    #[inline]
    pub(crate) fn unlisted_easy_pay(&self) -> Option<(&'a str, &'a [String])> {
        let given = self.payment.easy_pay.as_ref()?;
        if self.service_listed {
            return None;
        }
        let known = self.policy.easy_pay_services()?;
        Some((&given.provider, known))
    }

    /// The `UNKNOWN_EASY_PAY_PROVIDER` note for [`Context::unlisted_easy_pay`].
    pub(crate) fn unknown_easy_pay(&self, (given, known): (&str, &[String])) -> NoteDetails {
        unknown_easy_pay(given, known, self.policy)
    }

    /// The payment's PG as written, shared with the policy when written as the policy does.
    pub(crate) fn pg_as_written(&self) -> Option<PolicyText> {
        self.policy
            .pgs
            .as_written(self.pg, self.payment.pg.as_deref())
    }

    /// A full cancel on the local day of payment: the one case card issuers settle at once.
    pub(crate) fn same_day_full_cancel(&self) -> bool {
        !self.partial && self.paid_on == Some(self.today)
    }

    /// A partial refund of a valid amount: what the partial-refund rules judge. An invalid
    /// amount is reported as such, not as a partial refund.
    pub(crate) fn valid_partial_refund(&self) -> bool {
        self.partial && self.amount_problems.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::closest;

    /// The ids an unfiltered search measures against, sorted as `closest` sorts them.
    fn unfiltered(id: &str, known: &[String]) -> Option<Box<str>> {
        let mut known: Vec<&str> = known.iter().map(String::as_str).collect();
        known.sort_unstable();
        crate::suggest::closest(id, known).map(Box::from)
    }

    /// Leaving out the ids too long or too short to be near changes no suggestion: for every
    /// built-in policy's PGs and easy-pay services, each id with a character dropped, added,
    /// changed, swapped or its case changed, and ids of every length from one to twenty.
    #[test]
    fn the_length_filter_changes_no_suggestion() {
        let engine = match crate::Engine::builtin() {
            Ok(engine) => engine,
            Err(error) => panic!("the built-in policies load: {error}"),
        };
        let mut lists: Vec<Vec<String>> = Vec::new();
        for provider in crate::model::Provider::ALL {
            let policy = engine.policies().policy(provider);
            lists.push(policy.pgs.names().map(str::to_owned).collect());
            if let Some(services) = policy.easy_pay_services() {
                lists.push(services.to_vec());
            }
        }
        let mut tried = 0_usize;
        for known in &lists {
            let mut inputs: Vec<String> = (1..=20).map(|n| "k".repeat(n)).collect();
            for id in known {
                let chars: Vec<char> = id.chars().collect();
                inputs.push(id.to_ascii_uppercase());
                for at in 0..chars.len() {
                    let mut dropped = chars.clone();
                    dropped.remove(at);
                    inputs.push(dropped.iter().collect());
                    let mut added = chars.clone();
                    added.insert(at, 'x');
                    inputs.push(added.iter().collect());
                    let mut changed = chars.clone();
                    if let Some(c) = changed.get_mut(at) {
                        *c = 'q';
                    }
                    inputs.push(changed.iter().collect());
                    if at.saturating_add(1) < chars.len() {
                        let mut swapped = chars.clone();
                        swapped.swap(at, at + 1);
                        inputs.push(swapped.iter().collect());
                    }
                }
                inputs.push(format!("{id}{id}"));
                inputs.push(format!("{id}_v2"));
            }
            for input in &inputs {
                assert_eq!(
                    closest(input, known.iter().map(String::as_str)),
                    unfiltered(input, known),
                    "`{input}` among {known:?}"
                );
                tried = tried.saturating_add(1);
            }
        }
        assert!(tried > 1_000, "only {tried} ids tried");
    }

    /// A service the policy lists gets no note, whether the method names rules for it or not
    /// (PortOne V2 names KakaoPay's and lists PAYCO without rules of its own), and whatever its
    /// case; one the policy does not list gets `UNKNOWN_EASY_PAY_PROVIDER`.
    #[test]
    fn only_a_service_the_policy_does_not_list_gets_a_note() {
        use crate::decision::NoteCode;
        use crate::model::{MerchantProfile, RefundRequest};
        let engine = match crate::Engine::builtin() {
            Ok(engine) => engine,
            Err(error) => panic!("the built-in policies load: {error}"),
        };
        let Ok(now) = crate::model::parse_instant("2026-03-03T10:00:00+09:00") else {
            panic!("the time reads");
        };
        let noted = |service: &str| {
            let payment = match crate::input::payment(&format!(
                r#"{{"provider": "portone_v2", "method": "easy_pay", "status": "paid",
                "amount": {{"total": 10000}}, "paid_at": "2026-03-02T10:00:00+09:00",
                "easy_pay": {{"provider": "{service}"}}}}"#
            )) {
                Ok(payment) => payment,
                Err(error) => panic!("the payment reads: {error}"),
            };
            let request = RefundRequest::default();
            let decision = engine.decide(&payment, &request, &MerchantProfile::default(), now);
            decision
                .notes()
                .iter()
                .any(|n| n.code() == NoteCode::UnknownEasyPayProvider)
        };
        assert!(!noted("kakaopay"));
        assert!(!noted("KakaoPay"));
        assert!(!noted("payco"), "listed, without rules of its own");
        assert!(noted("kakopay"));
    }
}
