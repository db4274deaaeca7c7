//! PortOne V1 (iamport): the payment annotation (`GET /payments/{imp_uid}`), in its
//! `{code, message, response}` envelope or bare, and the `POST /payments/cancel` parameters
//! (the V1 API reference, <https://api.iamport.kr/#!/payments/cancelPayment>, and its schema,
//! <https://github.com/portone-io/developers.portone.io/blob/af926bd2/src/schema/v1.openapi.json>).
//!
//! V1 amounts are in the currency's major unit (`Double` in the cancel parameters); instants
//! are UNIX seconds, 0 meaning none. V1 reports failures as `code != 0` with a `message`, even
//! with HTTP 200: such an envelope is an error here, never a payment.

use super::{Lax, bank_for_code, invalid, missing, path, unknown};
use crate::PolicySet;
use crate::input::{InputError, read};
use crate::model::{
    Cancellation, CancellationStatus, Card, CardType, Currency, EasyPay, Funding, GiftCertificate,
    GiftCertificateType, Method, Payment, PaymentAmount, PaymentStatus, Provider, RefundAccount,
    RefundRequest, Requester, amount,
};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::de::{self, IgnoredAny, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// Just enough of the text to tell an envelope from a bare payment.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    response: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct Envelope {
    response: V1Payment,
}

/// The fields of `PaymentAnnotation` the decision needs; the rest is ignored.
#[derive(Deserialize)]
struct V1Payment {
    #[serde(default)]
    pay_method: Option<String>,
    #[serde(default)]
    pg_provider: Option<String>,
    #[serde(default)]
    emb_pg_provider: Option<String>,
    status: V1Status,
    #[serde(with = "amount")]
    amount: Decimal,
    #[serde(with = "amount")]
    cancel_amount: Decimal,
    currency: Currency,
    #[serde(default, deserialize_with = "unix_seconds")]
    paid_at: Option<DateTime<Utc>>,
    #[serde(default)]
    escrow: Option<bool>,
    /// Read only for a card-funded payment (see [`super::Lax`]).
    #[serde(default)]
    card_type: Option<Lax<V1CardType>>,
    /// The card company's code; the overseas brands' codes mean a card issued abroad.
    #[serde(default)]
    card_code: Option<String>,
    #[serde(default)]
    cancel_history: Option<Vec<V1Cancel>>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum V1Status {
    Ready,
    Paid,
    Cancelled,
    Failed,
}

/// `PaymentCancelAnnotation`: one completed (partial) cancel.
#[derive(Deserialize)]
struct V1Cancel {
    #[serde(default)]
    pg_tid: Option<String>,
    #[serde(with = "amount")]
    amount: Decimal,
    #[serde(default)]
    cancellation_id: Option<String>,
}

/// UNIX seconds, as a number or a string of digits; 0, blank and null mean none.
fn unix_seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    struct UnixVisitor;
    impl<'de> Visitor<'de> for UnixVisitor {
        type Value = Option<DateTime<Utc>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("UNIX seconds (0 for none)")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(UnixVisitor)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            let seconds = i64::try_from(v)
                .map_err(|_| E::custom(format_args!("`{v}` is out of range for UNIX seconds")))?;
            self.visit_i64(seconds)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            match v {
                0 => Ok(None),
                v if v < 0 => Err(E::custom(format_args!(
                    "`{v}` is not UNIX seconds: it is negative"
                ))),
                v => DateTime::from_timestamp(v, 0).map(Some).ok_or_else(|| {
                    E::custom(format_args!("`{v}` is out of range for UNIX seconds"))
                }),
            }
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let trimmed = v.trim();
            if trimmed.is_empty() || trimmed == "null" {
                return Ok(None);
            }
            let seconds = trimmed.parse::<i64>().map_err(|_| {
                E::custom(format_args!("`{v}` is not UNIX seconds (a whole number)"))
            })?;
            self.visit_i64(seconds)
        }
    }
    d.deserialize_option(UnixVisitor)
}

/// `card_type`, read by [`card_type`].
struct V1CardType(Option<CardType>);

impl<'de> Deserialize<'de> for V1CardType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        card_type(d).map(V1CardType)
    }
}

/// `card_type`: 0 credit, 1 check (debit), as a number or a string; null, blank or the text
/// `null` (the V1 API reference's schema example) mean unknown. Any other value is an error.
fn card_type<'de, D: Deserializer<'de>>(d: D) -> Result<Option<CardType>, D::Error> {
    struct CardTypeVisitor;
    impl<'de> Visitor<'de> for CardTypeVisitor {
        type Value = Option<CardType>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a card type, 0 (credit) or 1 (check)")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(CardTypeVisitor)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            match v.trim() {
                "" | "null" => Ok(None),
                "0" => Ok(Some(CardType::Credit)),
                "1" => Ok(Some(CardType::Debit)),
                other => Err(E::custom(format_args!(
                    "unknown card type `{other}`: PortOne V1 documents 0 (credit) and 1 (check)"
                ))),
            }
        }
    }
    d.deserialize_option(CardTypeVisitor)
}

