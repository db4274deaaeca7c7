//! The WebAssembly exports. Each takes text and returns JSON text; a failure is thrown as the
//! JSON of a [`Failure`], which the JavaScript wrapper (`js/core.js`) turns into an error of
//! the failure's kind. Passing text both ways keeps amounts exact until JavaScript parses them.

use crate::api::{self, DecideArgs, OptionsArgs};
use crate::failure::Failure;
use serde_json::Value;
use wasm_bindgen::prelude::wasm_bindgen;

fn answer(result: Result<Value, Failure>) -> Result<String, String> {
    result
        .map(|value| value.to_string())
        .map_err(|failure| failure.to_json())
}

/// A loaded policy set, ready to decide.
#[wasm_bindgen(js_name = EngineHandle)]
#[derive(Debug)]
pub struct EngineHandle(refund_policy::Engine);

#[wasm_bindgen(js_class = EngineHandle)]
impl EngineHandle {
    /// The built-in policies.
    pub fn builtin() -> Result<EngineHandle, String> {
        api::builtin().map(EngineHandle).map_err(|f| f.to_json())
    }

    /// Policies from their files' names and texts, in the same order.
    #[wasm_bindgen(js_name = fromSources)]
    pub fn from_sources(names: Vec<String>, texts: Vec<String>) -> Result<EngineHandle, String> {
        api::sources(names, texts)
            .and_then(|sources| api::engine(&sources))
            .map(EngineHandle)
            .map_err(|f| f.to_json())
    }

    /// One decision; see [`api::decide`].
    #[allow(
        clippy::too_many_arguments,
        reason = "one string per argument of the JS call"
    )]
    pub fn decide(
        &self,
        payment: &str,
        payment_format: &str,
        request: &str,
        request_format: &str,
        merchant: &str,
        now: &str,
        lang: &str,
    ) -> Result<String, String> {
        let args = DecideArgs {
            payment,
            payment_format,
            request,
            request_format,
            merchant,
            now,
            lang,
        };
        answer(api::decide(&self.0, args))
    }

    /// What can be refunded of a payment now; see [`api::options`].
    pub fn options(
        &self,
        payment: &str,
        payment_format: &str,
        merchant: &str,
        now: &str,
        lang: &str,
    ) -> Result<String, String> {
        let args = OptionsArgs {
            payment,
            payment_format,
            merchant,
            now,
            lang,
        };
        answer(api::options(&self.0, args))
    }

    /// Runs an option case file.
    #[wasm_bindgen(js_name = checkOptionsCase)]
    pub fn check_options_case(&self, text: &str, lang: &str) -> Result<String, String> {
        answer(api::lang(lang).and_then(|lang| api::check_options_case(&self.0, text, lang)))
    }

    /// A cancel body in `format` read into the normalized request, for the payment given.
    #[wasm_bindgen(js_name = readRequest)]
    pub fn read_request(
        &self,
        text: &str,
        format: &str,
        payment: &str,
        payment_format: &str,
    ) -> Result<String, String> {
        answer((|| {
            let payment = api::payment(payment, api::format(payment_format, "payment_format")?)?;
            let request = api::request(
                &self.0,
                text,
                api::format(format, "request_format")?,
                &payment,
            )?;
            api::to_value(&request)
        })())
    }

    /// `policies show`, for every provider or one.
    pub fn show(&self, provider: Option<String>) -> Result<String, String> {
        answer((|| {
            let provider = provider.as_deref().map(api::provider).transpose()?;
            crate::show::show(&self.0, provider)
        })())
    }

    /// The special contracts the policies define.
    pub fn contracts(&self) -> String {
        api::contracts(&self.0).to_string()
    }

    /// Runs a case file.
    #[wasm_bindgen(js_name = checkCase)]
    pub fn check_case(&self, text: &str, lang: &str) -> Result<String, String> {
        answer(api::lang(lang).and_then(|lang| api::check_case(&self.0, text, lang)))
    }
}

/// A payment in `format` read into the normalized model.
#[wasm_bindgen(js_name = readPayment)]
pub fn read_payment(text: &str, format: &str) -> Result<String, String> {
    answer(
        api::format(format, "payment_format")
            .and_then(|format| api::payment(text, format))
            .and_then(|payment| api::to_value(&payment)),
    )
}

/// A case file's parts in the normalized model.
#[wasm_bindgen(js_name = readCase)]
pub fn read_case(text: &str) -> Result<String, String> {
    answer(api::read_case(text))
}

/// An option case file's parts in the normalized model.
#[wasm_bindgen(js_name = readOptionsCase)]
pub fn read_options_case(text: &str) -> Result<String, String> {
    answer(api::read_options_case(text))
}

/// `policies validate` over policy files' names and texts, in the same order.
#[wasm_bindgen(js_name = validatePolicies)]
pub fn validate_policies(names: Vec<String>, texts: Vec<String>) -> Result<String, String> {
    answer(api::sources(names, texts).map(|sources| api::validate(&sources)))
}

/// The built-in policy files.
#[wasm_bindgen(js_name = builtinPolicies)]
pub fn builtin_policies() -> String {
    api::builtin_sources().to_string()
}

/// The JSON Schema of policy files.
#[cfg(feature = "schema")]
#[wasm_bindgen(js_name = policySchema)]
pub fn policy_schema() -> Result<String, String> {
    refund_policy::policy::json_schema().map_err(|e| {
        Failure::new(
            crate::failure::Kind::InputError,
            "",
            format!("the schema cannot be written: {e}"),
        )
        .to_json()
    })
}
