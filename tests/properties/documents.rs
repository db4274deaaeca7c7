//! Policy documents: a generator of valid [`PolicyDocument`]s (sources, contracts, PG catalogs
//! and groups, easy-pay catalogs, bank-code tables, a complete provider-error table, and scopes
//! with a few rule kinds each, every reference valid), reference policies written as text, and
//! helpers to serialize, load and reshuffle documents.

use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use refund_policy::calendar::{BusinessDays, ClosedHours, Span};
use refund_policy::decision::ReasonCode;
use refund_policy::model::{
    Bank, CardType, Currency, EscrowStatus, Funding, GiftCertificateType, Method, Provider,
};
use refund_policy::policy::PolicyDocument;
use refund_policy::policy::document::{
    AccountFormatDoc, AsyncCancellationDoc, BankCodeTableDoc, CancelHoursDoc, CancelIdRuleDoc,
    ConditionDoc, ContractDoc, DeadlineDoc, EasyPayCatalogDoc, FeeDoc, FieldFormatDoc,
    NextMonthRefundDoc, PartialContractDoc, PartialLimitDoc, PartialRefusalDoc, PgCatalogDoc,
    ProcessingTimeDoc, ProviderErrorDoc, RULE_KINDS, ReasonRuleDoc, RefundAccountDoc,
    RefundContractDoc, RefundNotSupportedDoc, RemarkDoc, RequesterRuleDoc, SameMonthDoc, ScopeDoc,
    SourceDoc,
};
use refund_policy::{LoadError, PolicySet, PolicySource};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

/// The text of a small policy for `provider` whose every method has the rule kinds in `rules`
/// (YAML, one kind per line, unindented), with one source `guide` and a provider-error table
/// that has no error for any reason.
pub fn minimal_text(policy: &str, provider: Provider, rules: &str) -> String {
    let mut text = format!(
        "policy: {policy}\nprovider: {}\ntime_zone: Asia/Seoul\nsources:\n  guide: {{ title: a guide }}\nprovider_errors:\n",
        provider.id()
    );
    for code in ReasonCode::ALL {
        writeln!(
            text,
            "  {code}: {{ none: not modelled here, source: guide }}"
        )
        .unwrap();
    }
    text.push_str("methods:\n");
    for method in Method::ALL {
        writeln!(text, "  {method}:").unwrap();
        for line in rules.lines() {
            writeln!(text, "    {line}").unwrap();
        }
    }
    text
}

/// Serializes a document as YAML with `serde_saphyr`, as a user saving an edited policy would.
pub fn to_yaml(doc: &PolicyDocument) -> String {
    serde_saphyr::to_string(doc).expect("a policy document serializes")
}

/// Loads texts as one policy set.
pub fn load(texts: &[String]) -> Result<PolicySet, LoadError> {
    let names: Vec<String> = (0..texts.len())
        .map(|i| format!("policy-{i}.yaml"))
        .collect();
    let sources: Vec<PolicySource<'_>> = names
        .iter()
        .zip(texts)
        .map(|(name, text)| PolicySource::new(name, text))
        .collect();
    PolicySet::load(&sources)
}

/// A deterministic generator for reshuffling, seeded by proptest (SplitMix64).
#[derive(Debug, Clone)]
pub struct Shuffler(u64);

impl Shuffler {
    pub fn new(seed: u64) -> Shuffler {
        Shuffler(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Fisher–Yates.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = usize::try_from(self.next() % (u64::try_from(i).unwrap() + 1)).unwrap();
            items.swap(i, j);
        }
    }
}

/// The document as JSON text (which YAML reads as flow style) with the entries of every map
/// and the items of every list in a shuffled order. Every list of a policy is a set, and every
/// map is keyed, so the shuffled text means the same policy.
pub fn shuffled_json(doc: &PolicyDocument, shuffler: &mut Shuffler) -> String {
    let value = serde_json::to_value(doc).expect("a policy document converts to JSON");
    let mut text = String::new();
    write_shuffled(&value, shuffler, &mut text);
    text
}

