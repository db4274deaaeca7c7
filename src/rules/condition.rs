//! Conditions on the payment and the request that rules carry (`when`, `refused_when`): how
//! they are checked at load, whether one holds for a payment and what made it hold, and how
//! they read in review.

use crate::decision::{Circumstance, Circumstances};
use crate::engine::Context;
use crate::model::{CardType, EscrowStatus, Funding, GiftCertificateType};
use crate::policy::document::ConditionDoc;
use crate::policy::{Anchor, Checker, PgSet, ProblemKind, Segment, key};

/// A compiled condition; absent parts impose nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Condition {
    pub(crate) pg: Option<PgSet>,
    pub(crate) unless_pg: Option<PgSet>,
    pub(crate) card_type: Option<Vec<CardType>>,
    pub(crate) foreign_card: Option<bool>,
    pub(crate) card_points: Option<bool>,
    pub(crate) escrow: Option<bool>,
    pub(crate) escrow_status: Option<Vec<EscrowStatus>>,
    pub(crate) gift_certificate_type: Option<Vec<GiftCertificateType>>,
    pub(crate) partial_cancelable: Option<bool>,
    pub(crate) funding: Option<Vec<Funding>>,
    pub(crate) partial: Option<bool>,
    pub(crate) same_day_full_cancel: Option<bool>,
}

/// Checks and compiles the condition at `path`.
pub(crate) fn compile(
    path: &[Segment],
    doc: &ConditionDoc,
    checker: &mut Checker<'_>,
) -> Condition {
    let ConditionDoc {
        pg,
        unless_pg,
        card_type,
        foreign_card,
        card_points,
        escrow,
        escrow_status,
        gift_certificate_type,
        partial_cancelable,
        funding,
        partial,
        same_day_full_cancel,
    } = doc;
    for (field, empty) in [
        ("card_type", card_type.as_ref().is_some_and(Vec::is_empty)),
        ("funding", funding.as_ref().is_some_and(Vec::is_empty)),
        (
            "escrow_status",
            escrow_status.as_ref().is_some_and(Vec::is_empty),
        ),
        (
            "gift_certificate_type",
            gift_certificate_type.as_ref().is_some_and(Vec::is_empty),
        ),
    ] {
        if empty {
            checker.report(
                &key(path, field),
                Anchor::Value,
                ProblemKind::EmptyList {
                    field: field.to_owned(),
                },
            );
        }
    }
    Condition {
        pg: pg
            .as_ref()
            .map(|names| checker.pg_set(&key(path, "pg"), names)),
        unless_pg: unless_pg
            .as_ref()
            .map(|names| checker.pg_set(&key(path, "unless_pg"), names)),
        card_type: card_type.clone(),
        foreign_card: *foreign_card,
        card_points: *card_points,
        escrow: *escrow,
        escrow_status: escrow_status.clone(),
        gift_certificate_type: gift_certificate_type.clone(),
        partial_cancelable: *partial_cancelable,
        funding: funding.clone(),
        partial: *partial,
        same_day_full_cancel: *same_day_full_cancel,
    }
}

/// The circumstances that make `condition` hold, for one that [`matches()`]: asked apart, in a
/// reason's details, so that only a decision that reports them records them. An empty
/// condition always holds, and then the circumstance is the payment method itself.
pub(crate) fn because(condition: &Condition, cx: &Context<'_>) -> Circumstances {
    let mut why = Circumstances::default();
    test(condition, cx, &mut why);
    if why.is_empty() {
        why.push(Circumstance::Method(cx.payment.method));
    }
    why
}

/// Whether `condition` holds, for checks that do not report why: nothing is recorded, so
/// nothing is allocated, and the test compiles to the comparisons alone.
pub(crate) fn matches(condition: &Condition, cx: &Context<'_>) -> bool {
    test(condition, cx, &mut Discard)
}

/// Whether an optional condition holds; no condition always holds.
pub(crate) fn applies_to(condition: Option<&Condition>, cx: &Context<'_>) -> bool {
    condition.is_none_or(|condition| matches(condition, cx))
}

/// Where [`test`](fn@test) writes the circumstances that make a condition hold: a list, or nowhere.
trait Why {
    fn push(&mut self, circumstance: Circumstance);
    /// For circumstances that copy the payment's text: built only when recorded.
    fn push_with(&mut self, circumstance: impl FnOnce() -> Circumstance);
}

impl Why for Circumstances {
    fn push(&mut self, circumstance: Circumstance) {
        Circumstances::push(self, circumstance);
    }

    fn push_with(&mut self, circumstance: impl FnOnce() -> Circumstance) {
        Circumstances::push(self, circumstance());
    }
}

/// Records nothing.
struct Discard;

impl Why for Discard {
    fn push(&mut self, _: Circumstance) {}

    fn push_with(&mut self, _: impl FnOnce() -> Circumstance) {}
}

/// Whether `condition` holds; what made it hold goes to `why`.
fn test(condition: &Condition, cx: &Context<'_>, why: &mut impl Why) -> bool {
    test_parts(condition, cx, why).is_some()
}

