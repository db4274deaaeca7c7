//! Rules about when a refund is possible: deadlines, same-month rules and daily cancel hours,
//! all in the policy's time zone.

use super::account;
use super::facts::Facts;
use super::findings::Findings;
use crate::calendar::{Span, YearMonth};
use crate::decision::{
    DeadlineKind, DeadlineSummary, FundingSpan, NextMonthRefund, NoteDetails, ReasonCode,
    ReasonDetails, TimeRule,
};
use crate::model::Funding;
use crate::policy::{DeadlineSpan, RuleSet, SameMonth};
use chrono::NaiveDate;

/// The span that applies, and the funding assumption made to pick it, if any.
struct Applied {
    span: Span,
    assumed: Option<Vec<(Funding, Span)>>,
}

fn applied_span(
    span: &DeadlineSpan,
    funding: Option<Funding>,
    paid_on: NaiveDate,
) -> Option<Applied> {
    match span {
        DeadlineSpan::Fixed(span) => Some(Applied {
            span: *span,
            assumed: None,
        }),
        DeadlineSpan::ByFunding(spans) => {
            if let Some(span) = funding.and_then(|f| spans.iter().find(|(g, _)| *g == f)) {
                return Some(Applied {
                    span: span.1,
                    assumed: None,
                });
            }
            // Unknown (or unlisted) funding: the strictest span, the one ending first.
            let strictest = spans
                .iter()
                .filter_map(|(_, span)| span.last_day_from(paid_on).map(|day| (day, *span)))
                .min_by_key(|(day, _)| *day)?;
            Some(Applied {
                span: strictest.1,
                assumed: Some(spans.clone()),
            })
        }
    }
}

/// `DEADLINE_PASSED`, `PAID_AT_MISSING`, and the `FUNDING_ASSUMED` note.
pub(crate) fn deadline(rules: &RuleSet, facts: &Facts<'_>, out: &mut Findings<'_>) {
    let Some(rule) = &rules.deadline else {
        return;
    };
    let Some(paid_on) = facts.paid_on else {
        out.reason(
            &rule.meta,
            ReasonDetails::PaidAtMissing {
                needed_by: TimeRule::Deadline,
            },
        );
        return;
    };
    let funding = facts.payment.easy_pay.as_ref().and_then(|e| e.funding);
    let Some(applied) = applied_span(&rule.span, funding, paid_on) else {
        return;
    };
    if let Some(spans) = &applied.assumed {
        out.note(
            &rule.meta.id,
            NoteDetails::FundingAssumed {
                funding,
                applied: applied.span,
                spans: spans
                    .iter()
                    .map(|(funding, within)| FundingSpan {
                        funding: *funding,
                        within: *within,
                    })
                    .collect(),
            },
        );
    }
    // Past the end of the calendar there is no last day: the deadline never passes.
    let Some(last_day) = applied.span.last_day_from(paid_on) else {
        return;
    };
    out.deadline = Some(DeadlineSummary {
        rule: rule.meta.id.clone(),
        kind: DeadlineKind::Within,
        paid_on,
        last_refundable_day: last_day,
        within: Some(applied.span),
        time_zone: facts.zone.name(),
    });
    if facts.today > last_day {
        out.reason(
            &rule.meta,
            ReasonDetails::DeadlinePassed {
                paid_on,
                last_refundable_day: last_day,
                today: facts.today,
                within: applied.span,
                time_zone: facts.zone.name(),
            },
        );
        out.manual_refund(&rule.meta.id, ReasonCode::DeadlinePassed);
    }
}

/// `MONTH_CHANGED` and `PAID_AT_MISSING`; a PG's next-month refund to a bank account lifts
/// the month rule when the merchant has its contract and a valid refund account is given.
pub(crate) fn same_month(rules: &RuleSet, facts: &Facts<'_>, out: &mut Findings<'_>) {
    let Some(rule) = &rules.same_month else {
        return;
    };
    let Some(paid_on) = facts.paid_on else {
        out.reason(
            &rule.meta,
            ReasonDetails::PaidAtMissing {
                needed_by: TimeRule::SameMonth,
            },
        );
        return;
    };
    let paid_month = YearMonth::of(paid_on);
    let current_month = YearMonth::of(facts.today);
    if paid_month == current_month {
        month_end_deadline(rule, paid_on, facts, out);
        return;
    }
    let next_month = rule
        .next_month
        .as_ref()
        .filter(|next| next.pgs.contains(facts.pg));
    let mut contract_signed = false;
    let details = match next_month {
        None => None,
        Some(next) => {
            contract_signed = facts.merchant.has_contract(&next.contract.id);
            let account = account::for_next_month(rules, facts, out.policy());
            if contract_signed && account.given && account.problems.is_empty() {
                // Refunded to a bank account: the month no longer limits it.
                out.refund_account = account.summary;
                return;
            }
            Some(NextMonthRefund {
                pg: facts.payment.pg.clone().unwrap_or_default(),
                contract: next.contract.clone(),
                contract_signed,
                refund_account_given: account.given,
                refund_account_problems: account.problems,
            })
        }
    };
    month_end_deadline(rule, paid_on, facts, out);
    out.reason(
        &rule.meta,
        ReasonDetails::MonthChanged {
            paid_month,
            current_month,
            time_zone: facts.zone.name(),
            next_month_refund: details,
        },
    );
    // With the contract signed, the provider can still refund once the account is given.
    if !contract_signed {
        out.manual_refund(&rule.meta.id, ReasonCode::MonthChanged);
    }
}

/// Shows the end of the month of payment as the last refundable day, unless a deadline rule
/// already ends earlier.
fn month_end_deadline(
    rule: &SameMonth,
    paid_on: NaiveDate,
    facts: &Facts<'_>,
    out: &mut Findings<'_>,
) {
    let Some(last_day) = YearMonth::of(paid_on).last_day() else {
        return;
    };
    let earlier = out
        .deadline
        .as_ref()
        .is_none_or(|d| last_day < d.last_refundable_day);
    if earlier {
        out.deadline = Some(DeadlineSummary {
            rule: rule.meta.id.clone(),
            kind: DeadlineKind::SameMonth,
            paid_on,
            last_refundable_day: last_day,
            within: None,
            time_zone: facts.zone.name(),
        });
    }
}

/// `OUTSIDE_CANCEL_HOURS`.
pub(crate) fn cancel_hours(rules: &RuleSet, facts: &Facts<'_>, out: &mut Findings<'_>) {
    let Some(rule) = &rules.cancel_hours else {
        return;
    };
    if rule.closed.contains(facts.local_time) {
        out.reason(
            &rule.meta,
            ReasonDetails::OutsideCancelHours {
                local_time: facts.local_time,
                closed: rule.closed,
                time_zone: facts.zone.name(),
            },
        );
    }
}
