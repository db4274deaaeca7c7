//! Property 5: decisions depend on what the policies say, not on how they are written down:
//! not on the order of the policy files, of the items of their lists or of the entries of their
//! maps; nor on the offset the instants are written in.

use super::documents::{self, Shuffler};
use super::inputs;
use super::{Cost, builtin, config, decide};
use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use proptest::prelude::*;
use refund_policy::model::{Provider, parse_instant};
use refund_policy::policy::builtin_sources;
use refund_policy::{Engine, PolicySource};
use std::sync::OnceLock;

/// Every permutation of `items`.
fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut all = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut tail in permutations(&rest) {
            tail.insert(0, first.clone());
            all.push(tail);
        }
    }
    all
}

/// The built-in policies loaded from their files in every possible order.
fn engines_in_every_order() -> &'static [Engine] {
    static ENGINES: OnceLock<Vec<Engine>> = OnceLock::new();
    ENGINES.get_or_init(|| {
        let sources: Vec<PolicySource<'static>> = builtin_sources().collect();
        permutations(&sources)
            .iter()
            .map(|order| Engine::from_sources(order).expect("the built-in policies load"))
            .collect()
    })
}

/// `instant` written with `offset`: `Z`, `+09:00` or `-05:00`.
fn written(instant: DateTime<Utc>, offset: &str) -> String {
    let hours = match offset {
        "Z" => return instant.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        "+09:00" => 9,
        "-05:00" => -5,
        other => panic!("no offset {other}"),
    };
    let zone = FixedOffset::east_opt(hours * 3600).expect("a valid offset");
    instant.with_timezone(&zone).to_rfc3339()
}

proptest! {
    #![proptest_config(config(Cost::Decide))]

    /// The built-in files loaded in any of the 24 orders decide alike.
    #[test]
    fn file_order_does_not_matter(input in inputs::input()) {
        let expected = decide(builtin(), &input);
        for engine in engines_in_every_order() {
            prop_assert_eq!(&decide(engine, &input), &expected);
        }
    }

    /// The same payment and `now` written in +09:00, Z and -05:00, and read through the
    /// crate's own reader, are the same payment, and decide alike. (The reader lower-cases PG
    /// and easy-pay ids, so the payment compared is the input with its ids in lower case.)
    #[test]
    fn the_offset_instants_are_written_in_does_not_matter(mut input in inputs::input()) {
        input.payment.pg = input.payment.pg.map(|pg| pg.to_lowercase());
        if let Some(easy_pay) = &mut input.payment.easy_pay {
            easy_pay.provider = easy_pay.provider.to_lowercase();
        }
        let expected = decide(builtin(), &input);
        let mut json = serde_json::to_value(&input.payment).expect("a payment serializes");
        let mut read = Vec::new();
        for offset in ["+09:00", "Z", "-05:00"] {
            if let Some(paid_at) = input.payment.paid_at {
                json["paid_at"] = serde_json::Value::String(written(paid_at, offset));
            }
            let text = serde_json::to_string(&json).expect("JSON serializes");
            let now = parse_instant(&written(input.now, offset)).expect("an instant with an offset");
            prop_assert_eq!(now, input.now);
            read.push(refund_policy::input::payment(&text).map(|payment| (payment, now)));
        }
        let all_read = read.iter().all(Result::is_ok);
        prop_assert!(all_read || read.iter().all(Result::is_err), "{:?}", read);
        for (payment, now) in read.into_iter().flatten() {
            prop_assert_eq!(&payment, &input.payment);
            let decision = builtin().decide(&payment, &input.request, &input.merchant, now);
            prop_assert_eq!(&decision, &expected);
        }
    }
}

proptest! {
    #![proptest_config(config(Cost::Load))]

    /// The built-in documents with every list and map reshuffled (restrictions, PG catalogs and
    /// groups, PG lists in conditions, bank-code tables, map entries in the text), loaded in a
    /// shuffled file order, decide every input as the built-in policies do.
    #[test]
    fn list_and_map_order_does_not_matter(
        seed in any::<u64>(),
        inputs in prop::collection::vec(inputs::input(), 24),
    ) {
        let mut shuffler = Shuffler::new(seed);
        let docs: Vec<_> = Provider::ALL
            .iter()
            .filter_map(|p| builtin().policies().document(*p))
            .collect();
        // Flow style with map entries and list items shuffled; block style with list items
        // shuffled (`serde_saphyr` writes map entries in the document's order).
        let mut flow: Vec<String> = docs
            .iter()
            .map(|doc| documents::shuffled_json(doc, &mut shuffler))
            .collect();
        let mut block: Vec<String> = docs
            .iter()
            .map(|doc| {
                let tree = documents::shuffled_tree(doc, &mut shuffler);
                serde_saphyr::to_string(&tree).expect("a tree serializes")
            })
            .collect();
        shuffler.shuffle(&mut flow);
        shuffler.shuffle(&mut block);
        for texts in [flow, block] {
            let set = documents::load(&texts).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let engine = Engine::new(set);
            for input in &inputs {
                prop_assert_eq!(&decide(&engine, input), &decide(builtin(), input), "{:?}", input);
            }
        }
    }
}

/// Reshuffling really reorders: the texts differ from the documents' own order.
#[test]
fn reshuffling_changes_the_text() {
    let doc = builtin()
        .policies()
        .document(Provider::PortoneV2)
        .expect("a built-in policy");
    let plain = serde_json::to_string(doc).unwrap();
    let shuffled = documents::shuffled_json(doc, &mut Shuffler::new(7));
    assert_ne!(plain, shuffled);
}
