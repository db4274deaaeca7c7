//! The refund account a request gives, checked once per decision against the rules that apply:
//! its missing fields, its fields over the PG's limits, and the code the PG wants for its bank.
//! `refund_account` reports these problems as reasons, each from the rule that found it; a
//! next-month refund folds them into its `MONTH_CHANGED` reason.

use crate::decision::{AccountField, AccountProblem, PolicyText, RefundAccountSummary};
use crate::model::{Bank, RefundAccount};
use crate::policy::{BankTable, RuleMeta};
use crate::rules::RuleSet;
use crate::rules::refund_account_format::AccountFormat;

/// What was found of the refund account a request gives: enough to tell whether it is valid,
/// with references to build each problem when a decision reports it.
///
/// Plain data borrowed from the request and the policy, `Copy`: the context that holds one is
/// dropped with nothing to free or even look at (when it held lists, dropping an absent one was
/// some 20 instructions a decision).
#[derive(Debug, Clone, Copy)]
pub(crate) struct AccountFacts<'a> {
    account: &'a RefundAccount,
    /// Each required field: given, missing or blank.
    fields: [Given; 4],
    /// The `refund_account_format` rule, when the account breaks it.
    pub(crate) format: Option<&'a AccountFormat>,
    /// What to send for the bank, or the bank-code table that has no code for it.
    pub(crate) bank: Result<Option<BankCode<'a>>, BankRefusal<'a>>,
}

/// A required field as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Given {
    /// Given, or not required.
    Yes,
    Missing,
    Blank,
}

/// The account's fields, in the order their problems are reported.
const FIELDS: [AccountField; 4] = [
    AccountField::Bank,
    AccountField::Number,
    AccountField::HolderName,
    AccountField::HolderPhone,
];

/// The account's bank, and its code and code table where the PG has one: borrowed from the
/// policy, and copied only into a decision that refunds to the account.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BankCode<'a> {
    bank: Bank,
    code: Option<(&'a PolicyText, &'a PolicyText)>,
}

/// A bank the PG's code table has no code for: the table's rule, the bank and the table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BankRefusal<'a> {
    pub(crate) rule: &'a RuleMeta,
    bank: Bank,
    table: &'a PolicyText,
}

impl BankRefusal<'_> {
    /// The problem, with the payment's PG as written (`pg`).
    pub(crate) fn problem(&self, pg: Option<PolicyText>) -> AccountProblem {
        AccountProblem::BankNotSupported {
            bank: self.bank,
            table: self.table.clone(),
            pg,
        }
    }
}

impl<'a> AccountFacts<'a> {
    #[inline(always)]
    pub(crate) fn new(
        account: &'a RefundAccount,
        rules: &'a RuleSet,
        table: Option<&'a BankTable>,
    ) -> AccountFacts<'a> {
        let phone = rules
            .refund_account
            .as_ref()
            .is_some_and(|r| r.holder_phone_required);
        let format = rules
            .refund_account_format
            .as_deref()
            .filter(|format| !format.problems(account).is_empty());
        AccountFacts {
            account,
            fields: completeness(account, phone),
            format,
            bank: bank_code(account, table),
        }
    }

    /// Whether a required field is missing or blank.
    pub(crate) fn incomplete(&self) -> bool {
        self.fields.iter().any(|given| *given != Given::Yes)
    }

    /// The required fields missing or blank, in field order.
    pub(crate) fn missing(&self) -> Vec<AccountProblem> {
        missing(self.fields)
    }

    /// The fields over the limits of `refund_account_format`, or of the wrong form.
    pub(crate) fn format_problems(&self) -> Vec<AccountProblem> {
        self.format
            .map(|format| format.problems(self.account))
            .unwrap_or_default()
    }

    /// Whether the account can be refunded to as given: complete, well formed, and a bank the
    /// PG has a code for.
    pub(crate) fn valid(&self) -> bool {
        !self.incomplete() && self.format.is_none() && self.bank.is_ok()
    }

    /// Every problem, in the order the rules report them; the PG as written (`pg`) goes into
    /// a bank's.
    pub(crate) fn problems(&self, pg: impl FnOnce() -> Option<PolicyText>) -> Vec<AccountProblem> {
        let mut problems = self.missing();
        problems.extend(self.format_problems());
        if let Err(refusal) = &self.bank {
            problems.push(refusal.problem(pg()));
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

/// Each required field as given: the bank, the number, the holder's name, and the holder's
/// phone where required.
fn completeness(account: &RefundAccount, holder_phone_required: bool) -> [Given; 4] {
    let bank = if account.bank.is_some() {
        Given::Yes
    } else {
        Given::Missing
    };
    let phone = if holder_phone_required {
        text_field(account.holder_phone.as_deref())
    } else {
        Given::Yes
    };
    [
        bank,
        text_field(account.number.as_deref()),
        text_field(account.holder_name.as_deref()),
        phone,
    ]
}

/// The problems of the fields not given, in field order.
fn missing(fields: [Given; 4]) -> Vec<AccountProblem> {
    FIELDS
        .iter()
        .zip(fields)
        .filter_map(|(&field, given)| match given {
            Given::Yes => None,
            Given::Missing => Some(AccountProblem::Missing { field }),
            Given::Blank => Some(AccountProblem::Blank { field }),
        })
        .collect()
}

/// A required text field as given.
fn text_field(value: Option<&str>) -> Given {
    match value {
        None => Given::Missing,
        Some(text) if blank(text) => Given::Blank,
        Some(_) => Given::Yes,
    }
}

/// The code to send for the account's bank, or the table that has none for it.
fn bank_code<'a>(
    account: &RefundAccount,
    table: Option<&'a BankTable>,
) -> Result<Option<BankCode<'a>>, BankRefusal<'a>> {
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
        None => Err(BankRefusal {
            rule: &table.meta,
            bank,
            table: &table.name,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::{blank, completeness, missing};
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
        let completeness = |account: &RefundAccount, phone| missing(completeness(account, phone));
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
