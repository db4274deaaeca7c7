//! How long a decision takes on loaded policies, and how long loading takes.
//!
//! Run with `cargo bench`. Loading is kept out of the decision benches: an engine is built
//! once and shared, as a refund service would do.

#![allow(clippy::expect_used, reason = "a benchmark stops on broken inputs")]

use criterion::{Criterion, criterion_group, criterion_main};
use refund_policy::model::{
    Bank, Card, CardType, EasyPay, MerchantProfile, Method, Payment, Provider, RefundAccount,
    RefundRequest, parse_instant,
};
use refund_policy::{Engine, PolicySet};
use rust_decimal::Decimal;
use std::hint::black_box;

fn payment(method: Method, pg: Option<&str>) -> Payment {
    let paid_at = parse_instant("2026-01-20T10:00:00+09:00").expect("an instant");
    let mut payment = Payment::paid(Provider::PortoneV2, method, Decimal::from(10_000), paid_at);
    payment.pg = pg.map(str::to_owned);
    payment
}

fn decisions(c: &mut Criterion) {
    let engine = Engine::builtin().expect("the built-in policies load");
    let now = parse_instant("2026-02-03T10:00:00+09:00").expect("an instant");
    let merchant =
        MerchantProfile::with_contracts(["virtual_account_refund", "mobile_next_month_refund"]);
    let request = RefundRequest {
        reason: Some("고객 요청".to_owned()),
        ..RefundRequest::default()
    };
    let with_account = RefundRequest {
        refund_account: Some(RefundAccount {
            bank: Some(Bank::Shinhan),
            number: Some("56211105948400".to_owned()),
            holder_name: Some("홍길동".to_owned()),
            holder_phone: None,
        }),
        ..request.clone()
    };
    let mut card = payment(Method::Card, Some("kcp"));
    card.card = Some(Card {
        card_type: Some(CardType::Credit),
        ..Card::default()
    });
    let partial = RefundRequest {
        amount: Some(Decimal::from(3_000)),
        ..request.clone()
    };
    let mut kakaopay = payment(Method::EasyPay, None);
    kakaopay.easy_pay = Some(EasyPay {
        provider: "kakaopay".to_owned(),
        funding: None,
    });
    let virtual_account = payment(Method::VirtualAccount, Some("smartro_v2"));
    let mobile = payment(Method::Mobile, Some("kcp_v2"));

    let mut group = c.benchmark_group("decide");
    group.bench_function("card partial, allowed", |b| {
        b.iter(|| engine.decide(black_box(&card), black_box(&partial), &merchant, now))
    });
    group.bench_function("kakaopay, unknown funding", |b| {
        b.iter(|| engine.decide(black_box(&kakaopay), black_box(&request), &merchant, now))
    });
    group.bench_function("virtual account at smartro, missing phone", |b| {
        b.iter(|| {
            engine.decide(
                black_box(&virtual_account),
                black_box(&with_account),
                &merchant,
                now,
            )
        })
    });
    group.bench_function("mobile next month to an account", |b| {
        b.iter(|| engine.decide(black_box(&mobile), black_box(&with_account), &merchant, now))
    });
    group.finish();
}

fn loading(c: &mut Criterion) {
    let sources: Vec<_> = refund_policy::policy::builtin_sources().collect();
    c.bench_function("load the built-in policies", |b| {
        b.iter(|| PolicySet::load(black_box(&sources)).expect("loads"))
    });
}

criterion_group!(benches, decisions, loading);
criterion_main!(benches);
