//! The fixed cases of the floor: the six the benchmarks time, then enough others to take every
//! rule the floor implements through both of its sides.

#![allow(
    clippy::expect_used,
    reason = "the cases are written by hand; a mistyped instant stops the run"
)]

use chrono::{DateTime, Utc};
use refund_policy::model::{
    Bank, Cancellation, CancellationStatus, Card, CardType, EasyPay, Funding, MerchantProfile,
    Method, Payment, PaymentStatus, Provider, RefundAccount, RefundRequest, parse_instant,
};
use rust_decimal::Decimal;

/// One decision's inputs.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: &'static str,
    pub payment: Payment,
    pub request: RefundRequest,
    pub merchant: MerchantProfile,
    pub now: DateTime<Utc>,
}

/// How many of [`all`]'s cases, from the first, the benchmarks time.
pub const TIMED: usize = 6;

fn at(text: &str) -> DateTime<Utc> {
    parse_instant(text).expect("a valid instant")
}

fn won(amount: i64) -> Decimal {
    Decimal::from(amount)
}

/// Paid on 2026-01-20 at 10:00 in Seoul, 10,000 KRW.
fn paid(method: Method, pg: Option<&str>) -> Payment {
    let mut payment = Payment::paid(
        Provider::PortoneV2,
        method,
        won(10_000),
        at("2026-01-20T10:00:00+09:00"),
    );
    payment.pg = pg.map(str::to_owned);
    payment
}

fn paid_at(mut payment: Payment, instant: &str) -> Payment {
    payment.paid_at = Some(at(instant));
    payment
}

fn card(pg: &str, card: Card) -> Payment {
    let mut payment = paid(Method::Card, Some(pg));
    payment.card = Some(card);
    payment
}

fn credit() -> Card {
    Card {
        card_type: Some(CardType::Credit),
        ..Card::default()
    }
}

fn easy_pay(service: &str, funding: Option<Funding>, pg: Option<&str>) -> Payment {
    let mut payment = paid(Method::EasyPay, pg);
    payment.easy_pay = Some(EasyPay {
        provider: service.to_owned(),
        funding,
    });
    payment
}

fn succeeded(mut payment: Payment, count: usize) -> Payment {
    for i in 0..count {
        payment.cancellations.push(Cancellation {
            id: Some(format!("c-{i}")),
            amount: won(100),
            status: CancellationStatus::Succeeded,
            cancel_id: Some(format!("key-{i}")),
        });
    }
    payment.amount.cancelled = won(100).saturating_mul(won(i64::try_from(count).unwrap_or(0)));
    payment.status = PaymentStatus::PartiallyCancelled;
    payment
}

fn full() -> RefundRequest {
    RefundRequest {
        reason: Some("고객 요청".to_owned()),
        ..RefundRequest::default()
    }
}

fn partial(amount: i64) -> RefundRequest {
    RefundRequest {
        amount: Some(won(amount)),
        ..full()
    }
}

fn without_reason(request: RefundRequest) -> RefundRequest {
    RefundRequest {
        reason: None,
        ..request
    }
}

fn account(phone: Option<&str>) -> RefundAccount {
    RefundAccount {
        bank: Some(Bank::Shinhan),
        number: Some("56211105948400".to_owned()),
        holder_name: Some("홍길동".to_owned()),
        holder_phone: phone.map(str::to_owned),
    }
}

fn to_account(request: RefundRequest, account: RefundAccount) -> RefundRequest {
    RefundRequest {
        refund_account: Some(account),
        ..request
    }
}

fn contracts(ids: &[&str]) -> MerchantProfile {
    MerchantProfile::with_contracts(ids.iter().copied())
}

fn case(
    name: &'static str,
    payment: Payment,
    request: RefundRequest,
    merchant: MerchantProfile,
    now: &str,
) -> Case {
    Case {
        name,
        payment,
        request,
        merchant,
        now: at(now),
    }
}

/// Two weeks after the payment, in the next month.
const LATER: &str = "2026-02-03T10:00:00+09:00";
/// A week after the payment, in its month.
const SAME_MONTH: &str = "2026-01-27T10:00:00+09:00";

