//! Bootpay v2: the receipt (`GET /v2/receipt/{receipt_id}`, and the answer of
//! `POST /v2/cancel`) and the cancel body, from Bootpay's cancel page
//! (<https://developers.bootpay.ai/server/cancel>) and the types of Bootpay's server SDKs
//! (<https://github.com/bootpay/backend-go>, `bootpay/types.go`).
//!
//! Amounts are in won (the SDKs write them as floats; the text's digits are read exactly).
//! `pg` is a display name in receipts (`KCP`, `나이스페이먼츠`): it is mapped to Bootpay's own
//! PG id, and a name the adapter does not know is an error rather than a PG that matches no
//! rule. The balance is always `price − cancelled_price`, never derived from the status (a
//! partly cancelled receipt keeps status 1).

use super::{Lax, bank_for_code, invalid, missing, unknown};
use crate::PolicySet;
use crate::input::{InputError, read};
use crate::model::{
    Cancellation, CancellationStatus, Card, CardType, Currency, EasyPay, EscrowStatus, Funding,
    Method, Payment, PaymentAmount, PaymentStatus, Provider, RefundAccount, RefundRequest, amount,
    instant,
};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::IgnoredAny;

/// The fields of a receipt the decision needs; the rest is ignored.
#[derive(Deserialize)]
struct Receipt {
    #[serde(with = "amount")]
    price: Decimal,
    #[serde(default, with = "amount::option")]
    tax_free: Option<Decimal>,
    #[serde(default, with = "amount::option")]
    cancelled_price: Option<Decimal>,
    #[serde(default, with = "amount::option")]
    cancelled_tax_free: Option<Decimal>,
    #[serde(default)]
    pg: Option<String>,
    #[serde(default)]
    method_symbol: Option<String>,
    #[serde(default, with = "instant::option")]
    purchased_at: Option<DateTime<Utc>>,
    status: i64,
    #[serde(default)]
    currency: Option<Currency>,
    /// Read only for a card-funded payment (see [`super::Lax`]).
    #[serde(default)]
    card_data: Option<Lax<CardData>>,
    #[serde(default)]
    escrow_data: Option<EscrowData>,
    /// The older receipt shape reports escrow at the top level.
    #[serde(default)]
    escrow_status: Option<IgnoredAny>,
    #[serde(default)]
    naver_point_data: Option<IgnoredAny>,
    #[serde(default)]
    kakao_money_data: Option<IgnoredAny>,
    /// The Node SDK's spelling of `kakao_money_data`.
    #[serde(default)]
    kakao_moneny_data: Option<IgnoredAny>,
    #[serde(default)]
    payco_point_data: Option<IgnoredAny>,
    #[serde(default)]
    toss_point_data: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct CardData {
    /// `신용`, `체크`, `기프트`.
    #[serde(default)]
    card_type: Option<String>,
    /// Card points used in the payment.
    #[serde(default, with = "amount::option")]
    point: Option<Decimal>,
}

#[derive(Deserialize)]
struct EscrowData {
    /// Set once the buyer confirmed the purchase (구매 확정).
    #[serde(default)]
    receipt_confirmed_at: Option<String>,
}

/// Receipt `pg` display names (and Bootpay's own ids, which some payloads carry) → PG ids.
const PGS: &[(&str, &str)] = &[
    ("KCP", "kcp"),
    ("NHN KCP", "kcp"),
    ("이니시스", "inicis"),
    ("KG이니시스", "inicis"),
    ("KG 이니시스", "inicis"),
    ("나이스페이먼츠", "nicepay"),
    ("나이스페이", "nicepay"),
    ("다날", "danal"),
    ("토스페이먼츠", "tosspayments"),
    ("카카오페이", "kakao"),
    ("페이코", "payco"),
    ("네이버페이", "npay"),
    ("웰컴페이먼츠", "welcome"),
    ("페이레터", "payletter"),
    ("키움페이", "kiwoom"),
    ("KICC", "kicc"),
    ("이지페이", "kicc"),
    ("KG모빌리언스", "mobilians"),
    ("kcp", "kcp"),
    ("inicis", "inicis"),
    ("nicepay", "nicepay"),
    ("danal", "danal"),
    ("kicc", "kicc"),
    ("payletter", "payletter"),
    ("welcome", "welcome"),
    ("kakao", "kakao"),
    ("npay", "npay"),
    ("payco", "payco"),
    ("toss", "toss"),
    ("tosspayments", "tosspayments"),
    ("mobilians", "mobilians"),
    ("kiwoom", "kiwoom"),
];

/// `method_symbol` values that are an easy-pay service → the service's id.
const EASY_PAY_SYMBOLS: &[(&str, &str)] = &[
    ("kakao", "kakaopay"),
    ("kakaopay", "kakaopay"),
    ("npay", "naverpay"),
    ("naverpay", "naverpay"),
    ("payco", "payco"),
    ("tosspay", "tosspay"),
];

/// Every `method_symbol` the adapter reads, for the hint of an unknown one.
const SYMBOLS: &[&str] = &[
    "card",
    "card_rebill",
    "card_rebill_rest",
    "bank",
    "vbank",
    "phone",
    "kakao",
    "kakaopay",
    "npay",
    "naverpay",
    "payco",
    "tosspay",
];

/// The receipt's `card_data` alone, read strictly where the payment is card-funded.
#[derive(Deserialize)]
struct CardDataOnly {
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "read only for the error that says why it does not read"
    )]
    card_data: Option<CardData>,
}

