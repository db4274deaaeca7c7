//! `decide --batch`: one JSON line in, one JSON line out, in order, whatever a line holds.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests stop at the first broken expectation"
)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn refund_policy(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_refund-policy"));
    command.args(args).current_dir(ROOT);
    command
}

/// Runs `decide --batch` with `extra` arguments over `lines` written to standard input.
fn batch(extra: &[&str], lines: &[String]) -> Output {
    let mut child = refund_policy(&[&["decide", "--batch"], extra].concat())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = lines.join("\n") + "\n";
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("finishes");
    writer.join().expect("the writer").expect("writes");
    out
}

/// Every line of standard output, as JSON.
fn answers(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// What a single `decide` prints for the same files.
fn single(args: &[&str]) -> Value {
    let out = refund_policy(&[&["decide"], args].concat())
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// A batch answer without the caller's `id`: the decision `decide` prints.
fn without_id(answer: &Value) -> Value {
    let mut answer = answer.clone();
    answer.as_object_mut().expect("an object").remove("id");
    answer
}

fn mobile(paid_at: &str) -> Value {
    json!({
        "provider": "portone_v2", "method": "mobile", "status": "paid",
        "amount": {"total": 10000}, "paid_at": paid_at,
    })
}

fn line(value: &Value) -> String {
    serde_json::to_string(value).expect("JSON")
}

#[test]
fn answers_every_line_in_order_as_decide_would_with_the_callers_id() {
    let lines = [
        json!({"id": "refund-1", "payment": mobile("2026-01-31T23:30:00+09:00"),
               "request": {"reason": "고객 요청"}, "now": "2026-02-01T00:10:00+09:00"}),
        json!({"id": 2, "payment": mobile("2026-01-31T23:30:00+09:00"),
               "request": {"reason": "고객 요청"}, "now": "2026-01-31T23:50:00+09:00"}),
        json!({"payment": mobile("2026-01-31T23:30:00+09:00"), "now": "2026-01-31T23:50:00+09:00"}),
        json!({"id": {"order": 4}, "payment": mobile("2026-01-31T23:30:00+09:00"),
               "request": {"reason": "고객 요청", "amount": 3000}, "merchant": {"contracts": ["mobile_next_month_refund"]},
               "now": "2026-02-01T00:10:00+09:00"}),
    ];
    let out = batch(
        &["--lang", "en"],
        &lines.iter().map(line).collect::<Vec<_>>(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers = answers(&out);
    assert_eq!(answers.len(), 4);
    assert_eq!(answers[0]["id"], "refund-1");
    assert_eq!(answers[1]["id"], 2);
    assert!(answers[2].get("id").is_none(), "{}", answers[2]);
    assert_eq!(answers[3]["id"], json!({"order": 4}));
    let verdicts: Vec<&Value> = answers.iter().map(|a| &a["verdict"]).collect();
    assert_eq!(verdicts, ["deny", "allow", "deny", "deny"]);
    assert_eq!(answers[0]["reasons"][0]["code"], "MONTH_CHANGED");
    assert_eq!(answers[2]["reasons"][0]["code"], "REASON_REQUIRED");
    assert_eq!(answers[3]["refund"]["amount"], 3000);

    // Each answer is what a single `decide` prints for the same inputs.
    let dir = scratch("same-as-decide");
    for (i, (input, answer)) in lines.iter().zip(&answers).enumerate() {
        let mut args = vec!["--lang".to_owned(), "en".to_owned()];
        for part in ["payment", "request", "merchant"] {
            if let Some(value) = input.get(part) {
                let path = dir.join(format!("{i}-{part}.json"));
                std::fs::write(&path, line(value)).expect("writes");
                args.extend([format!("--{part}"), path.display().to_string()]);
            }
        }
        args.extend([
            "--now".to_owned(),
            input["now"].as_str().unwrap().to_owned(),
        ]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_eq!(without_id(answer), single(&args), "line {}", i + 1);
    }
}

/// `--screen` answers each line with the verdict and the reason codes its decision gives, the
/// caller's `id` first, and nothing else; a bad line still answers its error, and
/// `--fail-on-deny` still counts denials.
#[test]
fn screen_answers_each_line_with_its_decisions_verdict_and_codes() {
    let lines: Vec<String> = [
        json!({"id": "refund-1", "payment": mobile("2026-01-31T23:30:00+09:00"),
               "request": {"reason": "고객 요청"}, "now": "2026-02-01T00:10:00+09:00"}),
        json!({"payment": mobile("2026-01-31T23:30:00+09:00"),
               "request": {"reason": "고객 요청"}, "now": "2026-01-31T23:50:00+09:00"}),
        json!({"id": 3, "payment": mobile("2026-01-31T23:30:00+09:00"),
               "request": {"amount": 20000}, "now": "2026-01-31T23:50:00+09:00"}),
        json!({"id": 4, "payment": {"provider": "portone_v2"}}),
    ]
    .iter()
    .map(line)
    .collect();
    let decided = answers(&batch(&[], &lines));
    let out = batch(&["--screen", "--fail-on-deny"], &lines);
    assert_eq!(out.status.code(), Some(2), "a line did not read");
    let screened = answers(&out);
    assert_eq!(screened.len(), 4);
    assert_eq!(
        screened[0],
        json!({"id": "refund-1", "verdict": "deny", "reasons": ["MONTH_CHANGED"]})
    );
    assert_eq!(screened[1], json!({"verdict": "allow", "reasons": []}));
    assert_eq!(screened[2]["id"], 3);
    for (screened, decided) in screened.iter().zip(&decided).take(3) {
        let codes: Vec<&Value> = decided["reasons"]
            .as_array()
            .expect("reasons")
            .iter()
            .map(|reason| &reason["code"])
            .collect();
        assert_eq!(screened["verdict"], decided["verdict"]);
        assert_eq!(
            screened["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .collect::<Vec<_>>(),
            codes
        );
    }
    assert_eq!(
        screened[3], decided[3],
        "a line that does not read answers its error"
    );

    let denied = batch(&["--screen", "--fail-on-deny"], &lines[..1]);
    assert_eq!(denied.status.code(), Some(3));
    let without_batch = refund_policy(&["decide", "--screen"])
        .output()
        .expect("runs");
    assert_eq!(without_batch.status.code(), Some(2));
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("batch-{name}"));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

#[test]
fn a_bad_line_in_the_middle_answers_an_error_and_the_lines_after_it_still_decide() {
    let good = json!({"payment": mobile("2026-01-31T23:30:00+09:00"),
                      "request": {"reason": "고객 요청"}, "now": "2026-01-31T23:50:00+09:00"});
    let bad = r#"{"id": "b", "payment": {"provider": "portone_v2", "method": "mobil"}}"#;
    let out = batch(&[], &[line(&good), bad.to_owned(), line(&good)]);
    let answers = answers(&out);
    assert_eq!(answers.len(), 3, "{answers:?}");
    assert_eq!(answers[0]["verdict"], "allow");
    assert_eq!(answers[2]["verdict"], "allow");
    assert_eq!(
        answers[1],
        json!({
            "id": "b",
            "line": 2,
            "error": {
                "kind": "invalid_input",
                "field": "payment",
                "message": "`method`: unknown value `mobil`",
                "help": "did you mean `mobile`?",
                "column": bad.find("\"mobil\"").unwrap() + 1,
            }
        })
    );
    // The stream was answered whole; the exit code says a line did not read.
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn lines_that_do_not_read_answer_what_is_wrong_and_where() {
    let payment = line(&mobile("2026-01-31T23:30:00+09:00"));
    let cases: Vec<(String, Value)> = vec![
        (
            "{\"payment\": ".to_owned(),
            json!({"kind": "not_json", "message": "the line is not a JSON object: EOF while parsing a value", "column": 12}),
        ),
        (
            "[1, 2]".to_owned(),
            json!({"kind": "not_json", "message": "the line is not a JSON object: invalid type: sequence, expected an object with `payment`"}),
        ),
        (
            format!("{{\"paymnt\": {payment}}}"),
            json!({"kind": "unknown_field", "field": "paymnt", "help": "did you mean `payment`?", "column": 12}),
        ),
        (
            format!("{{\"payment\": {payment}, \"payment\": {payment}}}"),
            json!({"kind": "duplicate_field", "field": "payment"}),
        ),
        (
            "{\"id\": 9}".to_owned(),
            json!({"kind": "missing_field", "field": "payment", "message": "missing field `payment`"}),
        ),
        (
            "{\"payment\": [1]}".to_owned(),
            json!({"kind": "wrong_type", "field": "payment", "message": "`payment` must be an object, or a string holding the document, not an array", "column": 13}),
        ),
        (
            format!("{{\"payment\": {payment}, \"now\": 5}}"),
            json!({"kind": "wrong_type", "field": "now", "message": "`now` must be a string, not a number"}),
        ),
        (
            format!("{{\"payment\": {payment}, \"request_format\": \"tosspayments\"}}"),
            json!({"kind": "unknown_format", "field": "request_format", "help": "did you mean `toss_payments`?"}),
        ),
        (
            format!("{{\"payment\": {payment}, \"now\": \"2026-02-01T00:10:00\"}}"),
            json!({"kind": "invalid_input", "field": "now", "message": "`2026-02-01T00:10:00` has no offset: write the instant with one, such as `2026-01-31T23:30:00+09:00`"}),
        ),
        (
            format!(
                "{{\"payment\": {payment}, \"request\": {{\"refund_account\": {{\"bank\": \"SHINHANN\"}}}}}}"
            ),
            json!({"kind": "invalid_input", "field": "request", "help": "did you mean `SHINHAN`?"}),
        ),
        (
            format!(
                "{{\"payment\": {payment}, \"merchant\": {{\"contracts\": [\"virtual_account_refnd\"]}}}}"
            ),
            json!({"kind": "invalid_input", "field": "merchant", "message": "`contracts[0]`: unknown contract id `virtual_account_refnd`", "help": "did you mean `virtual_account_refund`?"}),
        ),
    ];
    let lines: Vec<String> = cases.iter().map(|(text, _)| text.clone()).collect();
    let out = batch(&[], &lines);
    assert_eq!(out.status.code(), Some(2));
    let answers = answers(&out);
    assert_eq!(answers.len(), cases.len());
    for (i, ((text, expected), answer)) in cases.iter().zip(&answers).enumerate() {
        assert_eq!(answer["line"], i + 1, "{answer}");
        let error = &answer["error"];
        for (key, value) in expected.as_object().unwrap() {
            assert_eq!(&error[key], value, "`{key}` for {text}: {answer}");
        }
        assert!(
            error["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{answer}"
        );
    }
}

#[test]
fn each_line_reads_its_own_provider_format() {
    let fixture = |provider: &str, name: &str| -> (String, Value) {
        let path = format!("tests/fixtures/{provider}/{name}.json");
        let text = std::fs::read_to_string(PathBuf::from(ROOT).join(&path)).expect("a fixture");
        (path, serde_json::from_str(&text).expect("JSON"))
    };
    let now = "2026-03-10T10:00:00+09:00";
    let cases = [
        ("portone_v2", "card-paid", "card-paid.cancel-partial"),
        (
            "portone_v1",
            "card-partially-cancelled",
            "card-partially-cancelled.cancel-amount-zero",
        ),
        ("bootpay", "card-paid", "card-paid.cancel-page-example"),
        ("toss_payments", "card-done", "card-done.cancel-partial"),
    ];
    let mut lines = Vec::new();
    let mut expected = Vec::new();
    for (provider, payment, request) in cases {
        let (payment_path, payment) = fixture(provider, payment);
        let (request_path, request) = fixture(provider, request);
        lines.push(line(&json!({
            "id": provider,
            "payment": payment, "payment_format": provider,
            "request": request, "request_format": provider,
        })));
        expected.push(single(&[
            "--payment",
            &payment_path,
            "--payment-format",
            provider,
            "--request",
            &request_path,
            "--request-format",
            provider,
            "--now",
            now,
        ]));
    }
    // A line without its own format takes the command's; a payment may also be the text of a
    // document, here the normalized YAML the PortOne V2 payment reads as.
    let normalized = std::fs::read_to_string(
        PathBuf::from(ROOT).join("tests/fixtures/portone_v2/card-paid.expected.yaml"),
    )
    .expect("a fixture");
    lines.push(line(
        &json!({"id": "text", "payment": normalized, "payment_format": "normalized"}),
    ));
    lines.push(line(
        &json!({"id": "default", "payment": fixture("portone_v2", "card-paid").1}),
    ));
    let out = batch(&["--now", now, "--payment-format", "portone_v2"], &lines);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let answers = answers(&out);
    assert_eq!(answers.len(), 6);
    for ((provider, _, _), (answer, expected)) in cases.iter().zip(answers.iter().zip(&expected)) {
        assert_eq!(answer["id"], *provider);
        assert_eq!(&without_id(answer), expected, "{provider}");
    }
    let full = single(&[
        "--payment",
        "tests/fixtures/portone_v2/card-paid.json",
        "--payment-format",
        "portone_v2",
        "--now",
        now,
    ]);
    assert_eq!(without_id(&answers[4]), full);
    assert_eq!(without_id(&answers[5]), full);
}

#[test]
fn now_lang_and_policies_apply_to_every_line_and_a_lines_now_wins() {
    let payment = mobile("2026-01-31T23:30:00+09:00");
    let lines = [
        line(&json!({"payment": payment, "request": {"reason": "r"}})),
        line(
            &json!({"payment": payment, "request": {"reason": "r"}, "now": "2026-01-31T23:50:00+09:00"}),
        ),
    ];
    let out = batch(
        &[
            "--now",
            "2026-02-01T00:10:00+09:00",
            "--lang",
            "en",
            "--policies",
            "policies",
        ],
        &lines,
    );
    assert_eq!(out.status.code(), Some(0));
    let answers = answers(&out);
    assert_eq!(answers[0]["now"], "2026-01-31T15:10:00Z");
    assert_eq!(answers[0]["reasons"][0]["code"], "MONTH_CHANGED");
    assert!(
        answers[0]["reasons"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("month it was made")),
        "{}",
        answers[0]
    );
    assert_eq!(answers[1]["now"], "2026-01-31T14:50:00Z");
    assert_eq!(answers[1]["verdict"], "allow");
}

#[test]
fn blank_lines_are_skipped_but_counted() {
    let out = batch(&[], &[String::new(), "  ".to_owned(), "{}".to_owned()]);
    let answers = answers(&out);
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0]["line"], 3);
    assert_eq!(answers[0]["error"]["kind"], "missing_field");
}

#[test]
fn batch_reads_a_file_too() {
    let path = scratch("file").join("lines.jsonl");
    let lines = [
        line(
            &json!({"id": 1, "payment": mobile("2026-01-31T23:30:00+09:00"), "request": {"reason": "r"}}),
        ),
        "{\"id\": 2}".to_owned(),
    ];
    std::fs::write(&path, lines.join("\n")).expect("writes");
    let out = refund_policy(&[
        "decide",
        "--batch",
        &path.display().to_string(),
        "--now",
        "2026-01-31T23:50:00+09:00",
    ])
    .output()
    .expect("runs");
    let answers = answers(&out);
    assert_eq!(answers.len(), 2, "a last line without a newline is read");
    assert_eq!(answers[0]["verdict"], "allow");
    assert_eq!(answers[1]["id"], 2);
    assert_eq!(answers[1]["error"]["kind"], "missing_field");

    let missing = refund_policy(&["decide", "--batch", "no/such/lines.jsonl"])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read `no/such/lines.jsonl`"));
}

#[test]
fn fail_on_deny_exits_3_after_the_whole_stream_when_a_line_was_denied() {
    let allowed = line(&json!({"payment": mobile("2026-01-31T23:30:00+09:00"),
                               "request": {"reason": "r"}, "now": "2026-01-31T23:50:00+09:00"}));
    let denied = line(&json!({"payment": mobile("2026-01-31T23:30:00+09:00"),
                              "request": {"reason": "r"}, "now": "2026-02-01T00:10:00+09:00"}));
    let out = batch(&["--fail-on-deny"], &[denied.clone(), allowed.clone()]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(answers(&out).len(), 2, "every line is answered first");
    assert_eq!(
        batch(&["--fail-on-deny"], &[allowed.clone(), allowed.clone()])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        batch(&[], std::slice::from_ref(&denied)).status.code(),
        Some(0)
    );
    // A line that does not read outranks a deny: the batch is incomplete.
    assert_eq!(
        batch(&["--fail-on-deny"], &[denied, "{}".to_owned()])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn answers_stream_out_as_lines_come_in() {
    let mut child = refund_policy(&["decide", "--batch", "--now", "2026-01-31T23:50:00+09:00"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let (sender, answers) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for answer in stdout.lines() {
            if sender.send(answer).is_err() {
                break;
            }
        }
    });
    // Standard input stays open: each answer must arrive while the caller still writes. The
    // wait only guards against hanging forever when an answer is held back.
    let patience = std::time::Duration::from_secs(300);
    for id in 0..3 {
        let request = json!({"id": id, "payment": mobile("2026-01-31T23:30:00+09:00"), "request": {"reason": "r"}});
        writeln!(stdin, "{}", line(&request)).expect("writes");
        stdin.flush().expect("flushes");
        let Ok(answer) = answers.recv_timeout(patience) else {
            child.kill().expect("stops");
            panic!(
                "no answer to line {} while standard input stayed open",
                id + 1
            );
        };
        let answer: Value = serde_json::from_str(&answer.expect("reads")).expect("JSON");
        assert_eq!(answer["id"], id);
        assert_eq!(answer["verdict"], "allow");
    }
    drop(stdin);
    assert_eq!(child.wait().expect("exits").code(), Some(0));
}

#[test]
fn batch_takes_no_file_of_its_own_nor_text_output() {
    let out = refund_policy(&[
        "decide",
        "--batch",
        "--payment",
        "examples/quickstart/payment.yaml",
    ])
    .output()
    .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = refund_policy(&["decide", "--batch", "-", "--format", "text"])
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("`--format text` cannot be used"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
