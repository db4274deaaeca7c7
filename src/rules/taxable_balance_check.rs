//! `taxable_balance_check`: the provider refuses a partial cancel whose taxable part is more
//! than the taxable balance (`TAXABLE_EXCEEDS_CANCELLABLE`). PortOne V2 reads a request
//! without a tax-free amount as wholly taxable, so a partial refund of a payment that was
//! partly tax-free can run out of taxable balance before it runs out of balance.

use super::Rule;
use crate::engine::{Context, Findings, money, reason};
use crate::options::sink::OptionsSink;
use crate::policy::{Checker, RuleMeta, Site};

rule_doc! {
    /// `taxable_balance_check`: a partial cancel's taxable part, `amount − tax_free_amount`
    /// (0 when absent), must not exceed the taxable balance, `(total − tax_free) − (cancelled −
    /// cancelled_tax_free)` (`TAXABLE_EXCEEDS_CANCELLABLE`).
    pub struct TaxableBalanceCheckDoc {}
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TaxableBalanceCheck {
    pub(crate) meta: RuleMeta,
}

pub(crate) fn compile(
    doc: &TaxableBalanceCheckDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<TaxableBalanceCheck> {
    Some(TaxableBalanceCheck {
        meta: checker.meta(site, doc),
    })
}

impl Rule for TaxableBalanceCheck {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut impl Findings) {
        // An amount rule: skipped when the amounts are not valid amounts (contract §4.1).
        if !cx.valid_partial_refund() {
            return;
        }
        let tax_free = cx.request.tax_free_amount.unwrap_or_default();
        let taxable = money::difference(cx.amount, tax_free);
        let taxable_balance = money::difference(cx.balance, cx.tax_free_balance);
        if money::gt(taxable, taxable_balance) {
            out.reason(
                &self.meta,
                reason!(TaxableExceedsCancellable {
                    taxable,
                    taxable_balance,
                }),
            );
        }
    }

    /// A partial refund can pass with any amount the partial options allow, as long as the
    /// request names enough of it tax-free: the taxable part has its own, smaller balance. A
    /// taxable balance below zero (more taxable amount cancelled than there was) leaves no
    /// partial refund possible, since no request can name more tax-free than it refunds.
    fn constrain(&self, cx: &Context<'_>, out: &mut OptionsSink<'_>) {
        if !cx.valid_partial_refund() {
            return;
        }
        let taxable_balance = cx.balance.saturating_sub(cx.tax_free_balance);
        if taxable_balance.is_sign_negative() && !taxable_balance.is_zero() {
            self.check(cx, out.sink());
        } else if taxable_balance < cx.balance {
            // Without a tax-free balance every partial amount is within the taxable one.
            out.taxable_limit(&self.meta.id, taxable_balance);
        }
    }

    fn describe(&self) -> String {
        "partial cancels' taxable part within its balance".to_owned()
    }
}
