//! What is wrong with a policy file, and where: a [`ProblemKind`] callers can match, at a place
//! in a file. The words of a problem are written from its kind.

use super::budget::PolicyLimit;
use crate::decision::ReasonCode;
use crate::model::{Bank, Currency, Provider};
use crate::yaml::Location;
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::fmt;

/// What a name that names nothing was meant to name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Named {
    /// A source id (`sources`).
    Source,
    /// A contract id (`contracts`).
    Contract,
    /// A PG id (`pgs.known`).
    Pg,
    /// A PG group (`pgs.groups`).
    PgGroup,
    /// An easy-pay service (`easy_pay_providers.known`).
    EasyPayService,
    /// A rule kind, in a remark's `about`.
    RuleKind,
    /// An IANA time zone.
    TimeZone,
}

impl Named {
    fn words(self) -> &'static str {
        match self {
            Named::Source => "source",
            Named::Contract => "contract",
            Named::Pg => "PG",
            Named::PgGroup => "PG group",
            Named::EasyPayService => "easy-pay service",
            Named::RuleKind => "rule kind",
            Named::TimeZone => "time zone",
        }
    }

    /// The one field that holds this kind of name, where there is one.
    fn field(self) -> Option<&'static str> {
        match self {
            Named::TimeZone => Some("time_zone"),
            Named::Contract => Some("contract"),
            Named::Source
            | Named::Pg
            | Named::PgGroup
            | Named::EasyPayService
            | Named::RuleKind => None,
        }
    }

    /// What to do when no close name exists.
    fn fallback_help(self) -> Option<&'static str> {
        match self {
            Named::Source => Some("define it under `sources`"),
            Named::Contract => Some("define it under `contracts`"),
            Named::RuleKind => Some("name the rule kind the remark is about"),
            Named::TimeZone => Some("use an IANA name such as `Asia/Seoul`"),
            Named::Pg | Named::PgGroup | Named::EasyPayService => None,
        }
    }
}

/// Which kind of identifier a malformed or repeated one is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum IdKind {
    /// The policy's id (`policy`).
    Policy,
    /// A PG id.
    Pg,
    /// A PG group's name.
    PgGroup,
    /// A contract id.
    Contract,
    /// A `partial_refund` restriction's id.
    Restriction,
}

