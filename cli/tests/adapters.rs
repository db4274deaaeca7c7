#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests assert on known inputs"
)]
#![allow(clippy::disallowed_methods, reason = "the test writes scratch files")]

//! `refund-policy decide --payment-format NAME --request-format NAME` (contract §7): the
//! providers' own payloads decide through the command line, and one the adapter cannot map
//! exits 2 with a one-line error naming the field and the value.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const NOW: &str = "2026-03-20T12:00:00+09:00";

fn fixture(path: &str) -> String {
    format!("{}/../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn refund_policy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_refund-policy"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs the binary with `stdin` piped in.
fn refund_policy_with_input(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_refund-policy"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().expect("the binary ends")
}

fn file(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("adapters");
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("writes");
    path.display().to_string()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &Output) -> serde_json::Value {
    assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
    serde_json::from_slice(&output.stdout).expect("the decision as JSON")
}

fn codes(decision: &serde_json::Value, key: &str) -> Vec<String> {
    decision[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_owned())
        .collect()
}

/// Asserts exit 2 with exactly one line on standard error containing every `needle`.
fn refused(output: &Output, needles: &[&str]) {
    assert_eq!(
        output.status.code(),
        Some(2),
        "stdout: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    let error = stderr(output);
    assert_eq!(error.lines().count(), 1, "{error}");
    for needle in needles {
        assert!(error.contains(needle), "`{needle}` not in: {error}");
    }
}

#[test]
fn portone_v1_response_model_from_the_api_reference_decides() {
    let merchant = file(
        "vbank-contract.yaml",
        "contracts: [virtual_account_refund]\n",
    );
    let out = refund_policy(&[
        "decide",
        "--payment",
        &fixture("portone_v1/api-reference-vbank-paid.json"),
        "--payment-format",
        "portone_v1",
        "--request",
        &fixture("portone_v1/api-reference-vbank-paid.cancel-refund.json"),
        "--request-format",
        "portone_v1",
        "--merchant",
        &merchant,
        "--now",
        NOW,
    ]);
    let decision = json(&out);
    assert_eq!(decision["verdict"], "allow", "{decision:#}");
    assert_eq!(decision["refund"]["amount"], 58000);
    assert_eq!(decision["refund"]["partial"], false);
    let notes = codes(&decision, "notes");
    assert!(notes.contains(&"REFUND_FEE".to_owned()), "{notes:?}");
    assert!(notes.contains(&"PROCESSING_DELAY".to_owned()), "{notes:?}");

    // Without the special contract, the same payload is denied for it.
    let out = refund_policy(&[
        "decide",
        "--payment",
        &fixture("portone_v1/api-reference-vbank-paid.json"),
        "--payment-format",
        "portone_v1",
        "--request",
        &fixture("portone_v1/api-reference-vbank-paid.cancel-refund.json"),
        "--request-format",
        "portone_v1",
        "--now",
        NOW,
    ]);
    let decision = json(&out);
    assert_eq!(decision["verdict"], "deny");
    assert_eq!(codes(&decision, "reasons"), ["CONTRACT_REQUIRED"]);
}

#[test]
fn portone_v1_payload_can_be_piped_in() {
    let payment =
        std::fs::read_to_string(fixture("portone_v1/card-partially-cancelled.json")).unwrap();
    let out = refund_policy_with_input(
        &[
            "decide",
            "--payment",
            "-",
            "--payment-format",
            "portone_v1",
            "--now",
            NOW,
        ],
        &payment,
    );
    let decision = json(&out);
    assert_eq!(decision["verdict"], "allow", "{decision:#}");
    assert_eq!(decision["refund"]["amount"], 20000);
}

#[test]
fn bootpay_receipt_from_the_cancel_page_is_already_cancelled() {
    let out = refund_policy(&[
        "decide",
        "--payment",
        &fixture("bootpay/cancel-page-cancelled.json"),
        "--payment-format",
        "bootpay",
        "--now",
        NOW,
    ]);
    let decision = json(&out);
    assert_eq!(decision["verdict"], "deny");
    assert_eq!(codes(&decision, "reasons"), ["ALREADY_CANCELLED"]);
    assert_eq!(
        decision["reasons"][0]["provider_error"]["name"],
        "RC_ALREADY_CANCELLED"
    );
    assert_eq!(decision["reasons"][0]["provider_error"]["code"], 2027);
}

#[test]
fn bootpay_receipt_with_the_cancel_page_body_decides() {
    let out = refund_policy(&[
        "decide",
        "--payment",
        &fixture("bootpay/card-paid.json"),
        "--payment-format",
        "bootpay",
        "--request",
        &fixture("bootpay/card-paid.cancel-page-example.json"),
        "--request-format",
        "bootpay",
        "--now",
        NOW,
    ]);
    let decision = json(&out);
    assert_eq!(decision["verdict"], "allow", "{decision:#}");
    assert_eq!(decision["refund"]["amount"], 1000);
    assert_eq!(decision["refund"]["partial"], true);

    let out = refund_policy(&[
        "decide",
        "--payment",
        &fixture("bootpay/card-paid.json"),
        "--payment-format",
        "bootpay",
        "--request",
        &fixture("bootpay/card-paid.cancel-price-zero.json"),
        "--request-format",
        "bootpay",
        "--now",
        NOW,
    ]);
    let decision = json(&out);
    assert_eq!(decision["verdict"], "deny");
    assert!(codes(&decision, "reasons").contains(&"INVALID_AMOUNT".to_owned()));
}

#[test]
fn unknown_method_exits_2_naming_it() {
    let toss = std::fs::read_to_string(fixture("toss_payments/card-done.json"))
        .unwrap()
        .replace("\"method\": \"카드\"", "\"method\": \"포인트\"");
    let payment = file("toss-unknown-method.json", &toss);
    let out = refund_policy(&[
        "decide",
        "--payment",
        &payment,
        "--payment-format",
        "toss_payments",
        "--now",
        NOW,
    ]);
    refused(&out, &["`method`", "`포인트`"]);

    let v1 = std::fs::read_to_string(fixture("portone_v1/api-reference-vbank-paid.json"))
        .unwrap()
        .replace("\"pay_method\": \"vbank\"", "\"pay_method\": \"bitcoin\"");
    let payment = file("v1-unknown-method.json", &v1);
    let out = refund_policy(&[
        "decide",
        "--payment",
        &payment,
        "--payment-format",
        "portone_v1",
        "--now",
        NOW,
    ]);
    refused(&out, &["`response.pay_method`", "`bitcoin`"]);
}

#[test]
fn unknown_status_exits_2_naming_it() {
    let bootpay = std::fs::read_to_string(fixture("bootpay/card-paid.json"))
        .unwrap()
        .replace("\"status\": 1", "\"status\": 49");
    let out = refund_policy_with_input(
        &[
            "decide",
            "--payment",
            "-",
            "--payment-format",
            "bootpay",
            "--now",
            NOW,
        ],
        &bootpay,
    );
    refused(&out, &["`status`", "`49`"]);

    let v2 = std::fs::read_to_string(fixture("portone_v2/card-paid.json"))
        .unwrap()
        .replace("\"status\": \"PAID\"", "\"status\": \"REFUNDED\"");
    let out = refund_policy_with_input(
        &[
            "decide",
            "--payment",
            "-",
            "--payment-format",
            "portone_v2",
            "--now",
            NOW,
        ],
        &v2,
    );
    refused(&out, &["`status`", "`REFUNDED`"]);
}

#[test]
fn error_envelope_and_misspelled_cancel_field_exit_2() {
    let envelope = file(
        "v1-error.json",
        r#"{"code": 1, "message": "존재하지 않는 결제정보입니다", "response": null}"#,
    );
    let out = refund_policy(&[
        "decide",
        "--payment",
        &envelope,
        "--payment-format",
        "portone_v1",
        "--now",
        NOW,
    ]);
    refused(&out, &["`code`", "`1`", "존재하지 않는 결제정보입니다"]);

    let body = file(
        "toss-misspelled.json",
        r#"{"cancelReason": "변심", "cancelAmout": 5000}"#,
    );
    let out = refund_policy(&[
        "decide",
        "--payment",
        &fixture("toss_payments/card-done.json"),
        "--payment-format",
        "toss_payments",
        "--request",
        &body,
        "--request-format",
        "toss_payments",
        "--now",
        NOW,
    ]);
    refused(&out, &["request", "`cancelAmout`"]);

    let body = file(
        "toss-bank.json",
        r#"{"cancelReason": "품절", "refundReceiveAccount": {"bank": "99", "accountNumber": "1", "holderName": "박토스"}}"#,
    );
    let out = refund_policy(&[
        "decide",
        "--payment",
        &fixture("toss_payments/virtual-account-done.json"),
        "--payment-format",
        "toss_payments",
        "--request",
        &body,
        "--request-format",
        "toss_payments",
        "--now",
        NOW,
    ]);
    refused(&out, &["`refundReceiveAccount.bank`", "`99`"]);
}

#[test]
fn an_unknown_format_name_exits_2() {
    let out = refund_policy(&[
        "decide",
        "--payment",
        &fixture("toss_payments/card-done.json"),
        "--payment-format",
        "toss",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown format `toss`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bootpay_sdk_cancel_bodies_decide() {
    for body in [
        "bootpay/card-paid.cancel-python-sdk.json",
        "bootpay/card-paid.cancel-ruby-sdk.json",
    ] {
        let out = refund_policy(&[
            "decide",
            "--payment",
            &fixture("bootpay/card-paid.json"),
            "--payment-format",
            "bootpay",
            "--request",
            &fixture(body),
            "--request-format",
            "bootpay",
            "--now",
            NOW,
        ]);
        let decision = json(&out);
        assert_eq!(decision["verdict"], "allow", "{body}: {decision:#}");
    }
}

#[test]
fn a_provider_error_response_exits_2_quoting_it() {
    let out = refund_policy(&[
        "decide",
        "--payment",
        &fixture("portone_v2/error-payment-not-found.refused.json"),
        "--payment-format",
        "portone_v2",
        "--now",
        NOW,
    ]);
    refused(
        &out,
        &[
            "error response from PortOne V2",
            "`PAYMENT_NOT_FOUND`",
            "결제 건이 존재하지 않습니다.",
        ],
    );
    let out = refund_policy(&[
        "decide",
        "--payment",
        &fixture("toss_payments/card-done.json"),
        "--payment-format",
        "toss_payments",
        "--request",
        &fixture("toss_payments/card-done.cancel-error-response.refused.json"),
        "--request-format",
        "toss_payments",
        "--now",
        NOW,
    ]);
    refused(
        &out,
        &[
            "error response from Toss Payments",
            "`ALREADY_CANCELED_PAYMENT`",
        ],
    );
}

#[test]
fn a_provider_payload_read_as_normalized_names_its_format() {
    let out = refund_policy(&[
        "decide",
        "--payment",
        &fixture("portone_v2/card-paid.json"),
        "--now",
        NOW,
    ]);
    refused(
        &out,
        &[
            "looks like a `portone_v2` payment",
            "--payment-format portone_v2",
        ],
    );
    let stderr = stderr(&out);
    assert!(!stderr.contains("did you mean `paid`"), "{stderr}");
}

#[test]
fn banks_written_the_korean_way_decide_like_their_enum_name() {
    let merchant = file(
        "vbank-merchant.yaml",
        "contracts: [virtual_account_refund]\n",
    );
    let decide = |bank: &str| {
        let request = file(
            &format!("bank-{bank}.yaml"),
            &format!(
                "reason: 품절\nrefund_account: {{ bank: \"{bank}\", number: \"56211105948400\", holder_name: 홍길동 }}\n"
            ),
        );
        json(&refund_policy(&[
            "decide",
            "--payment",
            &fixture("portone_v1/api-reference-vbank-paid.json"),
            "--payment-format",
            "portone_v1",
            "--request",
            &request,
            "--merchant",
            &merchant,
            "--now",
            NOW,
        ]))
    };
    let by_name = decide("SHINHAN");
    for bank in ["신한", "신한은행", "088"] {
        assert_eq!(decide(bank), by_name, "{bank}");
    }
    let request = file("bank-unknown.yaml", "refund_account: { bank: 신한으행 }\n");
    let out = refund_policy(&[
        "decide",
        "--payment",
        &fixture("portone_v1/api-reference-vbank-paid.json"),
        "--payment-format",
        "portone_v1",
        "--request",
        &request,
        "--now",
        NOW,
    ]);
    refused(
        &out,
        &[
            "`refund_account.bank`",
            "`신한으행`",
            "did you mean `신한은행`?",
        ],
    );
}