/// `card_code` values of cards issued abroad (해외비자, 해외마스터, 해외다이너스, 해외AMEX,
/// 해외JCB, 중국은련), as PortOne's own REST client lists the card companies
/// (`github.com/iamport/iamport-rest-client-java`, `CardConstant.java`).
const FOREIGN_CARD_CODES: &[&str] = &["VIS", "MAS", "DIN", "AMX", "JCB", "UNI"];

/// `pay_method` values that are gift certificates.
const GIFT_CERTIFICATES: &[&str] = &["cultureland", "smartculture", "booknlife", "culturegift"];

/// The certificate a gift-certificate `pay_method` names, as V2's `giftCertificateType` does:
/// `smartculture` is 스마트문화상품권 (`SMART_MUNSANG`).
fn gift_certificate(pay_method: &str) -> Option<GiftCertificate> {
    let certificate_type = match pay_method {
        "cultureland" => GiftCertificateType::Cultureland,
        "smartculture" => GiftCertificateType::SmartMunsang,
        "booknlife" => GiftCertificateType::Booknlife,
        "culturegift" => GiftCertificateType::Culturegift,
        _ => return None,
    };
    Some(GiftCertificate {
        certificate_type: Some(certificate_type),
    })
}

/// `pay_method` values that name an easy-pay service (and sometimes its funding), with the
/// service's id as PortOne V2's `EasyPayProvider` writes it, lower-cased.
const EASY_PAY_METHODS: &[(&str, &str, Option<Funding>)] = &[
    ("kakaopay", "kakaopay", None),
    ("naverpay", "naverpay", None),
    ("naverpay_card", "naverpay", Some(Funding::Card)),
    ("naverpay_point", "naverpay", Some(Funding::Money)),
    ("payco", "payco", None),
    ("tosspay", "tosspay", None),
    ("tosspay_card", "tosspay", Some(Funding::Card)),
    ("tosspay_money", "tosspay", Some(Funding::Money)),
    ("toss_brandpay", "toss_brandpay", None),
    ("samsung", "samsungpay", None),
    ("samsungpay", "samsungpay", None),
    ("ssgpay", "ssgpay", None),
    ("ssgpay_bank", "ssgpay", Some(Funding::Transfer)),
    ("lpay", "lpay", None),
    ("kpay", "kpay", None),
    ("applepay", "applepay", None),
    ("paypal", "paypal", None),
    ("pinpay", "pinpay", None),
    ("skpay", "skpay", None),
    ("wechat", "wechat", None),
    ("alipay", "alipay", None),
];

/// PG ids (`pg_provider`, `emb_pg_provider`) that are themselves an easy-pay service: a payment
/// through them with `pay_method` `card`, `trans` or `point` is that service, funded so.
const EASY_PAY_PGS: &[(&str, &str)] = &[
    ("kakaopay", "kakaopay"),
    ("kakao", "kakaopay"),
    ("naverpay", "naverpay"),
    ("naverco", "naverpay"),
    ("payco", "payco"),
    ("tosspay", "tosspay"),
    ("tosspay_v2", "tosspay"),
    ("toss_brandpay", "toss_brandpay"),
    ("samsungpay", "samsungpay"),
    ("ssgpay", "ssgpay"),
    ("lpay", "lpay"),
    ("kpay", "kpay"),
    ("applepay", "applepay"),
    ("paypal", "paypal"),
    ("paypal_v2", "paypal"),
    ("smilepay", "smilepay"),
    ("chai", "chai"),
    ("alipay", "alipay"),
    ("pinpay", "pinpay"),
];

fn easy_pay_pg(pg: &str) -> Option<&'static str> {
    EASY_PAY_PGS
        .iter()
        .find(|(id, _)| *id == pg)
        .map(|(_, service)| *service)
}

/// Every `pay_method` the adapter reads, for the hint of an unknown one.
fn known_methods() -> Vec<&'static str> {
    let mut known = vec!["card", "trans", "vbank", "phone", "point"];
    known.extend(GIFT_CERTIFICATES);
    known.extend(EASY_PAY_METHODS.iter().map(|(name, _, _)| *name));
    known
}

fn lower(text: Option<&str>) -> Option<String> {
    text.map(|t| t.trim().to_ascii_lowercase())
        .filter(|t| !t.is_empty() && t != "null")
}

