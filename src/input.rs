//! Reading the inputs of a decision (payment, refund request, merchant profile) from JSON or
//! YAML text, exactly: amounts from their digits, instants with their offsets.
//!
//! Input that cannot be read into the model is an [`InputError`] naming the field and the
//! value. Input that reads but contradicts itself or the rules is not an error here: the
//! decision reports it (`INVALID_PAYMENT`, `INVALID_AMOUNT`, ...).

use crate::model::{MerchantProfile, Payment, RefundRequest};
use crate::suggest::closest;
use crate::yaml::{self, Location, Node, Value};
use serde::de::DeserializeOwned;
use std::fmt;

/// Input that cannot be read into the model: what is wrong, where, and a hint.
///
/// ```
/// let error = refund_policy::input::payment("provider: portone_v2\nmethod: crad\n").unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "`method`: unknown value `crad` (did you mean `card`?) at line 2, column 9"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    message: String,
    help: Option<String>,
    location: Option<Location>,
}

impl InputError {
    pub(crate) fn new(
        message: String,
        help: Option<String>,
        location: Option<Location>,
    ) -> InputError {
        InputError {
            message,
            help,
            location,
        }
    }

    pub(crate) fn unknown_contract(index: usize, id: &str, known: &[&str]) -> InputError {
        let help = closest(id, known.iter().copied())
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| {
                Some(format!(
                    "the policies define {}",
                    known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            });
        InputError::new(
            format!("`contracts[{index}]`: unknown contract id `{id}`"),
            help,
            None,
        )
    }

    pub(crate) fn shape(within: Option<&str>, error: &crate::model::ShapeError) -> InputError {
        let message = match within {
            Some(path) => format!("in `{path}`: {error}"),
            None => error.to_string(),
        };
        InputError::new(message, None, None)
    }

    /// What is wrong, naming the field.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// A hint, where one helps.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// Where in the text, when known.
    pub fn location(&self) -> Option<Location> {
        self.location
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        if let Some(at) = self.location {
            write!(f, " at line {}, column {}", at.line, at.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// Reads a `T` from JSON or YAML text. An empty document reads as `{}` when `empty_is_map`.
pub(crate) fn read<T: DeserializeOwned>(text: &str, empty_is_map: bool) -> Result<T, InputError> {
    let (mut tree, duplicates) =
        yaml::parse(text).map_err(|e| InputError::new(e.message, None, Some(e.at)))?;
    if let Some(duplicate) = duplicates.first() {
        return Err(InputError::new(
            format!("duplicate key `{}`", duplicate.key),
            Some(format!("first given at line {}", duplicate.first.line)),
            Some(duplicate.at),
        ));
    }
    if empty_is_map && tree.value == Value::Null {
        tree = Node {
            value: Value::Map(Vec::new()),
            at: tree.at,
        };
    }
    yaml::from_node(&tree).map_err(|e| InputError::new(e.describe(), e.help.clone(), e.at))
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
    let payment: Payment = read(text, false)?;
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
    read(text, true)
}

/// Reads a merchant profile (contract §3); an empty text has no contracts. Whether its contract
/// ids exist is a question for the policies: see [`crate::Engine::check_merchant`].
pub fn merchant(text: &str) -> Result<MerchantProfile, InputError> {
    read(text, true)
}
