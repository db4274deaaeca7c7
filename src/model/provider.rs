//! The payment providers the contract names.

use super::vocabulary::vocabulary;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

vocabulary! {
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
    pub enum Provider (UnknownProvider, "provider") in model as array {
        /// PortOne V2 (`api.portone.io`).
        PortoneV2 => "portone_v2",
        /// PortOne V1, formerly iamport (`api.iamport.kr`).
        PortoneV1 => "portone_v1",
        /// Bootpay (`api.bootpay.co.kr/v2`).
        Bootpay => "bootpay",
        /// Toss Payments (`api.tosspayments.com`), its own PG.
        TossPayments => "toss_payments",
    }
}
