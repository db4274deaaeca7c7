//! `refund-policy options` answers for every method, easy-pay service and PG group of every
//! built-in policy, in both formats and both languages, with exit code 0.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests stop at the first broken expectation"
)]

use refund_policy::Engine;
use std::path::PathBuf;
use std::process::{Command, Output};

fn refund_policy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_refund-policy"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("the binary runs")
}

fn file(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("options");
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("writes");
    path.display().to_string()
}

/// The fields contract §8 fixes.
const FIXED: [&str; 8] = [
    "refundable",
    "blocking",
    "max_amount",
    "partial_allowed",
    "last_refundable_day",
    "required_fields",
    "missing_contracts",
    "notes",
];

#[test]
fn options_answer_for_every_scope_of_every_builtin_policy_in_both_formats_and_languages() {
    let engine = Engine::builtin().expect("the built-in policies load");
    let merchant = file(
        "merchant.yaml",
        "contracts: [virtual_account_refund, partial_refund_service]\n",
    );
    let mut walked = 0;
    for provider in engine.policies().providers() {
        for (i, scope) in engine
            .policies()
            .effective_rules(provider)
            .iter()
            .enumerate()
        {
            let mut payment = format!(
                "provider: {provider}\nmethod: {}\nstatus: paid\namount: {{ total: 10000, cancelled: 1000 }}\npaid_at: 2026-03-02T10:00:00+09:00\n",
                scope.method
            );
            // A scope without a service covers the services the policy does not name.
            let service = scope.service.as_deref().unwrap_or("unnamed_pay");
            if scope.method.to_string() == "easy_pay" {
                payment.push_str(&format!("easy_pay: {{ provider: {service} }}\n"));
            }
            if let Some(pg) = scope.pgs.first() {
                payment.push_str(&format!("pg: \"{pg}\"\n"));
            }
            let path = file(&format!("{provider}-{i}.yaml"), &payment);
            for lang in ["ko", "en"] {
                let common = [
                    "options",
                    "--payment",
                    &path,
                    "--merchant",
                    &merchant,
                    "--now",
                    "2026-03-05T10:00:00+09:00",
                    "--lang",
                    lang,
                ];
                let json = refund_policy(&common);
                assert_eq!(
                    json.status.code(),
                    Some(0),
                    "{payment}{}",
                    String::from_utf8_lossy(&json.stderr)
                );
                let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
                for key in FIXED {
                    assert!(value.get(key).is_some(), "`{key}` missing for\n{payment}");
                }
                assert_eq!(
                    value["refundable"].as_bool(),
                    Some(value["blocking"].as_array().unwrap().is_empty())
                );
                assert_eq!(value["max_amount"], 9000, "{payment}");

                let text = refund_policy(&[&common[..], &["--format", "text"]].concat());
                assert_eq!(text.status.code(), Some(0));
                let text = String::from_utf8_lossy(&text.stdout);
                let heading = match (lang, value["refundable"].as_bool()) {
                    ("ko", Some(true)) => "환불 가능",
                    ("ko", _) => "지금은 어떤 환불도 불가",
                    (_, Some(true)) => "REFUNDABLE",
                    _ => "NO REFUND CAN PASS NOW",
                };
                assert!(text.starts_with(heading), "{text}");
                assert!(text.contains(&scope.method.to_string()), "{text}");
            }
            walked += 1;
        }
    }
    assert!(walked >= 30, "only {walked} scopes walked");
}

#[test]
fn options_exit_2_naming_an_unreadable_payment_and_schemas_print_the_checked_in_files() {
    let broken = file("broken.yaml", "provider: portone_v2\nmethod: card\n");
    let out = refund_policy(&["options", "--payment", &broken]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: payment `"));

    for which in ["options", "decision"] {
        let schema = refund_policy(&["schema", which]);
        assert_eq!(schema.status.code(), Some(0));
        let on_disk = std::fs::read_to_string(format!(
            "{}/../schemas/{which}.schema.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("the schema file");
        assert_eq!(String::from_utf8_lossy(&schema.stdout), on_disk);
    }
}
