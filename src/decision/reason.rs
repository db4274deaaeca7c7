//! Blocking reasons, each carrying the numbers behind it.

use super::{Circumstances, PolicyText, ReasonCode, RuleId, date, display};
use crate::calendar::{ClosedHours, Span, YearMonth};
use crate::model::{Bank, Currency, Method, PaymentStatus, Provider, amount};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;

/// One reason a refund would not go through: what the provider would say, the policy rule it
/// came from, and the data behind it. Its [`code`](Reason::code) follows from its details, so
/// the two cannot disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    pub(crate) rule: RuleId,
    pub(crate) provider_error: Option<ProviderError>,
    pub(crate) details: ReasonDetails,
}

impl Reason {
    /// The stable code (`DEADLINE_PASSED`).
    pub fn code(&self) -> ReasonCode {
        self.details.code()
    }

    /// The id of the policy rule that produced it (`portone_v2 › card › deadline`).
    pub fn rule(&self) -> &RuleId {
        &self.rule
    }

    /// The error the provider itself would have returned, where it has one.
    pub fn provider_error(&self) -> Option<&ProviderError> {
        self.provider_error.as_ref()
    }

    /// The numbers and names behind the reason.
    pub fn details(&self) -> &ReasonDetails {
        &self.details
    }
}

/// The error a provider returns for a reason: its name, and its numeric code where the
/// provider has one (Bootpay `RC_CANCEL_PRICE_OVER`, 2052).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProviderError {
    /// The provider's name for the error.
    pub name: PolicyText,
    /// The provider's number for it, if any.
    pub code: Option<u32>,
}

