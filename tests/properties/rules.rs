//! Property 3: every reason and note names a loaded rule, reasons come in the order of checks,
//! manual refunds are noted exactly when the provider cannot refund, and the evaluation
//! semantics of contract §4.1 hold.

use super::{Cost, builtin, builtin_rule_ids, checks, config, decide, inputs};
use proptest::prelude::*;
use refund_policy::decision::ReasonCode;

proptest! {
    #![proptest_config(config(Cost::Decide))]

    /// Every reason and note names a rule of `engine.policies().rule_ids()`; reasons come in
    /// the order of checks; `MANUAL_REFUND` exactly when the provider cannot refund.
    #[test]
    fn reasons_name_loaded_rules_in_the_order_of_checks(input in inputs::input()) {
        let decision = decide(builtin(), &input);
        checks::reasons_and_rules(&decision, builtin_rule_ids())?;
    }

    /// `INVALID_PAYMENT` and the status reasons appear alone, exactly when the payment
    /// contradicts itself or has nothing to refund; the checks every provider makes fire
    /// exactly when their conditions hold (contract §4.1).
    #[test]
    fn evaluation_follows_the_contract(input in inputs::input()) {
        let decision = decide(builtin(), &input);
        checks::evaluation_semantics(&input, &decision)?;
    }
}

/// The status reasons never come together, even for a payment that is both unpaid and fully
/// cancelled by its amounts.
#[test]
fn an_unpaid_payment_with_nothing_left_is_only_unpaid() {
    let engine = builtin();
    for status in [
        refund_policy::model::PaymentStatus::Ready,
        refund_policy::model::PaymentStatus::Failed,
        refund_policy::model::PaymentStatus::VirtualAccountIssued,
    ] {
        let mut payment = refund_policy::model::Payment::paid(
            refund_policy::model::Provider::PortoneV2,
            refund_policy::model::Method::Card,
            rust_decimal::Decimal::from(1000),
            refund_policy::model::parse_instant("2026-03-02T10:00:00+09:00").unwrap(),
        );
        payment.status = status;
        payment.amount.cancelled = payment.amount.total;
        let decision = engine.decide(
            &payment,
            &Default::default(),
            &Default::default(),
            refund_policy::model::parse_instant("2026-03-03T10:00:00+09:00").unwrap(),
        );
        assert_eq!(decision.reason_codes(), [ReasonCode::PaymentNotPaid]);
    }
}
