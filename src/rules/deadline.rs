//! `deadline`: refundable through the local date of payment plus a span, in the policy's time
//! zone (`DEADLINE_PASSED`, `PAID_AT_MISSING`, the `FUNDING_ASSUMED` and `MANUAL_REFUND` notes).

use super::Rule;
use crate::calendar::Span;
use crate::decision::{
    DeadlineKind, DeadlineSummary, FundingSpan, NoteDetails, ReasonCode, ReasonDetails, TimeRule,
};
use crate::engine::{Context, Sink};
use crate::model::Funding;
use crate::options::sink::OptionsSink;
use crate::policy::document::keyed_by;
use crate::policy::{Anchor, Checker, ProblemKind, RuleMeta, Site};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::Arc;

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
    /// Spans by funding, in `Funding` order; shared with every `FUNDING_ASSUMED` note, which
    /// lists them.
    ByFunding(Arc<[FundingSpan]>),
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
            DeadlineSpan::ByFunding(spans.collect())
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

/// The span that applies, and the funding assumption made to pick it, if any.
struct Applied<'r> {
    span: Span,
    assumed: Option<&'r Arc<[FundingSpan]>>,
}

fn applied_span(
    span: &DeadlineSpan,
    funding: Option<Funding>,
    paid_on: NaiveDate,
) -> Option<Applied<'_>> {
    match span {
        DeadlineSpan::Fixed(span) => Some(Applied {
            span: *span,
            assumed: None,
        }),
        DeadlineSpan::ByFunding(spans) => {
            if let Some(span) = funding.and_then(|f| spans.iter().find(|s| s.funding == f)) {
                return Some(Applied {
                    span: span.within,
                    assumed: None,
                });
            }
            // Unknown (or unlisted) funding: the strictest span, the one ending first.
            let strictest = spans
                .iter()
                .filter_map(|s| s.within.last_day_from(paid_on).map(|day| (day, s.within)))
                .min_by_key(|(day, _)| *day)?;
            Some(Applied {
                span: strictest.1,
                assumed: Some(spans),
            })
        }
    }
}

impl Rule for Deadline {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some(paid_on) = cx.paid_on else {
            out.reason(
                &self.meta,
                ReasonDetails::PaidAtMissing {
                    needed_by: TimeRule::Deadline,
                },
            );
            return;
        };
        let funding = cx.payment.easy_pay.as_ref().and_then(|e| e.funding);
        let Some(applied) = applied_span(&self.span, funding, paid_on) else {
            return;
        };
        if let Some(spans) = applied.assumed {
            out.note(
                &self.meta.id,
                NoteDetails::FundingAssumed {
                    funding,
                    applied: applied.span,
                    spans: Arc::clone(spans),
                },
            );
        }
        // Past the end of the calendar there is no last day: the deadline never passes.
        let Some(last_day) = applied.span.last_day_from(paid_on) else {
            return;
        };
        out.last_refundable_day(DeadlineSummary {
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
                ReasonDetails::DeadlinePassed {
                    paid_on,
                    last_refundable_day: last_day,
                    today: cx.today,
                    within: applied.span,
                    time_zone: cx.zone.name(),
                },
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
            DeadlineSpan::ByFunding(spans) => {
                let spans: Vec<String> = spans
                    .iter()
                    .map(|s| format!("{} for {}", s.within, s.funding))
                    .collect();
                format!("within {}; other funding: the strictest", spans.join(", "))
            }
        }
    }
}
