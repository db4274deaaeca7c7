//! Reading a part of a document into a tree first, to deserialize it from the tree afterwards
//! or not at all: what a part that may not read (an adapter's lax part) needs.
//!
//! serde's own buffer (`#[serde(untagged)]`) would do the same, but every type read through it
//! gets a second, buffered, deserializer compiled beside the tree's: the WebAssembly package
//! pays for both.

use super::{Location, Node, Value, from_node};
use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Reads `T` from a part captured as a tree; `None` when it does not read as `T`.
pub(crate) fn read_part<T: DeserializeOwned>(part: &Node) -> Option<T> {
    from_node(part).ok()
}

/// A node handed over by a deserializer: the tree gives its values as they read, and the node
/// keeps them so. Places are not kept: a captured part that does not read is not reported.
impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

fn node(value: Value) -> Node {
    Node {
        value,
        at: Location::default(),
    }
}

fn integer(value: i128) -> Node {
    node(Value::Number {
        text: value.to_string(),
        integer: Some(value),
    })
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(node(Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(integer(i128::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(integer(i128::from(v)))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        Ok(integer(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(node(Value::String(v.to_owned())))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(node(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(node(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(node(Value::Seq(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(node(Value::Map(entries)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Card {
        number: String,
        kind: Option<u8>,
    }

    fn part(text: &str) -> Node {
        let (tree, _) = crate::yaml::parse_document(text, crate::input::Document::Payment)
            .unwrap_or_else(|e| panic!("{e:?}"));
        from_node(&tree).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn a_part_reads_as_the_tree_reads_it() {
        let card = read_part::<Card>(&part("{number: 01012345678, kind: 1}"));
        assert_eq!(
            card,
            Some(Card {
                number: "01012345678".to_owned(),
                kind: Some(1)
            })
        );
    }

    #[test]
    fn a_part_of_another_shape_does_not_read() {
        assert_eq!(read_part::<Card>(&part("[1, 2]")), None);
        assert_eq!(read_part::<Card>(&part("{number: x, color: red}")), None);
        assert_eq!(read_part::<Card>(&part("{number: x, kind: 1.5}")), None);
    }
}
