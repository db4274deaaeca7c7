//! The merchant's side of a refund: the special contracts it has signed (contract §3).

use serde::{Deserialize, Serialize};

/// The special agreements a merchant has signed with its PGs. The ids are defined by the
/// policies (`virtual_account_refund`, `mobile_next_month_refund`, `partial_refund_service`).
///
/// ```
/// use refund_policy::model::MerchantProfile;
/// let merchant = MerchantProfile::with_contracts(["virtual_account_refund"]);
/// assert!(merchant.has_contract("virtual_account_refund"));
/// assert!(!MerchantProfile::default().has_contract("virtual_account_refund"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MerchantProfile {
    /// Contract ids, as the policies define them.
    #[serde(default)]
    pub contracts: Vec<String>,
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
        }
    }

    /// Whether the merchant has signed the contract `id`.
    pub fn has_contract(&self, id: &str) -> bool {
        self.contracts.iter().any(|c| c == id)
    }
}
