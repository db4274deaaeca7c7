//! Generators for the inputs of a decision, over the whole contract (§1–3): every provider,
//! method, easy-pay service (the ones the policies name and unknown ones), funding, PG (the
//! ids the policies name and unknown ones), card, status, currency, amount (zero, negative,
//! fractional, the balance and one unit over it), tax-free and VAT parts, cancellation
//! histories, `paid_at` present or absent, refund accounts complete, incomplete, with dashes or
//! too long, reasons absent, blank or long, and instants around the boundaries the rules care
//! about (month ends and midnight in Korea, the deadlines' last days).
//!
//! Amount-like values are generated as [`Part`] knobs and resolved against the payment they
//! belong to, so that "the balance", "one over the balance" and "a tenth of the tax-free
//! balance" are hit as often as arbitrary numbers.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use refund_policy::model::{
    Bank, Cancellation, CancellationStatus, Card, CardType, Currency, EasyPay, EscrowStatus,
    Funding, GiftCertificate, GiftCertificateType, MerchantProfile, Method, Payment, PaymentAmount,
    PaymentStatus, Provider, RefundAccount, RefundRequest, Requester,
};
use rust_decimal::Decimal;

/// Easy-pay services: those the built-in policies name, others the providers list, unknown.
pub const SERVICES: &[&str] = &[
    "kakaopay",
    "naverpay",
    "paypal",
    "payco",
    "tosspay",
    "samsungpay",
    "applepay",
    "unknown_pay",
];

/// PG ids: those the built-in policies name (alone or in groups), others the providers list,
/// unknown ones, an upper-case spelling and an empty one.
pub const PGS: &[&str] = &[
    "ksnet",
    "welcome",
    "kcp",
    "kcp_v2",
    "kcp_quick",
    "inicis",
    "html5_inicis",
    "inicis_v2",
    "inicis_unified",
    "smartro",
    "smartro_v2",
    "danal",
    "tosspayments",
    "kpn",
    "naverpay",
    "paypal_v2",
    "daou",
    "nice_v2",
    "nicepay",
    "payletter",
    "kakao",
    "payco",
    "toss",
    "kicc",
    "unknown_pg",
    "KSNET",
    "",
];

/// Contract ids: the ones the built-in policies define and one no policy defines.
pub const CONTRACTS: &[&str] = &[
    "virtual_account_refund",
    "mobile_next_month_refund",
    "partial_refund_service",
    "no_such_contract",
];

/// Merchant idempotency ids shared between histories and requests, so that duplicates happen.
const CANCEL_IDS: &[&str] = &["key-1", "key-2", "key-3"];

/// The inputs of one decision.
#[derive(Debug, Clone)]
pub struct Input {
    pub payment: Payment,
    pub request: RefundRequest,
    pub merchant: MerchantProfile,
    pub now: DateTime<Utc>,
}

/// How much of something: resolved against a whole (the balance, the tax-free balance, the
/// amount being cancelled) by [`Part::of`].
#[derive(Debug, Clone, Copy)]
pub enum Part {
    Absent,
    Zero,
    All,
    AllPlusUnit,
    AllMinusUnit,
    /// `whole × percent / 100`, rounded to the currency's unit.
    Percent(u8),
    /// Minus this many units.
    Negative(u16),
    /// A percentage plus half a unit: more decimals than the currency has.
    TooPrecise(u8),
    /// The whole, written with two more decimals than the currency has (`1000.00` KRW).
    Rescaled,
    /// An amount unrelated to the whole, in units.
    Units(u32),
}

impl Part {
    pub fn of(self, whole: Decimal, currency: Currency) -> Option<Decimal> {
        let exponent = u32::from(currency.minor_unit_exponent().unwrap_or(0));
        let unit = Decimal::new(1, exponent);
        let percent = |p: u8| (whole * Decimal::from(p) / Decimal::from(100)).round_dp(exponent);
        Some(match self {
            Part::Absent => return None,
            Part::Zero => Decimal::ZERO,
            Part::All => whole,
            Part::AllPlusUnit => whole + unit,
            Part::AllMinusUnit => whole - unit,
            Part::Percent(p) => percent(p),
            Part::Negative(n) => -(unit * Decimal::from(n)),
            Part::TooPrecise(p) => percent(p) + unit / Decimal::from(2),
            Part::Rescaled => {
                let mut value = whole;
                value.rescale(exponent + 2);
                value
            }
            Part::Units(n) => unit * Decimal::from(n),
        })
    }
}

