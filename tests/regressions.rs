//! Every input the fuzzer ever found crashing or slow, replayed through the same functions the
//! fuzz targets call (`fuzz/src/lib.rs`), so that CI checks them on stable without the fuzzer.
//!
//! `tests/regressions/<target>/` holds the inputs of each target, one file each, named after
//! what they found. `bash fuzz/run.sh` seeds each target with them.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::disallowed_methods,
    reason = "the test reads the kept inputs; the targets' bodies assert"
)]

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

#[test]
fn every_kept_input_runs_through_its_target_without_a_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut replayed = 0;
    for (name, target) in targets::TARGETS {
        let dir = root.join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            let data = std::fs::read(&path).expect("a regression input");
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{} panics", path.display());
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "no regression inputs under {}",
        root.display()
    );
}

#[test]
fn every_target_has_a_directory_of_regression_inputs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    for (name, _) in targets::TARGETS {
        assert!(
            root.join(name).is_dir(),
            "tests/regressions/{name}/ is missing"
        );
    }
}
