//! The engine: one evaluation pass over a payment, a request and a merchant profile, against a
//! loaded policy set.
//!
//! The pass resolves a [`Context`] once (the inputs, the rules that apply, the facts that
//! follow from them), then runs the checks in [`checks`] order, which is the documented order
//! of reasons: the contract's checks (contract §4.1), then the rules the policy resolved for
//! the payment's method, easy-pay service and PG. Each check reads the context and writes its
//! reasons and notes through [`Findings`]: to a [`Sink`] when deciding, and the decision is
//! made from the sink and the context alone; to a [`Screening`] when screening, which keeps
//! the reasons' codes.
//! The verdict is read off the reasons, so what the decision says and why can never disagree.
//! Nothing here parses, reads a file or looks up a name by string, except the payment's PG and
//! easy-pay service, each once, in compiled indexes.

mod account;
mod common;
mod context;
mod findings;
pub(crate) mod money;
pub(crate) mod options;
mod sink;

pub(crate) use account::blank;
pub(crate) use context::Context;
pub(crate) use findings::{Findings, reason};
pub(crate) use sink::Sink;

use crate::decision::{Decision, Screening};
use crate::input::InputError;
use crate::model::{MerchantProfile, Payment, RefundRequest};
use crate::options::RefundOptions;
use crate::policy::{LoadError, PolicySet, PolicySource};
use crate::rules::{Rule, RuleSet, Visit};
use chrono::{DateTime, Utc};
use std::sync::{Arc, OnceLock};

/// What a check does after it ran.
pub(crate) enum Then {
    /// The next check runs.
    Go,
    /// The decision is made: what this check found is reported alone.
    Stop,
}

/// A check of the pass, writing to `F`.
type Check<F> = fn(&Context<'_>, &mut F) -> Then;

/// The contract's checks, in the order of reasons: a self-contradicting payment alone, then a
/// status with nothing to refund alone, then the amounts, the cancellation history, a method
/// without rules and ids no rule could match. The policy's rules follow, in
/// [`RuleSet`] order. Refund options run the same list.
///
/// The checks are `#[inline(always)]`: the table is unrolled into [`common_checks`], where each
/// check is then compiled once, without a call. Left to the compiler, they were called through
/// the table whenever the decision's layout changed, at some 75 instructions a decision.
fn checks<F: Findings>() -> [Check<F>; 6] {
    [
        common::integrity,
        common::status,
        common::amounts,
        common::history,
        common::no_policy,
        common::unknown_ids,
    ]
}

/// Runs the contract's checks; false when one of them made the decision alone.
fn common_checks(cx: &Context<'_>, out: &mut impl Findings) -> bool {
    checks()
        .iter()
        .all(|check| matches!(check(cx, out), Then::Go))
}

/// Runs each rule's check, as its own kind.
struct Checking<'c, 'a, F> {
    cx: &'c Context<'a>,
    out: &'c mut F,
}

impl<F: Findings> Visit for Checking<'_, '_, F> {
    #[inline(always)]
    fn visit<R: Rule>(&mut self, rule: &R) {
        rule.check(self.cx, self.out);
    }
}

/// Runs the policy's rules for the payment.
///
/// Out of line on purpose. Inlined, the nineteen rule kinds made `decide` one 40 KB function
/// whose time moved by a third with the placement of unrelated code (card full: 97 to 131 ns
/// on the same instructions); out of line, the allowed cases held at 97 to 99 ns in every
/// build measured, for about twenty instructions a decision (DESIGN.md, "Time and code
/// placement").
#[inline(never)]
fn check_rules(rules: &RuleSet, cx: &Context<'_>, out: &mut impl Findings) {
    rules.each(Checking { cx, out });
}

/// The pass: the contract's checks, then the policy's rules unless one of those decided
/// alone. What decides and what screens is this, written to a different place.
#[inline(always)]
fn evaluate(cx: &Context<'_>, out: &mut impl Findings) {
    if common_checks(cx, out)
        && let Some(rules) = cx.rules
    {
        check_rules(rules, cx, out);
    }
}

/// Decides refunds against a set of policies.
///
/// ```
/// use refund_policy::{Engine, model::*};
/// use rust_decimal::Decimal;
///
/// let engine = Engine::builtin().unwrap();
/// let paid_at = parse_instant("2026-03-02T10:00:00+09:00").unwrap();
/// let mut payment = Payment::paid(Provider::PortoneV2, Method::VirtualAccount, Decimal::from(10000), paid_at);
/// payment.pg = Some("kcp_v2".into());
/// let request = RefundRequest {
///     reason: Some("고객 요청".into()),
///     refund_account: Some(RefundAccount {
///         bank: Some(Bank::Shinhan),
///         number: Some("56211105948400".into()),
///         holder_name: Some("홍길동".into()),
///         holder_phone: None,
///     }),
///     ..Default::default()
/// };
/// let now = parse_instant("2026-03-05T10:00:00+09:00").unwrap();
///
/// let without = engine.decide(&payment, &request, &MerchantProfile::default(), now);
/// assert_eq!(without.reason_codes()[0].as_str(), "CONTRACT_REQUIRED");
///
/// let with = engine.decide(&payment, &request, &MerchantProfile::with_contracts(["virtual_account_refund"]), now);
/// assert!(with.is_allowed());
/// assert_eq!(with.fee(), Some((Decimal::from(300), Currency::KRW)));
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    policies: Arc<PolicySet>,
}