/// Any part, biased towards the boundaries.
pub fn part() -> BoxedStrategy<Part> {
    prop_oneof![
        3 => Just(Part::Absent),
        1 => Just(Part::Zero),
        3 => Just(Part::All),
        2 => Just(Part::AllPlusUnit),
        1 => Just(Part::AllMinusUnit),
        4 => (1u8..100).prop_map(Part::Percent),
        1 => (1u16..2000).prop_map(Part::Negative),
        1 => (1u8..100).prop_map(Part::TooPrecise),
        1 => Just(Part::Rescaled),
        1 => (1u32..100_000).prop_map(Part::Units),
    ]
    .boxed()
}

/// A part that is a valid, non-negative amount of at most the whole (or absent).
pub fn modest_part() -> BoxedStrategy<Part> {
    prop_oneof![
        2 => Just(Part::Absent),
        1 => Just(Part::Zero),
        1 => Just(Part::All),
        3 => (1u8..100).prop_map(Part::Percent),
    ]
    .boxed()
}

pub fn provider() -> BoxedStrategy<Provider> {
    select(&Provider::ALL[..]).boxed()
}

/// Any method, the ones the built-in policies cover more often than the others.
pub fn method() -> BoxedStrategy<Method> {
    prop_oneof![
        3 => select(&[Method::Card, Method::VirtualAccount, Method::Mobile, Method::EasyPay][..]),
        1 => select(&Method::ALL[..]),
    ]
    .boxed()
}

fn funding() -> BoxedStrategy<Option<Funding>> {
    prop_oneof![1 => Just(None), 3 => select(&Funding::ALL[..]).prop_map(Some)].boxed()
}

fn easy_pay() -> BoxedStrategy<EasyPay> {
    (select(SERVICES), funding())
        .prop_map(|(service, funding)| EasyPay {
            provider: service.to_owned(),
            funding,
        })
        .boxed()
}

fn card() -> BoxedStrategy<Option<Card>> {
    let card_type = prop_oneof![
        1 => Just(None),
        2 => select(&[CardType::Credit, CardType::Debit, CardType::Gift, CardType::Prepaid][..]).prop_map(Some),
    ];
    let card = (
        card_type,
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(card_type, foreign, point_used)| Card {
            card_type,
            foreign,
            point_used,
        });
    prop_oneof![1 => Just(None), 2 => card.prop_map(Some)].boxed()
}

fn status() -> BoxedStrategy<PaymentStatus> {
    prop_oneof![
        6 => Just(PaymentStatus::Paid),
        3 => Just(PaymentStatus::PartiallyCancelled),
        2 => select(&PaymentStatus::ALL[..]),
    ]
    .boxed()
}

fn currency() -> BoxedStrategy<Currency> {
    prop_oneof![4 => Just(Currency::KRW), 1 => Just(Currency::USD)].boxed()
}

fn pg() -> BoxedStrategy<Option<String>> {
    prop_oneof![1 => Just(None), 5 => select(PGS).prop_map(|pg| Some(pg.to_owned()))].boxed()
}

/// A local date in Korea between 2021 and 2029, biased to the first and last days of months.
fn local_date() -> BoxedStrategy<NaiveDate> {
    let day = prop_oneof![2 => 1u32..=31, 1 => Just(1u32), 2 => 28u32..=31];
    (2021i32..=2029, 1u32..=12, day)
        .prop_map(|(year, month, day)| {
            (0..4)
                .find_map(|back| NaiveDate::from_ymd_opt(year, month, day - back))
                .expect("one of the last four days exists")
        })
        .boxed()
}

/// A second of the local day, biased to the hours around midnight and 06:00 in Korea.
fn local_second() -> BoxedStrategy<u32> {
    prop_oneof![
        2 => 0u32..86_400,
        2 => 82_800u32..86_400,
        1 => 0u32..3_600,
        1 => 18_000u32..25_200,
    ]
    .boxed()
}