/// What is wrong, with the data behind it. `Display` writes the message; [`ProblemKind::help`]
/// says how to fix it where there is something to say.
///
/// ```
/// use refund_policy::{PolicySet, PolicySource};
/// use refund_policy::policy::{Named, ProblemKind};
/// let text = "policy: mine\nprovider: bootpay\ntime_zone: Asia/Seol\nsources: {}\n\
///             provider_errors: {}\nmethods: {}\n";
/// let error = PolicySet::load(&[PolicySource::new("mine.yaml", text)]).unwrap_err();
/// let zone = &error.problems()[0].kind;
/// assert_eq!(
///     zone,
///     &ProblemKind::Unknown {
///         what: Named::TimeZone,
///         value: "Asia/Seol".to_owned(),
///         suggestion: Some("Asia/Seoul".to_owned()),
///     }
/// );
/// assert_eq!(zone.to_string(), "`time_zone`: unknown time zone `Asia/Seol`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The text is not YAML.
    Syntax {
        /// The parser's description.
        message: String,
    },
    /// A key appears twice in one map.
    DuplicateKey {
        /// The key.
        key: String,
        /// The line of its first appearance.
        first_line: u32,
    },
    /// A value does not have the form the format gives it (a misspelled method, a missing
    /// field, a number where a list goes), as the reader describes it.
    Form {
        /// The reader's description, with the field path.
        message: String,
        /// The reader's hint, such as a "did you mean".
        help: Option<String>,
    },
    /// A name that names nothing of its kind.
    Unknown {
        /// What it was meant to name.
        what: Named,
        /// The name given.
        value: String,
        /// The closest name that exists, if one is close.
        suggestion: Option<String>,
    },
    /// A PG group lists a PG the catalog does not know.
    UnknownGroupMember {
        /// The group.
        group: String,
        /// The PG id given.
        value: String,
        /// The closest known PG id, if one is close.
        suggestion: Option<String>,
    },
    /// An identifier of the wrong form.
    InvalidId {
        /// Which identifier.
        what: IdKind,
        /// The value given.
        value: String,
    },
    /// An identifier given twice where each must be unique.
    Repeated {
        /// Which identifier.
        what: IdKind,
        /// The value given twice.
        value: String,
    },
    /// A PG group without members.
    EmptyGroup {
        /// The group.
        group: String,
    },
    /// A PG list that matches nothing because it is empty.
    EmptyPgList,
    /// A list that matches nothing because it is empty.
    EmptyList {
        /// The list's field.
        field: String,
    },
    /// A count that must be at least 1 is 0.
    NotPositive {
        /// The field.
        field: String,
    },
    /// A text field given but blank.
    Blank {
        /// The field.
        field: String,
    },
    /// A required field is missing.
    MissingField {
        /// The field.
        field: String,
        /// What it should say.
        help: String,
    },
    /// A provider-error entry with both `name` and `none`.
    ErrorNameAndNone,
    /// A provider-error entry with neither `name` nor `none`.
    ErrorNameOrNone,
    /// A provider-error `code` without the error's `name`.
    ErrorCodeWithoutName,
    /// Reason codes the provider-error table has no entry for.
    MissingProviderErrors {
        /// The codes, in the contract's order.
        codes: Vec<ReasonCode>,
    },
    /// A PG named in a policy without a `pgs` catalog.
    PgWithoutCatalog {
        /// The PG named.
        pg: String,
    },
    /// `at_pg` somewhere other than the top level or directly in a method.
    AtPgNotAllowed,
    /// `providers` somewhere other than `methods.easy_pay`.
    ProvidersNotAllowed,
    /// A PG in two groups of the same `at_pg` map, without an entry of its own.
    PgInTwoGroups {
        /// The PG.
        pg: String,
        /// The group whose entry came first.
        first: String,
        /// The other group.
        second: String,
    },
    /// A bank-code table with neither (or both) `pgs` and `other_pgs: true`.
    BankTableTarget {
        /// The table.
        table: String,
    },
    /// A second table serving `other_pgs`.
    SecondOtherPgsTable,
    /// A PG already served by another bank-code table.
    PgInTwoBankTables {
        /// The PG.
        pg: String,
        /// The table that already serves it.
        table: String,
    },
    /// A bank's code is blank.
    BlankBankCode {
        /// The bank.
        bank: Bank,
    },
    /// A deadline with both `within` and `by_funding`.
    DeadlineWithBothSpans,
    /// A deadline with neither `within` nor `by_funding`.
    DeadlineWithoutSpan,
    /// A negative fee.
    NegativeFee {
        /// The field path.
        path: String,
        /// The amount given.
        amount: Decimal,
    },
    /// A fee finer than its currency.
    FeeTooPrecise {
        /// The field path.
        path: String,
        /// The amount given.
        amount: Decimal,
        /// Its currency.
        currency: Currency,
        /// The decimals the currency allows.
        decimals: u16,
    },
    /// A second policy for a provider in one set.
    ProviderCoveredTwice {
        /// The provider.
        provider: Provider,
        /// The file whose policy covers it first.
        first: String,
    },
    /// A policy id used by two files.
    PolicyIdUsedTwice {
        /// The id.
        id: String,
        /// The file that uses it first.
        first: String,
    },
    /// A policy holds more than one of its [limits](crate::input::limits) allows; it is
    /// refused before its scopes are laid over each other.
    OverLimit {
        /// The limit.
        limit: PolicyLimit,
        /// The field holding too many, by its whole path; empty for the whole policy.
        field: String,
        /// How many it holds.
        found: usize,
    },
    /// A contract id given different names in two files.
    ContractNamedDifferently {
        /// The contract id.
        id: String,
        /// The file that names it first.
        first: String,
    },
}

/// "did you mean `…`?".
fn did_you_mean(suggestion: Option<&String>) -> Option<String> {
    suggestion.map(|s| format!("did you mean `{s}`?"))
}

