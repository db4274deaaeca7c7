//! The positioned YAML tree.

use super::Location;
use crate::input::limits;
use crate::input::{Document, InputErrorKind, Limit};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, DuplicateKeyPolicy, NonFiniteFloatPolicy, Options, Spanned};
use std::collections::HashMap;
use std::fmt;

/// A YAML node and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub(crate) value: Value,
    pub(crate) at: Location,
}

/// What a node holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    /// A number as written, and its value when it is an integer.
    Number {
        text: String,
        integer: Option<i128>,
    },
    String(String),
    Seq(Vec<Node>),
    /// Entries in document order; keys are string nodes.
    Map(Vec<(Node, Node)>),
}

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

/// A key that appears twice in one mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Duplicate {
    pub(crate) key: String,
    pub(crate) at: Location,
    pub(crate) first: Location,
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
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.strict_booleans = true;
    // `1e400` and `.inf` reach the tree as numbers with their text, for the field that reads
    // them to refuse with its name, instead of failing the whole parse without one.
    options.non_finite_float_policy = NonFiniteFloatPolicy::PassThrough;
    options.with_snippet = false;
    options
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
    let raw: Spanned<Raw> = serde_saphyr::from_str_with_options(text, options())
        .map_err(|e| syntax_error(&e, document))?;
    let mut duplicates = Vec::new();
    let node = build(raw, text, &mut duplicates)?;
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

fn location(l: &serde_saphyr::Location) -> Location {
    Location {
        line: u32::try_from(l.line()).unwrap_or(u32::MAX),
        column: u32::try_from(l.column()).unwrap_or(u32::MAX),
    }
}

/// A scalar's text as written: from the source at its span, falling back to its value.
fn number_text(raw: &Spanned<Raw>, source: &str, fallback: String) -> String {
    let span = raw.defined.span();
    let slice = span
        .byte_offset()
        .zip(span.byte_len())
        .and_then(|(offset, len)| {
            let start = usize::try_from(offset).ok()?;
            let end = start.checked_add(usize::try_from(len).ok()?)?;
            source.get(start..end)
        });
    match slice {
        Some(text) if !text.is_empty() => text.trim().to_owned(),
        _ => fallback,
    }
}

/// A map key's text: a string as it reads, a number or a boolean as written (`01`, `true`).
/// Keys are read as values rather than as strings so that the parser compiles one reader, not
/// two (the WebAssembly package pays for each); null and collections are refused here as the
/// parser refused them as strings.
fn key_text(key: &Spanned<Raw>, source: &str) -> Result<String, SyntaxError> {
    let problem = match &key.value {
        Raw::String(s) => return Ok(s.clone()),
        Raw::Integer(i) => return Ok(number_text(key, source, i.to_string())),
        Raw::Float(f) => return Ok(number_text(key, source, f.to_string())),
        Raw::Bool(b) => return Ok(number_text(key, source, b.to_string())),
        Raw::Null => "a map key cannot be null",
        Raw::Seq(_) | Raw::Map(_) => "a map key must be text, not a list or a map",
    };
    Err(SyntaxError::new(
        InputErrorKind::Syntax {
            problem: problem.to_owned(),
        },
        location(&key.referenced),
    ))
}

fn build(
    raw: Spanned<Raw>,
    source: &str,
    duplicates: &mut Vec<Duplicate>,
) -> Result<Node, SyntaxError> {
    let at = location(&raw.referenced);
    let value = match raw.value {
        Raw::Null => Value::Null,
        Raw::Bool(b) => Value::Bool(b),
        Raw::Integer(i) => Value::Number {
            text: number_text(&raw, source, i.to_string()),
            integer: Some(i),
        },
        Raw::Float(f) => Value::Number {
            text: number_text(&raw, source, f.to_string()),
            integer: None,
        },
        Raw::String(ref s) => Value::String(s.clone()),
        Raw::Seq(items) => Value::Seq(
            items
                .into_iter()
                .map(|item| build(item, source, duplicates))
                .collect::<Result<_, _>>()?,
        ),
        Raw::Map(entries) => {
            let mut kept: Vec<(Node, Node)> = Vec::with_capacity(entries.len());
            // Key -> index in `kept`: a map of many entries (a policy's PG list) stays linear.
            let mut seen: HashMap<String, usize> = HashMap::with_capacity(entries.len());
            for (key, value) in entries {
                let key_node = Node {
                    at: location(&key.referenced),
                    value: Value::String(key_text(&key, source)?),
                };
                let value_node = build(value, source, duplicates)?;
                let key_text = key_node.as_str().unwrap_or_default().to_owned();
                match seen.get(&key_text).and_then(|&i| kept.get(i)) {
                    Some((first, _)) => duplicates.push(Duplicate {
                        key: key_text,
                        at: key_node.at,
                        first: first.at,
                    }),
                    None => {
                        seen.insert(key_text, kept.len());
                        kept.push((key_node, value_node));
                    }
                }
            }
            Value::Map(kept)
        }
    };
    Ok(Node { value, at })
}

/// What serde-saphyr hands over: every node with its span, every map entry in order.
enum Raw {
    Null,
    Bool(bool),
    Integer(i128),
    Float(f64),
    String(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Integer(i128::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::Integer(i128::from(v)))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw::Integer(v))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Raw, E> {
        i128::try_from(v)
            .map(Raw::Integer)
            .map_err(|_| E::custom(format_args!("the number `{v}` is too large")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(RawVisitor)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Raw::Map(entries))
    }
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
