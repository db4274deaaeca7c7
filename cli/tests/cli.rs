//! The command line's contract (§7): what each command prints and its exit codes.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests stop at the first broken expectation"
)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn refund_policy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_refund-policy"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Writes `text` to a file of its own under the test's scratch directory.
fn file(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("writes");
    path.display().to_string()
}

const MOBILE: &str = "provider: portone_v2\nmethod: mobile\nstatus: paid\namount: { total: 10000 }\npaid_at: 2026-01-31T23:30:00+09:00\n";

#[test]
fn decide_prints_the_decision_as_json_and_exits_0_on_deny() {
    let payment = file("mobile.yaml", MOBILE);
    let request = file("reason.json", r#"{"reason": "고객 요청"}"#);
    let out = refund_policy(&[
        "decide",
        "--payment",
        &payment,
        "--request",
        &request,
        "--now",
        "2026-02-01T00:10:00+09:00",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["verdict"], "deny");
    assert_eq!(json["reasons"][0]["code"], "MONTH_CHANGED");
    assert_eq!(
        json["reasons"][0]["rule"],
        "portone_v2 › mobile › same_month"
    );
    assert!(
        json["reasons"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("결제한 달"))
    );
    assert_eq!(json["notes"][0]["code"], "MANUAL_REFUND");
    assert_eq!(json["refund"]["amount"], 10000);
}

#[test]
fn decide_explains_in_text_and_english() {
    let payment = file("mobile-text.yaml", MOBILE);
    let out = refund_policy(&[
        "decide",
        "--payment",
        &payment,
        "--now",
        "2026-02-01T00:10:00+09:00",
        "--format",
        "text",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with("REFUND DENIED — portone_v2 mobile (portone_v2)\n"),
        "{text}"
    );
    assert!(
        text.contains("MONTH_CHANGED — the payment can be cancelled only in the month it was made"),
        "{text}"
    );
    assert!(
        text.contains("REASON_REQUIRED — a cancel `reason` is required"),
        "{text}"
    );
    assert!(
        text.contains("rule: portone_v2 › mobile › same_month"),
        "{text}"
    );
    assert!(text.contains("provider error: PG_PROVIDER"), "{text}");
    assert!(text.contains("last refundable day: 2026-01-31"), "{text}");
}

#[test]
fn decide_reads_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_refund-policy"))
        .args([
            "decide",
            "--payment",
            "-",
            "--now",
            "2026-01-31T23:50:00+09:00",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(MOBILE.as_bytes())
        .expect("writes");
    let out = child.wait_with_output().expect("finishes");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["reasons"][0]["code"], "REASON_REQUIRED");
}

#[test]
fn unreadable_input_exits_2_with_one_line_naming_the_field_and_value() {
    let now = ["--now", "2026-02-01T00:10:00+09:00"];
    let cases = [
        (
            MOBILE.replace("mobile", "mobil"),
            "`method`: unknown value `mobil` (did you mean `mobile`?)",
        ),
        (
            MOBILE.replace("+09:00", ""),
            "`paid_at`: `2026-01-31T23:30:00` has no offset",
        ),
        (format!("{MOBILE}currency: WON\n"), "unknown currency `WON`"),
        (
            MOBILE.replace("{ total: 10000 }", "{ total: \"1O000\" }"),
            "`amount.total`: `1O000` is not a decimal amount",
        ),
        ("{\"provider\": ".to_owned(), "bad-4.yaml:1:"),
    ];
    for (i, (text, expected)) in cases.iter().enumerate() {
        let payment = file(&format!("bad-{i}.yaml"), text);
        let out = refund_policy(&["decide", "--payment", &payment, now[0], now[1]]);
        assert_eq!(out.status.code(), Some(2), "{text}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(expected), "expected `{expected}` in {err}");
        assert!(out.stdout.is_empty());
    }
    let payment = file("ok.yaml", MOBILE);
    let out = refund_policy(&[
        "decide",
        "--payment",
        &payment,
        "--now",
        "2026-02-01T00:10:00",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`--now`: `2026-02-01T00:10:00` has no offset"),
        "{}",
        stderr(&out)
    );
    let bank = file("bank.yaml", "refund_account: { bank: SHINHANN }");
    let out = refund_policy(&["decide", "--payment", &payment, "--request", &bank]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown value `SHINHANN` (did you mean `SHINHAN`?)"));
    let merchant = file("merchant.yaml", "contracts: [virtual_account_refnd]");
    let out = refund_policy(&["decide", "--payment", &payment, "--merchant", &merchant]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "unknown contract id `virtual_account_refnd` (did you mean `virtual_account_refund`?)"
        ),
        "{}",
        stderr(&out)
    );
    let out = refund_policy(&["decide", "--payment", "no/such/file.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read `no/such/file.yaml`"));
}

#[test]
fn check_passes_the_examples_and_reports_failing_cases() {
    let out = refund_policy(&["check", "examples/cases/portone-v2"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let last = stdout(&out).lines().last().unwrap_or_default().to_owned();
    assert!(last.ends_with(" passed, 0 failed"), "{last}");

    let wrong = file(
        "wrong-case.yaml",
        "name: expects the wrong verdict\nnow: 2026-01-31T23:50:00+09:00\npayment:\n  provider: portone_v2\n  method: mobile\n  status: paid\n  amount: { total: 10000 }\n  paid_at: 2026-01-31T23:30:00+09:00\nrequest: { reason: 고객 요청 }\nexpect: { verdict: deny, reasons: [MONTH_CHANGED] }\n",
    );
    let out = refund_policy(&["check", &wrong]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("expects the wrong verdict: verdict: expected deny, got allow"),
        "{text}"
    );
    assert!(text.contains("reason MONTH_CHANGED not reported"), "{text}");
    assert!(text.ends_with("0 passed, 1 failed\n"), "{text}");

    let unreadable = file("unreadable-case.yaml", "name: no expectation\n");
    let out = refund_policy(&["check", &unreadable]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("missing field `now`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn policies_validate_prints_every_problem_and_exits_1() {
    let broken = file(
        "broken-policy.yaml",
        "policy: mine\nprovider: toss_payments\ntime_zone: Asia/Seoul\nsources: { guide: { title: guide } }\nprovider_errors: {}\nmethods:\n  card:\n    deadline: { within: 1 year, source: guide }\n    deadline: { within: 2 years, source: guide }\n  crad: {}\n  mobile:\n    fee: { amount: -300, source: guide }\n",
    );
    let out = refund_policy(&["policies", "validate", &broken]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        ":9:5: duplicate key `deadline`",
        ":10:3: in `methods`: unknown value `crad` (did you mean `card`?)",
        ":12:20: `methods.mobile.fee.amount`: a fee must not be negative, found `-300`",
        ":5:1: in `provider_errors`: no entries for `INVALID_PAYMENT`, `PAYMENT_NOT_PAID`",
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(&broken) && l.contains(expected)),
            "expected `{expected}` in\n{text}"
        );
    }
    let ok = refund_policy(&["policies", "validate", "policies"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    let missing = refund_policy(&["policies", "validate", "no/such/dir"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn broken_policies_given_to_decide_print_their_problems_and_exit_2() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-broken-policies");
    std::fs::create_dir_all(&dir).expect("a directory");
    std::fs::write(dir.join("p.yaml"), "policy: mine\nprovider: portone_v3\n").expect("writes");
    let payment = file("mobile-broken.yaml", MOBILE);
    let out = refund_policy(&[
        "decide",
        "--payment",
        &payment,
        "--policies",
        &dir.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("p.yaml:2:11: `provider`: unknown value `portone_v3`"),
        "{err}"
    );
    // Every line is a problem, as `policies validate` prints them.
    for line in err.lines() {
        let mut parts = line.splitn(4, ':');
        let (file, line_no, column) = (parts.next(), parts.next(), parts.next());
        assert!(file.is_some_and(|f| f.ends_with("p.yaml")), "{line}");
        assert!(line_no.is_some_and(|n| n.parse::<u32>().is_ok()), "{line}");
        assert!(column.is_some_and(|n| n.parse::<u32>().is_ok()), "{line}");
    }
    let check = refund_policy(&[
        "check",
        "--policies",
        &dir.display().to_string(),
        "examples/cases",
    ]);
    assert_eq!(check.status.code(), Some(2));
    assert_eq!(stderr(&check), err);
}

#[test]
fn policies_show_renders_the_effective_rules_for_review() {
    let out = refund_policy(&["policies", "show", "--provider", "portone_v2"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("policy `portone_v2`"), "{text}");
    let ksnet = text
        .split("\n\n")
        .find(|block| block.starts_with("card — pg ksnet\n"))
        .unwrap_or_else(|| panic!("no KSNET card block in\n{text}"));
    let row = ksnet
        .lines()
        .find(|l| l.contains("card › pg ksnet › deadline"))
        .unwrap_or_default();
    assert!(
        row.contains("within 6 months") && row.contains("pg-guide-ksnet"),
        "{row}"
    );
    assert!(ksnet.contains("at most 9 partial cancels"), "{ksnet}");
    assert!(ksnet.contains("partial refused when escrow"), "{ksnet}");
    let transfer = text
        .lines()
        .find(|l| l.contains("transfer › deadline"))
        .unwrap_or_default();
    assert!(transfer.contains("UNVERIFIED"), "{transfer}");
    assert!(text.contains("no policy (NO_POLICY): crypto"), "{text}");
    assert!(
        text.contains("DUPLICATE_CANCEL_ID            none: "),
        "{text}"
    );
}

#[test]
fn a_v1_tax_free_cancel_cannot_be_checked_against_a_v1_payment_object() {
    let body = file("v1-tax-free.json", r#"{"amount": 1000, "tax_free": 500}"#);
    let out = refund_policy(&[
        "decide",
        "--payment",
        "tests/fixtures/portone_v1/card-partially-cancelled.json",
        "--payment-format",
        "portone_v1",
        "--request",
        &body,
        "--request-format",
        "portone_v1",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("`tax_free` is `500`, but a PortOne V1 payment object does not report its tax-free amount"),
        "{err}"
    );
    let without = file("v1-no-tax-free.json", r#"{"amount": 1000}"#);
    let out = refund_policy(&[
        "decide",
        "--payment",
        "tests/fixtures/portone_v1/card-partially-cancelled.json",
        "--payment-format",
        "portone_v1",
        "--request",
        &without,
        "--request-format",
        "portone_v1",
        "--now",
        "2026-03-05T10:00:00+09:00",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