pub(super) fn payment(text: &str) -> Result<Payment, InputError> {
    let raw: Receipt = read(text, false)?;
    let pg = match raw.pg.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        None => None,
        Some(name) => Some(
            PGS.iter()
                .find(|(display, _)| display.eq_ignore_ascii_case(name))
                .map(|(_, id)| (*id).to_owned())
                .ok_or_else(|| {
                    unknown(
                        "pg",
                        "Bootpay PG",
                        name,
                        &PGS.iter().map(|(display, _)| *display).collect::<Vec<_>>(),
                    )
                })?,
        ),
    };
    let Some(symbol) = raw
        .method_symbol
        .as_deref()
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
    else {
        return Err(missing(
            "method_symbol",
            "the decision needs the payment method",
        ));
    };
    let money_data = raw.naver_point_data.is_some()
        || raw.kakao_money_data.is_some()
        || raw.kakao_moneny_data.is_some()
        || raw.payco_point_data.is_some()
        || raw.toss_point_data.is_some();
    let (method, easy_pay) = match symbol.as_str() {
        "card" | "card_rebill" | "card_rebill_rest" => (Method::Card, None),
        "bank" => (Method::Transfer, None),
        "vbank" => (Method::VirtualAccount, None),
        "phone" => (Method::Mobile, None),
        other => match EASY_PAY_SYMBOLS.iter().find(|(s, _)| *s == other) {
            Some((_, service)) => {
                // Funded by card when the receipt carries card data, by the service's money
                // when it carries its money or point data; otherwise unknown.
                let funding = if raw.card_data.is_some() {
                    Some(Funding::Card)
                } else if money_data {
                    Some(Funding::Money)
                } else {
                    None
                };
                (
                    Method::EasyPay,
                    Some(EasyPay {
                        provider: (*service).to_owned(),
                        funding,
                    }),
                )
            }
            None => {
                return Err(unknown(
                    "method_symbol",
                    "Bootpay payment method",
                    other,
                    SYMBOLS,
                ));
            }
        },
    };
    let card_funded = method == Method::Card
        || easy_pay
            .as_ref()
            .is_some_and(|e| e.funding == Some(Funding::Card));
    let card = match raw.card_data.filter(|_| card_funded) {
        None => None,
        Some(Lax::Read(data)) => card(&data)?,
        Some(Lax::Unread(_)) => {
            read::<CardDataOnly>(text, false)?;
            None
        }
    };
    let total = raw.price;
    let cancelled = raw.cancelled_price.unwrap_or_default();
    let mut cancellations = Vec::new();
    let status = match raw.status {
        1 if cancelled > Decimal::ZERO => PaymentStatus::PartiallyCancelled,
        1 => PaymentStatus::Paid,
        20 if cancelled.is_zero() => {
            return Err(invalid(
                "cancelled_price",
                format_args!(
                    "`{cancelled}` on a cancelled receipt (status 20): how much was cancelled is unknown"
                ),
                Some("pass the receipt as `GET /v2/receipt/{receipt_id}` returns it".to_owned()),
            ));
        }
        20 if cancelled < total => PaymentStatus::PartiallyCancelled,
        20 => PaymentStatus::Cancelled,
        5 => PaymentStatus::VirtualAccountIssued,
        0 | 2 | 4 => PaymentStatus::Pending,
        -4..=-2 => PaymentStatus::Failed,
        -30 => {
            // 결제 취소 진행중: a cancel was sent to the PG and is not settled. The receipt does
            // not say how much it asks for; the entry records 0, and only its status counts.
            cancellations.push(Cancellation {
                id: None,
                amount: Decimal::ZERO,
                status: CancellationStatus::Requested,
                cancel_id: None,
            });
            if cancelled > Decimal::ZERO {
                PaymentStatus::PartiallyCancelled
            } else {
                PaymentStatus::Paid
            }
        }
        other => {
            return Err(invalid(
                "status",
                format_args!("unknown Bootpay status `{other}`"),
                Some(
                    "the adapter reads 1, 20, 5, 0, 2, 4, -2, -3, -4 and -30 (cancel in progress)"
                        .to_owned(),
                ),
            ));
        }
    };
    // The escrow object, confirmed once `receipt_confirmed_at` is set; or the older top-level
    // `escrow_status`, whose codes are undocumented, so read as unconfirmed.
    let escrow_state = match &raw.escrow_data {
        Some(data)
            if data
                .receipt_confirmed_at
                .as_deref()
                .is_some_and(|t| !t.trim().is_empty()) =>
        {
            Some(EscrowStatus::Confirmed)
        }
        Some(_) => Some(EscrowStatus::BeforeConfirmation),
        None => raw
            .escrow_status
            .as_ref()
            .map(|_| EscrowStatus::BeforeConfirmation),
    };
    Ok(Payment {
        provider: Provider::Bootpay,
        pg,
        method,
        easy_pay,
        card,
        status,
        currency: raw.currency.unwrap_or_default(),
        amount: PaymentAmount {
            total,
            tax_free: raw.tax_free.unwrap_or_default(),
            vat: None,
            cancelled,
            cancelled_tax_free: raw.cancelled_tax_free.unwrap_or_default(),
        },
        paid_at: raw.purchased_at,
        // Before confirmation is `escrow: true`, the contract's form; later states are named.
        escrow: escrow_state == Some(EscrowStatus::BeforeConfirmation),
        escrow_status: escrow_state.filter(|s| *s != EscrowStatus::BeforeConfirmation),
        gift_certificate: None,
        partial_cancelable: None,
        cancellations,
    })
}

