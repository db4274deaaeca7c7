//! The floor: PortOne V2's refund rules checked by hand, as a refund service might write them
//! without a policy engine, over the engine's own inputs.
//!
//! It is the yardstick of the decision benchmarks — what a decision costs when every rule is
//! an `if` and nothing is reported but the reason codes — and `tests/floor.rs` checks that it
//! decides exactly as the engine does on the cases in [`cases`]. It knows only the built-in
//! PortOne V2 policy (`policies/portone-v2.yaml`); a change there needs the same change here,
//! or the test fails.
//!
//! Included with `#[path]` by the benches and by `tests/floor.rs`.

#![allow(
    dead_code,
    reason = "the benches and the test each use a different part of the floor"
)]

pub mod cases;

use chrono::{DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, Timelike, Utc};
use refund_policy::model::{
    CancellationStatus, CardType, EscrowStatus, Funding, GiftCertificateType, MerchantProfile,
    Method, Payment, PaymentStatus, RefundAccount, RefundRequest,
};
use rust_decimal::Decimal;

/// Korea Standard Time, UTC+9: Asia/Seoul has observed no daylight saving time since 1988, so
/// a fixed offset gives the same local dates and times as the time-zone database.
#[allow(
    clippy::panic,
    reason = "evaluated at compile time: an offset out of range fails the build, never a run"
)]
const KOREA: FixedOffset = match FixedOffset::east_opt(32_400) {
    Some(offset) => offset,
    None => panic!("UTC+9 is a valid offset"),
};

/// A reason code, one byte, so that a verdict stays small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Code {
    InvalidPayment,
    PaymentNotPaid,
    AlreadyCancelled,
    InvalidAmount,
    AmountExceedsCancellable,
    CancellableAmountMismatch,
    TaxFreeExceedsCancellable,
    TaxFreeExceedsAmount,
    UnsettledSalesShort,
    DuplicateCancelId,
    CancellationPending,
    NoPolicy,
    RefundNotSupported,
    DeadlinePassed,
    PaidAtMissing,
    MonthChanged,
    OutsideCancelHours,
    PartialCancelNotSupported,
    PartialCancelLimitReached,
    TaxableExceedsCancellable,
    ContractRequired,
    RefundAccountRequired,
    RefundAccountInvalid,
    ReasonRequired,
}

impl Code {
    fn as_str(self) -> &'static str {
        match self {
            Code::InvalidPayment => "INVALID_PAYMENT",
            Code::PaymentNotPaid => "PAYMENT_NOT_PAID",
            Code::AlreadyCancelled => "ALREADY_CANCELLED",
            Code::InvalidAmount => "INVALID_AMOUNT",
            Code::AmountExceedsCancellable => "AMOUNT_EXCEEDS_CANCELLABLE",
            Code::CancellableAmountMismatch => "CANCELLABLE_AMOUNT_MISMATCH",
            Code::TaxFreeExceedsCancellable => "TAX_FREE_EXCEEDS_CANCELLABLE",
            Code::TaxFreeExceedsAmount => "TAX_FREE_EXCEEDS_AMOUNT",
            Code::UnsettledSalesShort => "UNSETTLED_SALES_SHORT",
            Code::TaxableExceedsCancellable => "TAXABLE_EXCEEDS_CANCELLABLE",
            Code::DuplicateCancelId => "DUPLICATE_CANCEL_ID",
            Code::CancellationPending => "CANCELLATION_PENDING",
            Code::NoPolicy => "NO_POLICY",
            Code::RefundNotSupported => "REFUND_NOT_SUPPORTED",
            Code::DeadlinePassed => "DEADLINE_PASSED",
            Code::PaidAtMissing => "PAID_AT_MISSING",
            Code::MonthChanged => "MONTH_CHANGED",
            Code::OutsideCancelHours => "OUTSIDE_CANCEL_HOURS",
            Code::PartialCancelNotSupported => "PARTIAL_CANCEL_NOT_SUPPORTED",
            Code::PartialCancelLimitReached => "PARTIAL_CANCEL_LIMIT_REACHED",
            Code::ContractRequired => "CONTRACT_REQUIRED",
            Code::RefundAccountRequired => "REFUND_ACCOUNT_REQUIRED",
            Code::RefundAccountInvalid => "REFUND_ACCOUNT_INVALID",
            Code::ReasonRequired => "REASON_REQUIRED",
        }
    }
}

/// More reasons than any PortOne V2 decision can give at once.
const MAX_REASONS: usize = 16;

/// Allow or deny, and the reason codes in the engine's order: 17 bytes, built without
/// allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    codes: [Code; MAX_REASONS],
    len: u8,
}

