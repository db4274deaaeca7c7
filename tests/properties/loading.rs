//! Property 7: loading never panics, whatever the text, and every policy document serialized
//! with `serde_saphyr` loads back to the same document and the same decisions.

use super::documents::{self, Shuffler, to_yaml};
use super::inputs;
use super::{Cost, builtin, builtin_rule_ids, checks, config, decide, rule_ids};
use proptest::prelude::*;
use proptest::sample::select;
use refund_policy::model::Provider;
use refund_policy::policy::builtin_sources;
use refund_policy::{Engine, PolicySet, PolicySource};
use serde_json::Value;
use std::sync::OnceLock;

/// Keys of the policy format (and a few near misses), for text and trees that look like
/// policies closely enough to get past the first checks.
const KEYS: &[&str] = &[
    "policy",
    "provider",
    "title",
    "time_zone",
    "sources",
    "contracts",
    "pgs",
    "known",
    "groups",
    "source",
    "easy_pay_providers",
    "bank_codes",
    "table",
    "other_pgs",
    "codes",
    "provider_errors",
    "every_method",
    "at_pg",
    "methods",
    "card",
    "mobile",
    "easy_pay",
    "virtual_account",
    "transfer",
    "gift_certificate",
    "providers",
    "kakaopay",
    "naverpay",
    "ksnet",
    "KG_INICIS",
    "deadline",
    "within",
    "by_funding",
    "same_month",
    "next_month_refund",
    "partial_refund",
    "id",
    "refused_when",
    "when",
    "pg",
    "unless_pg",
    "card_type",
    "funding",
    "partial",
    "escrow",
    "partial_cancelable",
    "same_day_full_cancel",
    "partial_refund_limit",
    "max_partial_cancels",
    "partial_refund_contract",
    "contract",
    "refund_contract",
    "refund_account",
    "holder_phone_required",
    "refund_account_format",
    "number",
    "holder_name",
    "holder_phone",
    "max_chars",
    "digits_only",
    "cancel_hours",
    "closed",
    "reason",
    "required",
    "cancel_id",
    "requester",
    "fee",
    "amount",
    "currency",
    "processing_time",
    "business_days",
    "async_cancellation",
    "remarks",
    "about",
    "says",
    "unverified",
    "comment",
    "provider_error",
    "name",
    "code",
    "none",
    "ko",
    "en",
    "url",
    "path",
    "INVALID_PAYMENT",
    "DEADLINE_PASSED",
    "NO_POLICY",
    "SHINHAN",
    "KOOKMIN",
    "metods",
    "deadlin",
    "<<",
];

/// Values of the policy format, valid and not.
const VALUES: &[&str] = &[
    "portone_v2",
    "portone_v1",
    "bootpay",
    "toss_payments",
    "tosspayments",
    "Asia/Seoul",
    "Mars/Base",
    "guide",
    "1 year",
    "6 months",
    "180 days",
    "0 days",
    "-1 days",
    "1 fortnight",
    "99999 years",
    "23:00-06:00",
    "25:00-06:00",
    "06:00-06:00",
    "1-2",
    "5-3",
    "61",
    "7",
    "true",
    "false",
    "null",
    "~",
    "0",
    "-1",
    "4294967296",
    "1e400",
    "300.5",
    "300.123",
    "",
    "card",
    "easy_pay",
    "gift",
    "money",
    "KRW",
    "USD",
    "XXX",
    "virtual_account_refund",
    "KG_INICIS",
    "kcp",
    "Kcp",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "&a x",
    "*a",
    "*missing",
    "!!binary aGVsbG8=",
    "!custom x",
    "|",
    ">",
    "'unterminated",
    "\"esc \\u0000\"",
    "\"\\uD800\"",
    "- - -",
    "? complex",
    ": :",
    "%YAML 1.2",
    "---",
    "...",
    "#",
];

