//! Gift certificates (상품권) and their kinds (contract §1).

use super::vocabulary::vocabulary;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What is known of a gift certificate (상품권).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GiftCertificate {
    /// Which certificate; `None` when unknown.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub certificate_type: Option<GiftCertificateType>,
}

vocabulary! {
    /// The kind of gift certificate, as PortOne V2's `giftCertificateType` names them.
    #[derive(
        Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
    )]
    // PortOne adds certificates as PGs add them; callers keep a fallback arm.
    #[non_exhaustive]
    pub enum GiftCertificateType (UnknownGiftCertificateType, "gift certificate type") in model as array {
        /// 도서문화상품권 (Book&Life).
        Booknlife => "booknlife",
        /// 스마트문화상품권 (스마트문상).
        SmartMunsang => "smart_munsang",
        /// 컬쳐랜드 문화상품권.
        Cultureland => "cultureland",
        /// 해피머니 상품권.
        Happymoney => "happymoney",
        /// 컬쳐기프트 (culture gift).
        Culturegift => "culturegift",
    }
}
