//! `refund-policy decide`: one decision, as JSON or as a readable explanation, or one decision
//! per line of a JSON-lines stream (`--batch`).

use crate::files::{engine, read_text};
use crate::inputs::{self, Texts, Unreadable};
use crate::{Failure, Format, Outcome, PolicyOption};
use chrono::{DateTime, Utc};
use refund_policy::adapters::Format as PayloadFormat;
use refund_policy::messages::Lang;
use refund_policy::model::parse_instant;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The payment (JSON or YAML; `-` for standard input)
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "batch",
        conflicts_with = "batch"
    )]
    payment: Option<PathBuf>,
    /// The refund request (JSON or YAML; `-` for standard input); none cancels what remains
    #[arg(long, value_name = "FILE", conflicts_with = "batch")]
    request: Option<PathBuf>,
    /// The merchant profile with its special contracts
    #[arg(long, value_name = "FILE", conflicts_with = "batch")]
    merchant: Option<PathBuf>,
    /// How the payment is written: normalized, or a provider's own payment object
    /// (portone_v2, portone_v1, bootpay, toss_payments); with --batch, for lines that do not say
    #[arg(long, value_name = "NAME", default_value = "normalized")]
    payment_format: PayloadFormat,
    /// How the refund request is written: normalized, or a provider's own cancel body
    /// (portone_v2, portone_v1, bootpay, toss_payments); with --batch, for lines that do not say
    #[arg(long, value_name = "NAME", default_value = "normalized")]
    request_format: PayloadFormat,
    /// The moment of the decision, RFC 3339 with an offset; the current time by default (with
    /// --batch, for lines without their own `now`)
    #[arg(long, value_name = "INSTANT")]
    now: Option<String>,
    #[command(flatten)]
    policies: PolicyOption,
    /// How to print the decision (--batch prints JSON lines only)
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// The language of messages: ko or en
    #[arg(long, default_value = "ko")]
    lang: Lang,
    /// Decide one JSON line at a time from FILE, or from standard input when FILE is `-` or
    /// left out, printing one JSON line per decision as each is made
    #[arg(
        long,
        value_name = "FILE",
        num_args = 0..=1,
        default_missing_value = "-"
    )]
    batch: Option<PathBuf>,
    /// With --batch: answer each line with its verdict and reason codes alone, not the whole
    /// decision (a screening: faster, for going through many refunds)
    #[arg(long, requires = "batch")]
    screen: bool,
    /// Exit 3 when the refund is denied (with --batch: when any line was denied)
    #[arg(long)]
    fail_on_deny: bool,
}

/// The moment `--now` gives, if any.
fn now_option(arg: Option<&str>) -> Result<Option<DateTime<Utc>>, Failure> {
    arg.map(|text| parse_instant(text).map_err(|e| Failure::input(format!("`--now`: {e}"))))
        .transpose()
}

/// How a file is named in messages: its path, or `<stdin>` for `-`.
fn place(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// A failure to read the file at `path` as `what`.
pub(crate) fn labelled(what: &str, path: &Path, error: impl std::fmt::Display) -> Failure {
    Failure::input(format!("{what} `{}`: {error}", path.display()))
}

/// The moment `--now` gives, or the clock's.
pub(crate) fn now(arg: Option<&str>) -> Result<DateTime<Utc>, Failure> {
    Ok(now_option(arg)?.unwrap_or_else(Utc::now))
}

/// `FILE:LINE:COLUMN: input: message (help)`, or `FILE: input: message (help)` when the place
/// is not known; the input (`payment`, `request`, `merchant`) names which file it is when a
/// FILE of `-` leaves that unsaid.
fn located(path: &Path, problem: &Unreadable) -> Failure {
    let at = match problem.location {
        Some(at) => format!("{}:{}:{}", place(path), at.line, at.column),
        None => place(path),
    };
    Failure::Located(format!(
        "{at}: {}: {}",
        problem.part.name(),
        problem.described()
    ))
}

pub(crate) fn run(args: Args) -> Outcome {
    let now = now_option(args.now.as_deref())?;
    if let Some(source) = &args.batch {
        if args.format == Format::Text {
            return Err(Failure::input(
                "`--batch` prints JSON lines; `--format text` cannot be used with it",
            ));
        }
        let engine = engine(&args.policies)?;
        let options = crate::batch::Options {
            engine: &engine,
            lang: args.lang,
            now,
            payment_format: args.payment_format,
            request_format: args.request_format,
            screen: args.screen,
        };
        return crate::batch::run(source, &options, args.fail_on_deny);
    }
    let Some(payment_path) = &args.payment else {
        return Err(Failure::input("`--payment` is required without `--batch`"));
    };
    let engine = engine(&args.policies)?;
    let payment = read_text(payment_path)?;
    let request = args.request.as_deref().map(read_text).transpose()?;
    let merchant = args.merchant.as_deref().map(read_text).transpose()?;
    let texts = Texts {
        payment: &payment,
        payment_format: args.payment_format,
        request: request.as_deref(),
        request_format: args.request_format,
        merchant: merchant.as_deref(),
    };
    let inputs = inputs::read(&engine, texts).map_err(|problem| {
        let path = match problem.part {
            inputs::Part::Payment => Some(payment_path),
            inputs::Part::Request => args.request.as_ref(),
            inputs::Part::Merchant => args.merchant.as_ref(),
        };
        match path {
            Some(path) => located(path, &problem),
            None => Failure::input(format!("{}: {}", problem.part.name(), problem.described())),
        }
    })?;
    let now = now.unwrap_or_else(Utc::now);
    let decision = engine.decide(&inputs.payment, &inputs.request, &inputs.merchant, now);
    match args.format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&decision.report(args.lang))
                .map_err(|e| Failure::input(format!("cannot write the decision: {e}")))?;
            crate::stdout::println(json)?;
        }
        Format::Text => {
            crate::stdout::print(crate::text::explain(&decision, &inputs.payment, args.lang))?
        }
    }
    Ok(if args.fail_on_deny && !decision.is_allowed() {
        ExitCode::from(crate::exit::DENIED)
    } else {
        ExitCode::SUCCESS
    })
}