/// The document as a tree with the items of every list in a shuffled order, for
/// `serde_saphyr` to write in block style.
pub fn shuffled_tree(doc: &PolicyDocument, shuffler: &mut Shuffler) -> serde_json::Value {
    fn shuffle(value: &mut serde_json::Value, shuffler: &mut Shuffler) {
        match value {
            serde_json::Value::Object(map) => {
                for child in map.values_mut() {
                    shuffle(child, shuffler);
                }
            }
            serde_json::Value::Array(items) => {
                shuffler.shuffle(items);
                for child in items {
                    shuffle(child, shuffler);
                }
            }
            _ => {}
        }
    }
    let mut value = serde_json::to_value(doc).expect("a policy document converts to JSON");
    shuffle(&mut value, shuffler);
    value
}

fn write_shuffled(value: &serde_json::Value, shuffler: &mut Shuffler, out: &mut String) {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(&String, &serde_json::Value)> = map.iter().collect();
            shuffler.shuffle(&mut entries);
            out.push('{');
            for (i, (key, value)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&json_text(&serde_json::Value::from(key.as_str())));
                out.push_str(": ");
                write_shuffled(value, shuffler, out);
            }
            out.push('}');
        }
        serde_json::Value::Array(items) => {
            let mut items: Vec<&serde_json::Value> = items.iter().collect();
            shuffler.shuffle(&mut items);
            out.push('[');
            for (i, item) in items.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_shuffled(item, shuffler, out);
            }
            out.push(']');
        }
        other => out.push_str(&json_text(other)),
    }
}

/// A JSON scalar, with the characters JSON allows raw in strings but YAML does not (DEL, the
/// C1 controls but NEL, U+FFFE and U+FFFF) escaped: the crate reads JSON with its YAML
/// parser, which refuses them raw.
fn json_text(value: &serde_json::Value) -> String {
    serde_json::to_string(value)
        .unwrap()
        .chars()
        .map(|c| {
            let raw_in_yaml = c == '\u{85}'
                || !(c == '\u{7f}'
                    || ('\u{80}'..='\u{9f}').contains(&c)
                    || ('\u{fffe}'..='\u{ffff}').contains(&c));
            if raw_in_yaml {
                c.to_string()
            } else {
                format!("\\u{:04x}", u32::from(c))
            }
        })
        .collect()
}

/// Text that is hard to write as YAML: indicators, look-alikes of other types, quotes,
/// line breaks, control characters, leading and trailing blanks, non-ASCII.
const AWKWARD: &[&str] = &[
    "null",
    "Null",
    "~",
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "123",
    "-7",
    "1.50",
    "0x1F",
    "0o17",
    "1e3",
    ".inf",
    "-.inf",
    ".nan",
    "-",
    "- item",
    "a: b",
    "key:",
    "#comment",
    "text # not a comment",
    " leading blank",
    "trailing blank ",
    "'single'",
    "\"double\"",
    "it's",
    "two\nlines",
    "ends with a break\n",
    "tab\tinside",
    "&anchor",
    "*alias",
    "!tag",
    "!!str",
    "{flow: map}",
    "[flow, seq]",
    "@at",
    "`tick`",
    "%directive",
    "---",
    "...",
    "<<",
    "?",
    "|",
    ">",
    "23:00",
    "12:30:45",
    "1 year",
    "2026-01-31",
    "2026-01-31T23:30:00+09:00",
    "가상계좌 환불 특약",
    "통상 1년, 카드사별 상이",
    "résumé",
    "emoji 🙂",
    "\u{a0}nbsp",
    "back\\slash",
    "a\r\nb",
    "nul\u{0}inside",
    "bell\u{7}",
    "del\u{7f}",
    "next\u{85}line",
    "line\u{2028}separator",
    "\u{feff}byte order mark",
    "\u{1b}[31mescape",
];

/// Any text, often an awkward one.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => "[a-zA-Z0-9 ,.()가-힣-]{0,30}",
        2 => select(AWKWARD).prop_map(str::to_owned),
        1 => "\\PC{0,40}",
    ]
}

/// Text with something besides blanks in it.
pub fn non_blank() -> impl Strategy<Value = String> {
    text().prop_filter("not blank", |t| !t.trim().is_empty())
}

