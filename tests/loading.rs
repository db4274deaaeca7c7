//! Loading policies: the built-in files load; a broken file reports every problem, each at its
//! line and column, with a hint.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests stop at the first broken expectation"
)]

use refund_policy::decision::ReasonCode;
use refund_policy::input::limits;
use refund_policy::model::Provider;
use refund_policy::policy::{IdKind, Named, PolicyLimit, ProblemKind};
use refund_policy::{Engine, LoadError, PolicySet, PolicySource};
use std::collections::BTreeSet;

/// A small, valid policy to break in the tests below.
const MINIMAL: &str = concat!(
    r#"policy: mine
provider: toss_payments
time_zone: Asia/Seoul
sources:
  guide: { title: the provider's guide }
contracts:
  virtual_account_refund: { ko: 가상계좌 환불 특약, en: virtual-account refund contract, source: guide }
"#,
    include_str!("fixtures/policies/provider-errors.yaml"),
    r#"methods:
  card:
    deadline: { within: 1 year, source: guide }
  virtual_account:
    refund_account: { source: guide }
    refund_contract: { contract: virtual_account_refund, source: guide }
    fee: { amount: 300, source: guide }
"#
);

fn load(text: &str) -> Result<PolicySet, LoadError> {
    PolicySet::load(&[PolicySource::new("mine.yaml", text)])
}

fn problems(text: &str) -> Vec<String> {
    match load(text) {
        Ok(_) => panic!("the policy should not load"),
        Err(e) => e.problems().iter().map(ToString::to_string).collect(),
    }
}

/// The minimal policy with `from` replaced by `to` (which must occur).
fn broken(from: &str, to: &str) -> String {
    assert!(
        MINIMAL.contains(from),
        "`{from}` is not in the minimal policy"
    );
    MINIMAL.replacen(from, to, 1)
}

#[test]
fn the_builtin_policies_load_together_and_alone() {
    let engine = Engine::builtin().expect("the built-in policies load");
    assert!(engine.policies().providers().count() >= 1);
    for source in refund_policy::policy::builtin_sources() {
        let alone = PolicySet::load(&[source]);
        assert!(
            alone.is_ok(),
            "{} does not load alone:\n{}",
            source.name,
            alone.err().map(|e| e.to_string()).unwrap_or_default()
        );
    }
}

#[test]
fn the_minimal_policy_loads() {
    let set = load(MINIMAL).expect("loads");
    assert_eq!(
        set.policy_id(refund_policy::model::Provider::TossPayments),
        Some("mine")
    );
    assert!(set.defines_contract("virtual_account_refund"));
}

#[test]
fn a_loaded_policy_covers_its_provider_only() {
    use refund_policy::model::Provider;
    let set = load(MINIMAL).expect("loads");
    assert_eq!(
        set.providers().collect::<Vec<_>>(),
        [Provider::TossPayments]
    );
    assert_eq!(set.policy_id(Provider::PortoneV2), None);
}

#[test]
fn a_method_without_rules_has_a_no_policy_rule_id_and_one_with_rules_none() {
    let set = load(MINIMAL).expect("loads");
    let ids: BTreeSet<&str> = set.rule_ids().map(|id| id.as_str()).collect();
    assert!(ids.contains("mine › mobile"), "{ids:#?}");
    assert!(!ids.contains("mine › card"), "{ids:#?}");
    assert!(ids.contains("mine › card › deadline"), "{ids:#?}");
}

#[test]
fn a_policy_id_is_snake_case_and_starts_with_a_letter() {
    for bad in ["bad-id", "Mine", "_mine"] {
        let found = kinds(&broken("policy: mine", &format!("policy: {bad}")));
        assert!(
            found.contains(&ProblemKind::InvalidId {
                what: IdKind::Policy,
                value: bad.to_owned()
            }),
            "{bad}: {found:#?}"
        );
    }
}

#[test]
fn the_easy_pay_catalog_names_a_defined_source() {
    let found = kinds(&broken(
        "methods:\n",
        "easy_pay_providers:\n  known: [naverpay]\n  source: gide\nmethods:\n",
    ));
    assert_eq!(
        found,
        [ProblemKind::Unknown {
            what: Named::Source,
            value: "gide".to_owned(),
            suggestion: Some("guide".to_owned()),
        }]
    );
}

#[test]
fn a_provider_error_entry_names_an_error_or_why_none_exists_and_where_it_is_from() {
    let entry = "INVALID_PAYMENT: { none: not the provider's, source: guide }";
    assert_eq!(
        kinds(&broken(entry, "INVALID_PAYMENT: { source: guide }")),
        [ProblemKind::ErrorNameOrNone]
    );
    let unsourced = kinds(&broken(
        entry,
        "INVALID_PAYMENT: { none: not the provider's }",
    ));
    assert!(
        matches!(&unsourced[..], [ProblemKind::MissingField { field, .. }] if field == "source"),
        "{unsourced:#?}"
    );
    // A blank `none` says nothing, and there is no hint to give.
    assert_eq!(
        problems(&broken(
            entry,
            "INVALID_PAYMENT: { none: \" \", source: guide }"
        )),
        ["mine.yaml:9:28: `none` is blank"]
    );
    // A rule's own provider error takes the rule's source.
    let inline = broken(
        "deadline: { within: 1 year, source: guide }",
        "deadline: { within: 1 year, source: guide, provider_error: { name: EXCEED_MAX_REFUND_DUE } }",
    );
    load(&inline).expect("a rule's provider error needs no source of its own");
}

#[test]
fn a_provider_error_code_is_a_decimal_number() {
    let entry = "INVALID_AMOUNT: { name: INVALID_REQUEST, source: guide }";
    load(&broken(
        entry,
        "INVALID_AMOUNT: { name: INVALID_REQUEST, code: 2052, source: guide }",
    ))
    .expect("a decimal error code");
    assert_eq!(
        problems(&broken(
            entry,
            "INVALID_AMOUNT: { name: INVALID_REQUEST, code: 0x10, source: guide }",
        )),
        [
            "mine.yaml:12:50: `provider_errors.INVALID_AMOUNT.code`: the number `0x10` is not written as a decimal number (hexadecimal, octal, `_`, a leading `+` or zero, `.inf` and `.nan` are not read)"
        ]
    );
}

#[test]
fn a_blank_unverified_is_a_problem_in_a_rule_and_in_a_bank_code_table() {
    let rule = broken(
        "deadline: { within: 1 year, source: guide }",
        "deadline: { within: 1 year, source: guide, unverified: \" \" }",
    );
    let table = format!(
        "{MINIMAL}bank_codes:\n  - table: mine\n    other_pgs: true\n    codes: {{ KYONGNAM: \"39\" }}\n    source: guide\n    unverified: \"\"\n"
    );
    assert_eq!(
        problems(&rule),
        ["mine.yaml:37:60: `unverified` is blank (say why the rule is not confirmed)"]
    );
    assert_eq!(
        problems(&table),
        ["mine.yaml:47:17: `unverified` is blank (say why the rule is not confirmed)"]
    );
}

#[test]
fn a_duplicate_key_a_misspelled_method_and_a_negative_fee_are_reported_in_one_run() {
    let text = MINIMAL
        .replacen("  card:\n    deadline: { within: 1 year, source: guide }\n",
                  "  card:\n    deadline: { within: 1 year, source: guide }\n    deadline: { within: 2 years, source: guide }\n  crad:\n    deadline: { within: 1 year, source: guide }\n", 1)
        .replacen("fee: { amount: 300, source: guide }", "fee: { amount: -300, source: guide }", 1);
    let found = problems(&text);
    assert_eq!(
        found,
        [
            "mine.yaml:38:5: duplicate key `deadline` (first defined at line 37; a key may appear once in a map)",
            "mine.yaml:39:3: in `methods`: unknown value `crad` (did you mean `card`?)",
            "mine.yaml:44:20: `methods.virtual_account.fee.amount`: a fee must not be negative, found `-300`",
        ],
        "{found:#?}"
    );
}

/// A problem's location prints as `line:column`, as the problem's own text writes it after the
/// file's name.
#[test]
fn a_problem_location_prints_as_line_and_column() {
    let text = broken("fee: { amount: 300,", "fee: { amount: -300,");
    let error = load(&text).unwrap_err();
    let [problem] = error.problems() else {
        panic!("one problem: {:?}", error.problems());
    };
    assert_eq!(problem.location.to_string(), "41:20");
    assert!(
        problem.to_string().starts_with("mine.yaml:41:20: "),
        "{problem}"
    );
}

#[test]
fn a_field_of_the_wrong_form_is_reported_once_not_again_as_missing() {
    let text = broken(
        "deadline: { within: 1 year, source: guide }",
        "deadline: { within: 1 year, source: [guide] }",
    );
    assert_eq!(
        problems(&text),
        ["mine.yaml:37:41: `methods.card.deadline.source`: expected a string, found a list"]
    );
}

#[test]
fn a_missing_field_is_reported_in_the_map_that_lacks_it() {
    let text = broken(
        "deadline: { within: 1 year, source: guide }",
        "deadline: { within: 1 year }",
    );
    assert_eq!(
        problems(&text),
        ["mine.yaml:37:15: in `methods.card.deadline`: missing field `source`"]
    );
}

#[test]
fn a_policy_that_is_not_a_map_is_refused_as_a_whole() {
    assert_eq!(
        problems("[1, 2]\n"),
        ["mine.yaml:1:1: expected a map of fields, found a list"]
    );
}

#[test]
fn an_unknown_name_with_none_close_lists_the_known_ones_when_they_are_few() {
    let field = broken(
        "fee: { amount: 300, source: guide }",
        "fee: { amount: 300, source: guide, zzzzzz: 1 }",
    );
    assert_eq!(
        problems(&field),
        [
            "mine.yaml:41:40: in `methods.virtual_account.fee`: unknown field `zzzzzz` (expected one of `amount`, `currency`, `source`, `unverified`, `comment`, `provider_error`)"
        ]
    );
    // A scope takes too many rule kinds to list them in a message.
    let rule = broken(
        "    deadline: { within",
        "    zzzzzz: 1\n    deadline: { within",
    );
    assert_eq!(
        problems(&rule),
        ["mine.yaml:37:5: in `methods.card`: unknown field `zzzzzz`"]
    );
}

#[test]
fn every_broken_item_of_a_list_is_reported() {
    let text = format!("{MINIMAL}bank_codes: [first, second]\n");
    let found = problems(&text);
    assert_eq!(
        found[0],
        "mine.yaml:42:14: `bank_codes[0]`: expected a map of fields, found the text `first`"
    );
    // Reading recovers by removing the first item; the second keeps its own index.
    assert_eq!(
        found[1..],
        ["mine.yaml:42:21: `bank_codes[1]`: expected a map of fields, found the text `second`"]
    );
    // Three broken items among good ones, each named by its place in the file.
    let table = "{ table: t, other_pgs: true, codes: {}, source: guide }";
    let text = format!("{MINIMAL}bank_codes: [a, {table}, b, c]\n");
    let found = problems(&text);
    let paths: Vec<&str> = found.iter().filter_map(|p| p.split('`').nth(1)).collect();
    assert_eq!(
        paths,
        ["bank_codes[0]", "bank_codes[2]", "bank_codes[3]"],
        "{found:#?}"
    );
    // An entry within an item is removed from that item, and the next item read on.
    let text = format!(
        "{MINIMAL}bank_codes:\n  - {{ table: a, other_pgs: true, codes: {{}}, source: guide, zzzzzz: 1 }}\n  - {{ table: b, pgs: [], codes: {{}}, source: guide, yyyyyy: 2 }}\n"
    );
    assert_eq!(
        problems(&text),
        [
            "mine.yaml:43:60: in `bank_codes[0]`: unknown field `zzzzzz` (expected one of `table`, `pgs`, `other_pgs`, `codes`, `source`, `unverified`, `comment`, `provider_error`)",
            "mine.yaml:44:52: in `bank_codes[1]`: unknown field `yyyyyy` (expected one of `table`, `pgs`, `other_pgs`, `codes`, `source`, `unverified`, `comment`, `provider_error`)",
        ]
    );
}

#[test]
fn misspelled_names_get_a_suggestion() {
    let cases = [
        (
            broken("    deadline: { within", "    dedline: { within"),
            "in `methods.card`: unknown field `dedline` (did you mean `deadline`?)",
        ),
        (
            broken("time_zone: Asia/Seoul", "time_zone: Asia/Seol"),
            "unknown time zone `Asia/Seol` (did you mean `Asia/Seoul`?)",
        ),
        (
            broken(
                "contract: virtual_account_refund",
                "contract: virtual_acount_refund",
            ),
            "unknown contract `virtual_acount_refund` (did you mean `virtual_account_refund`?)",
        ),
        (
            broken(
                "fee: { amount: 300, source: guide }",
                "fee: { amount: 300, source: guid }",
            ),
            "unknown source `guid` (did you mean `guide`?)",
        ),
        (
            broken("methods:", "methodz:"),
            "unknown field `methodz` (did you mean `methods`?)",
        ),
        (
            broken("within: 1 year", "within: 1 yaer"),
            "`methods.card.deadline.within`: `1 yaer` has an unknown unit `yaer`: did you mean `year`?",
        ),
        (
            broken("provider: toss_payments", "provider: tosspayments"),
            "`provider`: unknown value `tosspayments` (did you mean `toss_payments`?)",
        ),
    ];
    for (text, expected) in cases {
        let found = problems(&text);
        assert!(
            found.iter().any(|p| p.contains(expected)),
            "expected `{expected}` in {found:#?}"
        );
    }
}

/// The kinds of problems, which callers match on; their wording is pinned by the review
/// snapshots.
fn kinds(text: &str) -> Vec<ProblemKind> {
    match load(text) {
        Ok(_) => panic!("the policy should not load"),
        Err(e) => e.problems().iter().map(|p| p.kind.clone()).collect(),
    }
}

#[test]
fn problems_carry_kinds_with_their_data() {
    let contract = broken(
        "contract: virtual_account_refund",
        "contract: virtual_acount_refund",
    );
    assert_eq!(
        kinds(&contract),
        [ProblemKind::Unknown {
            what: Named::Contract,
            value: "virtual_acount_refund".to_owned(),
            suggestion: Some("virtual_account_refund".to_owned()),
        }]
    );
    let nothing_close = broken(
        "fee: { amount: 300, source: guide }",
        "fee: { amount: 300, source: handbook }",
    );
    let found = kinds(&nothing_close);
    assert_eq!(
        found,
        [ProblemKind::Unknown {
            what: Named::Source,
            value: "handbook".to_owned(),
            suggestion: None,
        }]
    );
    assert_eq!(
        found[0].help().as_deref(),
        Some("define it under `sources`")
    );

    let deadline = broken(
        "deadline: { within: 1 year, source: guide }",
        "deadline: { source: guide }",
    );
    assert_eq!(kinds(&deadline), [ProblemKind::DeadlineWithoutSpan]);

    let fee = broken(
        "fee: { amount: 300, source: guide }",
        "fee: { amount: 300.5, source: guide }",
    );
    assert!(
        matches!(
            &kinds(&fee)[..],
            [ProblemKind::FeeTooPrecise { decimals: 0, path, .. }] if path == "methods.virtual_account.fee.amount"
        ),
        "{:?}",
        kinds(&fee)
    );

    let missing = MINIMAL.replacen(
        "  NO_POLICY: { none: not the provider's, source: guide }\n",
        "",
        1,
    );
    assert_eq!(
        kinds(&missing),
        [ProblemKind::MissingProviderErrors {
            codes: vec![ReasonCode::NoPolicy]
        }]
    );
}

#[test]
fn impossible_spans_fees_and_limits_are_refused() {
    for (from, to, expected) in [
        ("within: 1 year", "within: 0 days", "out of range"),
        ("within: 1 year", "within: -3 days", "out of range"),
        ("within: 1 year", "within: 101 years", "out of range"),
        ("within: 1 year", "within: 99999999999 days", "out of range"),
        ("within: 1 year", "within: soon", "is not a span"),
        (
            "fee: { amount: 300,",
            "fee: { amount: 300.5,",
            "has more decimals than KRW allows",
        ),
        (
            "fee: { amount: 300,",
            "fee: { amount: 1e40,",
            "out of range",
        ),
        (
            "    deadline: { within: 1 year, source: guide }",
            "    deadline: { source: guide }",
            "a deadline needs `within` or `by_funding`",
        ),
        (
            "    deadline: { within: 1 year, source: guide }",
            "    deadline: { within: 1 year, by_funding: { card: 1 year }, source: guide }",
            "not both",
        ),
        (
            "    deadline: { within: 1 year, source: guide }",
            "    cancel_hours: { closed: 25:00-06:00, source: guide }",
            "is not a daily window",
        ),
        (
            "    deadline: { within: 1 year, source: guide }",
            "    partial_refund_limit: { max_partial_cancels: 0, source: guide }",
            "must be at least 1",
        ),
    ] {
        let found = problems(&broken(from, to));
        assert!(
            found.iter().any(|p| p.contains(expected)),
            "{to}: expected `{expected}` in {found:#?}"
        );
    }
}

#[test]
fn every_reason_needs_a_provider_error_or_why_none_exists() {
    let found = problems(&broken(
        "  NO_POLICY: { none: not the provider's, source: guide }\n",
        "",
    ));
    assert_eq!(
        found,
        [
            "mine.yaml:8:1: in `provider_errors`: no entry for `NO_POLICY` (name the provider's error, or say with `none` why it has none)"
        ]
    );
    let both = problems(&broken(
        "{ name: INVALID_REQUEST, source: guide }",
        "{ name: INVALID_REQUEST, none: why, source: guide }",
    ));
    assert!(
        both[0].contains("give either the provider's error `name` or `none`, not both"),
        "{both:?}"
    );
}

#[test]
fn pg_ids_and_groups_are_checked_against_the_catalog() {
    let with_catalog = broken(
        "methods:\n",
        "pgs:\n  source: guide\n  known: [kcp, inicis]\n  groups:\n    KG_INICIS: [inicis]\nmethods:\n",
    );
    let at_pg = with_catalog.replacen(
        "    deadline: { within: 1 year, source: guide }\n",
        "    deadline: { within: 1 year, source: guide }\n    at_pg:\n      inicsi: { deadline: { within: 6 months, source: guide } }\n      KG_INICSI: { deadline: { within: 6 months, source: guide } }\n",
        1,
    );
    let found = problems(&at_pg);
    assert!(
        found
            .iter()
            .any(|p| p.contains("unknown PG `inicsi` (did you mean `inicis`?)")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("unknown PG group `KG_INICSI` (did you mean `KG_INICIS`?)")),
        "{found:#?}"
    );
    let without_catalog = broken(
        "    deadline: { within: 1 year, source: guide }\n",
        "    deadline: { within: 1 year, source: guide }\n    at_pg:\n      kcp: { deadline: { within: 6 months, source: guide } }\n",
    );
    assert!(problems(&without_catalog)[0].contains("the policy has no `pgs` catalog"));
}

#[test]
fn ids_are_snake_case_and_group_names_upper_snake_case() {
    let text = MINIMAL
        .replacen(
            "provider_errors:",
            "pgs:\n  source: guide\n  known: [kcp, Inicis]\n  groups:\n    asia: [kcp]\nprovider_errors:",
            1,
        )
        .replacen(
            "contracts:\n",
            "contracts:\n  Bad-Contract: { ko: 나쁜 계약, en: bad contract, source: guide }\n",
            1,
        )
        .replacen(
            "  card:\n",
            "  card:\n    partial_refund:\n      - { id: no-escrow, refused_when: { escrow: true }, source: guide }\n",
            1,
        );
    let invalid: BTreeSet<(IdKind, String)> = kinds(&text)
        .into_iter()
        .filter_map(|kind| match kind {
            ProblemKind::InvalidId { what, value } => Some((what, value)),
            _ => None,
        })
        .collect();
    let expected: BTreeSet<(IdKind, String)> = [
        (IdKind::Pg, "Inicis"),
        (IdKind::PgGroup, "asia"),
        (IdKind::Contract, "Bad-Contract"),
        (IdKind::Restriction, "no-escrow"),
    ]
    .into_iter()
    .map(|(what, value)| (what, value.to_owned()))
    .collect();
    assert_eq!(invalid, expected);
}

#[test]
fn syntax_errors_point_at_their_place() {
    let found = problems("policy: mine\nprovider: [toss_payments\n");
    assert_eq!(found, ["mine.yaml:2:11: unclosed bracket '['"]);
    let tabs = problems("policy: mine\n\tprovider: toss_payments\n");
    assert_eq!(
        tabs,
        ["mine.yaml:1:9: while scanning a plain scalar, found a tab"]
    );
}

#[test]
fn one_policy_per_provider_and_contracts_mean_one_thing() {
    let other = MINIMAL.replacen("policy: mine", "policy: other", 1);
    let error = PolicySet::load(&[
        PolicySource::new("a.yaml", MINIMAL),
        PolicySource::new("b.yaml", &other),
    ])
    .expect_err("two policies for one provider");
    assert!(
        error
            .to_string()
            .contains("b.yaml:2:11: provider `toss_payments` is already covered by `a.yaml`"),
        "{error}"
    );

    let renamed = MINIMAL
        .replacen("policy: mine", "policy: other", 1)
        .replacen("provider: toss_payments", "provider: bootpay", 1)
        .replacen("ko: 가상계좌 환불 특약", "ko: CMS 특약", 1);
    let error = PolicySet::load(&[
        PolicySource::new("a.yaml", MINIMAL),
        PolicySource::new("b.yaml", &renamed),
    ])
    .expect_err("a contract named two ways");
    assert!(
        error
            .to_string()
            .contains("contract `virtual_account_refund` is named differently in `a.yaml`"),
        "{error}"
    );
}

#[test]
fn policy_sets_are_equal_when_their_policies_are() {
    let set = load(MINIMAL).expect("loads");
    assert_eq!(set, load(MINIMAL).expect("loads"));
    // The same contracts, another fee: the sets decide differently.
    let fee = broken(
        "fee: { amount: 300, source: guide }",
        "fee: { amount: 500, source: guide }",
    );
    assert_ne!(set, load(&fee).expect("loads"));
    assert_ne!(set, PolicySet::empty());
}

#[test]
fn hostile_yaml_fails_fast_with_a_clear_error() {
    let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n";
    let found = problems(bomb);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("the policy is refused by the alias expansion limit: its aliases expand to more than 10000 parser events"),
        "{found:?}"
    );
    let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
    let found = problems(&deep);
    assert!(
        found[0].contains(
            "the policy is refused by the depth limit: it nests more than 32 levels deep"
        ),
        "{found:?}"
    );
    let nested: String = (0..40)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    let found = problems(&nested);
    assert!(
        found[0].contains(
            "the policy is refused by the depth limit: it nests more than 32 levels deep"
        ),
        "{found:?}"
    );
}

