//! Review tables: what the built-in policies decide, the messages they explain it with, what
//! their rules say where they apply (`policies show`), and what the loader says about broken
//! policy files, as insta snapshots under `tests/snapshots/`.
//!
//! A policy edit that changes a decision changes a line of `review__matrix_<policy>.snap`, and
//! every line names its row (the payment), its request and its ages, so the diff says which
//! decisions the edit changes. Accept a reviewed change with `INSTA_UPDATE=always cargo test
//! --test review` (or `cargo insta review`) and commit the `.snap` files with the policy.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "tests stop at the first broken expectation"
)]

use chrono::{DateTime, NaiveDate, Utc};
use refund_policy::decision::{AccountProblem, NoteCode, ReasonCode, ReasonDetails, RuleId};
use refund_policy::messages::{Lang, note_message, reason_message};
use refund_policy::model::{
    Bank, Cancellation, CancellationStatus, Card, CardType, Currency, EasyPay, EscrowStatus,
    Funding, GiftCertificate, GiftCertificateType, MerchantProfile, Method, Payment, PaymentStatus,
    Provider, RefundAccount, RefundRequest, Requester, parse_instant,
};
use refund_policy::policy::document::{ConditionDoc, PolicyDocument, ScopeDoc};
use refund_policy::{Decision, Engine, PolicySet, PolicySource};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

fn at(text: &str) -> DateTime<Utc> {
    parse_instant(text).expect("a valid instant in the test")
}

fn won(amount: i64) -> Decimal {
    Decimal::from(amount)
}

fn engine() -> &'static Engine {
    Engine::builtin().expect("the built-in policies load")
}

// ---------------------------------------------------------------------------------------------
// 1. The decision matrix
// ---------------------------------------------------------------------------------------------

/// Every payment of the matrix is made at 23:30 on January 31st, 2024, in Seoul: 40 minutes
/// before the month changes there (it is still January in UTC for another nine hours), in a
/// leap year, so that month ends, February 29th and the clamping of months fall in the grid.
const PAID_AT: &str = "2024-01-31T23:30:00+09:00";
const PAID_ON: (i32, u32, u32) = (2024, 1, 31);
const TOTAL: i64 = 10_000;

/// A moment of the grid: its label (days since the local payment day, and the time where it is
/// not noon), the instant, and what it tests.
struct Age {
    label: &'static str,
    days: u64,
    at: &'static str,
    about: &'static str,
}

const AGES: &[Age] = &[
    Age {
        label: "d0",
        days: 0,
        at: "2024-01-31T23:45:00+09:00",
        about: "the payment day, 15 minutes later (23:45)",
    },
    Age {
        label: "d1",
        days: 1,
        at: "2024-02-01T00:10:00+09:00",
        about: "00:10, already February in Seoul, still January 31st in UTC",
    },
    Age {
        label: "d2@05:59",
        days: 2,
        at: "2024-02-02T05:59:00+09:00",
        about: "a minute before 06:00",
    },
    Age {
        label: "d2@06:00",
        days: 2,
        at: "2024-02-02T06:00:00+09:00",
        about: "06:00",
    },
    Age {
        label: "d2@22:59",
        days: 2,
        at: "2024-02-02T22:59:00+09:00",
        about: "a minute before 23:00",
    },
    Age {
        label: "d2@23:00",
        days: 2,
        at: "2024-02-02T23:00:00+09:00",
        about: "23:00",
    },
    Age {
        label: "d29",
        days: 29,
        at: "2024-02-29T12:00:00+09:00",
        about: "February 29th, 1 month (clamped)",
    },
    Age {
        label: "d89",
        days: 89,
        at: "2024-04-29T12:00:00+09:00",
        about: "89 days",
    },
    Age {
        label: "d90",
        days: 90,
        at: "2024-04-30T12:00:00+09:00",
        about: "90 days, and 3 months (January 31st + 3 months clamps to April 30th)",
    },
    Age {
        label: "d91",
        days: 91,
        at: "2024-05-01T12:00:00+09:00",
        about: "91 days, 3 months + 1 day",
    },
    Age {
        label: "d179",
        days: 179,
        at: "2024-07-28T12:00:00+09:00",
        about: "179 days",
    },
    Age {
        label: "d180",
        days: 180,
        at: "2024-07-29T12:00:00+09:00",
        about: "180 days",
    },
    Age {
        label: "d181",
        days: 181,
        at: "2024-07-30T12:00:00+09:00",
        about: "181 days, 6 months - 1 day",
    },
    Age {
        label: "d182",
        days: 182,
        at: "2024-07-31T12:00:00+09:00",
        about: "6 months",
    },
    Age {
        label: "d183",
        days: 183,
        at: "2024-08-01T12:00:00+09:00",
        about: "6 months + 1 day",
    },
    Age {
        label: "d365",
        days: 365,
        at: "2025-01-30T12:00:00+09:00",
        about: "365 days, 1 year - 1 day (2024 has February 29th)",
    },
    Age {
        label: "d366",
        days: 366,
        at: "2025-01-31T12:00:00+09:00",
        about: "1 year",
    },
    Age {
        label: "d367",
        days: 367,
        at: "2025-02-01T12:00:00+09:00",
        about: "1 year + 1 day",
    },
    Age {
        label: "d1095",
        days: 1095,
        at: "2027-01-30T12:00:00+09:00",
        about: "1095 days",
    },
    Age {
        label: "d1096",
        days: 1096,
        at: "2027-01-31T12:00:00+09:00",
        about: "1096 days, 3 years",
    },
    Age {
        label: "d1827",
        days: 1827,
        at: "2029-01-31T12:00:00+09:00",
        about: "5 years",
    },
    Age {
        label: "d1828",
        days: 1828,
        at: "2029-02-01T12:00:00+09:00",
        about: "5 years + 1 day",
    },
];

/// A payment of the matrix.
struct Row {
    label: String,
    /// For a row that adds an attribute (card type, escrow, ...), the row without it.
    anchor: Option<String>,
    /// Whether a rule names what the row stands for (its PG, service, funding or attribute);
    /// the others are listed as `like` an earlier row when they decide exactly as it does.
    named: bool,
    payment: Payment,
}

/// What a row's payment is built from.
#[derive(Clone, Default)]
struct Subject {
    pg: Option<(String, Option<String>)>,
    service: Option<String>,
    funding: Option<Funding>,
    funding_label: Option<&'static str>,
    card: Option<Card>,
    attribute: Option<String>,
    escrow: bool,
    escrow_status: Option<EscrowStatus>,
    gift_certificate: Option<GiftCertificateType>,
    tax_free: i64,
    partial_cancelable: Option<bool>,
}

/// The request variants of the matrix. Each is the `full` request with one thing changed (the
/// `partial, ...` ones: the `partial 3,000` request); a variant is printed only where it decides
/// differently from that parent.
#[derive(Clone, PartialEq, Eq)]
enum Variant {
    Full,
    Partial,
    PartialAfter(u32),
    PartialWithoutContract(String),
    OverBalance,
    WithoutContract(String),
    WithoutAccount,
    AccountWithoutPhone,
    AccountWithDashes,
    AccountTooLong,
    AccountBankWithoutCode,
    WithoutReason,
    ReasonChars(u32),
    CancelIdChars(u32),
    WithoutRequester,
}

impl Variant {
    fn label(&self) -> String {
        match self {
            Variant::Full => "full".to_owned(),
            Variant::Partial => "partial 3,000".to_owned(),
            Variant::PartialAfter(n) => format!("partial, {n} done before"),
            Variant::PartialWithoutContract(id) => format!("partial, no {id}"),
            Variant::OverBalance => "over balance 10,001".to_owned(),
            Variant::WithoutContract(id) => format!("no {id}"),
            Variant::WithoutAccount => "no refund account".to_owned(),
            Variant::AccountWithoutPhone => "account, no phone".to_owned(),
            Variant::AccountWithDashes => "account no. with dashes".to_owned(),
            Variant::AccountTooLong => "account fields too long".to_owned(),
            Variant::AccountBankWithoutCode => "account at a bank w/o code".to_owned(),
            Variant::WithoutReason => "no reason".to_owned(),
            Variant::ReasonChars(n) => format!("reason {n} chars"),
            Variant::CancelIdChars(n) => format!("cancel_id {n} chars"),
            Variant::WithoutRequester => "no requester".to_owned(),
        }
    }

