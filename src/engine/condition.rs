//! Whether a rule's condition holds for a payment, and what made it hold.

use super::facts::Facts;
use crate::decision::Circumstance;
use crate::policy::Condition;

/// The circumstances that make `condition` hold, or `None` when it does not. An empty
/// condition always holds, and then the circumstance is the payment method itself.
pub(crate) fn holds(condition: &Condition, facts: &Facts<'_>) -> Option<Vec<Circumstance>> {
    let payment = facts.payment;
    let card = payment.card.as_ref();
    let funding = payment.easy_pay.as_ref().and_then(|e| e.funding);
    let mut why = Vec::new();

    if let Some(set) = &condition.pg {
        if !set.contains(facts.pg) {
            return None;
        }
        why.push(Circumstance::Pg(payment.pg.clone().unwrap_or_default()));
    }
    if let Some(set) = &condition.unless_pg {
        if set.contains(facts.pg) {
            return None;
        }
        why.push(Circumstance::PgNotListed(payment.pg.clone()));
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
        if payment.escrow != wanted {
            return None;
        }
        why.push(Circumstance::Escrow(wanted));
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
        if facts.partial != wanted {
            return None;
        }
        why.push(Circumstance::Partial(wanted));
    }
    if let Some(wanted) = condition.same_day_full_cancel {
        if facts.same_day_full_cancel() != wanted {
            return None;
        }
        why.push(Circumstance::SameDayFullCancel(wanted));
    }
    if why.is_empty() {
        why.push(Circumstance::Method(payment.method));
    }
    Some(why)
}

/// Whether an optional condition holds; no condition always holds.
pub(crate) fn applies(
    condition: Option<&Condition>,
    facts: &Facts<'_>,
) -> Option<Vec<Circumstance>> {
    match condition {
        Some(condition) => holds(condition, facts),
        None => Some(vec![Circumstance::Method(facts.payment.method)]),
    }
}
