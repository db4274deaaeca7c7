//! What a decision needs to know about its inputs, computed once before any rule runs.

use crate::calendar::{local_date, local_time};
use crate::model::{MerchantProfile, Payment, RefundRequest};
use crate::policy::{CompiledPolicy, RuleSet};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use std::sync::Arc;

/// The inputs of one decision and what follows from them directly.
pub(crate) struct Facts<'a> {
    pub(crate) payment: &'a Payment,
    pub(crate) request: &'a RefundRequest,
    pub(crate) merchant: &'a MerchantProfile,
    pub(crate) now: DateTime<Utc>,
    pub(crate) zone: Tz,
    /// `total − cancelled`.
    pub(crate) balance: Decimal,
    /// `tax_free − cancelled_tax_free`.
    pub(crate) tax_free_balance: Decimal,
    /// What the request refunds: its amount, or the balance.
    pub(crate) amount: Decimal,
    /// `0 < amount < balance`.
    pub(crate) partial: bool,
    /// The local date of payment, when known.
    pub(crate) paid_on: Option<NaiveDate>,
    /// The local date of `now`.
    pub(crate) today: NaiveDate,
    /// The local time of `now`.
    pub(crate) local_time: NaiveTime,
    /// The payment's PG as an index of the policy's PG table.
    pub(crate) pg: usize,
    /// The rules that apply to this method, easy-pay service and PG, if the policy has any.
    pub(crate) rules: Option<Arc<RuleSet>>,
}

/// `a − b`. Exact for every amount the crate reads (at most 10^18 in magnitude); it saturates
/// only for values built in code beyond that, where no payment lies.
pub(crate) fn difference(a: Decimal, b: Decimal) -> Decimal {
    a.saturating_sub(b)
}

impl<'a> Facts<'a> {
    pub(crate) fn gather(
        policy: &CompiledPolicy,
        payment: &'a Payment,
        request: &'a RefundRequest,
        merchant: &'a MerchantProfile,
        now: DateTime<Utc>,
    ) -> Facts<'a> {
        let balance = difference(payment.amount.total, payment.amount.cancelled);
        let tax_free_balance =
            difference(payment.amount.tax_free, payment.amount.cancelled_tax_free);
        let amount = request.amount.unwrap_or(balance);
        let pg = policy.pgs.of(payment.pg.as_deref());
        let service = payment.easy_pay.as_ref().map(|e| e.provider.as_str());
        let rules = policy
            .methods
            .get(payment.method.index())
            .and_then(Option::as_ref)
            .and_then(|method| method.rules(service, pg))
            .cloned();
        Facts {
            payment,
            request,
            merchant,
            now,
            zone: policy.zone,
            balance,
            tax_free_balance,
            amount,
            partial: amount > Decimal::ZERO && amount < balance,
            paid_on: payment.paid_at.map(|t| local_date(t, policy.zone)),
            today: local_date(now, policy.zone),
            local_time: local_time(now, policy.zone),
            pg,
            rules,
        }
    }

    /// A full cancel on the local day of payment: the one case card issuers settle at once.
    pub(crate) fn same_day_full_cancel(&self) -> bool {
        !self.partial && self.paid_on == Some(self.today)
    }
}
