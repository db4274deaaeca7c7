//! The refund account a request gives, checked once per decision against the rules that apply:
//! its missing fields, its fields over the PG's limits, and the code the PG wants for its bank.
//! `refund_account` reports these problems as reasons, each from the rule that found it; a
//! next-month refund folds them into its `MONTH_CHANGED` reason.

use crate::decision::{AccountField, AccountProblem, PolicyText, RefundAccountSummary};
use crate::model::{Bank, RefundAccount};
use crate::policy::{BankTable, RuleMeta};
use crate::rules::RuleSet;

/// What was found of the refund account a request gives.
#[derive(Debug)]
pub(crate) struct AccountFacts<'a> {
    /// Required fields missing or blank.
    pub(crate) missing: Vec<AccountProblem>,
    /// Fields over the limits of `refund_account_format`, with that rule; `None` when there
    /// are none.
    pub(crate) format: Option<(&'a RuleMeta, Vec<AccountProblem>)>,
    /// What to send for the bank, or the bank-code table that has no code for it.
    pub(crate) bank: Result<Option<BankCode<'a>>, (&'a RuleMeta, AccountProblem)>,
}

/// The account's bank, and its code and code table where the PG has one: borrowed from the
/// policy, and copied only into a decision that refunds to the account.
#[derive(Debug)]
pub(crate) struct BankCode<'a> {
    bank: Bank,
    code: Option<(&'a PolicyText, &'a PolicyText)>,
}

impl<'a> AccountFacts<'a> {
    #[inline(always)]
    pub(crate) fn new(
        account: &RefundAccount,
        rules: &'a RuleSet,
        table: Option<&'a BankTable>,
        pg: impl FnOnce() -> Option<PolicyText>,
    ) -> AccountFacts<'a> {
        let phone = rules
            .refund_account
            .as_ref()
            .is_some_and(|r| r.holder_phone_required);
        let format = rules.refund_account_format.as_deref().and_then(|format| {
            let problems = format.problems(account);
            (!problems.is_empty()).then_some((&format.meta, problems))
        });
        AccountFacts {
            missing: completeness(account, phone),
            format,
            bank: bank_code(account, table, pg),
        }
    }

    /// Every problem, in the order the rules report them.
    pub(crate) fn problems(&self) -> Vec<AccountProblem> {
        let mut problems = self.missing.clone();
        if let Some((_, format)) = &self.format {
            problems.extend(format.iter().cloned());
        }
        if let Err((_, bank)) = &self.bank {
            problems.push(bank.clone());
        }
        problems
    }

    /// What to send for the bank, when the account names one.
    pub(crate) fn summary(&self) -> Option<RefundAccountSummary> {
        let found = self.bank.as_ref().ok()?.as_ref()?;
        Some(RefundAccountSummary {
            bank: found.bank,
            bank_code: found.code.map(|(code, _)| code.clone()),
            code_table: found.code.map(|(_, table)| table.clone()),
        })
    }
}

/// Whether `text` is only white space (`trim` would leave nothing): read from the start, it
/// stops at the first letter or digit rather than decoding the text from both ends.
///
/// Most texts are settled by their first byte, undecoded: an ASCII byte other than a space,
/// or the first byte of a character from a block that holds no white space (a Hangul
/// syllable starts with `0xEA` to `0xED`). Unicode's white space outside ASCII is U+0085,
/// U+00A0 (first byte `0xC2`), U+1680 (`0xE1`), U+2000 to U+205F (`0xE2`) and U+3000 (`0xE3`).
pub(crate) fn blank(text: &str) -> bool {
    match text.as_bytes().first() {
        None => true,
        Some(&first) if first.is_ascii() && !ascii_space(first) => false,
        Some(&first) if first >= 0xC0 && !matches!(first, 0xC2 | 0xE1..=0xE3) => false,
        Some(_) => text.chars().all(char::is_whitespace),
    }
}

