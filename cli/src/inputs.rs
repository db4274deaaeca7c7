//! The three inputs of a decision read from their texts, the same way for one `decide` and for
//! each line of `decide --batch`.

use refund_policy::Engine;
use refund_policy::Location;
use refund_policy::adapters::{self, Format};
use refund_policy::input::{self, InputError};
use refund_policy::model::{MerchantProfile, Payment, RefundRequest};

/// Which input of a decision a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Payment,
    Request,
    Merchant,
}

impl Part {
    /// The name of the input: the batch field, and the word in messages.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Part::Payment => "payment",
            Part::Request => "request",
            Part::Merchant => "merchant",
        }
    }
}

/// An input that does not read: which one, what is wrong, a hint, and where in its text.
#[derive(Debug)]
pub(crate) struct Unreadable {
    pub(crate) part: Part,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    pub(crate) location: Option<Location>,
}

impl Unreadable {
    fn from_error(part: Part, error: &InputError) -> Unreadable {
        Unreadable {
            part,
            message: error.message().to_owned(),
            help: error.help().map(str::to_owned),
            location: error.location(),
        }
    }

    /// `message (help)`, without the place.
    pub(crate) fn described(&self) -> String {
        match &self.help {
            Some(help) => format!("{} ({help})", self.message),
            None => self.message.clone(),
        }
    }
}

/// The texts of a decision's inputs and how each is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Texts<'a> {
    pub(crate) payment: &'a str,
    pub(crate) payment_format: Format,
    /// None: refund everything that remains.
    pub(crate) request: Option<&'a str>,
    pub(crate) request_format: Format,
    /// None: a merchant without special contracts.
    pub(crate) merchant: Option<&'a str>,
}

/// A decision's inputs, read.
#[derive(Debug)]
pub(crate) struct Inputs {
    pub(crate) payment: Payment,
    pub(crate) request: RefundRequest,
    pub(crate) merchant: MerchantProfile,
}

/// Reads the inputs, stopping at the first that does not read.
pub(crate) fn read(engine: &Engine, texts: Texts<'_>) -> Result<Inputs, Unreadable> {
    let payment = adapters::payment(texts.payment_format, texts.payment)
        .map_err(|e| Unreadable::from_error(Part::Payment, &e))?;
    let request = match texts.request {
        Some(text) => adapters::request(texts.request_format, text, &payment, engine.policies())
            .map_err(|e| Unreadable::from_error(Part::Request, &e))?,
        None => RefundRequest::default(),
    };
    check_v1_tax_free(&texts, &request)?;
    let merchant = match texts.merchant {
        Some(text) => {
            // The payment's policy first: the decision needs it anyway, and the built-in set,
            // which compiles a provider's policy on first use, then usually finds the merchant's
            // contracts in it without compiling the other providers' policies.
            engine.policies().policy_id(payment.provider);
            let merchant =
                input::merchant(text).map_err(|e| Unreadable::from_error(Part::Merchant, &e))?;
            engine
                .check_merchant(&merchant)
                .map_err(|e| Unreadable::from_error(Part::Merchant, &e))?;
            merchant
        }
        None => MerchantProfile::default(),
    };
    Ok(Inputs {
        payment,
        request,
        merchant,
    })
}

/// PortOne V1's payment object does not report a tax-free amount, so it reads as zero; a
/// tax-free cancel checked against that zero would be denied for a gap in the data.
fn check_v1_tax_free(texts: &Texts<'_>, request: &RefundRequest) -> Result<(), Unreadable> {
    match request.tax_free_amount {
        Some(tax_free)
            if texts.payment_format == Format::PortoneV1
                && texts.request.is_some()
                && !tax_free.is_zero() =>
        {
            Err(Unreadable {
                part: Part::Request,
                message: format!(
                    "`tax_free` is `{tax_free}`, but a PortOne V1 payment object does not report \
                     its tax-free amount, so the cancel cannot be checked against it"
                ),
                help: Some("pass the payment as `normalized` with `amount.tax_free`".to_owned()),
                location: None,
            })
        }
        _ => Ok(()),
    }
}
