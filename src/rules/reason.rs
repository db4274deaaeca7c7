//! `reason`: whether a cancel reason is required, and its length limit (`REASON_REQUIRED`,
//! `FIELD_TOO_LONG`).

use super::Rule;
use crate::decision::RequestField;
use crate::engine::{Context, Findings, blank, reason};
use crate::options::sink::OptionsSink;
use crate::policy::{Checker, RuleMeta, Site, key};

rule_doc! {
    /// `reason`: whether a cancel reason is required, and its length limit
    /// (`REASON_REQUIRED`, `FIELD_TOO_LONG`).
    pub struct ReasonRuleDoc {
        /// A reason must be given.
        pub required: bool,
        /// At most this many characters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub max_chars: Option<u32>,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ReasonRule {
    pub(crate) meta: RuleMeta,
    pub(crate) required: bool,
    pub(crate) max_chars: Option<u32>,
}

pub(crate) fn compile(
    doc: &ReasonRuleDoc,
    site: &Site,
    checker: &mut Checker<'_>,
) -> Option<ReasonRule> {
    if let Some(max) = doc.max_chars {
        checker.positive(&key(&site.path, "max_chars"), max, "max_chars");
    }
    let meta = checker.meta(site, doc);
    Some(ReasonRule {
        meta,
        required: doc.required,
        max_chars: doc.max_chars,
    })
}

impl ReasonRule {
    /// `FIELD_TOO_LONG` if `text`, longer in bytes than `max`, is longer in characters too.
    /// Out of line, so that the usual check, of a short reason, saves no registers for it.
    #[cold]
    fn field_too_long(&self, text: &str, max: u32, out: &mut impl Findings) {
        let chars = text.chars().count();
        if usize::try_from(max).is_ok_and(|max| chars > max) {
            out.reason(
                &self.meta,
                reason!(FieldTooLong {
                    field: RequestField::Reason,
                    chars,
                    max,
                }),
            );
        }
    }
}

impl Rule for ReasonRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &Context<'_>, out: &mut impl Findings) {
        let given = cx.request.reason.as_deref();
        // Blank is what `trim` leaves empty; the first other character answers.
        if self.required && given.is_none_or(blank) {
            out.reason(&self.meta, reason!(ReasonRequired {}));
        }
        if let (Some(text), Some(max)) = (given, self.max_chars)
            // A text of no more bytes than the limit has no more characters either.
            && usize::try_from(max).is_ok_and(|max| text.len() > max)
        {
            self.field_too_long(text, max, out);
        }
    }

    /// `reason`: required or not, and its limit.
    fn constrain(&self, _: &Context<'_>, out: &mut OptionsSink<'_>) {
        if self.required || self.max_chars.is_some() {
            out.field("reason", &self.meta.id, self.required, self.max_chars);
        }
    }

    fn describe(&self) -> String {
        let required = if self.required {
            "required"
        } else {
            "optional"
        };
        let max = self
            .max_chars
            .map(|m| format!(", at most {m} chars"))
            .unwrap_or_default();
        format!("reason {required}{max}")
    }
}
