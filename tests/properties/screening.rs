//! Property 9: a screening is the decision's verdict and reason codes, in the decision's
//! order, whatever the inputs and whatever the policies: the two come from the same checks,
//! compiled once to keep every detail and once to keep codes alone.

use super::{Cost, builtin, config, decide, documents, inputs};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use refund_policy::{Engine, PolicySet, PolicySource};

/// The screening of `input` agrees with its decision.
fn agree(engine: &Engine, input: &inputs::Input) -> Result<(), TestCaseError> {
    let decision = decide(engine, input);
    let screening = engine.screen(&input.payment, &input.request, &input.merchant, input.now);
    prop_assert_eq!(screening.verdict(), decision.verdict());
    prop_assert_eq!(screening.is_allowed(), decision.is_allowed());
    prop_assert_eq!(screening.reason_codes(), decision.reason_codes());
    Ok(())
}

proptest! {
    #![proptest_config(config(Cost::Decide))]

    /// Against the built-in policies.
    #[test]
    fn a_screening_is_the_decisions_codes(input in inputs::input()) {
        agree(builtin(), &input)?;
    }
}

proptest! {
    #![proptest_config(config(Cost::Load))]

    /// Against generated policies, whose rules fire where the built-in ones seldom do.
    #[test]
    fn a_screening_is_the_decisions_codes_under_any_policy(
        doc in documents::document(),
        inputs in prop::collection::vec(inputs::input(), 16),
    ) {
        let yaml = documents::to_yaml(&doc);
        let set = PolicySet::load(&[PolicySource::new("generated.yaml", &yaml)])
            .map_err(|e| TestCaseError::fail(format!("{e}\n{yaml}")))?;
        let engine = Engine::new(set);
        for mut input in inputs {
            input.payment.provider = doc.provider;
            agree(&engine, &input)?;
        }
    }
}
