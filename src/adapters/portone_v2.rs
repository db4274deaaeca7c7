//! PortOne V2: the `Payment` object (`GET /payments/{paymentId}`) and `CancelPaymentBody`
//! (`POST /payments/{paymentId}/cancel`), from PortOne's V2 API reference
//! (<https://developers.portone.io/api/rest-v2/payment>, `v2.openapi.json`).
//!
//! Amounts are integers in the currency's minor unit: KRW has none, so won stay won; USD cents
//! become dollars. The minor unit is stated by PortOne only for the browser SDK's
//! `PaymentTotalAmount`; that REST amounts use it too — and so that USD is handled right — is
//! **unverified**.

use super::{minor_to_major, missing};
use crate::input::{InputError, read};
use crate::model::{
    Bank, Cancellation, CancellationStatus, Card, CardType, Currency, EasyPay, EscrowStatus,
    Funding, GiftCertificate, GiftCertificateType, Method, Payment, PaymentAmount, PaymentStatus,
    Provider, RefundAccount, RefundRequest, Requester, amount, instant,
};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;

/// The fields of a V2 `Payment` the decision needs; the rest is ignored.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct V2Payment {
    status: V2Status,
    #[serde(default)]
    method: Option<V2Method>,
    #[serde(default)]
    channel: Option<V2Channel>,
    amount: V2Amount,
    currency: Currency,
    #[serde(default, with = "instant::option")]
    paid_at: Option<DateTime<Utc>>,
    #[serde(default)]
    escrow: Option<V2Escrow>,
    #[serde(default)]
    cancellations: Option<Vec<V2Cancellation>>,
}

/// `Payment.status`. The wire value of a pending payment is `PAY_PENDING` (the `Payment`
/// discriminator), while the `PaymentStatus` enum used in filters says `PENDING`: both read.
#[derive(Deserialize, Clone, Copy)]
enum V2Status {
    #[serde(rename = "READY")]
    Ready,
    #[serde(rename = "PAY_PENDING", alias = "PENDING")]
    PayPending,
    #[serde(rename = "VIRTUAL_ACCOUNT_ISSUED")]
    VirtualAccountIssued,
    #[serde(rename = "PAID")]
    Paid,
    #[serde(rename = "PARTIAL_CANCELLED")]
    PartialCancelled,
    #[serde(rename = "CANCELLED")]
    Cancelled,
    #[serde(rename = "FAILED")]
    Failed,
}

impl V2Status {
    fn normalized(self) -> PaymentStatus {
        match self {
            V2Status::Ready => PaymentStatus::Ready,
            V2Status::PayPending => PaymentStatus::Pending,
            V2Status::VirtualAccountIssued => PaymentStatus::VirtualAccountIssued,
            V2Status::Paid => PaymentStatus::Paid,
            V2Status::PartialCancelled => PaymentStatus::PartiallyCancelled,
            V2Status::Cancelled => PaymentStatus::Cancelled,
            V2Status::Failed => PaymentStatus::Failed,
        }
    }
}

/// `Payment.method`: one object for every `PaymentMethod` variant, discriminated by `type`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct V2Method {
    #[serde(rename = "type")]
    kind: V2MethodType,
    /// `PaymentMethodCard.card`.
    #[serde(default)]
    card: Option<V2Card>,
    /// `PaymentMethodCard.pointUsed`.
    #[serde(default)]
    point_used: Option<bool>,
    /// `PaymentMethodEasyPay.provider` (`EasyPayProvider`, open).
    #[serde(default)]
    provider: Option<String>,
    /// `PaymentMethodEasyPay.easyPayMethod`.
    #[serde(default)]
    easy_pay_method: Option<V2EasyPayMethod>,
    /// `PaymentMethodGiftCertificate.giftCertificateType` (open: a value added later reads as
    /// unknown).
    #[serde(default)]
    gift_certificate_type: Option<String>,
}

#[derive(Deserialize, Clone, Copy)]
enum V2MethodType {
    #[serde(rename = "PaymentMethodCard")]
    Card,
    #[serde(rename = "PaymentMethodTransfer")]
    Transfer,
    #[serde(rename = "PaymentMethodVirtualAccount")]
    VirtualAccount,
    #[serde(rename = "PaymentMethodMobile")]
    Mobile,
    #[serde(rename = "PaymentMethodEasyPay")]
    EasyPay,
    #[serde(rename = "PaymentMethodGiftCertificate")]
    GiftCertificate,
    #[serde(rename = "PaymentMethodConvenienceStore")]
    ConvenienceStore,
    #[serde(rename = "PaymentMethodCrypto")]
    Crypto,
}

