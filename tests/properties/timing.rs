//! Property 4: deadlines and month rules are monotone in time, and agree with a reference
//! computed by hand in Korean time (a fixed +09:00 offset: Korea has kept it since 1988).

use super::inputs::{self, Input};
use super::{Cost, builtin, checks, config, decide, rule_ids};
use chrono::{DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, Utc};
use proptest::prelude::*;
use refund_policy::decision::{NoteCode, ReasonCode};
use refund_policy::model::{Method, Provider};
use refund_policy::policy::PolicyDocument;
use refund_policy::policy::document::ScopeDoc;
use refund_policy::{Decision, Engine, PolicySource};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The local date and (year, month) of an instant in Korea, computed with a fixed offset.
fn korean_date(instant: DateTime<Utc>) -> NaiveDate {
    let kst = FixedOffset::east_opt(9 * 3600).expect("+09:00");
    instant.with_timezone(&kst).date_naive()
}

fn korean_month(instant: DateTime<Utc>) -> (i32, u32) {
    let date = korean_date(instant);
    (date.year(), date.month())
}

fn has(decision: &Decision, code: ReasonCode) -> bool {
    decision.reason_codes().contains(&code)
}

/// Whether the decision went past the checks reported alone (contract §4.1).
fn evaluated(decision: &Decision) -> bool {
    !decision.reason_codes().iter().any(|code| {
        matches!(
            code,
            ReasonCode::InvalidPayment | ReasonCode::PaymentNotPaid | ReasonCode::AlreadyCancelled
        )
    })
}

/// The input with `now` on or after `paid_at`.
fn not_before_payment(mut input: Input) -> Input {
    if let Some(paid_at) = input.payment.paid_at
        && input.now < paid_at
    {
        input.now = paid_at + (paid_at - input.now);
    }
    input
}

/// Spans of the reference policies: days, months and years, around the built-in ones.
const SPANS: &[(u32, &str)] = &[
    (1, "day"),
    (30, "days"),
    (90, "days"),
    (180, "days"),
    (365, "days"),
    (1095, "days"),
    (1, "month"),
    (3, "months"),
    (6, "months"),
    (1, "year"),
    (5, "years"),
];

/// The last refundable day, as contract §5 defines it: the local date of payment plus the
/// span, months and years clamped to the end of a shorter month.
fn last_refundable_day(paid_on: NaiveDate, (count, unit): (u32, &str)) -> NaiveDate {
    match unit {
        "day" | "days" => paid_on + Days::new(count.into()),
        "month" | "months" => paid_on
            .checked_add_months(Months::new(count))
            .expect("in range"),
        _ => paid_on
            .checked_add_months(Months::new(count * 12))
            .expect("in range"),
    }
}

/// A policy for `provider` whose every method has a deadline of `span` and a same-month
/// rule, and nothing else.
pub fn reference_policy(provider: Provider, span: &str) -> String {
    super::documents::minimal_text(
        &format!("reference_{}", provider.id()),
        provider,
        &format!(
            "deadline: {{ within: {span}, source: guide }}\nsame_month: {{ source: guide }}\n"
        ),
    )
}

/// One engine per span of [`SPANS`], every provider covered by [`reference_policy`].
fn reference_engines() -> &'static [Engine] {
    static ENGINES: OnceLock<Vec<Engine>> = OnceLock::new();
    ENGINES.get_or_init(|| {
        SPANS
            .iter()
            .map(|(count, unit)| {
                let span = format!("{count} {unit}");
                let texts: Vec<(String, String)> = Provider::ALL
                    .iter()
                    .map(|p| (format!("{}.yaml", p.id()), reference_policy(*p, &span)))
                    .collect();
                let sources: Vec<PolicySource<'_>> = texts
                    .iter()
                    .map(|(name, text)| PolicySource::new(name, text))
                    .collect();
                Engine::from_sources(&sources).expect("the reference policies load")
            })
            .collect()
    })
}

