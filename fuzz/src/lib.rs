//! The bodies of the fuzz targets, one function per target.
//!
//! The fuzz targets (`fuzz_targets/*.rs`) call these on what libFuzzer generates, and the
//! crate's regression test (`tests/regressions.rs`) calls the same functions on every input
//! kept in `tests/regressions/<target>/`, so that CI replays every crash or slow input ever
//! found on stable Rust, without the fuzzer. Each function only calls the crate's public API
//! and checks the promises that hold for every input: no panic, and a decision whose verdict
//! agrees with its reasons and whose reports can be written.

use arbitrary::{Arbitrary, Unstructured};
use refund_policy::adapters::{self, Format};
use refund_policy::messages::Lang;
use refund_policy::model::{
    Bank, Cancellation, CancellationStatus, Card, CardType, Currency, EasyPay, Funding, MAX_AMOUNT,
    MerchantProfile, Method, Payment, PaymentStatus, Provider, RefundAccount, RefundRequest,
    Requester,
};
use refund_policy::{Engine, PolicySet, PolicySource, input};
use rust_decimal::Decimal;

/// A target's body: what it does with one input.
pub type Target = fn(&[u8]);

/// Every target, by the name of its directory of regression inputs and corpus.
pub const TARGETS: &[(&str, Target)] = &[
    ("policy_load", policy_load),
    ("input_payment", input_payment),
    ("input_request", input_request),
    ("input_merchant", input_merchant),
    ("adapter_payment", adapter_payment),
    ("adapter_request", adapter_request),
    ("decide", decide),
    ("options", options),
];

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// A policy file, loaded on its own.
pub fn policy_load(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let _ = PolicySet::load(&[PolicySource::new("fuzz.yaml", text)]);
}

/// A normalized payment.
pub fn input_payment(data: &[u8]) {
    if let Some(text) = text(data) {
        let _ = input::payment(text);
    }
}

/// A normalized refund request.
pub fn input_request(data: &[u8]) {
    if let Some(text) = text(data) {
        let _ = input::request(text);
    }
}

/// A merchant profile, checked against the built-in policies.
pub fn input_merchant(data: &[u8]) {
    let Some(text) = text(data) else { return };
    if let (Ok(merchant), Ok(engine)) = (input::merchant(text), Engine::builtin()) {
        let _ = engine.check_merchant(&merchant);
    }
}

/// The first byte picks the format; the rest is a provider's payment object.
pub fn adapter_payment(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let format = pick(&Format::ALL, first);
    if let Some(text) = text(rest) {
        let _ = adapters::payment(format, text);
    }
}

/// The first byte picks the format; the rest is a cancel body, read against a paid card payment
/// of that format's provider (for `normalized`, of the provider the byte's upper bits pick) and
/// the built-in policies.
pub fn adapter_request(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let (Some(text), Ok(engine)) = (text(rest), Engine::builtin()) else {
        return;
    };
    let format = pick(&Format::ALL, first);
    let provider = format
        .provider()
        .unwrap_or_else(|| pick(&Provider::ALL, first / 8));
    let payment = Payment::paid(provider, Method::Card, Decimal::from(10_000), epoch(0));
    let _ = adapters::request(format, text, &payment, engine.policies());
}

/// A decision on a generated payment, request, merchant and moment, with both reports.
pub fn decide(data: &[u8]) {
    let Ok(generated) = Generated::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let Ok(engine) = Engine::builtin() else {
        return;
    };
    let Some((payment, request)) = generated.model() else {
        return;
    };
    let merchant = generated.merchant();
    let now = epoch(generated.now);
    let decision = engine.decide(&payment, &request, &merchant, now);
    assert_eq!(decision.is_allowed(), decision.reasons().is_empty());
    for lang in [Lang::Ko, Lang::En] {
        let report = decision.report(lang);
        assert!(serde_json::to_string(&report).is_ok());
    }
}

/// Refund options on a generated payment, merchant and moment, with both reports: `refundable`
/// exactly when nothing blocks, never more than the balance, and a report that can be written.
pub fn options(data: &[u8]) {
    let Ok(generated) = Generated::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let Ok(engine) = Engine::builtin() else {
        return;
    };
    let Some((payment, _)) = generated.model() else {
        return;
    };
    let merchant = generated.merchant();
    let options = engine.options(&payment, &merchant, epoch(generated.now));
    assert_eq!(options.refundable(), options.blocking.is_empty());
    assert!(options.max_amount <= options.balance.max(Decimal::ZERO));
    for lang in [Lang::Ko, Lang::En] {
        assert!(serde_json::to_string(&options.report(lang)).is_ok());
    }
}

/// The item at `index`, wrapping around; every list given is a non-empty constant.
fn pick<T: Copy>(list: &[T], index: u8) -> T {
    list[usize::from(index) % list.len()]
}

/// An instant around 2026, `seconds` from its start, clamped to a decade either side.
fn epoch(seconds: i32) -> chrono::DateTime<chrono::Utc> {
    let start = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default();
    start
        .checked_add_signed(chrono::TimeDelta::seconds(i64::from(seconds) * 150))
        .unwrap_or(start)
}

/// An amount from a mantissa and a scale, within what the readers accept.
fn amount((mantissa, scale): (i64, u8)) -> Option<Decimal> {
    let value = Decimal::try_new(mantissa, u32::from(scale % 8)).ok()?;
    (value.abs() <= MAX_AMOUNT).then_some(value)
}