impl Verdict {
    fn new() -> Verdict {
        Verdict {
            codes: [Code::InvalidPayment; MAX_REASONS],
            len: 0,
        }
    }

    /// Records a reason. A reason past the capacity is dropped, which the test would see.
    fn deny(&mut self, code: Code) {
        if let Some(slot) = self.codes.get_mut(usize::from(self.len)) {
            *slot = code;
            self.len = self.len.saturating_add(1);
        }
    }

    /// Allowed exactly when there is no reason, as in the engine.
    pub fn is_allowed(&self) -> bool {
        self.len == 0
    }

    /// The reason codes, in the order they were found.
    pub fn reasons(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.codes
            .iter()
            .take(usize::from(self.len))
            .map(|code| code.as_str())
    }
}

/// A deadline's length: days, or calendar months clamped to the end of a shorter month.
#[derive(Clone, Copy)]
enum Within {
    Days(u64),
    Months(u32),
}

impl Within {
    /// The last refundable day: the local date of payment plus the span.
    fn last_day(self, paid_on: NaiveDate) -> Option<NaiveDate> {
        match self {
            Within::Days(days) => paid_on.checked_add_days(Days::new(days)),
            Within::Months(months) => paid_on.checked_add_months(Months::new(months)),
        }
    }
}

const ONE_YEAR: Within = Within::Months(12);
const KSNET: Within = Within::Months(6);

const KG_INICIS: [&str; 4] = ["inicis", "html5_inicis", "inicis_v2", "inicis_unified"];
const NEXT_MONTH_PGS: [&str; 4] = ["kcp", "kcp_v2", "inicis_v2", "kpn"];

fn korean_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&KOREA).date_naive()
}

// Signs and zeros are read from the bits; only amounts that can differ are compared, since a
// comparison of two decimals rescales them first.
fn negative(value: Decimal) -> bool {
    value.is_sign_negative() && !value.is_zero()
}

fn positive(value: Decimal) -> bool {
    !value.is_sign_negative() && !value.is_zero()
}

/// `a > b` for amounts that cannot be negative: never when `a` is zero.
fn exceeds(a: Decimal, b: Decimal) -> bool {
    !a.is_zero() && a > b
}

/// Whether `value` has no more decimals than the currency has (none for KRW).
fn exact_in(value: Decimal, decimals: Option<u16>) -> bool {
    let Some(decimals) = decimals else {
        return true;
    };
    let decimals = u32::from(decimals);
    value.scale() <= decimals || value.normalize().scale() <= decimals
}

/// The payment contradicts itself (`INVALID_PAYMENT`).
fn contradicts_itself(payment: &Payment, now: DateTime<Utc>) -> bool {
    let amount = &payment.amount;
    let decimals = payment.currency.minor_unit_exponent();
    let fine = |v: Decimal| !exact_in(v, decimals);
    negative(amount.total)
        || negative(amount.tax_free)
        || amount.vat.is_some_and(negative)
        || negative(amount.cancelled)
        || negative(amount.cancelled_tax_free)
        || payment.cancellations.iter().any(|c| negative(c.amount))
        || exceeds(amount.cancelled, amount.total)
        || exceeds(amount.cancelled_tax_free, amount.tax_free)
        || exceeds(amount.tax_free, amount.total)
        || payment.paid_at.is_some_and(|paid_at| paid_at > now)
        || fine(amount.total)
        || fine(amount.tax_free)
        || amount.vat.is_some_and(fine)
        || fine(amount.cancelled)
        || fine(amount.cancelled_tax_free)
        || payment.cancellations.iter().any(|c| fine(c.amount))
}

fn filled(text: Option<&String>) -> bool {
    text.is_some_and(|t| !t.trim().is_empty())
}

/// A bank, an account number and a holder's name, and the phone where the PG needs it.
fn complete(account: &RefundAccount, phone_required: bool) -> bool {
    account.bank.is_some()
        && filled(account.number.as_ref())
        && filled(account.holder_name.as_ref())
        && (!phone_required || filled(account.holder_phone.as_ref()))
}

