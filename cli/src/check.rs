//! `refund-policy check`: evaluate case files (decision cases and option cases) against the
//! policies.

use crate::files::{case_files, engine, read_text};
use crate::{Outcome, PolicyOption};
use refund_policy::options::OptionsCase;
use refund_policy::{Case, Engine};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    policies: PolicyOption,
    /// Case files, or directories searched recursively for *.yaml, *.yml and *.json
    #[arg(required = true, value_name = "CASE_FILE_OR_DIR")]
    paths: Vec<PathBuf>,
}

/// A decision case or an option case (one with `expect_options`).
enum AnyCase {
    Decision(Case),
    Options(OptionsCase),
}

/// Reads a case and checks its merchant's contracts against the policies.
fn read_case(file: &Path, engine: &Engine) -> Result<AnyCase, String> {
    let text = read_text(file).map_err(|e| e.to_string())?;
    if OptionsCase::describes(&text) {
        let case = OptionsCase::from_text(&text).map_err(|e| e.to_string())?;
        case.check_merchant(engine)
            .map_err(|e| format!("merchant: {e}"))?;
        return Ok(AnyCase::Options(case));
    }
    let case = Case::from_text(&text).map_err(|e| e.to_string())?;
    case.check_merchant(engine)
        .map_err(|e| format!("merchant: {e}"))?;
    Ok(AnyCase::Decision(case))
}

/// The case's name and what differed.
fn run_case(case: &AnyCase, engine: &Engine) -> (String, Vec<String>) {
    match case {
        AnyCase::Decision(case) => (case.name.clone(), case.run(engine).mismatches),
        AnyCase::Options(case) => (case.name.clone(), case.run(engine).mismatches),
    }
}

pub(crate) fn run(args: Args) -> Outcome {
    let engine = engine(&args.policies)?;
    let files = case_files(&args.paths)?;
    let (mut passed, mut failed, mut unreadable) = (0_usize, 0_usize, 0_usize);
    for file in &files {
        let case = match read_case(file, &engine) {
            Ok(case) => case,
            Err(message) => {
                eprintln!("{}: cannot read the case: {message}", file.display());
                unreadable = unreadable.saturating_add(1);
                continue;
            }
        };
        let (name, mismatches) = run_case(&case, &engine);
        if mismatches.is_empty() {
            passed = passed.saturating_add(1);
        } else {
            failed = failed.saturating_add(1);
            crate::stdout::println(format_args!(
                "{}: {name}: {}",
                file.display(),
                mismatches.join("; ")
            ))?;
        }
    }
    crate::stdout::println(format_args!(
        "{passed} passed, {} failed",
        failed.saturating_add(unreadable)
    ))?;
    Ok(if unreadable > 0 {
        ExitCode::from(crate::exit::UNREADABLE)
    } else if failed > 0 {
        ExitCode::from(crate::exit::FAILED)
    } else {
        ExitCode::SUCCESS
    })
}