fn card(data: &CardData) -> Result<Option<Card>, InputError> {
    let card_type = match data.card_type.as_deref().map(str::trim) {
        None | Some("" | "미확인") => None,
        Some("신용") => Some(CardType::Credit),
        Some("체크") => Some(CardType::Debit),
        Some("기프트") => Some(CardType::Gift),
        Some(other) => {
            return Err(unknown(
                "card_data.card_type",
                "card type",
                other,
                &["신용", "체크", "기프트", "미확인"],
            ));
        }
    };
    let point_used = data.point.is_some_and(|p| p > Decimal::ZERO);
    if card_type.is_none() && !point_used {
        return Ok(None);
    }
    Ok(Some(Card {
        card_type,
        foreign: false,
        point_used,
    }))
}

/// The `POST /v2/cancel` body, read strictly: the documented fields, and those Bootpay's own
/// server SDKs send besides (`github.com/bootpay/backend-python` `cancel_payment` always sends
/// `metadata` and `items`; `backend-ruby` sends `items` and, on its 2.x branch,
/// `cancel_requester`). Those extras say nothing a rule reads — the merchant's own data, the
/// cancelled items, who asked (a label such as `관리자`) — so they are accepted and ignored. A
/// null member is an absent one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CancelBody {
    #[serde(default)]
    #[allow(dead_code, reason = "identifies the payment; no rule depends on it")]
    receipt_id: Option<String>,
    #[serde(default, with = "amount::option")]
    cancel_price: Option<Decimal>,
    #[serde(default, with = "amount::option")]
    cancel_tax_free: Option<Decimal>,
    #[serde(default)]
    cancel_id: Option<String>,
    #[serde(default)]
    #[allow(dead_code, reason = "the canceller's name; no rule depends on it")]
    cancel_username: Option<String>,
    #[serde(default)]
    cancel_message: Option<String>,
    #[serde(default)]
    refund: Option<Refund>,
    #[serde(default)]
    #[allow(dead_code, reason = "the merchant's own data; no rule depends on it")]
    metadata: Option<IgnoredAny>,
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "the cancelled items; the amount is `cancel_price`"
    )]
    items: Option<IgnoredAny>,
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "a label for who asked; no Bootpay rule depends on it"
    )]
    cancel_requester: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Refund {
    #[serde(default)]
    bank_account: Option<String>,
    #[serde(default)]
    bank_username: Option<String>,
    #[serde(default)]
    bank_code: Option<String>,
}