/// An instant, as a local date and time in Korea (+09:00).
pub fn instant() -> BoxedStrategy<DateTime<Utc>> {
    (local_date(), local_second())
        .prop_map(|(date, second)| korean(date, second))
        .boxed()
}

/// The instant of `date` at `second` of the day, Korean time.
pub fn korean(date: NaiveDate, second: u32) -> DateTime<Utc> {
    let local =
        date.and_hms_opt(0, 0, 0).expect("midnight exists") + Duration::seconds(second.into());
    chrono::FixedOffset::east_opt(9 * 3600)
        .expect("+09:00")
        .from_local_datetime(&local)
        .single()
        .expect("a fixed offset is never ambiguous")
        .with_timezone(&Utc)
}

/// Days after payment the rules' boundaries fall on: a month, 3 and 6 months, 90 and 180 days,
/// a year, 365 and 1095 days, 5 years.
const BOUNDARY_DAYS: &[i64] = &[
    0, 1, 27, 28, 29, 30, 31, 32, 59, 60, 61, 62, 88, 89, 90, 91, 92, 93, 179, 180, 181, 182, 183,
    184, 364, 365, 366, 367, 1094, 1095, 1096, 1097, 1825, 1826, 1827, 1828,
];

/// How long after payment the refund is asked for; sometimes before the payment.
pub fn elapsed() -> BoxedStrategy<Duration> {
    prop_oneof![
        1 => (-7_200i64..0).prop_map(Duration::seconds),
        1 => Just(Duration::zero()),
        6 => (0i64..172_800).prop_map(Duration::seconds),
        8 => (select(BOUNDARY_DAYS), -86_400i64..86_400)
            .prop_map(|(days, seconds)| Duration::days(days) + Duration::seconds(seconds)),
        4 => (0i64..2_500, 0i64..86_400)
            .prop_map(|(days, seconds)| Duration::days(days) + Duration::seconds(seconds)),
    ]
    .boxed()
}

/// Payment amounts: a total and what was cancelled of it and of its tax-free part.
/// Payment amounts: (total in units, tax-free part, VAT part, cancelled part, cancelled
/// tax-free part, whether the total carries a fraction of a unit). Mostly amounts that fit
/// together; one time in six, anything, contradictions included.
fn amounts() -> BoxedStrategy<(Decimal, Part, Part, Part, Part, bool)> {
    let units = prop_oneof![
        4 => 1i64..1_000,
        8 => 1_000i64..10_000_000,
        1 => 1_000_000_000i64..10_000_000_000_000,
    ];
    let sound = (
        units,
        prop_oneof![4 => Just(Part::Zero), 2 => modest_part()],
        prop_oneof![2 => Just(Part::Absent), 1 => modest_part()],
        prop_oneof![5 => Just(Part::Zero), 3 => modest_part()],
        prop_oneof![5 => Just(Part::Zero), 2 => modest_part()],
        Just(false),
    );
    let wild_units = prop_oneof![
        1 => Just(0i64),
        4 => 1i64..10_000_000,
        1 => -10_000i64..0,
    ];
    let wild = (
        wild_units,
        prop_oneof![2 => Just(Part::Zero), 1 => modest_part(), 2 => part()],
        prop_oneof![2 => Just(Part::Absent), 1 => modest_part(), 1 => Just(Part::Negative(10))],
        prop_oneof![1 => Just(Part::Zero), 1 => modest_part(), 2 => part()],
        prop_oneof![1 => Just(Part::Zero), 1 => modest_part(), 1 => part()],
        prop::bool::weighted(0.2),
    );
    prop_oneof![5 => sound, 1 => wild]
        .prop_map(
            |(units, tax_free, vat, cancelled, cancelled_tax_free, fraction)| {
                (
                    Decimal::from(units),
                    tax_free,
                    vat,
                    cancelled,
                    cancelled_tax_free,
                    fraction,
                )
            },
        )
        .boxed()
}