/// The deadline of the method at the PG, if it has one. KSNET's six months come first: they
/// replace the method's and the easy-pay service's own spans.
fn deadline(payment: &Payment, pg: &str) -> Option<Within> {
    let ksnet = pg == "ksnet";
    match payment.method {
        Method::Card if ksnet => Some(KSNET),
        Method::Card => Some(ONE_YEAR),
        Method::Transfer if ksnet => Some(KSNET),
        Method::Transfer if pg == "tosspayments" => Some(Within::Days(180)),
        Method::Transfer => Some(Within::Months(3)),
        Method::VirtualAccount if ksnet => Some(KSNET),
        Method::VirtualAccount if pg == "nice_v2" => Some(Within::Days(180)),
        Method::EasyPay if ksnet => Some(KSNET),
        Method::EasyPay => {
            let easy_pay = payment.easy_pay.as_ref();
            match easy_pay.map(|e| e.provider.as_str()) {
                Some("kakaopay") => match easy_pay.and_then(|e| e.funding) {
                    Some(Funding::Money) => Some(Within::Months(60)),
                    // Card funding, or funding unknown: the year, the stricter of the two.
                    _ => Some(ONE_YEAR),
                },
                Some("naverpay") => Some(Within::Days(1095)),
                Some("paypal") => Some(Within::Days(180)),
                _ => Some(ONE_YEAR),
            }
        }
        _ => None,
    }
}

/// A partial refund refused by the method, the card or escrow (`PARTIAL_CANCEL_NOT_SUPPORTED`,
/// once per restriction that holds).
fn partial_restrictions(payment: &Payment, pg: &str, out: &mut Verdict) {
    const REFUSED: Code = Code::PartialCancelNotSupported;
    match payment.method {
        Method::Card => {
            if let Some(card) = &payment.card {
                if card.point_used {
                    out.deny(REFUSED);
                }
                if card.foreign {
                    out.deny(REFUSED);
                }
                if matches!(card.card_type, Some(CardType::Gift | CardType::Prepaid)) {
                    out.deny(REFUSED);
                }
            }
        }
        Method::GiftCertificate => {
            let kind = payment
                .gift_certificate
                .as_ref()
                .and_then(|g| g.certificate_type);
            let refused = pg == "tosspayments"
                || (pg == "daou"
                    && matches!(
                        kind,
                        Some(GiftCertificateType::Booknlife | GiftCertificateType::SmartMunsang)
                    ))
                || (pg == "mobilians_v2" && kind == Some(GiftCertificateType::SmartMunsang));
            if refused {
                out.deny(REFUSED);
            }
        }
        Method::Mobile if !KG_INICIS.contains(&pg) => out.deny(REFUSED),
        _ => {}
    }
    if payment.escrow_state() == Some(EscrowStatus::BeforeConfirmation) {
        out.deny(REFUSED);
    }
}