/// Asserts that neither `DEADLINE_PASSED` nor `MONTH_CHANGED` is reported at any instant
/// between payment and `input.now` when neither is at `input.now`.
fn monotone(engine: &Engine, input: &Input, fractions: &[u32]) -> Result<(), TestCaseError> {
    let Some(paid_at) = input.payment.paid_at else {
        return Ok(());
    };
    let at_now = decide(engine, input);
    if has(&at_now, ReasonCode::DeadlinePassed) || has(&at_now, ReasonCode::MonthChanged) {
        return Ok(());
    }
    let span = (input.now - paid_at).num_seconds();
    for fraction in fractions.iter().copied().chain([0, 1_000_000]) {
        let offset = span * i64::from(fraction) / 1_000_000;
        let earlier = Input {
            now: paid_at + chrono::Duration::seconds(offset),
            ..input.clone()
        };
        let decision = decide(engine, &earlier);
        prop_assert!(
            !has(&decision, ReasonCode::DeadlinePassed)
                && !has(&decision, ReasonCode::MonthChanged),
            "allowed in time at {} but {:?} at the earlier {}",
            input.now,
            decision.reason_codes(),
            earlier.now
        );
    }
    Ok(())
}

/// What the built-in document says about same-month rules, when its only one is
/// `methods.mobile.same_month`: the PGs of its next-month refund (groups expanded) and the
/// contract it needs. `None` when the document is shaped otherwise.
fn mobile_only_same_month(doc: &PolicyDocument) -> Option<(BTreeSet<String>, Option<String>)> {
    let clear =
        |scopes: &BTreeMap<String, ScopeDoc>| scopes.values().all(|s| s.same_month.is_none());
    if doc.every_method.same_month.is_some() || !clear(&doc.at_pg) {
        return None;
    }
    let mut next_month = None;
    for (method, scope) in &doc.methods {
        let narrower_clear = clear(&scope.at_pg) && clear(&scope.providers);
        if !narrower_clear {
            return None;
        }
        match (method, &scope.same_month) {
            (Method::Mobile, Some(rule)) => next_month = Some(rule.next_month_refund.clone()),
            (_, None) => {}
            _ => return None,
        }
    }
    let next = next_month?;
    let Some(next) = next else {
        return Some((BTreeSet::new(), None));
    };
    let groups = doc
        .pgs
        .as_ref()
        .map(|p| p.groups.clone())
        .unwrap_or_default();
    let pgs = next
        .pgs
        .iter()
        .flat_map(|name| {
            groups
                .get(name)
                .cloned()
                .unwrap_or_else(|| vec![name.clone()])
        })
        .collect();
    Some((pgs, Some(next.contract)))
}

