//! Writes the built-in policies' positioned trees in a compact binary form to `OUT_DIR`, so that
//! the library decodes a built-in policy instead of parsing its YAML (see DESIGN.md, "Loading").
//!
//! The tree is built by the library's own code (`src/yaml/raw.rs`) and written by the one
//! encoder (`src/yaml/packed.rs`), both shared through `#[path]`; a unit test holds every
//! decoded tree equal to parsing the file. A file that does not parse cleanly (a syntax error,
//! a repeated key) gets an empty form, which the library does not decode: it then reads the
//! YAML and reports the problems as for any file.

#![allow(
    clippy::disallowed_methods,
    reason = "a build script reads the policy files and writes to OUT_DIR"
)]

#[path = "src/yaml/node.rs"]
#[allow(
    dead_code,
    reason = "the library reads what the build script only writes"
)]
mod node;
#[path = "src/yaml/packed.rs"]
#[allow(dead_code, reason = "the build script encodes, the library decodes")]
mod packed;
#[path = "src/yaml/raw.rs"]
mod raw;

use std::error::Error;
use std::path::PathBuf;

/// The built-in policy files; `src/policy/builtin.rs` includes each one's form by this name.
const POLICIES: [&str; 4] = ["portone-v2", "portone-v1", "bootpay", "toss-payments"];

fn main() -> Result<(), Box<dyn Error>> {
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    for shared in ["node.rs", "packed.rs", "raw.rs"] {
        rerun_if_changed(&format!("src/yaml/{shared}"));
    }
    for name in POLICIES {
        let path = format!("policies/{name}.yaml");
        rerun_if_changed(&path);
        let text = std::fs::read_to_string(&path)?;
        let bytes = packed_tree(&text).unwrap_or_default();
        std::fs::write(out_dir.join(format!("{name}.tree")), bytes)?;
    }
    Ok(())
}

/// The binary form of `text`'s tree, if it parses without a problem.
fn packed_tree(text: &str) -> Option<Vec<u8>> {
    let options = raw::tree_options(serde_saphyr::Options::default());
    let parsed = raw::parse_raw(text, options).ok()?;
    let mut duplicates = Vec::new();
    let tree = raw::build(parsed, text, &mut duplicates).ok()?;
    if !duplicates.is_empty() {
        return None;
    }
    let mut bytes = Vec::new();
    packed::encode(&tree, &mut bytes);
    Some(bytes)
}

#[allow(
    clippy::print_stdout,
    reason = "cargo reads a build script's instructions"
)]
fn rerun_if_changed(path: &str) {
    println!("cargo::rerun-if-changed={path}");
}
