//! Rules about the request's own fields: the cancel reason, the cancel id, the requester.

use super::facts::Facts;
use super::findings::Findings;
use crate::decision::{ReasonDetails, RequestField};
use crate::policy::RuleSet;

fn chars(text: &str) -> usize {
    text.chars().count()
}

pub(crate) fn check(rules: &RuleSet, facts: &Facts<'_>, out: &mut Findings<'_>) {
    let request = facts.request;
    if let Some(rule) = &rules.reason {
        let reason = request.reason.as_deref().filter(|r| !r.trim().is_empty());
        match reason {
            None if rule.required => out.reason(&rule.meta, ReasonDetails::ReasonRequired {}),
            _ => {}
        }
        if let (Some(text), Some(max)) = (request.reason.as_deref(), rule.max_chars)
            && usize::try_from(max).is_ok_and(|max| chars(text) > max)
        {
            out.reason(
                &rule.meta,
                ReasonDetails::FieldTooLong {
                    field: RequestField::Reason,
                    chars: chars(text),
                    max,
                },
            );
        }
    }
    if let Some(rule) = &rules.cancel_id
        && let Some(cancel_id) = request.cancel_id.as_deref()
        && usize::try_from(rule.max_chars).is_ok_and(|max| chars(cancel_id) > max)
    {
        out.reason(
            &rule.meta,
            ReasonDetails::FieldTooLong {
                field: RequestField::CancelId,
                chars: chars(cancel_id),
                max: rule.max_chars,
            },
        );
    }
    if let Some(rule) = &rules.requester
        && rule.required
        && request.requester.is_none()
    {
        out.reason(&rule.meta, ReasonDetails::RequesterRequired {});
    }
}
