//! Property 6: adding a restriction to a policy never turns a deny into an allow, nor takes a
//! reason away.
//!
//! "Adding a restriction" must account for the scope semantics: a single-valued rule kind set
//! in a narrower scope replaces the broader one, so an added rule only restricts when it is at
//! least as strict as every rule of its kind it may replace. The additions generated here are:
//! a `partial_refund` entry (these add up), a `deadline` no longer than any deadline of the
//! document, a `refund_contract` naming the contract the document's refund contracts name,
//! a `refund_account` requiring the holder's phone where any rule does, a required `reason`
//! no longer than any length limit of the document, and a `cancel_hours` window containing
//! every window of the document; each in any scope the document has or may add (every
//! method, a PG or PG group at the top or in a method, a method the document covers, an
//! easy-pay service).

use super::documents::{self, to_yaml};
use super::inputs;
use super::{Cost, builtin, config, decide};
use chrono::NaiveTime;
use proptest::prelude::*;
use proptest::sample::select;
use refund_policy::calendar::{ClosedHours, Span, SpanUnit};
use refund_policy::decision::ReasonCode;
use refund_policy::model::{Funding, Method, Provider};
use refund_policy::policy::PolicyDocument;
use refund_policy::policy::builtin_sources;
use refund_policy::policy::document::{
    CancelHoursDoc, ConditionDoc, ContractDoc, DeadlineDoc, PartialRefusalDoc, ReasonRuleDoc,
    RefundAccountDoc, RefundContractDoc, ScopeDoc,
};
use refund_policy::{Engine, PolicySet};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// Where the added rule goes.
#[derive(Debug, Clone)]
enum Scope {
    Every,
    TopPg(String),
    Method(Method),
    MethodPg(Method, String),
    Service(String),
}

/// The added rule.
#[derive(Debug, Clone)]
enum Rule {
    Partial(ConditionDoc),
    Deadline {
        within: Option<Span>,
        by_funding: BTreeMap<Funding, Span>,
    },
    RefundContract {
        contract: String,
        when: Option<ConditionDoc>,
    },
    RefundAccount {
        holder_phone_required: bool,
    },
    Reason {
        max_chars: Option<u32>,
    },
    CancelHours(ClosedHours),
}

#[derive(Debug, Clone)]
struct Addition {
    scope: Scope,
    rule: Rule,
}

/// The id the added contract gets when the document defines none.
const ADDED_CONTRACT: &str = "proptest_added_contract";

/// Every scope of the document, and the rules of each.
fn scopes(doc: &PolicyDocument) -> Vec<&ScopeDoc> {
    let mut all = vec![&doc.every_method];
    all.extend(doc.at_pg.values());
    for scope in doc.methods.values() {
        all.push(scope);
        all.extend(scope.at_pg.values());
        all.extend(scope.providers.values());
    }
    all
}

/// A length no longer than `span` in any month: days count as themselves, months as 28 days,
/// years as 365.
fn shortest_days(span: Span) -> u32 {
    match span.unit() {
        SpanUnit::Days => span.count(),
        SpanUnit::Months => span.count() * 28,
        SpanUnit::Years => span.count() * 365,
    }
}

fn days(n: u32) -> Span {
    format!("{n} days").parse().expect("a valid span")
}

const MINUTES: u32 = 24 * 60;

fn minute(m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(m / 60, m % 60, 0).expect("a time of day")
}

/// Whether every minute in `inner` is in `outer`.
fn contains(outer: ClosedHours, inner: ClosedHours) -> bool {
    (0..MINUTES).all(|m| !inner.contains(minute(m)) || outer.contains(minute(m)))
}

/// Windows containing every one of `windows`, or `None` when together they leave no minute
/// open. A window `from-until` leaves `[until, from)` open, so one is built around a run of
/// minutes no window closes.
fn containing_window(windows: &[ClosedHours]) -> Option<BoxedStrategy<ClosedHours>> {
    if windows.is_empty() {
        return Some(window().boxed());
    }
    let closed: BTreeSet<u32> = (0..MINUTES)
        .filter(|m| windows.iter().any(|w| w.contains(minute(*m))))
        .collect();
    let open: Vec<u32> = (0..MINUTES).filter(|m| !closed.contains(m)).collect();
    if open.is_empty() {
        return None;
    }
    let strategy = (select(open), 1u32..MINUTES).prop_map(move |(until, length)| {
        let run = (0..MINUTES)
            .take_while(|k| !closed.contains(&((until + k) % MINUTES)))
            .count();
        let length = length.min(
            u32::try_from(run)
                .expect("a day of minutes")
                .min(MINUTES - 1),
        );
        let from = (until + length) % MINUTES;
        let text = format!(
            "{:02}:{:02}-{:02}:{:02}",
            from / 60,
            from % 60,
            until / 60,
            until % 60
        );
        let built: ClosedHours = text.parse().expect("a valid window");
        built
    });
    let windows = windows.to_vec();
    Some(
        strategy
            .prop_map(move |built| {
                assert!(
                    windows.iter().all(|w| contains(built, *w)),
                    "{built} contains them"
                );
                built
            })
            .boxed(),
    )
}

