//! `cancel_hours`: the PG refuses cancels during a daily window, in the policy's time zone
//! (`OUTSIDE_CANCEL_HOURS`).

use super::Rule;
use crate::calendar::ClosedHours;
use crate::engine::{Context, Findings, reason};
use crate::options::sink::OptionsSink;
use crate::policy::{Checker, RuleMeta, Site};

rule_doc! {
    /// `cancel_hours`: the PG refuses cancels during a daily window (`OUTSIDE_CANCEL_HOURS`).
    pub struct CancelHoursDoc {
        /// The window, local time (`23:00-06:00`).
        pub closed: ClosedHours,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CancelHours {
    pub(crate) meta: RuleMeta,
    pub(crate) closed: ClosedHours,
}

pub(crate) fn compile(
    doc: &CancelHoursDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<CancelHours> {
    let meta = checker.meta(site, doc);
    Some(CancelHours {
        meta,
        closed: doc.closed,
    })
}

impl Rule for CancelHours {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut impl Findings) {
        if self.closed.contains(cx.local_time) {
            out.reason(
                &self.meta,
                reason!(OutsideCancelHours {
                    local_time: cx.local_time,
                    closed: self.closed,
                    time_zone: cx.zone.name(),
                }),
            );
        }
    }

    /// The time of day alone decides: inside the window every request is refused.
    fn constrain(&self, cx: &Context<'_>, out: &mut OptionsSink<'_>) {
        self.check(cx, out.sink());
    }

    fn describe(&self) -> String {
        format!("no cancels {} local time", self.closed)
    }
}

#[cfg(test)]
mod tests {
    //! A kind end to end: its policy-file form loads, decides, and reads in review.

    use crate::model::{Method, Payment, Provider, RefundRequest, parse_instant};
    use crate::{Engine, PolicySource};
    use rust_decimal::Decimal;

    const POLICY: &str = "policy: mine\nprovider: portone_v1\ntime_zone: Asia/Seoul\n\
        sources: { guide: { title: the PG's guide } }\n\
        provider_errors: {}\n\
        methods:\n  card:\n    cancel_hours: { closed: \"23:00-06:00\", source: guide }\n";

    #[test]
    fn a_window_loads_refuses_inside_it_and_reads_in_review() {
        let source = PolicySource::new("mine.yaml", POLICY);
        // The provider-error table must cover every reason; the problems say so and nothing
        // else, so the kind itself loaded cleanly.
        let error = match Engine::from_sources(&[source]) {
            Err(error) => error,
            Ok(_) => panic!("an empty provider-error table loads"),
        };
        assert!(
            error
                .problems()
                .iter()
                .all(|p| p.message.starts_with("in `provider_errors`")),
            "{error}"
        );

        let full = POLICY.replace("provider_errors: {}\n", &all_errors());
        let engine = match Engine::from_sources(&[PolicySource::new("mine.yaml", &full)]) {
            Ok(engine) => engine,
            Err(error) => panic!("{error}"),
        };
        let paid_at = parse_instant("2026-03-02T10:00:00+09:00").ok();
        let payment = Payment::paid(
            Provider::PortoneV1,
            Method::Card,
            Decimal::from(1000),
            paid_at.unwrap_or_default(),
        );
        let decide = |at: &str| {
            let now = parse_instant(at).unwrap_or_default();
            engine.decide(
                &payment,
                &RefundRequest::default(),
                &Default::default(),
                now,
            )
        };
        let night = decide("2026-03-02T23:30:00+09:00");
        assert_eq!(night.reason_codes()[0].as_str(), "OUTSIDE_CANCEL_HOURS");
        assert_eq!(
            night.reasons()[0].rule().as_str(),
            "mine › card › cancel_hours"
        );
        assert!(decide("2026-03-03T06:00:00+09:00").is_allowed());

        let review = engine.policies().effective_rules(Provider::PortoneV1);
        let card = review.iter().find(|r| r.method == Method::Card);
        let says: Vec<&str> = card
            .map(|r| r.rules.iter().map(|l| l.says.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(says, ["no cancels 23:00-06:00 local time"]);
    }

    /// A provider-error table with `none` for every reason.
    fn all_errors() -> String {
        let mut text = "provider_errors:\n".to_owned();
        for code in crate::decision::ReasonCode::ALL {
            text.push_str(&format!(
                "  {code}: {{ none: not documented, source: guide }}\n"
            ));
        }
        text
    }
}