pub(super) fn payment(text: &str) -> Result<Payment, InputError> {
    let probe: Probe = read(text, false)?;
    if probe.code.is_some() || probe.response.is_some() {
        let code = probe.code.unwrap_or(0);
        if code != 0 {
            return Err(invalid(
                "code",
                format_args!(
                    "PortOne V1 answered with error code `{code}`{}",
                    probe
                        .message
                        .as_deref()
                        .map(|m| format!(": {m}"))
                        .unwrap_or_default()
                ),
                Some("pass the answer of a successful look-up (`code: 0`)".to_owned()),
            ));
        }
        if probe.response.is_none() {
            return Err(missing(
                "response",
                "a PortOne V1 answer with `code: 0` carries the payment in `response`",
            ));
        }
        let envelope: Envelope = read(text, false)?;
        return convert(envelope.response, "response");
    }
    convert(read(text, false)?, "")
}

fn convert(raw: V1Payment, prefix: &str) -> Result<Payment, InputError> {
    let pg = lower(raw.pg_provider.as_deref());
    let emb = lower(raw.emb_pg_provider.as_deref());
    let Some(pay_method) = lower(raw.pay_method.as_deref()) else {
        return Err(missing(
            &path(prefix, "pay_method"),
            "the decision needs the payment method",
        ));
    };
    let (method, easy_pay) = method(&pay_method, pg.as_deref(), emb.as_deref(), prefix)?;
    let card_funded = method == Method::Card
        || easy_pay
            .as_ref()
            .is_some_and(|e| e.funding == Some(Funding::Card));
    let foreign = raw.card_code.as_deref().map(str::trim).is_some_and(|code| {
        FOREIGN_CARD_CODES
            .iter()
            .any(|f| f.eq_ignore_ascii_case(code))
    });
    let card_type = match raw.card_type.filter(|_| card_funded) {
        None => None,
        Some(Lax::Read(V1CardType(card_type))) => card_type,
        Some(Lax::Unread(_)) => {
            return Err(invalid(
                &path(prefix, "card_type"),
                "unknown card type",
                Some("PortOne V1 documents 0 (credit) and 1 (check)".to_owned()),
            ));
        }
    };
    let card = (card_type.is_some() || foreign)
        .then_some(Card {
            card_type,
            foreign,
            point_used: false,
        })
        .filter(|_| card_funded);
    let status = match raw.status {
        V1Status::Ready => PaymentStatus::Ready,
        // V1 has no partial-cancel status: a partly cancelled payment stays `paid`.
        V1Status::Paid if raw.cancel_amount > Decimal::ZERO => PaymentStatus::PartiallyCancelled,
        V1Status::Paid => PaymentStatus::Paid,
        V1Status::Cancelled => PaymentStatus::Cancelled,
        V1Status::Failed => PaymentStatus::Failed,
    };
    let cancellations = raw
        .cancel_history
        .unwrap_or_default()
        .into_iter()
        .map(|c| Cancellation {
            id: c.cancellation_id.or(c.pg_tid).filter(|id| !id.is_empty()),
            amount: c.amount,
            // V1 lists only cancels that went through.
            status: CancellationStatus::Succeeded,
            cancel_id: None,
        })
        .collect();
    Ok(Payment {
        provider: Provider::PortoneV1,
        pg,
        method,
        easy_pay,
        card,
        status,
        currency: raw.currency,
        amount: PaymentAmount {
            total: raw.amount,
            // The V1 payment annotation carries no tax-free amount (only PAYCO's
            // `/payments/{imp_uid}/balance` does): read as none.
            tax_free: Decimal::ZERO,
            vat: None,
            cancelled: raw.cancel_amount,
            cancelled_tax_free: Decimal::ZERO,
        },
        paid_at: raw.paid_at,
        // V1 says escrow or not, never whether the purchase was confirmed.
        escrow: raw.escrow.unwrap_or(false),
        escrow_status: None,
        gift_certificate: gift_certificate(&pay_method),
        partial_cancelable: None,
        cancellations,
    })
}

