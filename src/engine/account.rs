//! Rules about the bank account a refund is paid to: whether one is required, whether it is
//! complete, whether its fields fit the provider's limits, and which code the PG wants for its
//! bank.

use super::facts::Facts;
use super::findings::Findings;
use crate::decision::{AccountField, AccountProblem, ReasonDetails, RefundAccountSummary};
use crate::model::RefundAccount;
use crate::policy::{AccountFormat, BankTable, CompiledPolicy, FieldFormat, RuleSet};
use std::sync::Arc;

/// Missing or blank required fields.
fn completeness(account: &RefundAccount, holder_phone_required: bool) -> Vec<AccountProblem> {
    let mut problems = Vec::new();
    if account.bank.is_none() {
        problems.push(AccountProblem::Missing {
            field: AccountField::Bank,
        });
    }
    let mut required = vec![
        (AccountField::Number, &account.number),
        (AccountField::HolderName, &account.holder_name),
    ];
    if holder_phone_required {
        required.push((AccountField::HolderPhone, &account.holder_phone));
    }
    for (field, value) in required {
        match value.as_deref() {
            None => problems.push(AccountProblem::Missing { field }),
            Some(text) if text.trim().is_empty() => problems.push(AccountProblem::Blank { field }),
            Some(_) => {}
        }
    }
    problems
}

fn field_problems(
    field: AccountField,
    value: Option<&str>,
    format: FieldFormat,
) -> Vec<AccountProblem> {
    let Some(text) = value.filter(|t| !t.trim().is_empty()) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    if format.digits_only && !text.chars().all(|c| c.is_ascii_digit()) {
        problems.push(AccountProblem::NotDigits { field });
    }
    let chars = text.chars().count();
    if let Some(max) = format.max_chars
        && usize::try_from(max).is_ok_and(|max| chars > max)
    {
        problems.push(AccountProblem::TooLong { field, chars, max });
    }
    problems
}

/// Fields over their limits or of the wrong form. Account numbers are checked as given:
/// nothing is cleaned, so a dash where only digits are accepted is a problem.
fn format_problems(account: &RefundAccount, format: &AccountFormat) -> Vec<AccountProblem> {
    let mut problems = field_problems(
        AccountField::Number,
        account.number.as_deref(),
        format.number,
    );
    problems.extend(field_problems(
        AccountField::HolderName,
        account.holder_name.as_deref(),
        format.holder_name,
    ));
    problems.extend(field_problems(
        AccountField::HolderPhone,
        account.holder_phone.as_deref(),
        format.holder_phone,
    ));
    problems
}

/// The bank-code table for the payment's PG, if the policy has one.
fn bank_table<'p>(policy: &'p CompiledPolicy, facts: &Facts<'_>) -> Option<&'p Arc<BankTable>> {
    policy.bank_tables.get(facts.pg).and_then(Option::as_ref)
}

/// The code to send for the account's bank, or the problem that there is none.
fn bank_code(
    account: &RefundAccount,
    table: Option<&Arc<BankTable>>,
    facts: &Facts<'_>,
) -> Result<Option<RefundAccountSummary>, AccountProblem> {
    let Some(bank) = account.bank else {
        return Ok(None);
    };
    let Some(table) = table else {
        return Ok(Some(RefundAccountSummary {
            bank,
            bank_code: None,
            code_table: None,
        }));
    };
    match table.codes.get(&bank) {
        Some(code) => Ok(Some(RefundAccountSummary {
            bank,
            bank_code: Some(Arc::clone(code)),
            code_table: Some(Arc::clone(&table.name)),
        })),
        None => Err(AccountProblem::BankNotSupported {
            bank,
            table: Arc::clone(&table.name),
            pg: facts.payment.pg.clone(),
        }),
    }
}

/// `REFUND_ACCOUNT_REQUIRED` and `REFUND_ACCOUNT_INVALID` where a rule requires an account.
/// Each rule reports its own problems: the requirement, the field format, the bank table.
pub(crate) fn check(rules: &RuleSet, facts: &Facts<'_>, out: &mut Findings<'_>) {
    let Some(rule) = &rules.refund_account else {
        return;
    };
    let Some(account) = &facts.request.refund_account else {
        out.reason(&rule.meta, ReasonDetails::RefundAccountRequired {});
        return;
    };
    let missing = completeness(account, rule.holder_phone_required);
    if !missing.is_empty() {
        out.reason(
            &rule.meta,
            ReasonDetails::RefundAccountInvalid { problems: missing },
        );
    }
    if let Some(format) = &rules.account_format {
        let problems = format_problems(account, format);
        if !problems.is_empty() {
            out.reason(
                &format.meta,
                ReasonDetails::RefundAccountInvalid { problems },
            );
        }
    }
    let table = bank_table(out.policy(), facts);
    match bank_code(account, table, facts) {
        Ok(summary) => out.refund_account = summary,
        Err(problem) => {
            if let Some(table) = table {
                out.reason(
                    &table.meta,
                    ReasonDetails::RefundAccountInvalid {
                        problems: vec![problem],
                    },
                );
            }
        }
    }
}

/// What was found of a refund account offered for a next-month refund.
pub(crate) struct NextMonthAccount {
    pub(crate) given: bool,
    pub(crate) problems: Vec<AccountProblem>,
    pub(crate) summary: Option<RefundAccountSummary>,
}

/// Checks the account of a next-month refund as a whole: it is valid or it is not, and its
/// problems go into the `MONTH_CHANGED` reason rather than reasons of their own.
pub(crate) fn for_next_month(
    rules: &RuleSet,
    facts: &Facts<'_>,
    policy: &CompiledPolicy,
) -> NextMonthAccount {
    let Some(account) = &facts.request.refund_account else {
        return NextMonthAccount {
            given: false,
            problems: Vec::new(),
            summary: None,
        };
    };
    let phone = rules
        .refund_account
        .as_ref()
        .is_some_and(|r| r.holder_phone_required);
    let mut problems = completeness(account, phone);
    if let Some(format) = &rules.account_format {
        problems.extend(format_problems(account, format));
    }
    let summary = match bank_code(account, bank_table(policy, facts), facts) {
        Ok(summary) => summary,
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    NextMonthAccount {
        given: true,
        problems,
        summary,
    }
}
