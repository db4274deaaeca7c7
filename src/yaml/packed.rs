//! A compact binary form of a positioned tree, which the build script writes for each built-in
//! policy and the library reads back instead of parsing the YAML again.
//!
//! Shared with the build script (`build.rs`, through `#[path]`), so one encoder and one decoder
//! exist. A node is a tag byte, its line and column, then what the tag says: a text (a length
//! and UTF-8 bytes), a number's text and its integer (16 bytes, little-endian), or a count of
//! items or entries, each a node (an entry is its key node, then its value node). Lengths,
//! counts, lines and columns are LEB128 varints. Decoding checks everything it reads and gives
//! `None` for bytes it did not write, never panicking.

use super::node::{Location, Node, Value};

const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const NUMBER: u8 = 3;
const INTEGER: u8 = 4;
const STRING: u8 = 5;
const SEQ: u8 = 6;
const MAP: u8 = 7;

/// The deepest nesting decoding follows, so that no bytes can exhaust the stack; the trees
/// written are parsed within the reading limits' depth, which is less.
pub(crate) const MAX_DEPTH: usize = 64;

/// Appends `node`'s binary form to `out`.
pub(crate) fn encode(node: &Node, out: &mut Vec<u8>) {
    let tag = match &node.value {
        Value::Null => NULL,
        Value::Bool(false) => FALSE,
        Value::Bool(true) => TRUE,
        Value::Number { integer: None, .. } => NUMBER,
        Value::Number {
            integer: Some(_), ..
        } => INTEGER,
        Value::String(_) => STRING,
        Value::Seq(_) => SEQ,
        Value::Map(_) => MAP,
    };
    out.push(tag);
    put_varint(out, u64::from(node.at.line));
    put_varint(out, u64::from(node.at.column));
    match &node.value {
        Value::Null | Value::Bool(_) => {}
        Value::Number { text, integer } => {
            put_text(out, text);
            if let Some(integer) = integer {
                out.extend_from_slice(&integer.to_le_bytes());
            }
        }
        Value::String(text) => put_text(out, text),
        Value::Seq(items) => {
            put_len(out, items.len());
            for item in items {
                encode(item, out);
            }
        }
        Value::Map(entries) => {
            put_len(out, entries.len());
            for (key, value) in entries {
                encode(key, out);
                encode(value, out);
            }
        }
    }
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(u8::try_from(value & 0x7f).unwrap_or(0) | 0x80);
        value >>= 7;
    }
    out.push(u8::try_from(value).unwrap_or(0));
}

fn put_len(out: &mut Vec<u8>, len: usize) {
    put_varint(out, u64::try_from(len).unwrap_or(u64::MAX));
}

fn put_text(out: &mut Vec<u8>, text: &str) {
    put_len(out, text.len());
    out.extend_from_slice(text.as_bytes());
}

/// The tree `bytes` hold, if they are one whole node as [`encode`] writes it.
pub(crate) fn decode(bytes: &[u8]) -> Option<Node> {
    let mut reader = Reader { bytes };
    let node = reader.node(0)?;
    reader.bytes.is_empty().then_some(node)
}

