//! `refund-policy`: decide refunds, check case files and review policies from the shell
//! (contract §7).
//!
//! Exit codes: 0 when the command did its job (a decision was made, every case passed, every
//! policy loaded); 1 when cases fail or policies have problems; 2 when input cannot be read;
//! 3 when `decide --fail-on-deny` decided a deny.

#![allow(
    clippy::print_stderr,
    reason = "a command line prints its errors; results go through `stdout`, which survives a closed pipe"
)]

mod batch;
mod check;
mod decide;
mod exit;
mod files;
mod inputs;
mod line;
mod options;
mod policies;
mod schema;
mod stdout;
mod text;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "refund-policy",
    version,
    about = "Tells whether a refund will go through at PortOne, Bootpay or Toss Payments, and why not"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decide one refund and print the decision, or one per JSON line with --batch
    Decide(decide::Args),
    /// What can be refunded of a payment now: the largest amount, partial or not, required
    /// fields and contracts, the last refundable day, fee and expected completion
    Options(options::Args),
    /// Evaluate case files and report those whose decision differs from their expectation
    Check(check::Args),
    /// Print the JSON Schema of a decision or of refund options, as the JSON output writes them
    Schema {
        /// `decision` or `options`
        #[arg(value_enum)]
        which: schema::Which,
    },
    /// Validate or show policies
    Policies {
        #[command(subcommand)]
        command: policies::Command,
    },
    /// Print a shell completion script (bash: source it; zsh: put it on $fpath as
    /// _refund-policy; fish: save it in ~/.config/fish/completions/refund-policy.fish)
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
    },
}

/// How a decision is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// The contract's JSON shape.
    Json,
    /// A readable explanation.
    Text,
}

/// A command's result: its exit code, or input it could not read (exit 2).
pub(crate) type Outcome = Result<ExitCode, Failure>;

/// Input that cannot be used: exit 2, after one line on standard error naming what is wrong,
/// or, for policies that do not load, every problem as `FILE:LINE:COLUMN: message`.
pub(crate) enum Failure {
    /// One line: `error: {message}`.
    Input(String),
    /// Policy problems, printed as they are, one per line.
    Policies(refund_policy::LoadError),
    /// One line that starts with its place, `FILE:LINE:COLUMN: message`, printed as it is.
    Located(String),
}

impl Failure {
    pub(crate) fn input(message: impl Into<String>) -> Failure {
        Failure::Input(message.into())
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Input(message) | Failure::Located(message) => f.write_str(message),
            Failure::Policies(problems) => write!(f, "{problems}"),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Decide(args) => decide::run(args),
        Command::Options(args) => options::run(args),
        Command::Check(args) => check::run(args),
        Command::Schema { which } => schema::run(which),
        Command::Policies { command } => policies::run(command),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "refund-policy", &mut script);
            stdout::print(String::from_utf8_lossy(&script)).map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(Failure::Input(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(exit::UNREADABLE)
        }
        Err(Failure::Policies(problems)) => {
            eprintln!("{problems}");
            ExitCode::from(exit::UNREADABLE)
        }
        Err(Failure::Located(line)) => {
            eprintln!("{line}");
            ExitCode::from(exit::UNREADABLE)
        }
    }
}

/// The `--policies DIR` option shared by the commands that decide.
#[derive(clap::Args)]
pub(crate) struct PolicyOption {
    /// Use the policy files (*.yaml, *.yml) in DIR instead of the built-in policies
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
}
