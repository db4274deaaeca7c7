//! Hostile input: documents built to cost (alias bombs, deep nesting, oversized texts) are
//! refused by the reading limit they break, named with the document; numbers that JSON would
//! not read are refused with the field and the problem. How fast the refusals are is measured
//! outside the tests (DESIGN.md, "Reading limits"); here the kinds and messages are pinned.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests stop at the first broken expectation"
)]

use refund_policy::input::{
    self, Document, InputError, InputErrorKind, Limit, NumberProblem, limits,
};
use refund_policy::{PolicySet, PolicySource};
use rust_decimal::Decimal;
use std::str::FromStr;

fn limit_of(error: &InputError) -> (Document, Limit) {
    match error.kind() {
        InputErrorKind::Limit { document, limit } => (*document, *limit),
        other => panic!("not a limit: {other:?} ({error})"),
    }
}

/// Nine levels of nine aliases, the first holding `leaf`.
fn alias_bomb(levels: usize, leaf: &str) -> String {
    let names: Vec<String> = (0..levels).map(|i| format!("l{i}")).collect();
    let mut text = format!("{}: &{} [{}]\n", names[0], names[0], [leaf; 9].join(", "));
    for pair in names.windows(2) {
        let alias = format!("*{}", pair[0]);
        text += &format!(
            "{}: &{} [{}]\n",
            pair[1],
            pair[1],
            vec![alias; 9].join(", ")
        );
    }
    text
}

#[test]
fn an_alias_bomb_is_refused_by_the_alias_expansion_limit_in_every_document() {
    let bomb = alias_bomb(9, "lol");
    type Reader = fn(&str) -> Result<(), InputError>;
    let readers: [(Document, Reader); 3] = [
        (Document::Payment, |t| input::payment(t).map(drop)),
        (Document::Request, |t| input::request(t).map(drop)),
        (Document::Merchant, |t| input::merchant(t).map(drop)),
    ];
    for (document, read) in readers {
        let error = read(&bomb).expect_err("a bomb");
        assert_eq!(
            limit_of(&error),
            (document, Limit::AliasExpansion(limits::MAX_ALIAS_EXPANSION)),
            "{error}"
        );
        assert!(
            error.message().starts_with(&format!(
                "the {document} is refused by the alias expansion limit"
            )),
            "{error}"
        );
    }
    let error = PolicySet::load(&[PolicySource::new("bomb.yaml", &bomb)]).expect_err("a bomb");
    assert!(
        error
            .to_string()
            .contains("the policy is refused by the alias expansion limit"),
        "{error}"
    );
}

#[test]
fn an_alias_of_a_long_text_cannot_multiply_it_past_the_text_limit() {
    let long = "x".repeat(limits::MAX_INPUT_BYTES - 2000);
    let text = format!("a: &a '{long}'\nb: [{}]\n", vec!["*a"; 200].join(", "));
    let error = input::request(&text).expect_err("too much text");
    assert!(
        matches!(
            limit_of(&error),
            (
                Document::Request,
                Limit::TextBytes(_) | Limit::AliasExpansion(_)
            )
        ),
        "{error}"
    );
}

#[test]
fn deep_nesting_is_refused_by_the_depth_limit_in_flow_and_block_style() {
    let flow = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let block: String = (0..=limits::MAX_DEPTH)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    for text in [flow, block] {
        let error = input::request(&text).expect_err("too deep");
        assert_eq!(
            limit_of(&error),
            (Document::Request, Limit::Depth(limits::MAX_DEPTH)),
            "{error}"
        );
    }
    let shallow: String = (0..limits::MAX_DEPTH - 2)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    let error = input::request(&shallow).expect_err("not a request, but not too deep");
    assert!(
        matches!(error.kind(), InputErrorKind::UnknownField { .. }),
        "{error}"
    );
}

