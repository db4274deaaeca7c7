//! The policies built into the crate, embedded at compile time.

use super::PolicySource;

/// The built-in policy files: the name problems use, and the text.
const FILES: &[(&str, &str)] = &[
    (
        "policies/portone-v2.yaml",
        include_str!("../../policies/portone-v2.yaml"),
    ),
    (
        "policies/portone-v1.yaml",
        include_str!("../../policies/portone-v1.yaml"),
    ),
    (
        "policies/bootpay.yaml",
        include_str!("../../policies/bootpay.yaml"),
    ),
    (
        "policies/toss-payments.yaml",
        include_str!("../../policies/toss-payments.yaml"),
    ),
];

/// The built-in policy files (`policies/*.yaml`), as sources to load or to show.
///
/// ```
/// let names: Vec<&str> = refund_policy::policy::builtin_sources().map(|s| s.name).collect();
/// assert!(names.contains(&"policies/portone-v2.yaml"));
/// ```
pub fn builtin_sources() -> impl Iterator<Item = PolicySource<'static>> {
    FILES
        .iter()
        .map(|(name, text)| PolicySource::new(name, text))
}