/// `PaymentMethodEasyPayMethod`: card, charged money, or a linked bank account.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct V2EasyPayMethod {
    #[serde(rename = "type")]
    kind: V2EasyPayMethodType,
    #[serde(default)]
    card: Option<V2Card>,
    #[serde(default)]
    point_used: Option<bool>,
}

#[derive(Deserialize, Clone, Copy)]
enum V2EasyPayMethodType {
    #[serde(rename = "PaymentMethodCard")]
    Card,
    #[serde(rename = "PaymentMethodEasyPayMethodCharge")]
    Charge,
    #[serde(rename = "PaymentMethodTransfer")]
    Transfer,
}

#[derive(Deserialize)]
struct V2Card {
    #[serde(rename = "type", default)]
    card_type: Option<V2CardType>,
}

#[derive(Deserialize, Clone, Copy)]
enum V2CardType {
    #[serde(rename = "CREDIT")]
    Credit,
    #[serde(rename = "DEBIT")]
    Debit,
    #[serde(rename = "GIFT")]
    Gift,
}

impl V2CardType {
    fn normalized(self) -> CardType {
        match self {
            V2CardType::Credit => CardType::Credit,
            V2CardType::Debit => CardType::Debit,
            V2CardType::Gift => CardType::Gift,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct V2Channel {
    #[serde(default)]
    pg_provider: Option<String>,
}

/// `PaymentAmount`, in minor units. `total`, `taxFree`, `cancelled` and `cancelledTaxFree` are
/// required by the schema and needed for the balances, so they are required here too.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct V2Amount {
    #[serde(with = "amount")]
    total: Decimal,
    #[serde(with = "amount")]
    tax_free: Decimal,
    #[serde(default, with = "amount::option")]
    vat: Option<Decimal>,
    #[serde(with = "amount")]
    cancelled: Decimal,
    #[serde(with = "amount")]
    cancelled_tax_free: Decimal,
}

/// `PaymentEscrow`, discriminated by `status`: `REGISTERED` and `DELIVERED` come before the
/// buyer decides, `CONFIRMED` is the purchase confirmation, `REJECTED` and `REJECT_CONFIRMED`
/// the buyer's rejection; `CANCELLED` and any later value read as before confirmation, the
/// state whose rules are strictest.
#[derive(Deserialize)]
struct V2Escrow {
    #[serde(default)]
    status: Option<String>,
}

impl V2Escrow {
    fn state(&self) -> EscrowStatus {
        match self.status.as_deref() {
            Some("CONFIRMED") => EscrowStatus::Confirmed,
            Some("REJECTED" | "REJECT_CONFIRMED") => EscrowStatus::Rejected,
            _ => EscrowStatus::BeforeConfirmation,
        }
    }
}

/// `PaymentMethodGiftCertificateType`; a value this crate does not know reads as unknown.
fn gift_certificate(kind: Option<&str>) -> Option<GiftCertificate> {
    let certificate_type = match kind? {
        "BOOKNLIFE" => GiftCertificateType::Booknlife,
        "SMART_MUNSANG" => GiftCertificateType::SmartMunsang,
        "CULTURELAND" => GiftCertificateType::Cultureland,
        "HAPPYMONEY" => GiftCertificateType::Happymoney,
        "CULTUREGIFT" => GiftCertificateType::Culturegift,
        _ => return None,
    };
    Some(GiftCertificate {
        certificate_type: Some(certificate_type),
    })
}

/// `PaymentCancellation`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct V2Cancellation {
    status: V2CancellationStatus,
    #[serde(default)]
    id: Option<String>,
    #[serde(with = "amount")]
    total_amount: Decimal,
}

#[derive(Deserialize, Clone, Copy)]
enum V2CancellationStatus {
    #[serde(rename = "REQUESTED")]
    Requested,
    #[serde(rename = "SUCCEEDED")]
    Succeeded,
    #[serde(rename = "FAILED")]
    Failed,
}

impl V2CancellationStatus {
    fn normalized(self) -> CancellationStatus {
        match self {
            V2CancellationStatus::Requested => CancellationStatus::Requested,
            V2CancellationStatus::Succeeded => CancellationStatus::Succeeded,
            V2CancellationStatus::Failed => CancellationStatus::Failed,
        }
    }
}

/// PGs that are themselves an easy-pay service, for an easy-pay payment whose
/// `method.provider` is absent: the service is then the PG.
const EASY_PAY_PGS: &[(&str, &str)] = &[
    ("kakaopay", "kakaopay"),
    ("kakao", "kakaopay"),
    ("naverpay", "naverpay"),
    ("naverco", "naverpay"),
    ("tosspay", "tosspay"),
    ("tosspay_v2", "tosspay"),
    ("toss_brandpay", "toss_brandpay"),
    ("payco", "payco"),
    ("paypal", "paypal"),
    ("paypal_v2", "paypal"),
    ("smilepay", "smilepay"),
    ("chai", "chai"),
    ("alipay", "alipay"),
    ("pinpay", "pinpay"),
];

pub(super) fn payment(text: &str) -> Result<Payment, InputError> {
    let raw: V2Payment = read(text, false)?;
    let currency = raw.currency;
    let pg = raw
        .channel
        .and_then(|c| c.pg_provider)
        .map(|p| p.trim().to_ascii_lowercase())
        .filter(|p| !p.is_empty());
    let Some(method) = raw.method else {
        return Err(missing(
            "method",
            "PortOne V2 gives no `method` before one is chosen, and the decision needs it",
        ));
    };
    let (normalized_method, easy_pay, card) = convert_method(&method, pg.as_deref())?;
    let amount = PaymentAmount {
        total: minor_to_major("amount.total", raw.amount.total, currency)?,
        tax_free: minor_to_major("amount.taxFree", raw.amount.tax_free, currency)?,
        vat: raw
            .amount
            .vat
            .map(|vat| minor_to_major("amount.vat", vat, currency))
            .transpose()?,
        cancelled: minor_to_major("amount.cancelled", raw.amount.cancelled, currency)?,
        cancelled_tax_free: minor_to_major(
            "amount.cancelledTaxFree",
            raw.amount.cancelled_tax_free,
            currency,
        )?,
    };
    let cancellations = raw
        .cancellations
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            Ok(Cancellation {
                id: c.id,
                amount: minor_to_major(
                    &format!("cancellations[{i}].totalAmount"),
                    c.total_amount,
                    currency,
                )?,
                status: c.status.normalized(),
                cancel_id: None,
            })
        })
        .collect::<Result<Vec<_>, InputError>>()?;
    let escrow_state = raw.escrow.as_ref().map(V2Escrow::state);
    let gift_certificate = gift_certificate(method.gift_certificate_type.as_deref());
    Ok(Payment {
        provider: Provider::PortoneV2,
        pg,
        method: normalized_method,
        easy_pay,
        card,
        status: raw.status.normalized(),
        currency,
        amount,
        paid_at: raw.paid_at,
        // Before confirmation is `escrow: true`, the contract's form; later states are named.
        escrow: escrow_state == Some(EscrowStatus::BeforeConfirmation),
        escrow_status: escrow_state.filter(|s| *s != EscrowStatus::BeforeConfirmation),
        gift_certificate,
        partial_cancelable: None,
        cancellations,
    })
}