#[test]
fn an_oversized_document_is_refused_before_it_is_parsed_naming_its_kind_and_size() {
    let payment = format!("provider: portone_v2\n# {}\n", "x".repeat(10 << 20));
    let error = input::payment(&payment).expect_err("10 MB");
    assert_eq!(
        limit_of(&error),
        (
            Document::Payment,
            Limit::Bytes {
                max: limits::MAX_INPUT_BYTES,
                actual: payment.len()
            }
        )
    );
    assert_eq!(
        error.message(),
        format!(
            "the payment is refused by the size limit: it is {} bytes long, more than the {} bytes allowed",
            payment.len(),
            limits::MAX_INPUT_BYTES
        )
    );
    // Unparseable text past the limit is still refused for its size, before the parser runs.
    let garbage = "{[".repeat(limits::MAX_INPUT_BYTES);
    let error = input::merchant(&garbage).expect_err("oversized garbage");
    assert!(matches!(
        limit_of(&error),
        (Document::Merchant, Limit::Bytes { .. })
    ));
    let policy = format!("policy: x\n# {}\n", "x".repeat(limits::MAX_POLICY_BYTES));
    let error = PolicySet::load(&[PolicySource::new("big.yaml", &policy)]).expect_err("1 MiB");
    assert!(
        error
            .to_string()
            .contains("the policy is refused by the size limit"),
        "{error}"
    );
}

#[test]
fn a_document_of_exactly_the_size_limit_is_not_refused_for_its_size() {
    let head = "reason: '";
    let tail = "'\n";
    let text = format!(
        "{head}{}{tail}",
        "x".repeat(limits::MAX_INPUT_BYTES - head.len() - tail.len())
    );
    assert_eq!(text.len(), limits::MAX_INPUT_BYTES);
    assert!(input::request(&text).is_ok());
}

#[test]
fn a_policy_may_be_larger_than_an_input() {
    let padding = format!("# {}\n", "x".repeat(limits::MAX_INPUT_BYTES));
    let error = PolicySet::load(&[PolicySource::new(
        "padded.yaml",
        &format!("{padding}policy: x\n"),
    )])
    .expect_err("not a whole policy");
    assert!(!error.to_string().contains("size limit"), "{error}");
}

#[test]
fn an_alias_replayed_past_the_expansion_limit_is_refused_by_it() {
    // One anchor of 100 values used 200 times: few aliases, but 20,000 replayed events.
    let values = vec!["v"; 100].join(", ");
    let text = format!("a: &a [{values}]\nb: [{}]\n", vec!["*a"; 200].join(", "));
    let error = input::request(&text).expect_err("past the expansion limit");
    assert_eq!(
        limit_of(&error),
        (
            Document::Request,
            Limit::AliasExpansion(limits::MAX_ALIAS_EXPANSION)
        )
    );
}

#[test]
fn a_document_just_under_the_size_limit_reads() {
    let padding = limits::MAX_INPUT_BYTES - 100;
    let text = format!("reason: '{}'\n", "가".repeat(padding / 3));
    assert!(text.len() <= limits::MAX_INPUT_BYTES);
    let request = input::request(&text).expect("under the limit");
    assert_eq!(request.reason.map(|r| r.chars().count()), Some(padding / 3));
}

#[test]
fn too_many_values_are_refused_by_the_node_limit() {
    let text = format!(
        "contracts: [{}]",
        vec!["a"; limits::MAX_NODES + 1].join(",")
    );
    let error = input::merchant(&text).expect_err("too many nodes");
    assert_eq!(
        limit_of(&error),
        (Document::Merchant, Limit::Nodes(limits::MAX_NODES))
    );
}

#[test]
fn too_many_anchors_and_aliases_are_refused_by_their_limits() {
    let anchors: Vec<String> = (0..=limits::MAX_ANCHORS)
        .map(|i| format!("&a{i} c"))
        .collect();
    let error = input::merchant(&format!("contracts: [{}]", anchors.join(", "))).unwrap_err();
    assert_eq!(
        limit_of(&error),
        (Document::Merchant, Limit::Anchors(limits::MAX_ANCHORS))
    );
    let aliases = vec!["*a"; limits::MAX_ALIASES + 1].join(", ");
    let error = input::merchant(&format!("x: &a c\ncontracts: [{aliases}]")).unwrap_err();
    assert!(
        matches!(
            limit_of(&error),
            (
                Document::Merchant,
                Limit::Aliases(_) | Limit::AliasExpansion(_)
            )
        ),
        "{error}"
    );
}

const PAYMENT: &str =
    r#"{"provider":"portone_v2","method":"card","status":"paid","amount":{"total":TOTAL}}"#;

fn total(text: &str) -> Result<Decimal, InputError> {
    input::payment(&PAYMENT.replace("TOTAL", text)).map(|p| p.amount.total)
}

