//! Property 8: refund options and decisions agree. For generated payments, merchants and
//! instants, a request built from the options (the whole balance, or any amount the partial
//! options allow, with the required fields at their limits) is allowed; an amount over
//! `max_amount`, or a partial amount where the options say full only, is denied; and when
//! nothing is refundable, every request is denied with the blocking reasons among its own.

use super::inputs;
use super::{Cost, builtin, config};
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use refund_policy::decision::Reason;
use refund_policy::messages::Lang;
use refund_policy::model::{
    Bank, MerchantProfile, Payment, RefundAccount, RefundRequest, Requester,
};
use refund_policy::{Decision, RefundOptions};
use rust_decimal::Decimal;

/// A payment, a merchant and an instant around the payment's deadlines.
fn situation() -> BoxedStrategy<(Payment, MerchantProfile, DateTime<Utc>)> {
    (
        inputs::payment(),
        inputs::merchant(),
        inputs::instant(),
        inputs::elapsed(),
    )
        .prop_map(|(payment, merchant, unpaid_now, elapsed)| {
            let now = payment
                .paid_at
                .map_or(unpaid_now, |paid_at| paid_at + elapsed);
            (payment, merchant, now)
        })
        .boxed()
}

/// `sample`, cut to `max` characters.
fn text(sample: &str, max: Option<u32>) -> String {
    let max = max.map_or(usize::MAX, |m| usize::try_from(m).unwrap_or(usize::MAX));
    sample.chars().take(max).collect()
}

/// A request for `amount` carrying what the options require; with `optional`, the optional
/// fields the options limit too, at their limits.
fn request(options: &RefundOptions, amount: Option<Decimal>, optional: bool) -> RefundRequest {
    let mut request = RefundRequest {
        amount,
        ..RefundRequest::default()
    };
    let mut account = RefundAccount::default();
    let bank = options
        .bank_codes
        .as_ref()
        .and_then(|b| b.codes.first().map(|(bank, _)| *bank))
        .unwrap_or(Bank::Shinhan);
    for field in &options.fields {
        if !field.required && !optional {
            continue;
        }
        let max = field.max_chars;
        match field.field {
            "reason" => request.reason = Some(text("고객 요청으로 전액 환불합니다", max)),
            "requester" => request.requester = Some(Requester::Customer),
            "cancel_id" => request.cancel_id = Some(text("options-property-0001", max)),
            "refund_account.bank" => account.bank = Some(bank),
            "refund_account.number" => account.number = Some(text("1101234567890123", max)),
            "refund_account.holder_name" => account.holder_name = Some(text("홍길동", max)),
            "refund_account.holder_phone" => account.holder_phone = Some(text("01012345678", max)),
            other => panic!("a field the property does not know: {other}"),
        }
    }
    if account != RefundAccount::default() {
        request.refund_account = Some(account);
    }
    // A partial refund names as tax-free whatever its taxable part cannot hold.
    if let (Some(amount), Some(limit)) = (amount, &options.partial.taxable_limit)
        && amount < options.balance
        && amount > limit.taxable_balance
    {
        request.tax_free_amount = Some(amount - limit.taxable_balance);
    }
    request
}

/// Whether every reason of `expected` (by rule and code) is among the decision's reasons.
fn among(expected: &[Reason], decision: &Decision) -> bool {
    expected.iter().all(|e| {
        decision
            .reasons()
            .iter()
            .any(|r| r.rule() == e.rule() && r.code() == e.code())
    })
}

fn codes(reasons: &[Reason]) -> Vec<String> {
    reasons
        .iter()
        .map(|r| format!("{} ({})", r.code(), r.rule()))
        .collect()
}

proptest! {
    #![proptest_config(config(Cost::Decide))]

    /// Property 8: options and decisions agree.
    #[test]
    fn options_and_decisions_agree(
        (payment, merchant, now) in situation(),
        step in any::<u32>(),
        optional in any::<bool>(),
    ) {
        let engine = builtin();
        let options = engine.options(&payment, &merchant, now);
        let decide = |request: &RefundRequest| engine.decide(&payment, request, &merchant, now);

        // The contract's fixed fields, and `refundable` read off `blocking`.
        let json = serde_json::to_value(options.report(Lang::En)).unwrap();
        for key in ["refundable", "blocking", "max_amount", "partial_allowed",
            "last_refundable_day", "required_fields", "missing_contracts", "notes"] {
            prop_assert!(json.get(key).is_some(), "`{}` is missing", key);
        }
        prop_assert_eq!(json["refundable"].as_bool(), Some(options.blocking.is_empty()));
        prop_assert!(options.max_amount <= options.balance.max(Decimal::ZERO));

        let unit = options.amount_unit;
        let max = options.max_amount;
        let whole = if max == options.balance { None } else { Some(max) };
        let agreed = options.refundable() && options.missing_contracts.is_empty();

        // The largest request.
        let full = decide(&request(&options, whole, optional));
        if agreed && max > Decimal::ZERO {
            prop_assert!(full.is_allowed(), "the full refund of {} is denied: {:?}\n{:#?}",
                max, codes(full.reasons()), options);
            prop_assert_eq!(full.note_codes(), options.notes.iter().map(|n| n.code()).collect::<Vec<_>>());
            prop_assert_eq!(full.fee(), options.fee());
        }
        if !options.refundable() {
            prop_assert!(!full.is_allowed());
            prop_assert!(among(&options.blocking, &full), "blocking {:?} not among {:?}",
                codes(&options.blocking), codes(full.reasons()));
        }

        // A partial request, anywhere between one unit and one unit below the maximum.
        if unit < max {
            let units = ((max - unit) / unit).trunc();
            let picked = Decimal::from(step) % units.max(Decimal::ONE);
            let amount = unit + picked * unit;
            prop_assert!(amount > Decimal::ZERO && amount < max);
            let partial = decide(&request(&options, Some(amount), optional));
            let partial_agreed = agreed && options.partial.allowed
                && options.partial.missing_contracts.is_empty();
            if partial_agreed {
                prop_assert!(partial.is_allowed(), "the partial refund of {} is denied: {:?}\n{:#?}",
                    amount, codes(partial.reasons()), options);
            }
            if !options.partial.allowed {
                prop_assert!(!partial.is_allowed(), "full only, yet {} is allowed", amount);
                prop_assert!(among(&options.partial.refused, &partial));
            }
            if !options.refundable() {
                prop_assert!(!partial.is_allowed());
                prop_assert!(among(&options.blocking, &partial), "blocking {:?} not among {:?}",
                    codes(&options.blocking), codes(partial.reasons()));
            }
        } else {
            prop_assert!(!options.partial.allowed);
        }

        // Over the maximum.
        let over = decide(&request(&options, Some(max + unit), optional));
        prop_assert!(!over.is_allowed(), "{} over the maximum {} is allowed", max + unit, max);
    }
}
