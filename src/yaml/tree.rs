//! The positioned YAML tree.

use super::node::{Location, Node, Value};
use super::raw::{self, Duplicate, KeyProblem, location};
use crate::input::limits;
use crate::input::{Document, InputErrorKind, Limit};
use serde_saphyr::{Budget, Options};

impl Node {
    /// The node at `path`, following map keys and sequence indexes.
    pub(crate) fn get(&self, path: &[super::Segment]) -> Option<&Node> {
        let Some((first, rest)) = path.split_first() else {
            return Some(self);
        };
        let child = match (&self.value, first) {
            (Value::Map(entries), super::Segment::Key(key)) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key.as_str()))
                .map(|(_, v)| v),
            (Value::Seq(items), super::Segment::Index(i)) => items.get(*i),
            _ => None,
        }?;
        child.get(rest)
    }

    /// Removes the entry or item at `path`; false when there is nothing to remove there.
    pub(crate) fn remove(&mut self, path: &[super::Segment]) -> bool {
        let Some((last, parent)) = path.split_last() else {
            return false;
        };
        let Some(parent) = self.get_mut(parent) else {
            return false;
        };
        match (&mut parent.value, last) {
            (Value::Map(entries), super::Segment::Key(key)) => {
                let before = entries.len();
                entries.retain(|(k, _)| k.as_str() != Some(key.as_str()));
                entries.len() != before
            }
            (Value::Seq(items), super::Segment::Index(i)) if *i < items.len() => {
                items.remove(*i);
                true
            }
            _ => false,
        }
    }

    fn get_mut(&mut self, path: &[super::Segment]) -> Option<&mut Node> {
        let Some((first, rest)) = path.split_first() else {
            return Some(self);
        };
        let child = match (&mut self.value, first) {
            (Value::Map(entries), super::Segment::Key(key)) => entries
                .iter_mut()
                .find(|(k, _)| k.as_str() == Some(key.as_str()))
                .map(|(_, v)| v),
            (Value::Seq(items), super::Segment::Index(i)) => items.get_mut(*i),
            _ => None,
        }?;
        child.get_mut(rest)
    }

    /// The text of a string node.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// A text that is not well-formed YAML, or breaks a reading limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// The message, written from `kind`.
    pub(crate) message: String,
    pub(crate) kind: Box<InputErrorKind>,
    pub(crate) at: Location,
}

impl SyntaxError {
    fn new(kind: InputErrorKind, at: Location) -> SyntaxError {
        SyntaxError {
            message: kind.to_string(),
            kind: Box::new(kind),
            at,
        }
    }
}

/// The parser's budgets, from the crate's [reading limits](crate::input::limits).
fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = limits::MAX_DEPTH;
    budget.flow_nesting_limit = limits::MAX_DEPTH;
    budget.max_nodes = limits::MAX_NODES;
    budget.max_events = limits::MAX_EVENTS;
    budget.max_aliases = limits::MAX_ALIASES;
    budget.max_anchors = limits::MAX_ANCHORS;
    budget.max_total_scalar_bytes = limits::MAX_POLICY_BYTES;
    budget.max_recorded_anchor_bytes = limits::MAX_POLICY_BYTES;
    budget.max_recorded_anchor_events = limits::MAX_ALIAS_EXPANSION;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = limits::MAX_ALIAS_EXPANSION;
    raw::tree_options(options)
}

/// Parses a policy's `text` into a tree; see [`parse_document`].
pub(crate) fn parse(text: &str) -> Result<(Node, Vec<Duplicate>), SyntaxError> {
    parse_document(text, Document::Policy)
}

/// Parses `text`, a `document`, into a tree. Keys repeated within one mapping are reported and
/// only their first occurrence is kept, so the rest of the document can still be checked. The
/// size limit is checked before parsing, the other limits while parsing.
pub(crate) fn parse_document(
    text: &str,
    document: Document,
) -> Result<(Node, Vec<Duplicate>), SyntaxError> {
    let max = match document {
        Document::Policy => limits::MAX_POLICY_BYTES,
        _ => limits::MAX_INPUT_BYTES,
    };
    if text.len() > max {
        let limit = Limit::Bytes {
            max,
            actual: text.len(),
        };
        return Err(SyntaxError::new(
            InputErrorKind::Limit { document, limit },
            Location { line: 1, column: 1 },
        ));
    }
    let raw = raw::parse_raw(text, options()).map_err(|e| syntax_error(&e, document))?;
    let mut duplicates = Vec::new();
    let node = raw::build(raw, text, &mut duplicates).map_err(|key: KeyProblem| {
        let problem = key.problem.to_owned();
        SyntaxError::new(InputErrorKind::Syntax { problem }, key.at)
    })?;
    Ok((node, duplicates))
}

