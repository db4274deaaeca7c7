//! What shell scripts rely on: `--fail-on-deny` exit codes, completions, and errors that start
//! with `FILE:LINE:COLUMN:` so editors and `grep` can jump to them.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests stop at the first broken expectation"
)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn refund_policy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_refund-policy"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn file(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("shell");
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("writes");
    path.display().to_string()
}

const PAYMENT: &str = "examples/quickstart/payment.yaml";
const REQUEST: &str = "examples/quickstart/request.yaml";
const IN_JANUARY: &str = "2026-01-31T23:50:00+09:00";
const IN_FEBRUARY: &str = "2026-02-01T00:10:00+09:00";

#[test]
fn fail_on_deny_exits_3_on_a_deny_and_still_prints_the_decision() {
    let decide = |now: &str, extra: &[&str]| {
        refund_policy(
            &[
                &[
                    "decide",
                    "--payment",
                    PAYMENT,
                    "--request",
                    REQUEST,
                    "--now",
                    now,
                ],
                extra,
            ]
            .concat(),
        )
    };
    let denied = decide(IN_FEBRUARY, &["--fail-on-deny"]);
    assert_eq!(denied.status.code(), Some(3), "{}", stderr(&denied));
    let json: serde_json::Value = serde_json::from_slice(&denied.stdout).expect("JSON");
    assert_eq!(json["verdict"], "deny");
    assert!(stderr(&denied).is_empty());

    let text = decide(IN_FEBRUARY, &["--fail-on-deny", "--format", "text"]);
    assert_eq!(text.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&text.stdout).starts_with("환불 불가"));

    assert_eq!(
        decide(IN_JANUARY, &["--fail-on-deny"]).status.code(),
        Some(0)
    );
    // Without the flag a deny is a decision made: exit 0, as the contract says.
    assert_eq!(decide(IN_FEBRUARY, &[]).status.code(), Some(0));
    // Unreadable input stays exit 2 with or without it.
    let bad = file("bad-now-payment.yaml", "provider: portone_v2\n");
    assert_eq!(
        refund_policy(&["decide", "--payment", &bad, "--fail-on-deny"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn completions_name_every_subcommand_and_the_new_flags() {
    for shell in ["bash", "zsh", "fish"] {
        let out = refund_policy(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(script.contains("refund-policy"), "{shell}");
        for word in [
            "decide",
            "check",
            "policies",
            "validate",
            "show",
            "completions",
            "batch",
            "fail-on-deny",
            "payment-format",
        ] {
            assert!(script.contains(word), "{shell} completions lack `{word}`");
        }
    }
    let out = refund_policy(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn unreadable_inputs_are_reported_as_file_line_column_message() {
    let payment = file("typo-payment.yaml", "provider: portone_v2\nmethod: mobil\n");
    let out = refund_policy(&["decide", "--payment", &payment]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "{payment}:2:9: payment: `method`: unknown value `mobil` (did you mean `mobile`?)\n"
        )
    );

    let request = file(
        "typo-request.json",
        "{\n  \"reason\": \"고객 요청\",\n  \"refund_account\": {\"bank\": \"SHINHANN\"}\n}\n",
    );
    let out = refund_policy(&["decide", "--payment", PAYMENT, "--request", &request]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("{request}:3:")) && err.contains(": request: "),
        "the place of the bank: {err}"
    );
    assert!(
        err.contains("unknown value `SHINHANN` (did you mean `SHINHAN`?)"),
        "{err}"
    );

    // A problem the library cannot place still starts with the file.
    let merchant = file("typo-merchant.yaml", "contracts: [virtual_account_refnd]\n");
    let out = refund_policy(&["decide", "--payment", PAYMENT, "--merchant", &merchant]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "{merchant}: merchant: `contracts[0]`: unknown contract id `virtual_account_refnd` (did you mean `virtual_account_refund`?)\n"
        )
    );

    // Standard input is named `<stdin>`.
    let mut child = Command::new(env!("CARGO_BIN_EXE_refund-policy"))
        .args(["decide", "--payment", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("runs");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"provider: portone_v2\nmethod: card\nstatus: payed\n")
        .expect("writes");
    let out = child.wait_with_output().expect("finishes");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("<stdin>:3:9: payment: `status`: unknown value `payed`"),
        "{}",
        stderr(&out)
    );
}

/// Runs the command line with standard output a pipe whose reader is already gone, as in
/// `refund-policy ... | head -1` once `head` has exited.
fn into_a_closed_pipe(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_refund-policy"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs")
        .wait_with_output()
        .expect("the binary ends")
}

#[test]
fn a_reader_that_has_gone_stops_the_output_quietly_and_keeps_the_exit_code() {
    let deny = [
        "decide",
        "--payment",
        PAYMENT,
        "--request",
        REQUEST,
        "--now",
        IN_FEBRUARY,
        "--fail-on-deny",
    ];
    let commands: [&[&str]; 5] = [
        &["policies", "show", "--provider", "portone_v2"],
        &["completions", "bash"],
        &["schema", "decision"],
        &deny,
        &["check", "examples/cases/portone-v2"],
    ];
    for args in commands {
        let out = into_a_closed_pipe(args);
        let expected = if args.contains(&"--fail-on-deny") {
            3
        } else {
            0
        };
        assert_eq!(
            out.status.code(),
            Some(expected),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}
