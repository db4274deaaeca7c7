//! The JSON Schema of policy files (`policies/policy.schema.json`) is current, the built-in
//! policies point editors at it, it accepts them, and it catches the typos an editor should flag.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::disallowed_methods,
    reason = "tests read the checked-in files and stop at the first broken expectation"
)]

use refund_policy::policy::{builtin_sources, json_schema};

const SCHEMA_FILE: &str = "policies/policy.schema.json";

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(SCHEMA_FILE).expect("the schema file"))
            .expect("JSON");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn as_json(yaml: &str) -> serde_json::Value {
    serde_saphyr::from_str(yaml).expect("YAML")
}

#[test]
fn the_checked_in_schema_is_current() {
    let on_disk = std::fs::read_to_string(SCHEMA_FILE).expect("the schema file");
    let generated = json_schema().expect("serializes");
    assert!(
        on_disk == generated,
        "{SCHEMA_FILE} is stale: regenerate it with\n  cargo run -q -p refund-policy-cli -- policies schema > {SCHEMA_FILE}"
    );
}

#[test]
fn the_builtin_policies_point_to_the_schema_and_satisfy_it() {
    let validator = validator();
    for source in builtin_sources() {
        assert!(
            source
                .text
                .starts_with("# yaml-language-server: $schema=./policy.schema.json\n"),
            "{} does not point editors at the schema",
            source.name
        );
        let errors: Vec<String> = validator
            .iter_errors(&as_json(source.text))
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}:\n{}", source.name, errors.join("\n"));
    }
}

#[test]
fn the_schema_flags_what_an_editor_should() {
    let validator = validator();
    let v2 = builtin_sources()
        .find(|s| s.name == "policies/portone-v2.yaml")
        .expect("the V2 policy")
        .text;
    for (from, to) in [
        ("  card:\n    deadline:", "  crad:\n    deadline:"),
        (
            "    deadline:\n      within: 1 year",
            "    dedline:\n      within: 1 year",
        ),
        ("within: 1 year", "within: one year"),
        ("closed: \"23:00-06:00\"", "closed: \"11pm-6am\""),
        ("provider: portone_v2", "provider: portone"),
        ("  PAYMENT_NOT_PAID:", "  PAYMENT_NOT_PAYED:"),
        ("currency: KRW", "currency: won"),
    ] {
        assert!(v2.contains(from), "`{from}` is not in the V2 policy");
        let broken = v2.replacen(from, to, 1);
        assert!(
            !validator.is_valid(&as_json(&broken)),
            "the schema accepts `{to}`"
        );
    }
}

#[test]
fn the_rule_kinds_the_loader_knows_are_the_rule_properties_of_a_scope() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(SCHEMA_FILE).expect("the schema file"))
            .expect("JSON");
    let scope = schema["$defs"]["ScopeDoc"]["properties"]
        .as_object()
        .expect("a scope's properties");
    let mut properties: Vec<&str> = scope.keys().map(String::as_str).collect();
    properties.sort_unstable();
    let mut expected: Vec<&str> = refund_policy::policy::document::RULE_KINDS.to_vec();
    // The properties that hold remarks and narrower scopes, not rules.
    expected.extend(["remarks", "at_pg", "providers"]);
    expected.sort_unstable();
    assert_eq!(properties, expected);
}
