//! Builders shared by the integration tests: payments and requests written the way the
//! contract writes them, so a test reads like the rule it pins.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the support module"
)]

use refund_policy::model::{
    Bank, Cancellation, CancellationStatus, EasyPay, Funding, MerchantProfile, Method, Payment,
    Provider, RefundAccount, RefundRequest, parse_instant,
};
use refund_policy::{Decision, Engine};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

pub fn at(text: &str) -> chrono::DateTime<chrono::Utc> {
    parse_instant(text).expect("a valid instant in the test")
}

pub fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a valid date in the test")
}

pub fn won(amount: i64) -> Decimal {
    Decimal::from(amount)
}

pub fn engine() -> &'static Engine {
    Engine::builtin().expect("the built-in policies load")
}

pub fn payment(provider: Provider, method: Method, total: i64, paid_at: &str) -> Payment {
    Payment::paid(provider, method, won(total), at(paid_at))
}

pub fn v2(method: Method, paid_at: &str) -> Payment {
    payment(Provider::PortoneV2, method, 10_000, paid_at)
}

pub fn easy_pay(mut payment: Payment, service: &str, funding: Option<Funding>) -> Payment {
    payment.method = Method::EasyPay;
    payment.easy_pay = Some(EasyPay {
        provider: service.to_owned(),
        funding,
    });
    payment
}

pub fn with_pg(mut payment: Payment, pg: &str) -> Payment {
    payment.pg = Some(pg.to_owned());
    payment
}

pub fn with_cancellations(mut payment: Payment, count: usize, each: i64) -> Payment {
    for i in 0..count {
        payment.cancellations.push(Cancellation {
            id: Some(format!("c-{i}")),
            amount: won(each),
            status: CancellationStatus::Succeeded,
            cancel_id: None,
        });
    }
    let cancelled = won(each * i64::try_from(count).expect("a small count"));
    payment.amount.cancelled = cancelled;
    payment
}

pub fn reason() -> RefundRequest {
    RefundRequest {
        reason: Some("고객 요청".to_owned()),
        ..RefundRequest::default()
    }
}

pub fn partial(amount: i64) -> RefundRequest {
    RefundRequest {
        amount: Some(won(amount)),
        ..reason()
    }
}

pub fn account(bank: Bank) -> RefundAccount {
    RefundAccount {
        bank: Some(bank),
        number: Some("56211105948400".to_owned()),
        holder_name: Some("홍길동".to_owned()),
        holder_phone: None,
    }
}

pub fn to_account(bank: Bank) -> RefundRequest {
    RefundRequest {
        refund_account: Some(account(bank)),
        ..reason()
    }
}

pub fn contracts(ids: &[&str]) -> MerchantProfile {
    MerchantProfile::with_contracts(ids.iter().copied())
}

pub fn decide(payment: &Payment, request: &RefundRequest, now: &str) -> Decision {
    engine().decide(payment, request, &MerchantProfile::default(), at(now))
}

pub fn decide_for(
    payment: &Payment,
    request: &RefundRequest,
    merchant: &MerchantProfile,
    now: &str,
) -> Decision {
    engine().decide(payment, request, merchant, at(now))
}

/// Decides for a merchant with the given contracts.
pub fn decide_with(
    payment: &Payment,
    request: &RefundRequest,
    contract_ids: &[&str],
    now: &str,
) -> Decision {
    engine().decide(payment, request, &contracts(contract_ids), at(now))
}

pub fn codes(decision: &Decision) -> Vec<&'static str> {
    decision.reason_codes().iter().map(|c| c.as_str()).collect()
}

pub fn notes(decision: &Decision) -> Vec<&'static str> {
    decision.note_codes().iter().map(|c| c.as_str()).collect()
}

/// Every example case file under `examples/cases/` (`.yaml`, `.yml`, `.json`), in a stable
/// order.
#[allow(
    clippy::disallowed_methods,
    reason = "tests read the checked-in example cases"
)]
pub fn example_case_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("examples/cases exists")
            .map(|e| e.expect("a readable entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, found);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            ) {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(Path::new("examples/cases"), &mut found);
    found
}