impl fmt::Display for ProviderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            Some(code) => write!(f, "{} ({code})", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// The data behind a reason, one variant per [`ReasonCode`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ReasonDetails {
    /// `INVALID_PAYMENT`: every way the payment contradicts itself.
    InvalidPayment {
        /// The contradictions found.
        problems: Vec<PaymentProblem>,
    },
    /// `PAYMENT_NOT_PAID`.
    PaymentNotPaid {
        /// The payment's status.
        status: PaymentStatus,
    },
    /// `ALREADY_CANCELLED`.
    AlreadyCancelled {
        /// The payment's status.
        status: PaymentStatus,
        /// `total − cancelled`, zero or less.
        #[serde(with = "amount")]
        balance: Decimal,
    },
    /// `INVALID_AMOUNT`: every requested amount that is not a valid amount.
    InvalidAmount {
        /// The problems found.
        problems: Vec<AmountProblem>,
    },
    /// `AMOUNT_EXCEEDS_CANCELLABLE`.
    AmountExceedsCancellable {
        /// What the request asks for.
        #[serde(with = "amount")]
        requested: Decimal,
        /// What remains: `total − cancelled`.
        #[serde(with = "amount")]
        balance: Decimal,
    },
    /// `CANCELLABLE_AMOUNT_MISMATCH`.
    CancellableAmountMismatch {
        /// The caller's `current_cancellable_amount`.
        #[serde(with = "amount")]
        given: Decimal,
        /// The payment's balance.
        #[serde(with = "amount")]
        balance: Decimal,
    },
    /// `TAX_FREE_EXCEEDS_CANCELLABLE`.
    TaxFreeExceedsCancellable {
        /// The requested `tax_free_amount`.
        #[serde(with = "amount")]
        requested: Decimal,
        /// `tax_free − cancelled_tax_free`.
        #[serde(with = "amount")]
        tax_free_balance: Decimal,
    },
    /// `TAX_FREE_EXCEEDS_AMOUNT`.
    TaxFreeExceedsAmount {
        /// The requested `tax_free_amount` (0 when absent).
        #[serde(with = "amount")]
        tax_free: Decimal,
        /// The requested `vat_amount` (0 when absent).
        #[serde(with = "amount")]
        vat: Decimal,
        /// The amount being cancelled.
        #[serde(with = "amount")]
        amount: Decimal,
    },
    /// `PARTIAL_CANCEL_NOT_SUPPORTED`.
    PartialCancelNotSupported {
        /// What about the payment rules the partial refund out.
        because: Circumstances,
    },
    /// `PARTIAL_CANCEL_LIMIT_REACHED`.
    PartialCancelLimitReached {
        /// How many partial cancels the PG allows.
        limit: u32,
        /// How many earlier cancellations succeeded.
        succeeded: u32,
    },
    /// `DEADLINE_PASSED`.
    DeadlinePassed {
        /// The local date of payment.
        #[serde(serialize_with = "date")]
        paid_on: NaiveDate,
        /// The last day a refund was possible.
        #[serde(serialize_with = "date")]
        last_refundable_day: NaiveDate,
        /// The local date of `now`.
        #[serde(serialize_with = "date")]
        today: NaiveDate,
        /// The span that applied.
        #[serde(serialize_with = "display")]
        within: Span,
        /// The policy's time zone.
        time_zone: &'static str,
    },
    /// `MONTH_CHANGED`.
    MonthChanged {
        /// The local month of payment.
        paid_month: YearMonth,
        /// The local month of `now`.
        current_month: YearMonth,
        /// The policy's time zone.
        time_zone: &'static str,
        /// Where the PG offers next-month refunds, what was missing for one.
        #[serde(skip_serializing_if = "Option::is_none")]
        next_month_refund: Option<NextMonthRefund>,
    },
    /// `PAID_AT_MISSING`.
    PaidAtMissing {
        /// Which kind of rule needed the payment time.
        needed_by: TimeRule,
    },
    /// `OUTSIDE_CANCEL_HOURS`.
    OutsideCancelHours {
        /// The local time of `now`.
        #[serde(serialize_with = "display")]
        local_time: NaiveTime,
        /// The hours the PG refuses cancels.
        #[serde(serialize_with = "display")]
        closed: ClosedHours,
        /// The policy's time zone.
        time_zone: &'static str,
    },
    /// `REFUND_ACCOUNT_REQUIRED`.
    RefundAccountRequired {},
    /// `REFUND_ACCOUNT_INVALID`: every problem with the account.
    RefundAccountInvalid {
        /// The problems found.
        problems: Vec<AccountProblem>,
    },
    /// `CONTRACT_REQUIRED`.
    ContractRequired {
        /// The contract the refund needs.
        contract: ContractName,
        /// Whether it is needed only because the refund is partial.
        for_partial_refund: bool,
    },
    /// `REFUND_NOT_SUPPORTED`.
    RefundNotSupported {
        /// What about the payment rules the refund out.
        because: Circumstances,
    },
    /// `REASON_REQUIRED`.
    ReasonRequired {},
    /// `FIELD_TOO_LONG`.
    FieldTooLong {
        /// Which field.
        field: RequestField,
        /// Its length in characters.
        chars: usize,
        /// The provider's limit in characters.
        max: u32,
    },
    /// `REQUESTER_REQUIRED`.
    RequesterRequired {},
    /// `DUPLICATE_CANCEL_ID`.
    DuplicateCancelId {
        /// The repeated id.
        cancel_id: String,
        /// The provider's id of the cancellation that used it, if known.
        #[serde(skip_serializing_if = "Option::is_none")]
        cancellation: Option<String>,
    },
    /// `CANCELLATION_PENDING`.
    CancellationPending {
        /// The provider's ids of the cancellations still requested (where known).
        cancellations: Vec<String>,
    },
    /// `NO_POLICY`.
    NoPolicy {
        /// The payment's provider.
        provider: Provider,
        /// The payment's method.
        method: Method,
        /// The easy-pay service, for easy-pay payments.
        #[serde(skip_serializing_if = "Option::is_none")]
        easy_pay_provider: Option<String>,
    },
    /// `TAXABLE_EXCEEDS_CANCELLABLE`.
    TaxableExceedsCancellable {
        /// The request's taxable part: `amount − tax_free_amount`.
        #[serde(with = "amount")]
        taxable: Decimal,
        /// `(total − tax_free) − (cancelled − cancelled_tax_free)`.
        #[serde(with = "amount")]
        taxable_balance: Decimal,
    },
    /// `UNSETTLED_SALES_SHORT`.
    UnsettledSalesShort {
        /// What the request refunds.
        #[serde(with = "amount")]
        requested: Decimal,
        /// The merchant profile's `unsettled_sales`.
        #[serde(with = "amount")]
        unsettled_sales: Decimal,
    },
}