fn card(card: Option<&V2Card>, point_used: Option<bool>) -> Option<Card> {
    let card_type = card.and_then(|c| c.card_type).map(V2CardType::normalized);
    if card_type.is_none() && point_used.is_none() {
        return None;
    }
    Some(Card {
        card_type,
        foreign: false,
        point_used: point_used.unwrap_or(false),
    })
}

fn convert_method(
    method: &V2Method,
    pg: Option<&str>,
) -> Result<(Method, Option<EasyPay>, Option<Card>), InputError> {
    Ok(match method.kind {
        V2MethodType::Card => (
            Method::Card,
            None,
            card(method.card.as_ref(), method.point_used),
        ),
        V2MethodType::Transfer => (Method::Transfer, None, None),
        V2MethodType::VirtualAccount => (Method::VirtualAccount, None, None),
        V2MethodType::Mobile => (Method::Mobile, None, None),
        V2MethodType::GiftCertificate => (Method::GiftCertificate, None, None),
        V2MethodType::ConvenienceStore => (Method::ConvenienceStore, None, None),
        V2MethodType::Crypto => (Method::Crypto, None, None),
        V2MethodType::EasyPay => {
            let provider = match method
                .provider
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                Some(provider) => provider.to_ascii_lowercase(),
                None => pg
                    .and_then(|pg| EASY_PAY_PGS.iter().find(|(id, _)| *id == pg))
                    .map(|(_, service)| (*service).to_owned())
                    .ok_or_else(|| {
                        missing(
                            "method.provider",
                            &format!(
                                "an easy-pay payment must name its service, and the PG `{}` is \
                                 not one",
                                pg.unwrap_or("(none)")
                            ),
                        )
                    })?,
            };
            let (funding, card) = match &method.easy_pay_method {
                None => (None, None),
                Some(m) => match m.kind {
                    V2EasyPayMethodType::Card => {
                        (Some(Funding::Card), card(m.card.as_ref(), m.point_used))
                    }
                    V2EasyPayMethodType::Charge => (Some(Funding::Money), None),
                    V2EasyPayMethodType::Transfer => (Some(Funding::Transfer), None),
                },
            };
            (Method::EasyPay, Some(EasyPay { provider, funding }), card)
        }
    })
}