/// The six timed cases first (see [`TIMED`]), then the others.
pub fn all() -> Vec<Case> {
    let none = MerchantProfile::default;
    let va_contract = || contracts(&["virtual_account_refund"]);
    let mut gift = card(
        "kcp",
        Card {
            card_type: Some(CardType::Gift),
            ..Card::default()
        },
    );
    gift.paid_at = Some(at("2024-12-01T10:00:00+09:00"));
    let mut cases = vec![
        case(
            "card partial, allowed",
            card("kcp", credit()),
            partial(3_000),
            none(),
            LATER,
        ),
        case(
            "card full, allowed",
            card("kcp", credit()),
            full(),
            none(),
            LATER,
        ),
        case(
            "virtual account, allowed",
            paid(Method::VirtualAccount, Some("kcp_v2")),
            to_account(full(), account(None)),
            va_contract(),
            LATER,
        ),
        case(
            "KakaoPay, unknown funding",
            easy_pay("kakaopay", None, None),
            full(),
            none(),
            LATER,
        ),
        case(
            "mobile, 3 reasons",
            paid(Method::Mobile, Some("kcp_v2")),
            without_reason(partial(3_000)),
            none(),
            LATER,
        ),
        case(
            "card, 3 reasons",
            gift,
            without_reason(partial(3_000)),
            none(),
            LATER,
        ),
    ];
    cases.extend(common_checks());
    cases.extend(deadlines());
    cases.extend(months_and_hours());
    cases.extend(partial_refunds());
    cases.extend(virtual_accounts());
    cases
}

/// The checks every provider's refund goes through: integrity, status, amounts, history.
fn common_checks() -> Vec<Case> {
    let none = MerchantProfile::default;
    let mut over_cancelled = card("kcp", credit());
    over_cancelled.amount.cancelled = won(20_000);
    let mut ready = card("kcp", credit());
    ready.status = PaymentStatus::Ready;
    let mut cancelled = card("kcp", credit());
    cancelled.status = PaymentStatus::Cancelled;
    let mut tax_free = card("kcp", credit());
    tax_free.amount.tax_free = won(1_000);
    let mut pending = succeeded(card("kcp", credit()), 1);
    if let Some(first) = pending.cancellations.first_mut() {
        first.status = CancellationStatus::Requested;
    }
    let fraction = RefundRequest {
        amount: Some(Decimal::new(15, 1)),
        ..full()
    };
    vec![
        case(
            "cancelled more than the total",
            over_cancelled,
            full(),
            none(),
            LATER,
        ),
        case(
            "paid after now",
            card("kcp", credit()),
            full(),
            none(),
            "2026-01-19T10:00:00+09:00",
        ),
        case("not paid", ready, full(), none(), LATER),
        case("already cancelled", cancelled, full(), none(), LATER),
        case(
            "nothing left",
            succeeded(card("kcp", credit()), 100),
            full(),
            none(),
            LATER,
        ),
        case(
            "amount zero",
            card("kcp", credit()),
            partial(0),
            none(),
            LATER,
        ),
        case(
            "amount a fraction of a won",
            card("kcp", credit()),
            fraction,
            none(),
            LATER,
        ),
        case(
            "amount over the balance",
            card("kcp", credit()),
            partial(10_001),
            none(),
            LATER,
        ),
        case(
            "stale cancellable amount",
            card("kcp", credit()),
            RefundRequest {
                current_cancellable_amount: Some(won(9_000)),
                ..full()
            },
            none(),
            LATER,
        ),
        case(
            "tax-free over its balance and the amount",
            tax_free,
            RefundRequest {
                tax_free_amount: Some(won(2_000)),
                vat_amount: Some(won(1_500)),
                ..partial(3_000)
            },
            none(),
            LATER,
        ),
        case(
            "cancel id reused",
            succeeded(card("kcp", credit()), 1),
            RefundRequest {
                cancel_id: Some("key-0".to_owned()),
                ..partial(1_000)
            },
            none(),
            LATER,
        ),
        case(
            "cancellation pending",
            pending,
            partial(1_000),
            none(),
            LATER,
        ),
        case(
            "blank reason",
            card("kcp", credit()),
            RefundRequest {
                reason: Some("  ".to_owned()),
                ..full()
            },
            none(),
            LATER,
        ),
        case(
            "convenience store has no policy",
            paid(Method::ConvenienceStore, None),
            full(),
            none(),
            LATER,
        ),
    ]
}

