//! Reading the inputs of a decision (payment, refund request, merchant profile) from JSON or
//! YAML text, exactly: amounts from their digits, instants with their offsets.
//!
//! Input that cannot be read into the model is an [`InputError`] naming the field and the
//! value. Input that reads but contradicts itself or the rules is not an error here: the
//! decision reports it (`INVALID_PAYMENT`, `INVALID_AMOUNT`, ...).

mod error;
pub mod limits;
mod wording;

pub use error::{Document, InputError, InputErrorKind, Limit, NumberProblem};

use crate::model::{MerchantProfile, Payment, RefundRequest};
use crate::yaml::{self, Node, Value};
use serde::de::DeserializeOwned;

/// Reads a `T` from JSON or YAML text. An empty document reads as `{}` when `empty_is_map`.
/// The document is taken to be a payment (a payment object of a provider) when it may not be
/// empty, and a request (a cancel body) when it may.
pub(crate) fn read<T: DeserializeOwned>(text: &str, empty_is_map: bool) -> Result<T, InputError> {
    let document = if empty_is_map {
        Document::Request
    } else {
        Document::Payment
    };
    read_as(document, text, empty_is_map)
}

/// Reads a `T`, a `document`, from JSON or YAML text. An empty document reads as `{}` when
/// `empty_is_map`.
pub(crate) fn read_as<T: DeserializeOwned>(
    document: Document,
    text: &str,
    empty_is_map: bool,
) -> Result<T, InputError> {
    let (mut tree, duplicates) =
        yaml::parse_document(text, document).map_err(|e| InputError::of(*e.kind, Some(e.at)))?;
    if let Some(duplicate) = duplicates.first() {
        return Err(InputError::of(
            InputErrorKind::DuplicateKey {
                key: duplicate.key.clone(),
                first: duplicate.first,
            },
            Some(duplicate.at),
        ));
    }
    if empty_is_map && tree.value == Value::Null {
        tree = Node {
            value: Value::Map(Vec::new()),
            at: tree.at,
        };
    }
    yaml::from_node(&tree).map_err(|e| InputError::of(e.input_kind(), e.at))
}

/// Reads a payment (contract §1) and checks that its fields fit together.
///
/// ```
/// let error = refund_policy::input::payment(
///     "{provider: portone_v2, method: card, status: paid, amount: {total: 100}, easy_pay: {provider: kakaopay}}",
/// )
/// .unwrap_err();
/// assert_eq!(error.to_string(), "`easy_pay` is given with method `card`: it belongs only to method `easy_pay`");
/// ```
pub fn payment(text: &str) -> Result<Payment, InputError> {
    let payment: Payment = read_as(Document::Payment, text, false)?;
    payment.check().map_err(|e| InputError::shape(None, &e))?;
    Ok(payment)
}

/// Reads a refund request (contract §2); an empty text is an empty request.
///
/// ```
/// use refund_policy::input::request;
/// use rust_decimal::Decimal;
/// let r = request("amount: 1234.5\nrefund_account: { bank: KOOKMIN, number: 01012345678 }")?;
/// assert_eq!(r.amount, Some(Decimal::new(12345, 1)));
/// // A number written plainly keeps its leading zero when the field is text.
/// assert_eq!(r.refund_account.unwrap().number.as_deref(), Some("01012345678"));
/// # Ok::<(), refund_policy::input::InputError>(())
/// ```
pub fn request(text: &str) -> Result<RefundRequest, InputError> {
    read_as(Document::Request, text, true)
}

/// Reads a merchant profile (contract §3); an empty text has no contracts. Whether its contract
/// ids exist is a question for the policies: see [`crate::Engine::check_merchant`].
pub fn merchant(text: &str) -> Result<MerchantProfile, InputError> {
    read_as(Document::Merchant, text, true)
}
