//! Text a decision takes from its policy: a bank code and its table, a provider error's name,
//! a contract's id and names.

use super::SharedId;
use serde::{Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// Text from a policy that decisions carry, such as the code a PG wants for a bank (`"004"`),
/// the name of the error a provider returns (`"PG_PROVIDER"`), or a payment's PG as the policy
/// writes it (a PG written otherwise is the payment's own copy). It reads as a `&str`.
///
/// Cloning one costs no atomic operation, as with [`RuleId`](super::RuleId): the texts of the
/// policies a process loads are kept for its life, once each (up to a bound, past which they
/// are reference-counted). A decision that carried reference-counted text paid an atomic
/// increment for each piece and a decrement when it was dropped, which is a large part of a
/// decision that takes a hundred and fifty nanoseconds.
///
/// ```
/// use refund_policy::decision::PolicyText;
///
/// let code = PolicyText::from("004");
/// assert_eq!(code, "004");
/// assert_eq!(code.len(), 3);
/// assert_eq!(code.to_string(), "004");
/// assert_eq!(serde_json::to_string(&code).unwrap(), r#""004""#);
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PolicyText(SharedId);

impl PolicyText {
    /// `text` as its own copy, not kept: text that is not the policy's, such as a payment's
    /// PG written in another case than the policy writes it.
    pub(crate) fn owned(text: &str) -> PolicyText {
        PolicyText(super::shared_id::counted(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for PolicyText {
    fn from(text: &str) -> PolicyText {
        PolicyText(SharedId::new(text))
    }
}

impl Deref for PolicyText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for PolicyText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Texts hash and compare as their `str`, so a `&str` finds one in a set or map.
impl Borrow<str> for PolicyText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for PolicyText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for PolicyText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Display for PolicyText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// As the text: a decision's debug output shows it as a string.
impl fmt::Debug for PolicyText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for PolicyText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::PolicyText;
    use std::collections::BTreeSet;

    /// A text is found by its `str`, in a set as in a comparison.
    #[test]
    fn a_text_is_found_and_compared_as_its_str() {
        let set = BTreeSet::from([PolicyText::from("kcp"), PolicyText::from("kakaopay")]);
        assert!(set.contains("kcp"));
        assert!(!set.contains("kc"));
        assert_eq!(PolicyText::from("kcp"), "kcp");
        assert_ne!(PolicyText::from("kcp"), "kcp ");
        let kcp = PolicyText::from("kcp");
        assert!(kcp == *"kcp");
        assert!(kcp != *"kakaopay");
        assert_eq!(PolicyText::from("kcp").as_ref(), "kcp");
        assert_eq!(PolicyText::from("카드사").to_string(), "카드사");
        assert_eq!(format!("{:?}", PolicyText::from("a\"b")), r#""a\"b""#);
    }
}
