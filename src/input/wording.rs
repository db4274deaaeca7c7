//! How each kind of input error reads: the message and the hint are written from the kind's
//! data, so that what a caller matches and what a person reads cannot disagree.

use super::error::{Document, InputErrorKind, Limit, NumberProblem};
use std::fmt;

/// Lists at most this many expected values in a hint; a longer list is not a hint.
const MAX_LISTED: usize = 12;

impl fmt::Display for InputErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputErrorKind::Syntax { problem } => f.write_str(problem),
            InputErrorKind::Limit { document, limit } => {
                write!(f, "the {document} is refused by the {limit}")
            }
            InputErrorKind::DuplicateKey { key, .. } => write!(f, "duplicate key `{key}`"),
            InputErrorKind::MissingField { path, field } => {
                within(f, path)?;
                write!(f, "missing field `{field}`")
            }
            InputErrorKind::UnknownField { path, field, .. } => {
                within(f, path)?;
                write!(f, "unknown field `{field}`")
            }
            InputErrorKind::UnknownValue { path, value, .. } => {
                field(f, path)?;
                write!(f, "unknown value `{value}`")
            }
            InputErrorKind::WrongType {
                path,
                expected,
                found,
            } => {
                field(f, path)?;
                write!(f, "expected {expected}, found {found}")
            }
            InputErrorKind::Number {
                path,
                value,
                problem,
            } => {
                field(f, path)?;
                number(f, value, *problem)
            }
            InputErrorKind::Null { path } => {
                field(f, path)?;
                f.write_str("null is not a value here")
            }
            InputErrorKind::Invalid { path, problem } => {
                field(f, path)?;
                f.write_str(problem)
            }
            InputErrorKind::Inconsistent { within, problem } => match within {
                Some(path) => write!(f, "in `{path}`: {problem}"),
                None => f.write_str(problem),
            },
            InputErrorKind::UnknownContract { index, id, .. } => {
                write!(f, "`contracts[{index}]`: unknown contract id `{id}`")
            }
        }
    }
}

impl InputErrorKind {
    /// The hint the kind gives: the closest known name, the names to choose from, what to do.
    pub(crate) fn help(&self) -> Option<String> {
        match self {
            InputErrorKind::DuplicateKey { first, .. } => {
                Some(format!("first given at line {}", first.line))
            }
            InputErrorKind::UnknownField {
                expected,
                suggestion,
                ..
            }
            | InputErrorKind::UnknownValue {
                expected,
                suggestion,
                ..
            } => did_you_mean(suggestion.as_deref())
                .or_else(|| listed("expected one of ", expected, MAX_LISTED)),
            InputErrorKind::UnknownContract {
                known, suggestion, ..
            } => did_you_mean(suggestion.as_deref())
                .or_else(|| listed("the policies define ", known, usize::MAX)),
            // A request's `amount`, read alone or inside a case file.
            InputErrorKind::Null { path } if path == "amount" || path == "request.amount" => {
                Some("leave `amount` out to refund everything that remains".to_owned())
            }
            InputErrorKind::Null { .. } => {
                Some("leave the field out when it has no value".to_owned())
            }
            _ => None,
        }
    }
}

fn did_you_mean(suggestion: Option<&str>) -> Option<String> {
    suggestion.map(|s| format!("did you mean `{s}`?"))
}

fn listed(lead: &str, values: &[String], max: usize) -> Option<String> {
    match values {
        [] => None,
        [one] => Some(format!("expected `{one}`")),
        list if list.len() <= max => Some(format!(
            "{lead}{}",
            list.iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        _ => None,
    }
}

/// `` in `path`: `` before a problem inside a map, nothing for the document itself.
fn within(f: &mut fmt::Formatter<'_>, path: &str) -> fmt::Result {
    if path.is_empty() {
        Ok(())
    } else {
        write!(f, "in `{path}`: ")
    }
}

/// `` `path`: `` before a problem with a field's value, nothing for the document itself.
fn field(f: &mut fmt::Formatter<'_>, path: &str) -> fmt::Result {
    if path.is_empty() {
        Ok(())
    } else {
        write!(f, "`{path}`: ")
    }
}

fn number(f: &mut fmt::Formatter<'_>, value: &str, problem: NumberProblem) -> fmt::Result {
    match problem {
        NumberProblem::Form => write!(
            f,
            "the number `{value}` is not written as a decimal number (hexadecimal, octal, `_`, \
             a leading `+` or zero, `.inf` and `.nan` are not read)"
        ),
        NumberProblem::Precision => write!(
            f,
            "`{value}` has more digits than an amount holds exactly (28 significant digits, \
             at most 28 after the decimal point)"
        ),
        NumberProblem::Range => {
            write!(f, "`{value}` is out of range: amounts are at most 10^18")
        }
        NumberProblem::NotANumber => write!(f, "`{value}` is not a decimal amount"),
    }
}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Document::Payment => "payment",
            Document::Request => "refund request",
            Document::Merchant => "merchant profile",
            Document::Policy => "policy",
            Document::Case => "case",
        })
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Bytes { max, actual } => write!(
                f,
                "size limit: it is {actual} bytes long, more than the {max} bytes allowed"
            ),
            Limit::Nodes(max) => write!(
                f,
                "node limit: it holds more than {max} values (lists, maps and scalars, aliases \
                 expanded)"
            ),
            Limit::Depth(max) => write!(f, "depth limit: it nests more than {max} levels deep"),
            Limit::AliasExpansion(max) => write!(
                f,
                "alias expansion limit: its aliases expand to more than {max} parser events, \
                 as an alias bomb does"
            ),
            Limit::Aliases(max) => write!(f, "alias limit: it uses more than {max} aliases"),
            Limit::Anchors(max) => {
                write!(f, "anchor limit: it defines more than {max} anchors")
            }
            Limit::Events(max) => {
                write!(f, "event limit: it makes more than {max} parser events")
            }
            Limit::TextBytes(max) => write!(
                f,
                "text size limit: its text values add up to more than {max} bytes, aliases \
                 expanded"
            ),
        }
    }
}