/// Lines of text that look like YAML policies: keys, values, list items, anchors, flow.
fn yaml_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        4 => (select(KEYS), prop::option::of(select(VALUES)))
            .prop_map(|(k, v)| format!("{k}: {}", v.unwrap_or_default())),
        2 => select(VALUES).prop_map(|v| format!("- {v}")),
        1 => select(KEYS).prop_map(|k| format!("- {k}:")),
        1 => select(VALUES).prop_map(str::to_owned),
        1 => (select(KEYS), select(VALUES)).prop_map(|(k, v)| format!("{k}: &anchor {v}")),
        1 => select(KEYS).prop_map(|k| format!("{k}: *anchor")),
        1 => select(KEYS).prop_map(|k| format!("<<: *{k}")),
        1 => (select(KEYS), select(KEYS), select(VALUES))
            .prop_map(|(a, b, v)| format!("{a}: {{ {b}: {v} }}")),
        1 => "\\PC{0,20}",
    ];
    prop::collection::vec((0usize..5, line), 0..80).prop_map(|lines| {
        lines
            .into_iter()
            .map(|(indent, line)| format!("{}{line}\n", "  ".repeat(indent)))
            .collect()
    })
}

/// Any JSON-like tree with keys of the policy format.
fn tree() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1.0e6f64..1.0e6).prop_map(Value::from),
        select(VALUES).prop_map(Value::from),
        documents::text().prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(select(KEYS).prop_map(str::to_owned), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// One change to a document tree: the node reached by following `path` (indexes into the
/// children met on the way) is replaced by `value`, or removed when `value` is `None`.
#[derive(Debug, Clone)]
struct Mutation {
    path: Vec<usize>,
    value: Option<Value>,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (
        prop::collection::vec(any::<usize>(), 1..8),
        prop::option::weighted(0.8, tree()),
    )
        .prop_map(|(path, value)| Mutation { path, value })
}

fn mutate(tree: &mut Value, mutation: &Mutation) {
    let mut node = tree;
    for (depth, index) in mutation.path.iter().enumerate() {
        let last = depth + 1 == mutation.path.len();
        let len = match &*node {
            Value::Object(map) => map.len(),
            Value::Array(items) => items.len(),
            _ => 0,
        };
        if len == 0 {
            break;
        }
        let i = index % len;
        if last || !matches!(child(node, i), Value::Object(_) | Value::Array(_)) {
            match (&mut *node, &mutation.value) {
                (Value::Object(map), None) => {
                    let key = map.keys().nth(i).cloned().expect("a key");
                    map.remove(&key);
                }
                (Value::Array(items), None) => {
                    items.remove(i);
                }
                (_, Some(value)) => *child_mut(node, i) = value.clone(),
                _ => {}
            }
            return;
        }
        node = child_mut(node, i);
    }
}

fn child(node: &Value, i: usize) -> &Value {
    match node {
        Value::Object(map) => map.values().nth(i).expect("a child"),
        Value::Array(items) => &items[i],
        _ => node,
    }
}

fn child_mut(node: &mut Value, i: usize) -> &mut Value {
    match node {
        Value::Object(map) => map.values_mut().nth(i).expect("a child"),
        Value::Array(items) => &mut items[i],
        other => other,
    }
}

/// Line-level edits of a text: drop, repeat, swap, cut short, splice in a token.
#[derive(Debug, Clone)]
enum Edit {
    Drop(usize),
    Repeat(usize),
    Swap(usize, usize),
    Truncate(usize),
    Insert(usize, String),
    Replace(usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let token = prop_oneof![
        select(VALUES).prop_map(str::to_owned),
        select(KEYS).prop_map(|k| format!("{k}:")),
        "\\PC{0,8}",
    ];
    prop_oneof![
        any::<usize>().prop_map(Edit::Drop),
        any::<usize>().prop_map(Edit::Repeat),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), token.clone()).prop_map(|(i, t)| Edit::Insert(i, t)),
        (any::<usize>(), token).prop_map(|(i, t)| Edit::Replace(i, t)),
    ]
}

fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for edit in edits {
        if lines.is_empty() {
            break;
        }
        let n = lines.len();
        match edit {
            Edit::Drop(i) => {
                lines.remove(i % n);
            }
            Edit::Repeat(i) => {
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Edit::Swap(a, b) => lines.swap(a % n, b % n),
            Edit::Truncate(i) => lines.truncate(i % n + 1),
            Edit::Insert(i, token) => {
                let line = &mut lines[i % n];
                let at = line
                    .char_indices()
                    .map(|(at, _)| at)
                    .nth(i % (line.chars().count() + 1))
                    .unwrap_or(line.len());
                line.insert_str(at, token);
            }
            Edit::Replace(i, token) => {
                let line = &mut lines[i % n];
                let indent = line.len() - line.trim_start().len();
                let key = line.split_once(':').map(|(k, _)| k.to_owned());
                *line = match key {
                    Some(key) => format!("{key}: {token}"),
                    None => format!("{}{token}", " ".repeat(indent)),
                };
            }
        }
    }
    lines.join("\n")
}

/// Loads `texts` and, when they load, decides `inputs` with them: neither may panic, and the
/// decisions satisfy the invariants of every decision.
fn load_and_decide(texts: &[String], inputs: &[inputs::Input]) -> Result<(), TestCaseError> {
    let Ok(set) = documents::load(texts) else {
        return Ok(());
    };
    let engine = Engine::new(set);
    let ids = rule_ids(&engine);
    for input in inputs {
        let decision = decide(&engine, input);
        checks::all(input, &decision, &ids)?;
    }
    Ok(())
}

/// The built-in documents serialized with `serde_saphyr`.
fn builtin_yaml() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        Provider::ALL
            .iter()
            .filter_map(|p| builtin().policies().document(*p))
            .map(to_yaml)
            .collect()
    })
}

/// The built-in policies as loaded back from their `serde_saphyr` serialization.
fn reloaded_builtin() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::new(documents::load(builtin_yaml()).expect("the serialized built-ins load"))
    })
}

#[test]
fn every_builtin_document_serializes_and_loads_back_equal() {
    for provider in Provider::ALL {
        let Some(doc) = builtin().policies().document(provider) else {
            continue;
        };
        let yaml = to_yaml(doc);
        let set = PolicySet::load(&[PolicySource::new("reloaded.yaml", &yaml)])
            .unwrap_or_else(|e| panic!("{provider} does not load back:\n{e}\n{yaml}"));
        assert_eq!(set.document(provider), Some(doc), "{provider}");
        let reloaded = reloaded_builtin().policies().document(provider);
        assert_eq!(reloaded, Some(doc), "{provider} in the whole set");
    }
    let original: Vec<String> = rule_ids(builtin()).into_iter().collect();
    let reloaded: Vec<String> = rule_ids(reloaded_builtin()).into_iter().collect();
    assert_eq!(original, reloaded);
}

/// A mutation that removes or replaces reaches the tree.
#[test]
fn mutations_change_the_tree() {
    let doc = builtin()
        .policies()
        .document(Provider::Bootpay)
        .expect("a built-in policy");
    let original = serde_json::to_value(doc).unwrap();
    let mut changed = original.clone();
    mutate(
        &mut changed,
        &Mutation {
            path: vec![0, 0, 0],
            value: Some(Value::Null),
        },
    );
    assert_ne!(original, changed);
}