/// Known PG ids, and named groups of them.
type PgCatalog = (Vec<String>, BTreeMap<String, Vec<String>>);

/// A bank-code table's parts: name, codes, source, unverified, comment, provider error.
type TableParts = (
    String,
    BTreeMap<Bank, String>,
    String,
    Option<String>,
    Option<String>,
    Option<ProviderErrorDoc>,
);

/// The ids and catalogs rules refer to, generated first so that every reference is valid.
#[derive(Debug, Clone)]
struct Skeleton {
    sources: Vec<String>,
    contracts: Vec<String>,
    /// Known PG ids and named groups, when the policy has a PG catalog.
    pgs: Option<PgCatalog>,
    services: Option<Vec<String>>,
}

impl Skeleton {
    /// The ids and catalogs of an existing document.
    fn of(doc: &PolicyDocument) -> Skeleton {
        Skeleton {
            sources: doc.sources.keys().cloned().collect(),
            contracts: doc.contracts.keys().cloned().collect(),
            pgs: doc
                .pgs
                .as_ref()
                .map(|p| (p.known.clone(), p.groups.clone())),
            services: doc.easy_pay_providers.as_ref().map(|s| s.known.clone()),
        }
    }

    /// The names a PG list may use: ids and group names.
    fn pg_names(&self) -> Vec<String> {
        match &self.pgs {
            Some((known, groups)) => known.iter().chain(groups.keys()).cloned().collect(),
            None => Vec::new(),
        }
    }
}

const SOURCE_IDS: &[&str] = &["guide", "api", "faq", "contract-common-checks"];
const CONTRACT_IDS: &[&str] = &[
    "virtual_account_refund",
    "mobile_next_month_refund",
    "partial_refund_service",
    "other_contract",
];
const PG_IDS: &[&str] = &[
    "kcp",
    "kcp_v2",
    "inicis",
    "inicis_v2",
    "smartro",
    "smartro_v2",
    "ksnet",
    "welcome",
    "danal",
    "tosspayments",
    "kpn",
    "naverpay",
    "nicepay",
    "payco",
];
const GROUP_NAMES: &[&str] = &["KG_INICIS", "SMARTRO", "KCP", "GROUP_1"];
const SERVICE_IDS: &[&str] = &[
    "kakaopay",
    "naverpay",
    "payco",
    "tosspay",
    "paypal",
    "samsungpay",
];
const TIME_ZONES: &[&str] = &[
    "Asia/Seoul",
    "UTC",
    "America/New_York",
    "Asia/Tokyo",
    "Pacific/Kiritimati",
];

fn skeleton() -> impl Strategy<Value = Skeleton> {
    let pgs = (
        subsequence(PG_IDS, 1..=PG_IDS.len()),
        subsequence(GROUP_NAMES, 0..=GROUP_NAMES.len()),
        any::<u64>(),
    )
        .prop_map(|(known, group_names, seed)| {
            // Disjoint, non-empty groups of some known ids.
            let mut ids: Vec<&str> = known.clone();
            Shuffler::new(seed).shuffle(&mut ids);
            let mut groups = BTreeMap::new();
            for (name, chunk) in group_names.iter().zip(ids.chunks(2)) {
                groups.insert(
                    (*name).to_owned(),
                    chunk.iter().map(|id| (*id).to_owned()).collect(),
                );
            }
            (known.iter().map(|id| (*id).to_owned()).collect(), groups)
        });
    (
        subsequence(SOURCE_IDS, 1..=SOURCE_IDS.len()),
        subsequence(CONTRACT_IDS, 0..=CONTRACT_IDS.len()),
        prop::option::weighted(0.8, pgs),
        prop::option::weighted(0.5, subsequence(SERVICE_IDS, 1..=SERVICE_IDS.len())),
    )
        .prop_map(|(sources, contracts, pgs, services)| Skeleton {
            sources: sources.into_iter().map(str::to_owned).collect(),
            contracts: contracts.into_iter().map(str::to_owned).collect(),
            pgs,
            services: services.map(|s| s.into_iter().map(str::to_owned).collect()),
        })
}