impl ProblemKind {
    /// How to fix it, where there is something to say.
    pub fn help(&self) -> Option<String> {
        let text = |s: &str| Some(s.to_owned());
        match self {
            ProblemKind::Syntax { .. }
            | ProblemKind::Repeated { .. }
            | ProblemKind::EmptyGroup { .. }
            | ProblemKind::EmptyPgList
            | ProblemKind::EmptyList { .. }
            | ProblemKind::NotPositive { .. }
            | ProblemKind::ErrorNameAndNone
            | ProblemKind::ErrorNameOrNone
            | ProblemKind::ErrorCodeWithoutName
            | ProblemKind::ProvidersNotAllowed
            | ProblemKind::BankTableTarget { .. }
            | ProblemKind::SecondOtherPgsTable
            | ProblemKind::PgInTwoBankTables { .. }
            | ProblemKind::DeadlineWithBothSpans
            | ProblemKind::NegativeFee { .. }
            | ProblemKind::FeeTooPrecise { .. }
            | ProblemKind::PolicyIdUsedTwice { .. } => None,
            ProblemKind::DuplicateKey { first_line, .. } => Some(format!(
                "first defined at line {first_line}; a key may appear once in a map"
            )),
            ProblemKind::Form { help, .. } => help.clone(),
            ProblemKind::Unknown {
                what, suggestion, ..
            } => did_you_mean(suggestion.as_ref())
                .or_else(|| what.fallback_help().map(str::to_owned)),
            ProblemKind::UnknownGroupMember { suggestion, .. } => did_you_mean(suggestion.as_ref()),
            ProblemKind::InvalidId { what, .. } => match what {
                IdKind::Policy => {
                    text("use lower-case letters, digits and `_`, such as `portone_v2`")
                }
                IdKind::Pg => text("PG ids are lower-case, such as `smartro_v2`"),
                IdKind::PgGroup => text(
                    "group names are upper-case, such as `KG_INICIS`, so they never clash with PG ids",
                ),
                IdKind::Contract | IdKind::Restriction => {
                    text("use lower-case letters, digits and `_`")
                }
            },
            ProblemKind::Blank { field } if field == "unverified" => {
                text("say why the rule is not confirmed")
            }
            ProblemKind::Blank { .. } => None,
            ProblemKind::MissingField { help, .. } => Some(help.clone()),
            ProblemKind::MissingProviderErrors { .. } => {
                text("name the provider's error, or say with `none` why it has none")
            }
            ProblemKind::PgWithoutCatalog { .. } => {
                text("list the provider's PG ids under `pgs.known`")
            }
            ProblemKind::AtPgNotAllowed => {
                text("PG scopes go in the top-level `at_pg` or directly inside a method")
            }
            ProblemKind::PgInTwoGroups { pg, .. } => Some(format!(
                "give `{pg}` an entry of its own to say which rules apply"
            )),
            ProblemKind::BlankBankCode { .. } => {
                text("leave a bank out of the table when the PG has no code for it")
            }
            ProblemKind::DeadlineWithoutSpan => text("such as `within: 1 year`"),
            ProblemKind::ProviderCoveredTwice { .. } => {
                text("a policy set holds one policy per provider")
            }
            ProblemKind::ContractNamedDifferently { .. } => {
                text("a contract id means one contract across the policy set")
            }
            ProblemKind::OverLimit { .. } => {
                text("the limits are far above any real policy: check how the file was made")
            }
        }
    }
}