    fn parent(&self) -> Option<Variant> {
        match self {
            Variant::Full => None,
            Variant::PartialAfter(_) | Variant::PartialWithoutContract(_) => Some(Variant::Partial),
            _ => Some(Variant::Full),
        }
    }

    /// Shown for the first row of each method, and for the others only where it changes other
    /// reasons than it changes there: what it tests is the same for most rows.
    fn is_common(&self) -> bool {
        matches!(
            self,
            Variant::OverBalance
                | Variant::WithoutReason
                | Variant::ReasonChars(_)
                | Variant::CancelIdChars(_)
        )
    }

    fn describe(&self) -> String {
        match self {
            Variant::Full => "the whole balance, with everything below in order".to_owned(),
            Variant::Partial => "3,000 of the 10,000".to_owned(),
            Variant::PartialAfter(n) => format!(
                "1,000 of the {}, after {n} partial cancels of 100 succeeded",
                TOTAL - 100 * i64::from(*n)
            ),
            Variant::PartialWithoutContract(id) => {
                format!("3,000 of the 10,000; the merchant lacks `{id}`")
            }
            Variant::OverBalance => "10,001 of the 10,000".to_owned(),
            Variant::WithoutContract(id) => format!("the merchant lacks `{id}`"),
            Variant::WithoutAccount => "no refund account".to_owned(),
            Variant::AccountWithoutPhone => "the refund account has no holder phone".to_owned(),
            Variant::AccountWithDashes => {
                "the account number is written 562-111-05948400".to_owned()
            }
            Variant::AccountTooLong => {
                "account number 21 digits, holder name 61 characters, holder phone 17 digits"
                    .to_owned()
            }
            Variant::AccountBankWithoutCode => {
                "the account is at HANYANG_SECURITIES (한양증권), which no bank-code table lists"
                    .to_owned()
            }
            Variant::WithoutReason => "no reason".to_owned(),
            Variant::ReasonChars(n) => format!("a reason of {n} characters"),
            Variant::CancelIdChars(n) => format!("a cancel id of {n} characters"),
            Variant::WithoutRequester => "no requester".to_owned(),
        }
    }
}

fn valid_account() -> RefundAccount {
    RefundAccount {
        bank: Some(Bank::Shinhan),
        number: Some("56211105948400".to_owned()),
        holder_name: Some("홍길동".to_owned()),
        holder_phone: Some("01012345678".to_owned()),
    }
}

/// The `full` request: the whole balance, a reason, a requester and a valid refund account.
fn full_request() -> RefundRequest {
    RefundRequest {
        reason: Some("고객 요청".to_owned()),
        requester: Some(Requester::Admin),
        refund_account: Some(valid_account()),
        ..RefundRequest::default()
    }
}

fn apply(
    variant: &Variant,
    payment: &mut Payment,
    request: &mut RefundRequest,
    merchant: &mut MerchantProfile,
) {
    fn account(request: &mut RefundRequest) -> &mut RefundAccount {
        request.refund_account.get_or_insert_with(valid_account)
    }
    match variant {
        Variant::Full => {}
        Variant::Partial => request.amount = Some(won(3_000)),
        Variant::PartialAfter(n) => {
            for i in 0..*n {
                payment.cancellations.push(Cancellation {
                    id: Some(format!("c-{i}")),
                    amount: won(100),
                    status: CancellationStatus::Succeeded,
                    cancel_id: None,
                });
            }
            payment.amount.cancelled = won(100 * i64::from(*n));
            payment.status = PaymentStatus::PartiallyCancelled;
            request.amount = Some(won(1_000));
        }
        Variant::PartialWithoutContract(id) => {
            request.amount = Some(won(3_000));
            merchant.contracts.retain(|c| c != id);
        }
        Variant::OverBalance => request.amount = Some(won(TOTAL + 1)),
        Variant::WithoutContract(id) => merchant.contracts.retain(|c| c != id),
        Variant::WithoutAccount => request.refund_account = None,
        Variant::AccountWithoutPhone => account(request).holder_phone = None,
        Variant::AccountWithDashes => {
            account(request).number = Some("562-111-05948400".to_owned());
        }
        Variant::AccountTooLong => {
            let account = account(request);
            account.number = Some("1".repeat(21));
            account.holder_name = Some("홍".repeat(61));
            account.holder_phone = Some("0".repeat(17));
        }
        Variant::AccountBankWithoutCode => {
            account(request).bank = Some(Bank::HanyangSecurities);
        }
        Variant::WithoutReason => request.reason = None,
        Variant::ReasonChars(n) => request.reason = Some("가".repeat(chars(*n))),
        Variant::CancelIdChars(n) => request.cancel_id = Some("k".repeat(chars(*n))),
        Variant::WithoutRequester => request.requester = None,
    }
}

fn chars(n: u32) -> usize {
    usize::try_from(n).expect("a small length")
}

/// The scopes of `doc` that can apply to `method`: the scope, the PG it is limited to, and the
/// easy-pay service it is limited to.
fn scopes(doc: &PolicyDocument, method: Method) -> Vec<(&ScopeDoc, Option<&str>, Option<&str>)> {
    doc.scopes()
        .into_iter()
        .filter(|s| s.method.is_none_or(|m| m == method))
        .map(|s| (s.rules, s.pg, s.service))
        .collect()
}

/// The conditions a scope's rules carry.
fn conditions(scope: &ScopeDoc) -> Vec<&ConditionDoc> {
    let mut out: Vec<&ConditionDoc> = scope
        .partial_refund
        .iter()
        .map(|r| &r.refused_when)
        .collect();
    out.extend(
        scope
            .refund_not_supported
            .as_ref()
            .and_then(|r| r.when.as_ref()),
    );
    out.extend(scope.refund_contract.as_ref().and_then(|r| r.when.as_ref()));
    out.extend(scope.processing_time.as_ref().and_then(|r| r.when.as_ref()));
    out.extend(scope.no_policy.as_ref().map(|r| &r.when));
    out.extend(
        scope
            .cash_receipt_not_cancelled
            .as_ref()
            .and_then(|r| r.when.as_ref()),
    );
    out
}

/// The PG names (ids or groups) a scope refers to, besides its own `at_pg` key.
fn pg_names(scope: &ScopeDoc) -> Vec<&str> {
    let mut names = Vec::new();
    for condition in conditions(scope) {
        for list in [&condition.pg, &condition.unless_pg].into_iter().flatten() {
            names.extend(list.iter().map(String::as_str));
        }
    }
    if let Some(next) = scope
        .same_month
        .as_ref()
        .and_then(|s| s.next_month_refund.as_ref())
    {
        names.extend(next.pgs.iter().map(String::as_str));
    }
    names
}

/// A PG name as a payment's PG id: an id stays itself, a group is represented by its first id.
fn resolve_pg(doc: &PolicyDocument, name: &str) -> String {
    doc.pgs
        .as_ref()
        .and_then(|c| c.groups.get(name))
        .and_then(|members| members.first())
        .map_or_else(|| name.to_owned(), Clone::clone)
}

/// A PG id as a row shows it: with the group it belongs to, if any.
fn pg_subject(doc: &PolicyDocument, id: &str) -> (String, Option<String>) {
    let group = doc.pgs.as_ref().and_then(|c| {
        c.groups
            .iter()
            .find(|(_, members)| members.iter().any(|m| m == id))
            .map(|(group, _)| group.clone())
    });
    (id.to_owned(), group)
}

/// The card, escrow and partial-flag attributes conditions can test, at `at`.
fn attribute_rows(at: &Subject) -> Vec<Subject> {
    let mut out = Vec::new();
    for card_type in [
        CardType::Credit,
        CardType::Debit,
        CardType::Gift,
        CardType::Prepaid,
    ] {
        out.push(Subject {
            card: Some(Card {
                card_type: Some(card_type),
                ..Card::default()
            }),
            attribute: Some(format!("card={card_type}")),
            ..at.clone()
        });
    }
    out.push(Subject {
        card: Some(Card {
            foreign: true,
            ..Card::default()
        }),
        attribute: Some("card=foreign".to_owned()),
        ..at.clone()
    });
    out.push(Subject {
        card: Some(Card {
            point_used: true,
            ..Card::default()
        }),
        attribute: Some("card=points".to_owned()),
        ..at.clone()
    });
    out.push(Subject {
        escrow: true,
        attribute: Some("escrow".to_owned()),
        ..at.clone()
    });
    for flag in [false, true] {
        out.push(Subject {
            partial_cancelable: Some(flag),
            attribute: Some(format!("partial_cancelable={flag}")),
            ..at.clone()
        });
    }
    for status in [EscrowStatus::Confirmed, EscrowStatus::Rejected] {
        out.push(Subject {
            escrow_status: Some(status),
            attribute: Some(format!("escrow={status}")),
            ..at.clone()
        });
    }
    for kind in [
        GiftCertificateType::Booknlife,
        GiftCertificateType::SmartMunsang,
        GiftCertificateType::Cultureland,
    ] {
        out.push(Subject {
            gift_certificate: Some(kind),
            attribute: Some(format!("gift={kind}")),
            ..at.clone()
        });
    }
    out.push(Subject {
        tax_free: TAX_FREE,
        attribute: Some("tax_free=8000".to_owned()),
        ..at.clone()
    });
    out
}