fn source_doc() -> impl Strategy<Value = SourceDoc> {
    (text(), prop::option::of(text()), prop::option::of(text()))
        .prop_map(|(title, url, path)| SourceDoc { title, url, path })
}

fn pick(items: &[String]) -> BoxedStrategy<String> {
    select(items.to_vec()).boxed()
}

fn provider_error(sk: &Skeleton, in_table: bool) -> BoxedStrategy<ProviderErrorDoc> {
    let named = (non_blank(), prop::option::of(0u32..10_000))
        .prop_map(|(name, code)| (Some(name), code, None));
    let none = non_blank().prop_map(|why| (None, None, Some(why)));
    let source = if in_table {
        pick(&sk.sources).prop_map(Some).boxed()
    } else {
        prop::option::of(pick(&sk.sources)).boxed()
    };
    (
        prop_oneof![named, none],
        source,
        prop::option::weighted(0.2, non_blank()),
        prop::option::weighted(0.2, text()),
    )
        .prop_map(
            |((name, code, none), source, unverified, comment)| ProviderErrorDoc {
                name,
                code,
                none,
                source,
                unverified,
                comment,
            },
        )
        .boxed()
}

/// The fields every rule carries.
#[derive(Debug, Clone)]
struct Common {
    source: String,
    unverified: Option<String>,
    comment: Option<String>,
    provider_error: Option<ProviderErrorDoc>,
}

fn common(sk: &Skeleton) -> BoxedStrategy<Common> {
    (
        pick(&sk.sources),
        prop::option::weighted(0.2, non_blank()),
        prop::option::weighted(0.3, text()),
        prop::option::weighted(0.15, provider_error(sk, false)),
    )
        .prop_map(|(source, unverified, comment, provider_error)| Common {
            source,
            unverified,
            comment,
            provider_error,
        })
        .boxed()
}

fn pg_list(sk: &Skeleton) -> BoxedStrategy<Vec<String>> {
    let names = sk.pg_names();
    let count = names.len();
    subsequence(names, 1..=count.min(3)).boxed()
}

fn condition(sk: &Skeleton) -> BoxedStrategy<ConditionDoc> {
    let has_pgs = sk.pgs.is_some();
    let pgs = if has_pgs {
        prop::option::weighted(0.25, pg_list(sk)).boxed()
    } else {
        Just(None).boxed()
    };
    let unless = if has_pgs {
        prop::option::weighted(0.2, pg_list(sk)).boxed()
    } else {
        Just(None).boxed()
    };
    let flag = || prop::option::weighted(0.2, any::<bool>());
    (
        (pgs, unless),
        prop::option::weighted(
            0.25,
            subsequence(
                &[
                    CardType::Credit,
                    CardType::Debit,
                    CardType::Gift,
                    CardType::Prepaid,
                ][..],
                1..=4,
            ),
        ),
        (flag(), flag(), flag(), flag()),
        prop::option::weighted(0.2, subsequence(&Funding::ALL[..], 1..=4)),
        (flag(), flag()),
        (
            prop::option::weighted(0.15, subsequence(&ESCROW_STATES[..], 1..=3)),
            prop::option::weighted(0.15, subsequence(&GIFT_CERTIFICATES[..], 1..=5)),
        ),
    )
        .prop_map(
            |(
                (pg, unless_pg),
                card_type,
                (foreign_card, card_points, escrow, partial_cancelable),
                funding,
                (partial, same_day_full_cancel),
                (escrow_status, gift_certificate_type),
            )| ConditionDoc {
                pg,
                unless_pg,
                card_type,
                foreign_card,
                card_points,
                escrow,
                escrow_status,
                gift_certificate_type,
                partial_cancelable,
                funding,
                partial,
                same_day_full_cancel,
            },
        )
        .boxed()
}

const ESCROW_STATES: [EscrowStatus; 3] = [
    EscrowStatus::BeforeConfirmation,
    EscrowStatus::Confirmed,
    EscrowStatus::Rejected,
];

const GIFT_CERTIFICATES: [GiftCertificateType; 5] = [
    GiftCertificateType::Booknlife,
    GiftCertificateType::SmartMunsang,
    GiftCertificateType::Cultureland,
    GiftCertificateType::Happymoney,
    GiftCertificateType::Culturegift,
];

