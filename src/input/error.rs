//! What can be wrong with an input, as kinds callers can match.

use crate::model::AmountError;
use crate::yaml::Location;
use std::fmt;

/// Input that cannot be read into the model: its [kind](InputErrorKind), where, and a hint.
///
/// The message is written from the kind, so [`message`](InputError::message) and
/// [`Display`](fmt::Display) always agree with what [`kind`](InputError::kind) says.
///
/// ```
/// use refund_policy::input::{self, InputErrorKind};
/// let error = input::payment("provider: portone_v2\nmethod: crad\n").unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "`method`: unknown value `crad` (did you mean `card`?) at line 2, column 9"
/// );
/// assert!(matches!(
///     error.kind(),
///     InputErrorKind::UnknownValue { path, value, .. } if path == "method" && value == "crad"
/// ));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    // Boxed: errors travel in every reader's `Result`, which should stay small.
    kind: Box<InputErrorKind>,
    message: String,
    help: Option<String>,
    location: Option<Location>,
}

/// What is wrong with an input. Paths are written `amount.total` or `cancellations[2].amount`;
/// the empty path is the document itself.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputErrorKind {
    /// The text is not well-formed JSON or YAML.
    Syntax {
        /// The parser's description of the problem.
        problem: String,
    },
    /// The document breaks a [reading limit](super::limits).
    Limit {
        /// What was being read.
        document: Document,
        /// The limit it breaks.
        limit: Limit,
    },
    /// A key given twice in one map.
    DuplicateKey {
        /// The key.
        key: String,
        /// Where it was first given.
        first: Location,
    },
    /// A required field is absent.
    MissingField {
        /// The map that lacks it.
        path: String,
        /// The field.
        field: String,
    },
    /// A field the model does not have.
    UnknownField {
        /// The map that holds it.
        path: String,
        /// The field as given.
        field: String,
        /// The fields the map may have.
        expected: Vec<String>,
        /// The closest of them, when one is close.
        suggestion: Option<String>,
    },
    /// A name (a method, a status, a bank) the model does not know.
    UnknownValue {
        /// The field that holds it.
        path: String,
        /// The value as given.
        value: String,
        /// The values the field may take.
        expected: Vec<String>,
        /// The closest of them, when one is close.
        suggestion: Option<String>,
    },
    /// A value of the wrong type: a list where a number belongs, text where a map does.
    WrongType {
        /// The field.
        path: String,
        /// What the field holds.
        expected: String,
        /// What was found, as it reads in a message.
        found: String,
    },
    /// A number that cannot be read exactly into the field.
    Number {
        /// The field.
        path: String,
        /// The number as written.
        value: String,
        /// What is wrong with it.
        problem: NumberProblem,
    },
    /// An explicit `null` where leaving the field out means something else (a request's
    /// `amount`: absent refunds everything, so a null is not taken to mean that).
    Null {
        /// The field.
        path: String,
    },
    /// A value its field refuses for a reason of its own (an instant without an offset, an
    /// unknown currency, a value a provider adapter cannot map).
    Invalid {
        /// The field; empty for the document itself.
        path: String,
        /// What is wrong, in words.
        problem: String,
    },
    /// Fields that read but do not fit together (`easy_pay` with method `card`).
    Inconsistent {
        /// The part of the document they are in, when not the document itself.
        within: Option<String>,
        /// What does not fit, in words.
        problem: String,
    },
    /// A merchant's contract id that no policy defines.
    UnknownContract {
        /// Its index in `contracts`.
        index: usize,
        /// The id as given.
        id: String,
        /// The ids the policies define.
        known: Vec<String>,
        /// The closest of them, when one is close.
        suggestion: Option<String>,
    },
}

/// Which document broke a reading limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Document {
    /// A payment (contract or provider format).
    Payment,
    /// A refund request (contract or provider format).
    Request,
    /// A merchant profile.
    Merchant,
    /// A policy file.
    Policy,
    /// A case file.
    Case,
}