/// The tax-free part of the `tax_free` attribute's payment: more than the partial request
/// leaves taxable, so a taxable-balance rule refuses a partial cancel without a tax-free part.
const TAX_FREE: i64 = 8_000;

fn row_label(method: Method, subject: &Subject) -> String {
    let mut label = method.id().to_owned();
    if let Some(service) = &subject.service {
        label.push(' ');
        label.push_str(service);
    }
    if let Some(funding) = subject.funding_label {
        let _ = write!(label, " funding={funding}");
    }
    if let Some((pg, group)) = &subject.pg {
        let _ = write!(label, " @{pg}");
        if let Some(group) = group {
            let _ = write!(label, " ({group})");
        }
    }
    if let Some(attribute) = &subject.attribute {
        label.push(' ');
        label.push_str(attribute);
    }
    label
}

fn build_payment(provider: Provider, method: Method, subject: &Subject) -> Payment {
    let mut payment = Payment::paid(provider, method, won(TOTAL), at(PAID_AT));
    payment.pg = subject.pg.as_ref().map(|(pg, _)| pg.clone());
    payment.easy_pay = subject.service.as_ref().map(|service| EasyPay {
        provider: service.clone(),
        funding: subject.funding,
    });
    payment.card.clone_from(&subject.card);
    payment.escrow = subject.escrow;
    payment.escrow_status = subject.escrow_status;
    payment.gift_certificate = subject.gift_certificate.map(|kind| GiftCertificate {
        certificate_type: Some(kind),
    });
    payment.amount.tax_free = won(subject.tax_free);
    payment.partial_cancelable = subject.partial_cancelable;
    payment
}

/// The rows of a policy's matrix, for every method it covers: no PG, the PGs its rules name
/// (a group by its first id), then every other PG of its catalog; for easy pay, the services it
/// names, one it does not and then every other, each funding of the named ones; the card,
/// escrow and partial-flag attributes conditions can test, at no PG and wherever a condition
/// sits. A method it does not cover gets one row. The rows do not depend on which rules exist,
/// so an edit that removes a rule shows the rows it frees.
fn rows(doc: &PolicyDocument) -> Vec<Row> {
    let known_pgs: Vec<String> = doc
        .pgs
        .as_ref()
        .map(|c| c.known.clone())
        .unwrap_or_default();
    let known_services: Vec<String> = doc
        .easy_pay_providers
        .as_ref()
        .map(|c| c.known.clone())
        .unwrap_or_default();
    let named_services: Vec<String> = doc
        .methods
        .get(&Method::EasyPay)
        .map(|m| m.providers.keys().cloned().collect())
        .unwrap_or_default();
    let unnamed_service = known_services
        .iter()
        .find(|s| !named_services.contains(s))
        .cloned()
        .unwrap_or_else(|| "other".to_owned());
    let mut rows: Vec<Row> = Vec::new();
    let push = |rows: &mut Vec<Row>, method: Method, subject: Subject, named: bool| {
        let label = row_label(method, &subject);
        let anchor = subject.attribute.as_ref().map(|_| {
            row_label(
                method,
                &Subject {
                    attribute: None,
                    ..subject.clone()
                },
            )
        });
        if rows.iter().all(|r| r.label != label) {
            rows.push(Row {
                label,
                anchor,
                named,
                payment: build_payment(doc.provider, method, &subject),
            });
        }
    };
    for method in Method::ALL {
        let service = (method == Method::EasyPay).then(|| unnamed_service.clone());
        let base = Subject {
            service: service.clone(),
            ..Subject::default()
        };
        push(&mut rows, method, base.clone(), true);
        let Some(method_scope) = doc.methods.get(&method) else {
            continue;
        };
        let scopes = scopes(doc, method);
        let mut tested: BTreeSet<String> = BTreeSet::new();
        for (scope, _, _) in &scopes {
            for condition in conditions(scope) {
                for card_type in condition.card_type.iter().flatten() {
                    tested.insert(format!("card={card_type}"));
                }
                if condition.foreign_card.is_some() {
                    tested.insert("card=foreign".to_owned());
                }
                if condition.card_points.is_some() {
                    tested.insert("card=points".to_owned());
                }
                if condition.escrow.is_some() {
                    tested.insert("escrow".to_owned());
                }
                for status in condition.escrow_status.iter().flatten() {
                    tested.insert(format!("escrow={status}"));
                }
                for kind in condition.gift_certificate_type.iter().flatten() {
                    tested.insert(format!("gift={kind}"));
                }
                if condition.partial_cancelable.is_some() {
                    tested.insert("partial_cancelable=false".to_owned());
                    tested.insert("partial_cancelable=true".to_owned());
                }
            }
        }
        if scopes
            .iter()
            .any(|(scope, _, _)| scope.taxable_balance_check.is_some())
        {
            tested.insert("tax_free=8000".to_owned());
        }
        let is_tested = |subject: &Subject| {
            subject
                .attribute
                .as_ref()
                .is_some_and(|a| tested.contains(a))
        };

        // The PGs the rules name, then every other PG of the catalog.
        let mut named: BTreeSet<String> = BTreeSet::new();
        for (scope, pg, _) in &scopes {
            named.extend(pg.map(|name| resolve_pg(doc, name)));
            named.extend(
                pg_names(scope)
                    .into_iter()
                    .map(|name| resolve_pg(doc, name)),
            );
        }
        if scopes.iter().any(|(s, _, _)| s.refund_account.is_some()) {
            for table in &doc.bank_codes {
                named.extend(table.pgs.iter().flatten().map(|name| resolve_pg(doc, name)));
            }
        }
        let others = known_pgs.iter().filter(|id| !named.contains(*id));
        for id in named.iter().chain(others) {
            let pg = Some(pg_subject(doc, id));
            let is_named = named.contains(id);
            push(&mut rows, method, Subject { pg, ..base.clone() }, is_named);
        }

        // Every easy-pay service; each funding of the named ones and of one unnamed.
        if method == Method::EasyPay {
            let services = std::iter::once(&unnamed_service)
                .chain(&named_services)
                .chain(&known_services);
            for name in services {
                let subject = Subject {
                    service: Some(name.clone()),
                    ..Subject::default()
                };
                let is_named = *name == unnamed_service || named_services.contains(name);
                push(&mut rows, method, subject.clone(), is_named);
                if !is_named {
                    continue;
                }
                let scope = method_scope.providers.get(name).unwrap_or(method_scope);
                let by_funding = scope
                    .deadline
                    .as_ref()
                    .is_some_and(|d| !d.by_funding.is_empty());
                for funding in Funding::ALL {
                    push(
                        &mut rows,
                        method,
                        Subject {
                            funding: Some(funding),
                            funding_label: Some(funding.id()),
                            ..subject.clone()
                        },
                        by_funding,
                    );
                }
            }
        }

        // The attributes, at no PG and in every narrower scope whose conditions test one.
        for subject in attribute_rows(&base) {
            let is_named = is_tested(&subject);
            push(&mut rows, method, subject, is_named);
        }
        for (scope, pg, scope_service) in &scopes {
            let tests_attributes = conditions(scope).iter().any(|c| {
                c.card_type.is_some()
                    || c.foreign_card.is_some()
                    || c.card_points.is_some()
                    || c.escrow.is_some()
                    || c.escrow_status.is_some()
                    || c.gift_certificate_type.is_some()
                    || c.partial_cancelable.is_some()
            });
            if !tests_attributes || (pg.is_none() && scope_service.is_none()) {
                continue;
            }
            let at = Subject {
                pg: pg.map(|name| pg_subject(doc, &resolve_pg(doc, name))),
                service: scope_service.map(str::to_owned).or_else(|| service.clone()),
                ..Subject::default()
            };
            for subject in attribute_rows(&at) {
                let is_named = is_tested(&subject);
                push(&mut rows, method, subject, is_named);
            }
        }
        // And at the PGs a condition names beside an attribute it tests (a certificate type
        // at `daou`), which no scope of their own holds.
        for (scope, _, scope_service) in &scopes {
            for condition in conditions(scope) {
                if condition.escrow_status.is_none() && condition.gift_certificate_type.is_none() {
                    continue;
                }
                for name in condition.pg.iter().flatten() {
                    let at = Subject {
                        pg: Some(pg_subject(doc, &resolve_pg(doc, name))),
                        service: scope_service.map(str::to_owned).or_else(|| service.clone()),
                        ..Subject::default()
                    };
                    for subject in attribute_rows(&at) {
                        let is_named = is_tested(&subject);
                        push(&mut rows, method, subject, is_named);
                    }
                }
            }
        }
    }
    rows
}

