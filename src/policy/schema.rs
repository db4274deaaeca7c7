//! The JSON Schema of policy files, generated from [`PolicyDocument`], so that editors check and
//! complete the YAML (`# yaml-language-server: $schema=./policy.schema.json`).

use super::PolicyDocument;

/// The JSON Schema of a policy file, pretty-printed. `policies/policy.schema.json` holds it; a
/// test fails when the file is stale, and `refund-policy policies schema` prints it anew.
///
/// ```
/// let schema = refund_policy::policy::json_schema().unwrap();
/// assert!(schema.contains("\"title\": \"PolicyDocument\""));
/// ```
pub fn json_schema() -> Result<String, serde_json::Error> {
    let schema = schemars::schema_for!(PolicyDocument);
    serde_json::to_string_pretty(&schema).map(|text| text + "\n")
}
