//! `fee`: what each refund costs the merchant (the `REFUND_FEE` note). Like every note that
//! describes the refund, it is left out once the provider cannot refund at all.

use super::Rule;
use crate::decision::NoteDetails;
use crate::engine::{Context, Findings};
use crate::model::{Currency, amount};
use crate::options::sink::OptionsSink;
use crate::policy::{Anchor, Checker, ProblemKind, RuleMeta, Site, key};
use rust_decimal::Decimal;

rule_doc! {
    /// `fee`: what each refund costs the merchant (`REFUND_FEE` note).
    pub struct FeeDoc {
        /// The fee per refund.
        #[serde(with = "amount")]
        #[schemars(schema_with = "amount::schema")]
        pub amount: Decimal,
        /// Its currency.
        #[serde(default)]
        pub currency: Currency,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fee {
    pub(crate) meta: RuleMeta,
    pub(crate) amount: Decimal,
    pub(crate) currency: Currency,
}

pub(crate) fn compile(doc: &FeeDoc, site: &Site, checker: &mut Checker<'_>) -> Option<Fee> {
    let path = key(&site.path, "amount");
    if doc.amount.is_sign_negative() && !doc.amount.is_zero() {
        checker.report(
            &path,
            Anchor::Value,
            ProblemKind::NegativeFee {
                path: crate::yaml::path_text(&path),
                amount: doc.amount,
            },
        );
    }
    if let Some(decimals) = doc.currency.minor_unit_exponent()
        && doc.amount.normalize().scale() > u32::from(decimals)
    {
        checker.report(
            &path,
            Anchor::Value,
            ProblemKind::FeeTooPrecise {
                path: crate::yaml::path_text(&path),
                amount: doc.amount,
                currency: doc.currency,
                decimals,
            },
        );
    }
    let meta = checker.meta(site, doc);
    Some(Fee {
        meta,
        amount: doc.amount,
        currency: doc.currency,
    })
}

impl Rule for Fee {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, _: &Context<'_>, out: &mut impl Findings) {
        out.note(&self.meta.id, || NoteDetails::RefundFee {
            amount: self.amount,
            currency: self.currency,
        });
    }

    /// The fee a refund would carry.
    fn constrain(&self, cx: &Context<'_>, out: &mut OptionsSink<'_>) {
        self.check(cx, out.sink());
    }

    fn describe(&self) -> String {
        format!("fee {} {} per refund", self.amount, self.currency)
    }
}