static BUILTIN: OnceLock<Result<Engine, LoadError>> = OnceLock::new();

impl Engine {
    /// An engine over policies loaded from their sources; every problem is reported.
    ///
    /// ```
    /// use refund_policy::{Engine, PolicySource};
    /// use refund_policy::model::Provider;
    /// // Your own files, read by the caller; here the built-in V2 policy alone.
    /// let v2 = refund_policy::policy::builtin_sources().find(|s| s.name.ends_with("portone-v2.yaml")).unwrap();
    /// let engine = Engine::from_sources(&[PolicySource::new("mine/portone-v2.yaml", v2.text)])?;
    /// assert_eq!(engine.policies().providers().collect::<Vec<_>>(), [Provider::PortoneV2]);
    /// # Ok::<(), refund_policy::LoadError>(())
    /// ```
    pub fn from_sources(sources: &[PolicySource<'_>]) -> Result<Engine, LoadError> {
        PolicySet::load(sources).map(Engine::new)
    }

    /// An engine over an already loaded policy set.
    pub fn new(policies: PolicySet) -> Engine {
        Engine {
            policies: Arc::new(policies),
        }
    }

    /// The engine over the built-in policies (`policies/*.yaml`), made once; each provider's
    /// policy is compiled the first time it is needed ([`PolicySet::builtin`]).
    ///
    /// The built-in files are checked whole by the crate's tests, so this does not fail in a
    /// released crate; if a built-in file ever did not compile, its provider would decide
    /// `NO_POLICY` rather than panic.
    pub fn builtin() -> Result<&'static Engine, &'static LoadError> {
        BUILTIN
            .get_or_init(|| Ok(Engine::new(PolicySet::builtin())))
            .as_ref()
    }

    /// The loaded policies.
    pub fn policies(&self) -> &PolicySet {
        &self.policies
    }

    /// Decides whether `request` can refund `payment` at `now` for a merchant with the
    /// contracts in `merchant`.
    ///
    /// The decision is total: every input gives one, and reasons say what is wrong with
    /// inputs that contradict themselves. Contract ids no policy defines are simply never
    /// matched; [`Engine::check_merchant`] finds them.
    ///
    /// ```
    /// use refund_policy::Engine;
    /// use refund_policy::input;
    ///
    /// let engine = Engine::builtin()?;
    /// let payment = input::payment(r#"{"provider": "portone_v2", "pg": "welcome", "method": "card",
    ///     "status": "paid", "amount": {"total": 10000}, "paid_at": "2026-03-02T10:00:00+09:00"}"#)?;
    /// let request = input::request(r#"{"amount": 3000, "reason": "부분 반품"}"#)?;
    /// let now = refund_policy::model::parse_instant("2026-03-05T10:00:00+09:00")?;
    ///
    /// // Welcome Payments cancels partially only for merchants with its partial refund service.
    /// let without = engine.decide(&payment, &request, &input::merchant("")?, now);
    /// assert_eq!(without.reason_codes()[0].as_str(), "CONTRACT_REQUIRED");
    /// let with = engine.decide(&payment, &request, &input::merchant("contracts: [partial_refund_service]")?, now);
    /// assert!(with.is_allowed());
    /// assert_eq!(with.refund().remaining_after, 7000.into());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn decide(
        &self,
        payment: &Payment,
        request: &RefundRequest,
        merchant: &MerchantProfile,
        now: DateTime<Utc>,
    ) -> Decision {
        let policy = self.policies.policy(payment.provider);
        let mut cx = Context::new(policy, payment, request, merchant, now);
        cx.settle_coverage();
        let mut out = Sink::new(policy);
        evaluate(&cx, &mut out);
        out.finish(&cx);
        out.decision
    }

