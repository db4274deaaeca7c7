//! Banks, named as in PortOne V2's `Bank` enum.
//!
//! Requests name the refund account's bank this way for every provider; the policies map the
//! names to each provider's or PG's own codes (`88`, `BK88`, `088` for Shinhan).

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

macro_rules! banks {
    ($($variant:ident => $name:literal, $korean:literal;)*) => {
        /// A bank or securities company, as PortOne V2's `Bank` enum names it (79 values,
        /// `developers.portone.io` `v2.openapi.json`, components.schemas.Bank).
        ///
        /// ```
        /// use refund_policy::model::Bank;
        /// let bank: Bank = "SHINHAN".parse().unwrap();
        /// assert_eq!(bank, Bank::Shinhan);
        /// assert_eq!(bank.korean_name(), "신한은행");
        /// assert!("SHINHANN".parse::<Bank>().is_err());
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Bank {
            $(
                #[doc = $korean]
                $variant,
            )*
        }

        impl Bank {
            /// Every bank, in the order of PortOne's enum.
            pub const ALL: &'static [Bank] = &[$(Bank::$variant),*];

            /// Every enum name, in the same order.
            pub(crate) const NAMES: &'static [&'static str] = &[$($name),*];

            /// The enum name (`SHINHAN`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Bank::$variant => $name,)*
                }
            }

            /// The Korean name PortOne gives the bank (`신한은행`).
            pub fn korean_name(self) -> &'static str {
                match self {
                    $(Bank::$variant => $korean,)*
                }
            }
        }
    };
}