/// `CancelPaymentBody`, read strictly.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct V2CancelBody {
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "accepted so that a complete body reads; no rule depends on it"
    )]
    store_id: Option<String>,
    #[serde(default, with = "amount::option")]
    amount: Option<Decimal>,
    #[serde(default, with = "amount::option")]
    tax_free_amount: Option<Decimal>,
    #[serde(default, with = "amount::option")]
    vat_amount: Option<Decimal>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    requester: Option<V2Requester>,
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "accepted so that a complete body reads; no rule depends on it"
    )]
    promotion_discount_retain_option: Option<V2RetainOption>,
    #[serde(default, with = "amount::option")]
    current_cancellable_amount: Option<Decimal>,
    #[serde(default)]
    refund_account: Option<V2RefundAccount>,
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "accepted so that a complete body reads; no rule depends on it"
    )]
    refund_email: Option<String>,
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "accepted so that a complete body reads; no rule depends on it"
    )]
    skip_webhook: Option<bool>,
}

#[derive(Deserialize, Clone, Copy)]
enum V2Requester {
    #[serde(rename = "CUSTOMER")]
    Customer,
    #[serde(rename = "ADMIN")]
    Admin,
}

#[derive(Deserialize, Clone, Copy)]
enum V2RetainOption {
    #[serde(rename = "RETAIN")]
    Retain,
    #[serde(rename = "RELEASE")]
    Release,
}

/// `CancelPaymentBodyRefundAccount`: the bank is a `Bank` enum name, so no code is read back.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct V2RefundAccount {
    #[serde(default, deserialize_with = "bank_enum_name")]
    bank: Option<Bank>,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    holder_name: Option<String>,
    #[serde(default)]
    holder_phone_number: Option<String>,
}

/// `refundAccount.bank`: PortOne V2 takes only its `Bank` enum names, so the Korean names and
/// KFTC codes the normalized request accepts are refused here, as PortOne would refuse them.
fn bank_enum_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Bank>, D::Error> {
    let Some(name) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    Bank::ALL
        .iter()
        .copied()
        .find(|bank| bank.name() == name)
        .map(Some)
        .ok_or_else(|| serde::de::Error::unknown_variant(&name, Bank::NAMES))
}

pub(super) fn request(text: &str, payment: &Payment) -> Result<RefundRequest, InputError> {
    let body: V2CancelBody = read(text, true)?;
    let currency = payment.currency;
    let major = |field: &str, value: Option<Decimal>| {
        value
            .map(|v| minor_to_major(field, v, currency))
            .transpose()
    };
    Ok(RefundRequest {
        amount: major("amount", body.amount)?,
        tax_free_amount: major("taxFreeAmount", body.tax_free_amount)?,
        vat_amount: major("vatAmount", body.vat_amount)?,
        reason: body.reason,
        requester: body.requester.map(|r| match r {
            V2Requester::Customer => Requester::Customer,
            V2Requester::Admin => Requester::Admin,
        }),
        current_cancellable_amount: major(
            "currentCancellableAmount",
            body.current_cancellable_amount,
        )?,
        // A member that is null is absent, and an account with none given is no account.
        refund_account: body
            .refund_account
            .filter(|a| {
                a.bank.is_some()
                    || a.number.is_some()
                    || a.holder_name.is_some()
                    || a.holder_phone_number.is_some()
            })
            .map(|a| RefundAccount {
                bank: a.bank,
                number: a.number,
                holder_name: a.holder_name,
                holder_phone: a.holder_phone_number,
            }),
        cancel_id: None,
    })
}

/// The ids this adapter's table produces: the PGs it reads as easy-pay services, and the
/// services.
pub(super) fn produced_ids() -> super::ProducedIds {
    let mut services: Vec<&'static str> = EASY_PAY_PGS.iter().map(|(_, id)| *id).collect();
    services.sort_unstable();
    services.dedup();
    super::ProducedIds {
        pgs: EASY_PAY_PGS.iter().map(|(pg, _)| *pg).collect(),
        easy_pay_services: services,
    }
}