fn number_problem(text: &str) -> (String, String, NumberProblem) {
    let error = total(text).expect_err(text);
    match error.kind() {
        InputErrorKind::Number {
            path,
            value,
            problem,
        } => (path.clone(), value.clone(), *problem),
        other => panic!("`{text}` is not a number error: {other:?} ({error})"),
    }
}

#[test]
fn json_numbers_read_as_json_writes_them_and_nothing_else() {
    for (text, exact) in [
        ("10000", "10000"),
        ("-0", "0"),
        ("0.5", "0.5"),
        ("1e4", "10000"),
        ("1E+4", "10000"),
        ("1.0001e4", "10001"),
        ("123456789012345678.9", "123456789012345678.9"),
        ("1e18", "1000000000000000000"),
        (
            "0.0000000000000000000000000001",
            "0.0000000000000000000000000001",
        ),
        ("1e-28", "0.0000000000000000000000000001"),
        ("0e400", "0"),
        ("\"10000\"", "10000"),
    ] {
        assert_eq!(
            total(text).expect(text),
            Decimal::from_str(exact).unwrap(),
            "{text}"
        );
    }
    for text in [
        "0x2710", "10_000", "+10000", "010000", ".5", "5.", "0o17", ".inf", "-.inf", ".nan",
    ] {
        assert_eq!(
            number_problem(text),
            (
                "amount.total".to_owned(),
                text.to_owned(),
                NumberProblem::Form
            ),
            "{text}"
        );
    }
}

#[test]
fn an_amount_in_exponent_form_is_read_exactly_or_refused_for_its_real_problem() {
    for (text, problem) in [
        ("1e400", NumberProblem::Range),
        ("1e19", NumberProblem::Range),
        ("1000000000000000000.5", NumberProblem::Range),
        ("1e99999999999999999999999", NumberProblem::Range),
        ("1e-400", NumberProblem::Precision),
        ("1e-29", NumberProblem::Precision),
        ("10000.00000000000000000000000001", NumberProblem::Precision),
        ("1e-99999999999999999999999", NumberProblem::Precision),
    ] {
        assert_eq!(number_problem(text).2, problem, "{text}");
    }
    // A string is held to the same rules as a number.
    assert_eq!(number_problem("\"1e400\"").2, NumberProblem::Range);
    assert_eq!(number_problem("\"+1\"").2, NumberProblem::Form);
    assert_eq!(number_problem("\"ten\"").2, NumberProblem::NotANumber);
    // Digits among other characters are not a number in the wrong form, only not a number.
    assert_eq!(number_problem("\"12 apples\"").2, NumberProblem::NotANumber);
    assert_eq!(number_problem("\"1.2.3\"").2, NumberProblem::Form);
}

#[test]
fn number_messages_name_the_field_and_the_problem() {
    let message = |text: &str| total(text).unwrap_err().to_string();
    assert_eq!(
        message("0x2710"),
        "`amount.total`: the number `0x2710` is not written as a decimal number (hexadecimal, octal, `_`, a leading `+` or zero, `.inf` and `.nan` are not read) at line 1, column 76"
    );
    assert_eq!(
        message("1e-400"),
        "`amount.total`: `1e-400` has more digits than an amount holds exactly (28 significant digits, at most 28 after the decimal point) at line 1, column 76"
    );
    assert_eq!(
        message("1e400"),
        "`amount.total`: `1e400` is out of range: amounts are at most 10^18 at line 1, column 76"
    );
}

#[test]
fn integer_fields_refuse_numbers_json_would_not_read() {
    let error = input::payment(
        "provider: portone_v2\nmethod: card\nstatus: paid\namount: {total: 1}\ncancellations: [{amount: 1, status: succeeded, id: 0x10}]",
    );
    // `id` is text: a number written there keeps its digits as written.
    assert_eq!(error.unwrap().cancellations[0].id.as_deref(), Some("0x10"));
}

#[test]
fn an_explicit_null_amount_is_refused_and_an_absent_one_refunds_everything() {
    let error = input::request(r#"{"amount": null, "reason": "x"}"#).expect_err("null");
    assert_eq!(
        error.kind(),
        &InputErrorKind::Null {
            path: "amount".to_owned()
        }
    );
    assert_eq!(
        error.to_string(),
        "`amount`: null is not a value here (leave `amount` out to refund everything that remains) at line 1, column 12"
    );
    assert_eq!(
        input::request("amount: ~").unwrap_err().kind(),
        error.kind()
    );
    assert_eq!(input::request(r#"{"reason": "x"}"#).unwrap().amount, None);
}
