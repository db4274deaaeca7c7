//! Toss Payments (core API 2022-11-16): the `Payment` object (`GET /v1/payments/{paymentKey}`)
//! and the cancel body (`POST /v1/payments/{paymentKey}/cancel`), from Toss's API reference
//! (<https://docs.tosspayments.com/reference#결제-취소>).
//!
//! Toss keeps `totalAmount` as paid and reports what remains in `balanceAmount`, so the amount
//! cancelled is `totalAmount − balanceAmount`. Its `taxFreeAmount` shrinks with every cancel
//! too: the original tax-free amount is the remaining one plus the tax-free parts of the
//! completed `cancels[]`. The `Idempotency-Key` is an HTTP header, not part of the body, so a
//! request read from a Toss body carries no `cancel_id`.

use super::{Lax, bank_for_code, difference, invalid, missing, sum, unknown};
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
    /// Read only for a card payment or an easy pay (see [`super::Lax`]).
    #[serde(default)]
    card: Option<Lax<TossCard>>,
    /// Read only for an easy pay: an object in current API versions, the service's name in
    /// older ones (1.3 writes `"easyPay": "토스결제"`, even on card payments).
    #[serde(default)]
    easy_pay: Option<Lax<TossEasyPay>>,
}

/// The payment's card or easy pay alone, read strictly where the payment needs it, for the
/// error that says why the lenient read could not.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TossParts {
    #[serde(default)]
    #[allow(dead_code, reason = "read only for its error")]
    card: Option<TossCard>,
    #[serde(default)]
    #[allow(dead_code, reason = "read only for its error")]
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
    /// The issuing card company's code; the overseas companies' codes mean a card issued
    /// abroad. (`acquirerCode` names the Korean company that acquires the slip, so it says
    /// nothing about where the card was issued.)
    #[serde(default)]
    issuer_code: Option<String>,
}

/// Toss's codes of overseas card companies (해외 카드사 코드: Diners, Master, UnionPay, AMEX,
/// JCB, VISA, Discover), `docs.tosspayments.com/codes/org-codes`: a card with one of these
/// issuers was issued abroad.
const FOREIGN_ISSUERS: &[&str] = &["6D", "4M", "3C", "7A", "4J", "4V", "6I"];

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

/// `easyPay`: the object of current API versions, or the bare service name of older ones.
#[derive(Deserialize)]
#[serde(untagged)]
enum TossEasyPay {
    Object {
        #[serde(default)]
        provider: Option<String>,
    },
    Name(String),
}

impl TossEasyPay {
    fn provider(&self) -> Option<&str> {
        match self {
            TossEasyPay::Object { provider } => provider.as_deref(),
            TossEasyPay::Name(name) => Some(name),
        }
    }
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

/// What the card object says: its type, card points, and a card issued abroad.
fn card(c: &TossCard) -> Option<Card> {
    let card_type = match c.card_type {
        None | Some(TossCardType::Unknown) => None,
        Some(TossCardType::Credit) => Some(CardType::Credit),
        Some(TossCardType::Debit) => Some(CardType::Debit),
        Some(TossCardType::Gift) => Some(CardType::Gift),
    };
    let point_used = c.use_card_point.unwrap_or(false);
    let foreign = c
        .issuer_code
        .as_deref()
        .map(str::trim)
        .is_some_and(|code| FOREIGN_ISSUERS.iter().any(|f| f.eq_ignore_ascii_case(code)));
    (card_type.is_some() || point_used || foreign).then_some(Card {
        card_type,
        foreign,
        point_used,
    })
}

pub(super) fn payment(text: &str) -> Result<Payment, InputError> {
    let raw: TossPayment = read(text, false)?;
    let Some(toss_method) = raw.method else {
        return Err(missing(
            "method",
            "Toss gives no `method` before one is chosen, and the decision needs it",
        ));
    };
    let needs_card = matches!(toss_method, TossMethod::Card | TossMethod::EasyPay);
    let needs_easy_pay = matches!(toss_method, TossMethod::EasyPay);
    let card_given = raw.card.is_some();
    let toss_card = raw.card.filter(|_| needs_card).map(Lax::read);
    let easy_pay_part = raw.easy_pay.filter(|_| needs_easy_pay).map(Lax::read);
    if matches!(toss_card, Some(None)) || matches!(easy_pay_part, Some(None)) {
        read::<TossParts>(text, false)?;
    }
    let card = toss_card.flatten().as_ref().and_then(card);
    let (method, easy_pay, card) = match toss_method {
        TossMethod::Card => (Method::Card, None, card),
        TossMethod::VirtualAccount => (Method::VirtualAccount, None, None),
        TossMethod::Mobile => (Method::Mobile, None, None),
        TossMethod::Transfer => (Method::Transfer, None, None),
        TossMethod::CultureGift | TossMethod::BookGift | TossMethod::GameGift => {
            (Method::GiftCertificate, None, None)
        }
        TossMethod::EasyPay => {
            let Some(name) = easy_pay_part
                .flatten()
                .as_ref()
                .and_then(TossEasyPay::provider)
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
            else {
                return Err(missing(
                    "easyPay.provider",
                    "an easy-pay payment must name its service",
                ));
            };
            let provider = EASY_PAY_PROVIDERS
                .iter()
                .find(|(display, _)| display.eq_ignore_ascii_case(&name))
                .map(|(_, id)| (*id).to_owned())
                .ok_or_else(|| {
                    unknown(
                        "easyPay.provider",
                        "Toss easy-pay service",
                        &name,
                        &EASY_PAY_PROVIDERS
                            .iter()
                            .map(|(display, _)| *display)
                            .collect::<Vec<_>>(),
                    )
                })?;
            // A card object means the service charged a card; without one the money came from
            // the service's balance or a linked account, which Toss does not tell apart.
            let funding = card_given.then_some(Funding::Card);
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
    /// The taxable part, in older API versions (`github.com/tosspayments/tosspayments-java-sdk`,
    /// `PaymentCancelBody.taxAmount`); the rules read the tax-free part only.
    #[serde(default, with = "amount::option")]
    #[allow(
        dead_code,
        reason = "accepted so that older bodies read; no rule depends on it"
    )]
    tax_amount: Option<Decimal>,
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
    // An account object whose members are all null is no account.
    let account = body
        .refund_receive_account
        .filter(|a| a.bank.is_some() || a.account_number.is_some() || a.holder_name.is_some());
    let refund_account = match account {
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

/// The ids this adapter's table produces: easy-pay services (Toss is its own PG).
pub(super) fn produced_ids() -> super::ProducedIds {
    let mut services: Vec<&'static str> = EASY_PAY_PROVIDERS.iter().map(|(_, id)| *id).collect();
    services.sort_unstable();
    services.dedup();
    super::ProducedIds {
        pgs: Vec::new(),
        easy_pay_services: services,
    }
}
