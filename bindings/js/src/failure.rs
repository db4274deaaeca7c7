//! Why a call failed, in the form the JavaScript side throws: the kind of the library's error
//! (which becomes the class of the JS error), its message word for word, and what it is about.

use refund_policy::input::InputError;
use refund_policy::{LoadError, Problem};
use serde::Serialize;
use std::fmt;

/// The kinds of failure, named after the library's error types; each is a JS error class of
/// the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum Kind {
    /// A payment, request, merchant profile or case that cannot be read into the model
    /// (`refund_policy::input::InputError`).
    InputError,
    /// An instant without an offset, or not RFC 3339 (`refund_policy::model::InstantError`).
    InstantError,
    /// Policies that do not load, with every problem (`refund_policy::LoadError`).
    LoadError,
    /// A payload format name that is not one of the adapters' (`adapters::UnknownFormat`).
    UnknownFormat,
    /// A provider id that is not one of the four (`model::UnknownProvider`).
    UnknownProvider,
    /// A language other than `ko` and `en`.
    UnknownLanguage,
}

/// A failed call: thrown to JavaScript as an error of class `kind`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    /// Which error.
    pub kind: Kind,
    /// The library's message, as its `Display` writes it.
    pub message: String,
    /// The argument it is about (`payment`, `request`, `merchant`, `now`, `case`, `lang`,
    /// `payment_format`, `request_format`, `provider`, `policies`).
    pub input: &'static str,
    /// A hint, where the library gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Where in the input text, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Where in the input text, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// For `LoadError`: every problem, one per place.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<ProblemView>,
}

/// One policy problem, as `policies validate` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProblemView {
    /// The source's name.
    pub file: String,
    /// The line, from 1.
    pub line: u32,
    /// The column, from 1.
    pub column: u32,
    /// What is wrong.
    pub message: String,
    /// How to fix it, where there is something to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// `FILE:LINE:COLUMN: message (hint)`, as the command line prints it.
    pub text: String,
}

impl From<&Problem> for ProblemView {
    fn from(problem: &Problem) -> ProblemView {
        ProblemView {
            file: problem.file.clone(),
            line: problem.location.line,
            column: problem.location.column,
            message: problem.message.clone(),
            help: problem.help.clone(),
            text: problem.to_string(),
        }
    }
}

impl Failure {
    /// A failure with only a kind, a message and the argument it is about.
    pub fn new(kind: Kind, input: &'static str, message: impl fmt::Display) -> Failure {
        Failure {
            kind,
            message: message.to_string(),
            input,
            help: None,
            line: None,
            column: None,
            problems: Vec::new(),
        }
    }

    /// An input that cannot be read, keeping the library's hint and place.
    pub fn input(input: &'static str, error: &InputError) -> Failure {
        Failure {
            help: error.help().map(str::to_owned),
            line: error.location().map(|at| at.line),
            column: error.location().map(|at| at.column),
            ..Failure::new(Kind::InputError, input, error)
        }
    }

    /// Policies that do not load.
    pub fn load(error: &LoadError) -> Failure {
        Failure {
            problems: error.problems().iter().map(ProblemView::from).collect(),
            ..Failure::new(Kind::LoadError, "policies", error)
        }
    }

    /// The failure as the JSON text the JavaScript wrapper turns into an error.
    pub fn to_json(&self) -> String {
        // Serializing strings and numbers cannot fail; the fallback keeps an error an error.
        serde_json::to_string(self).unwrap_or_else(|_| {
            r#"{"kind":"InputError","message":"the error could not be written","input":""}"#
                .to_owned()
        })
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}