fn method(
    pay_method: &str,
    pg: Option<&str>,
    emb: Option<&str>,
    prefix: &str,
) -> Result<(Method, Option<EasyPay>), InputError> {
    let easy = |provider: &str, funding: Option<Funding>| {
        Ok((
            Method::EasyPay,
            Some(EasyPay {
                provider: provider.to_owned(),
                funding,
            }),
        ))
    };
    // The easy-pay service a general pay_method went through: the hub's (`emb_pg_provider`)
    // first, else the PG's own when the PG is an easy-pay service.
    let service = match emb {
        Some(emb) => Some(easy_pay_pg(emb).ok_or_else(|| {
            unknown(
                &path(prefix, "emb_pg_provider"),
                "easy-pay service",
                emb,
                &EASY_PAY_PGS.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
            )
        })?),
        None => pg.and_then(easy_pay_pg),
    };
    match (pay_method, service) {
        ("card", Some(service)) => easy(service, Some(Funding::Card)),
        ("trans", Some(service)) => easy(service, Some(Funding::Transfer)),
        ("point", Some(service)) => easy(service, Some(Funding::Money)),
        ("card", None) => Ok((Method::Card, None)),
        ("trans", None) => Ok((Method::Transfer, None)),
        ("vbank", _) => Ok((Method::VirtualAccount, None)),
        ("phone", _) => Ok((Method::Mobile, None)),
        ("point", None) => Err(invalid(
            &path(prefix, "pay_method"),
            format_args!(
                "`point` through PG `{}` does not say which easy-pay service was used",
                pg.unwrap_or("(none)")
            ),
            Some(
                "`point` is read as an easy-pay service's money when `pg_provider` or \
                 `emb_pg_provider` names the service"
                    .to_owned(),
            ),
        )),
        (name, _) if GIFT_CERTIFICATES.contains(&name) => Ok((Method::GiftCertificate, None)),
        (name, _) => match EASY_PAY_METHODS.iter().find(|(n, _, _)| *n == name) {
            Some((_, provider, funding)) => easy(provider, *funding),
            None => Err(unknown(
                &path(prefix, "pay_method"),
                "PortOne V1 payment method",
                name,
                &known_methods(),
            )),
        },
    }
}

/// The `POST /payments/cancel` parameters, read strictly.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V1CancelBody {
    #[serde(default)]
    #[allow(dead_code, reason = "identifies the payment; no rule depends on it")]
    imp_uid: Option<String>,
    #[serde(default)]
    #[allow(dead_code, reason = "identifies the payment; no rule depends on it")]
    merchant_uid: Option<String>,
    #[serde(default, with = "amount::option")]
    amount: Option<Decimal>,
    #[serde(default, with = "amount::option")]
    tax_free: Option<Decimal>,
    #[serde(default, with = "amount::option")]
    vat_amount: Option<Decimal>,
    #[serde(default, with = "amount::option")]
    checksum: Option<Decimal>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    refund_holder: Option<String>,
    #[serde(default)]
    refund_bank: Option<String>,
    #[serde(default)]
    refund_account: Option<String>,
    #[serde(default)]
    refund_tel: Option<String>,
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "accepted so that a complete body reads; no rule depends on it"
    )]
    retain_promotion: Option<bool>,
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "accepted so that a complete body reads; no rule depends on it"
    )]
    enable_webhook: Option<bool>,
    #[serde(default)]
    extra: Option<V1Extra>,
    /// Sent by PortOne's Java REST client (`CancelData.escrow_confirmed`); the payment's own
    /// escrow flag is what the rules read.
    #[serde(default)]
    #[allow(
        dead_code,
        reason = "accepted so that the client's body reads; no rule depends on it"
    )]
    escrow_confirmed: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V1Extra {
    #[serde(default)]
    requester: Option<Requester>,
}

pub(super) fn request(
    text: &str,
    payment: &Payment,
    policies: &PolicySet,
) -> Result<RefundRequest, InputError> {
    let body: V1CancelBody = read(text, true)?;
    let account_given = body.refund_holder.is_some()
        || body.refund_bank.is_some()
        || body.refund_account.is_some()
        || body.refund_tel.is_some();
    let refund_account = if account_given {
        Some(RefundAccount {
            bank: bank_for_code(
                "refund_bank",
                body.refund_bank.as_deref(),
                payment,
                policies,
            )?,
            number: body.refund_account,
            holder_name: body.refund_holder,
            holder_phone: body.refund_tel,
        })
    } else {
        None
    };
    Ok(RefundRequest {
        // V1: `amount` absent or 0 cancels everything that remains.
        amount: body.amount.filter(|a| !a.is_zero()),
        tax_free_amount: body.tax_free,
        vat_amount: body.vat_amount,
        reason: body.reason,
        requester: body.extra.and_then(|e| e.requester),
        current_cancellable_amount: body.checksum,
        refund_account,
        cancel_id: None,
    })
}

/// The ids this adapter's tables produce: the PGs and hubs it reads as easy-pay services, and
/// the services.
pub(super) fn produced_ids() -> super::ProducedIds {
    let mut services: Vec<&'static str> = EASY_PAY_METHODS.iter().map(|(_, id, _)| *id).collect();
    services.extend(EASY_PAY_PGS.iter().map(|(_, id)| *id));
    services.sort_unstable();
    services.dedup();
    super::ProducedIds {
        pgs: EASY_PAY_PGS.iter().map(|(pg, _)| *pg).collect(),
        easy_pay_services: services,
    }
}
