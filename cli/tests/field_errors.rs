//! Every field of the payment, the request, the merchant profile and the policy, given a value
//! of the wrong type, an unknown value and a value out of range: the command exits with the
//! contract's code (2 for an input, 1 for a policy) and one message naming the field.

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
use std::sync::atomic::{AtomicUsize, Ordering};

fn refund_policy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_refund-policy"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Writes `text` to a file of its own: tests run in parallel.
fn file(name: &str, text: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("field_errors");
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let path = dir.join(format!("{}-{name}", NEXT.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&path, text).expect("writes");
    path.display().to_string()
}

const PAYMENT: &str = "provider: portone_v2
pg: kcp_v2
method: card
card: { type: credit, foreign: false, point_used: false }
status: partially_cancelled
currency: KRW
amount: { total: 10000, tax_free: 0, vat: 909, cancelled: 1000, cancelled_tax_free: 0 }
paid_at: 2026-01-31T23:30:00+09:00
escrow: false
partial_cancelable: true
cancellations: [ { id: c-1, amount: 1000, status: succeeded, cancel_id: key-1 } ]
";

const EASY_PAY: &str = "provider: portone_v2
method: easy_pay
easy_pay: { provider: kakaopay, funding: money }
status: paid
amount: { total: 10000 }
";

const REQUEST: &str = "amount: 3000
tax_free_amount: 0
vat_amount: 272
reason: 고객 요청
requester: customer
current_cancellable_amount: 9000
refund_account: { bank: SHINHAN, number: '56211105948400', holder_name: 홍길동, holder_phone: '01012345678' }
cancel_id: key-2
";

const MERCHANT: &str = "contracts: [virtual_account_refund]\n";

/// A row: which document, the field, the text to replace, what to put there, what is wrong.
type Row = (&'static str, &'static str, &'static str, &'static str);

/// (field, original, replacement) for each document; the rows name wrong types, unknown
/// values and values out of range, in that order for each field.
const PAYMENT_ROWS: &[Row] = &[
    (
        "provider",
        "provider: portone_v2",
        "provider: [portone_v2]",
        "wrong type",
    ),
    (
        "provider",
        "provider: portone_v2",
        "provider: portone_v3",
        "unknown",
    ),
    ("pg", "pg: kcp_v2", "pg: { id: kcp_v2 }", "wrong type"),
    ("method", "method: card", "method: 1", "wrong type"),
    ("method", "method: card", "method: crad", "unknown"),
    ("card.type", "type: credit", "type: [credit]", "wrong type"),
    ("card.type", "type: credit", "type: platinum", "unknown"),
    (
        "card.foreign",
        "foreign: false",
        "foreign: 'no'",
        "wrong type",
    ),
    ("card.foreign", "foreign: false", "foreign: yes", "unknown"),
    (
        "card.point_used",
        "point_used: false",
        "point_used: 0",
        "wrong type",
    ),
    (
        "status",
        "status: partially_cancelled",
        "status: { paid: true }",
        "wrong type",
    ),
    (
        "status",
        "status: partially_cancelled",
        "status: refunded",
        "unknown",
    ),
    ("currency", "currency: KRW", "currency: [KRW]", "wrong type"),
    ("currency", "currency: KRW", "currency: WON", "unknown"),
    (
        "amount",
        "amount: { total",
        "amount: 5\nx: { total",
        "wrong type",
    ),
    (
        "amount.total",
        "total: 10000",
        "total: [10000]",
        "wrong type",
    ),
    (
        "amount.total",
        "total: 10000",
        "total: ten thousand",
        "unknown",
    ),
    (
        "amount.total",
        "total: 10000",
        "total: 1e19",
        "out of range",
    ),
    (
        "amount.total",
        "total: 10000",
        "total: 0x2710",
        "out of range",
    ),
    (
        "amount.tax_free",
        "tax_free: 0,",
        "tax_free: {},",
        "wrong type",
    ),
    (
        "amount.tax_free",
        "tax_free: 0,",
        "tax_free: 1e-29,",
        "out of range",
    ),
    ("amount.vat", "vat: 909", "vat: true", "wrong type"),
    ("amount.vat", "vat: 909", "vat: -1e400", "out of range"),
    (
        "amount.cancelled",
        "cancelled: 1000,",
        "cancelled: [],",
        "wrong type",
    ),
    (
        "amount.cancelled",
        "cancelled: 1000,",
        "cancelled: +1000,",
        "out of range",
    ),
    (
        "amount.cancelled_tax_free",
        "cancelled_tax_free: 0",
        "cancelled_tax_free: .nan",
        "out of range",
    ),
    (
        "paid_at",
        "paid_at: 2026-01-31T23:30:00+09:00",
        "paid_at: [2026]",
        "wrong type",
    ),
    (
        "paid_at",
        "paid_at: 2026-01-31T23:30:00+09:00",
        "paid_at: yesterday",
        "unknown",
    ),
    (
        "paid_at",
        "paid_at: 2026-01-31T23:30:00+09:00",
        "paid_at: 2026-02-30T23:30:00+09:00",
        "out of range",
    ),
    (
        "paid_at",
        "paid_at: 2026-01-31T23:30:00+09:00",
        "paid_at: 2026-01-31T23:30:00",
        "out of range",
    ),
    ("escrow", "escrow: false", "escrow: 'false'", "wrong type"),
    (
        "partial_cancelable",
        "partial_cancelable: true",
        "partial_cancelable: 1",
        "wrong type",
    ),
    (
        "cancellations",
        "cancellations: [",
        "cancellations: 5\nx: [",
        "wrong type",
    ),
    ("cancellations[0].id", "id: c-1", "id: [c-1]", "wrong type"),
    (
        "cancellations[0].amount",
        "amount: 1000,",
        "amount: {},",
        "wrong type",
    ),
    (
        "cancellations[0].amount",
        "amount: 1000,",
        "amount: 1e400,",
        "out of range",
    ),
    (
        "cancellations[0].status",
        "status: succeeded",
        "status: [succeeded]",
        "wrong type",
    ),
    (
        "cancellations[0].status",
        "status: succeeded",
        "status: done",
        "unknown",
    ),
    (
        "cancellations[0].cancel_id",
        "cancel_id: key-1",
        "cancel_id: {}",
        "wrong type",
    ),
    (
        "cancellations[0]",
        "cancel_id: key-1",
        "cancel_id: key-1, refunded: true",
        "unknown",
    ),
];

const EASY_PAY_ROWS: &[Row] = &[
    (
        "easy_pay",
        "easy_pay: {",
        "easy_pay: kakaopay\nx: {",
        "wrong type",
    ),
    (
        "easy_pay.provider",
        "provider: kakaopay",
        "provider: [kakaopay]",
        "wrong type",
    ),
    (
        "easy_pay.funding",
        "funding: money",
        "funding: [money]",
        "wrong type",
    ),
    (
        "easy_pay.funding",
        "funding: money",
        "funding: cash",
        "unknown",
    ),
];

const REQUEST_ROWS: &[Row] = &[
    ("amount", "amount: 3000", "amount: [3000]", "wrong type"),
    ("amount", "amount: 3000", "amount: all", "unknown"),
    ("amount", "amount: 3000", "amount: 1e400", "out of range"),
    ("amount", "amount: 3000", "amount: null", "out of range"),
    (
        "tax_free_amount",
        "tax_free_amount: 0",
        "tax_free_amount: {}",
        "wrong type",
    ),
    (
        "tax_free_amount",
        "tax_free_amount: 0",
        "tax_free_amount: 0x0",
        "out of range",
    ),
    (
        "vat_amount",
        "vat_amount: 272",
        "vat_amount: [272]",
        "wrong type",
    ),
    (
        "vat_amount",
        "vat_amount: 272",
        "vat_amount: 1e-400",
        "out of range",
    ),
    (
        "reason",
        "reason: 고객 요청",
        "reason: [고객 요청]",
        "wrong type",
    ),
    (
        "requester",
        "requester: customer",
        "requester: [customer]",
        "wrong type",
    ),
    (
        "requester",
        "requester: customer",
        "requester: buyer",
        "unknown",
    ),
    (
        "current_cancellable_amount",
        "current_cancellable_amount: 9000",
        "current_cancellable_amount: true",
        "wrong type",
    ),
    (
        "current_cancellable_amount",
        "current_cancellable_amount: 9000",
        "current_cancellable_amount: 10_000",
        "out of range",
    ),
    (
        "refund_account",
        "refund_account: {",
        "refund_account: SHINHAN\nx: {",
        "wrong type",
    ),
    (
        "refund_account.bank",
        "bank: SHINHAN",
        "bank: [SHINHAN]",
        "wrong type",
    ),
    (
        "refund_account.bank",
        "bank: SHINHAN",
        "bank: SHINHNA",
        "unknown",
    ),
    (
        "refund_account.number",
        "number: '56211105948400'",
        "number: [1]",
        "wrong type",
    ),
    (
        "refund_account.holder_name",
        "holder_name: 홍길동",
        "holder_name: {}",
        "wrong type",
    ),
    (
        "refund_account.holder_phone",
        "holder_phone: '01012345678'",
        "holder_phone: []",
        "wrong type",
    ),
    (
        "refund_account",
        "holder_phone: '01012345678'",
        "holder_phone: '01012345678', iban: x",
        "unknown",
    ),
    (
        "cancel_id",
        "cancel_id: key-2",
        "cancel_id: [key-2]",
        "wrong type",
    ),
];

const MERCHANT_ROWS: &[Row] = &[
    (
        "contracts",
        "contracts: [virtual_account_refund]",
        "contracts: virtual_account_refund",
        "wrong type",
    ),
    (
        "contracts[0]",
        "contracts: [virtual_account_refund]",
        "contracts: [[virtual_account_refund]]",
        "wrong type",
    ),
    (
        "contracts[0]",
        "contracts: [virtual_account_refund]",
        "contracts: [virtual_acount_refund]",
        "unknown",
    ),
];

/// Runs `decide` on the documents with one of them changed; returns the exit code and stderr.
fn decide(payment: &str, request: &str, merchant: &str) -> (Option<i32>, String) {
    let out = refund_policy(&[
        "decide",
        "--payment",
        &file("payment.yaml", payment),
        "--request",
        &file("request.yaml", request),
        "--merchant",
        &file("merchant.yaml", merchant),
        "--now",
        "2026-02-01T00:10:00+09:00",
    ]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn changed(base: &str, original: &str, replacement: &str) -> String {
    assert!(
        base.contains(original),
        "`{original}` is not in the base document"
    );
    base.replacen(original, replacement, 1)
}

#[test]
fn the_base_documents_decide() {
    for payment in [PAYMENT, EASY_PAY] {
        let (code, stderr) = decide(payment, REQUEST, MERCHANT);
        assert_eq!(code, Some(0), "{stderr}");
    }
}

#[test]
fn every_input_field_with_a_bad_value_exits_2_naming_the_field() {
    let mut failures = Vec::new();
    let tables: [(&str, &[Row]); 4] = [
        ("payment", PAYMENT_ROWS),
        ("payment", EASY_PAY_ROWS),
        ("request", REQUEST_ROWS),
        ("merchant", MERCHANT_ROWS),
    ];
    for (document, rows) in tables {
        for &(field, original, replacement, what) in rows {
            let (code, stderr) = match (document, rows.as_ptr() == EASY_PAY_ROWS.as_ptr()) {
                ("payment", false) => {
                    decide(&changed(PAYMENT, original, replacement), REQUEST, MERCHANT)
                }
                ("payment", true) => {
                    decide(&changed(EASY_PAY, original, replacement), REQUEST, MERCHANT)
                }
                ("request", _) => {
                    decide(PAYMENT, &changed(REQUEST, original, replacement), MERCHANT)
                }
                _ => decide(PAYMENT, REQUEST, &changed(MERCHANT, original, replacement)),
            };
            let names_field = stderr.contains(&format!("`{field}`"));
            if code != Some(2) || !names_field || stderr.lines().count() != 1 {
                failures.push(format!(
                    "{document} `{field}` ({what}: {replacement:?}): exit {code:?}, {stderr}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const POLICY: &str = concat!(
    r#"policy: mine
provider: toss_payments
time_zone: Asia/Seoul
sources:
  guide: { title: the provider's guide }
contracts:
  virtual_account_refund: { ko: 가상계좌 환불 특약, en: virtual-account refund contract, source: guide }
pgs:
  source: guide
  known: [tosspayments, kcp]
"#,
    include_str!("../../tests/fixtures/policies/provider-errors.yaml"),
    r#"methods:
  card:
    deadline: { within: 1 year, source: guide }
    partial_refund_limit: { max_partial_cancels: 9, source: guide }
    cancel_hours: { closed: "23:00-06:00", source: guide }
    reason: { required: true, max_chars: 200, source: guide }
  virtual_account:
    refund_account: { source: guide }
    refund_contract: { contract: virtual_account_refund, source: guide }
    fee: { amount: 300, source: guide }
    processing_time: { business_days: 1-2, source: guide }
"#
);

const POLICY_ROWS: &[Row] = &[
    ("policy", "policy: mine", "policy: [mine]", "wrong type"),
    (
        "provider",
        "provider: toss_payments",
        "provider: [toss_payments]",
        "wrong type",
    ),
    (
        "provider",
        "provider: toss_payments",
        "provider: tosspayments",
        "unknown",
    ),
    (
        "time_zone",
        "time_zone: Asia/Seoul",
        "time_zone: [Asia/Seoul]",
        "wrong type",
    ),
    (
        "time_zone",
        "time_zone: Asia/Seoul",
        "time_zone: Asia/Seol",
        "unknown",
    ),
    (
        "sources.guide",
        "guide: { title: the provider's guide }",
        "guide: [the provider's guide]",
        "wrong type",
    ),
    (
        "pgs.known",
        "known: [tosspayments, kcp]",
        "known: tosspayments",
        "wrong type",
    ),
    (
        "provider_errors",
        "  NO_POLICY: { none",
        "  NO_POLICI: { none",
        "unknown",
    ),
    ("methods", "  card:\n", "  crad:\n", "unknown"),
    (
        "methods.card.deadline",
        "deadline: { within: 1 year, source: guide }",
        "deadline: 1 year",
        "wrong type",
    ),
    ("within", "within: 1 year", "within: 1 yeer", "unknown"),
    (
        "within",
        "within: 1 year",
        "within: -1 year",
        "out of range",
    ),
    (
        "max_partial_cancels",
        "max_partial_cancels: 9",
        "max_partial_cancels: nine",
        "wrong type",
    ),
    (
        "max_partial_cancels",
        "max_partial_cancels: 9",
        "max_partial_cancels: -1",
        "out of range",
    ),
    (
        "max_partial_cancels",
        "max_partial_cancels: 9",
        "max_partial_cancels: 0x9",
        "out of range",
    ),
    (
        "closed",
        "closed: \"23:00-06:00\"",
        "closed: [23]",
        "wrong type",
    ),
    (
        "closed",
        "closed: \"23:00-06:00\"",
        "closed: \"25:00-06:00\"",
        "out of range",
    ),
    (
        "max_chars",
        "max_chars: 200",
        "max_chars: [200]",
        "wrong type",
    ),
    (
        "max_chars",
        "max_chars: 200",
        "max_chars: 1e3",
        "out of range",
    ),
    ("required", "required: true", "required: yes", "unknown"),
    ("amount", "amount: 300", "amount: [300]", "wrong type"),
    ("amount", "amount: 300", "amount: -300", "out of range"),
    ("amount", "amount: 300", "amount: 1e400", "out of range"),
    (
        "business_days",
        "business_days: 1-2",
        "business_days: [1]",
        "wrong type",
    ),
    (
        "business_days",
        "business_days: 1-2",
        "business_days: 2-1",
        "out of range",
    ),
    (
        "contract",
        "contract: virtual_account_refund",
        "contract: [va_refund]",
        "wrong type",
    ),
    (
        "contract",
        "contract: virtual_account_refund",
        "contract: va_refund",
        "unknown",
    ),
];

#[test]
fn every_policy_field_with_a_bad_value_is_a_problem_naming_the_field() {
    let base = refund_policy(&["policies", "validate", &file("policy.yaml", POLICY)]);
    assert_eq!(
        base.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&base.stdout)
    );
    let mut failures = Vec::new();
    for &(field, original, replacement, what) in POLICY_ROWS {
        let text = changed(POLICY, original, replacement);
        let out = refund_policy(&["policies", "validate", &file("policy.yaml", &text)]);
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // Problems name the field by its whole path: `methods.card.deadline.within`.
        let names_field =
            printed.contains(&format!("`{field}`")) || printed.contains(&format!(".{field}`"));
        if out.status.code() != Some(1) || !names_field {
            failures.push(format!(
                "`{field}` ({what}: {replacement:?}): exit {:?}, {printed}",
                out.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
