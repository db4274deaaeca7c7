//! `refund_account`: a refund account with bank, number and holder name (and phone, where the
//! PG wants it) is required (`REFUND_ACCOUNT_REQUIRED`, `REFUND_ACCOUNT_INVALID`). The
//! account's problems are found once per decision (see the engine's account facts), with the
//! limits of `refund_account_format` and the PG's bank-code table; each rule reports its own.

use super::Rule;
use crate::engine::{Context, Findings, reason};
use crate::options::sink::OptionsSink;
use crate::policy::document::is_false;
use crate::policy::{Checker, RuleMeta, Site};

rule_doc! {
    /// `refund_account`: a refund account with bank, number and holder name is required
    /// (`REFUND_ACCOUNT_REQUIRED`, `REFUND_ACCOUNT_INVALID`).
    pub struct RefundAccountDoc {
        /// The holder's phone is required too.
        #[serde(default, skip_serializing_if = "is_false")]
        pub holder_phone_required: bool,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RefundAccountRule {
    pub(crate) meta: RuleMeta,
    pub(crate) holder_phone_required: bool,
}

pub(crate) fn compile(
    doc: &RefundAccountDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<RefundAccountRule> {
    let meta = checker.meta(site, doc);
    Some(RefundAccountRule {
        meta,
        holder_phone_required: doc.holder_phone_required,
    })
}

impl Rule for RefundAccountRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut impl Findings) {
        let Some(account) = &cx.account else {
            out.reason(&self.meta, reason!(RefundAccountRequired {}));
            return;
        };
        if account.incomplete() {
            out.reason(
                &self.meta,
                reason!(RefundAccountInvalid {
                    problems: account.missing(),
                }),
            );
        }
        if let Some(format) = account.format {
            out.reason(
                &format.meta,
                reason!(RefundAccountInvalid {
                    problems: account.format_problems(),
                }),
            );
        }
        match &account.bank {
            Ok(_) => out.refund_to_account(),
            Err(refusal) => out.reason(
                refusal.rule,
                reason!(RefundAccountInvalid {
                    problems: vec![refusal.problem(cx.pg_as_written())],
                }),
            ),
        }
    }

    /// Every refund needs an account: its fields, and a bank the PG has a code for.
    fn constrain(&self, cx: &Context<'_>, out: &mut OptionsSink<'_>) {
        out.refund_account(cx, &self.meta.id, self.holder_phone_required);
    }

    fn describe(&self) -> String {
        let phone = if self.holder_phone_required {
            ", holder phone"
        } else {
            ""
        };
        format!("account required: bank, number, holder name{phone}")
    }
}