/// A condition whose every reference is valid in `doc`.
pub fn condition_for(doc: &PolicyDocument) -> BoxedStrategy<ConditionDoc> {
    condition(&Skeleton::of(doc))
}

/// A span of days, months or years, at most a hundred years.
pub fn span() -> impl Strategy<Value = Span> {
    prop_oneof![
        3 => (1u32..=2_000).prop_map(|n| format!("{n} days")),
        1 => (1u32..=36_600).prop_map(|n| format!("{n} days")),
        2 => (1u32..=60).prop_map(|n| format!("{n} months")),
        1 => (1u32..=100).prop_map(|n| format!("{n} years")),
    ]
    .prop_map(|text| text.parse().expect("a valid span"))
}

fn closed_hours() -> impl Strategy<Value = ClosedHours> {
    (0u32..24, 0u32..60, 0u32..24, 0u32..60)
        .prop_filter("two different times", |(h1, m1, h2, m2)| {
            (h1, m1) != (h2, m2)
        })
        .prop_map(|(h1, m1, h2, m2)| {
            format!("{h1:02}:{m1:02}-{h2:02}:{m2:02}")
                .parse()
                .expect("a valid window")
        })
}

fn business_days() -> impl Strategy<Value = BusinessDays> {
    (0u32..=60, 0u32..=60).prop_map(|(a, b)| {
        let (min, max) = (a.min(b), a.max(b));
        let text = if min == max {
            format!("{min}")
        } else {
            format!("{min}-{max}")
        };
        text.parse().expect("a valid range")
    })
}

fn fee() -> impl Strategy<Value = (Decimal, Currency)> {
    prop_oneof![
        (0i64..100_000).prop_map(|n| (Decimal::from(n), Currency::KRW)),
        (0i64..100_000).prop_map(|n| (Decimal::new(n, 2), Currency::USD)),
    ]
}

fn field_format() -> impl Strategy<Value = FieldFormatDoc> {
    (prop::option::of(1u32..100), any::<bool>()).prop_map(|(max_chars, digits_only)| {
        FieldFormatDoc {
            max_chars,
            digits_only,
        }
    })
}

/// Which scope a [`scope`] is generated for; it decides what it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Every,
    TopPg,
    Method(Method),
    Service,
    MethodPg,
}

