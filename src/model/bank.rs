//! Banks, named as in PortOne V2's `Bank` enum.
//!
//! Requests name the refund account's bank this way for every provider; the policies map the
//! names to each provider's or PG's own codes (`88`, `BK88`, `088` for Shinhan). People also
//! write banks the Korean way (`신한`, `신한은행`) or by their KFTC three-digit code (`088`):
//! both read as the bank.

use super::vocabulary::vocabulary;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

vocabulary! {
    /// A bank or securities company, as PortOne V2's `Bank` enum names it (79 values,
    /// `developers.portone.io` `v2.openapi.json`, components.schemas.Bank).
    ///
    /// Besides the enum name, a bank reads from the Korean name PortOne gives it
    /// ([`Bank::korean_name`]), the short Korean names of the banks' code tables, with or
    /// without 은행 (`신한`, `신한은행`, `국민`, `하나(외환)`), and the bank's KFTC three-digit
    /// code (금융결제원 표준코드, `088`); it is written back by its enum name.
    ///
    /// ```
    /// use refund_policy::model::Bank;
    /// let bank: Bank = "SHINHAN".parse().unwrap();
    /// assert_eq!(bank, Bank::Shinhan);
    /// assert_eq!(bank.korean_name(), "신한은행");
    /// for text in ["신한", "신한은행", "088"] {
    ///     assert_eq!(text.parse::<Bank>(), Ok(Bank::Shinhan));
    /// }
    /// assert_eq!("국민".parse::<Bank>(), Ok(Bank::Kookmin));
    /// assert!("SHINHANN".parse::<Bank>().is_err());
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
    pub enum Bank (UnknownBank, "bank") in model as slice {
        #[doc = "한국은행"]
        BankOfKorea => "BANK_OF_KOREA" | "한국은행",
        #[doc = "산업은행"]
        Kdb => "KDB" | "산업은행" | "산업" | "KDB산업은행" | "002",
        #[doc = "기업은행"]
        Ibk => "IBK" | "기업은행" | "기업" | "IBK기업은행" | "003",
        #[doc = "국민은행"]
        Kookmin => "KOOKMIN" | "국민은행" | "국민" | "KB국민은행" | "004",
        #[doc = "수협은행"]
        Suhyup => "SUHYUP" | "수협은행" | "수협" | "007",
        #[doc = "수출입은행"]
        Kexim => "KEXIM" | "수출입은행",
        #[doc = "NH농협은행"]
        Nonghyup => "NONGHYUP" | "NH농협은행" | "농협" | "농협은행" | "NH농협" | "011",
        #[doc = "지역농축협"]
        LocalNonghyup => "LOCAL_NONGHYUP" | "지역농축협" | "축협" | "단위농협" | "012",
        #[doc = "우리은행"]
        Woori => "WOORI" | "우리은행" | "우리" | "020",
        #[doc = "SC제일은행"]
        StandardChartered => "STANDARD_CHARTERED" | "SC제일은행" | "SC제일" | "023",
        #[doc = "한국씨티은행"]
        Citi => "CITI" | "한국씨티은행" | "한국씨티" | "씨티" | "씨티은행" | "027",
        #[doc = "수협중앙회"]
        SuhyupFederation => "SUHYUP_FEDERATION" | "수협중앙회",
        #[doc = "아이엠뱅크"]
        Daegu => "DAEGU" | "아이엠뱅크" | "대구" | "대구은행" | "iM뱅크" | "031",
        #[doc = "부산은행"]
        Busan => "BUSAN" | "부산은행" | "부산" | "032",
        #[doc = "광주은행"]
        Kwangju => "KWANGJU" | "광주은행" | "광주" | "034",
        #[doc = "제주은행"]
        Jeju => "JEJU" | "제주은행" | "제주" | "035",
        #[doc = "전북은행"]
        Jeonbuk => "JEONBUK" | "전북은행" | "전북" | "037",
        #[doc = "경남은행"]
        Kyongnam => "KYONGNAM" | "경남은행" | "경남" | "039",
        #[doc = "새마을금고"]
        Kfcc => "KFCC" | "새마을금고" | "045",
        #[doc = "신협"]
        Shinhyup => "SHINHYUP" | "신협" | "048",
        #[doc = "저축은행"]
        SavingsBank => "SAVINGS_BANK" | "저축은행" | "050",
        #[doc = "모간스탠리은행"]
        MorganStanley => "MORGAN_STANLEY" | "모간스탠리은행",
        #[doc = "HSBC은행"]
        Hsbc => "HSBC" | "HSBC은행" | "054",
        #[doc = "도이치은행"]
        Deutsche => "DEUTSCHE" | "도이치은행" | "055",
        #[doc = "제이피모간체이스은행"]
        Jpmc => "JPMC" | "제이피모간체이스은행" | "057",
        #[doc = "미즈호은행"]
        Mizuho => "MIZUHO" | "미즈호은행",
        #[doc = "엠유에프지은행"]
        Mufg => "MUFG" | "엠유에프지은행",
        #[doc = "BOA은행"]
        BankOfAmerica => "BANK_OF_AMERICA" | "BOA은행" | "060",
        #[doc = "비엔피파리바은행"]
        BnpParibas => "BNP_PARIBAS" | "비엔피파리바은행" | "061",
        #[doc = "중국공상은행"]
        Icbc => "ICBC" | "중국공상은행" | "062",
        #[doc = "중국은행"]
        BankOfChina => "BANK_OF_CHINA" | "중국은행",
        #[doc = "산림조합중앙회"]
        Nfcf => "NFCF" | "산림조합중앙회" | "산림" | "산림조합" | "064",
        #[doc = "대화은행"]
        Uob => "UOB" | "대화은행",
        #[doc = "교통은행"]
        Bocom => "BOCOM" | "교통은행",
        #[doc = "중국건설은행"]
        Ccb => "CCB" | "중국건설은행",
        #[doc = "우체국"]
        Post => "POST" | "우체국" | "071",
        #[doc = "신용보증기금"]
        Kodit => "KODIT" | "신용보증기금",
        #[doc = "기술보증기금"]
        Kibo => "KIBO" | "기술보증기금",
        #[doc = "하나은행"]
        Hana => "HANA" | "하나은행" | "하나" | "외환" | "외환은행" | "하나(외환)" | "081",
        #[doc = "신한은행"]
        Shinhan => "SHINHAN" | "신한은행" | "신한" | "088",
        #[doc = "케이뱅크"]
        KBank => "K_BANK" | "케이뱅크" | "089",
        #[doc = "카카오뱅크"]
        Kakao => "KAKAO" | "카카오뱅크" | "090",
        #[doc = "토스뱅크"]
        Toss => "TOSS" | "토스뱅크" | "092",
        #[doc = "기타 외국계은행(중국 농업은행 등)"]
        MiscForeign => "MISC_FOREIGN" | "기타 외국계은행(중국 농업은행 등)",
        #[doc = "서울보증보험"]
        Sgi => "SGI" | "서울보증보험",
        #[doc = "한국신용정보원"]
        Kcis => "KCIS" | "한국신용정보원",
        #[doc = "유안타증권"]
        YuantaSecurities => "YUANTA_SECURITIES" | "유안타증권",
        #[doc = "KB증권"]
        KbSecurities => "KB_SECURITIES" | "KB증권",
        #[doc = "상상인증권"]
        SangsanginSecurities => "SANGSANGIN_SECURITIES" | "상상인증권",
        #[doc = "한양증권"]
        HanyangSecurities => "HANYANG_SECURITIES" | "한양증권",
        #[doc = "리딩투자증권"]
        LeadingSecurities => "LEADING_SECURITIES" | "리딩투자증권",
        #[doc = "BNK투자증권"]
        BnkSecurities => "BNK_SECURITIES" | "BNK투자증권",
        #[doc = "IBK투자증권"]
        IbkSecurities => "IBK_SECURITIES" | "IBK투자증권",
        #[doc = "다올투자증권"]
        DaolSecurities => "DAOL_SECURITIES" | "다올투자증권",
        #[doc = "미래에셋증권"]
        MiraeAssetSecurities => "MIRAE_ASSET_SECURITIES" | "미래에셋증권",
        #[doc = "삼성증권"]
        SamsungSecurities => "SAMSUNG_SECURITIES" | "삼성증권",
        #[doc = "한국투자증권"]
        KoreaSecurities => "KOREA_SECURITIES" | "한국투자증권",
        #[doc = "NH투자증권"]
        NhSecurities => "NH_SECURITIES" | "NH투자증권",
        #[doc = "교보증권"]
        KyoboSecurities => "KYOBO_SECURITIES" | "교보증권",
        #[doc = "하이투자증권"]
        HiSecurities => "HI_SECURITIES" | "하이투자증권",
        #[doc = "현대차증권"]
        HyundaiMotorSecurities => "HYUNDAI_MOTOR_SECURITIES" | "현대차증권",
        #[doc = "키움증권"]
        KiwoomSecurities => "KIWOOM_SECURITIES" | "키움증권",
        #[doc = "LS증권"]
        EbestSecurities => "EBEST_SECURITIES" | "LS증권",
        #[doc = "SK증권"]
        SkSecurities => "SK_SECURITIES" | "SK증권",
        #[doc = "대신증권"]
        DaishinSecurities => "DAISHIN_SECURITIES" | "대신증권",
        #[doc = "한화투자증권"]
        HanhwaSecurities => "HANHWA_SECURITIES" | "한화투자증권",
        #[doc = "하나증권"]
        HanaSecurities => "HANA_SECURITIES" | "하나증권",
        #[doc = "토스증권"]
        TossSecurities => "TOSS_SECURITIES" | "토스증권",
        #[doc = "신한투자증권"]
        ShinhanSecurities => "SHINHAN_SECURITIES" | "신한투자증권",
        #[doc = "DB금융투자"]
        DbSecurities => "DB_SECURITIES" | "DB금융투자",
        #[doc = "유진투자증권"]
        EugeneSecurities => "EUGENE_SECURITIES" | "유진투자증권",
        #[doc = "메리츠증권"]
        MeritzSecurities => "MERITZ_SECURITIES" | "메리츠증권",
        #[doc = "카카오페이증권"]
        KakaoPaySecurities => "KAKAO_PAY_SECURITIES" | "카카오페이증권",
        #[doc = "부국증권"]
        BookookSecurities => "BOOKOOK_SECURITIES" | "부국증권",
        #[doc = "신영증권"]
        ShinyoungSecurities => "SHINYOUNG_SECURITIES" | "신영증권",
        #[doc = "케이프투자증권"]
        CapeSecurities => "CAPE_SECURITIES" | "케이프투자증권",
        #[doc = "한국증권금융"]
        KoreaSecuritiesFinance => "KOREA_SECURITIES_FINANCE" | "한국증권금융",
        #[doc = "한국포스증권"]
        KoreaFossSecurities => "KOREA_FOSS_SECURITIES" | "한국포스증권",
        #[doc = "우리종합금융"]
        WooriInvestmentBank => "WOORI_INVESTMENT_BANK" | "우리종합금융",
    }
}