/// The request variants that mean something for a policy: the limits it sets on the reason and
/// the cancel id (at the limit and one over), the requester where a rule requires one, and the
/// refund-account variants where a rule asks for an account.
fn variants(doc: &PolicyDocument) -> Vec<Variant> {
    let all_scopes: Vec<&ScopeDoc> = Method::ALL
        .iter()
        .flat_map(|m| scopes(doc, *m))
        .map(|(scope, _, _)| scope)
        .collect();
    let mut reason_limits = BTreeSet::new();
    let mut cancel_id_limits = BTreeSet::new();
    let mut partial_limits = BTreeSet::new();
    let mut partial_contracts = BTreeSet::new();
    let mut requester = false;
    let mut account = false;
    for scope in &all_scopes {
        partial_limits.extend(
            scope
                .partial_refund_limit
                .as_ref()
                .map(|l| l.max_partial_cancels),
        );
        partial_contracts.extend(
            scope
                .partial_refund_contract
                .as_ref()
                .map(|c| c.contract.clone()),
        );
        reason_limits.extend(scope.reason.as_ref().and_then(|r| r.max_chars));
        cancel_id_limits.extend(scope.cancel_id.as_ref().map(|r| r.max_chars));
        requester |= scope.requester.is_some();
        account |= scope.refund_account.is_some()
            || scope
                .same_month
                .as_ref()
                .is_some_and(|m| m.next_month_refund.is_some());
    }
    let mut out = vec![Variant::Full, Variant::Partial];
    for limit in partial_limits {
        out.extend([
            Variant::PartialAfter(limit - 1),
            Variant::PartialAfter(limit),
        ]);
    }
    out.extend(
        partial_contracts
            .into_iter()
            .map(Variant::PartialWithoutContract),
    );
    out.push(Variant::OverBalance);
    out.extend(doc.contracts.keys().cloned().map(Variant::WithoutContract));
    if account {
        out.extend([
            Variant::WithoutAccount,
            Variant::AccountWithoutPhone,
            Variant::AccountWithDashes,
            Variant::AccountTooLong,
            Variant::AccountBankWithoutCode,
        ]);
    }
    out.push(Variant::WithoutReason);
    for limit in reason_limits {
        out.extend([Variant::ReasonChars(limit), Variant::ReasonChars(limit + 1)]);
    }
    for limit in cancel_id_limits {
        out.extend([
            Variant::CancelIdChars(limit),
            Variant::CancelIdChars(limit + 1),
        ]);
    }
    if requester {
        out.push(Variant::WithoutRequester);
    }
    out
}

/// The rule id without the policy's name.
fn rule_in_policy<'a>(rule: &'a RuleId, policy: &str) -> &'a str {
    rule.as_str()
        .strip_prefix(policy)
        .and_then(|r| r.strip_prefix(" › "))
        .unwrap_or(rule.as_str())
}

fn account_problem(problem: &AccountProblem) -> String {
    match problem {
        AccountProblem::Missing { field } => format!("{} missing", field.name()),
        AccountProblem::Blank { field } => format!("{} blank", field.name()),
        AccountProblem::TooLong { field, chars, max } => {
            format!("{} {chars}>{max}", field.name())
        }
        AccountProblem::NotDigits { field } => format!("{} not digits", field.name()),
        AccountProblem::BankNotSupported { bank, .. } => format!("no code for {}", bank.name()),
    }
}