fn window() -> impl Strategy<Value = ClosedHours> {
    (0u32..24, 0u32..60, 0u32..24, 0u32..60)
        .prop_filter("two different times", |(h1, m1, h2, m2)| {
            (h1, m1) != (h2, m2)
        })
        .prop_map(|(h1, m1, h2, m2)| {
            format!("{h1:02}:{m1:02}-{h2:02}:{m2:02}")
                .parse()
                .expect("a valid window")
        })
}

/// The rules that restrict further whatever they replace in `doc`.
fn rule(doc: &PolicyDocument) -> BoxedStrategy<Rule> {
    let scopes = scopes(doc);
    let mut options: Vec<BoxedStrategy<Rule>> = Vec::new();

    options.push(
        documents::condition_for(doc)
            .prop_map(Rule::Partial)
            .boxed(),
    );

    let bound = scopes
        .iter()
        .filter_map(|s| s.deadline.as_ref())
        .flat_map(|d| d.within.iter().chain(d.by_funding.values()).copied())
        .map(shortest_days)
        .min()
        .unwrap_or(2_000);
    let within = (1..=bound).prop_map(|n| Rule::Deadline {
        within: Some(days(n)),
        by_funding: BTreeMap::new(),
    });
    let by_funding = prop::collection::btree_map(select(&Funding::ALL[..]), 1..=bound, 1..=4)
        .prop_map(|spans| Rule::Deadline {
            within: None,
            by_funding: spans.into_iter().map(|(f, n)| (f, days(n))).collect(),
        });
    options.push(prop_oneof![2 => within, 1 => by_funding].boxed());

    let contracts: BTreeSet<&String> = scopes
        .iter()
        .filter_map(|s| s.refund_contract.as_ref())
        .map(|r| &r.contract)
        .collect();
    match contracts.len() {
        0 => {
            let defined: Vec<String> = if doc.contracts.is_empty() {
                vec![ADDED_CONTRACT.to_owned()]
            } else {
                doc.contracts.keys().cloned().collect()
            };
            options.push(
                (
                    select(defined),
                    prop::option::of(documents::condition_for(doc)),
                )
                    .prop_map(|(contract, when)| Rule::RefundContract { contract, when })
                    .boxed(),
            );
        }
        1 => {
            let contract = (*contracts.first().expect("one contract")).clone();
            options.push(
                Just(Rule::RefundContract {
                    contract,
                    when: None,
                })
                .boxed(),
            );
        }
        _ => {}
    }

    let phone_anywhere = scopes
        .iter()
        .filter_map(|s| s.refund_account.as_ref())
        .any(|r| r.holder_phone_required);
    let phone = if phone_anywhere {
        Just(true).boxed()
    } else {
        any::<bool>().boxed()
    };
    options.push(
        phone
            .prop_map(|holder_phone_required| Rule::RefundAccount {
                holder_phone_required,
            })
            .boxed(),
    );

    let longest = scopes
        .iter()
        .filter_map(|s| s.reason.as_ref())
        .filter_map(|r| r.max_chars)
        .min();
    let max_chars = match longest {
        Some(max) => (1..=max).prop_map(Some).boxed(),
        None => prop::option::of(1u32..400).boxed(),
    };
    options.push(
        max_chars
            .prop_map(|max_chars| Rule::Reason { max_chars })
            .boxed(),
    );

    let windows: Vec<ClosedHours> = scopes
        .iter()
        .filter_map(|s| s.cancel_hours.as_ref())
        .map(|r| r.closed)
        .collect();
    if let Some(windows) = containing_window(&windows) {
        options.push(windows.prop_map(Rule::CancelHours).boxed());
    }

    proptest::strategy::Union::new(options).boxed()
}