const PGS: &[&str] = &[
    "kcp",
    "kcp_v2",
    "inicis",
    "inicis_v2",
    "ksnet",
    "smartro_v2",
    "nicepay",
    "nice_v2",
    "danal",
    "kicc",
    "tosspayments",
    "kakaopay",
    "naverpay",
    "payco",
    "welcome",
    "settle",
];
const SERVICES: &[&str] = &[
    "kakaopay",
    "naverpay",
    "tosspay",
    "payco",
    "samsungpay",
    "applepay",
    "lpay",
    "ssgpay",
    "paypal",
    "chai",
];

/// What the `decide` target generates: choices among the model's values, so that nearly every
/// input is a payment the engine decides on rather than text the parser refuses.
#[derive(Debug, Arbitrary)]
pub struct Generated {
    provider: u8,
    method: u8,
    status: u8,
    pg: Option<u8>,
    easy_pay: Option<(u8, Option<u8>)>,
    card: Option<(Option<u8>, bool, bool)>,
    usd: bool,
    total: (i64, u8),
    tax_free: (i64, u8),
    vat: Option<(i64, u8)>,
    cancelled: (i64, u8),
    cancelled_tax_free: (i64, u8),
    paid_at: Option<i32>,
    escrow: bool,
    partial_cancelable: Option<bool>,
    cancellations: Vec<((i64, u8), u8, Option<u8>)>,
    request: GeneratedRequest,
    contracts: Vec<u8>,
    now: i32,
}

/// The request part of [`Generated`].
#[derive(Debug, Arbitrary)]
pub struct GeneratedRequest {
    amount: Option<(i64, u8)>,
    tax_free: Option<(i64, u8)>,
    vat: Option<(i64, u8)>,
    reason: Option<String>,
    requester: Option<bool>,
    current_cancellable: Option<(i64, u8)>,
    account: Option<GeneratedAccount>,
    cancel_id: Option<u8>,
}

/// The refund account of a [`GeneratedRequest`].
#[derive(Debug, Clone, Arbitrary)]
pub struct GeneratedAccount {
    bank: Option<u8>,
    number: Option<String>,
    holder_name: Option<String>,
    holder_phone: Option<String>,
}

impl Generated {
    /// The merchant: the built-in contracts the generated choices name.
    fn merchant(&self) -> MerchantProfile {
        MerchantProfile::with_contracts(self.contracts.iter().map(|&i| {
            pick(
                &[
                    "virtual_account_refund",
                    "mobile_next_month_refund",
                    "partial_refund_service",
                ],
                i,
            )
        }))
    }

    /// The payment and request, when every amount is within the readers' range.
    fn model(&self) -> Option<(Payment, RefundRequest)> {
        let method = pick(&Method::ALL, self.method);
        let mut payment = Payment::paid(
            pick(&Provider::ALL, self.provider),
            method,
            amount(self.total)?,
            epoch(self.paid_at.unwrap_or_default()),
        );
        payment.paid_at = self.paid_at.map(epoch);
        payment.status = pick(&PaymentStatus::ALL, self.status);
        payment.pg = self.pg.map(|i| pick(PGS, i).to_owned());
        payment.easy_pay = match (method, self.easy_pay) {
            (Method::EasyPay, Some((service, funding))) => Some(EasyPay {
                provider: pick(SERVICES, service).to_owned(),
                funding: funding.map(|f| pick(&Funding::ALL, f)),
            }),
            _ => None,
        };
        if method == Method::EasyPay && payment.easy_pay.is_none() {
            return None;
        }
        payment.card = self.card.map(|(card_type, foreign, point_used)| Card {
            card_type: card_type.map(|t| {
                pick(
                    &[
                        CardType::Credit,
                        CardType::Debit,
                        CardType::Gift,
                        CardType::Prepaid,
                    ],
                    t,
                )
            }),
            foreign,
            point_used,
        });
        if self.usd {
            payment.currency = Currency::USD;
        }
        payment.amount.tax_free = amount(self.tax_free)?;
        payment.amount.vat = self.vat.map(amount).unwrap_or_default();
        payment.amount.cancelled = amount(self.cancelled)?;
        payment.amount.cancelled_tax_free = amount(self.cancelled_tax_free)?;
        payment.escrow = self.escrow;
        payment.partial_cancelable = self.partial_cancelable;
        for (value, status, id) in &self.cancellations {
            payment.cancellations.push(Cancellation {
                id: None,
                amount: amount(*value)?,
                status: pick(
                    &[
                        CancellationStatus::Requested,
                        CancellationStatus::Succeeded,
                        CancellationStatus::Failed,
                    ],
                    *status,
                ),
                cancel_id: id.map(|i| format!("key-{i}")),
            });
        }
        let r = &self.request;
        let optional = |value: Option<(i64, u8)>| match value {
            Some(v) => amount(v).map(Some),
            None => Some(None),
        };
        let request = RefundRequest {
            amount: optional(r.amount)?,
            tax_free_amount: optional(r.tax_free)?,
            vat_amount: optional(r.vat)?,
            reason: r.reason.clone(),
            requester: r.requester.map(|admin| {
                if admin {
                    Requester::Admin
                } else {
                    Requester::Customer
                }
            }),
            current_cancellable_amount: optional(r.current_cancellable)?,
            refund_account: r.account.clone().map(|a| RefundAccount {
                bank: a.bank.map(|b| pick(Bank::ALL, b)),
                number: a.number,
                holder_name: a.holder_name,
                holder_phone: a.holder_phone,
            }),
            cancel_id: r.cancel_id.map(|i| format!("key-{i}")),
        };
        Some((payment, request))
    }
}