/// Deadlines by method, PG and easy-pay service, on both sides of their last day.
fn deadlines() -> Vec<Case> {
    let none = MerchantProfile::default;
    let card_on = |pg: &str, paid: &str| paid_at(card(pg, credit()), paid);
    let pay = |service: &str, funding: Option<Funding>, paid: &str| {
        paid_at(easy_pay(service, funding, None), paid)
    };
    let transfer =
        |pg: Option<&str>| paid_at(paid(Method::Transfer, pg), "2025-10-20T10:00:00+09:00");
    vec![
        case(
            "card, last day of the year",
            card_on("kcp", "2025-02-03T10:00:00+09:00"),
            full(),
            none(),
            LATER,
        ),
        case(
            "card, a year and a day",
            card_on("kcp", "2025-02-02T10:00:00+09:00"),
            full(),
            none(),
            LATER,
        ),
        case(
            "card, leap day plus a year",
            card_on("kcp", "2024-02-29T10:00:00+09:00"),
            full(),
            none(),
            "2025-02-28T23:59:00+09:00",
        ),
        case(
            "card, leap day plus a year and a day",
            card_on("kcp", "2024-02-29T10:00:00+09:00"),
            full(),
            none(),
            "2025-03-01T00:00:00+09:00",
        ),
        case(
            "card, passed in Korea but not in UTC",
            card_on("kcp", "2025-01-20T00:30:00+09:00"),
            full(),
            none(),
            "2026-01-20T23:30:00Z",
        ),
        case(
            "card at KSNET, six months and a day",
            card_on("ksnet", "2025-08-02T10:00:00+09:00"),
            full(),
            none(),
            LATER,
        ),
        case(
            "card without a payment time",
            Payment {
                paid_at: None,
                ..card("kcp", credit())
            },
            full(),
            none(),
            LATER,
        ),
        case(
            "transfer, three months",
            transfer(Some("kcp")),
            full(),
            none(),
            LATER,
        ),
        case(
            "transfer at Toss Payments, 180 days",
            transfer(Some("tosspayments")),
            full(),
            none(),
            LATER,
        ),
        case(
            "transfer at KSNET, six months",
            transfer(Some("ksnet")),
            full(),
            none(),
            LATER,
        ),
        case(
            "KakaoPay money, four years",
            pay(
                "kakaopay",
                Some(Funding::Money),
                "2022-02-03T10:00:00+09:00",
            ),
            full(),
            none(),
            LATER,
        ),
        case(
            "KakaoPay card, a year and a day",
            pay("kakaopay", Some(Funding::Card), "2025-02-02T10:00:00+09:00"),
            full(),
            none(),
            LATER,
        ),
        case(
            "KakaoPay, unknown funding, a year and a day",
            pay("kakaopay", None, "2025-02-02T10:00:00+09:00"),
            full(),
            none(),
            LATER,
        ),
        case(
            "KakaoPay at KSNET, six months and a day",
            paid_at(
                easy_pay("kakaopay", Some(Funding::Money), Some("ksnet")),
                "2025-08-02T10:00:00+09:00",
            ),
            full(),
            none(),
            LATER,
        ),
        case(
            "NaverPay, day 1095",
            pay("naverpay", None, "2023-02-04T10:00:00+09:00"),
            full(),
            none(),
            LATER,
        ),
        case(
            "NaverPay, day 1096",
            pay("naverpay", None, "2023-02-03T10:00:00+09:00"),
            full(),
            none(),
            LATER,
        ),
        case(
            "PayPal, 181 days",
            pay("paypal", None, "2025-08-06T10:00:00+09:00"),
            full(),
            none(),
            LATER,
        ),
        case(
            "PAYCO, a year and a day",
            pay("payco", None, "2025-02-02T10:00:00+09:00"),
            full(),
            none(),
            LATER,
        ),
        case(
            "gift certificate years later",
            paid_at(
                paid(Method::GiftCertificate, Some("kcp")),
                "2020-01-20T10:00:00+09:00",
            ),
            full(),
            none(),
            LATER,
        ),
    ]
}

