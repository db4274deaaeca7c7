//! Notes on a refund the provider makes: what it costs, how long it takes, how it is confirmed.

use super::condition::applies;
use super::facts::Facts;
use super::findings::Findings;
use crate::decision::{NoteCode, NoteDetails};
use crate::policy::RuleSet;

pub(crate) fn check(rules: &RuleSet, facts: &Facts<'_>, out: &mut Findings<'_>) {
    // When the provider cannot refund at all, its fee and timing describe nothing that happens.
    if out.has_note(NoteCode::ManualRefund) {
        return;
    }
    if let Some(fee) = &rules.fee {
        out.note(
            &fee.meta.id,
            NoteDetails::RefundFee {
                amount: fee.amount,
                currency: fee.currency,
            },
        );
    }
    if let Some(processing) = &rules.processing
        && applies(processing.when.as_ref(), facts).is_some()
    {
        out.note(
            &processing.meta.id,
            NoteDetails::processing_delay(processing.days),
        );
    }
    if let Some(rule) = &rules.async_cancellation {
        out.note(&rule.meta.id, NoteDetails::AsyncCancellation {});
    }
}
