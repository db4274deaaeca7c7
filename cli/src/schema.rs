//! `refund-policy schema`: the JSON Schemas of what the command line writes, for admin screens
//! and services in other languages to generate their types from.

use crate::{Failure, Outcome};
use std::process::ExitCode;

/// Which output's schema to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Which {
    /// A decision, as `decide` writes it (schemas/decision.schema.json)
    Decision,
    /// Refund options, as `options` writes them (schemas/options.schema.json)
    Options,
}

pub(crate) fn run(which: Which) -> Outcome {
    let schema = match which {
        Which::Decision => refund_policy::messages::decision_json_schema(),
        Which::Options => refund_policy::messages::options_json_schema(),
    }
    .map_err(|e| Failure::input(format!("cannot write the schema: {e}")))?;
    crate::stdout::print(schema)?;
    Ok(ExitCode::SUCCESS)
}