proptest! {
    #![proptest_config(config(Cost::Decide))]

    /// If neither `DEADLINE_PASSED` nor `MONTH_CHANGED` is reported at `t`, neither is at any
    /// instant between payment and `t`, the other inputs fixed (built-in policies).
    #[test]
    fn time_rules_are_monotone(
        input in inputs::input().prop_map(not_before_payment),
        fractions in prop::collection::vec(0u32..=1_000_000, 1..6),
    ) {
        monotone(builtin(), &input, &fractions)?;
    }

    /// The same, on policies where every method has a deadline and a same-month rule.
    #[test]
    fn reference_time_rules_are_monotone(
        input in inputs::input().prop_map(not_before_payment),
        span in 0..SPANS.len(),
        fractions in prop::collection::vec(0u32..=1_000_000, 1..6),
    ) {
        monotone(&reference_engines()[span], &input, &fractions)?;
    }

    /// The built-in same-month rules agree with the months of `paid_at` and `now` in +09:00:
    /// `MONTH_CHANGED` only when they differ, and whenever they differ for a mobile payment
    /// unless a next-month refund to an account could lift it.
    #[test]
    fn builtin_month_rules_follow_korean_months(input in inputs::input()) {
        let decision = decide(builtin(), &input);
        let Some(paid_at) = input.payment.paid_at else {
            prop_assert!(!has(&decision, ReasonCode::MonthChanged));
            return Ok(());
        };
        let changed = korean_month(paid_at) != korean_month(input.now);
        if has(&decision, ReasonCode::MonthChanged) {
            prop_assert!(changed, "MONTH_CHANGED from {} to {}", paid_at, input.now);
        }
        let doc = builtin().policies().document(input.payment.provider).expect("a built-in policy");
        let Some((next_month_pgs, contract)) = mobile_only_same_month(doc) else {
            return Ok(());
        };
        if !evaluated(&decision) {
            return Ok(());
        }
        if input.payment.method != Method::Mobile {
            prop_assert!(!has(&decision, ReasonCode::MonthChanged));
        } else if changed && !has(&decision, ReasonCode::MonthChanged) {
            let pg = input.payment.pg.clone().unwrap_or_default();
            let may_lift = next_month_pgs.contains(&pg)
                && contract.is_some_and(|c| input.merchant.has_contract(&c))
                && input.request.refund_account.is_some();
            prop_assert!(
                may_lift,
                "no MONTH_CHANGED from {} to {}: {:?}",
                paid_at,
                input.now,
                decision.reason_codes()
            );
        } else if !changed {
            prop_assert!(!has(&decision, ReasonCode::MonthChanged));
        }
    }

    /// On policies where every method has a deadline and a same-month rule, both agree exactly
    /// with a reference computed in +09:00, and so do `PAID_AT_MISSING`, `MANUAL_REFUND` and
    /// the last refundable day the decision shows.
    #[test]
    fn reference_time_rules_agree_with_korean_dates(
        input in inputs::input(),
        span in 0..SPANS.len(),
    ) {
        let engine = &reference_engines()[span];
        let decision = decide(engine, &input);
        checks::reasons_and_rules(&decision, &rule_ids(engine))?;
        checks::evaluation_semantics(&input, &decision)?;
        if !evaluated(&decision) {
            return Ok(());
        }
        let codes = decision.reason_codes();
        let Some(paid_at) = input.payment.paid_at else {
            let missing = codes.iter().filter(|c| **c == ReasonCode::PaidAtMissing).count();
            prop_assert_eq!(missing, 2, "{:?}", codes);
            prop_assert!(!has(&decision, ReasonCode::DeadlinePassed));
            prop_assert!(!has(&decision, ReasonCode::MonthChanged));
            prop_assert!(decision.deadline().is_none());
            return Ok(());
        };
        prop_assert!(!has(&decision, ReasonCode::PaidAtMissing));
        let paid_on = korean_date(paid_at);
        let today = korean_date(input.now);
        let last_day = last_refundable_day(paid_on, SPANS[span]);
        let month_changed = korean_month(paid_at) != korean_month(input.now);
        let deadline_passed = today > last_day;
        prop_assert_eq!(has(&decision, ReasonCode::MonthChanged), month_changed,
            "paid {} ({}), now {} ({})", paid_at, paid_on, input.now, today);
        prop_assert_eq!(has(&decision, ReasonCode::DeadlinePassed), deadline_passed,
            "paid {} ({}), now {} ({}), last day {}", paid_at, paid_on, input.now, today, last_day);
        prop_assert_eq!(
            decision.note_codes().contains(&NoteCode::ManualRefund),
            month_changed || deadline_passed
        );
        let month_end = NaiveDate::from_ymd_opt(paid_on.year(), paid_on.month(), 1)
            .and_then(|first| first.checked_add_months(Months::new(1)))
            .and_then(|next| next.pred_opt())
            .expect("in range");
        let shown = decision.deadline().map(|d| d.last_refundable_day);
        prop_assert_eq!(shown, Some(last_day.min(month_end)));
    }
}

/// The contract's example: paid 2026-01-31 23:30 in Korea, asked 40 minutes later, when it is
/// February in Seoul but still January in UTC.
#[test]
fn the_month_changes_in_korea_before_it_does_in_utc() {
    let parse = |t: &str| refund_policy::model::parse_instant(t).unwrap();
    let engine = &reference_engines()[SPANS.len() - 1];
    let payment = refund_policy::model::Payment::paid(
        Provider::PortoneV2,
        Method::Card,
        rust_decimal::Decimal::from(10_000),
        parse("2026-01-31T23:30:00+09:00"),
    );
    let decision = engine.decide(
        &payment,
        &Default::default(),
        &Default::default(),
        parse("2026-01-31T15:10:00Z"),
    );
    assert_eq!(decision.reason_codes(), [ReasonCode::MonthChanged]);
}