fn syntax_error(error: &serde_saphyr::Error, document: Document) -> SyntaxError {
    let at = error
        .location()
        .map(|l| location(&l))
        .unwrap_or(Location { line: 1, column: 1 });
    let error = original(error);
    let rendered = error.to_string();
    let first_line = rendered.lines().next().unwrap_or("malformed YAML");
    let message = strip_position(first_line.trim_start_matches("error: "));
    let kind = match broken_limit(error, message) {
        Some(limit) => InputErrorKind::Limit { document, limit },
        None => InputErrorKind::Syntax {
            problem: message.to_owned(),
        },
    };
    SyntaxError::new(kind, at)
}

/// The error itself, without the snippet and alias wrappers around it.
fn original(mut error: &serde_saphyr::Error) -> &serde_saphyr::Error {
    while let serde_saphyr::Error::AliasError { error: inner, .. }
    | serde_saphyr::Error::WithSnippet { error: inner, .. } = error
    {
        error = inner;
    }
    error
}

/// Which reading limit a parser error reports, if it reports one.
fn broken_limit(error: &serde_saphyr::Error, message: &str) -> Option<Limit> {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    Some(match error {
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => {
            Limit::AliasExpansion(limits::MAX_ALIAS_EXPANSION)
        }
        E::AliasReplayStackDepthExceeded { .. } => Limit::Depth(limits::MAX_DEPTH),
        E::Budget { breach, .. } => match breach {
            B::Depth { .. } => Limit::Depth(limits::MAX_DEPTH),
            B::Nodes { .. } => Limit::Nodes(limits::MAX_NODES),
            B::Events { .. } => Limit::Events(limits::MAX_EVENTS),
            B::Aliases { .. } => Limit::Aliases(limits::MAX_ALIASES),
            B::Anchors { .. } => Limit::Anchors(limits::MAX_ANCHORS),
            B::ScalarBytes { .. } | B::RecordedAnchorBytes { .. } => {
                Limit::TextBytes(limits::MAX_POLICY_BYTES)
            }
            // Anchor retention and many aliases per anchor are what an alias bomb costs.
            B::RecordedAnchorEvents { .. } | B::AliasAnchorRatio { .. } => {
                Limit::AliasExpansion(limits::MAX_ALIAS_EXPANSION)
            }
            _ => return None,
        },
        // The parser's own guard against nesting, below the depth budget's.
        _ if message.starts_with("recursion limit exceeded") => Limit::Depth(limits::MAX_DEPTH),
        _ => return None,
    })
}

/// Drops the position serde-saphyr writes into its messages (a leading `line N column M: `,
/// a trailing ` at line N, column M`): problems carry their position separately.
fn strip_position(message: &str) -> &str {
    let mut message = message;
    if let Some(rest) = message.strip_prefix("line ")
        && let Some((_, after)) = rest.split_once(": ")
    {
        message = after;
    }
    if let Some((before, after)) = message.rsplit_once(" at line ")
        && after
            .split(", column ")
            .all(|n| n.trim().parse::<u64>().is_ok())
    {
        message = before;
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Result<Vec<String>, String> {
        let (tree, _) = parse(text).map_err(|e| e.message)?;
        match tree.value {
            Value::Map(entries) => Ok(entries
                .iter()
                .filter_map(|(key, _)| key.as_str().map(str::to_owned))
                .collect()),
            other => Err(format!("not a map: {other:?}")),
        }
    }

    #[test]
    fn scalar_keys_read_as_written() {
        assert_eq!(
            keys("01: a\ntrue: b\n1.50: c\n'null': d\n0x10: e\n"),
            Ok(vec!["01", "true", "1.50", "null", "0x10"]
                .into_iter()
                .map(str::to_owned)
                .collect())
        );
    }

    #[test]
    fn null_and_collection_keys_are_refused_at_their_place() {
        let error = parse("a: 1\n~: 2\n").expect_err("a null key");
        assert_eq!(error.message, "a map key cannot be null");
        assert_eq!(error.at, Location { line: 2, column: 1 });
        let error = parse("? [a, b]\n: 1\n").expect_err("a list as a key");
        assert_eq!(error.message, "a map key must be text, not a list or a map");
    }
}
