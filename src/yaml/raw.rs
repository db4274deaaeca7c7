//! From serde-saphyr's parse to the positioned tree: every node with its place, each number's
//! text as written, keys repeated within a mapping set aside.
//!
//! Shared with the build script (`build.rs`, through `#[path]`), which builds the built-in
//! policies' trees with this same code: keep this file free of the crate's other modules.

use super::node::{Location, Node, Value};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, NonFiniteFloatPolicy, Options, Spanned};
use std::collections::HashMap;
use std::fmt;

/// A key that appears twice in one mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Duplicate {
    pub(crate) key: String,
    pub(crate) at: Location,
    pub(crate) first: Location,
}

/// A map key the tree cannot hold (null, a list or a map), and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyProblem {
    pub(crate) problem: &'static str,
    pub(crate) at: Location,
}

/// `options` with what shapes the tree: every entry of a mapping handed over (duplicates
/// included), strict booleans, non-finite numbers kept with their text, no snippets.
pub(crate) fn tree_options(mut options: Options) -> Options {
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.strict_booleans = true;
    // `1e400` and `.inf` reach the tree as numbers with their text, for the field that reads
    // them to refuse with its name, instead of failing the whole parse without one.
    options.non_finite_float_policy = NonFiniteFloatPolicy::PassThrough;
    options.with_snippet = false;
    options
}

/// Parses `text` with `options` into serde-saphyr's spanned values, for [`build`].
pub(crate) fn parse_raw(text: &str, options: Options) -> Result<Spanned<Raw>, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options(text, options)
}

pub(crate) fn location(l: &serde_saphyr::Location) -> Location {
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
fn key_text(key: &Spanned<Raw>, source: &str) -> Result<String, KeyProblem> {
    let problem = match &key.value {
        Raw::String(s) => return Ok(s.clone()),
        Raw::Integer(i) => return Ok(number_text(key, source, i.to_string())),
        Raw::Float(f) => return Ok(number_text(key, source, f.to_string())),
        Raw::Bool(b) => return Ok(number_text(key, source, b.to_string())),
        Raw::Null => "a map key cannot be null",
        Raw::Seq(_) | Raw::Map(_) => "a map key must be text, not a list or a map",
    };
    Err(KeyProblem {
        problem,
        at: location(&key.referenced),
    })
}

/// The tree of `raw`, parsed from `source`. Keys repeated within one mapping go to
/// `duplicates` and only their first occurrence is kept.
pub(crate) fn build(
    raw: Spanned<Raw>,
    source: &str,
    duplicates: &mut Vec<Duplicate>,
) -> Result<Node, KeyProblem> {
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
                let key_at = location(&key.referenced);
                let key = key_text(&key, source)?;
                let value = build(value, source, duplicates)?;
                match seen.get(&key).and_then(|&i| kept.get(i)) {
                    Some((first, _)) => duplicates.push(Duplicate {
                        key,
                        at: key_at,
                        first: first.at,
                    }),
                    None => {
                        seen.insert(key.clone(), kept.len());
                        let key = Node {
                            value: Value::String(key),
                            at: key_at,
                        };
                        kept.push((key, value));
                    }
                }
            }
            Value::Map(kept)
        }
    };
    Ok(Node { value, at })
}

/// What serde-saphyr hands over: every node with its span, every map entry in order.
pub(crate) enum Raw {
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
