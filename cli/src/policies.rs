//! `refund-policy policies validate` and `policies show`.

use crate::files::{engine, read_policies};
use crate::{Failure, Outcome, PolicyOption};
use refund_policy::model::Provider;
use refund_policy::{PolicySet, PolicySource};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub(crate) enum Command {
    /// Load policy files and print every problem as FILE:LINE:COLUMN: message
    Validate {
        /// Policy files, or directories holding them
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Print the JSON Schema of policy files (policies/policy.schema.json)
    Schema,
    /// Print the rules of the policies as a table for review
    Show {
        /// Only this provider's policy
        #[arg(long, value_name = "NAME")]
        provider: Option<Provider>,
        #[command(flatten)]
        policies: PolicyOption,
    },
}

pub(crate) fn run(command: Command) -> Outcome {
    match command {
        Command::Validate { paths } => validate(&paths),
        Command::Schema => {
            let schema = refund_policy::policy::json_schema()
                .map_err(|e| Failure::input(format!("cannot write the schema: {e}")))?;
            crate::stdout::print(schema)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { provider, policies } => {
            let engine = engine(&policies)?;
            crate::stdout::print(crate::text::show(engine.policies(), provider))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn validate(paths: &[PathBuf]) -> Outcome {
    let texts = read_policies(paths)?;
    if texts.is_empty() {
        return Err(Failure::input(
            "no policy files (*.yaml, *.yml) found".to_owned(),
        ));
    }
    let sources: Vec<PolicySource<'_>> = texts
        .iter()
        .map(|(name, text)| PolicySource::new(name, text))
        .collect();
    match PolicySet::load(&sources) {
        Ok(set) => {
            let providers: Vec<String> = set.providers().map(|p| p.to_string()).collect();
            crate::stdout::println(format_args!(
                "{} policy file{} loaded without problems ({})",
                texts.len(),
                if texts.len() == 1 { "" } else { "s" },
                providers.join(", ")
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            crate::stdout::println(error)?;
            Ok(ExitCode::from(crate::exit::FAILED))
        }
    }
}
