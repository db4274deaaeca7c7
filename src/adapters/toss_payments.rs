//! Toss Payments (core API 2022-11-16): the `Payment` object (`GET /v1/payments/{paymentKey}`)
//! and the cancel body (`POST /v1/payments/{paymentKey}/cancel`) (reference/bootpay_toss.md
//! B1–B3, B6).
//!
//! Toss keeps `totalAmount` as paid and reports what remains in `balanceAmount`, so the amount
//! cancelled is `totalAmount − balanceAmount`. Its `taxFreeAmount` shrinks with every cancel
//! too: the original tax-free amount is the remaining one plus the tax-free parts of the
//! completed `cancels[]`. The `Idempotency-Key` is an HTTP header, not part of the body, so a
//! request read from a Toss body carries no `cancel_id`.

use super::{bank_for_code, difference, invalid, missing, sum, unknown};
use crate::PolicySet;
use crate::input::{InputError, read};
use crate::model::{
    Cancellation, CancellationStatus, Card, CardType, Currency, EasyPay, Funding, Method, Payment,
    PaymentAmount, PaymentStatus, Provider, RefundAccount, RefundRequest, amount, instant,
};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;

/// The fields of a Toss `Payment` the decision needs; the rest is ignored.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TossPayment {
    status: TossStatus,
    #[serde(default)]
    method: Option<TossMethod>,
    currency: Currency,
    #[serde(with = "amount")]
    total_amount: Decimal,
    #[serde(with = "amount")]
    balance_amount: Decimal,
    #[serde(with = "amount")]
    tax_free_amount: Decimal,
    #[serde(default)]
    is_partial_cancelable: Option<bool>,
    #[serde(default)]
    use_escrow: Option<bool>,
    #[serde(default, with = "instant::option")]
    approved_at: Option<DateTime<Utc>>,
    #[serde(default)]
    cancels: Option<Vec<TossCancel>>,
    #[serde(default)]
    card: Option<TossCard>,
    #[serde(default)]
    easy_pay: Option<TossEasyPay>,
}

#[derive(Deserialize, Clone, Copy)]
enum TossStatus {
    #[serde(rename = "READY")]
    Ready,
    #[serde(rename = "IN_PROGRESS")]
    InProgress,
    #[serde(rename = "WAITING_FOR_DEPOSIT")]
    WaitingForDeposit,
    #[serde(rename = "DONE")]
    Done,
    #[serde(rename = "CANCELED")]
    Canceled,
    #[serde(rename = "PARTIAL_CANCELED")]
    PartialCanceled,
    #[serde(rename = "ABORTED")]
    Aborted,
    #[serde(rename = "EXPIRED")]
    Expired,
}

impl TossStatus {
    fn normalized(self) -> PaymentStatus {
        match self {
            TossStatus::Ready | TossStatus::InProgress => PaymentStatus::Pending,
            TossStatus::WaitingForDeposit => PaymentStatus::VirtualAccountIssued,
            TossStatus::Done => PaymentStatus::Paid,
            TossStatus::Canceled => PaymentStatus::Cancelled,
            TossStatus::PartialCanceled => PaymentStatus::PartiallyCancelled,
            TossStatus::Aborted | TossStatus::Expired => PaymentStatus::Failed,
        }
    }
}