impl ReasonDetails {
    /// The code these details belong to.
    pub fn code(&self) -> ReasonCode {
        match self {
            ReasonDetails::InvalidPayment { .. } => ReasonCode::InvalidPayment,
            ReasonDetails::PaymentNotPaid { .. } => ReasonCode::PaymentNotPaid,
            ReasonDetails::AlreadyCancelled { .. } => ReasonCode::AlreadyCancelled,
            ReasonDetails::InvalidAmount { .. } => ReasonCode::InvalidAmount,
            ReasonDetails::AmountExceedsCancellable { .. } => ReasonCode::AmountExceedsCancellable,
            ReasonDetails::CancellableAmountMismatch { .. } => {
                ReasonCode::CancellableAmountMismatch
            }
            ReasonDetails::TaxFreeExceedsCancellable { .. } => {
                ReasonCode::TaxFreeExceedsCancellable
            }
            ReasonDetails::TaxFreeExceedsAmount { .. } => ReasonCode::TaxFreeExceedsAmount,
            ReasonDetails::PartialCancelNotSupported { .. } => {
                ReasonCode::PartialCancelNotSupported
            }
            ReasonDetails::PartialCancelLimitReached { .. } => {
                ReasonCode::PartialCancelLimitReached
            }
            ReasonDetails::DeadlinePassed { .. } => ReasonCode::DeadlinePassed,
            ReasonDetails::MonthChanged { .. } => ReasonCode::MonthChanged,
            ReasonDetails::PaidAtMissing { .. } => ReasonCode::PaidAtMissing,
            ReasonDetails::OutsideCancelHours { .. } => ReasonCode::OutsideCancelHours,
            ReasonDetails::RefundAccountRequired {} => ReasonCode::RefundAccountRequired,
            ReasonDetails::RefundAccountInvalid { .. } => ReasonCode::RefundAccountInvalid,
            ReasonDetails::ContractRequired { .. } => ReasonCode::ContractRequired,
            ReasonDetails::RefundNotSupported { .. } => ReasonCode::RefundNotSupported,
            ReasonDetails::ReasonRequired {} => ReasonCode::ReasonRequired,
            ReasonDetails::FieldTooLong { .. } => ReasonCode::FieldTooLong,
            ReasonDetails::RequesterRequired {} => ReasonCode::RequesterRequired,
            ReasonDetails::DuplicateCancelId { .. } => ReasonCode::DuplicateCancelId,
            ReasonDetails::CancellationPending { .. } => ReasonCode::CancellationPending,
            ReasonDetails::NoPolicy { .. } => ReasonCode::NoPolicy,
            ReasonDetails::TaxableExceedsCancellable { .. } => {
                ReasonCode::TaxableExceedsCancellable
            }
            ReasonDetails::UnsettledSalesShort { .. } => ReasonCode::UnsettledSalesShort,
        }
    }
}

/// A way the payment contradicts itself (`INVALID_PAYMENT`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum PaymentProblem {
    /// An amount below zero.
    NegativeAmount {
        /// Where (`amount.total`, `cancellations[1].amount`).
        field: String,
        /// Its value.
        #[serde(with = "amount")]
        amount: Decimal,
    },
    /// More cancelled than paid.
    CancelledExceedsTotal {
        /// `amount.cancelled`.
        #[serde(with = "amount")]
        cancelled: Decimal,
        /// `amount.total`.
        #[serde(with = "amount")]
        total: Decimal,
    },
    /// More tax-free cancelled than tax-free paid.
    CancelledTaxFreeExceedsTaxFree {
        /// `amount.cancelled_tax_free`.
        #[serde(with = "amount")]
        cancelled_tax_free: Decimal,
        /// `amount.tax_free`.
        #[serde(with = "amount")]
        tax_free: Decimal,
    },
    /// A tax-free part larger than the whole.
    TaxFreeExceedsTotal {
        /// `amount.tax_free`.
        #[serde(with = "amount")]
        tax_free: Decimal,
        /// `amount.total`.
        #[serde(with = "amount")]
        total: Decimal,
    },
    /// An amount finer than the currency's minor unit (half a won).
    TooPrecise {
        /// Where (`amount.total`, `cancellations[1].amount`).
        field: String,
        /// Its value.
        #[serde(with = "amount")]
        amount: Decimal,
        /// The payment's currency.
        currency: Currency,
        /// How many decimals the currency allows.
        decimals: u16,
    },
    /// Paid after the moment of the decision.
    PaidAfterNow {
        /// `paid_at`.
        #[serde(with = "crate::model::instant")]
        paid_at: DateTime<Utc>,
        /// `now`.
        #[serde(with = "crate::model::instant")]
        now: DateTime<Utc>,
    },
}

