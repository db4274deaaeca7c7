//! The stable codes of reasons and notes (contract §4.2, §4.3).

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)* }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
            schemars::JsonSchema,
        )]
        // Codes are added as providers and rules grow; callers keep a fallback arm.
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $text)]
                $variant,
            )*
        }

        impl $name {
            /// Every code, in the contract's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The code's position in [`Self::ALL`].
            #[expect(clippy::as_conversions, reason = "a fieldless enum's discriminant is its position")]
            pub fn index(self) -> usize {
                self as usize
            }

            /// The code as written on the wire (`DEADLINE_PASSED`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|code| code.as_str() == s)
                    .ok_or_else(|| s.to_owned())
            }
        }
    };
}

codes! {
    /// Why a refund would not go through (contract §4.2). A decision is `deny` exactly when it
    /// has at least one reason.
    ///
    /// ```
    /// use refund_policy::decision::ReasonCode;
    /// assert_eq!(ReasonCode::MonthChanged.as_str(), "MONTH_CHANGED");
    /// assert_eq!("NO_POLICY".parse::<ReasonCode>(), Ok(ReasonCode::NoPolicy));
    /// ```
    pub enum ReasonCode {
        /// The payment contradicts itself; reported alone.
        InvalidPayment => "INVALID_PAYMENT",
        /// The payment was never completed; reported alone.
        PaymentNotPaid => "PAYMENT_NOT_PAID",
        /// Nothing remains to refund; reported alone.
        AlreadyCancelled => "ALREADY_CANCELLED",
        /// The requested amounts are not valid amounts.
        InvalidAmount => "INVALID_AMOUNT",
        /// More than the balance is asked for.
        AmountExceedsCancellable => "AMOUNT_EXCEEDS_CANCELLABLE",
        /// The caller's balance differs from the payment's.
        CancellableAmountMismatch => "CANCELLABLE_AMOUNT_MISMATCH",
        /// More tax-free amount than the tax-free balance.
        TaxFreeExceedsCancellable => "TAX_FREE_EXCEEDS_CANCELLABLE",
        /// Tax-free plus VAT exceed the amount cancelled.
        TaxFreeExceedsAmount => "TAX_FREE_EXCEEDS_AMOUNT",
        /// A partial refund where only a full one is possible.
        PartialCancelNotSupported => "PARTIAL_CANCEL_NOT_SUPPORTED",
        /// The PG's limit on partial cancels is used up.
        PartialCancelLimitReached => "PARTIAL_CANCEL_LIMIT_REACHED",
        /// Past the last refundable day.
        DeadlinePassed => "DEADLINE_PASSED",
        /// A same-month rule, and the month has changed.
        MonthChanged => "MONTH_CHANGED",
        /// A deadline or month rule applies but the payment time is unknown.
        PaidAtMissing => "PAID_AT_MISSING",
        /// The PG takes this cancel only at certain local hours.
        OutsideCancelHours => "OUTSIDE_CANCEL_HOURS",
        /// A refund account is needed and absent.
        RefundAccountRequired => "REFUND_ACCOUNT_REQUIRED",
        /// The refund account is incomplete or malformed for this provider or PG.
        RefundAccountInvalid => "REFUND_ACCOUNT_INVALID",
        /// The refund needs a special contract the merchant lacks.
        ContractRequired => "CONTRACT_REQUIRED",
        /// The provider cannot refund this method or PG at all.
        RefundNotSupported => "REFUND_NOT_SUPPORTED",
        /// The provider requires a reason.
        ReasonRequired => "REASON_REQUIRED",
        /// `reason` or `cancel_id` is longer than the provider accepts.
        FieldTooLong => "FIELD_TOO_LONG",
        /// The provider requires `requester`.
        RequesterRequired => "REQUESTER_REQUIRED",
        /// The `cancel_id` was already used for this payment.
        DuplicateCancelId => "DUPLICATE_CANCEL_ID",
        /// An earlier cancellation is still in progress.
        CancellationPending => "CANCELLATION_PENDING",
        /// No loaded policy covers this provider and method.
        NoPolicy => "NO_POLICY",
        /// A partial cancel's taxable part exceeds the taxable balance.
        TaxableExceedsCancellable => "TAXABLE_EXCEEDS_CANCELLABLE",
        /// The refund exceeds what the PG still owes the merchant.
        UnsettledSalesShort => "UNSETTLED_SALES_SHORT",
    }
}

codes! {
    /// Something the caller should know that does not block the refund (contract §4.3).
    ///
    /// ```
    /// use refund_policy::decision::NoteCode;
    /// assert_eq!(NoteCode::RefundFee.as_str(), "REFUND_FEE");
    /// ```
    pub enum NoteCode {
        /// The refund costs the merchant a fee.
        RefundFee => "REFUND_FEE",
        /// The money reaches the customer only after some business days.
        ProcessingDelay => "PROCESSING_DELAY",
        /// The provider answers `REQUESTED` first and confirms later.
        AsyncCancellation => "ASYNC_CANCELLATION",
        /// The provider cannot refund: the merchant must pay the customer back directly.
        ManualRefund => "MANUAL_REFUND",
        /// The easy-pay funding is unknown, so the strictest deadline was applied.
        FundingAssumed => "FUNDING_ASSUMED",
        /// The payment's PG is not one the policy lists.
        UnknownPg => "UNKNOWN_PG",
        /// The easy-pay service is not one the policy lists.
        UnknownEasyPayProvider => "UNKNOWN_EASY_PAY_PROVIDER",
        /// The PG does not cancel the payment's cash receipt with it.
        CashReceiptNotCancelled => "CASH_RECEIPT_NOT_CANCELLED",
    }
}
