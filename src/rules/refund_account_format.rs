//! `refund_account_format`: limits on the refund account's fields, checked wherever a refund
//! account is used (`REFUND_ACCOUNT_INVALID`). It reports nothing alone: `refund_account` and a
//! next-month refund report its problems.

use super::Rule;
use crate::decision::{AccountField, AccountProblem};
use crate::engine::{Context, Findings, blank};
use crate::model::RefundAccount;
use crate::options::sink::OptionsSink;
use crate::policy::document::is_false;
use crate::policy::{Checker, RuleMeta, Segment, Site, key};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

rule_doc! {
    /// `refund_account_format`: limits on the refund account's fields, checked wherever a
    /// refund account is used (`REFUND_ACCOUNT_INVALID`).
    pub struct AccountFormatDoc {
        /// The account number.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub number: Option<FieldFormatDoc>,
        /// The holder's name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub holder_name: Option<FieldFormatDoc>,
        /// The holder's phone.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub holder_phone: Option<FieldFormatDoc>,
    }
}

/// Limits on one text field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldFormatDoc {
    /// At most this many characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<u32>,
    /// Digits only: no dashes, no spaces.
    #[serde(default, skip_serializing_if = "is_false")]
    pub digits_only: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct FieldFormat {
    pub(crate) max_chars: Option<u32>,
    pub(crate) digits_only: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AccountFormat {
    pub(crate) meta: RuleMeta,
    pub(crate) number: FieldFormat,
    pub(crate) holder_name: FieldFormat,
    pub(crate) holder_phone: FieldFormat,
}

fn field_format(
    path: &[Segment],
    doc: Option<&FieldFormatDoc>,
    checker: &mut Checker<'_>,
) -> FieldFormat {
    let Some(doc) = doc else {
        return FieldFormat::default();
    };
    if let Some(max) = doc.max_chars {
        checker.positive(&key(path, "max_chars"), max, "max_chars");
    }
    FieldFormat {
        max_chars: doc.max_chars,
        digits_only: doc.digits_only,
    }
}

pub(crate) fn compile(
    doc: &AccountFormatDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<AccountFormat> {
    let meta = checker.meta(site, doc);
    let p = &site.path;
    let number = field_format(&key(p, "number"), doc.number.as_ref(), checker);
    let holder_name = field_format(&key(p, "holder_name"), doc.holder_name.as_ref(), checker);
    let holder_phone = field_format(&key(p, "holder_phone"), doc.holder_phone.as_ref(), checker);
    Some(AccountFormat {
        meta,
        number,
        holder_name,
        holder_phone,
    })
}

fn field_problems(
    field: AccountField,
    value: Option<&str>,
    format: FieldFormat,
    out: &mut Vec<AccountProblem>,
) {
    let Some(text) = value.filter(|t| !blank(t)) else {
        return;
    };
    if format.digits_only && !text.chars().all(|c| c.is_ascii_digit()) {
        out.push(AccountProblem::NotDigits { field });
    }
    let chars = text.chars().count();
    if let Some(max) = format.max_chars
        && usize::try_from(max).is_ok_and(|max| chars > max)
    {
        out.push(AccountProblem::TooLong { field, chars, max });
    }
}

impl AccountFormat {
    /// Fields over their limits or of the wrong form. Account numbers are checked as given:
    /// nothing is cleaned, so a dash where only digits are accepted is a problem.
    pub(crate) fn problems(&self, account: &RefundAccount) -> Vec<AccountProblem> {
        let mut problems = Vec::new();
        field_problems(
            AccountField::Number,
            account.number.as_deref(),
            self.number,
            &mut problems,
        );
        field_problems(
            AccountField::HolderName,
            account.holder_name.as_deref(),
            self.holder_name,
            &mut problems,
        );
        field_problems(
            AccountField::HolderPhone,
            account.holder_phone.as_deref(),
            self.holder_phone,
            &mut problems,
        );
        problems
    }
}

fn field(name: &str, format: FieldFormat) -> Option<String> {
    let mut limits = Vec::new();
    if let Some(max) = format.max_chars {
        limits.push(format!("at most {max} chars"));
    }
    if format.digits_only {
        limits.push("digits only".to_owned());
    }
    (!limits.is_empty()).then(|| format!("{name} {}", limits.join(", ")))
}

impl Rule for AccountFormat {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    /// Nothing of its own: the rules that use an account report its problems.
    fn check(&self, _: &Context<'_>, _: &mut impl Findings) {}

    /// The limits of the account fields, wherever an account is required.
    fn constrain(&self, _: &Context<'_>, out: &mut OptionsSink<'_>) {
        out.account_format(
            &self.meta.id,
            [self.number, self.holder_name, self.holder_phone],
        );
    }

    fn describe(&self) -> String {
        let parts: Vec<String> = [
            field("number", self.number),
            field("holder name", self.holder_name),
            field("holder phone", self.holder_phone),
        ]
        .into_iter()
        .flatten()
        .collect();
        parts.join("; ")
    }
}