impl Bank {
    /// Every enum name, in the order of [`Bank::ALL`].
    pub(crate) const NAMES: &'static [&'static str] = Bank::IDS;

    /// The enum name (`SHINHAN`).
    pub fn name(self) -> &'static str {
        self.id()
    }

    /// The Korean name PortOne gives the bank (`신한은행`).
    pub fn korean_name(self) -> &'static str {
        self.aliases().first().copied().unwrap_or(self.id())
    }

    /// The bank's KFTC three-digit code (`088`), where the code tables give one.
    ///
    /// ```
    /// use refund_policy::model::Bank;
    /// assert_eq!(Bank::Kookmin.kftc_code(), Some("004"));
    /// assert_eq!(Bank::KoreaSecurities.kftc_code(), None);
    /// ```
    pub fn kftc_code(self) -> Option<&'static str> {
        self.aliases()
            .iter()
            .copied()
            .find(|alias| alias.len() == 3 && alias.bytes().all(|b| b.is_ascii_digit()))
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

impl<'de> Deserialize<'de> for Bank {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BankVisitor;
        impl Visitor<'_> for BankVisitor {
            type Value = Bank;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a bank name of PortOne V2's `Bank` enum such as `SHINHAN`, a Korean bank \
                     name such as `신한은행`, or a KFTC bank code such as `088`",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Bank, E> {
                v.trim()
                    .parse()
                    .map_err(|_| E::unknown_variant(v, Bank::SPELLINGS))
            }
        }
        deserializer.deserialize_str(BankVisitor)
    }
}