proptest! {
    #![proptest_config(config(Cost::Decide))]

    /// Any bytes, read as text, load or are refused with problems; so are payments,
    /// requests and merchant profiles.
    #[test]
    fn loading_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..3_000)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = PolicySet::load(&[PolicySource::new("bytes.yaml", &text)]);
        let _ = refund_policy::input::payment(&text);
        let _ = refund_policy::input::request(&text);
        let _ = refund_policy::input::merchant(&text);
    }

    /// Text made of the format's keys and values, anchors, aliases, tags and flow
    /// collections, at random indentation, loads or is refused without a panic.
    #[test]
    fn loading_yaml_like_text_never_panics(text in yaml_like()) {
        let _ = PolicySet::load(&[PolicySource::new("yaml-like.yaml", &text)]);
    }

    /// Random trees with the format's keys, serialized as YAML, load or are refused.
    #[test]
    fn loading_arbitrary_trees_never_panics(tree in tree()) {
        let text = serde_saphyr::to_string(&tree).expect("a tree serializes");
        let _ = PolicySet::load(&[PolicySource::new("tree.yaml", &text)]);
    }

    /// The built-in policies, loaded back from their serialization, decide as they do.
    #[test]
    fn reloaded_builtin_policies_decide_alike(input in inputs::input()) {
        let decision = decide(reloaded_builtin(), &input);
        prop_assert_eq!(&decision, &decide(builtin(), &input));
        checks::reasons_and_rules(&decision, builtin_rule_ids())?;
    }
}

proptest! {
    #![proptest_config(config(Cost::Load))]

    /// A built-in file with lines dropped, repeated, swapped, cut short or spliced, loaded
    /// with the others, loads or is refused without a panic; when it loads, its decisions
    /// keep every invariant.
    #[test]
    fn loading_edited_builtin_files_never_panics(
        file in 0usize..4,
        edits in prop::collection::vec(edit(), 1..6),
        inputs in prop::collection::vec(inputs::input(), 8),
    ) {
        let sources: Vec<PolicySource<'static>> = builtin_sources().collect();
        let texts: Vec<String> = sources
            .iter()
            .enumerate()
            .map(|(i, s)| if i == file { apply_edits(s.text, &edits) } else { s.text.to_owned() })
            .collect();
        load_and_decide(&texts, &inputs)?;
    }

    /// A built-in document with a node replaced by a random tree, or removed, serialized and
    /// loaded with the others, loads or is refused without a panic; when it loads, its
    /// decisions keep every invariant.
    #[test]
    fn loading_mutated_builtin_documents_never_panics(
        provider in inputs::provider(),
        mutations in prop::collection::vec(mutation(), 1..4),
        inputs in prop::collection::vec(inputs::input(), 8),
    ) {
        let mut texts = Vec::new();
        for p in Provider::ALL {
            let doc = builtin().policies().document(p).expect("a built-in policy");
            if p == provider {
                let mut tree = serde_json::to_value(doc).expect("a document converts");
                for mutation in &mutations {
                    mutate(&mut tree, mutation);
                }
                texts.push(serde_saphyr::to_string(&tree).expect("a tree serializes"));
            } else {
                texts.push(to_yaml(doc));
            }
        }
        load_and_decide(&texts, &inputs)?;
    }

    /// A generated valid document, serialized with `serde_saphyr` (and, separately, as JSON),
    /// loads back to the same document; both load paths decide alike, and their decisions keep
    /// every invariant.
    #[test]
    fn generated_documents_round_trip(
        doc in documents::document(),
        seed in any::<u64>(),
        inputs in prop::collection::vec(inputs::input(), 16),
    ) {
        let yaml = to_yaml(&doc);
        let from_yaml = PolicySet::load(&[PolicySource::new("generated.yaml", &yaml)])
            .map_err(|e| TestCaseError::fail(format!("{e}\n{yaml}")))?;
        prop_assert_eq!(from_yaml.document(doc.provider), Some(&doc), "{}", yaml);
        let json = documents::shuffled_json(&doc, &mut Shuffler::new(seed));
        let from_json = PolicySet::load(&[PolicySource::new("generated.json", &json)])
            .map_err(|e| TestCaseError::fail(format!("{e}\n{json}")))?;
        let yaml_engine = Engine::new(from_yaml);
        let json_engine = Engine::new(from_json);
        let ids = rule_ids(&yaml_engine);
        prop_assert_eq!(&ids, &rule_ids(&json_engine));
        for mut input in inputs {
            input.payment.provider = doc.provider;
            let decision = decide(&yaml_engine, &input);
            checks::all(&input, &decision, &ids)?;
            prop_assert_eq!(&decision, &decide(&json_engine, &input));
        }
    }
}
