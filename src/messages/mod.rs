//! Messages that explain reasons and notes to people, in Korean and English, and the JSON
//! reports that carry them: a decision's ([`Report`]) and refund options' ([`OptionsReport`]).
//!
//! Messages are written from a reason's details alone, so they show the same numbers the
//! decision carries. Each language is one exhaustive `match`: a new code does not compile until
//! both languages say something for it.

mod en;
mod en_words;
mod json;
mod json_writer;
mod ko;
mod ko_words;
mod options;
mod options_report;
mod particle;
mod report;
mod report_compact;
mod report_schema;
mod text;

pub use crate::lang::Lang;
pub use options::options_text;
pub use options_report::{
    BankCodesEntry, CancelsLeftEntry, CompletionEntry, DeadlineEntry, FeeEntry, FieldEntry,
    NoteEntry, OptionsReport, PartialEntry, ProviderErrorEntry, ReasonEntry, TaxableLimitEntry,
    options_json_schema,
};
pub use report::Report;
pub use report_schema::decision_json_schema;

use crate::calendar::Span;
use crate::decision::{Note, NoteDetails, Reason, ReasonDetails};
use crate::model::Currency;
use rust_decimal::Decimal;
use std::fmt;

/// The message for a reason, with amounts in `currency`.
///
/// ```
/// use refund_policy::can_refund;
/// use refund_policy::messages::{Lang, reason_message};
/// use refund_policy::model::{Currency, Method, Payment, Provider, RefundRequest, parse_instant};
/// use rust_decimal::Decimal;
///
/// let paid_at = parse_instant("2026-03-02T10:00:00+09:00").unwrap();
/// let payment = Payment::paid(Provider::PortoneV2, Method::Card, Decimal::from(10000), paid_at);
/// let request = RefundRequest {
///     amount: Some(Decimal::from(12000)),
///     reason: Some("고객 요청".into()),
///     ..Default::default()
/// };
/// let decision = can_refund(&payment, &request, paid_at);
/// let reason = &decision.reasons()[0];
/// assert_eq!(
///     reason_message(reason, Currency::KRW, Lang::En),
///     "the refund of KRW 12,000 exceeds the cancellable balance of KRW 10,000"
/// );
/// ```
pub fn reason_message(reason: &Reason, currency: Currency, lang: Lang) -> String {
    reason_text(reason, currency, lang).to_string()
}

/// The message for a reason as a value that writes it, for writing it without building a
/// `String` first.
pub(crate) fn reason_text(reason: &Reason, currency: Currency, lang: Lang) -> impl fmt::Display {
    ReasonText {
        details: reason.details(),
        currency,
        lang,
    }
}

/// A reason's message, as `Display` writes it.
struct ReasonText<'a> {
    details: &'a ReasonDetails,
    currency: Currency,
    lang: Lang,
}

impl fmt::Display for ReasonText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_reason(f, self.details, self.currency, self.lang)
    }
}

/// Writes the message for a reason's details.
fn write_reason<W: text::Out>(
    f: &mut W,
    details: &ReasonDetails,
    currency: Currency,
    lang: Lang,
) -> fmt::Result {
    match lang {
        Lang::Ko => ko::reason(f, details, currency),
        Lang::En => en::reason(f, details, currency),
    }
}

/// The message for a note.
pub fn note_message(note: &Note, lang: Lang) -> String {
    note_text(note, lang).to_string()
}

/// The message for a note as a value that writes it.
pub(crate) fn note_text(note: &Note, lang: Lang) -> impl fmt::Display {
    NoteText {
        details: note.details(),
        lang,
    }
}

/// A note's message, as `Display` writes it.
struct NoteText<'a> {
    details: &'a NoteDetails,
    lang: Lang,
}

impl fmt::Display for NoteText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_note(f, self.details, self.lang)
    }
}

/// Writes the message for a note's details.
fn write_note<W: text::Out>(f: &mut W, details: &NoteDetails, lang: Lang) -> fmt::Result {
    match lang {
        Lang::Ko => ko::note(f, details),
        Lang::En => en::note(f, details),
    }
}

/// Appends a reason's message to a report, inside its JSON string's quotes: the library's own
/// words copied as they are, and only what a policy or a caller wrote checked for escaping.
pub(crate) fn push_reason_json(
    out: &mut String,
    reason: &Reason,
    currency: Currency,
    lang: Lang,
) -> fmt::Result {
    write_reason(&mut text::JsonText(out), reason.details(), currency, lang)
}

