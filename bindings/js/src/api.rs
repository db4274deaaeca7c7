//! What the package does, as plain Rust over text in and JSON out: the WebAssembly exports
//! ([`crate::exports`]) are thin wrappers over these functions, which the workspace's native
//! tests call directly.

use crate::failure::{Failure, Kind, ProblemView};
use refund_policy::adapters::{self, Format};
use refund_policy::messages::Lang;
use refund_policy::model::{MerchantProfile, Payment, Provider, RefundRequest, parse_instant};
use refund_policy::options::OptionsCase;
use refund_policy::{Case, Engine, PolicySet, PolicySource, input};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// A policy file handed over from JavaScript: the name problems use, and the YAML text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceText {
    /// The name for messages, usually the file's name.
    pub name: String,
    /// The YAML text.
    pub text: String,
}

/// The inputs of one decision, as texts (JSON or YAML) and names.
#[derive(Debug, Clone, Copy, Default)]
pub struct DecideArgs<'a> {
    /// The payment, in `payment_format`.
    pub payment: &'a str,
    /// `normalized` (or empty), `portone_v2`, `portone_v1`, `bootpay` or `toss_payments`.
    pub payment_format: &'a str,
    /// The refund request in `request_format`; blank cancels everything that remains.
    pub request: &'a str,
    /// As `payment_format`, for the cancel body.
    pub request_format: &'a str,
    /// The merchant profile; blank is a merchant without special contracts.
    pub merchant: &'a str,
    /// The moment of the decision, RFC 3339 with an offset.
    pub now: &'a str,
    /// `ko` (or empty) or `en`.
    pub lang: &'a str,
}

/// Pairs policy files given as two lists, their names and their texts, in the same order.
///
/// Two lists of strings rather than one JSON text: reading JSON here would compile a second
/// JSON reader into the WebAssembly module for this one list.
pub fn sources(names: Vec<String>, texts: Vec<String>) -> Result<Vec<SourceText>, Failure> {
    if names.len() != texts.len() {
        return Err(Failure::new(
            Kind::InputError,
            "policies",
            format!(
                "policy sources must come as one name per text: {} names, {} texts",
                names.len(),
                texts.len()
            ),
        ));
    }
    Ok(names
        .into_iter()
        .zip(texts)
        .map(|(name, text)| SourceText { name, text })
        .collect())
}

fn borrowed(sources: &[SourceText]) -> Vec<PolicySource<'_>> {
    sources
        .iter()
        .map(|s| PolicySource::new(&s.name, &s.text))
        .collect()
}

/// The engine over the built-in policies.
pub fn builtin() -> Result<Engine, Failure> {
    Engine::builtin().cloned().map_err(Failure::load)
}

/// An engine over the caller's own policies; every problem is reported at once.
pub fn engine(sources: &[SourceText]) -> Result<Engine, Failure> {
    Engine::from_sources(&borrowed(sources)).map_err(|e| Failure::load(&e))
}

/// `policies validate`: whether the sources load, the providers they cover, and every
/// problem. Problems are the answer here, not a failure.
pub fn validate(sources: &[SourceText]) -> Value {
    match PolicySet::load(&borrowed(sources)) {
        Ok(set) => json!({
            "ok": true,
            "providers": set.providers().map(|p| p.id()).collect::<Vec<_>>(),
            "problems": [],
        }),
        Err(error) => json!({
            "ok": false,
            "providers": [],
            "problems": error.problems().iter().map(ProblemView::from).collect::<Vec<_>>(),
        }),
    }
}

/// The built-in policy files, to show or to start one's own from.
pub fn builtin_sources() -> Value {
    refund_policy::policy::builtin_sources()
        .map(|s| json!({ "name": s.name, "text": s.text }))
        .collect()
}

/// Reads a language name; empty is Korean, the contract's default.
pub fn lang(name: &str) -> Result<Lang, Failure> {
    if name.is_empty() {
        return Ok(Lang::default());
    }
    name.parse()
        .map_err(|e: String| Failure::new(Kind::UnknownLanguage, "lang", e))
}

/// Reads a payload format name; empty is `normalized`.
pub fn format(name: &str, input: &'static str) -> Result<Format, Failure> {
    if name.is_empty() {
        return Ok(Format::Normalized);
    }
    name.parse()
        .map_err(|e| Failure::new(Kind::UnknownFormat, input, e))
}

/// Reads a provider id.
pub fn provider(name: &str) -> Result<Provider, Failure> {
    name.parse()
        .map_err(|e| Failure::new(Kind::UnknownProvider, "provider", e))
}

/// Reads a payment written in `format` into the normalized model.
pub fn payment(text: &str, format: Format) -> Result<Payment, Failure> {
    adapters::payment(format, text).map_err(|e| Failure::input("payment", &e))
}

/// Reads a refund request written in `format`, for `payment`; a blank text is an empty request
/// (everything that remains), as an absent `--request` is on the command line.
pub fn request(
    engine: &Engine,
    text: &str,
    format: Format,
    payment: &Payment,
) -> Result<RefundRequest, Failure> {
    if text.trim().is_empty() {
        return Ok(RefundRequest::default());
    }
    adapters::request(format, text, payment, engine.policies())
        .map_err(|e| Failure::input("request", &e))
}

