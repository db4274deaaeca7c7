//! `same_month`: refundable only in the local calendar month of payment (`MONTH_CHANGED`,
//! `PAID_AT_MISSING`); a PG's next-month refund to a bank account lifts it when the merchant
//! has its contract and a valid refund account is given.

use super::Rule;
use crate::calendar::YearMonth;
use crate::decision::{
    ContractName, DeadlineKind, DeadlineSummary, NextMonthRefund as NextMonthDetails, ReasonCode,
    TimeRule,
};
use crate::engine::{Context, Findings, reason};
use crate::options::AfterDeadline;
use crate::options::sink::OptionsSink;
use crate::policy::{Checker, PgSet, RuleMeta, Site, key};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

rule_doc! {
    /// `same_month`: refundable only in the local calendar month of payment (`MONTH_CHANGED`).
    pub struct SameMonthDoc {
        /// PGs that refund a later month to a bank account under a contract.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub next_month_refund: Option<NextMonthRefundDoc>,
    }
}

/// A next-month refund to a bank account (휴대폰 익월 환불).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NextMonthRefundDoc {
    /// The PGs that offer it.
    pub pgs: Vec<String>,
    /// The contract it needs.
    pub contract: String,
    /// Where it is described.
    pub source: String,
    /// A note for reviewers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NextMonthRefund {
    pub(crate) pgs: PgSet,
    pub(crate) contract: ContractName,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SameMonth {
    pub(crate) meta: RuleMeta,
    pub(crate) next_month: Option<NextMonthRefund>,
}

pub(crate) fn compile(
    doc: &SameMonthDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<SameMonth> {
    let meta = checker.meta(site, doc);
    let next_month = match &doc.next_month_refund {
        Some(next) => {
            let path = key(&site.path, "next_month_refund");
            checker.source(&key(&path, "source"), &next.source);
            let pgs = checker.pg_set(&key(&path, "pgs"), &next.pgs);
            checker
                .contract(&key(&path, "contract"), &next.contract)
                .map(|contract| NextMonthRefund { pgs, contract })
        }
        None => None,
    };
    Some(SameMonth { meta, next_month })
}

impl SameMonth {
    /// Offers the end of the month of payment as the last refundable day.
    fn month_end(&self, paid_on: NaiveDate, cx: &Context<'_>, out: &mut impl Findings) {
        if let Some(last_day) = YearMonth::of(paid_on).last_day() {
            out.last_refundable_day(|| DeadlineSummary {
                rule: self.meta.id.clone(),
                kind: DeadlineKind::SameMonth,
                paid_on,
                last_refundable_day: last_day,
                within: None,
                time_zone: cx.zone.name(),
            });
        }
    }
}

impl SameMonth {
    /// Whether today is in a later month than the payment.
    fn month_changed(&self, cx: &Context<'_>) -> bool {
        cx.paid_on
            .is_some_and(|paid_on| YearMonth::of(paid_on) != YearMonth::of(cx.today))
    }
}

impl Rule for SameMonth {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut impl Findings) {
        let Some(paid_on) = cx.paid_on else {
            out.reason(
                &self.meta,
                reason!(PaidAtMissing {
                    needed_by: TimeRule::SameMonth,
                }),
            );
            return;
        };
        let paid_month = YearMonth::of(paid_on);
        let current_month = YearMonth::of(cx.today);
        if paid_month == current_month {
            self.month_end(paid_on, cx, out);
            return;
        }
        let next_month = self
            .next_month
            .as_ref()
            .filter(|next| next.pgs.contains(cx.pg));
        let contract_signed =
            next_month.is_some_and(|next| cx.merchant.has_contract(&next.contract.id));
        if contract_signed && cx.account.is_some_and(|account| account.valid()) {
            // Refunded to a bank account: the month no longer limits it.
            out.refund_to_account();
            return;
        }
        self.month_end(paid_on, cx, out);
        out.reason(
            &self.meta,
            reason!(MonthChanged {
                paid_month,
                current_month,
                time_zone: cx.zone.name(),
                next_month_refund: next_month.map(|next| NextMonthDetails {
                    pg: cx.pg_as_written().unwrap_or_else(|| "".into()),
                    contract: next.contract.clone(),
                    contract_signed,
                    refund_account_given: cx.account.is_some(),
                    refund_account_problems: cx
                        .account
                        .map(|account| account.problems(|| cx.pg_as_written()))
                        .unwrap_or_default(),
                }),
            }),
        );
        // With the contract signed, the provider can still refund once the account is given.
        if !contract_signed {
            out.manual_refund(&self.meta.id, ReasonCode::MonthChanged);
        }
    }

    /// In the month of payment, its last day. After it, a next-month refund the merchant has
    /// the contract for needs a refund account; otherwise every request is refused.
    fn constrain(&self, cx: &Context<'_>, out: &mut OptionsSink<'_>) {
        let next_month = self
            .next_month
            .as_ref()
            .filter(|next| next.pgs.contains(cx.pg));
        let Some(next) = next_month else {
            self.check(cx, out.sink());
            return;
        };
        if !cx.merchant.has_contract(&next.contract.id) {
            if self.month_changed(cx) {
                out.contract(&self.meta.id, &next.contract);
            }
            self.check(cx, out.sink());
            return;
        }
        out.after_deadline(
            &self.meta.id,
            AfterDeadline::RefundToAccount {
                contract: next.contract.clone(),
            },
        );
        let (Some(paid_on), true) = (cx.paid_on, self.month_changed(cx)) else {
            self.check(cx, out.sink());
            return;
        };
        // A later month: refundable to a bank account, which the request must then give.
        self.month_end(paid_on, cx, out.sink());
        let phone = cx
            .rules
            .and_then(|r| r.refund_account.as_ref())
            .is_some_and(|r| r.holder_phone_required);
        out.refund_account(cx, &self.meta.id, phone);
    }

    fn describe(&self) -> String {
        let mut says = "in the month of payment".to_owned();
        if let Some(next) = &self.next_month {
            says.push_str(&format!(
                "; later to a bank account at [{}] with `{}`",
                next.pgs.names().join(", "),
                next.contract.id
            ));
        }
        says
    }
}