#[test]
fn the_load_error_prints_one_problem_per_line() {
    let text = broken("time_zone: Asia/Seoul", "time_zone: Mars/Olympus").replacen(
        "source: guide }\n  virtual",
        "source: nowhere }\n  virtual",
        1,
    );
    let error = load(&text).expect_err("two problems");
    let printed = error.to_string();
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 2, "{printed}");
    assert!(lines.iter().all(|l| l.starts_with("mine.yaml:")));
}

/// `MINIMAL` with `count` PGs in its catalog and a top-level `at_pg` entry for each, in which
/// every `step`-th PG needs a reason.
fn with_pgs(count: usize, step: usize) -> String {
    let ids: Vec<String> = (0..count).map(|i| format!("pg_{i:05}")).collect();
    let mut text = MINIMAL.replace(
        "provider_errors:",
        &format!(
            "pgs:\n  source: guide\n  known: [{}]\nprovider_errors:",
            ids.join(", ")
        ),
    );
    text.push_str("at_pg:\n");
    for (i, id) in ids.iter().enumerate() {
        if i % step == 0 {
            text.push_str(&format!(
                "  {id}: {{ reason: {{ required: true, source: guide }} }}\n"
            ));
        } else {
            text.push_str(&format!("  {id}: {{}}\n"));
        }
    }
    text
}