/// A requested amount that is not a valid amount (`INVALID_AMOUNT`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum AmountProblem {
    /// `amount` is zero or less.
    NotPositive {
        /// The requested amount.
        #[serde(with = "amount")]
        amount: Decimal,
    },
    /// More decimals than the currency's minor unit has (`100.5` KRW).
    TooPrecise {
        /// Which field.
        field: AmountField,
        /// Its value.
        #[serde(with = "amount")]
        amount: Decimal,
        /// The payment's currency.
        currency: Currency,
        /// How many decimals the currency allows.
        decimals: u16,
    },
    /// `tax_free_amount` or `vat_amount` below zero.
    Negative {
        /// Which field.
        field: AmountField,
        /// Its value.
        #[serde(with = "amount")]
        amount: Decimal,
    },
}

/// An amount field of the refund request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountField {
    /// `amount`.
    Amount,
    /// `tax_free_amount`.
    TaxFreeAmount,
    /// `vat_amount`.
    VatAmount,
}

impl AmountField {
    /// The field's name in the request.
    pub fn name(self) -> &'static str {
        match self {
            AmountField::Amount => "amount",
            AmountField::TaxFreeAmount => "tax_free_amount",
            AmountField::VatAmount => "vat_amount",
        }
    }
}

/// A text field of the refund request with a length limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestField {
    /// `reason`.
    Reason,
    /// `cancel_id`.
    CancelId,
}

impl RequestField {
    /// The field's name in the request.
    pub fn name(self) -> &'static str {
        match self {
            RequestField::Reason => "reason",
            RequestField::CancelId => "cancel_id",
        }
    }
}

/// A field of the refund account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountField {
    /// `refund_account.bank`.
    Bank,
    /// `refund_account.number`.
    Number,
    /// `refund_account.holder_name`.
    HolderName,
    /// `refund_account.holder_phone`.
    HolderPhone,
}

impl AccountField {
    /// The field's name in the request.
    pub fn name(self) -> &'static str {
        match self {
            AccountField::Bank => "bank",
            AccountField::Number => "number",
            AccountField::HolderName => "holder_name",
            AccountField::HolderPhone => "holder_phone",
        }
    }
}

/// A problem with the refund account (`REFUND_ACCOUNT_INVALID`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum AccountProblem {
    /// The field is absent.
    Missing {
        /// Which field.
        field: AccountField,
    },
    /// The field is empty or only spaces.
    Blank {
        /// Which field.
        field: AccountField,
    },
    /// Longer than the provider accepts, in characters.
    TooLong {
        /// Which field.
        field: AccountField,
        /// Its length.
        chars: usize,
        /// The limit.
        max: u32,
    },
    /// Holds something other than digits where only digits are accepted (dashes included).
    NotDigits {
        /// Which field.
        field: AccountField,
    },
    /// The PG's bank-code table has no code for the bank.
    BankNotSupported {
        /// The bank.
        bank: Bank,
        /// The code table consulted (`NHN KCP`).
        table: PolicyText,
        /// The payment's PG, as written.
        #[serde(skip_serializing_if = "Option::is_none")]
        pg: Option<PolicyText>,
    },
}

/// A special contract, with its names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContractName {
    /// The id merchant profiles use.
    pub id: PolicyText,
    /// Its Korean name.
    pub ko: PolicyText,
    /// Its English name.
    pub en: PolicyText,
}

/// A rule that needs the payment time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeRule {
    /// A deadline (`within: 1 year`).
    Deadline,
    /// A same-calendar-month rule.
    SameMonth,
}

/// Why a PG's next-month refund (휴대폰 익월 환불) could not be used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextMonthRefund {
    /// The PG that offers it (the payment's, as written).
    pub pg: PolicyText,
    /// The contract it needs.
    pub contract: ContractName,
    /// Whether the merchant has the contract.
    pub contract_signed: bool,
    /// Whether the request carries a refund account.
    pub refund_account_given: bool,
    /// What is wrong with the given refund account.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refund_account_problems: Vec<AccountProblem>,
}
