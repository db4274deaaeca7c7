//! The positioned tree's data: a node, what it holds, and where it starts.
//!
//! Shared with the build script (`build.rs`, through `#[path]`), which parses the built-in
//! policies into these types at build time: keep this file free of the crate's other modules.

use std::fmt;

/// A place in a text: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Location {
    /// The line, from 1.
    pub line: u32,
    /// The column, from 1, in characters.
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

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
