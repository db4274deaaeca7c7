//! The library's modules stand in layers, each importing only those below it (DESIGN.md, "What
//! each part may import"): a module that reaches up fails here, naming the file and the path,
//! before the layering erodes one convenient import at a time.

#![allow(
    clippy::expect_used,
    clippy::panic,
    clippy::disallowed_methods,
    clippy::arithmetic_side_effects,
    reason = "the test reads the library's sources, adds offsets into its lines and stops at the first broken expectation"
)]

use std::path::Path;

/// Each top-level module and its layer, from the bottom. Modules of one layer may import each
/// other; a new module is placed here when it is added.
const LAYERS: &[(&str, u8)] = &[
    ("lang", 1),
    ("suggest", 1),
    ("digits", 1),
    ("model", 2),
    ("yaml", 3),
    ("input", 3),
    ("calendar", 4),
    ("decision", 5),
    ("policy", 6),
    ("rules", 6),
    ("engine", 6),
    ("options", 6),
    ("messages", 7),
    ("case", 8),
    ("adapters", 8),
    ("lib", 9),
];

/// The items the crate's root re-exports or defines, and the module each comes from.
const ROOT_ITEMS: &[(&str, &str)] = &[
    ("Case", "case"),
    ("Expectation", "case"),
    ("Outcome", "case"),
    ("Decision", "decision"),
    ("Engine", "engine"),
    ("RefundOptions", "options"),
    ("LoadError", "policy"),
    ("PolicySet", "policy"),
    ("PolicySource", "policy"),
    ("Problem", "policy"),
    ("Location", "yaml"),
    ("can_refund", "lib"),
];

/// The module `path` (`crate::a::b`) imports from: its first part, or the module of an item
/// the root re-exports.
fn target(path: &str) -> &str {
    let first = path.split("::").nth(1).unwrap_or_default();
    match ROOT_ITEMS.iter().find(|(item, _)| *item == first) {
        Some((_, module)) => module,
        None => first,
    }
}

fn layer(module: &str) -> u8 {
    match LAYERS.iter().find(|(name, _)| *name == module) {
        Some((_, layer)) => *layer,
        None => panic!("module `{module}` has no layer: add it to LAYERS and to DESIGN.md"),
    }
}

/// Every `.rs` file below `dir`, as a path from the crate's root with `/` between parts.
fn sources(dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("the source folder reads") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let path = path.to_string_lossy().replace('\\', "/");
            found.push(path);
        }
    }
}

/// The top-level module a source file belongs to: `src/engine/sink.rs` is `engine`,
/// `src/input.rs` is `input`.
fn module_of(file: &str) -> &str {
    let inside = file.strip_prefix("src/").expect("a file under src/");
    let first = inside.split('/').next().unwrap_or(inside);
    first.strip_suffix(".rs").unwrap_or(first)
}

/// The `crate::a::b` paths a line of code names, outside comments.
fn crate_paths(line: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or("");
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(after.len());
        let path = after[..end].trim_end_matches(':');
        paths.push(format!("crate::{path}"));
        rest = &after[end..];
    }
    paths
}

#[test]
fn no_module_imports_one_above_it() {
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    files.sort();
    assert!(files.len() > 100, "only {} source files found", files.len());
    let mut upward = Vec::new();
    for file in &files {
        let from = module_of(file);
        let text = std::fs::read_to_string(file).expect("a source file reads");
        // A file's tests, at its end, may use any layer: they are not the library's structure.
        let library = text
            .lines()
            .take_while(|line| !line.trim_start().starts_with("#[cfg(test)]"));
        for (number, line) in library.enumerate() {
            for path in crate_paths(line) {
                let to = target(&path);
                if to.is_empty() || to == from || layer(to) <= layer(from) {
                    continue;
                }
                upward.push(format!("{file}:{}: `{path}`", number + 1));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that reach a higher layer (DESIGN.md, \"What each part may import\"):\n{}",
        upward.join("\n")
    );
}

#[test]
fn paths_are_read_from_code_not_comments() {
    assert_eq!(
        crate_paths("use crate::messages::digits::{date, Room}; // crate::engine"),
        ["crate::messages::digits"]
    );
    assert_eq!(
        crate_paths("    $crate::messages::text::Piece::put(self, f) crate::x"),
        ["crate::messages::text::Piece::put", "crate::x"]
    );
    assert_eq!(module_of("src/engine/sink.rs"), "engine");
    assert_eq!(target("crate::Engine::builtin"), "engine");
    assert_eq!(target("crate::messages::digits"), "messages");
    assert_eq!(module_of("src/input.rs"), "input");
}