/// `method`: Korean names on the wire.
#[derive(Deserialize, Clone, Copy)]
enum TossMethod {
    #[serde(rename = "카드")]
    Card,
    #[serde(rename = "가상계좌")]
    VirtualAccount,
    #[serde(rename = "간편결제")]
    EasyPay,
    #[serde(rename = "휴대폰")]
    Mobile,
    #[serde(rename = "계좌이체")]
    Transfer,
    #[serde(rename = "문화상품권")]
    CultureGift,
    #[serde(rename = "도서문화상품권")]
    BookGift,
    #[serde(rename = "게임문화상품권")]
    GameGift,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TossCard {
    #[serde(default)]
    card_type: Option<TossCardType>,
    #[serde(default)]
    use_card_point: Option<bool>,
}

#[derive(Deserialize, Clone, Copy)]
enum TossCardType {
    #[serde(rename = "신용")]
    Credit,
    #[serde(rename = "체크")]
    Debit,
    #[serde(rename = "기프트")]
    Gift,
    #[serde(rename = "미확인")]
    Unknown,
}

#[derive(Deserialize)]
struct TossEasyPay {
    #[serde(default)]
    provider: Option<String>,
}

/// One entry of `cancels[]`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TossCancel {
    #[serde(with = "amount")]
    cancel_amount: Decimal,
    #[serde(default, with = "amount::option")]
    tax_free_amount: Option<Decimal>,
    #[serde(default)]
    transaction_key: Option<String>,
    /// Newer payloads only; `DONE` means the cancel went through.
    #[serde(default)]
    cancel_status: Option<String>,
}

/// `easyPay.provider`: Korean display names in responses, the request codes as well.
const EASY_PAY_PROVIDERS: &[(&str, &str)] = &[
    ("토스페이", "tosspay"),
    ("카카오페이", "kakaopay"),
    ("네이버페이", "naverpay"),
    ("페이코", "payco"),
    ("삼성페이", "samsungpay"),
    ("애플페이", "applepay"),
    ("엘페이", "lpay"),
    ("핀페이", "pinpay"),
    ("SSG페이", "ssgpay"),
    ("TOSSPAY", "tosspay"),
    ("KAKAOPAY", "kakaopay"),
    ("NAVERPAY", "naverpay"),
    ("PAYCO", "payco"),
    ("SAMSUNGPAY", "samsungpay"),
    ("APPLEPAY", "applepay"),
    ("LPAY", "lpay"),
    ("PINPAY", "pinpay"),
    ("SSG", "ssgpay"),
];

pub(super) fn payment(text: &str) -> Result<Payment, InputError> {
    let raw: TossPayment = read(text, false)?;
    let Some(toss_method) = raw.method else {
        return Err(missing(
            "method",
            "Toss gives no `method` before one is chosen, and the decision needs it",
        ));
    };
    let card = raw.card.as_ref().and_then(|c| {
        let card_type = match c.card_type {
            None | Some(TossCardType::Unknown) => None,
            Some(TossCardType::Credit) => Some(CardType::Credit),
            Some(TossCardType::Debit) => Some(CardType::Debit),
            Some(TossCardType::Gift) => Some(CardType::Gift),
        };
        let point_used = c.use_card_point.unwrap_or(false);
        (card_type.is_some() || point_used).then_some(Card {
            card_type,
            foreign: false,
            point_used,
        })
    });
    let (method, easy_pay, card) = match toss_method {
        TossMethod::Card => (Method::Card, None, card),
        TossMethod::VirtualAccount => (Method::VirtualAccount, None, None),
        TossMethod::Mobile => (Method::Mobile, None, None),
        TossMethod::Transfer => (Method::Transfer, None, None),
        TossMethod::CultureGift | TossMethod::BookGift | TossMethod::GameGift => {
            (Method::GiftCertificate, None, None)
        }
        TossMethod::EasyPay => {
            let Some(name) = raw
                .easy_pay
                .as_ref()
                .and_then(|e| e.provider.as_deref())
                .map(str::trim)
                .filter(|p| !p.is_empty())
            else {
                return Err(missing(
                    "easyPay.provider",
                    "an easy-pay payment must name its service",
                ));
            };
            let provider = EASY_PAY_PROVIDERS
                .iter()
                .find(|(display, _)| *display == name)
                .map(|(_, id)| (*id).to_owned())
                .ok_or_else(|| {
                    unknown(
                        "easyPay.provider",
                        "Toss easy-pay service",
                        name,
                        &EASY_PAY_PROVIDERS
                            .iter()
                            .map(|(display, _)| *display)
                            .collect::<Vec<_>>(),
                    )
                })?;
            // A card object means the service charged a card; without one the money came from
            // the service's balance or a linked account, which Toss does not tell apart.
            let funding = raw.card.is_some().then_some(Funding::Card);
            (Method::EasyPay, Some(EasyPay { provider, funding }), card)
        }
    };
    let mut cancellations = Vec::new();
    let mut cancelled_tax_free = Vec::new();
    for (i, cancel) in raw.cancels.unwrap_or_default().into_iter().enumerate() {
        let status = match cancel.cancel_status.as_deref().map(str::trim) {
            None | Some("DONE") => CancellationStatus::Succeeded,
            Some(other) => {
                return Err(unknown(
                    &format!("cancels[{i}].cancelStatus"),
                    "Toss cancel status",
                    other,
                    &["DONE"],
                ));
            }
        };
        cancelled_tax_free.push(cancel.tax_free_amount.unwrap_or_default());
        cancellations.push(Cancellation {
            id: cancel.transaction_key,
            amount: cancel.cancel_amount,
            status,
            cancel_id: None,
        });
    }
    let cancelled_tax_free = sum("cancels[].taxFreeAmount", cancelled_tax_free)?;
    Ok(Payment {
        provider: Provider::TossPayments,
        pg: None,
        method,
        easy_pay,
        card,
        status: raw.status.normalized(),
        currency: raw.currency,
        amount: PaymentAmount {
            total: raw.total_amount,
            tax_free: sum("taxFreeAmount", [raw.tax_free_amount, cancelled_tax_free])?,
            vat: None,
            cancelled: difference("balanceAmount", raw.total_amount, raw.balance_amount)?,
            cancelled_tax_free,
        },
        paid_at: raw.approved_at,
        // Toss's payment says `useEscrow` and never whether the purchase was confirmed: read as
        // before confirmation, the stricter state; a caller who knows passes `escrow_status`.
        escrow: raw.use_escrow.unwrap_or(false),
        escrow_status: None,
        gift_certificate: None,
        partial_cancelable: raw.is_partial_cancelable,
        cancellations,
    })
}