/// Rule kinds that need nothing else.
fn simple_rules(sk: &Skeleton) -> BoxedStrategy<ScopeDoc> {
    let c = || common(sk);
    let p = 0.2;
    let refund_not_supported = prop::option::weighted(
        p / 2.0,
        (c(), prop::option::of(condition(sk))).prop_map(|(c, when)| RefundNotSupportedDoc {
            when,
            source: c.source,
            unverified: c.unverified,
            comment: c.comment,
            provider_error: c.provider_error,
        }),
    );
    let deadline_span = prop_oneof![
        span().prop_map(|s| (Some(s), BTreeMap::new())),
        prop::collection::btree_map(select(&Funding::ALL[..]), span(), 1..=4)
            .prop_map(|m| (None, m)),
    ];
    let deadline = prop::option::weighted(
        p,
        (c(), deadline_span).prop_map(|(c, (within, by_funding))| DeadlineDoc {
            within,
            by_funding,
            source: c.source,
            unverified: c.unverified,
            comment: c.comment,
            provider_error: c.provider_error,
        }),
    );
    let partial_refund =
        prop::collection::btree_map("[a-z][a-z0-9_]{0,8}", (c(), condition(sk)), 0..3).prop_map(
            |entries| {
                entries
                    .into_iter()
                    .map(|(id, (c, refused_when))| PartialRefusalDoc {
                        id,
                        refused_when,
                        source: c.source,
                        unverified: c.unverified,
                        comment: c.comment,
                        provider_error: c.provider_error,
                    })
                    .collect::<Vec<_>>()
            },
        );
    let partial_limit = prop::option::weighted(
        p / 2.0,
        (c(), 1u32..20).prop_map(|(c, max)| PartialLimitDoc {
            max_partial_cancels: max,
            source: c.source,
            unverified: c.unverified,
            comment: c.comment,
            provider_error: c.provider_error,
        }),
    );
    let refund_account = prop::option::weighted(
        p,
        (c(), any::<bool>()).prop_map(|(c, holder_phone_required)| RefundAccountDoc {
            holder_phone_required,
            source: c.source,
            unverified: c.unverified,
            comment: c.comment,
            provider_error: c.provider_error,
        }),
    );
    let account_format = prop::option::weighted(
        p / 2.0,
        (
            c(),
            prop::option::of(field_format()),
            prop::option::of(field_format()),
            prop::option::of(field_format()),
        )
            .prop_map(|(c, number, holder_name, holder_phone)| AccountFormatDoc {
                number,
                holder_name,
                holder_phone,
                source: c.source,
                unverified: c.unverified,
                comment: c.comment,
                provider_error: c.provider_error,
            }),
    );
    let cancel_hours = prop::option::weighted(
        p / 2.0,
        (c(), closed_hours()).prop_map(|(c, closed)| CancelHoursDoc {
            closed,
            source: c.source,
            unverified: c.unverified,
            comment: c.comment,
            provider_error: c.provider_error,
        }),
    );
    let reason = prop::option::weighted(
        p,
        (c(), any::<bool>(), prop::option::of(1u32..400)).prop_map(|(c, required, max_chars)| {
            ReasonRuleDoc {
                required,
                max_chars,
                source: c.source,
                unverified: c.unverified,
                comment: c.comment,
                provider_error: c.provider_error,
            }
        }),
    );
    let cancel_id = prop::option::weighted(
        p / 2.0,
        (c(), 1u32..400).prop_map(|(c, max_chars)| CancelIdRuleDoc {
            max_chars,
            source: c.source,
            unverified: c.unverified,
            comment: c.comment,
            provider_error: c.provider_error,
        }),
    );
    let requester = prop::option::weighted(
        p / 2.0,
        (c(), any::<bool>()).prop_map(|(c, required)| RequesterRuleDoc {
            required,
            source: c.source,
            unverified: c.unverified,
            comment: c.comment,
            provider_error: c.provider_error,
        }),
    );
    let fee = prop::option::weighted(
        p / 2.0,
        (c(), fee()).prop_map(|(c, (amount, currency))| FeeDoc {
            amount,
            currency,
            source: c.source,
            unverified: c.unverified,
            comment: c.comment,
            provider_error: c.provider_error,
        }),
    );
    let processing = prop::option::weighted(
        p / 2.0,
        (c(), business_days(), prop::option::of(condition(sk))).prop_map(
            |(c, business_days, when)| ProcessingTimeDoc {
                business_days,
                when,
                source: c.source,
                unverified: c.unverified,
                comment: c.comment,
                provider_error: c.provider_error,
            },
        ),
    );
    let asynchronous = prop::option::weighted(
        p / 2.0,
        c().prop_map(|c| AsyncCancellationDoc {
            source: c.source,
            unverified: c.unverified,
            comment: c.comment,
            provider_error: c.provider_error,
        }),
    );
    let remarks = prop::collection::vec(
        (
            select(RULE_KINDS),
            text(),
            pick(&sk.sources),
            prop::option::weighted(0.3, non_blank()),
        )
            .prop_map(|(about, says, source, unverified)| RemarkDoc {
                about: about.to_owned(),
                says,
                source,
                unverified,
            }),
        0..2,
    );
    (
        (
            refund_not_supported,
            deadline,
            partial_refund,
            partial_limit,
        ),
        (refund_account, account_format, cancel_hours, reason),
        (cancel_id, requester, fee, processing, asynchronous),
        remarks,
    )
        .prop_map(
            |(
                (refund_not_supported, deadline, partial_refund, partial_refund_limit),
                (refund_account, refund_account_format, cancel_hours, reason),
                (cancel_id, requester, fee, processing_time, async_cancellation),
                remarks,
            )| ScopeDoc {
                refund_not_supported,
                deadline,
                partial_refund,
                partial_refund_limit,
                refund_account,
                refund_account_format,
                cancel_hours,
                reason,
                cancel_id,
                requester,
                fee,
                processing_time,
                async_cancellation,
                remarks,
                ..ScopeDoc::default()
            },
        )
        .boxed()
}