/// A reason as the matrix shows it: its code, what distinguishes it from another reason of the
/// same code, and the provider's error in brackets.
fn reason_text(reason: &refund_policy::decision::Reason, policy: &str) -> String {
    let code = reason.code().as_str();
    let detail = match reason.details() {
        ReasonDetails::PartialCancelNotSupported { .. } => {
            let rule = rule_in_policy(reason.rule(), policy);
            Some(rule.rsplit(" › ").next().unwrap_or(rule).to_owned())
        }
        ReasonDetails::PartialCancelLimitReached { limit, succeeded } => {
            Some(format!("{succeeded} of {limit}"))
        }
        ReasonDetails::ContractRequired { contract, .. } => Some(contract.id.to_string()),
        ReasonDetails::RefundAccountInvalid { problems } => Some(
            problems
                .iter()
                .map(account_problem)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ReasonDetails::FieldTooLong { field, chars, max } => {
            Some(format!("{} {chars}>{max}", field.name()))
        }
        ReasonDetails::MonthChanged {
            next_month_refund: Some(next),
            ..
        } => Some(format!(
            "next month: contract {}, account {}",
            if next.contract_signed { "yes" } else { "no" },
            if !next.refund_account_given {
                "none".to_owned()
            } else if next.refund_account_problems.is_empty() {
                "ok".to_owned()
            } else {
                next.refund_account_problems
                    .iter()
                    .map(account_problem)
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        )),
        _ => None,
    };
    let mut text = code.to_owned();
    if let Some(detail) = detail {
        let _ = write!(text, "({detail})");
    }
    if let Some(error) = reason.provider_error() {
        match error.code {
            Some(code) => {
                let _ = write!(text, "[{} {code}]", error.name);
            }
            None => {
                let _ = write!(text, "[{}]", error.name);
            }
        }
    }
    text
}

/// Everything the matrix shows of a decision, in fixed-width columns: verdict, last refundable
/// day, fee, processing days, notes, reasons.
fn outcome(decision: &Decision, reasons: &[String]) -> String {
    let last_day = decision.deadline().map_or("-".to_owned(), |d| {
        let span = d.within.map_or("month".to_owned(), |s| s.to_string());
        format!("{} {span}", d.last_refundable_day)
    });
    let fee = decision.fee().map_or("-".to_owned(), |(amount, currency)| {
        format!("{amount} {}", currency.code())
    });
    let days = decision
        .processing_days()
        .map_or("-".to_owned(), |(min, max)| {
            if min == max {
                min.to_string()
            } else {
                format!("{min}-{max}")
            }
        });
    let bank = decision
        .refund_account()
        .and_then(|a| a.bank_code.as_deref())
        .unwrap_or("-");
    let notes: Vec<&str> = decision.note_codes().iter().map(|c| c.as_str()).collect();
    let notes = if notes.is_empty() {
        "-".to_owned()
    } else {
        notes.join(" ")
    };
    let mut line = format!(
        "{:<5}  {last_day:<20}  {fee:<7}  {days:<4}  {bank:<4}  {notes:<29}",
        decision.verdict().to_string()
    );
    if !reasons.is_empty() {
        line.push_str("  ");
        line.push_str(&reasons.join(", "));
    }
    line.trim_end().to_owned()
}

/// A decision as the matrix shows it, and the reasons and notes it changes.
struct Decided {
    line: String,
    said: BTreeSet<String>,
}

impl Decided {
    /// Also records, in `hits`, what each rule said.
    fn new(
        decision: &Decision,
        policy: &str,
        hits: &mut BTreeMap<String, BTreeSet<String>>,
    ) -> Decided {
        let reasons: Vec<String> = decision
            .reasons()
            .iter()
            .map(|r| reason_text(r, policy))
            .collect();
        for (reason, text) in decision.reasons().iter().zip(&reasons) {
            let said = hits.entry(reason.rule().as_str().to_owned()).or_default();
            if !said.contains(text) {
                said.insert(text.clone());
            }
        }
        for note in decision.notes() {
            let said = hits.entry(note.rule().as_str().to_owned()).or_default();
            let text = format!("note {}", note.code());
            if !said.contains(&text) {
                said.insert(text);
            }
        }
        let line = outcome(decision, &reasons);
        let mut said: BTreeSet<String> = reasons.into_iter().collect();
        said.extend(decision.note_codes().iter().map(|c| format!("note {c}")));
        Decided { line, said }
    }
}

/// The reasons and notes a variant adds to its parent's decision, and those it takes away.
#[derive(Clone, PartialEq, Eq)]
struct Change {
    added: Vec<String>,
    removed: Vec<String>,
}

impl Change {
    fn between(before: &Decided, after: &Decided) -> Change {
        Change {
            added: after.said.difference(&before.said).cloned().collect(),
            removed: before.said.difference(&after.said).cloned().collect(),
        }
    }

    fn is_none(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

const ROW_WIDTH: usize = 40;
const VARIANT_WIDTH: usize = 34;
const AGES_WIDTH: usize = 17;

fn matrix(provider: Provider) -> String {
    let engine = engine();
    let policies = engine.policies();
    let doc = policies
        .document(provider)
        .expect("a built-in policy for every provider");
    let policy = doc.policy.as_str();
    let contracts: Vec<String> = doc.contracts.keys().cloned().collect();
    let rows = rows(doc);
    let variants = variants(doc);
    let instants: Vec<DateTime<Utc>> = AGES.iter().map(|a| at(a.at)).collect();

    let mut out = String::new();
    let _ = writeln!(
        out,
        "Decision matrix of the built-in policy `{policy}` ({}).",
        doc.title.as_deref().unwrap_or(policy)
    );
    let _ = writeln!(
        out,
        "Every payment: {TOTAL} KRW, paid {PAID_AT}, status paid. Ages, in {}:",
        doc.time_zone
    );
    for age in AGES {
        let _ = writeln!(out, "  {:<9} {}  {}", age.label, &age.at[..16], age.about);
    }
    let _ = writeln!(out, "Requests:");
    let _ = writeln!(
        out,
        "  {:<34} {}; reason `고객 요청`, requester admin, refund account SHINHAN 56211105948400 \
         홍길동 01012345678, contracts: {}",
        "full",
        Variant::Full.describe(),
        if contracts.is_empty() {
            "none defined".to_owned()
        } else {
            contracts.join(", ")
        }
    );
    for variant in variants.iter().skip(1) {
        let _ = writeln!(out, "  {:<34} {}", variant.label(), variant.describe());
    }
    let _ = writeln!(
        out,
        "A request other than `full` is listed only for the rows where it decides differently \
         from `full` (the `partial, ...` ones: from `partial 3,000`) at some age, and not \
         where it changes the same reasons as it does for the row without the attribute (or, \
         for `over balance` and the reason requests, for the method's first row). Consecutive \
         ages that decide alike share a line. A row whose PG, service, funding or attribute no \
         rule names is listed at the end when it decides exactly like an earlier row."
    );
    let _ = writeln!(
        out,
        "Columns: row (method, easy-pay service, funding, @PG (its group), attribute), request, ages, \
         verdict, last refundable day and its span, fee, processing business days, the code \
         sent for the refund account's bank, notes, reasons as CODE(what)[provider error]."
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<ROW_WIDTH$}  {:<VARIANT_WIDTH$}  {:<AGES_WIDTH$}  {:<5}  {:<20}  {:<7}  {:<4}  {:<4}  {:<29}  reasons",
        "row", "request", "ages", "", "last day", "fee", "days", "bank", "notes"
    );

    let mut hits: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut method = None;
    let mut base_row = String::new();
    // What each variant changes from its parent, by row and variant.
    let mut changes_of: BTreeMap<(String, String), Vec<Change>> = BTreeMap::new();
    // The rows printed so far, with their decisions; and the rows that decide like one.
    let mut tables: Vec<(String, Vec<Vec<String>>)> = Vec::new();
    let mut likes: Vec<(String, String)> = Vec::new();
    for row in &rows {
        let first_of_method = method != Some(row.payment.method);
        if first_of_method {
            method = Some(row.payment.method);
            base_row.clone_from(&row.label);
        }
        let mut decided: Vec<(Variant, Vec<Decided>)> = Vec::new();
        let mut shown: Vec<bool> = Vec::new();
        for variant in &variants {
            let mut payment = row.payment.clone();
            let mut request = full_request();
            let mut merchant = MerchantProfile::with_contracts(contracts.iter().cloned());
            apply(variant, &mut payment, &mut request, &mut merchant);
            let outcomes: Vec<Decided> = instants
                .iter()
                .map(|now| {
                    let decision = engine.decide(&payment, &request, &merchant, *now);
                    Decided::new(&decision, policy, &mut hits)
                })
                .collect();
            let parent = variant
                .parent()
                .and_then(|parent| decided.iter().find(|(v, _)| *v == parent))
                .map(|(_, outcomes)| outcomes);
            shown.push(match parent {
                None => true,
                Some(parent) => {
                    let changes: Vec<Change> = parent
                        .iter()
                        .zip(&outcomes)
                        .map(|(before, after)| Change::between(before, after))
                        .collect();
                    let differs = changes.iter().any(|c| !c.is_none())
                        || parent.iter().zip(&outcomes).any(|(a, b)| a.line != b.line);
                    let like = if variant.is_common() && !first_of_method {
                        Some(&base_row)
                    } else {
                        row.anchor.as_ref()
                    };
                    let as_there = like.is_some_and(|like| {
                        changes_of.get(&(like.clone(), variant.label())) == Some(&changes)
                    });
                    changes_of.insert((row.label.clone(), variant.label()), changes);
                    differs && !as_there
                }
            });
            decided.push((variant.clone(), outcomes));
        }

        // A row that decides exactly like an earlier one, in every request and age, is listed
        // at the end instead.
        let table: Vec<Vec<String>> = decided
            .iter()
            .map(|(_, outcomes)| outcomes.iter().map(|o| o.line.clone()).collect())
            .collect();
        if let Some((earlier, _)) = tables.iter().find(|(label, other)| {
            !row.named && label.split(' ').next() == row.label.split(' ').next() && *other == table
        }) {
            likes.push((row.label.clone(), earlier.clone()));
            continue;
        }
        tables.push((row.label.clone(), table));

        for ((variant, outcomes), show) in decided.iter().zip(&shown) {
            if !show {
                continue;
            }
            let mut start = 0;
            while start < outcomes.len() {
                let mut end = start;
                while end + 1 < outcomes.len() && outcomes[end + 1].line == outcomes[start].line {
                    end += 1;
                }
                let ages = if start == end {
                    AGES[start].label.to_owned()
                } else {
                    format!("{}–{}", AGES[start].label, AGES[end].label)
                };
                let line = format!(
                    "{:<ROW_WIDTH$}  {:<VARIANT_WIDTH$}  {ages:<AGES_WIDTH$}  {}",
                    row.label,
                    variant.label(),
                    outcomes[start].line
                );
                let _ = writeln!(out, "{}", line.trim_end());
                start = end + 1;
            }
        }
    }

    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Rows that decide exactly like an earlier row, for every request at every age:"
    );
    for (row, like) in &likes {
        let _ = writeln!(out, "{row:<ROW_WIDTH$}  like {like}");
    }

    // Every rule of the policy decides something in the matrix (the contract's common checks
    // are the same for every policy and are pinned by the message snapshot).
    let common = format!("{policy} › common ›");
    let unexercised: Vec<&str> = policies
        .rule_ids()
        .map(RuleId::as_str)
        .filter(|id| id.starts_with(&format!("{policy} ›")) && !id.starts_with(&common))
        // A `no_policy` rule answers with its method's own `NO_POLICY` id, never its own.
        .filter(|id| !id.ends_with(" › no_policy"))
        .filter(|id| !hits.contains_key(*id))
        .collect();
    assert!(
        unexercised.is_empty(),
        "rules of `{policy}` that no row of the matrix exercises: {unexercised:#?}"
    );

    let _ = writeln!(out);
    let _ = writeln!(out, "Rules and what they said in the matrix:");
    for (rule, said) in &hits {
        let rule = rule
            .strip_prefix(policy)
            .and_then(|r| r.strip_prefix(" › "))
            .unwrap_or(rule);
        let said: Vec<&str> = said.iter().map(String::as_str).collect();
        let _ = writeln!(out, "  {rule:<44}  {}", said.join(", "));
    }
    out
}

#[test]
fn the_ages_are_the_days_they_say() {
    let paid_on = NaiveDate::from_ymd_opt(PAID_ON.0, PAID_ON.1, PAID_ON.2).expect("a date");
    let seoul = chrono::FixedOffset::east_opt(9 * 3600).expect("an offset");
    assert_eq!(at(PAID_AT).with_timezone(&seoul).date_naive(), paid_on);
    for age in AGES {
        let day = at(age.at).with_timezone(&seoul).date_naive();
        assert_eq!(
            day,
            paid_on + chrono::Days::new(age.days),
            "age {} is not {} days after the payment day",
            age.label,
            age.days
        );
        assert!(age.label.starts_with(&format!("d{}", age.days)));
    }
}

#[test]
fn matrix_portone_v2() {
    insta::assert_snapshot!("matrix_portone_v2", matrix(Provider::PortoneV2));
}

#[test]
fn matrix_portone_v1() {
    insta::assert_snapshot!("matrix_portone_v1", matrix(Provider::PortoneV1));
}

#[test]
fn matrix_bootpay() {
    insta::assert_snapshot!("matrix_bootpay", matrix(Provider::Bootpay));
}

#[test]
fn matrix_toss_payments() {
    insta::assert_snapshot!("matrix_toss_payments", matrix(Provider::TossPayments));
}

// ---------------------------------------------------------------------------------------------
// 2. Messages
// ---------------------------------------------------------------------------------------------

/// A decision to explain: what it is about, and its inputs.
struct MessageCase {
    title: &'static str,
    payment: Payment,
    request: RefundRequest,
    merchant: MerchantProfile,
    now: &'static str,
}

fn message_case(
    title: &'static str,
    payment: Payment,
    request: RefundRequest,
    now: &'static str,
) -> MessageCase {
    MessageCase {
        title,
        payment,
        request,
        merchant: MerchantProfile::default(),
        now,
    }
}

const PAID: &str = "2025-03-02T10:00:00+09:00";
const SAME_DAY: &str = "2025-03-02T15:00:00+09:00";

fn paid(provider: Provider, method: Method) -> Payment {
    Payment::paid(provider, method, won(TOTAL), at(PAID))
}

fn with_reason() -> RefundRequest {
    RefundRequest {
        reason: Some("고객 요청".to_owned()),
        ..RefundRequest::default()
    }
}

fn to_account(account: RefundAccount) -> RefundRequest {
    RefundRequest {
        refund_account: Some(account),
        ..with_reason()
    }
}

fn partial_of(amount: i64) -> RefundRequest {
    RefundRequest {
        amount: Some(won(amount)),
        ..with_reason()
    }
}

fn at_pg(mut payment: Payment, pg: &str) -> Payment {
    payment.pg = Some(pg.to_owned());
    payment
}

fn easy(mut payment: Payment, service: &str, funding: Option<Funding>) -> Payment {
    payment.method = Method::EasyPay;
    payment.easy_pay = Some(EasyPay {
        provider: service.to_owned(),
        funding,
    });
    payment
}

fn cancellation(cancel_id: &str, status: CancellationStatus) -> Cancellation {
    Cancellation {
        id: Some("c-1".to_owned()),
        amount: won(1_000),
        status,
        cancel_id: Some(cancel_id.to_owned()),
    }
}

fn message_cases() -> Vec<MessageCase> {
    use Provider::{Bootpay, PortoneV1, PortoneV2, TossPayments};
    let v2_card = || paid(PortoneV2, Method::Card);
    let mut cases = Vec::new();

    let mut contradictory = v2_card();
    contradictory.amount.cancelled = won(12_000);
    contradictory.amount.tax_free = won(11_000);
    contradictory.amount.cancelled_tax_free = won(11_500);
    contradictory.paid_at = Some(at("2025-03-03T10:00:00+09:00"));
    cases.push(message_case(
        "a payment that contradicts itself in four ways",
        contradictory,
        with_reason(),
        SAME_DAY,
    ));
    let mut negative = v2_card();
    negative.amount.total = won(-10_000);
    cases.push(message_case(
        "a negative total",
        negative,
        with_reason(),
        SAME_DAY,
    ));

    for (status, title) in [
        (PaymentStatus::Ready, "a payment that was never paid"),
        (
            PaymentStatus::VirtualAccountIssued,
            "a virtual account never paid into",
        ),
    ] {
        let mut unpaid = v2_card();
        unpaid.status = status;
        cases.push(message_case(title, unpaid, with_reason(), SAME_DAY));
    }
    let mut cancelled = v2_card();
    cancelled.status = PaymentStatus::Cancelled;
    cancelled.amount.cancelled = won(TOTAL);
    cases.push(message_case(
        "a payment cancelled in full",
        cancelled,
        with_reason(),
        SAME_DAY,
    ));

    cases.push(message_case(
        "an amount of zero",
        v2_card(),
        partial_of(0),
        SAME_DAY,
    ));
    cases.push(message_case(
        "fractional won and negative tax parts",
        v2_card(),
        RefundRequest {
            amount: Some(Decimal::new(1_005, 1)),
            tax_free_amount: Some(won(-1)),
            vat_amount: Some(won(-2)),
            ..with_reason()
        },
        SAME_DAY,
    ));
    cases.push(message_case(
        "more than the balance",
        v2_card(),
        partial_of(12_000),
        SAME_DAY,
    ));
    let mut dollars = Payment::paid(PortoneV2, Method::Card, Decimal::new(9_999, 2), at(PAID));
    dollars.currency = Currency::USD;
    cases.push(message_case(
        "more than the balance, in dollars",
        dollars,
        RefundRequest {
            amount: Some(Decimal::new(10_050, 2)),
            ..with_reason()
        },
        SAME_DAY,
    ));
    cases.push(message_case(
        "the caller's balance is out of date",
        v2_card(),
        RefundRequest {
            current_cancellable_amount: Some(won(9_000)),
            ..with_reason()
        },
        SAME_DAY,
    ));
    let mut tax_free = v2_card();
    tax_free.amount.tax_free = won(1_000);
    tax_free.amount.cancelled_tax_free = won(500);
    tax_free.amount.cancelled = won(500);
    tax_free.status = PaymentStatus::PartiallyCancelled;
    cases.push(message_case(
        "more tax-free amount than remains tax-free",
        tax_free,
        RefundRequest {
            amount: Some(won(2_000)),
            tax_free_amount: Some(won(800)),
            ..with_reason()
        },
        SAME_DAY,
    ));
    let mut tax_parts = v2_card();
    tax_parts.amount.tax_free = won(5_000);
    cases.push(message_case(
        "tax-free part and VAT larger than the amount",
        tax_parts,
        RefundRequest {
            amount: Some(won(3_000)),
            tax_free_amount: Some(won(2_000)),
            vat_amount: Some(won(1_500)),
            ..with_reason()
        },
        SAME_DAY,
    ));

    let mut restricted = v2_card();
    restricted.escrow = true;
    restricted.card = Some(Card {
        card_type: Some(CardType::Gift),
        foreign: true,
        point_used: true,
    });
    cases.push(message_case(
        "a partial refund of a foreign gift card paid with points, in escrow",
        restricted,
        partial_of(3_000),
        SAME_DAY,
    ));
    cases.push(message_case(
        "a partial refund of a mobile payment at a PG that re-approves none",
        at_pg(paid(PortoneV2, Method::Mobile), "kcp_v2"),
        partial_of(3_000),
        SAME_DAY,
    ));
    cases.push(message_case(
        "a partial refund of a Bootpay card payment without a PG",
        paid(Bootpay, Method::Card),
        partial_of(3_000),
        SAME_DAY,
    ));
    let mut flagged = paid(TossPayments, Method::Card);
    flagged.partial_cancelable = Some(false);
    cases.push(message_case(
        "a partial refund Toss marked impossible",
        flagged,
        partial_of(3_000),
        SAME_DAY,
    ));
    let mut nine = at_pg(v2_card(), "ksnet");
    for i in 0..9 {
        nine.cancellations.push(Cancellation {
            id: Some(format!("c-{i}")),
            amount: won(100),
            status: CancellationStatus::Succeeded,
            cancel_id: None,
        });
    }
    nine.amount.cancelled = won(900);
    nine.status = PaymentStatus::PartiallyCancelled;
    cases.push(message_case(
        "a tenth partial refund at KSNET",
        nine,
        partial_of(1_000),
        SAME_DAY,
    ));

    cases.push(message_case(
        "a card refund a year and a day later",
        v2_card(),
        with_reason(),
        "2026-03-03T00:00:00+09:00",
    ));
    let late_mobile = || {
        Payment::paid(
            PortoneV2,
            Method::Mobile,
            won(TOTAL),
            at("2026-01-31T23:30:00+09:00"),
        )
    };
    cases.push(message_case(
        "a mobile payment refunded the next month",
        late_mobile(),
        with_reason(),
        "2026-02-01T00:10:00+09:00",
    ));
    cases.push(message_case(
        "a mobile payment at KCP V2 refunded the next month, no contract, no account",
        at_pg(late_mobile(), "kcp_v2"),
        with_reason(),
        "2026-02-01T00:10:00+09:00",
    ));
    cases.push(MessageCase {
        title: "a mobile payment at KCP V2 refunded the next month with the contract and an account without holder",
        payment: at_pg(late_mobile(), "kcp_v2"),
        request: to_account(RefundAccount {
            holder_name: None,
            ..valid_account()
        }),
        merchant: MerchantProfile::with_contracts(["mobile_next_month_refund"]),
        now: "2026-02-01T00:10:00+09:00",
    });
    for (method, title) in [
        (Method::Card, "a card payment without its payment time"),
        (Method::Mobile, "a mobile payment without its payment time"),
    ] {
        let mut unknown = paid(PortoneV2, method);
        unknown.paid_at = None;
        cases.push(message_case(title, unknown, with_reason(), SAME_DAY));
    }
    cases.push(MessageCase {
        title: "a virtual account at KSNET refunded at 23:30",
        payment: at_pg(paid(PortoneV2, Method::VirtualAccount), "ksnet"),
        request: to_account(valid_account()),
        merchant: MerchantProfile::with_contracts(["virtual_account_refund"]),
        now: "2025-03-05T23:30:00+09:00",
    });
    cases.push(MessageCase {
        title: "a virtual account without a refund account",
        payment: paid(PortoneV2, Method::VirtualAccount),
        request: with_reason(),
        merchant: MerchantProfile::with_contracts(["virtual_account_refund"]),
        now: SAME_DAY,
    });
    cases.push(MessageCase {
        title: "a virtual account at Smartro with an incomplete account",
        payment: at_pg(paid(PortoneV2, Method::VirtualAccount), "smartro_v2"),
        request: to_account(RefundAccount {
            bank: None,
            number: Some("  ".to_owned()),
            holder_name: None,
            holder_phone: None,
        }),
        merchant: MerchantProfile::with_contracts(["virtual_account_refund"]),
        now: SAME_DAY,
    });
    cases.push(message_case(
        "a Toss virtual account with a dashed, long number and a long holder name",
        paid(TossPayments, Method::VirtualAccount),
        to_account(RefundAccount {
            number: Some("562-111-0594840012345".to_owned()),
            holder_name: Some("홍".repeat(61)),
            ..valid_account()
        }),
        SAME_DAY,
    ));
    cases.push(MessageCase {
        title: "a PortOne V1 virtual account at Kiwoom Pay, to a bank its table lacks",
        payment: at_pg(paid(PortoneV1, Method::VirtualAccount), "daou"),
        request: to_account(RefundAccount {
            bank: Some(Bank::Toss),
            ..valid_account()
        }),
        merchant: MerchantProfile::with_contracts(["virtual_account_refund"]),
        now: SAME_DAY,
    });
    cases.push(message_case(
        "a virtual account without the merchant's contract",
        paid(PortoneV2, Method::VirtualAccount),
        to_account(valid_account()),
        SAME_DAY,
    ));
    cases.push(message_case(
        "a partial refund at Welcome without its partial refund service",
        at_pg(v2_card(), "welcome"),
        partial_of(3_000),
        SAME_DAY,
    ));
    cases.push(MessageCase {
        title: "a virtual account at Danal",
        payment: at_pg(paid(PortoneV2, Method::VirtualAccount), "danal"),
        request: to_account(valid_account()),
        merchant: MerchantProfile::with_contracts(["virtual_account_refund"]),
        now: SAME_DAY,
    });
    cases.push(MessageCase {
        title: "a Bootpay virtual account at KCP outside escrow",
        payment: at_pg(paid(Bootpay, Method::VirtualAccount), "kcp"),
        request: to_account(valid_account()),
        merchant: MerchantProfile::with_contracts(["virtual_account_refund"]),
        now: SAME_DAY,
    });
    cases.push(message_case(
        "a PortOne V2 refund without a reason",
        v2_card(),
        RefundRequest::default(),
        SAME_DAY,
    ));
    cases.push(message_case(
        "a Toss refund with a long reason and a long cancel id",
        paid(TossPayments, Method::Card),
        RefundRequest {
            reason: Some("가".repeat(201)),
            cancel_id: Some("k".repeat(301)),
            ..RefundRequest::default()
        },
        SAME_DAY,
    ));
    cases.push(message_case(
        "a PortOne V1 NaverPay refund without a requester",
        easy(paid(PortoneV1, Method::Card), "naverpay", None),
        with_reason(),
        SAME_DAY,
    ));
    let mut reused = v2_card();
    reused
        .cancellations
        .push(cancellation("key-1", CancellationStatus::Succeeded));
    reused.amount.cancelled = won(1_000);
    reused.status = PaymentStatus::PartiallyCancelled;
    cases.push(message_case(
        "a cancel id already used",
        reused,
        RefundRequest {
            amount: Some(won(1_000)),
            cancel_id: Some("key-1".to_owned()),
            ..with_reason()
        },
        SAME_DAY,
    ));
    // A Korean id ending in a vowel takes 는, where `key-1` (일) takes 은.
    let mut reused_korean = v2_card();
    reused_korean
        .cancellations
        .push(cancellation("주문취소", CancellationStatus::Succeeded));
    reused_korean.amount.cancelled = won(1_000);
    reused_korean.status = PaymentStatus::PartiallyCancelled;
    cases.push(message_case(
        "a cancel id in Korean already used",
        reused_korean,
        RefundRequest {
            amount: Some(won(1_000)),
            cancel_id: Some("주문취소".to_owned()),
            ..with_reason()
        },
        SAME_DAY,
    ));
    let mut pending = v2_card();
    pending
        .cancellations
        .push(cancellation("key-1", CancellationStatus::Requested));
    cases.push(message_case(
        "a cancellation still pending",
        pending,
        partial_of(1_000),
        SAME_DAY,
    ));
    cases.push(message_case(
        "a method without a policy",
        paid(PortoneV2, Method::Crypto),
        with_reason(),
        SAME_DAY,
    ));
    cases.push(MessageCase {
        title: "a virtual account refunded with its fee and delay",
        payment: paid(PortoneV2, Method::VirtualAccount),
        request: to_account(valid_account()),
        merchant: MerchantProfile::with_contracts(["virtual_account_refund"]),
        now: SAME_DAY,
    });
    cases.push(MessageCase {
        title: "a virtual account at Kiwoom Pay, refunded by hand",
        payment: at_pg(paid(PortoneV1, Method::VirtualAccount), "daou"),
        request: to_account(valid_account()),
        merchant: MerchantProfile::with_contracts(["virtual_account_refund"]),
        now: SAME_DAY,
    });
    let mut partly_tax_free = at_pg(v2_card(), "kcp_v2");
    partly_tax_free.amount.tax_free = won(8_000);
    cases.push(message_case(
        "a partial cancel whose taxable part exceeds the taxable balance",
        partly_tax_free,
        partial_of(3_000),
        SAME_DAY,
    ));
    cases.push(MessageCase {
        title: "a refund above what the PG still owes the merchant",
        payment: at_pg(v2_card(), "kcp_v2"),
        request: with_reason(),
        merchant: refund_policy::input::merchant("unsettled_sales: 9999").expect("a merchant"),
        now: SAME_DAY,
    });
    cases.push(message_case(
        "a PG and an easy-pay service the policy does not list",
        at_pg(easy(v2_card(), "kakopay", None), "ksent"),
        with_reason(),
        SAME_DAY,
    ));
    cases.push(message_case(
        "a transfer at KSNET, whose cash receipt stays",
        at_pg(paid(PortoneV2, Method::Transfer), "ksnet"),
        with_reason(),
        SAME_DAY,
    ));
    cases.push(message_case(
        "a PayPal refund",
        easy(v2_card(), "paypal", None),
        with_reason(),
        SAME_DAY,
    ));
    cases.push(message_case(
        "a KakaoPay refund of unknown funding",
        easy(v2_card(), "kakaopay", None),
        with_reason(),
        SAME_DAY,
    ));
    cases.push(message_case(
        "a PAYCO point refund at Bootpay, 91 days later",
        easy(paid(Bootpay, Method::Card), "payco", Some(Funding::Point)),
        with_reason(),
        "2025-06-01T10:00:00+09:00",
    ));
    cases
}

fn one_line<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("serializable")
}

/// A language is written with the name it is read from (`ko`, `en`), which the labels of the
/// messages below use and a caller may store or pass on.
#[test]
fn a_language_is_written_as_the_name_it_is_read_from() {
    for (lang, name) in [(Lang::Ko, "ko"), (Lang::En, "en")] {
        assert_eq!(lang.to_string(), name);
        assert_eq!(name.parse::<Lang>(), Ok(lang));
    }
}

#[test]
fn messages_of_every_reason_and_note() {
    let engine = engine();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "The Korean and English message of every reason and note code, from real decisions of \
         the built-in policies. Each case gives its inputs, then each reason and note with the \
         rule it came from and the provider's error."
    );
    let mut reasons_seen = BTreeSet::new();
    let mut notes_seen = BTreeSet::new();
    for case in message_cases() {
        let decision = engine.decide(&case.payment, &case.request, &case.merchant, at(case.now));
        let currency = case.payment.currency;
        let _ = writeln!(out);
        let _ = writeln!(out, "## {}", case.title);
        let _ = writeln!(out, "payment  {}", one_line(&case.payment));
        let _ = writeln!(out, "request  {}", one_line(&case.request));
        if case.merchant != MerchantProfile::default() {
            let _ = writeln!(out, "merchant {}", one_line(&case.merchant));
        }
        let _ = writeln!(out, "now      {}", case.now);
        let _ = writeln!(out, "verdict  {}", decision.verdict());
        for reason in decision.reasons() {
            reasons_seen.insert(reason.code());
            let error = reason
                .provider_error()
                .map_or_else(|| "no provider error".to_owned(), ToString::to_string);
            let _ = writeln!(out, "- {} ({}; {error})", reason.code(), reason.rule());
            let _ = writeln!(
                out,
                "    ko: {}",
                reason_message(reason, currency, Lang::Ko)
            );
            let _ = writeln!(
                out,
                "    en: {}",
                reason_message(reason, currency, Lang::En)
            );
        }
        for note in decision.notes() {
            notes_seen.insert(note.code());
            let _ = writeln!(out, "- note {} ({})", note.code(), note.rule());
            let _ = writeln!(out, "    ko: {}", note_message(note, Lang::Ko));
            let _ = writeln!(out, "    en: {}", note_message(note, Lang::En));
        }
    }
    let missing_reasons: Vec<&ReasonCode> = ReasonCode::ALL
        .iter()
        .filter(|c| !reasons_seen.contains(*c))
        .collect();
    let missing_notes: Vec<&NoteCode> = NoteCode::ALL
        .iter()
        .filter(|c| !notes_seen.contains(*c))
        .collect();
    assert!(
        missing_reasons.is_empty() && missing_notes.is_empty(),
        "no case gives {missing_reasons:?} {missing_notes:?}"
    );
    insta::assert_snapshot!("messages", out);
}

