//! `refund-policy decide`: one decision, as JSON or as a readable explanation.

use crate::files::{engine, read_text};
use crate::{Failure, Format, Outcome, PolicyOption};
use chrono::{DateTime, Utc};
use refund_policy::adapters::{self, Format as PayloadFormat};
use refund_policy::input;
use refund_policy::messages::Lang;
use refund_policy::model::{MerchantProfile, parse_instant};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The payment (JSON or YAML; `-` for standard input)
    #[arg(long, value_name = "FILE")]
    payment: PathBuf,
    /// The refund request (JSON or YAML; `-` for standard input); none cancels what remains
    #[arg(long, value_name = "FILE")]
    request: Option<PathBuf>,
    /// The merchant profile with its special contracts
    #[arg(long, value_name = "FILE")]
    merchant: Option<PathBuf>,
    /// How the payment is written: normalized, or a provider's own payment object
    /// (portone_v2, portone_v1, bootpay, toss_payments)
    #[arg(long, value_name = "NAME", default_value = "normalized")]
    payment_format: PayloadFormat,
    /// How the refund request is written: normalized, or a provider's own cancel body
    /// (portone_v2, portone_v1, bootpay, toss_payments)
    #[arg(long, value_name = "NAME", default_value = "normalized")]
    request_format: PayloadFormat,
    /// The moment of the decision, RFC 3339 with an offset; the current time by default
    #[arg(long, value_name = "INSTANT")]
    now: Option<String>,
    #[command(flatten)]
    policies: PolicyOption,
    /// How to print the decision
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// The language of messages: ko or en
    #[arg(long, default_value = "ko")]
    lang: Lang,
}

pub(crate) fn labelled(what: &str, path: &Path, error: impl std::fmt::Display) -> Failure {
    Failure::input(format!("{what} `{}`: {error}", path.display()))
}

pub(crate) fn now(arg: Option<&str>) -> Result<DateTime<Utc>, Failure> {
    match arg {
        Some(text) => parse_instant(text).map_err(|e| Failure::input(format!("`--now`: {e}"))),
        None => Ok(Utc::now()),
    }
}

pub(crate) fn run(args: Args) -> Outcome {
    let engine = engine(&args.policies)?;
    let payment = adapters::payment(args.payment_format, &read_text(&args.payment)?)
        .map_err(|e| labelled("payment", &args.payment, e))?;
    let request = match &args.request {
        Some(path) => adapters::request(
            args.request_format,
            &read_text(path)?,
            &payment,
            engine.policies(),
        )
        .map_err(|e| labelled("request", path, e))?,
        None => Default::default(),
    };
    // PortOne V1's payment object does not report a tax-free amount, so it reads as zero; a
    // tax-free cancel checked against that zero would be denied for a gap in the data.
    if args.payment_format == PayloadFormat::PortoneV1
        && let (Some(path), Some(tax_free)) = (&args.request, request.tax_free_amount)
        && !tax_free.is_zero()
    {
        return Err(labelled(
            "request",
            path,
            format!(
                "`tax_free` is `{tax_free}`, but a PortOne V1 payment object does not report its \
                 tax-free amount, so the cancel cannot be checked against it (pass the payment as \
                 `normalized` with `amount.tax_free`)"
            ),
        ));
    }
    let merchant = match &args.merchant {
        Some(path) => {
            let merchant =
                input::merchant(&read_text(path)?).map_err(|e| labelled("merchant", path, e))?;
            engine
                .check_merchant(&merchant)
                .map_err(|e| labelled("merchant", path, e))?;
            merchant
        }
        None => MerchantProfile::default(),
    };
    let now = now(args.now.as_deref())?;
    let decision = engine.decide(&payment, &request, &merchant, now);
    match args.format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&decision.report(args.lang))
                .map_err(|e| Failure::input(format!("cannot write the decision: {e}")))?;
            println!("{json}");
        }
        Format::Text => print!("{}", crate::text::explain(&decision, &payment, args.lang)),
    }
    Ok(ExitCode::SUCCESS)
}
