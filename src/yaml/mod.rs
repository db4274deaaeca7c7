//! Reading YAML (and JSON, which the same parser reads) into a tree that remembers where every
//! node came from, and deserializing typed values from that tree.
//!
//! serde-saphyr parses the text, rejects malformed YAML, enforces strict booleans and budgets
//! against alias bombs and deep nesting, and hands over every mapping entry, duplicates
//! included. The tree keeps each number's digits as written (so amounts are read exactly) and
//! each node's line and column (so every problem points at its place). The [`de`] module then
//! drives serde's derived `Deserialize` impls over the tree, recording the path and position of
//! the first problem and suggesting the nearest name for a misspelled one.

mod capture;
pub(crate) mod de;
mod error;
mod node;
// The built-in policies' trees, written by the build script; the WebAssembly package parses
// their YAML instead (see `policy::builtin`).
#[cfg(any(test, not(target_arch = "wasm32")))]
#[cfg_attr(
    not(test),
    allow(
        dead_code,
        reason = "the build script encodes, the library only decodes"
    )
)]
pub(crate) mod packed;
mod raw;
mod tree;

pub(crate) use capture::read_part;
pub(crate) use de::{Segment, from_node};
pub(crate) use error::{DeError, ErrorKind};
pub use node::Location;
pub(crate) use node::{Node, Value};
pub(crate) use tree::{parse, parse_document};

/// Writes a path such as `methods.card.deadline` or `cancellations[2].amount`.
pub(crate) fn path_text(path: &[Segment]) -> String {
    let mut text = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Segment::Index(index) => {
                text.push('[');
                text.push_str(&index.to_string());
                text.push(']');
            }
        }
    }
    text
}
