//! The payment providers the contract names.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A payment aggregator or PG whose refund rules this crate knows.
///
/// ```
/// use refund_policy::model::Provider;
/// assert_eq!(Provider::PortoneV2.id(), "portone_v2");
/// assert_eq!("toss_payments".parse::<Provider>(), Ok(Provider::TossPayments));
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    /// PortOne V2 (`api.portone.io`).
    PortoneV2,
    /// PortOne V1, formerly iamport (`api.iamport.kr`).
    PortoneV1,
    /// Bootpay (`api.bootpay.co.kr/v2`).
    Bootpay,
    /// Toss Payments (`api.tosspayments.com`), its own PG.
    TossPayments,
}

impl Provider {
    /// Every provider, in the contract's order.
    pub const ALL: [Provider; 4] = [
        Provider::PortoneV2,
        Provider::PortoneV1,
        Provider::Bootpay,
        Provider::TossPayments,
    ];

    /// The contract's id for this provider, as written in payments and policies.
    pub fn id(self) -> &'static str {
        match self {
            Provider::PortoneV2 => "portone_v2",
            Provider::PortoneV1 => "portone_v1",
            Provider::Bootpay => "bootpay",
            Provider::TossPayments => "toss_payments",
        }
    }

    /// A position in [`Provider::ALL`], for tables indexed by provider.
    pub(crate) fn index(self) -> usize {
        match self {
            Provider::PortoneV2 => 0,
            Provider::PortoneV1 => 1,
            Provider::Bootpay => 2,
            Provider::TossPayments => 3,
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl std::str::FromStr for Provider {
    type Err = UnknownProvider;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Provider::ALL
            .into_iter()
            .find(|p| p.id() == s)
            .ok_or_else(|| UnknownProvider(s.to_owned()))
    }
}

/// A provider id that is not one of [`Provider::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown provider `{0}`, expected one of `portone_v2`, `portone_v1`, `bootpay`, `toss_payments`"
)]
pub struct UnknownProvider(pub String);