/// Reads a merchant profile and checks its contracts against the engine's policies.
pub fn merchant(engine: &Engine, text: &str) -> Result<MerchantProfile, Failure> {
    let merchant = input::merchant(text).map_err(|e| Failure::input("merchant", &e))?;
    engine
        .check_merchant(&merchant)
        .map_err(|e| Failure::input("merchant", &e))?;
    Ok(merchant)
}

/// PortOne V1's payment object does not report a tax-free amount, so it reads as zero; a
/// tax-free cancel checked against that zero would be denied for a gap in the data. The
/// command line refuses the pair the same way.
fn check_v1_tax_free(payment_format: Format, request: &RefundRequest) -> Result<(), Failure> {
    match request.tax_free_amount {
        Some(tax_free) if payment_format == Format::PortoneV1 && !tax_free.is_zero() => {
            Err(Failure::new(
                Kind::InputError,
                "request",
                format!(
                    "`tax_free` is `{tax_free}`, but a PortOne V1 payment object does not report \
                     its tax-free amount, so the cancel cannot be checked against it (pass the \
                     payment as `normalized` with `amount.tax_free`)"
                ),
            ))
        }
        _ => Ok(()),
    }
}

/// Decides one refund and returns the decision in the contract's JSON shape.
pub fn decide(engine: &Engine, args: DecideArgs<'_>) -> Result<Value, Failure> {
    let lang = lang(args.lang)?;
    let payment_format = format(args.payment_format, "payment_format")?;
    let request_format = format(args.request_format, "request_format")?;
    let now = parse_instant(args.now).map_err(|e| Failure::new(Kind::InstantError, "now", e))?;
    let payment = payment(args.payment, payment_format)?;
    let request = request(engine, args.request, request_format, &payment)?;
    check_v1_tax_free(payment_format, &request)?;
    let merchant = merchant(engine, args.merchant)?;
    let decision = engine.decide(&payment, &request, &merchant, now);
    to_value(&decision.report(lang))
}

/// The inputs of refund options, as texts (JSON or YAML) and names: a payment, before any
/// request exists.
#[derive(Debug, Clone, Copy, Default)]
pub struct OptionsArgs<'a> {
    /// The payment, in `payment_format`.
    pub payment: &'a str,
    /// `normalized` (or empty), `portone_v2`, `portone_v1`, `bootpay` or `toss_payments`.
    pub payment_format: &'a str,
    /// The merchant profile; blank is a merchant without special contracts.
    pub merchant: &'a str,
    /// The moment the options hold for, RFC 3339 with an offset.
    pub now: &'a str,
    /// `ko` (or empty) or `en`.
    pub lang: &'a str,
}

/// What can be refunded of a payment now, in the JSON shape `refund-policy options --format
/// json` prints (contract §8).
pub fn options(engine: &Engine, args: OptionsArgs<'_>) -> Result<Value, Failure> {
    let lang = lang(args.lang)?;
    let payment_format = format(args.payment_format, "payment_format")?;
    let now = parse_instant(args.now).map_err(|e| Failure::new(Kind::InstantError, "now", e))?;
    let payment = payment(args.payment, payment_format)?;
    let merchant = merchant(engine, args.merchant)?;
    to_value(&engine.options(&payment, &merchant, now).report(lang))
}

/// An option case file's parts in the normalized model: name, now, merchant, payment,
/// expect_options.
pub fn read_options_case(text: &str) -> Result<Value, Failure> {
    let case = OptionsCase::from_text(text).map_err(|e| Failure::input("case", &e))?;
    to_value(&case)
}

/// Runs an option case file: its options (messages in `lang`), and every way they differ from
/// what the case expects.
pub fn check_options_case(engine: &Engine, text: &str, lang: Lang) -> Result<Value, Failure> {
    let case = OptionsCase::from_text(text).map_err(|e| Failure::input("case", &e))?;
    case.check_merchant(engine)
        .map_err(|e| Failure::input("case", &e))?;
    let outcome = case.run(engine);
    Ok(json!({
        "name": case.name,
        "passed": outcome.passed(),
        "mismatches": outcome.mismatches,
        "options": to_value(&outcome.options.report(lang))?,
    }))
}

/// A case file's parts in the normalized model: name, now, merchant, payment, request, expect.
pub fn read_case(text: &str) -> Result<Value, Failure> {
    let case = Case::from_text(text).map_err(|e| Failure::input("case", &e))?;
    to_value(&case)
}

/// Runs a case file: its decision (messages in `lang`), and every way it differs from what the
/// case expects.
pub fn check_case(engine: &Engine, text: &str, lang: Lang) -> Result<Value, Failure> {
    let case = Case::from_text(text).map_err(|e| Failure::input("case", &e))?;
    case.check_merchant(engine)
        .map_err(|e| Failure::input("case", &e))?;
    let outcome = case.run(engine);
    Ok(json!({
        "name": case.name,
        "passed": outcome.passed(),
        "mismatches": outcome.mismatches,
        "decision": to_value(&outcome.decision.report(lang))?,
    }))
}

/// The special contracts the engine's policies define, with their names in both languages.
pub fn contracts(engine: &Engine) -> Value {
    engine.policies().contracts().map(|c| json!(c)).collect()
}

/// Any serializable answer as JSON.
pub fn to_value<T: Serialize>(value: &T) -> Result<Value, Failure> {
    serde_json::to_value(value).map_err(|e| {
        Failure::new(
            Kind::InputError,
            "",
            format!("the answer cannot be written as JSON: {e}"),
        )
    })
}
