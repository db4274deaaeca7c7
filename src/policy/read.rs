//! Reading one policy file into its document, finding every structural problem.
//!
//! serde stops at the first problem, so reading recovers: it reports the problem, removes the
//! offending entry from the tree, and reads again, until the rest reads cleanly. Problems that
//! only follow from an earlier removal ("missing field" for a removed field) are not reported
//! twice.

use super::document::PolicyDocument;
use super::problem::{Problem, ProblemKind};
use crate::yaml::{self, DeError, ErrorKind, Location, Node, Segment};

/// A policy document with the tree it was read from.
pub(crate) struct ReadDocument {
    pub(crate) file: String,
    pub(crate) document: PolicyDocument,
    pub(crate) tree: Node,
    /// Paths removed while recovering: problems about them were already reported.
    pub(crate) removed: Vec<Vec<Segment>>,
}

/// How many times reading may recover before giving up on the rest of a file.
const MAX_RECOVERIES: usize = 200;

/// Reads `text`, adding every problem found to `problems`. Returns the document if enough of it
/// could be read to check further.
pub(crate) fn read(file: &str, text: &str, problems: &mut Vec<Problem>) -> Option<ReadDocument> {
    let (tree, duplicates) = match yaml::parse(text) {
        Ok(parsed) => parsed,
        Err(error) => {
            problems.push(Problem::new(
                file,
                error.at,
                ProblemKind::Syntax {
                    message: error.message,
                },
            ));
            return None;
        }
    };
    for duplicate in duplicates {
        problems.push(Problem::new(
            file,
            duplicate.at,
            ProblemKind::DuplicateKey {
                key: duplicate.key,
                first_line: duplicate.first.line,
            },
        ));
    }
    read_tree(file, tree, problems)
}

/// Reads the document `tree` holds, `file`'s parsed text (or its tree decoded from the build
/// script's form), adding every problem found to `problems`, recovering as [`read`] does.
pub(crate) fn read_tree(
    file: &str,
    mut tree: Node,
    problems: &mut Vec<Problem>,
) -> Option<ReadDocument> {
    let mut removed: Vec<Vec<Segment>> = Vec::new();
    for _ in 0..MAX_RECOVERIES {
        let error = match yaml::from_node::<PolicyDocument>(&tree) {
            Ok(document) => {
                return Some(ReadDocument {
                    file: file.to_owned(),
                    document,
                    tree,
                    removed,
                });
            }
            Err(error) => error,
        };
        let target = error.path.clone();
        let consequence = match error.kind {
            ErrorKind::MissingField(field) => {
                let mut field_path = target.clone();
                field_path.push(Segment::Key(field.to_owned()));
                removed.contains(&field_path)
            }
            _ => false,
        };
        if !consequence {
            problems.push(problem(file, &tree, &error, &removed));
        }
        if !tree.remove(&target) {
            return None;
        }
        removed.push(target);
    }
    None
}

/// Turns a deserialization error into a problem at its place, named by its path in the file.
fn problem(file: &str, tree: &Node, error: &DeError, removed: &[Vec<Segment>]) -> Problem {
    let at = error
        .at
        .or_else(|| tree.get(&error.path).map(|n| n.at))
        .unwrap_or(Location { line: 1, column: 1 });
    let mut in_file = error.clone();
    in_file.path = path_in_file(&error.path, removed);
    Problem::new(
        file,
        at,
        ProblemKind::Form {
            message: in_file.describe(),
            help: error.help.clone(),
        },
    )
}

/// Where `path`, a place in the tree after the removals so far, is in the file: each item
/// removed from a list moved the items after it down by one. The removals are undone from the
/// last, each path in `removed` being a place in the tree as it was before that removal.
fn path_in_file(path: &[Segment], removed: &[Vec<Segment>]) -> Vec<Segment> {
    let mut path = path.to_vec();
    for gone in removed.iter().rev() {
        let Some((Segment::Index(gone_index), list)) = gone.split_last() else {
            continue;
        };
        if !path.starts_with(list) {
            continue;
        }
        if let Some(Segment::Index(index)) = path.get_mut(list.len())
            && *index >= *gone_index
        {
            *index = index.saturating_add(1);
        }
    }
    path
}
