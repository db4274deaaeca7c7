//! `deadline`: refundable through the local date of payment plus a span, in the policy's time
//! zone (`DEADLINE_PASSED`, `PAID_AT_MISSING`, the `FUNDING_ASSUMED` and `MANUAL_REFUND` notes).

use super::Rule;
use crate::calendar::{Span, SpanUnit};
use crate::decision::{
    DeadlineKind, DeadlineSummary, FundingSpan, FundingSpans, NoteDetails, ReasonCode, TimeRule,
};
use crate::engine::{Context, Findings, reason};
use crate::model::Funding;
use crate::options::sink::OptionsSink;
use crate::policy::document::keyed_by;
use crate::policy::{Anchor, Checker, ProblemKind, RuleMeta, Site};
use chrono::NaiveDate;
use std::collections::BTreeMap;

rule_doc! {
    /// `deadline`: refundable until the payment day plus a span (`DEADLINE_PASSED`).
    pub struct DeadlineDoc {
        /// One span for every payment.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub within: Option<Span>,
        /// Spans by easy-pay funding; unknown or unlisted funding gets the strictest.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        #[schemars(schema_with = "keyed_by::<Funding, Span>")]
        pub by_funding: BTreeMap<Funding, Span>,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DeadlineSpan {
    Fixed(Span),
    ByFunding {
        /// In `Funding` order; shared with every `FUNDING_ASSUMED` note, which lists them.
        spans: FundingSpans,
        /// The span that ends first whatever the payment day, found at load when all the spans
        /// count days, or all count months and years; `None` when it depends on the day.
        strictest: Option<Span>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Deadline {
    pub(crate) meta: RuleMeta,
    pub(crate) span: DeadlineSpan,
}

pub(crate) fn compile(
    doc: &DeadlineDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<Deadline> {
    let meta = checker.meta(site, doc);
    let span = match (&doc.within, doc.by_funding.is_empty()) {
        (Some(span), true) => DeadlineSpan::Fixed(*span),
        (None, false) => {
            let spans = doc.by_funding.iter().map(|(funding, within)| FundingSpan {
                funding: *funding,
                within: *within,
            });
            let spans = FundingSpans::new(&spans.collect::<Vec<_>>());
            DeadlineSpan::ByFunding {
                strictest: strictest_always(&spans),
                spans,
            }
        }
        (Some(_), false) => {
            checker.report(&site.path, Anchor::Key, ProblemKind::DeadlineWithBothSpans);
            return None;
        }
        (None, true) => {
            checker.report_missing(&site.path, ProblemKind::DeadlineWithoutSpan);
            return None;
        }
    };
    Some(Deadline { meta, span })
}

/// The span that ends first for every payment day, when one does: spans in one unit end in
/// the order of their counts (months, and years as twelve months, never end on the same day
/// for different counts; nor do days). Of equal counts, the first, as a search by day picks.
fn strictest_always(spans: &[FundingSpan]) -> Option<Span> {
    let in_days = |span: Span| (span.unit() == SpanUnit::Days).then_some(span.count());
    let in_months = |span: Span| match span.unit() {
        SpanUnit::Days => None,
        SpanUnit::Months => Some(span.count()),
        SpanUnit::Years => span.count().checked_mul(12),
    };
    [in_days, in_months].into_iter().find_map(|count| {
        let counted: Option<Vec<(u32, Span)>> = spans
            .iter()
            .map(|s| count(s.within).map(|n| (n, s.within)))
            .collect();
        counted?
            .into_iter()
            .min_by_key(|(n, _)| *n)
            .map(|(_, span)| span)
    })
}

/// The span that applies, its last day, and the funding assumption made to pick it, if any.
struct Applied<'r> {
    span: Span,
    /// `None` past the end of the calendar.
    last_day: Option<NaiveDate>,
    assumed: Option<&'r FundingSpans>,
}

#[inline(always)]
fn applied_span(
    span: &DeadlineSpan,
    funding: Option<Funding>,
    paid_on: NaiveDate,
) -> Option<Applied<'_>> {
    let unassumed = |span: Span| Applied {
        span,
        last_day: span.last_day_from(paid_on),
        assumed: None,
    };
    match span {
        DeadlineSpan::Fixed(span) => Some(unassumed(*span)),
        DeadlineSpan::ByFunding { spans, strictest } => {
            if let Some(span) = funding.and_then(|f| spans.iter().find(|s| s.funding == f)) {
                return Some(unassumed(span.within));
            }
            // Unknown (or unlisted) funding: the strictest span, the one ending first.
            let (last_day, span) = match strictest {
                Some(span) => (span.last_day_from(paid_on)?, *span),
                None => spans
                    .iter()
                    .filter_map(|s| s.within.last_day_from(paid_on).map(|day| (day, s.within)))
                    .min_by_key(|(day, _)| *day)?,
            };
            Some(Applied {
                span,
                last_day: Some(last_day),
                assumed: Some(spans),
            })
        }
    }
}

impl Rule for Deadline {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut impl Findings) {
        let Some(paid_on) = cx.paid_on else {
            out.reason(
                &self.meta,
                reason!(PaidAtMissing {
                    needed_by: TimeRule::Deadline,
                }),
            );
            return;
        };
        let funding = cx.payment.easy_pay.as_ref().and_then(|e| e.funding);
        let Some(applied) = applied_span(&self.span, funding, paid_on) else {
            return;
        };
        if let Some(spans) = applied.assumed {
            out.note(&self.meta.id, || NoteDetails::FundingAssumed {
                funding,
                applied: applied.span,
                spans: spans.clone(),
            });
        }
        // Past the end of the calendar there is no last day: the deadline never passes.
        let Some(last_day) = applied.last_day else {
            return;
        };
        out.last_refundable_day(|| DeadlineSummary {
            rule: self.meta.id.clone(),
            kind: DeadlineKind::Within,
            paid_on,
            last_refundable_day: last_day,
            within: Some(applied.span),
            time_zone: cx.zone.name(),
        });
        if cx.today > last_day {
            out.reason(
                &self.meta,
                reason!(DeadlinePassed {
                    paid_on,
                    last_refundable_day: last_day,
                    today: cx.today,
                    within: applied.span,
                    time_zone: cx.zone.name(),
                }),
            );
            out.manual_refund(&self.meta.id, ReasonCode::DeadlinePassed);
        }
    }

    /// Time alone decides: what it finds denies every request.
    fn constrain(&self, cx: &Context<'_>, out: &mut OptionsSink<'_>) {
        self.check(cx, out.sink());
    }

    fn describe(&self) -> String {
        match &self.span {
            DeadlineSpan::Fixed(span) => format!("within {span}"),
            DeadlineSpan::ByFunding { spans, .. } => {
                let spans: Vec<String> = spans
                    .iter()
                    .map(|s| format!("{} for {}", s.within, s.funding))
                    .collect();
                format!("within {}; other funding: the strictest", spans.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FundingSpan, strictest_always};
    use crate::calendar::Span;
    use crate::model::Funding;
    use chrono::NaiveDate;

    fn spans(texts: &[&str]) -> Vec<FundingSpan> {
        let funding = [
            Funding::Card,
            Funding::Money,
            Funding::Transfer,
            Funding::Point,
        ];
        texts
            .iter()
            .zip(funding)
            .map(|(text, funding)| FundingSpan {
                funding,
                within: text
                    .parse()
                    .unwrap_or_else(|_| panic!("`{text}` is a span")),
            })
            .collect()
    }

    /// What a search by day finds: the span ending first, the first of those ending together.
    fn by_day(spans: &[FundingSpan], paid_on: NaiveDate) -> Option<(NaiveDate, Span)> {
        spans
            .iter()
            .filter_map(|s| s.within.last_day_from(paid_on).map(|day| (day, s.within)))
            .min_by_key(|(day, _)| *day)
    }

    /// The span found at load ends when the search by day says, and is the span it picks, for
    /// every payment day of four years (leap days and month ends included).
    #[test]
    fn the_strictest_span_found_at_load_is_the_one_a_search_by_day_finds() {
        let sets: [&[&str]; 5] = [
            &["1 year", "5 years"],
            &["60 months", "1 year", "12 months"],
            &["12 months", "1 year"],
            &["180 days", "30 days", "1095 days"],
            &["1 month", "2 months", "3 months"],
        ];
        let first = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default();
        for set in sets {
            let spans = spans(set);
            let Some(strictest) = strictest_always(&spans) else {
                panic!("{set:?} has one unit");
            };
            for paid_on in first.iter_days().take(4 * 366) {
                let found = strictest.last_day_from(paid_on).map(|day| (day, strictest));
                assert_eq!(found, by_day(&spans, paid_on), "{set:?} on {paid_on}");
            }
        }
    }

    /// Days against months depend on the month: no span is the strictest for every day.
    #[test]
    fn days_and_months_are_left_to_the_day() {
        assert_eq!(strictest_always(&spans(&["30 days", "1 month"])), None);
        assert_eq!(strictest_always(&spans(&["365 days", "1 year"])), None);
    }
}