fn test_parts(condition: &Condition, cx: &Context<'_>, why: &mut impl Why) -> Option<()> {
    let payment = cx.payment;
    let card = payment.card.as_ref();
    let funding = payment.easy_pay.as_ref().and_then(|e| e.funding);

    if let Some(set) = &condition.pg {
        if !set.contains(cx.pg) {
            return None;
        }
        why.push_with(|| Circumstance::Pg(cx.pg_as_written().unwrap_or_else(|| "".into())));
    }
    if let Some(set) = &condition.unless_pg {
        if set.contains(cx.pg) {
            return None;
        }
        why.push_with(|| Circumstance::PgNotListed(cx.pg_as_written()));
    }
    if let Some(types) = &condition.card_type {
        let card_type = card
            .and_then(|c| c.card_type)
            .filter(|t| types.contains(t))?;
        why.push(Circumstance::CardType(card_type));
    }
    if let Some(wanted) = condition.foreign_card {
        if card.is_some_and(|c| c.foreign) != wanted {
            return None;
        }
        if wanted {
            why.push(Circumstance::ForeignCard);
        }
    }
    if let Some(wanted) = condition.card_points {
        if card.is_some_and(|c| c.point_used) != wanted {
            return None;
        }
        if wanted {
            why.push(Circumstance::CardPoints);
        }
    }
    if let Some(wanted) = condition.escrow {
        let before_confirmation = payment.escrow_state() == Some(EscrowStatus::BeforeConfirmation);
        if before_confirmation != wanted {
            return None;
        }
        why.push(Circumstance::Escrow(wanted));
    }
    if let Some(states) = &condition.escrow_status {
        let state = payment.escrow_state().filter(|s| states.contains(s))?;
        why.push(Circumstance::EscrowStatus(state));
    }
    if let Some(types) = &condition.gift_certificate_type {
        let kind = payment
            .gift_certificate
            .as_ref()
            .and_then(|g| g.certificate_type)
            .filter(|t| types.contains(t))?;
        why.push(Circumstance::GiftCertificateType(kind));
    }
    if let Some(wanted) = condition.partial_cancelable {
        if payment.partial_cancelable != Some(wanted) {
            return None;
        }
        why.push(Circumstance::PartialCancelable(wanted));
    }
    if let Some(list) = &condition.funding {
        let funding = funding.filter(|f| list.contains(f))?;
        why.push(Circumstance::Funding(funding));
    }
    if let Some(wanted) = condition.partial {
        if cx.partial != wanted {
            return None;
        }
        why.push(Circumstance::Partial(wanted));
    }
    if let Some(wanted) = condition.same_day_full_cancel {
        if cx.same_day_full_cancel() != wanted {
            return None;
        }
        why.push(Circumstance::SameDayFullCancel(wanted));
    }
    Some(())
}

/// What makes an optional condition that [`applies_to`] the payment hold: for no condition,
/// the payment method itself.
pub(crate) fn because_of(condition: Option<&Condition>, cx: &Context<'_>) -> Circumstances {
    match condition {
        Some(condition) => because(condition, cx),
        None => Circumstance::Method(cx.payment.method).into(),
    }
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

/// The condition in words, for review (`pg in [ksnet] and escrow`).
pub(crate) fn describe(c: &Condition) -> String {
    let mut parts = Vec::new();
    if let Some(set) = &c.pg {
        parts.push(format!("pg in [{}]", list(set.names())));
    }
    if let Some(set) = &c.unless_pg {
        parts.push(format!("pg not in [{}]", list(set.names())));
    }
    if let Some(types) = &c.card_type {
        let names: Vec<String> = types.iter().map(ToString::to_string).collect();
        parts.push(format!("card type {}", names.join(" or ")));
    }
    let flag = |value: Option<bool>, yes: &str, no: &str| {
        value.map(|v| if v { yes } else { no }.to_owned())
    };
    parts.extend(flag(c.foreign_card, "foreign card", "domestic card"));
    parts.extend(flag(c.card_points, "card points used", "no card points"));
    parts.extend(flag(c.escrow, "escrow", "not escrow"));
    if let Some(states) = &c.escrow_status {
        let names: Vec<String> = states.iter().map(ToString::to_string).collect();
        parts.push(format!("escrow {}", names.join(" or ")));
    }
    if let Some(types) = &c.gift_certificate_type {
        let names: Vec<String> = types.iter().map(ToString::to_string).collect();
        parts.push(format!("gift certificate {}", names.join(" or ")));
    }
    parts.extend(flag(
        c.partial_cancelable,
        "partial_cancelable true",
        "partial_cancelable false",
    ));
    if let Some(funding) = &c.funding {
        let names: Vec<String> = funding.iter().map(ToString::to_string).collect();
        parts.push(format!("funding {}", names.join(" or ")));
    }
    parts.extend(flag(c.partial, "partial refund", "full refund"));
    parts.extend(flag(
        c.same_day_full_cancel,
        "same-day full cancel",
        "not a same-day full cancel",
    ));
    if parts.is_empty() {
        "always".to_owned()
    } else {
        parts.join(" and ")
    }
}

/// ` when …` for an optional condition, nothing without one.
pub(crate) fn when(c: Option<&Condition>) -> String {
    c.map(|c| format!(" when {}", describe(c)))
        .unwrap_or_default()
}

/// Compiles an optional `when` at `path.when`.
pub(crate) fn compile_when(
    path: &[Segment],
    doc: Option<&ConditionDoc>,
    checker: &mut Checker<'_>,
) -> Option<Condition> {
    doc.map(|w| compile(&key(path, "when"), w, checker))
}