fn cancellation() -> BoxedStrategy<Cancellation> {
    let status = select(
        &[
            CancellationStatus::Succeeded,
            CancellationStatus::Succeeded,
            CancellationStatus::Succeeded,
            CancellationStatus::Succeeded,
            CancellationStatus::Failed,
            CancellationStatus::Failed,
            CancellationStatus::Requested,
        ][..],
    );
    let cancel_id =
        prop_oneof![2 => Just(None), 1 => select(CANCEL_IDS).prop_map(|id| Some(id.to_owned()))];
    (
        prop::option::weighted(0.8, 0u32..100),
        prop_oneof![20 => 1i64..100_000, 1 => Just(0i64), 1 => -100i64..0],
        status,
        cancel_id,
    )
        .prop_map(|(id, amount, status, cancel_id)| Cancellation {
            id: id.map(|n| format!("c-{n}")),
            amount: Decimal::from(amount),
            status,
            cancel_id,
        })
        .boxed()
}

/// A payment over the whole contract. `paid_at` is `Some` nine times in ten.
pub fn payment() -> BoxedStrategy<Payment> {
    let identity = (
        provider(),
        method(),
        easy_pay(),
        prop::bool::weighted(0.97),
        pg(),
        card(),
    );
    let state = (
        status(),
        currency(),
        amounts(),
        prop::option::weighted(0.9, instant()),
        prop::bool::weighted(0.15),
        prop::option::weighted(0.3, any::<bool>()),
        prop_oneof![
            2 => Just(Vec::new()),
            1 => prop::collection::vec(cancellation(), 1..4),
        ],
    );
    let escrow_and_gift = (
        prop::option::weighted(
            0.1,
            select(
                &[
                    EscrowStatus::BeforeConfirmation,
                    EscrowStatus::Confirmed,
                    EscrowStatus::Rejected,
                ][..],
            ),
        ),
        prop::option::weighted(
            0.1,
            prop::option::of(select(
                &[
                    GiftCertificateType::Booknlife,
                    GiftCertificateType::SmartMunsang,
                    GiftCertificateType::Cultureland,
                ][..],
            )),
        ),
    );
    (identity, state, escrow_and_gift)
        .prop_map(
            |(
                (provider, method, easy_pay, easy_pay_given, pg, card),
                (status, currency, amounts, paid_at, escrow, partial_cancelable, cancellations),
                (escrow_status, gift_type),
            )| {
                let (units, tax_free, vat, cancelled, cancelled_tax_free, fraction) = amounts;
                let exponent = u32::from(currency.minor_unit_exponent().unwrap_or(0));
                let mut total = units * Decimal::new(1, exponent);
                if fraction {
                    total += Decimal::new(5, exponent + 1);
                }
                let tax_free = tax_free.of(total, currency).unwrap_or_default();
                let cancelled = cancelled.of(total, currency).unwrap_or_default();
                let cancelled_tax_free = cancelled_tax_free
                    .of(tax_free, currency)
                    .unwrap_or_default();
                Payment {
                    provider,
                    pg,
                    method,
                    easy_pay: (method == Method::EasyPay && easy_pay_given).then_some(easy_pay),
                    card,
                    status,
                    currency,
                    amount: PaymentAmount {
                        total,
                        tax_free,
                        vat: vat.of(total, currency),
                        cancelled,
                        cancelled_tax_free,
                    },
                    paid_at,
                    escrow,
                    // `escrow: true` is before confirmation: a later state comes alone.
                    escrow_status: escrow_status.filter(|_| !escrow),
                    gift_certificate: gift_type
                        .map(|certificate_type| GiftCertificate { certificate_type }),
                    partial_cancelable,
                    cancellations,
                }
            },
        )
        .boxed()
}

fn text_of(c: char, n: usize) -> String {
    std::iter::repeat_n(c, n).collect()
}

/// Reasons: absent, empty, blank, usual, at and over the providers' limits (200, 256), long.
pub fn reason() -> BoxedStrategy<Option<String>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(String::new())),
        1 => Just(Some(" \t ".to_owned())),
        6 => Just(Some("고객 요청".to_owned())),
        1 => select(&[199usize, 200, 201, 255, 256, 257, 400][..]).prop_map(|n| Some(text_of('가', n))),
        1 => "\\PC{0,300}".prop_map(Some),
    ].boxed()
}

