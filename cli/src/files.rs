//! Reading files, standard input and policy directories.

use crate::{Failure, PolicyOption};
use refund_policy::{Engine, PolicySource};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Reads a file, or standard input for `-`.
pub(crate) fn read_text(path: &Path) -> Result<String, Failure> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::input(format!("cannot read standard input: {e}")))?;
        return Ok(text);
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::input(format!("cannot read `{}`: {e}", path.display())))?;
    String::from_utf8(bytes)
        .map_err(|_| Failure::input(format!("`{}` is not UTF-8 text", path.display())))
}

fn is_document(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml" | "json")
    )
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// The files under `paths`: files as given, directories walked recursively for documents
/// matching `wanted`, in name order.
pub(crate) fn collect(
    paths: &[PathBuf],
    wanted: fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, Failure> {
    let mut found = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path)
            .map_err(|e| Failure::input(format!("cannot read `{}`: {e}", path.display())))?;
        if metadata.is_dir() {
            walk(path, wanted, &mut found)?;
        } else {
            found.push(path.clone());
        }
    }
    Ok(found)
}

fn walk(dir: &Path, wanted: fn(&Path) -> bool, found: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Failure::input(format!("cannot read `{}`: {e}", dir.display())))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, wanted, found)?;
        } else if wanted(&path) {
            found.push(path);
        }
    }
    Ok(())
}

/// Case files: YAML or JSON documents.
pub(crate) fn case_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    collect(paths, is_document)
}

/// Policy files: YAML documents.
pub(crate) fn policy_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    collect(paths, is_yaml)
}

/// Reads policy files into (name, text) pairs.
pub(crate) fn read_policies(paths: &[PathBuf]) -> Result<Vec<(String, String)>, Failure> {
    policy_files(paths)?
        .into_iter()
        .map(|path| Ok((path.display().to_string(), read_text(&path)?)))
        .collect()
}

/// The engine the options ask for: the built-in policies, or those in `--policies DIR`. Policies
/// that do not load print every problem, as `policies validate` does, and exit 2.
pub(crate) fn engine(option: &PolicyOption) -> Result<Engine, Failure> {
    let Some(dir) = &option.policies else {
        return Engine::builtin()
            .cloned()
            .map_err(|e| Failure::Policies(e.clone()));
    };
    let texts = read_policies(std::slice::from_ref(dir))?;
    if texts.is_empty() {
        return Err(Failure::input(format!(
            "`{}` holds no policy files (*.yaml, *.yml)",
            dir.display()
        )));
    }
    let sources: Vec<PolicySource<'_>> = texts
        .iter()
        .map(|(name, text)| PolicySource::new(name, text))
        .collect();
    Engine::from_sources(&sources).map_err(Failure::Policies)
}