/// The cancel body, read strictly.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TossCancelBody {
    #[serde(default)]
    cancel_reason: Option<String>,
    #[serde(default, with = "amount::option")]
    cancel_amount: Option<Decimal>,
    #[serde(default)]
    refund_receive_account: Option<TossRefundAccount>,
    #[serde(default, with = "amount::option")]
    tax_free_amount: Option<Decimal>,
    /// Required for a partial cancel of a PayPal payment (`USD`).
    #[serde(default)]
    currency: Option<Currency>,
    /// Deprecated by Toss in favour of the Idempotency-Key, still accepted.
    #[serde(default, with = "amount::option")]
    refundable_amount: Option<Decimal>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TossRefundAccount {
    #[serde(default)]
    bank: Option<String>,
    #[serde(default)]
    account_number: Option<String>,
    #[serde(default)]
    holder_name: Option<String>,
}

pub(super) fn request(
    text: &str,
    payment: &Payment,
    policies: &PolicySet,
) -> Result<RefundRequest, InputError> {
    let body: TossCancelBody = read(text, true)?;
    if let Some(currency) = body.currency
        && currency != payment.currency
    {
        return Err(invalid(
            "currency",
            format_args!(
                "`{currency}` differs from the payment's currency `{}`",
                payment.currency
            ),
            None,
        ));
    }
    let refund_account = match body.refund_receive_account {
        None => None,
        Some(account) => Some(RefundAccount {
            bank: bank_for_code(
                "refundReceiveAccount.bank",
                account.bank.as_deref(),
                payment,
                policies,
            )?,
            number: account.account_number,
            holder_name: account.holder_name,
            holder_phone: None,
        }),
    };
    Ok(RefundRequest {
        amount: body.cancel_amount,
        tax_free_amount: body.tax_free_amount,
        vat_amount: None,
        reason: body.cancel_reason,
        requester: None,
        current_cancellable_amount: body.refundable_amount,
        refund_account,
        cancel_id: None,
    })
}