/// What is wrong, in lower case, user input in backticks.
impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Syntax { message } | ProblemKind::Form { message, .. } => {
                f.write_str(message)
            }
            ProblemKind::DuplicateKey { key, .. } => write!(f, "duplicate key `{key}`"),
            ProblemKind::Unknown { what, value, .. } => {
                // The field is named where one field always holds the name; other names sit
                // in lists and keys the location points at.
                if let Some(field) = what.field() {
                    write!(f, "`{field}`: ")?;
                }
                write!(f, "unknown {} `{value}`", what.words())
            }
            ProblemKind::UnknownGroupMember { group, value, .. } => {
                write!(f, "unknown PG `{value}` in group `{group}`")
            }
            ProblemKind::InvalidId { what, value } => match what {
                IdKind::Policy => write!(f, "`{value}` is not a policy id"),
                IdKind::Pg => write!(f, "`{value}` is not a PG id"),
                IdKind::PgGroup => write!(f, "`{value}` is not a PG group name"),
                IdKind::Contract => write!(f, "`{value}` is not a contract id"),
                IdKind::Restriction => write!(f, "`{value}` is not a restriction id"),
            },
            ProblemKind::Repeated { what, value } => match what {
                IdKind::Restriction => {
                    write!(f, "the restriction id `{value}` is used twice in this list")
                }
                IdKind::Pg => write!(f, "PG `{value}` is listed twice"),
                IdKind::Policy => write!(f, "policy id `{value}` is used twice"),
                IdKind::PgGroup => write!(f, "group `{value}` is listed twice"),
                IdKind::Contract => write!(f, "contract `{value}` is listed twice"),
            },
            ProblemKind::EmptyGroup { group } => write!(f, "group `{group}` is empty"),
            ProblemKind::EmptyPgList => f.write_str("an empty PG list matches nothing"),
            ProblemKind::EmptyList { field } => {
                write!(f, "an empty `{field}` list matches nothing")
            }
            ProblemKind::NotPositive { field } => {
                write!(f, "`{field}` must be at least 1, found `0`")
            }
            ProblemKind::Blank { field } => write!(f, "`{field}` is blank"),
            ProblemKind::MissingField { field, .. } => write!(f, "missing field `{field}`"),
            ProblemKind::ErrorNameAndNone => {
                f.write_str("give either the provider's error `name` or `none`, not both")
            }
            ProblemKind::ErrorNameOrNone => {
                f.write_str("give the provider's error `name`, or `none` with why it has none")
            }
            ProblemKind::ErrorCodeWithoutName => {
                f.write_str("an error `code` needs the error's `name`")
            }
            ProblemKind::MissingProviderErrors { codes } => {
                let entries = if codes.len() == 1 { "entry" } else { "entries" };
                let codes: Vec<String> = codes.iter().map(|c| format!("`{c}`")).collect();
                write!(
                    f,
                    "in `provider_errors`: no {entries} for {}",
                    codes.join(", ")
                )
            }
            ProblemKind::PgWithoutCatalog { pg } => write!(
                f,
                "PG `{pg}` cannot be checked: the policy has no `pgs` catalog"
            ),
            ProblemKind::AtPgNotAllowed => f.write_str("`at_pg` is not allowed here"),
            ProblemKind::ProvidersNotAllowed => {
                f.write_str("`providers` is allowed only in `methods.easy_pay`")
            }
            ProblemKind::PgInTwoGroups { pg, first, second } => {
                write!(f, "PG `{pg}` is in both `{first}` and `{second}` here")
            }
            ProblemKind::BankTableTarget { table } => write!(
                f,
                "bank-code table `{table}` needs either `pgs` or `other_pgs: true`"
            ),
            ProblemKind::SecondOtherPgsTable => {
                f.write_str("only one bank-code table may serve `other_pgs`")
            }
            ProblemKind::PgInTwoBankTables { pg, table } => {
                write!(f, "PG `{pg}` already uses bank-code table `{table}`")
            }
            ProblemKind::BlankBankCode { bank } => write!(f, "the code for `{bank}` is blank"),
            ProblemKind::DeadlineWithBothSpans => {
                f.write_str("a deadline has `within` or `by_funding`, not both")
            }
            ProblemKind::DeadlineWithoutSpan => {
                f.write_str("a deadline needs `within` or `by_funding`")
            }
            ProblemKind::NegativeFee { path, amount } => {
                write!(f, "`{path}`: a fee must not be negative, found `{amount}`")
            }
            ProblemKind::FeeTooPrecise {
                path,
                amount,
                currency,
                decimals,
            } => write!(
                f,
                "`{path}`: `{amount}` has more decimals than {} allows ({decimals})",
                currency.code()
            ),
            ProblemKind::ProviderCoveredTwice { provider, first } => {
                write!(f, "provider `{provider}` is already covered by `{first}`")
            }
            ProblemKind::PolicyIdUsedTwice { id, first } => {
                write!(f, "policy id `{id}` is already used by `{first}`")
            }
            ProblemKind::ContractNamedDifferently { id, first } => {
                write!(f, "contract `{id}` is named differently in `{first}`")
            }
            ProblemKind::OverLimit {
                limit,
                field,
                found,
            } => limit.write(f, field, *found),
        }
    }
}

/// One problem found while loading policies: a file, a place in it, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The policy source's name, as given to the loader.
    pub file: String,
    /// Where in the file.
    pub location: Location,
    /// What is wrong, as written from [`Problem::kind`]: lower-case, names in backticks.
    pub message: String,
    /// How to fix it, as written from [`Problem::kind`], where there is something to say.
    pub help: Option<String>,
    /// What is wrong, with its data, for callers that act on it.
    pub kind: ProblemKind,
}

impl Problem {
    pub(crate) fn new(file: &str, location: Location, kind: ProblemKind) -> Problem {
        Problem {
            file: file.to_owned(),
            location,
            message: kind.to_string(),
            help: kind.help(),
            kind,
        }
    }
}

/// In file and line order, then by message.
impl Ord for Problem {
    fn cmp(&self, other: &Problem) -> Ordering {
        (&self.file, self.location, &self.message, &self.help).cmp(&(
            &other.file,
            other.location,
            &other.message,
            &other.help,
        ))
    }
}

impl PartialOrd for Problem {
    fn partial_cmp(&self, other: &Problem) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `FILE:LINE:COLUMN: message (hint)`, on one line.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.location.line, self.location.column, self.kind
        )?;
        if let Some(help) = self.kind.help() {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}
/// Policies that did not load, with every problem found, in file and line order.
///
/// ```
/// use refund_policy::{Engine, PolicySource};
/// let broken = "policy: portone_v2\nprovider: portone_v3\n";
/// let error = Engine::from_sources(&[PolicySource::new("broken.yaml", broken)]).unwrap_err();
/// assert!(error.to_string().starts_with("broken.yaml:2:11: "));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    problems: Vec<Problem>,
}

impl LoadError {
    pub(crate) fn new(mut problems: Vec<Problem>) -> LoadError {
        problems.sort();
        problems.dedup();
        LoadError { problems }
    }

    /// Every problem, one per place.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

/// One problem per line.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}