/// The bytes not read yet.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn node(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let tag = self.byte()?;
        let at = Location {
            line: u32::try_from(self.varint()?).ok()?,
            column: u32::try_from(self.varint()?).ok()?,
        };
        let value = match tag {
            NULL => Value::Null,
            FALSE => Value::Bool(false),
            TRUE => Value::Bool(true),
            NUMBER => Value::Number {
                text: self.text()?,
                integer: None,
            },
            INTEGER => Value::Number {
                text: self.text()?,
                integer: Some(i128::from_le_bytes(self.take(16)?.try_into().ok()?)),
            },
            STRING => Value::String(self.text()?),
            SEQ => {
                let count = self.len()?;
                // Every node takes at least three bytes: the count cannot reserve more than the
                // bytes left could hold.
                let mut items = Vec::with_capacity(count.min(self.bytes.len()));
                for _ in 0..count {
                    items.push(self.node(depth.checked_add(1)?)?);
                }
                Value::Seq(items)
            }
            MAP => {
                let count = self.len()?;
                let mut entries = Vec::with_capacity(count.min(self.bytes.len()));
                for _ in 0..count {
                    let key = self.node(depth.checked_add(1)?)?;
                    let value = self.node(depth.checked_add(1)?)?;
                    entries.push((key, value));
                }
                Value::Map(entries)
            }
            _ => return None,
        };
        Some(Node { value, at })
    }

    fn byte(&mut self) -> Option<u8> {
        let (&byte, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(byte)
    }

    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.bytes.split_at_checked(len)?;
        self.bytes = rest;
        Some(taken)
    }

    /// A LEB128 varint of at most ten bytes; bits past the 64th are refused.
    fn varint(&mut self) -> Option<u64> {
        let mut value: u64 = 0;
        for shift in (0..64u32).step_by(7) {
            let byte = self.byte()?;
            let bits = u64::from(byte & 0x7f);
            if bits.leading_zeros() < shift {
                return None;
            }
            value |= bits.checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok()
    }

    fn text(&mut self) -> Option<String> {
        let len = self.len()?;
        std::str::from_utf8(self.take(len)?).ok().map(str::to_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tree(text: &str) -> Node {
        match crate::yaml::parse(text) {
            Ok((tree, _)) => tree,
            Err(error) => panic!("{}", error.message),
        }
    }

    fn encoded(node: &Node) -> Vec<u8> {
        let mut bytes = Vec::new();
        encode(node, &mut bytes);
        bytes
    }

    const EVERY_KIND: &str = "\
a: ~
b: [true, false, 0x10, -7, 170141183460469231731687303715884105727, 1.50, 1e400, .inf]
한글 키: \"값 with \\\"quotes\\\"\"
01: { nested: [[], {}, [x, {y: z}]] }
";

    #[test]
    fn every_kind_of_node_decodes_as_it_was() {
        let node = tree(EVERY_KIND);
        assert_eq!(decode(&encoded(&node)), Some(node));
    }

    #[test]
    fn anything_but_one_whole_node_decodes_to_none() {
        let bytes = encoded(&tree(EVERY_KIND));
        for end in 0..bytes.len() {
            assert_eq!(decode(bytes.get(..end).unwrap_or_default()), None, "{end}");
        }
        let mut longer = bytes.clone();
        longer.push(NULL);
        assert_eq!(decode(&longer), None);
        assert_eq!(decode(&[8, 1, 1]), None, "an unknown tag");
        assert_eq!(
            decode(&[STRING, 1, 1, 2, 0xff, 0xfe]),
            None,
            "text that is not UTF-8"
        );
        assert_eq!(
            decode(&[NULL, 0xff, 0xff, 0xff, 0xff, 0x10, 1]),
            None,
            "a line past u32"
        );
        let too_long = [&[NULL][..], &[0xff; 10][..], &[1]].concat();
        assert_eq!(decode(&too_long), None, "a varint past 64 bits");
    }

    /// Every `u64` reads back as written, the largest included: only bits past the 64th are
    /// refused.
    #[test]
    fn a_varint_reads_back_any_u64() {
        for value in [0, 1, 0x7f, 0x80, u64::from(u32::MAX), 1 << 63, u64::MAX] {
            let mut bytes = Vec::new();
            put_varint(&mut bytes, value);
            let mut reader = Reader { bytes: &bytes };
            assert_eq!(reader.varint(), Some(value), "{value:#x}");
            assert!(reader.bytes.is_empty(), "{value:#x}");
        }
    }

    #[test]
    fn nesting_past_the_limit_is_refused_without_exhausting_the_stack() {
        let deep = |levels: usize| {
            let mut bytes = [SEQ, 1, 1, 1].repeat(levels);
            bytes.extend_from_slice(&[NULL, 1, 1]);
            bytes
        };
        assert!(decode(&deep(MAX_DEPTH)).is_some());
        assert_eq!(decode(&deep(MAX_DEPTH + 1)), None);
        assert_eq!(decode(&deep(100_000)), None);
        const { assert!(MAX_DEPTH >= crate::input::limits::MAX_DEPTH) };
    }

    proptest! {
        #[test]
        fn any_bytes_decode_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = decode(&bytes);
        }

        #[test]
        fn changed_bytes_decode_without_panicking(at in any::<prop::sample::Index>(), byte in any::<u8>()) {
            let mut bytes = encoded(&tree(EVERY_KIND));
            let at = at.index(bytes.len());
            bytes[at] = byte;
            let _ = decode(&bytes);
        }
    }
}