// ---------------------------------------------------------------------------------------------
// 3. Loader problems
// ---------------------------------------------------------------------------------------------

/// Broken policy files, embedded so the test reads no file at run time. Each set is loaded on
/// its own; `set-a` and `set-b` are loaded together.
const BROKEN: &[&[(&str, &str)]] = &[
    &[(
        "tests/broken-policies/fields.yaml",
        include_str!("broken-policies/fields.yaml"),
    )],
    &[(
        "tests/broken-policies/references.yaml",
        include_str!("broken-policies/references.yaml"),
    )],
    &[(
        "tests/broken-policies/spans-and-fees.yaml",
        include_str!("broken-policies/spans-and-fees.yaml"),
    )],
    &[(
        "tests/broken-policies/provider-errors.yaml",
        include_str!("broken-policies/provider-errors.yaml"),
    )],
    &[
        (
            "tests/broken-policies/set-a.yaml",
            include_str!("broken-policies/set-a.yaml"),
        ),
        (
            "tests/broken-policies/set-b.yaml",
            include_str!("broken-policies/set-b.yaml"),
        ),
    ],
    &[(
        "tests/broken-policies/syntax-error.yaml",
        include_str!("broken-policies/syntax-error.yaml"),
    )],
    &[(
        "tests/broken-policies/alias-bomb.yaml",
        include_str!("broken-policies/alias-bomb.yaml"),
    )],
    &[(
        "tests/broken-policies/deep-nesting.yaml",
        include_str!("broken-policies/deep-nesting.yaml"),
    )],
];

