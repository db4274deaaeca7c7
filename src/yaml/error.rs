//! Deserialization problems: what kind they are, where they happened, and how they read.

use super::{Location, Node, Segment, Value};
use crate::input::{InputErrorKind, NumberProblem};
use crate::model::amount::NULL_REFUSED;
use crate::suggest::closest;
use serde::de::{self, Expected, Unexpected};
use std::fmt;

/// What kind of problem a [`DeError`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ErrorKind {
    /// A required field is absent from the map at the error's path.
    MissingField(&'static str),
    /// A map key the type does not have.
    UnknownField {
        field: Box<str>,
        expected: &'static [&'static str],
    },
    /// A name the type does not know.
    UnknownValue {
        value: Box<str>,
        expected: &'static [&'static str],
    },
    /// A value of another type than the field's.
    WrongType { expected: Box<str>, found: Box<str> },
    /// A number the field cannot read exactly.
    Number {
        value: Box<str>,
        problem: NumberProblem,
    },
    /// An explicit null where leaving the field out means something else.
    Null,
    /// Anything else: a value its type refuses for a reason of its own.
    Other,
}

/// A deserialization problem with where it happened.
///
/// Boxed: every derived `Deserialize` impl returns and forwards it, and a one-pointer error
/// keeps those many functions small (the WebAssembly package pays for their size).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeError(Box<Details>);

/// What a [`DeError`] holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Details {
    pub(crate) kind: ErrorKind,
    pub(crate) message: Box<str>,
    pub(crate) help: Option<String>,
    pub(crate) path: Vec<Segment>,
    pub(crate) at: Option<Location>,
    /// The problem is a map key itself (an unknown field, an unknown method as a key), so the
    /// path's last step names the culprit rather than the field holding it.
    pub(crate) in_key: bool,
}

impl std::ops::Deref for DeError {
    type Target = Details;

    fn deref(&self) -> &Details {
        &self.0
    }
}

impl std::ops::DerefMut for DeError {
    fn deref_mut(&mut self) -> &mut Details {
        &mut self.0
    }
}

impl DeError {
    pub(super) fn new(message: String) -> DeError {
        DeError(Box::new(Details {
            kind: ErrorKind::Other,
            message: message.into(),
            help: None,
            path: Vec::new(),
            at: None,
            in_key: false,
        }))
    }

    /// Sets the position if an inner node has not already set a more precise one.
    pub(super) fn at(mut self, at: Location) -> DeError {
        self.at.get_or_insert(at);
        self
    }

    /// Puts `segment` in front of the path, as the error travels out of a map or sequence.
    pub(super) fn under(mut self, segment: Segment) -> DeError {
        self.path.insert(0, segment);
        self
    }

    pub(super) fn expected(expected: &dyn Expected, node: &Node) -> DeError {
        DeError::wrong_type(plain_expectation(expected.to_string()), describe(node))
    }

    pub(super) fn wrong_type(expected: String, found: String) -> DeError {
        let mut error = DeError::new(format!("expected {expected}, found {found}"));
        error.kind = ErrorKind::WrongType {
            expected: expected.into(),
            found: found.into(),
        };
        error
    }

    pub(super) fn number(value: &str, problem: NumberProblem) -> DeError {
        let kind = InputErrorKind::Number {
            path: String::new(),
            value: value.to_owned(),
            problem,
        };
        let mut error = DeError::new(kind.to_string());
        error.kind = ErrorKind::Number {
            value: value.into(),
            problem,
        };
        error
    }

    /// The path as text: the map holding the culprit when the culprit is a key.
    fn field_path(&self) -> String {
        let path = if self.in_key {
            self.path.split_last().map_or(&[][..], |(_, parent)| parent)
        } else {
            &self.path[..]
        };
        super::path_text(path)
    }

