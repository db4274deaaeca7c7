//! Refund options explained for an operator, in Korean and English.

use super::{Lang, amount_text, note_message, reason_message, span_text};
use crate::decision::Reason;
use crate::model::Currency;
use crate::options::{AfterDeadline, ExpectedCompletion, Processing, RefundOptions};
use std::fmt::Write;

struct Labels {
    refundable: &'static str,
    not_refundable: &'static str,
    blocking: &'static str,
    max_amount: &'static str,
    balance: &'static str,
    tax_free_balance: &'static str,
    partial_allowed: &'static str,
    full_only: &'static str,
    partial_refused: &'static str,
    cancels_left: &'static str,
    taxable_limit: &'static str,
    fields: &'static str,
    required: &'static str,
    optional: &'static str,
    max_chars: &'static str,
    digits_only: &'static str,
    banks: &'static str,
    missing_contracts: &'static str,
    missing_contracts_partial: &'static str,
    last_day: &'static str,
    days_left: &'static str,
    passed: &'static str,
    after_manual: &'static str,
    after_account: &'static str,
    no_deadline: &'static str,
    processing: &'static str,
    business_days: &'static str,
    expected: &'static str,
    no_date: &'static str,
    notes: &'static str,
    rule: &'static str,
}

fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::Ko => Labels {
            refundable: "환불 가능",
            not_refundable: "지금은 어떤 환불도 불가",
            blocking: "모든 환불을 막는 사유",
            max_amount: "최대 환불 금액",
            balance: "취소 가능 잔액",
            tax_free_balance: "면세 잔액",
            partial_allowed: "부분 환불 가능",
            full_only: "전액 환불만 가능",
            partial_refused: "부분 환불을 막는 사유",
            cancels_left: "남은 부분 취소 횟수",
            taxable_limit: "부분 환불의 과세 금액 한도 (넘는 만큼은 tax_free_amount로 면세 금액을 보내세요)",
            fields: "요청에 담을 항목",
            required: "필수",
            optional: "선택",
            max_chars: "최대 {}자",
            digits_only: "숫자만",
            banks: "받는 은행과 코드",
            missing_contracts: "전액 환불에 필요한 계약",
            missing_contracts_partial: "부분 환불에 필요한 계약",
            last_day: "환불 가능 마지막 날",
            days_left: "남은 일수",
            passed: "지남",
            after_manual: "이후에는 PG사를 통한 환불이 안 되어 직접 환불해야 합니다",
            after_account: "이후에는 환불 계좌로 환불합니다",
            no_deadline: "환불 기한 없음",
            processing: "처리 기간",
            business_days: "영업일",
            expected: "예상 완료일",
            no_date: "예상 완료일을 알 수 없음",
            notes: "참고",
            rule: "규칙",
        },
        Lang::En => Labels {
            refundable: "refundable",
            not_refundable: "no refund can pass now",
            blocking: "what blocks every refund",
            max_amount: "largest refund",
            balance: "balance",
            tax_free_balance: "tax-free balance",
            partial_allowed: "partial refunds allowed",
            full_only: "full refund only",
            partial_refused: "why not partial",
            cancels_left: "partial cancels left",
            taxable_limit: "a partial refund's taxable part at most (name the rest as `tax_free_amount`)",
            fields: "request fields",
            required: "required",
            optional: "optional",
            max_chars: "at most {} chars",
            digits_only: "digits only",
            banks: "banks taken, with codes",
            missing_contracts: "contracts a refund needs",
            missing_contracts_partial: "contracts a partial refund needs",
            last_day: "last refundable day",
            days_left: "days left",
            passed: "passed",
            after_manual: "after it the provider cannot refund: refund the customer directly",
            after_account: "after it, refunds go to a refund account",
            no_deadline: "no refund deadline",
            processing: "processing",
            business_days: "business days",
            expected: "expected completion",
            no_date: "no expected date",
            notes: "notes",
            rule: "rule",
        },
    }
}