banks! {
    BankOfKorea => "BANK_OF_KOREA", "한국은행";
    Kdb => "KDB", "산업은행";
    Ibk => "IBK", "기업은행";
    Kookmin => "KOOKMIN", "국민은행";
    Suhyup => "SUHYUP", "수협은행";
    Kexim => "KEXIM", "수출입은행";
    Nonghyup => "NONGHYUP", "NH농협은행";
    LocalNonghyup => "LOCAL_NONGHYUP", "지역농축협";
    Woori => "WOORI", "우리은행";
    StandardChartered => "STANDARD_CHARTERED", "SC제일은행";
    Citi => "CITI", "한국씨티은행";
    SuhyupFederation => "SUHYUP_FEDERATION", "수협중앙회";
    Daegu => "DAEGU", "아이엠뱅크";
    Busan => "BUSAN", "부산은행";
    Kwangju => "KWANGJU", "광주은행";
    Jeju => "JEJU", "제주은행";
    Jeonbuk => "JEONBUK", "전북은행";
    Kyongnam => "KYONGNAM", "경남은행";
    Kfcc => "KFCC", "새마을금고";
    Shinhyup => "SHINHYUP", "신협";
    SavingsBank => "SAVINGS_BANK", "저축은행";
    MorganStanley => "MORGAN_STANLEY", "모간스탠리은행";
    Hsbc => "HSBC", "HSBC은행";
    Deutsche => "DEUTSCHE", "도이치은행";
    Jpmc => "JPMC", "제이피모간체이스은행";
    Mizuho => "MIZUHO", "미즈호은행";
    Mufg => "MUFG", "엠유에프지은행";
    BankOfAmerica => "BANK_OF_AMERICA", "BOA은행";
    BnpParibas => "BNP_PARIBAS", "비엔피파리바은행";
    Icbc => "ICBC", "중국공상은행";
    BankOfChina => "BANK_OF_CHINA", "중국은행";
    Nfcf => "NFCF", "산림조합중앙회";
    Uob => "UOB", "대화은행";
    Bocom => "BOCOM", "교통은행";
    Ccb => "CCB", "중국건설은행";
    Post => "POST", "우체국";
    Kodit => "KODIT", "신용보증기금";
    Kibo => "KIBO", "기술보증기금";
    Hana => "HANA", "하나은행";
    Shinhan => "SHINHAN", "신한은행";
    KBank => "K_BANK", "케이뱅크";
    Kakao => "KAKAO", "카카오뱅크";
    Toss => "TOSS", "토스뱅크";
    MiscForeign => "MISC_FOREIGN", "기타 외국계은행(중국 농업은행 등)";
    Sgi => "SGI", "서울보증보험";
    Kcis => "KCIS", "한국신용정보원";
    YuantaSecurities => "YUANTA_SECURITIES", "유안타증권";
    KbSecurities => "KB_SECURITIES", "KB증권";
    SangsanginSecurities => "SANGSANGIN_SECURITIES", "상상인증권";
    HanyangSecurities => "HANYANG_SECURITIES", "한양증권";
    LeadingSecurities => "LEADING_SECURITIES", "리딩투자증권";
    BnkSecurities => "BNK_SECURITIES", "BNK투자증권";
    IbkSecurities => "IBK_SECURITIES", "IBK투자증권";
    DaolSecurities => "DAOL_SECURITIES", "다올투자증권";
    MiraeAssetSecurities => "MIRAE_ASSET_SECURITIES", "미래에셋증권";
    SamsungSecurities => "SAMSUNG_SECURITIES", "삼성증권";
    KoreaSecurities => "KOREA_SECURITIES", "한국투자증권";
    NhSecurities => "NH_SECURITIES", "NH투자증권";
    KyoboSecurities => "KYOBO_SECURITIES", "교보증권";
    HiSecurities => "HI_SECURITIES", "하이투자증권";
    HyundaiMotorSecurities => "HYUNDAI_MOTOR_SECURITIES", "현대차증권";
    KiwoomSecurities => "KIWOOM_SECURITIES", "키움증권";
    EbestSecurities => "EBEST_SECURITIES", "LS증권";
    SkSecurities => "SK_SECURITIES", "SK증권";
    DaishinSecurities => "DAISHIN_SECURITIES", "대신증권";
    HanhwaSecurities => "HANHWA_SECURITIES", "한화투자증권";
    HanaSecurities => "HANA_SECURITIES", "하나증권";
    TossSecurities => "TOSS_SECURITIES", "토스증권";
    ShinhanSecurities => "SHINHAN_SECURITIES", "신한투자증권";
    DbSecurities => "DB_SECURITIES", "DB금융투자";
    EugeneSecurities => "EUGENE_SECURITIES", "유진투자증권";
    MeritzSecurities => "MERITZ_SECURITIES", "메리츠증권";
    KakaoPaySecurities => "KAKAO_PAY_SECURITIES", "카카오페이증권";
    BookookSecurities => "BOOKOOK_SECURITIES", "부국증권";
    ShinyoungSecurities => "SHINYOUNG_SECURITIES", "신영증권";
    CapeSecurities => "CAPE_SECURITIES", "케이프투자증권";
    KoreaSecuritiesFinance => "KOREA_SECURITIES_FINANCE", "한국증권금융";
    KoreaFossSecurities => "KOREA_FOSS_SECURITIES", "한국포스증권";
    WooriInvestmentBank => "WOORI_INVESTMENT_BANK", "우리종합금융";
}

impl fmt::Display for Bank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A text that names no bank of PortOne V2's `Bank` enum.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown bank `{0}`")]
pub struct UnknownBank(pub String);

impl FromStr for Bank {
    type Err = UnknownBank;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Bank::ALL
            .iter()
            .copied()
            .find(|bank| bank.name() == s)
            .ok_or_else(|| UnknownBank(s.to_owned()))
    }
}

impl schemars::JsonSchema for Bank {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Bank".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A bank, named as in PortOne V2's `Bank` enum.",
            "type": "string",
            "enum": Bank::NAMES,
        })
    }
}

impl Serialize for Bank {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Bank {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BankVisitor;
        impl Visitor<'_> for BankVisitor {
            type Value = Bank;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a bank name of PortOne V2's `Bank` enum, such as `SHINHAN`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Bank, E> {
                v.parse().map_err(|_| E::unknown_variant(v, Bank::NAMES))
            }
        }
        deserializer.deserialize_str(BankVisitor)
    }
}