#[test]
fn a_policy_with_thousands_of_pg_entries_loads_with_a_scope_for_each() {
    let count = limits::MAX_PG_ENTRIES;
    let policies = load(&with_pgs(count, 100)).expect("a policy at the limits loads");
    let document = policies.document(Provider::TossPayments).unwrap();
    let scopes = document.scopes();
    let pgs: Vec<&str> = scopes.iter().filter_map(|s| s.pg).collect();
    assert_eq!(pgs.len(), count);
    assert_eq!(pgs.first(), Some(&"pg_00000"));
    assert_eq!(pgs.last(), Some(&"pg_01999"));
    let with_rules = scopes
        .iter()
        .filter(|s| s.pg.is_some() && s.rules.reason.is_some())
        .count();
    assert_eq!(with_rules, count / 100);
}

#[test]
fn thousands_of_unknown_pgs_are_each_a_problem_at_their_line() {
    let mut text = broken(
        "provider_errors:",
        "pgs: { source: guide, known: [kcp] }\nprovider_errors:",
    );
    text.push_str("at_pg:\n");
    for i in 0..limits::MAX_PG_ENTRIES {
        text.push_str(&format!("  pg_{i:05}: {{}}\n"));
    }
    let first_line = u32::try_from(MINIMAL.lines().count()).unwrap() + 3;
    let error = load(&text).unwrap_err();
    let lines: Vec<u32> = error.problems().iter().map(|p| p.location.line).collect();
    let expected: Vec<u32> = (0..limits::MAX_PG_ENTRIES)
        .map(|i| first_line + u32::try_from(i).unwrap())
        .collect();
    assert_eq!(lines, expected);
}

#[test]
fn a_policy_over_a_limit_is_refused_naming_the_limit_and_the_place() {
    let too_many = limits::MAX_PGS + 1;
    let pgs = with_pgs(too_many, too_many);
    assert_eq!(
        kinds(&pgs),
        [
            ProblemKind::OverLimit {
                limit: PolicyLimit::Pgs,
                field: "pgs.known".to_owned(),
                found: too_many,
            },
            ProblemKind::OverLimit {
                limit: PolicyLimit::PgEntries,
                field: "at_pg".to_owned(),
                found: too_many,
            },
        ]
    );
    let message = problems(&pgs).remove(0);
    assert!(
        message.contains("`pgs.known` holds 2001 PG ids, over the limit of 2000"),
        "{message}"
    );
}