fn account_text(values: &'static [&'static str]) -> BoxedStrategy<Option<String>> {
    prop_oneof![
        1 => Just(None),
        6 => select(values).prop_map(|v| Some(v.to_owned())),
    ]
    .boxed()
}

const NUMBERS: &[&str] = &[
    "56211105948400",
    "56211105948400",
    "562-111-05948400",
    "",
    "   ",
    "1234567890123456",
    "12345678901234567",
    "12345678901234567890",
    "123456789012345678901",
    "1234 5678",
];

const HOLDERS: &[&str] = &[
    "홍길동",
    "홍길동",
    "",
    " ",
    "가나다라마바사아자차카타파하가나",
    "가나다라마바사아자차카타파하가나다",
    "Holder Name That Is Rather Long And Goes On Past Sixty Characters Total",
];

const PHONES: &[&str] = &[
    "01012345678",
    "01012345678",
    "010-1234-5678",
    "",
    "0101234567890123",
    "01012345678901234",
];

/// A refund account: complete, with fields missing or blank, with dashes, too long.
pub fn refund_account() -> BoxedStrategy<RefundAccount> {
    let bank = prop_oneof![
        1 => Just(None),
        3 => select(&[Bank::Shinhan, Bank::Kookmin, Bank::Woori, Bank::Hana][..]).prop_map(Some),
        3 => select(Bank::ALL).prop_map(Some),
    ];
    let phone = prop_oneof![
        2 => Just(None),
        3 => select(PHONES).prop_map(|v| Some(v.to_owned())),
    ];
    (bank, account_text(NUMBERS), account_text(HOLDERS), phone)
        .prop_map(|(bank, number, holder_name, holder_phone)| RefundAccount {
            bank,
            number,
            holder_name,
            holder_phone,
        })
        .boxed()
}

/// The parts of a request that are resolved against the payment it refunds.
#[derive(Debug, Clone)]
pub struct RequestKnobs {
    pub amount: Part,
    pub tax_free: Part,
    pub vat: Part,
    pub cancellable: Part,
    pub rest: RefundRequest,
}

/// Request knobs: mostly a request a careful caller would send, one time in three anything.
pub fn request_knobs() -> BoxedStrategy<RequestKnobs> {
    prop_oneof![2 => careful_request(), 1 => any_request()].boxed()
}

fn knobs(
    (amount, tax_free, vat, cancellable): (Part, Part, Part, Part),
    (reason, requester, refund_account, cancel_id): (
        Option<String>,
        Option<Requester>,
        Option<RefundAccount>,
        Option<String>,
    ),
) -> RequestKnobs {
    RequestKnobs {
        amount,
        tax_free,
        vat,
        cancellable,
        rest: RefundRequest {
            reason,
            requester,
            refund_account,
            cancel_id,
            ..RefundRequest::default()
        },
    }
}

fn requester() -> BoxedStrategy<Option<Requester>> {
    prop::option::weighted(0.5, select(&[Requester::Customer, Requester::Admin][..])).boxed()
}

/// A complete refund account at a bank every built-in table has a code for.
fn good_account() -> BoxedStrategy<RefundAccount> {
    (
        select(&[Bank::Shinhan, Bank::Kookmin, Bank::Woori, Bank::Hana][..]),
        prop::option::of(Just("01012345678".to_owned())),
    )
        .prop_map(|(bank, holder_phone)| RefundAccount {
            bank: Some(bank),
            number: Some("56211105948400".to_owned()),
            holder_name: Some("홍길동".to_owned()),
            holder_phone,
        })
        .boxed()
}

