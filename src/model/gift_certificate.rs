//! Gift certificates (상품권) and their kinds (contract §1).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What is known of a gift certificate (상품권).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GiftCertificate {
    /// Which certificate; `None` when unknown.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub certificate_type: Option<GiftCertificateType>,
}

/// The kind of gift certificate, as PortOne V2's `giftCertificateType` names them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
// PortOne adds certificates as PGs add them; callers keep a fallback arm.
#[non_exhaustive]
pub enum GiftCertificateType {
    /// 도서문화상품권 (Book&Life).
    Booknlife,
    /// 스마트문화상품권 (스마트문상).
    SmartMunsang,
    /// 컬쳐랜드 문화상품권.
    Cultureland,
    /// 해피머니 상품권.
    Happymoney,
    /// 컬쳐기프트 (culture gift).
    Culturegift,
}

impl GiftCertificateType {
    /// The contract's id (`smart_munsang`).
    pub fn id(self) -> &'static str {
        match self {
            GiftCertificateType::Booknlife => "booknlife",
            GiftCertificateType::SmartMunsang => "smart_munsang",
            GiftCertificateType::Cultureland => "cultureland",
            GiftCertificateType::Happymoney => "happymoney",
            GiftCertificateType::Culturegift => "culturegift",
        }
    }
}

impl fmt::Display for GiftCertificateType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
