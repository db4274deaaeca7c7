//! Text renderings: a decision explained for a person, and policies as a table for review.

use refund_policy::Decision;
use refund_policy::PolicySet;
use refund_policy::decision::{DeadlineKind, Verdict};
use refund_policy::messages::{Lang, amount_text, note_message, reason_message, span_text};
use refund_policy::model::{Payment, Provider};
use refund_policy::policy::document::{ConditionDoc, PolicyDocument, ProviderErrorDoc, ScopeDoc};
use std::fmt::Write;

struct Labels {
    allow: &'static str,
    deny: &'static str,
    refund: &'static str,
    full: &'static str,
    partial: &'static str,
    remaining: &'static str,
    balance: &'static str,
    last_day: &'static str,
    month_end: &'static str,
    bank_code: &'static str,
    reasons: &'static str,
    notes: &'static str,
    rule: &'static str,
    provider_error: &'static str,
    no_provider_error: &'static str,
}

fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::Ko => Labels {
            allow: "환불 가능",
            deny: "환불 불가",
            refund: "환불 금액",
            full: "전액",
            partial: "부분",
            remaining: "취소 후 잔액",
            balance: "취소 가능 잔액",
            last_day: "환불 가능 마지막 날",
            month_end: "결제한 달의 마지막 날",
            bank_code: "보낼 은행 코드",
            reasons: "사유",
            notes: "참고",
            rule: "규칙",
            provider_error: "제공사 오류",
            no_provider_error: "제공사 오류 없음",
        },
        Lang::En => Labels {
            allow: "refund allowed",
            deny: "refund denied",
            refund: "refund",
            full: "full",
            partial: "partial",
            remaining: "remaining after",
            balance: "balance",
            last_day: "last refundable day",
            month_end: "the end of the month of payment",
            bank_code: "bank code to send",
            reasons: "reasons",
            notes: "notes",
            rule: "rule",
            provider_error: "provider error",
            no_provider_error: "no provider error",
        },
    }
}