/// The PG names `doc` gives rules to: the keys of its `at_pg` maps, every group, and the
/// members of the groups; where a new PG entry is most likely to meet an existing one.
fn pgs_in_use(doc: &PolicyDocument) -> Vec<String> {
    let Some(catalog) = &doc.pgs else {
        return Vec::new();
    };
    let mut names: BTreeSet<String> = doc.at_pg.keys().cloned().collect();
    for scope in doc.methods.values() {
        names.extend(scope.at_pg.keys().cloned());
    }
    for (group, members) in &catalog.groups {
        names.insert(group.clone());
        names.extend(members.iter().cloned());
    }
    names.into_iter().collect()
}

/// The PG ids a PG name stands for: a group's members, or the id itself.
fn members(doc: &PolicyDocument, name: &str) -> Vec<String> {
    doc.pgs
        .as_ref()
        .and_then(|p| p.groups.get(name).cloned())
        .unwrap_or_else(|| vec![name.to_owned()])
}

/// The scopes `doc` has or may add; never a method it does not cover, which would create a
/// policy where there was none. PG scopes favour the PGs the document already gives rules to.
fn scope(doc: &PolicyDocument) -> BoxedStrategy<Scope> {
    let mut options: Vec<BoxedStrategy<Scope>> = vec![Just(Scope::Every).boxed()];
    let methods: Vec<Method> = doc.methods.keys().copied().collect();
    if methods.is_empty() {
        return Just(Scope::Every).boxed();
    }
    options.push(select(methods.clone()).prop_map(Scope::Method).boxed());
    if let Some(pgs) = &doc.pgs {
        let all: Vec<String> = pgs.known.iter().chain(pgs.groups.keys()).cloned().collect();
        let in_use = pgs_in_use(doc);
        let names = if in_use.is_empty() {
            select(all).boxed()
        } else {
            prop_oneof![3 => select(in_use), 1 => select(all)].boxed()
        };
        let with_pg_scopes: Vec<Method> = doc
            .methods
            .iter()
            .filter(|(_, scope)| !scope.at_pg.is_empty())
            .map(|(m, _)| *m)
            .collect();
        let method = if with_pg_scopes.is_empty() {
            select(methods).boxed()
        } else {
            prop_oneof![3 => select(with_pg_scopes), 1 => select(methods)].boxed()
        };
        options.push(names.clone().prop_map(Scope::TopPg).boxed());
        options.push(
            (method, names)
                .prop_map(|(m, pg)| Scope::MethodPg(m, pg))
                .boxed(),
        );
    }
    if doc.methods.contains_key(&Method::EasyPay) {
        let services: Vec<String> = doc.easy_pay_providers.as_ref().map_or_else(
            || inputs::SERVICES.iter().map(|s| (*s).to_owned()).collect(),
            |c| c.known.clone(),
        );
        options.push(select(services).prop_map(Scope::Service).boxed());
    }
    proptest::strategy::Union::new(options).boxed()
}

fn addition(doc: &PolicyDocument) -> BoxedStrategy<Addition> {
    (scope(doc), rule(doc))
        .prop_map(|(scope, rule)| Addition { scope, rule })
        .boxed()
}

/// `doc` with the addition made.
fn add(doc: &PolicyDocument, addition: &Addition) -> PolicyDocument {
    let mut doc = doc.clone();
    let source = doc.sources.keys().next().expect("a source").clone();
    if let Rule::RefundContract { contract, .. } = &addition.rule
        && !doc.contracts.contains_key(contract)
    {
        doc.contracts.insert(
            contract.clone(),
            ContractDoc {
                ko: "추가 계약".to_owned(),
                en: "an added contract".to_owned(),
                source: source.clone(),
            },
        );
    }
    let scope = match &addition.scope {
        Scope::Every => &mut doc.every_method,
        Scope::TopPg(pg) => doc.at_pg.entry(pg.clone()).or_default(),
        Scope::Method(m) => doc.methods.get_mut(m).expect("a covered method"),
        Scope::MethodPg(m, pg) => doc
            .methods
            .get_mut(m)
            .expect("a covered method")
            .at_pg
            .entry(pg.clone())
            .or_default(),
        Scope::Service(service) => doc
            .methods
            .get_mut(&Method::EasyPay)
            .expect("easy pay is covered")
            .providers
            .entry(service.clone())
            .or_default(),
    };
    match addition.rule.clone() {
        Rule::Partial(refused_when) => scope.partial_refund.push(PartialRefusalDoc {
            id: "proptest_added".to_owned(),
            refused_when,
            source,
            unverified: None,
            comment: Some("added by a property test".to_owned()),
            provider_error: None,
        }),
        Rule::Deadline { within, by_funding } => {
            scope.deadline = Some(DeadlineDoc {
                within,
                by_funding,
                source,
                unverified: None,
                comment: None,
                provider_error: None,
            });
        }
        Rule::RefundContract { contract, when } => {
            scope.refund_contract = Some(RefundContractDoc {
                contract,
                when,
                source,
                unverified: None,
                comment: None,
                provider_error: None,
            });
        }
        Rule::RefundAccount {
            holder_phone_required,
        } => {
            scope.refund_account = Some(RefundAccountDoc {
                holder_phone_required,
                source,
                unverified: None,
                comment: None,
                provider_error: None,
            });
        }
        Rule::Reason { max_chars } => {
            scope.reason = Some(ReasonRuleDoc {
                required: true,
                max_chars,
                source,
                unverified: None,
                comment: None,
                provider_error: None,
            });
        }
        Rule::CancelHours(closed) => {
            scope.cancel_hours = Some(CancelHoursDoc {
                closed,
                source,
                unverified: None,
                comment: None,
                provider_error: None,
            });
        }
    }
    doc
}