/// The ASCII characters `char::is_whitespace` takes: tab, line feed, vertical tab, form feed,
/// carriage return and space.
fn ascii_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// Missing or blank required fields.
fn completeness(account: &RefundAccount, holder_phone_required: bool) -> Vec<AccountProblem> {
    let mut problems = Vec::new();
    if account.bank.is_none() {
        problems.push(AccountProblem::Missing {
            field: AccountField::Bank,
        });
    }
    text_field(
        &mut problems,
        AccountField::Number,
        account.number.as_deref(),
    );
    text_field(
        &mut problems,
        AccountField::HolderName,
        account.holder_name.as_deref(),
    );
    if holder_phone_required {
        text_field(
            &mut problems,
            AccountField::HolderPhone,
            account.holder_phone.as_deref(),
        );
    }
    problems
}

/// A required text field's problem, if it is missing or blank. Called field by field: a
/// loop over a list of the fields cost more than the checks.
fn text_field(problems: &mut Vec<AccountProblem>, field: AccountField, value: Option<&str>) {
    match value {
        None => problems.push(AccountProblem::Missing { field }),
        Some(text) if blank(text) => problems.push(AccountProblem::Blank { field }),
        Some(_) => {}
    }
}

/// The code to send for the account's bank, or the problem that there is none.
fn bank_code<'a>(
    account: &RefundAccount,
    table: Option<&'a BankTable>,
    pg: impl FnOnce() -> Option<PolicyText>,
) -> Result<Option<BankCode<'a>>, (&'a RuleMeta, AccountProblem)> {
    let Some(bank) = account.bank else {
        return Ok(None);
    };
    let Some(table) = table else {
        return Ok(Some(BankCode { bank, code: None }));
    };
    match table.code(bank) {
        Some(code) => Ok(Some(BankCode {
            bank,
            code: Some((code, &table.name)),
        })),
        None => Err((
            &table.meta,
            AccountProblem::BankNotSupported {
                bank,
                table: table.name.clone(),
                pg: pg(),
            },
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::{blank, completeness};
    use crate::decision::{AccountField, AccountProblem};
    use crate::model::{Bank, RefundAccount};

    /// For every character, alone, before a letter and before a space, `blank` says what
    /// reading every character says.
    #[test]
    fn blank_agrees_with_unicode_white_space() {
        for c in (0..=0x10_FFFF_u32).filter_map(char::from_u32) {
            for text in [c.to_string(), format!("{c}a"), format!("{c} ")] {
                assert_eq!(
                    blank(&text),
                    text.chars().all(char::is_whitespace),
                    "U+{:04X} in {text:?}",
                    u32::from(c)
                );
            }
        }
        assert!(blank(""));
        assert!(blank(" \u{3000}\t"));
        assert!(!blank(" 홍길동"));
    }

    /// Each required field is reported missing when absent and blank when only white space,
    /// in the order bank, number, holder name, holder phone; the phone only when required.
    #[test]
    fn required_fields_are_missing_or_blank() {
        let given = RefundAccount {
            bank: Some(Bank::Shinhan),
            number: Some("56211105948400".into()),
            holder_name: Some("홍길동".into()),
            holder_phone: Some("01012345678".into()),
        };
        assert_eq!(completeness(&given, true), []);
        let missing = |field| AccountProblem::Missing { field };
        let blank = |field| AccountProblem::Blank { field };
        let none = RefundAccount::default();
        assert_eq!(
            completeness(&none, false),
            [
                missing(AccountField::Bank),
                missing(AccountField::Number),
                missing(AccountField::HolderName),
            ]
        );
        assert_eq!(
            completeness(&none, true).last(),
            Some(&missing(AccountField::HolderPhone))
        );
        let spaces = RefundAccount {
            bank: Some(Bank::Shinhan),
            number: Some(" ".into()),
            holder_name: Some("\u{3000}".into()),
            holder_phone: Some("\t".into()),
        };
        assert_eq!(
            completeness(&spaces, true),
            [
                blank(AccountField::Number),
                blank(AccountField::HolderName),
                blank(AccountField::HolderPhone),
            ]
        );
        assert_eq!(
            completeness(&spaces, false).len(),
            2,
            "the phone not required"
        );
    }
}