/// Rule kinds that name contracts or PGs, where the skeleton has them.
fn referring_rules(
    sk: &Skeleton,
) -> BoxedStrategy<(
    Option<SameMonthDoc>,
    Option<PartialContractDoc>,
    Option<RefundContractDoc>,
)> {
    let c = || common(sk);
    let has_contracts = !sk.contracts.is_empty();
    let next_month = if has_contracts && sk.pgs.is_some() {
        prop::option::weighted(
            0.5,
            (
                pg_list(sk),
                pick(&sk.contracts),
                pick(&sk.sources),
                prop::option::of(text()),
            )
                .prop_map(|(pgs, contract, source, comment)| NextMonthRefundDoc {
                    pgs,
                    contract,
                    source,
                    comment,
                }),
        )
        .boxed()
    } else {
        Just(None).boxed()
    };
    let same_month = prop::option::weighted(
        0.15,
        (c(), next_month).prop_map(|(c, next_month_refund)| SameMonthDoc {
            next_month_refund,
            source: c.source,
            unverified: c.unverified,
            comment: c.comment,
            provider_error: c.provider_error,
        }),
    );
    if !has_contracts {
        return (same_month, Just(None), Just(None)).boxed();
    }
    let partial_contract = prop::option::weighted(
        0.1,
        (c(), pick(&sk.contracts)).prop_map(|(c, contract)| PartialContractDoc {
            contract,
            source: c.source,
            unverified: c.unverified,
            comment: c.comment,
            provider_error: c.provider_error,
        }),
    );
    let refund_contract = prop::option::weighted(
        0.15,
        (c(), pick(&sk.contracts), prop::option::of(condition(sk))).prop_map(
            |(c, contract, when)| RefundContractDoc {
                contract,
                when,
                source: c.source,
                unverified: c.unverified,
                comment: c.comment,
                provider_error: c.provider_error,
            },
        ),
    );
    (same_month, partial_contract, refund_contract).boxed()
}

/// One scope at `level`, with narrower scopes where the level allows them.
fn scope(sk: Arc<Skeleton>, level: Level) -> BoxedStrategy<ScopeDoc> {
    let rules = (simple_rules(&sk), referring_rules(&sk)).prop_map(
        |(mut scope, (same_month, partial_contract, refund_contract))| {
            scope.same_month = same_month;
            scope.partial_refund_contract = partial_contract;
            scope.refund_contract = refund_contract;
            scope
        },
    );
    let Level::Method(method) = level else {
        return rules.boxed();
    };
    let pg_names = sk.pg_names();
    let at_pg = if pg_names.is_empty() {
        Just(BTreeMap::new()).boxed()
    } else {
        prop::collection::btree_map(
            select(pg_names),
            scope(Arc::clone(&sk), Level::MethodPg),
            0..3,
        )
        .boxed()
    };
    let providers = if method == Method::EasyPay {
        let services = sk
            .services
            .clone()
            .unwrap_or_else(|| SERVICE_IDS.iter().map(|s| (*s).to_owned()).collect());
        prop::collection::btree_map(
            select(services),
            scope(Arc::clone(&sk), Level::Service),
            0..3,
        )
        .boxed()
    } else {
        Just(BTreeMap::new()).boxed()
    };
    (rules, at_pg, providers)
        .prop_map(|(mut scope, at_pg, providers)| {
            scope.at_pg = at_pg;
            scope.providers = providers;
            scope
        })
        .boxed()
}