/// The built-in policy texts by provider.
fn builtin_texts() -> &'static BTreeMap<Provider, &'static str> {
    static TEXTS: OnceLock<BTreeMap<Provider, &'static str>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        builtin_sources()
            .map(|source| {
                let set = PolicySet::load(&[source]).expect("a built-in policy loads alone");
                let provider = set.providers().next().expect("it covers a provider");
                (provider, source.text)
            })
            .collect()
    })
}

/// The built-in set with `provider`'s policy replaced by `doc`, written with `serde_saphyr`.
fn engine_with(provider: Provider, doc: &PolicyDocument) -> Result<Engine, String> {
    let mut texts: Vec<String> = builtin_texts()
        .iter()
        .filter(|(p, _)| **p != provider)
        .map(|(_, text)| (*text).to_owned())
        .collect();
    texts.push(to_yaml(doc));
    documents::load(&texts)
        .map(Engine::new)
        .map_err(|e| e.to_string())
}

/// Makes `payment` one that `scope` applies to: its method, PG (the `n`th member of a group)
/// or easy-pay service.
fn focus(
    doc: &PolicyDocument,
    scope: &Scope,
    payment: &mut refund_policy::model::Payment,
    n: usize,
) {
    let pg_of = |name: &str| {
        let members = members(doc, name);
        members[n % members.len()].clone()
    };
    match scope {
        Scope::Every => {}
        Scope::TopPg(pg) => payment.pg = Some(pg_of(pg)),
        Scope::Method(method) => payment.method = *method,
        Scope::MethodPg(method, pg) => {
            payment.method = *method;
            payment.pg = Some(pg_of(pg));
        }
        Scope::Service(service) => {
            payment.method = Method::EasyPay;
            payment.easy_pay = Some(refund_policy::model::EasyPay {
                provider: service.clone(),
                funding: payment.easy_pay.as_ref().and_then(|e| e.funding),
            });
        }
    }
    if payment.method != Method::EasyPay {
        payment.easy_pay = None;
    }
}

/// A provider, an addition to its built-in policy, and inputs for that provider.
fn case() -> impl Strategy<Value = (Provider, Addition, Vec<inputs::Input>)> {
    inputs::provider().prop_flat_map(|provider| {
        let doc = builtin()
            .policies()
            .document(provider)
            .expect("a built-in policy");
        (
            Just(provider),
            addition(doc),
            prop::collection::vec(inputs::input_for(provider), 32),
        )
    })
}

