//! Text renderings: a decision explained for a person, and policies as a table for review.

use refund_policy::Decision;
use refund_policy::PolicySet;
use refund_policy::decision::{DeadlineKind, Verdict};
use refund_policy::messages::{Lang, amount_text, note_message, reason_message, span_text};
use refund_policy::model::{Payment, Provider};
use refund_policy::policy::document::{PolicyDocument, ProviderErrorDoc, ScopeDoc};
use refund_policy::policy::{EffectiveRules, RuleLine};
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

/// Pads `text` to `width` characters.
fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.chars().count());
    format!("{text}{}", " ".repeat(fill))
}

fn marks(line: &RuleLine) -> &'static str {
    match (line.unverified.is_some(), line.comment.is_some()) {
        (true, true) => "UNVERIFIED, note",
        (true, false) => "UNVERIFIED",
        (false, true) => "note",
        (false, false) => "",
    }
}

/// The rule id without the policy's own id in front.
fn short_id<'a>(line: &'a RuleLine, policy: &str) -> &'a str {
    let id = line.rule.as_str();
    id.strip_prefix(policy)
        .and_then(|rest| rest.strip_prefix(" › "))
        .unwrap_or(id)
}

fn heading(group: &EffectiveRules) -> String {
    let mut heading = group.method.id().to_owned();
    if let Some(service) = &group.service {
        heading.push_str(&format!(" › {service}"));
    } else if group.method == refund_policy::model::Method::EasyPay {
        heading.push_str(" › every other service");
    }
    if group.pgs.is_empty() {
        heading.push_str(" — every other PG");
    } else {
        heading.push_str(&format!(" — pg {}", group.pgs.join(", ")));
    }
    heading
}

fn effective_table(out: &mut String, policy: &str, groups: &[EffectiveRules]) {
    let lines = groups.iter().flat_map(|g| g.rules.iter());
    let width = |f: &dyn Fn(&RuleLine) -> usize, title: usize| {
        lines.clone().map(f).chain([title]).max().unwrap_or(0)
    };
    let rule_width = width(&|l| short_id(l, policy).chars().count(), 4);
    // Long settings run past their column rather than widening it for every row.
    let says_width = width(&|l| l.says.chars().count(), 4).min(56);
    let source_width = width(&|l| l.source.chars().count(), 6);
    for group in groups {
        let _ = writeln!(out, "{}", heading(group));
        let _ = writeln!(
            out,
            "  {}  {}  {}  MARKS",
            pad("RULE", rule_width),
            pad("SAYS", says_width),
            pad("SOURCE", source_width)
        );
        for line in &group.rules {
            let row = format!(
                "  {}  {}  {}  {}",
                pad(short_id(line, policy), rule_width),
                pad(&line.says, says_width),
                pad(&line.source, source_width),
                marks(line)
            );
            let _ = writeln!(out, "{}", row.trim_end());
        }
        out.push('\n');
    }
}

fn provider_error(entry: &ProviderErrorDoc) -> String {
    match (&entry.name, entry.code, &entry.none) {
        (Some(name), Some(code), _) => format!("{name} ({code})"),
        (Some(name), None, _) => name.clone(),
        (None, _, Some(why)) => format!("none: {why}"),
        (None, _, None) => String::new(),
    }
}

/// The remarks of one scope, labelled with it.
fn remarks(found: &mut Vec<String>, scope: &str, doc: &ScopeDoc) {
    for remark in &doc.remarks {
        let mark = if remark.unverified.is_some() {
            " UNVERIFIED"
        } else {
            ""
        };
        found.push(format!(
            "{scope} › {}: {} ({}){mark}",
            remark.about, remark.says, remark.source
        ));
        if let Some(why) = &remark.unverified {
            found.push(format!("    unverified: {why}"));
        }
    }
}

fn show_policy(out: &mut String, policies: &PolicySet, provider: Provider, doc: &PolicyDocument) {
    let _ = writeln!(
        out,
        "{} — policy `{}` for `{}`, time zone {}\n",
        doc.title.as_deref().unwrap_or(&doc.policy),
        doc.policy,
        doc.provider,
        doc.time_zone
    );
    let groups = policies.effective_rules(provider);
    effective_table(out, &doc.policy, &groups);
    let uncovered: Vec<&str> = refund_policy::model::Method::ALL
        .iter()
        .filter(|m| !doc.methods.contains_key(m))
        .map(|m| m.id())
        .collect();
    if !uncovered.is_empty() {
        let _ = writeln!(out, "no policy (NO_POLICY): {}\n", uncovered.join(", "));
    }
    let mut found = Vec::new();
    for scope in doc.scopes() {
        let label = scope.label();
        let label = if label.is_empty() {
            "every method"
        } else {
            &label
        };
        remarks(&mut found, label, scope.rules);
    }
    if !found.is_empty() {
        let _ = writeln!(out, "remarks (documented, not checked):");
        for remark in found {
            let _ = writeln!(out, "  {remark}");
        }
        out.push('\n');
    }
    for table in &doc.bank_codes {
        let pgs = match &table.pgs {
            Some(pgs) => format!("pg {}", pgs.join(", ")),
            None if doc.pgs.is_none() => "every payment".to_owned(),
            None => "every other PG".to_owned(),
        };
        let _ = writeln!(
            out,
            "bank codes `{}` for {pgs}: {} banks, source {}{}",
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
    if !doc.bank_codes.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "provider errors:");
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
    let mut seen = std::collections::BTreeSet::new();
    let mut notes = Vec::new();
    for line in groups.iter().flat_map(|g| g.rules.iter()) {
        if !seen.insert(line.rule.clone()) {
            continue;
        }
        let id = short_id(line, &doc.policy);
        if let Some(why) = &line.unverified {
            notes.push(format!("{id}: UNVERIFIED: {why}"));
        }
        if let Some(comment) = &line.comment {
            notes.push(format!("{id}: {comment}"));
        }
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "\nunverified rules and notes:");
        for note in notes {
            let _ = writeln!(out, "  {note}");
        }
    }
    out.push('\n');
}

/// The loaded policies (or one provider's) as review tables of their effective rules.
pub(crate) fn show(policies: &PolicySet, provider: Option<Provider>) -> String {
    let mut out = String::new();
    for p in Provider::ALL {
        if provider.is_some_and(|wanted| wanted != p) {
            continue;
        }
        match policies.document(p) {
            Some(doc) => show_policy(&mut out, policies, p, doc),
            None => {
                let _ = writeln!(out, "{p}: no policy loaded\n");
            }
        }
    }
    out
}