/// Decides a PortOne V2 refund by hand. The payment is taken to be a PortOne V2 payment.
pub fn decide(
    payment: &Payment,
    request: &RefundRequest,
    merchant: &MerchantProfile,
    now: DateTime<Utc>,
) -> Verdict {
    let mut out = Verdict::new();
    if contradicts_itself(payment, now) {
        out.deny(Code::InvalidPayment);
        return out;
    }
    let amounts = &payment.amount;
    let balance = if amounts.cancelled.is_zero() {
        amounts.total
    } else {
        amounts.total.saturating_sub(amounts.cancelled)
    };
    match payment.status {
        PaymentStatus::Paid | PaymentStatus::PartiallyCancelled if positive(balance) => {}
        PaymentStatus::Paid | PaymentStatus::PartiallyCancelled | PaymentStatus::Cancelled => {
            out.deny(Code::AlreadyCancelled);
            return out;
        }
        _ => {
            out.deny(Code::PaymentNotPaid);
            return out;
        }
    }

    // Amounts against the balance.
    let decimals = payment.currency.minor_unit_exponent();
    // Without an amount the request refunds the balance: neither partial nor more.
    let (amount, below, above) = match request.amount {
        None => (balance, false, false),
        Some(amount) => {
            let order = amount.cmp(&balance);
            (amount, order.is_lt(), order.is_gt())
        }
    };
    let part_valid = |v: Decimal| !negative(v) && exact_in(v, decimals);
    let amount_valid = positive(amount)
        && exact_in(amount, decimals)
        && request.tax_free_amount.is_none_or(part_valid)
        && request.vat_amount.is_none_or(part_valid);
    if !amount_valid {
        out.deny(Code::InvalidAmount);
    } else if above {
        out.deny(Code::AmountExceedsCancellable);
    }
    if request
        .current_cancellable_amount
        .is_some_and(|given| given != balance)
    {
        out.deny(Code::CancellableAmountMismatch);
    }
    if request.tax_free_amount.is_some_and(|tax_free| {
        exceeds(
            tax_free,
            amounts.tax_free.saturating_sub(amounts.cancelled_tax_free),
        )
    }) {
        out.deny(Code::TaxFreeExceedsCancellable);
    }
    let parts_given = request.tax_free_amount.is_some() || request.vat_amount.is_some();
    let parts = || {
        request
            .tax_free_amount
            .unwrap_or_default()
            .saturating_add(request.vat_amount.unwrap_or_default())
    };
    if amount_valid && parts_given && parts() > amount {
        out.deny(Code::TaxFreeExceedsAmount);
    }
    if amount_valid
        && merchant
            .unsettled_sales
            .is_some_and(|unsettled| amount > unsettled)
    {
        out.deny(Code::UnsettledSalesShort);
    }

    // The cancellation history.
    if let Some(cancel_id) = &request.cancel_id
        && payment
            .cancellations
            .iter()
            .any(|c| c.cancel_id.as_ref() == Some(cancel_id))
    {
        out.deny(Code::DuplicateCancelId);
    }
    if payment
        .cancellations
        .iter()
        .any(|c| c.status == CancellationStatus::Requested)
    {
        out.deny(Code::CancellationPending);
    }

    let pg = payment.pg.as_deref().unwrap_or_default();
    let convenience_store_here = payment.method == Method::ConvenienceStore && pg == "inicis_jp";
    if payment.method == Method::Crypto
        || (payment.method == Method::ConvenienceStore && !convenience_store_here)
    {
        out.deny(Code::NoPolicy);
        return out;
    }
    let method = payment.method;
    let paid_on = payment.paid_at.map(korean_date);
    let local_now = now.with_timezone(&KOREA).naive_local();
    let today = local_now.date();

    let escrow = payment.escrow_state();
    let escrow_refused = match pg {
        "nice_v2" => escrow == Some(EscrowStatus::Confirmed),
        "welcome" => matches!(
            escrow,
            Some(EscrowStatus::BeforeConfirmation | EscrowStatus::Confirmed)
        ),
        _ => false,
    };
    if (method == Method::VirtualAccount && pg == "danal")
        || escrow_refused
        || convenience_store_here
    {
        out.deny(Code::RefundNotSupported);
    }
    if let Some(within) = deadline(payment, pg) {
        match paid_on {
            None => out.deny(Code::PaidAtMissing),
            Some(paid_on) => {
                if within.last_day(paid_on).is_some_and(|last| today > last) {
                    out.deny(Code::DeadlinePassed);
                }
            }
        }
    }
    if method == Method::Mobile {
        match paid_on {
            None => out.deny(Code::PaidAtMissing),
            Some(paid_on) => {
                let same_month = paid_on.year() == today.year() && paid_on.month() == today.month();
                // A next-month refund to a complete account lifts the month rule.
                let next_month = NEXT_MONTH_PGS.contains(&pg)
                    && merchant.has_contract("mobile_next_month_refund")
                    && request
                        .refund_account
                        .as_ref()
                        .is_some_and(|a| complete(a, false));
                if !same_month && !next_month {
                    out.deny(Code::MonthChanged);
                }
            }
        }
    }
    if method == Method::VirtualAccount && pg == "ksnet" {
        // Closed from 23:00 up to 06:00, local time.
        let hour = local_now.hour();
        if !(6..23).contains(&hour) {
            out.deny(Code::OutsideCancelHours);
        }
    }

    // Partial refunds: only for a valid amount below the balance.
    if amount_valid && below {
        partial_restrictions(payment, pg, &mut out);
        let limited = matches!(
            method,
            Method::Card | Method::Transfer | Method::VirtualAccount | Method::EasyPay
        );
        if pg == "ksnet" && limited {
            let succeeded = payment
                .cancellations
                .iter()
                .filter(|c| c.status == CancellationStatus::Succeeded)
                .count();
            if succeeded >= 9 {
                out.deny(Code::PartialCancelLimitReached);
            }
        }
        if (pg == "nice_v2" || pg == "welcome") && !merchant.has_contract("partial_refund_service")
        {
            out.deny(Code::ContractRequired);
        }
        // The taxable part has its own balance: a request without a tax-free part is wholly
        // taxable.
        let taxable = amount.saturating_sub(request.tax_free_amount.unwrap_or_default());
        let tax_free_balance = amounts.tax_free.saturating_sub(amounts.cancelled_tax_free);
        if taxable > balance.saturating_sub(tax_free_balance) {
            out.deny(Code::TaxableExceedsCancellable);
        }
    }

    if method == Method::VirtualAccount {
        if pg != "tosspayments" && !merchant.has_contract("virtual_account_refund") {
            out.deny(Code::ContractRequired);
        }
        let phone_required = pg == "smartro" || pg == "smartro_v2";
        match &request.refund_account {
            None => out.deny(Code::RefundAccountRequired),
            Some(account) if !complete(account, phone_required) => {
                out.deny(Code::RefundAccountInvalid);
            }
            Some(_) => {}
        }
    }
    if !filled(request.reason.as_ref()) {
        out.deny(Code::ReasonRequired);
    }
    out
}