/// Mobile payments' month, and KSNET's closed hours for virtual accounts.
fn months_and_hours() -> Vec<Case> {
    let none = MerchantProfile::default;
    let next_month = || contracts(&["mobile_next_month_refund"]);
    let mobile = |pg: &str| paid(Method::Mobile, Some(pg));
    let ksnet_va = || paid(Method::VirtualAccount, Some("ksnet"));
    let va_contract = || contracts(&["virtual_account_refund"]);
    vec![
        case(
            "mobile, same month",
            mobile("kcp_v2"),
            full(),
            none(),
            SAME_MONTH,
        ),
        case(
            "mobile, next month in Korea, same month in UTC",
            paid_at(mobile("kcp_v2"), "2026-01-31T23:30:00+09:00"),
            full(),
            none(),
            "2026-02-01T00:10:00+09:00",
        ),
        case(
            "mobile, next month with the contract and an account",
            mobile("kcp_v2"),
            to_account(full(), account(None)),
            next_month(),
            LATER,
        ),
        case(
            "mobile, next month with the contract, no account",
            mobile("kpn"),
            full(),
            next_month(),
            LATER,
        ),
        case(
            "mobile, next month at a PG without it",
            mobile("danal"),
            to_account(full(), account(None)),
            next_month(),
            LATER,
        ),
        case(
            "mobile without a payment time",
            Payment {
                paid_at: None,
                ..mobile("kcp_v2")
            },
            full(),
            none(),
            LATER,
        ),
        case(
            "virtual account at KSNET, 23:00",
            ksnet_va(),
            to_account(full(), account(None)),
            va_contract(),
            "2026-02-03T23:00:00+09:00",
        ),
        case(
            "virtual account at KSNET, 05:59",
            ksnet_va(),
            to_account(full(), account(None)),
            va_contract(),
            "2026-02-04T05:59:00+09:00",
        ),
        case(
            "virtual account at KSNET, 06:00",
            ksnet_va(),
            to_account(full(), account(None)),
            va_contract(),
            "2026-02-04T06:00:00+09:00",
        ),
    ]
}

/// Restrictions on partial refunds, KSNET's count and the partial refund service.
fn partial_refunds() -> Vec<Case> {
    let none = MerchantProfile::default;
    let with_card = |card_type: CardType, foreign: bool, point_used: bool| {
        card(
            "kcp",
            Card {
                card_type: Some(card_type),
                foreign,
                point_used,
            },
        )
    };
    let mut escrow = card("kcp", credit());
    escrow.escrow = true;
    let mut every_restriction = with_card(CardType::Prepaid, true, true);
    every_restriction.escrow = true;
    let service = || contracts(&["partial_refund_service"]);
    vec![
        case(
            "card partial, foreign",
            with_card(CardType::Credit, true, false),
            partial(3_000),
            none(),
            LATER,
        ),
        case(
            "card partial, points",
            with_card(CardType::Debit, false, true),
            partial(3_000),
            none(),
            LATER,
        ),
        case(
            "card partial, prepaid",
            with_card(CardType::Prepaid, false, false),
            partial(3_000),
            none(),
            LATER,
        ),
        case(
            "card full, gift card",
            with_card(CardType::Gift, false, false),
            full(),
            none(),
            LATER,
        ),
        case(
            "card partial, escrow",
            escrow,
            partial(3_000),
            none(),
            LATER,
        ),
        case(
            "card partial, every restriction",
            every_restriction,
            partial(3_000),
            none(),
            LATER,
        ),
        case(
            "mobile partial at KG Inicis",
            paid(Method::Mobile, Some("inicis_v2")),
            partial(3_000),
            none(),
            SAME_MONTH,
        ),
        case(
            "mobile partial without a PG",
            paid(Method::Mobile, None),
            partial(3_000),
            none(),
            SAME_MONTH,
        ),
        case(
            "gift certificate partial at Toss Payments",
            paid(Method::GiftCertificate, Some("tosspayments")),
            partial(3_000),
            none(),
            LATER,
        ),
        case(
            "gift certificate partial elsewhere",
            paid(Method::GiftCertificate, Some("kcp")),
            partial(3_000),
            none(),
            LATER,
        ),
        case(
            "card at KSNET, ninth partial",
            succeeded(card("ksnet", credit()), 8),
            partial(1_000),
            none(),
            LATER,
        ),
        case(
            "card at KSNET, tenth partial",
            succeeded(card("ksnet", credit()), 9),
            partial(1_000),
            none(),
            LATER,
        ),
        case(
            "card at KSNET, the remainder after nine partials",
            succeeded(card("ksnet", credit()), 9),
            full(),
            none(),
            LATER,
        ),
        case(
            "easy pay at KSNET, tenth partial",
            succeeded(easy_pay("naverpay", None, Some("ksnet")), 9),
            partial(1_000),
            none(),
            LATER,
        ),
        case(
            "card at NICE, partial without the service",
            card("nice_v2", credit()),
            partial(3_000),
            none(),
            LATER,
        ),
        case(
            "transfer at Welcome, partial with the service",
            paid(Method::Transfer, Some("welcome")),
            partial(3_000),
            service(),
            LATER,
        ),
        case(
            "card at Welcome, full without the service",
            card("welcome", credit()),
            full(),
            none(),
            LATER,
        ),
    ]
}