/// Appends a note's message to a report, inside its quotes, as [`push_reason_json`] does.
pub(crate) fn push_note_json(out: &mut String, note: &Note, lang: Lang) -> fmt::Result {
    write_note(&mut text::JsonText(out), note.details(), lang)
}

/// An amount as messages write it: `12,000원` in Korean, `KRW 12,000` in English.
///
/// ```
/// use refund_policy::messages::{Lang, amount_text};
/// use refund_policy::model::Currency;
/// use rust_decimal::Decimal;
/// assert_eq!(amount_text(Decimal::from(12000), Currency::KRW, Lang::Ko), "12,000원");
/// assert_eq!(amount_text(Decimal::new(1250, 2), Currency::USD, Lang::En), "USD 12.5");
/// ```
pub fn amount_text(amount: Decimal, currency: Currency, lang: Lang) -> String {
    match lang {
        Lang::Ko => ko_words::won(amount, currency).to_string(),
        Lang::En => en_words::money(amount, currency).to_string(),
    }
}

/// A span as messages write it: `1년`, `180일` in Korean, `1 year` in English.
///
/// ```
/// use refund_policy::calendar::Span;
/// use refund_policy::messages::{Lang, span_text};
/// let span: Span = "6 months".parse().unwrap();
/// assert_eq!(span_text(span, Lang::Ko), "6개월");
/// assert_eq!(span_text(span, Lang::En), "6 months");
/// ```
pub fn span_text(span: Span, lang: Lang) -> String {
    match lang {
        Lang::Ko => ko_words::span(span).to_string(),
        Lang::En => span.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{Lang, NoteText, ReasonText, text, write_note, write_reason};
    use crate::calendar::YearMonth;
    use crate::decision::{ContractName, NextMonthRefund, NoteDetails, ReasonDetails};
    use crate::model::Currency;
    use std::fmt;

    /// What a report writes for a message: the message as `Display` writes it, as JSON writes
    /// a string.
    fn expected(message: impl fmt::Display) -> String {
        serde_json::to_string(&message.to_string()).unwrap_or_default()
    }

    fn written(write: impl Fn(&mut text::JsonText<'_>) -> fmt::Result) -> String {
        let mut out = String::from("\"");
        assert!(write(&mut text::JsonText(&mut out)).is_ok());
        out.push('"');
        out
    }

    /// Text from a policy or a caller is escaped inside a message written into a report, and
    /// the library's own words around it are copied as they are.
    #[test]
    fn messages_in_a_report_escape_what_policies_and_callers_wrote() {
        let awkward = [
            "plain",
            "quote \" here",
            "back\\slash",
            "line\nbreak\t\u{1}",
            "",
        ];
        for text in awkward {
            let contract = ContractName {
                id: text.into(),
                ko: text.into(),
                en: text.into(),
            };
            let reasons = [
                ReasonDetails::ContractRequired {
                    contract: contract.clone(),
                    for_partial_refund: true,
                },
                ReasonDetails::MonthChanged {
                    paid_month: YearMonth {
                        year: 2026,
                        month: 1,
                    },
                    current_month: YearMonth {
                        year: 10_000,
                        month: 2,
                    },
                    time_zone: "Asia/Seoul",
                    next_month_refund: Some(NextMonthRefund {
                        pg: text.into(),
                        contract,
                        contract_signed: false,
                        refund_account_given: false,
                        refund_account_problems: Vec::new(),
                    }),
                },
                ReasonDetails::DuplicateCancelId {
                    cancel_id: text.into(),
                    cancellation: None,
                },
            ];
            let notes = [
                NoteDetails::UnknownPg {
                    id: text.into(),
                    closest: Some(text.into()),
                },
                NoteDetails::UnknownEasyPayProvider {
                    id: text.into(),
                    closest: None,
                },
            ];
            for lang in [Lang::Ko, Lang::En] {
                for details in &reasons {
                    let currency = Currency::KRW;
                    assert_eq!(
                        written(|f| write_reason(f, details, currency, lang)),
                        expected(ReasonText {
                            details,
                            currency,
                            lang
                        }),
                        "{text:?} {lang}"
                    );
                }
                for details in &notes {
                    assert_eq!(
                        written(|f| write_note(f, details, lang)),
                        expected(NoteText { details, lang }),
                        "{text:?} {lang}"
                    );
                }
            }
        }
    }
}