/// A decision explained in `lang`.
pub(crate) fn explain(decision: &Decision, payment: &Payment, lang: Lang) -> String {
    let l = labels(lang);
    let refund = decision.refund();
    let currency = refund.currency;
    let mut out = String::new();
    let verdict = match decision.verdict() {
        Verdict::Allow => l.allow,
        Verdict::Deny => l.deny,
    };
    let pg = payment
        .pg
        .as_deref()
        .map(|pg| format!(", pg {pg}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{} — {} {}{pg} ({})",
        verdict.to_uppercase(),
        payment.provider,
        payment.method,
        decision.policy().unwrap_or("no policy")
    );
    let money = |amount| amount_text(amount, currency, lang);
    let _ = writeln!(
        out,
        "{}: {} ({}); {}: {}; {}: {}",
        l.refund,
        money(refund.amount),
        if refund.partial { l.partial } else { l.full },
        l.remaining,
        money(refund.remaining_after),
        l.balance,
        money(refund.balance)
    );
    if let Some(deadline) = decision.deadline() {
        let how = match (deadline.kind, deadline.within) {
            (DeadlineKind::SameMonth, _) => l.month_end.to_owned(),
            (_, Some(span)) => format!("{} + {}", deadline.paid_on, span_text(span, lang)),
            (_, None) => String::new(),
        };
        let _ = writeln!(
            out,
            "{}: {} ({how}, {})",
            l.last_day, deadline.last_refundable_day, deadline.time_zone
        );
    }
    if let Some(account) = decision.refund_account()
        && let (Some(code), Some(table)) = (&account.bank_code, &account.code_table)
    {
        let _ = writeln!(out, "{}: {code} ({}, {table})", l.bank_code, account.bank);
    }
    if !decision.reasons().is_empty() {
        let _ = writeln!(out, "\n{}:", l.reasons);
        for (i, reason) in decision.reasons().iter().enumerate() {
            let _ = writeln!(
                out,
                "  {}. {} — {}",
                i.saturating_add(1),
                reason.code(),
                reason_message(reason, currency, lang)
            );
            let _ = writeln!(out, "     {}: {}", l.rule, reason.rule());
            match reason.provider_error() {
                Some(error) => {
                    let _ = writeln!(out, "     {}: {error}", l.provider_error);
                }
                None => {
                    let _ = writeln!(out, "     {}", l.no_provider_error);
                }
            }
        }
    }
    if !decision.notes().is_empty() {
        let _ = writeln!(out, "\n{}:", l.notes);
        for note in decision.notes() {
            let _ = writeln!(out, "  - {} — {}", note.code(), note_message(note, lang));
            let _ = writeln!(out, "    {}: {}", l.rule, note.rule());
        }
    }
    out
}

/// One row of the review table.
struct Row {
    scope: String,
    rule: String,
    setting: String,
    source: String,
    marks: String,
}

fn list<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn condition(c: &ConditionDoc) -> String {
    let mut parts = Vec::new();
    if let Some(pgs) = &c.pg {
        parts.push(format!("pg in [{}]", list(pgs)));
    }
    if let Some(pgs) = &c.unless_pg {
        parts.push(format!("pg not in [{}]", list(pgs)));
    }
    if let Some(types) = &c.card_type {
        parts.push(format!("card type {}", list(types)));
    }
    if let Some(v) = c.foreign_card {
        parts.push(if v { "foreign card" } else { "domestic card" }.to_owned());
    }
    if let Some(v) = c.card_points {
        parts.push(
            if v {
                "card points used"
            } else {
                "no card points"
            }
            .to_owned(),
        );
    }
    if let Some(v) = c.escrow {
        parts.push(if v { "escrow" } else { "not escrow" }.to_owned());
    }
    if let Some(v) = c.partial_cancelable {
        parts.push(format!("partial_cancelable {v}"));
    }
    if let Some(funding) = &c.funding {
        parts.push(format!("funding {}", list(funding)));
    }
    if let Some(v) = c.partial {
        parts.push(if v { "partial refund" } else { "full refund" }.to_owned());
    }
    if let Some(v) = c.same_day_full_cancel {
        parts.push(
            if v {
                "same-day full cancel"
            } else {
                "not a same-day full cancel"
            }
            .to_owned(),
        );
    }
    if parts.is_empty() {
        "always".to_owned()
    } else {
        parts.join(" and ")
    }
}

fn when(c: Option<&ConditionDoc>) -> String {
    c.map(|c| format!(" when {}", condition(c)))
        .unwrap_or_default()
}

fn marks(unverified: Option<&String>, comment: Option<&String>) -> String {
    let mut marks = Vec::new();
    if unverified.is_some() {
        marks.push("UNVERIFIED");
    }
    if comment.is_some() {
        marks.push("note");
    }
    marks.join(" ")
}

macro_rules! row {
    ($rows:ident, $scope:expr, $kind:expr, $rule:expr, $setting:expr) => {
        $rows.push(Row {
            scope: $scope.to_owned(),
            rule: $kind.to_owned(),
            setting: $setting,
            source: $rule.source.clone(),
            marks: marks($rule.unverified.as_ref(), $rule.comment.as_ref()),
        })
    };
}

fn scope_rows(rows: &mut Vec<Row>, scope: &str, doc: &ScopeDoc) {
    if let Some(r) = &doc.refund_not_supported {
        row!(
            rows,
            scope,
            "refund_not_supported",
            r,
            format!("no refund{}", when(r.when.as_ref()))
        );
    }
    if let Some(r) = &doc.deadline {
        let setting = match &r.within {
            Some(span) => format!("within {span}"),
            None => format!(
                "within {} (unknown funding: the strictest)",
                r.by_funding
                    .iter()
                    .map(|(f, s)| format!("{s} for {f}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        row!(rows, scope, "deadline", r, setting);
    }
    if let Some(r) = &doc.same_month {
        let mut setting = "same calendar month".to_owned();
        if let Some(next) = &r.next_month_refund {
            setting.push_str(&format!(
                "; next month to a bank account at [{}] with `{}`",
                list(&next.pgs),
                next.contract
            ));
        }
        row!(rows, scope, "same_month", r, setting);
    }
    for r in &doc.partial_refund {
        row!(
            rows,
            scope,
            format!("partial_refund › {}", r.id),
            r,
            format!("partial refused when {}", condition(&r.refused_when))
        );
    }
    if let Some(r) = &doc.partial_refund_limit {
        row!(
            rows,
            scope,
            "partial_refund_limit",
            r,
            format!("at most {} partial cancels", r.max_partial_cancels)
        );
    }
    if let Some(r) = &doc.partial_refund_contract {
        row!(
            rows,
            scope,
            "partial_refund_contract",
            r,
            format!("partial needs `{}`", r.contract)
        );
    }
    if let Some(r) = &doc.refund_contract {
        row!(
            rows,
            scope,
            "refund_contract",
            r,
            format!("needs `{}`{}", r.contract, when(r.when.as_ref()))
        );
    }
    if let Some(r) = &doc.refund_account {
        let phone = if r.holder_phone_required {
            ", holder phone"
        } else {
            ""
        };
        row!(
            rows,
            scope,
            "refund_account",
            r,
            format!("required: bank, number, holder name{phone}")
        );
    }
    if let Some(r) = &doc.refund_account_format {
        let mut parts = Vec::new();
        for (name, field) in [
            ("number", &r.number),
            ("holder name", &r.holder_name),
            ("holder phone", &r.holder_phone),
        ] {
            if let Some(field) = field {
                let mut limits = Vec::new();
                if let Some(max) = field.max_chars {
                    limits.push(format!("≤ {max} chars"));
                }
                if field.digits_only {
                    limits.push("digits only".to_owned());
                }
                parts.push(format!("{name} {}", limits.join(", ")));
            }
        }
        row!(rows, scope, "refund_account_format", r, parts.join("; "));
    }
    if let Some(r) = &doc.cancel_hours {
        row!(
            rows,
            scope,
            "cancel_hours",
            r,
            format!("no cancels {}", r.closed)
        );
    }
    if let Some(r) = &doc.reason {
        let required = if r.required { "required" } else { "optional" };
        let max = r
            .max_chars
            .map(|m| format!(", ≤ {m} chars"))
            .unwrap_or_default();
        row!(rows, scope, "reason", r, format!("{required}{max}"));
    }
    if let Some(r) = &doc.cancel_id {
        row!(
            rows,
            scope,
            "cancel_id",
            r,
            format!("≤ {} chars", r.max_chars)
        );
    }
    if let Some(r) = &doc.requester {
        row!(
            rows,
            scope,
            "requester",
            r,
            if r.required { "required" } else { "optional" }.to_owned()
        );
    }
    if let Some(r) = &doc.fee {
        row!(
            rows,
            scope,
            "fee",
            r,
            format!("{} {} per refund", r.amount, r.currency)
        );
    }
    if let Some(r) = &doc.processing_time {
        row!(
            rows,
            scope,
            "processing_time",
            r,
            format!("{} business days{}", r.business_days, when(r.when.as_ref()))
        );
    }
    if let Some(r) = &doc.async_cancellation {
        row!(
            rows,
            scope,
            "async_cancellation",
            r,
            "REQUESTED first, confirmed later".to_owned()
        );
    }
    for remark in &doc.remarks {
        rows.push(Row {
            scope: scope.to_owned(),
            rule: format!("{} (remark)", remark.about),
            setting: remark.says.clone(),
            source: remark.source.clone(),
            marks: if remark.unverified.is_some() {
                "UNVERIFIED".to_owned()
            } else {
                String::new()
            },
        });
    }
    for (pg, narrower) in &doc.at_pg {
        let label = if scope == "every method" {
            format!("pg {pg}")
        } else {
            format!("{scope} › pg {pg}")
        };
        scope_rows(rows, &label, narrower);
    }
    for (service, narrower) in &doc.providers {
        scope_rows(rows, &format!("{scope} › {service}"), narrower);
    }
}

fn table(rows: &[Row]) -> String {
    let width = |f: fn(&Row) -> &str, title: &str| {
        rows.iter()
            .map(|r| f(r).chars().count())
            .chain([title.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths = [
        width(|r| &r.scope, "SCOPE"),
        width(|r| &r.rule, "RULE"),
        width(|r| &r.setting, "SETTING"),
        width(|r| &r.source, "SOURCE"),
    ];
    let pad = |text: &str, width: usize| {
        let fill = width.saturating_sub(text.chars().count());
        format!("{text}{}", " ".repeat(fill))
    };
    let mut out = String::new();
    let mut line = |cells: [&str; 5]| {
        let _ = writeln!(
            out,
            "{}  {}  {}  {}  {}",
            pad(cells[0], widths[0]),
            pad(cells[1], widths[1]),
            pad(cells[2], widths[2]),
            pad(cells[3], widths[3]),
            cells[4]
        );
    };
    line(["SCOPE", "RULE", "SETTING", "SOURCE", "MARKS"]);
    for row in rows {
        line([&row.scope, &row.rule, &row.setting, &row.source, &row.marks]);
    }
    out
}

fn provider_error(entry: &ProviderErrorDoc) -> String {
    match (&entry.name, entry.code, &entry.none) {
        (Some(name), Some(code), _) => format!("{name} ({code})"),
        (Some(name), None, _) => name.clone(),
        (None, _, Some(why)) => format!("none: {why}"),
        (None, _, None) => String::new(),
    }
}

fn show_policy(out: &mut String, doc: &PolicyDocument) {
    let _ = writeln!(
        out,
        "{} — policy `{}` for `{}`, time zone {}\n",
        doc.title.as_deref().unwrap_or(&doc.policy),
        doc.policy,
        doc.provider,
        doc.time_zone
    );
    let mut rows = Vec::new();
    scope_rows(&mut rows, "every method", &doc.every_method);
    for (pg, scope) in &doc.at_pg {
        scope_rows(&mut rows, &format!("pg {pg}"), scope);
    }
    for (method, scope) in &doc.methods {
        scope_rows(&mut rows, method.id(), scope);
    }
    out.push_str(&table(&rows));
    let uncovered: Vec<&str> = refund_policy::model::Method::ALL
        .iter()
        .filter(|m| !doc.methods.contains_key(m))
        .map(|m| m.id())
        .collect();
    if !uncovered.is_empty() {
        let _ = writeln!(out, "\nno policy (NO_POLICY): {}", uncovered.join(", "));
    }
    for table in &doc.bank_codes {
        let pgs = match &table.pgs {
            Some(pgs) => list(pgs),
            None => "every other PG".to_owned(),
        };
        let _ = writeln!(
            out,
            "\nbank codes `{}` for {pgs} ({} banks, source {}{})",
            table.table,
            table.codes.len(),
            table.source,
            if table.unverified.is_some() {
                ", UNVERIFIED"
            } else {
                ""
            }
        );
    }
    let _ = writeln!(out, "\nprovider errors:");
    for (code, entry) in &doc.provider_errors {
        let _ = writeln!(out, "  {:<30} {}", code.as_str(), provider_error(entry));
    }
    let _ = writeln!(out, "\nsources:");
    for (id, source) in &doc.sources {
        let place = source
            .url
            .as_deref()
            .or(source.path.as_deref())
            .unwrap_or("");
        let _ = writeln!(out, "  {id}: {} {place}", source.title);
    }
    let mut notes = Vec::new();
    collect_notes(&mut notes, "every method", &doc.every_method);
    for (method, scope) in &doc.methods {
        collect_notes(&mut notes, method.id(), scope);
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "\nunverified rules and notes:");
        for note in notes {
            let _ = writeln!(out, "  {note}");
        }
    }
    out.push('\n');
}

fn collect_notes(notes: &mut Vec<String>, scope: &str, doc: &ScopeDoc) {
    let mut push = |kind: &str, unverified: Option<&String>, comment: Option<&String>| {
        if let Some(u) = unverified {
            notes.push(format!("{scope} › {kind}: UNVERIFIED: {u}"));
        }
        if let Some(c) = comment {
            notes.push(format!("{scope} › {kind}: {c}"));
        }
    };
    if let Some(r) = &doc.deadline {
        push("deadline", r.unverified.as_ref(), r.comment.as_ref());
    }
    if let Some(r) = &doc.same_month {
        push("same_month", r.unverified.as_ref(), r.comment.as_ref());
    }
    for r in &doc.partial_refund {
        push(
            &format!("partial_refund › {}", r.id),
            r.unverified.as_ref(),
            r.comment.as_ref(),
        );
    }
    if let Some(r) = &doc.partial_refund_limit {
        push(
            "partial_refund_limit",
            r.unverified.as_ref(),
            r.comment.as_ref(),
        );
    }
    if let Some(r) = &doc.partial_refund_contract {
        push(
            "partial_refund_contract",
            r.unverified.as_ref(),
            r.comment.as_ref(),
        );
    }
    if let Some(r) = &doc.refund_contract {
        push("refund_contract", r.unverified.as_ref(), r.comment.as_ref());
    }
    if let Some(r) = &doc.refund_not_supported {
        push(
            "refund_not_supported",
            r.unverified.as_ref(),
            r.comment.as_ref(),
        );
    }
    if let Some(r) = &doc.fee {
        push("fee", r.unverified.as_ref(), r.comment.as_ref());
    }
    if let Some(r) = &doc.reason {
        push("reason", r.unverified.as_ref(), r.comment.as_ref());
    }
    for remark in &doc.remarks {
        push(
            &format!("{} (remark)", remark.about),
            remark.unverified.as_ref(),
            None,
        );
    }
    for (pg, narrower) in &doc.at_pg {
        collect_notes(notes, &format!("{scope} › pg {pg}"), narrower);
    }
    for (service, narrower) in &doc.providers {
        collect_notes(notes, &format!("{scope} › {service}"), narrower);
    }
}

/// The loaded policies (or one provider's) as review tables.
pub(crate) fn show(policies: &PolicySet, provider: Option<Provider>) -> String {
    let mut out = String::new();
    for p in Provider::ALL {
        if provider.is_some_and(|wanted| wanted != p) {
            continue;
        }
        match policies.document(p) {
            Some(doc) => show_policy(&mut out, doc),
            None => {
                let _ = writeln!(out, "{p}: no policy loaded\n");
            }
        }
    }
    out
}