fn bank_tables(sk: &Skeleton) -> BoxedStrategy<Vec<BankCodeTableDoc>> {
    let table = |sk: &Skeleton| {
        (
            text(),
            prop::collection::btree_map(select(Bank::ALL), "[0-9A-Z]{1,4}", 1..6),
            pick(&sk.sources),
            prop::option::weighted(0.2, non_blank()),
            prop::option::weighted(0.2, text()),
            prop::option::weighted(0.1, provider_error(sk, false)),
        )
    };
    let other = prop::option::weighted(0.5, table(sk));
    let own = match &sk.pgs {
        // Disjoint lists of ids for tables of their own.
        Some((known, _)) => (
            subsequence(known.clone(), 0..=known.len().min(4)),
            prop::collection::vec(table(sk), 2),
        )
            .prop_map(|(ids, tables)| {
                let lists: Vec<Vec<String>> = ids.chunks(2).map(<[String]>::to_vec).collect();
                lists.into_iter().zip(tables).collect::<Vec<_>>()
            })
            .boxed(),
        None => Just(Vec::new()).boxed(),
    };
    (other, own)
        .prop_map(|(other, own)| {
            let make = |(name, codes, source, unverified, comment, provider_error): TableParts,
                        pgs: Option<Vec<String>>| BankCodeTableDoc {
                table: name,
                other_pgs: pgs.is_none(),
                pgs,
                codes,
                source,
                unverified,
                comment,
                provider_error,
            };
            let mut tables = Vec::new();
            if let Some(table) = other {
                tables.push(make(table, None));
            }
            for (pgs, table) in own {
                tables.push(make(table, Some(pgs)));
            }
            tables
        })
        .boxed()
}

/// A valid policy document: it loads, alone, without problems.
pub fn document() -> impl Strategy<Value = PolicyDocument> {
    skeleton().prop_flat_map(|sk| {
        let sk = Arc::new(sk);
        let header = (
            "[a-z][a-z0-9_]{0,12}",
            select(&Provider::ALL[..]),
            prop::option::of(text()),
            select(TIME_ZONES),
        );
        let sources = prop::collection::vec(source_doc(), sk.sources.len());
        let contracts =
            prop::collection::vec((text(), text(), pick(&sk.sources)), sk.contracts.len());
        let errors = prop::collection::vec(provider_error(&sk, true), ReasonCode::ALL.len());
        let catalog_sources = (pick(&sk.sources), pick(&sk.sources));
        let pg_names = sk.pg_names();
        let top_at_pg = if pg_names.is_empty() {
            Just(BTreeMap::new()).boxed()
        } else {
            prop::collection::btree_map(
                select(pg_names),
                scope(Arc::clone(&sk), Level::TopPg),
                0..3,
            )
            .boxed()
        };
        let method_scopes = Method::ALL
            .map(|m| prop::option::weighted(0.5, scope(Arc::clone(&sk), Level::Method(m))));
        (
            header,
            (
                sources,
                contracts,
                errors,
                catalog_sources,
                bank_tables(&sk),
            ),
            (scope(Arc::clone(&sk), Level::Every), top_at_pg),
            method_scopes,
            Just(Arc::clone(&sk)),
        )
            .prop_map(
                |(
                    (policy, provider, title, time_zone),
                    (sources, contracts, errors, (pg_source, service_source), bank_codes),
                    (every_method, at_pg),
                    methods,
                    sk,
                )| {
                    let methods: BTreeMap<Method, ScopeDoc> = Method::ALL
                        .into_iter()
                        .zip(methods)
                        .filter_map(|(m, scope)| scope.map(|s| (m, s)))
                        .collect();
                    PolicyDocument {
                        policy,
                        provider,
                        title,
                        time_zone: time_zone.to_owned(),
                        sources: sk.sources.iter().cloned().zip(sources).collect(),
                        contracts: sk
                            .contracts
                            .iter()
                            .cloned()
                            .zip(contracts)
                            .map(|(id, (ko, en, source))| (id, ContractDoc { ko, en, source }))
                            .collect(),
                        pgs: sk.pgs.as_ref().map(|(known, groups)| PgCatalogDoc {
                            known: known.clone(),
                            groups: groups.clone(),
                            source: pg_source,
                        }),
                        easy_pay_providers: sk.services.as_ref().map(|known| EasyPayCatalogDoc {
                            known: known.clone(),
                            source: service_source,
                        }),
                        bank_codes,
                        provider_errors: ReasonCode::ALL.iter().copied().zip(errors).collect(),
                        every_method,
                        at_pg,
                        methods,
                    }
                },
            )
    })
}