    /// The verdict and reason codes [`Engine::decide`] would give, and nothing else: the same
    /// checks, keeping no rule ids, numbers, provider errors or notes. For going through many
    /// payments at once, then deciding whole only those someone will read; see [`Screening`].
    ///
    /// ```
    /// use refund_policy::{Engine, input, model::parse_instant};
    ///
    /// let engine = Engine::builtin()?;
    /// let payment = input::payment(r#"{"provider": "portone_v2", "pg": "kcp_v2", "method": "card",
    ///     "status": "paid", "amount": {"total": 10000}, "paid_at": "2026-03-02T10:00:00+09:00"}"#)?;
    /// let merchant = input::merchant("")?;
    /// let now = parse_instant("2026-03-05T10:00:00+09:00")?;
    /// let history = [("3000", true), ("12000", false)];
    /// for (amount, allowed) in history {
    ///     let request = input::request(&format!(r#"{{"amount": {amount}, "reason": "반품"}}"#))?;
    ///     let screening = engine.screen(&payment, &request, &merchant, now);
    ///     assert_eq!(screening.is_allowed(), allowed);
    ///     if !screening.is_allowed() {
    ///         // The refunds an operator will look at, decided whole: the same reasons, explained.
    ///         let decision = engine.decide(&payment, &request, &merchant, now);
    ///         assert_eq!(decision.reason_codes(), screening.reason_codes());
    ///         assert_eq!(decision.refund().balance, 10000.into());
    ///     }
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn screen(
        &self,
        payment: &Payment,
        request: &RefundRequest,
        merchant: &MerchantProfile,
        now: DateTime<Utc>,
    ) -> Screening {
        let policy = self.policies.policy(payment.provider);
        let mut cx = Context::new(policy, payment, request, merchant, now);
        cx.settle_coverage();
        let mut out = Screening::default();
        evaluate(&cx, &mut out);
        out
    }

    /// What can be refunded of `payment` at `now` for a merchant with the contracts in
    /// `merchant`, before any request exists (contract §8): whether any refund can pass and
    /// what blocks every one, the largest amount, whether less can pass, the fields and
    /// contracts a refund needs, the last refundable day, the notes and expected completion.
    ///
    /// Total like [`Engine::decide`], from the same rules in one pass. Options and decisions
    /// agree: when the options are refundable and no contract is missing, a request with the
    /// required fields for the whole balance, or any amount the partial options allow, is
    /// allowed.
    ///
    /// ```
    /// use refund_policy::Engine;
    /// use refund_policy::input;
    /// use refund_policy::model::parse_instant;
    ///
    /// let engine = Engine::builtin()?;
    /// // A Toss Payments gift certificate: refundable in full only.
    /// let payment = input::payment(r#"{"provider": "toss_payments", "method": "gift_certificate",
    ///     "status": "paid", "amount": {"total": 10000}, "paid_at": "2026-03-02T10:00:00+09:00"}"#)?;
    /// let now = parse_instant("2026-03-05T10:00:00+09:00")?;
    /// let options = engine.options(&payment, &input::merchant("")?, now);
    /// assert!(options.refundable());
    /// assert!(options.full_only());
    /// assert_eq!(options.partial.refused[0].code().as_str(), "PARTIAL_CANCEL_NOT_SUPPORTED");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn options(
        &self,
        payment: &Payment,
        merchant: &MerchantProfile,
        now: DateTime<Utc>,
    ) -> RefundOptions {
        options::options(
            self.policies.policy(payment.provider),
            payment,
            merchant,
            now,
        )
    }

    /// Checks that every contract the merchant lists is one the policies define.
    ///
    /// ```
    /// use refund_policy::{Engine, model::MerchantProfile};
    /// let engine = Engine::builtin().unwrap();
    /// let typo = MerchantProfile::with_contracts(["virtual_account_refnd"]);
    /// let error = engine.check_merchant(&typo).unwrap_err();
    /// assert!(error.to_string().contains("did you mean `virtual_account_refund`?"));
    /// ```
    pub fn check_merchant(&self, merchant: &MerchantProfile) -> Result<(), InputError> {
        for (i, id) in merchant.contracts.iter().enumerate() {
            if !self.policies.defines_contract(id) {
                let known: Vec<&str> = self.policies.contracts().map(|c| &*c.id).collect();
                return Err(InputError::unknown_contract(i, id, &known));
            }
        }
        Ok(())
    }
}