/// The options as text for an operator's screen or a terminal.
///
/// ```
/// use refund_policy::Engine;
/// use refund_policy::input;
/// use refund_policy::messages::{Lang, options_text};
/// use refund_policy::model::parse_instant;
///
/// let engine = Engine::builtin()?;
/// let payment = input::payment(r#"{"provider": "toss_payments", "method": "card",
///     "status": "paid", "amount": {"total": 10000}, "paid_at": "2026-03-02T10:00:00+09:00"}"#)?;
/// let now = parse_instant("2026-03-05T10:00:00+09:00")?;
/// let text = options_text(&engine.options(&payment, &input::merchant("")?, now), Lang::En);
/// assert!(text.starts_with("REFUNDABLE"));
/// assert!(text.contains("largest refund: KRW 10,000"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn options_text(options: &RefundOptions, lang: Lang) -> String {
    let l = labels(lang);
    let currency = options.currency;
    let money = |amount| amount_text(amount, currency, lang);
    let mut out = String::new();
    let head = if options.refundable() {
        l.refundable
    } else {
        l.not_refundable
    };
    let pg = options
        .pg
        .as_deref()
        .map(|pg| format!(", pg {pg}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{} — {} {}{pg} ({})",
        head.to_ascii_uppercase(),
        options.provider,
        options.method,
        options.policy.as_deref().unwrap_or("no policy")
    );
    reasons(&mut out, l.blocking, &options.blocking, currency, lang);
    let _ = writeln!(
        out,
        "{}: {}; {}: {}; {}: {}",
        l.max_amount,
        money(options.max_amount),
        l.balance,
        money(options.balance),
        l.tax_free_balance,
        money(options.tax_free_balance)
    );
    let partial = if options.partial.allowed {
        l.partial_allowed
    } else {
        l.full_only
    };
    let _ = writeln!(out, "{partial}");
    reasons(
        &mut out,
        l.partial_refused,
        &options.partial.refused,
        currency,
        lang,
    );
    if let Some(left) = &options.partial.cancels_left {
        let _ = writeln!(
            out,
            "{}: {} / {} ({}: {})",
            l.cancels_left, left.left, left.limit, l.rule, left.rule
        );
    }
    if let Some(limit) = &options.partial.taxable_limit {
        let _ = writeln!(
            out,
            "{}: {} ({}: {})",
            l.taxable_limit,
            super::amount_text(limit.taxable_balance, currency, lang),
            l.rule,
            limit.rule
        );
    }
    if !options.fields.is_empty() {
        let _ = writeln!(out, "{}:", l.fields);
    }
    for field in &options.fields {
        let mut limits = vec![
            if field.required {
                l.required
            } else {
                l.optional
            }
            .to_owned(),
        ];
        if let Some(max) = field.max_chars {
            limits.push(l.max_chars.replace("{}", &max.to_string()));
        }
        if field.digits_only {
            limits.push(l.digits_only.to_owned());
        }
        let _ = writeln!(
            out,
            "- {}: {} ({}: {})",
            field.field,
            limits.join(", "),
            l.rule,
            field.rule
        );
    }
    if let Some(banks) = &options.bank_codes {
        let codes: Vec<String> = banks
            .codes
            .iter()
            .map(|(bank, code)| format!("{bank}={code}"))
            .collect();
        let _ = writeln!(out, "{} ({}): {}", l.banks, banks.table, codes.join(", "));
    }
    contracts(
        &mut out,
        l.missing_contracts,
        &options.missing_contracts,
        lang,
    );
    contracts(
        &mut out,
        l.missing_contracts_partial,
        &options.partial.missing_contracts,
        lang,
    );
    match &options.deadline {
        Some(deadline) => {
            let summary = &deadline.summary;
            let span = summary
                .within
                .map(|s| format!(" ({})", span_text(s, lang)))
                .unwrap_or_default();
            let left = if deadline.days_left < 0 {
                l.passed.to_owned()
            } else {
                format!("{} {}", l.days_left, deadline.days_left)
            };
            let after = match deadline.after {
                AfterDeadline::ManualRefund => l.after_manual,
                AfterDeadline::RefundToAccount { .. } => l.after_account,
            };
            let _ = writeln!(
                out,
                "{}: {} {}{span}, {left}; {after}",
                l.last_day, summary.last_refundable_day, summary.time_zone
            );
        }
        None => {
            let _ = writeln!(out, "{}", l.no_deadline);
        }
    }
    if let Some(processing) = &options.processing {
        let _ = writeln!(out, "{}", processing_line(processing, &l));
    }
    if !options.notes.is_empty() {
        let _ = writeln!(out, "{}:", l.notes);
        for note in &options.notes {
            let _ = writeln!(out, "- [{}] {}", note.code(), note_message(note, lang));
        }
    }
    out
}

fn reasons(out: &mut String, title: &str, reasons: &[Reason], currency: Currency, lang: Lang) {
    if reasons.is_empty() {
        return;
    }
    let _ = writeln!(out, "{title}:");
    for reason in reasons {
        let _ = writeln!(
            out,
            "- [{}] {} ({})",
            reason.code(),
            reason_message(reason, currency, lang),
            reason.rule()
        );
    }
}

fn contracts(out: &mut String, title: &str, needs: &[crate::options::ContractNeed], lang: Lang) {
    if needs.is_empty() {
        return;
    }
    let names: Vec<String> = needs
        .iter()
        .map(|c| {
            let name = match lang {
                Lang::Ko => &c.contract.ko,
                Lang::En => &c.contract.en,
            };
            format!("{name} (`{}`)", c.contract.id)
        })
        .collect();
    let _ = writeln!(out, "{title}: {}", names.join(", "));
}

fn processing_line(processing: &Processing, l: &Labels) -> String {
    let days = if processing.min_business_days == processing.max_business_days {
        processing.min_business_days.to_string()
    } else {
        format!(
            "{}–{}",
            processing.min_business_days, processing.max_business_days
        )
    };
    let expected = match &processing.expected {
        ExpectedCompletion::Dates(dates) if dates.earliest == dates.latest => {
            format!("{} {}", l.expected, dates.latest)
        }
        ExpectedCompletion::Dates(dates) => {
            format!("{} {}–{}", l.expected, dates.earliest, dates.latest)
        }
        ExpectedCompletion::OutsideCalendar(outside) => format!("{}: {outside}", l.no_date),
        ExpectedCompletion::NoCalendar => l.no_date.to_owned(),
    };
    format!("{}: {days} {}; {expected}", l.processing, l.business_days)
}