/// A [reading limit](super::limits) a document breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// The text is longer than `max` bytes.
    Bytes {
        /// The limit.
        max: usize,
        /// The text's length.
        actual: usize,
    },
    /// More than this many nodes.
    Nodes(usize),
    /// Lists and maps nested more than this many levels deep.
    Depth(usize),
    /// Aliases that replay more than this many parser events (an alias bomb).
    AliasExpansion(usize),
    /// More than this many aliases.
    Aliases(usize),
    /// More than this many anchors.
    Anchors(usize),
    /// More than this many parser events.
    Events(usize),
    /// Text values adding up to more than this many bytes, aliases expanded.
    TextBytes(usize),
}

/// Why a number cannot be read into its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NumberProblem {
    /// Not written as a decimal number as JSON writes them: hexadecimal or octal, `_`
    /// separators, a leading `+` or leading zeros, `.inf` or `.nan`.
    Form,
    /// Finer than an amount can hold exactly (more than 28 decimal places).
    Precision,
    /// Larger in magnitude than an amount may be (10^18).
    Range,
    /// Not a number at all.
    NotANumber,
}

impl From<&AmountError> for NumberProblem {
    /// The problem as an input error names it.
    fn from(error: &AmountError) -> NumberProblem {
        match error {
            AmountError::NotANumber(_) => NumberProblem::NotANumber,
            AmountError::OutOfRange(_) => NumberProblem::Range,
            AmountError::TooPrecise(_) => NumberProblem::Precision,
            AmountError::Form(_) => NumberProblem::Form,
        }
    }
}

impl InputError {
    /// An error of `kind` at `location`; its message and hint are written from the kind.
    pub(crate) fn of(kind: InputErrorKind, location: Option<Location>) -> InputError {
        let message = kind.to_string();
        let help = kind.help();
        InputError {
            kind: Box::new(kind),
            message,
            help,
            location,
        }
    }

    /// A problem described in words, with a hint: for checks (the provider adapters') whose
    /// problem has no kind of its own. `message` starts with the field in backticks when there
    /// is one: `` `status`: unknown status `X` ``.
    pub(crate) fn new(
        message: String,
        help: Option<String>,
        location: Option<Location>,
    ) -> InputError {
        let (path, problem) = split_field(&message);
        InputError {
            kind: Box::new(InputErrorKind::Invalid {
                path: path.to_owned(),
                problem: problem.to_owned(),
            }),
            message,
            help,
            location,
        }
    }

    pub(crate) fn unknown_contract(index: usize, id: &str, known: &[&str]) -> InputError {
        InputError::of(
            InputErrorKind::UnknownContract {
                index,
                id: id.to_owned(),
                known: known.iter().map(|k| (*k).to_owned()).collect(),
                suggestion: crate::suggest::closest(id, known.iter().copied()).map(str::to_owned),
            },
            None,
        )
    }

    pub(crate) fn shape(within: Option<&str>, error: &crate::model::ShapeError) -> InputError {
        InputError::of(
            InputErrorKind::Inconsistent {
                within: within.map(str::to_owned),
                problem: error.to_string(),
            },
            None,
        )
    }

    /// What is wrong, as a kind to match.
    pub fn kind(&self) -> &InputErrorKind {
        &self.kind
    }

    /// What is wrong, naming the field.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// A hint, where one helps.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// Where in the text, when known.
    pub fn location(&self) -> Option<Location> {
        self.location
    }
}

/// Splits `` `field`: problem `` into the field and the problem; other messages have no field.
fn split_field(message: &str) -> (&str, &str) {
    message
        .strip_prefix('`')
        .and_then(|rest| rest.split_once("`: "))
        .unwrap_or(("", message))
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        if let Some(at) = self.location {
            write!(f, " at line {}, column {}", at.line, at.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}