pub(super) fn request(
    text: &str,
    payment: &Payment,
    policies: &PolicySet,
) -> Result<RefundRequest, InputError> {
    let body: CancelBody = read(text, true)?;
    // The Ruby SDK always sends `refund` with null members: that is no account.
    let refund = body
        .refund
        .filter(|r| r.bank_account.is_some() || r.bank_username.is_some() || r.bank_code.is_some());
    let refund_account = match refund {
        None => None,
        Some(refund) => Some(RefundAccount {
            bank: bank_for_code(
                "refund.bank_code",
                refund.bank_code.as_deref(),
                payment,
                policies,
            )?,
            number: refund.bank_account,
            holder_name: refund.bank_username,
            holder_phone: None,
        }),
    };
    Ok(RefundRequest {
        // `cancel_price: 0` stays 0, which the decision reports as INVALID_AMOUNT (Bootpay's
        // RC_CANCEL_PRICE_NOT_ZERO); only an absent one cancels everything.
        amount: body.cancel_price,
        tax_free_amount: body.cancel_tax_free,
        vat_amount: None,
        reason: body.cancel_message,
        requester: None,
        current_cancellable_amount: None,
        refund_account,
        // The Python SDK sends `cancel_id: ""` when none is given: a blank id is none.
        cancel_id: body.cancel_id.filter(|id| !id.trim().is_empty()),
    })
}

/// The ids this adapter's tables produce: PG ids and easy-pay services.
pub(super) fn produced_ids() -> super::ProducedIds {
    let mut pgs: Vec<&'static str> = PGS.iter().map(|(_, id)| *id).collect();
    pgs.sort_unstable();
    pgs.dedup();
    let mut services: Vec<&'static str> = EASY_PAY_SYMBOLS.iter().map(|(_, id)| *id).collect();
    services.sort_unstable();
    services.dedup();
    super::ProducedIds {
        pgs,
        easy_pay_services: services,
    }
}
