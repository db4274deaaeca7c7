//! The JSON Schema of decision reports (`schemas/decision.schema.json`) is current, accepts the
//! report of every example case in both languages, and lists every key those reports write, so
//! a field added to the report and not to the schema fails here.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::disallowed_methods,
    reason = "tests read the checked-in files and stop at the first broken expectation"
)]

mod support;

use refund_policy::messages::{Lang, decision_json_schema};
use refund_policy::{Case, Engine};
use serde_json::Value;

const SCHEMA_FILE: &str = "schemas/decision.schema.json";

/// The property names of the schema object at `pointer`.
fn properties<'a>(schema: &'a Value, pointer: &str) -> Vec<&'a str> {
    schema
        .pointer(pointer)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("no properties at {pointer}"))
        .keys()
        .map(String::as_str)
        .collect()
}

#[test]
fn the_decision_schema_is_current_and_covers_every_report() {
    let on_disk = std::fs::read_to_string(SCHEMA_FILE).expect("the schema file");
    assert!(
        on_disk == decision_json_schema().expect("serializes"),
        "{SCHEMA_FILE} is stale: regenerate it with\n  cargo run -q -p refund-policy-cli -- schema decision > {SCHEMA_FILE}"
    );
    let schema: Value = serde_json::from_str(&on_disk).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    // Where each object of a report is described in the schema.
    let objects = [
        ("", "/properties"),
        ("/refund", "/$defs/Refund/properties"),
        ("/deadline", "/$defs/Deadline/properties"),
        ("/refund_account", "/$defs/RefundAccount/properties"),
        ("/fee", "/$defs/FeeEntry/properties"),
        ("/processing_days", "/$defs/ProcessingDays/properties"),
        ("/reasons/0", "/$defs/ReasonEntry/properties"),
        ("/notes/0", "/$defs/NoteEntry/properties"),
    ];
    let engine = Engine::builtin().expect("the built-in policies load");
    let files = support::example_case_files();
    assert!(files.len() >= 80);
    for file in &files {
        let case = Case::from_text(&std::fs::read_to_string(file).unwrap()).unwrap();
        let decision = case.run(engine).decision;
        for lang in [Lang::Ko, Lang::En] {
            let report = serde_json::to_value(decision.report(lang)).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&report)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(
                errors.is_empty(),
                "{}: {}",
                file.display(),
                errors.join("\n")
            );
            for (at, described) in objects {
                let Some(object) = report.pointer(at).and_then(Value::as_object) else {
                    continue;
                };
                let known = properties(&schema, described);
                for key in object.keys() {
                    assert!(
                        known.contains(&key.as_str()),
                        "{}: `{at}/{key}` is not in the schema",
                        file.display()
                    );
                }
            }
        }
    }
}