/// Every problem as `FILE:LINE:COLUMN: message (hint)`, with the line it points at.
fn problems_of(set: &[(&str, &str)]) -> String {
    let sources: Vec<PolicySource<'_>> = set
        .iter()
        .map(|(name, text)| PolicySource::new(name, text))
        .collect();
    let error = match PolicySet::load(&sources) {
        Ok(_) => panic!(
            "{set:?} should not load",
            set = set.iter().map(|s| s.0).collect::<Vec<_>>()
        ),
        Err(error) => error,
    };
    let mut out = String::new();
    for problem in error.problems() {
        let _ = writeln!(out, "{problem}");
        let text = set
            .iter()
            .find(|(name, _)| *name == problem.file)
            .map_or("", |(_, text)| *text);
        let line = usize::try_from(problem.location.line).expect("a line number");
        if let Some(source) = line.checked_sub(1).and_then(|i| text.lines().nth(i)) {
            let shown: String = source.chars().take(100).collect();
            let ellipsis = if source.chars().count() > 100 {
                "…"
            } else {
                ""
            };
            let _ = writeln!(out, "    {line:>3} | {shown}{ellipsis}");
        }
    }
    out
}

#[test]
fn problems_of_broken_policy_files() {
    let mut out = String::from(
        "What the loader reports for the broken policy files in tests/broken-policies/, each set \
         loaded alone: every problem as FILE:LINE:COLUMN: message (hint), and the line it points \
         at.\n",
    );
    for set in BROKEN {
        let names: Vec<&str> = set.iter().map(|(name, _)| *name).collect();
        let _ = writeln!(out, "\n## {}", names.join(" + "));
        out.push_str(&problems_of(set));
    }
    insta::assert_snapshot!("loader_problems", out);
}