    /// The error as an input error's kind.
    pub(crate) fn input_kind(&self) -> InputErrorKind {
        let path = self.field_path();
        let expected = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect();
        match &self.kind {
            ErrorKind::MissingField(field) => InputErrorKind::MissingField {
                path: super::path_text(&self.path),
                field: (*field).to_owned(),
            },
            ErrorKind::UnknownField { field, expected: e } => InputErrorKind::UnknownField {
                path,
                suggestion: closest(field, e.iter().copied()).map(str::to_owned),
                field: field.to_string(),
                expected: expected(e),
            },
            ErrorKind::UnknownValue { value, expected: e } => InputErrorKind::UnknownValue {
                path: if self.in_key {
                    super::path_text(&self.path)
                } else {
                    path
                },
                suggestion: closest(value, e.iter().copied()).map(str::to_owned),
                value: value.to_string(),
                expected: expected(e),
            },
            ErrorKind::WrongType { expected, found } => InputErrorKind::WrongType {
                path,
                expected: expected.to_string(),
                found: found.to_string(),
            },
            ErrorKind::Number { value, problem } => InputErrorKind::Number {
                path,
                value: value.to_string(),
                problem: *problem,
            },
            ErrorKind::Null => InputErrorKind::Null { path },
            ErrorKind::Other => InputErrorKind::Invalid {
                path,
                problem: self.message.to_string(),
            },
        }
    }
}

impl DeError {
    /// The message with the path it concerns: `in `amount`: unknown field `totl``, or
    /// `` `amount.total`: expected ... ``.
    pub(crate) fn describe(&self) -> String {
        let within = |path: &[Segment]| {
            if path.is_empty() {
                self.message.to_string()
            } else {
                format!("in `{}`: {}", super::path_text(path), self.message)
            }
        };
        match self.kind {
            ErrorKind::MissingField(_) => within(&self.path),
            _ if self.in_key => {
                within(self.path.split_last().map_or(&[][..], |(_, parent)| parent))
            }
            _ if self.path.is_empty() => self.message.to_string(),
            _ => format!("`{}`: {}", super::path_text(&self.path), self.message),
        }
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

/// What a type expects, in the document's terms: serde's derived types expect `struct
/// PolicyDocument` or `enum Method`, names of the crate's types that mean nothing to whoever
/// wrote the document, where a map of fields or a name is what they take.
fn plain_expectation(expected: String) -> String {
    if expected.starts_with("struct ") {
        "a map of fields".to_owned()
    } else if expected.starts_with("enum ") {
        "a name".to_owned()
    } else {
        expected
    }
}

/// Lists at most this many expected names in a message; a longer list is left to the help.
const MAX_LISTED: usize = 12;

fn one_of(expected: &'static [&'static str]) -> Option<String> {
    match expected {
        [] => None,
        [one] => Some(format!("expected `{one}`")),
        list if list.len() <= MAX_LISTED => Some(format!(
            "expected one of {}",
            list.iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        _ => None,
    }
}

fn suggestion(given: &str, expected: &'static [&'static str]) -> Option<String> {
    closest(given, expected.iter().copied())
        .map(|s| format!("did you mean `{s}`?"))
        .or_else(|| one_of(expected))
}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        let mut error = DeError::new(msg.to_string());
        if &*error.message == NULL_REFUSED {
            error.kind = ErrorKind::Null;
        }
        error
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        DeError::wrong_type(plain_expectation(exp.to_string()), unexp.to_string())
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        DeError::new(format!("invalid value {unexp}: expected {exp}"))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let mut error = DeError::new(format!("unknown field `{field}`"));
        error.help = suggestion(field, expected);
        error.kind = ErrorKind::UnknownField {
            field: field.into(),
            expected,
        };
        error
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let mut error = DeError::new(format!("unknown value `{variant}`"));
        error.help = suggestion(variant, expected);
        error.kind = ErrorKind::UnknownValue {
            value: variant.into(),
            expected,
        };
        error
    }

    fn missing_field(field: &'static str) -> Self {
        let mut error = DeError::new(format!("missing field `{field}`"));
        error.kind = ErrorKind::MissingField(field);
        error
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError::new(format!("duplicate key `{field}`"))
    }
}

/// How a node reads in an error message.
pub(super) fn describe(node: &Node) -> String {
    match &node.value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number { text, .. } => format!("the number `{text}`"),
        Value::String(s) => format!("the text `{s}`"),
        Value::Seq(_) => "a list".to_owned(),
        Value::Map(_) => "a map".to_owned(),
    }
}
