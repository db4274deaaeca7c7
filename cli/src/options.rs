//! `refund-policy options`: what can be refunded of a payment now, before any request exists
//! (contract §8), as JSON or as text for an operator.

use crate::decide::{labelled, now};
use crate::files::{engine, read_text};
use crate::{Failure, Format, Outcome, PolicyOption};
use refund_policy::adapters::{self, Format as PayloadFormat};
use refund_policy::input;
use refund_policy::messages::{Lang, options_text};
use refund_policy::model::MerchantProfile;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The payment (JSON or YAML; `-` for standard input)
    #[arg(long, value_name = "FILE")]
    payment: PathBuf,
    /// The merchant profile with its special contracts
    #[arg(long, value_name = "FILE")]
    merchant: Option<PathBuf>,
    /// How the payment is written: normalized, or a provider's own payment object
    /// (portone_v2, portone_v1, bootpay, toss_payments)
    #[arg(long, value_name = "NAME", default_value = "normalized")]
    payment_format: PayloadFormat,
    /// The moment the options hold for, RFC 3339 with an offset; the current time by default
    #[arg(long, value_name = "INSTANT")]
    now: Option<String>,
    #[command(flatten)]
    policies: PolicyOption,
    /// How to print the options
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// The language of messages: ko or en
    #[arg(long, default_value = "ko")]
    lang: Lang,
}

pub(crate) fn run(args: Args) -> Outcome {
    let payment_path = &args.payment;
    let engine = engine(&args.policies)?;
    let payment = adapters::payment(args.payment_format, &read_text(payment_path)?)
        .map_err(|e| labelled("payment", payment_path, e))?;
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
    let options = engine.options(&payment, &merchant, now);
    match args.format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&options.report(args.lang))
                .map_err(|e| Failure::input(format!("cannot write the options: {e}")))?;
            crate::stdout::println(json)?;
        }
        Format::Text => crate::stdout::print(options_text(&options, args.lang))?,
    }
    Ok(ExitCode::SUCCESS)
}