// ---------------------------------------------------------------------------------------------
// 4. The effective rules
// ---------------------------------------------------------------------------------------------

/// What `policies show` tells a reviewer, for one policy: every rule once, with what it says,
/// its source and whether its numbers are unverified; then, for each method, easy-pay service
/// and group of PGs, the rules that apply there, by the last part of their id.
fn effective_rules(provider: Provider) -> String {
    let rules = engine().policies().effective_rules(provider);
    let mut said = BTreeMap::new();
    let mut out = String::from("Scopes (method, easy-pay service, PGs: rules in order):\n");
    for scope in &rules {
        let service = scope.service.as_deref().unwrap_or("-");
        let pgs = if scope.pgs.is_empty() {
            "every other PG".to_owned()
        } else {
            scope.pgs.join(", ")
        };
        let names: Vec<&str> = scope
            .rules
            .iter()
            .map(|line| {
                let id = line.rule.as_str();
                said.insert(id.to_owned(), line);
                id.rsplit(" › ").next().unwrap_or(id)
            })
            .collect();
        let _ = writeln!(
            out,
            "  {} / {service} / {pgs}: {}",
            scope.method,
            names.join(", ")
        );
    }
    out.push_str("\nRules (id: what it says [source]):\n");
    for (id, line) in &said {
        let unverified = if line.unverified.is_some() {
            " UNVERIFIED"
        } else {
            ""
        };
        let _ = writeln!(out, "  {id}: {} [{}]{unverified}", line.says, line.source);
    }
    out
}

#[test]
fn effective_rules_portone_v2() {
    insta::assert_snapshot!("rules_portone_v2", effective_rules(Provider::PortoneV2));
}

#[test]
fn effective_rules_portone_v1() {
    insta::assert_snapshot!("rules_portone_v1", effective_rules(Provider::PortoneV1));
}

#[test]
fn effective_rules_bootpay() {
    insta::assert_snapshot!("rules_bootpay", effective_rules(Provider::Bootpay));
}

#[test]
fn effective_rules_toss_payments() {
    insta::assert_snapshot!(
        "rules_toss_payments",
        effective_rules(Provider::TossPayments)
    );
}