fn careful_request() -> BoxedStrategy<RequestKnobs> {
    let amounts = (
        prop_oneof![2 => Just(Part::Absent), 1 => Just(Part::All), 3 => (1u8..100).prop_map(Part::Percent)],
        prop_oneof![3 => Just(Part::Absent), 1 => (0u8..=100).prop_map(Part::Percent)],
        prop_oneof![3 => Just(Part::Absent), 1 => (0u8..50).prop_map(Part::Percent)],
        prop_oneof![2 => Just(Part::Absent), 1 => Just(Part::All)],
    );
    let fields = (
        prop_oneof![5 => Just(Some("고객 요청".to_owned())), 1 => reason()],
        requester(),
        prop_oneof![3 => good_account().prop_map(Some), 1 => Just(None)],
        prop_oneof![1 => Just(None), 1 => "[a-z0-9-]{1,20}".prop_map(Some)],
    );
    (amounts, fields).prop_map(|(a, f)| knobs(a, f)).boxed()
}

fn any_request() -> BoxedStrategy<RequestKnobs> {
    let cancel_id = prop_oneof![
        3 => Just(None),
        2 => select(CANCEL_IDS).prop_map(|id| Some(id.to_owned())),
        1 => "[a-z0-9-]{1,20}".prop_map(Some),
        1 => select(&[300usize, 301][..]).prop_map(|n| Some(text_of('k', n))),
    ];
    let cancellable = prop_oneof![
        4 => Just(Part::Absent),
        3 => Just(Part::All),
        1 => Just(Part::AllPlusUnit),
        1 => Just(Part::AllMinusUnit),
    ];
    let amounts = (
        part(),
        prop_oneof![3 => Just(Part::Absent), 2 => part()],
        prop_oneof![3 => Just(Part::Absent), 2 => part()],
        cancellable,
    );
    let fields = (
        reason(),
        requester(),
        prop::option::weighted(0.5, refund_account()),
        cancel_id,
    );
    (amounts, fields).prop_map(|(a, f)| knobs(a, f)).boxed()
}

impl RequestKnobs {
    /// The request for `payment`: amounts relative to its balance and tax-free balance.
    pub fn resolve(&self, payment: &Payment) -> RefundRequest {
        let currency = payment.currency;
        let balance = payment.amount.total - payment.amount.cancelled;
        let tax_free_balance = payment.amount.tax_free - payment.amount.cancelled_tax_free;
        let amount = self.amount.of(balance, currency);
        RefundRequest {
            amount,
            tax_free_amount: self.tax_free.of(tax_free_balance, currency),
            vat_amount: self.vat.of(amount.unwrap_or(balance), currency),
            current_cancellable_amount: self.cancellable.of(balance, currency),
            ..self.rest.clone()
        }
    }
}

pub fn merchant() -> BoxedStrategy<MerchantProfile> {
    (
        prop::sample::subsequence(CONTRACTS, 0..=CONTRACTS.len()),
        // Unknown most of the time; else around a payment's amounts, so that both sides of
        // `UNSETTLED_SALES_SHORT` come up.
        prop::option::weighted(0.2, 0i64..20_000),
    )
        .prop_map(|(contracts, unsettled)| MerchantProfile {
            unsettled_sales: unsettled.map(Decimal::from),
            ..MerchantProfile::with_contracts(contracts)
        })
        .boxed()
}

/// The inputs of a decision over the whole contract.
pub fn input() -> BoxedStrategy<Input> {
    (payment(), request_knobs(), merchant(), instant(), elapsed())
        .prop_map(|(payment, knobs, merchant, unpaid_now, elapsed)| {
            let now = payment
                .paid_at
                .map_or(unpaid_now, |paid_at| paid_at + elapsed);
            let request = knobs.resolve(&payment);
            Input {
                payment,
                request,
                merchant,
                now,
            }
        })
        .boxed()
}

/// Inputs for one provider.
pub fn input_for(provider: Provider) -> BoxedStrategy<Input> {
    input()
        .prop_map(move |mut input| {
            input.payment.provider = provider;
            input
        })
        .boxed()
}

/// The balance of a payment, `total − cancelled`.
pub fn balance(payment: &Payment) -> Decimal {
    payment.amount.total - payment.amount.cancelled
}

/// The tax-free balance of a payment, `tax_free − cancelled_tax_free`.
pub fn tax_free_balance(payment: &Payment) -> Decimal {
    payment.amount.tax_free - payment.amount.cancelled_tax_free
}
