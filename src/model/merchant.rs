//! The merchant's side of a refund: the special contracts it has signed, and what its PG
//! still owes it (contract §3).

use super::amount;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

/// The special agreements a merchant has signed with its PGs, and its unsettled sales. The
/// contract ids are defined by the policies (`virtual_account_refund`,
/// `mobile_next_month_refund`, `partial_refund_service`).
///
/// ```
/// use refund_policy::model::MerchantProfile;
/// let merchant = MerchantProfile::with_contracts(["virtual_account_refund"]);
/// assert!(merchant.has_contract("virtual_account_refund"));
/// assert!(!MerchantProfile::default().has_contract("virtual_account_refund"));
///
/// let owed = refund_policy::input::merchant("unsettled_sales: 50000").unwrap();
/// assert_eq!(owed.unsettled_sales, Some(50000.into()));
/// let error = refund_policy::input::merchant("unsettled_sales: -1").unwrap_err();
/// assert!(error.to_string().contains("`unsettled_sales` cannot be negative"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MerchantProfile {
    /// Contract ids, as the policies define them.
    #[serde(default)]
    pub contracts: Vec<String>,
    /// What the PG still owes the merchant and nets refunds against, as the refund service
    /// knows it; `None` when unknown. A refund above it is `UNSETTLED_SALES_SHORT`. Read
    /// exactly, like every amount; never negative.
    #[serde(
        default,
        deserialize_with = "non_negative",
        serialize_with = "amount::option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub unsettled_sales: Option<Decimal>,
}

/// An optional amount that cannot be below zero: what a PG owes is never negative.
fn non_negative<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
    let value = amount::option::deserialize(deserializer)?;
    match value {
        Some(v) if v.is_sign_negative() && !v.is_zero() => Err(serde::de::Error::custom(format!(
            "`unsettled_sales` cannot be negative, found `{v}`"
        ))),
        _ => Ok(value),
    }
}

impl MerchantProfile {
    /// A profile with these contracts.
    pub fn with_contracts<I, S>(contracts: I) -> MerchantProfile
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        MerchantProfile {
            contracts: contracts.into_iter().map(Into::into).collect(),
            unsettled_sales: None,
        }
    }

    /// Whether the merchant has signed the contract `id`.
    pub fn has_contract(&self, id: &str) -> bool {
        self.contracts.iter().any(|c| c == id)
    }
}