/// Virtual accounts: the contract, the refund account, the PGs that differ.
fn virtual_accounts() -> Vec<Case> {
    let none = MerchantProfile::default;
    let va = |pg: &str| paid(Method::VirtualAccount, Some(pg));
    let va_contract = || contracts(&["virtual_account_refund"]);
    let mut no_bank = account(None);
    no_bank.bank = None;
    vec![
        case(
            "virtual account without the contract",
            va("kcp_v2"),
            to_account(full(), account(None)),
            none(),
            LATER,
        ),
        case(
            "virtual account without an account",
            va("kcp_v2"),
            full(),
            va_contract(),
            LATER,
        ),
        case(
            "virtual account without a bank",
            va("kcp_v2"),
            to_account(full(), no_bank),
            va_contract(),
            LATER,
        ),
        case(
            "virtual account at SMARTRO without a phone",
            va("smartro_v2"),
            to_account(full(), account(None)),
            va_contract(),
            LATER,
        ),
        case(
            "virtual account at SMARTRO with a phone",
            va("smartro"),
            to_account(full(), account(Some("01012345678"))),
            va_contract(),
            LATER,
        ),
        case(
            "virtual account at Toss Payments without the contract",
            va("tosspayments"),
            to_account(full(), account(None)),
            none(),
            LATER,
        ),
        case(
            "virtual account at Danal",
            va("danal"),
            full(),
            none(),
            LATER,
        ),
        case(
            "virtual account at NICE, 181 days",
            paid_at(va("nice_v2"), "2025-08-06T10:00:00+09:00"),
            to_account(full(), account(None)),
            va_contract(),
            LATER,
        ),
        case(
            "virtual account partial at NICE with both contracts",
            va("nice_v2"),
            to_account(partial(3_000), account(None)),
            contracts(&["virtual_account_refund", "partial_refund_service"]),
            LATER,
        ),
    ]
}

/// The PortOne V2 example cases (`examples/cases/portone-v2/`), in file order: the varied
/// inputs the batch benchmarks decide.
#[allow(
    clippy::disallowed_methods,
    reason = "the benchmarks read the example case files"
)]
pub fn examples() -> Vec<Case> {
    let mut files: Vec<_> = std::fs::read_dir(std::path::Path::new("examples/cases/portone-v2"))
        .expect("the PortOne V2 example cases")
        .map(|entry| entry.expect("a readable entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| {
            let text = std::fs::read_to_string(file).expect("a readable case file");
            refund_policy::Case::from_text(&text).expect("a valid case file")
        })
        .filter(|case| case.payment.provider == Provider::PortoneV2)
        .map(|case| Case {
            name: "example",
            payment: case.payment,
            request: case.request,
            merchant: case.merchant,
            now: case.now,
        })
        .collect()
}
