//! Where each entry of a policy's tree sits, found once: a problem's place is looked up by its
//! path, and a file with thousands of problems in one map (every `at_pg` entry naming an unknown
//! PG) would otherwise search that map once per problem.

use crate::yaml::{Location, Node, Segment, Value};
use std::collections::HashMap;

/// The places of a tree's nodes, by path.
#[derive(Debug, Default)]
pub(crate) struct Locations {
    by_path: HashMap<Vec<Segment>, Place>,
}

/// A node's place, and its key's when it is a map entry.
#[derive(Debug, Clone, Copy)]
struct Place {
    key: Option<Location>,
    value: Location,
}

impl Locations {
    /// Every node of `tree`, in one walk. A repeated key keeps its first entry, as
    /// [`Node::get`] finds it.
    pub(crate) fn of(tree: &Node) -> Locations {
        let mut locations = Locations::default();
        let mut path = Vec::new();
        locations.walk(tree, None, &mut path);
        locations
    }

    fn walk(&mut self, node: &Node, key: Option<Location>, path: &mut Vec<Segment>) {
        if self.by_path.contains_key(path.as_slice()) {
            return;
        }
        self.by_path.insert(
            path.clone(),
            Place {
                key,
                value: node.at,
            },
        );
        match &node.value {
            Value::Map(entries) => {
                for (k, v) in entries {
                    let Some(name) = k.as_str() else { continue };
                    path.push(Segment::Key(name.to_owned()));
                    self.walk(v, Some(k.at), path);
                    path.pop();
                }
            }
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Segment::Index(i));
                    self.walk(item, None, path);
                    path.pop();
                }
            }
            Value::Null | Value::Bool(_) | Value::Number { .. } | Value::String(_) => {}
        }
    }

    /// The node at `path`.
    pub(crate) fn value(&self, path: &[Segment]) -> Option<Location> {
        self.by_path.get(path).map(|place| place.value)
    }

    /// The key of the map entry at `path`.
    pub(crate) fn key(&self, path: &[Segment]) -> Option<Location> {
        self.by_path.get(path).and_then(|place| place.key)
    }
}