/// Checks that every deny of `original` stays a deny, with at least its reasons, under
/// `restricted`, the same policies with `addition` made to `doc`.
fn stays_denied(
    original: &Engine,
    restricted: &Engine,
    doc: &PolicyDocument,
    addition: &Addition,
    inputs: &[inputs::Input],
) -> Result<(), TestCaseError> {
    for (i, input) in inputs.iter().enumerate() {
        // Every other input is a payment the added rule applies to.
        let mut focused = input.clone();
        let input = if i % 2 == 0 {
            focus(doc, &addition.scope, &mut focused.payment, i / 2);
            &focused
        } else {
            input
        };
        let before = decide(original, input);
        let after = decide(restricted, input);
        if before.is_allowed() {
            continue;
        }
        prop_assert!(
            !after.is_allowed(),
            "{:?} turned {:?} into an allow for {:?}",
            addition,
            before.reason_codes(),
            input
        );
        let kept: BTreeSet<ReasonCode> = after.reason_codes().into_iter().collect();
        for code in before.reason_codes() {
            prop_assert!(
                kept.contains(&code),
                "{:?} took {} away ({:?} became {:?}) for {:?}",
                addition,
                code,
                before.reason_codes(),
                after.reason_codes(),
                input
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(Cost::Load))]

    /// The built-in policies, one of them with a restriction added.
    #[test]
    fn adding_a_restriction_never_allows_what_was_denied(
        (provider, addition, inputs) in case(),
    ) {
        let doc = builtin().policies().document(provider).expect("a built-in policy");
        let restricted = engine_with(provider, &add(doc, &addition)).map_err(TestCaseError::fail)?;
        stays_denied(builtin(), &restricted, doc, &addition, &inputs)?;
    }

    /// A generated policy, alone, with a restriction added.
    #[test]
    fn adding_a_restriction_to_a_generated_policy_never_allows_what_was_denied(
        (doc, addition, inputs) in generated_case(),
    ) {
        let alone = |doc: &PolicyDocument| {
            documents::load(&[to_yaml(doc)]).map(Engine::new).map_err(|e| TestCaseError::fail(e.to_string()))
        };
        let original = alone(&doc)?;
        let restricted = alone(&add(&doc, &addition))?;
        stays_denied(&original, &restricted, &doc, &addition, &inputs)?;
    }
}

/// A generated policy, an addition to it, and inputs for its provider.
fn generated_case() -> impl Strategy<Value = (PolicyDocument, Addition, Vec<inputs::Input>)> {
    documents::document().prop_flat_map(|doc| {
        let addition = addition(&doc);
        let inputs = prop::collection::vec(inputs::input_for(doc.provider), 32);
        (Just(doc), addition, inputs)
    })
}

/// Regression (found by the property): an entry of its own for a PG used to replace the
/// entry of its group in the same `at_pg` map instead of lying over it, so adding any rule for
/// `smartro_v2` under virtual accounts silently dropped SMARTRO's required holder phone. Now
/// the group's rules still apply, and the PG's own replace only those of the same kind.
#[test]
fn a_pg_entry_lies_over_its_groups_entry() {
    let parse = |t: &str| refund_policy::model::parse_instant(t).unwrap();
    let paid_at = parse("2026-03-02T10:00:00+09:00");
    let mut payment = refund_policy::model::Payment::paid(
        Provider::PortoneV2,
        Method::VirtualAccount,
        rust_decimal::Decimal::from(10_000),
        paid_at,
    );
    payment.pg = Some("smartro_v2".to_owned());
    let request = refund_policy::model::RefundRequest {
        reason: Some("고객 요청".to_owned()),
        refund_account: Some(refund_policy::model::RefundAccount {
            bank: Some(refund_policy::model::Bank::Shinhan),
            number: Some("56211105948400".to_owned()),
            holder_name: Some("홍길동".to_owned()),
            holder_phone: None,
        }),
        ..Default::default()
    };
    let merchant =
        refund_policy::model::MerchantProfile::with_contracts(["virtual_account_refund"]);
    let now = parse("2026-03-03T10:00:00+09:00");
    let doc = builtin()
        .policies()
        .document(Provider::PortoneV2)
        .expect("a built-in policy");
    let before = builtin().decide(&payment, &request, &merchant, now);
    assert_eq!(before.reason_codes(), [ReasonCode::RefundAccountInvalid]);

    // An unrelated restriction for the PG keeps the group's holder phone.
    let escrow_only = Addition {
        scope: Scope::MethodPg(Method::VirtualAccount, "smartro_v2".to_owned()),
        rule: Rule::Partial(ConditionDoc {
            escrow: Some(true),
            ..ConditionDoc::default()
        }),
    };
    let engine = engine_with(Provider::PortoneV2, &add(doc, &escrow_only)).unwrap();
    let after = engine.decide(&payment, &request, &merchant, now);
    assert_eq!(after.reason_codes(), [ReasonCode::RefundAccountInvalid]);

    // A rule of the same kind for the PG replaces the group's.
    let no_phone = Addition {
        scope: Scope::MethodPg(Method::VirtualAccount, "smartro_v2".to_owned()),
        rule: Rule::RefundAccount {
            holder_phone_required: false,
        },
    };
    let engine = engine_with(Provider::PortoneV2, &add(doc, &no_phone)).unwrap();
    assert!(
        engine
            .decide(&payment, &request, &merchant, now)
            .is_allowed()
    );
}
