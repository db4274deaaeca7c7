//! The circumstances behind a rule that applies to a payment (`PARTIAL_CANCEL_NOT_SUPPORTED`,
//! `REFUND_NOT_SUPPORTED`): what about the payment made it apply.

use super::PolicyText;
use crate::model::{CardType, EscrowStatus, Funding, GiftCertificateType, Method};
use serde::Serialize;
use smallvec::SmallVec;
use std::fmt;
use std::ops::Deref;

/// What about a payment made a rule apply: the circumstances behind `PARTIAL_CANCEL_NOT_SUPPORTED`
/// and `REFUND_NOT_SUPPORTED`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
// New conditions (a gift certificate's type, an escrow's state) add circumstances.
#[non_exhaustive]
pub enum Circumstance {
    /// The method itself, whatever else holds.
    Method(Method),
    /// The payment's PG, as written, is one the rule lists.
    Pg(PolicyText),
    /// The payment's PG (if known), as written, is not one the rule exempts.
    PgNotListed(Option<PolicyText>),
    /// The card is of this kind.
    CardType(CardType),
    /// The card was issued abroad.
    ForeignCard,
    /// Card points paid part of it.
    CardPoints,
    /// The payment is (`true`) or is not (`false`) an escrow payment before purchase
    /// confirmation.
    Escrow(bool),
    /// Where the escrow stands.
    EscrowStatus(EscrowStatus),
    /// The kind of gift certificate.
    GiftCertificateType(GiftCertificateType),
    /// The provider's own partial-cancel flag.
    PartialCancelable(bool),
    /// The easy-pay funding.
    Funding(Funding),
    /// The request is (`true`) or is not (`false`) partial.
    Partial(bool),
    /// The request is (`true`) or is not (`false`) a full cancel on the day of payment.
    SameDayFullCancel(bool),
}

/// The circumstances behind one reason, in the order the rule's condition names them. They
/// read as a slice.
///
/// Most reasons have one, which is held inline: a denial does not allocate for it.
///
/// ```
/// use refund_policy::{Engine, input};
/// use refund_policy::decision::{Circumstance, ReasonDetails};
/// use refund_policy::model::{CardType, parse_instant};
///
/// let engine = Engine::builtin()?;
/// let payment = input::payment(r#"{"provider": "portone_v2", "pg": "kcp", "method": "card",
///     "card": {"type": "gift"}, "status": "paid", "amount": {"total": 10000},
///     "paid_at": "2026-03-02T10:00:00+09:00"}"#)?;
/// let request = input::request(r#"{"amount": 3000, "reason": "부분 반품"}"#)?;
/// let now = parse_instant("2026-03-05T10:00:00+09:00")?;
/// let decision = engine.decide(&payment, &request, &input::merchant("")?, now);
/// let ReasonDetails::PartialCancelNotSupported { because } = decision.reasons()[0].details() else {
///     panic!("a gift card is refunded in full only");
/// };
/// assert_eq!(&because[..], [Circumstance::CardType(CardType::Gift)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Circumstances(SmallVec<[Circumstance; 1]>);

impl Circumstances {
    /// Adds one, after the others.
    pub(crate) fn push(&mut self, circumstance: Circumstance) {
        self.0.push(circumstance);
    }
}

impl From<Circumstance> for Circumstances {
    fn from(circumstance: Circumstance) -> Circumstances {
        Circumstances(smallvec::smallvec![circumstance])
    }
}

impl FromIterator<Circumstance> for Circumstances {
    fn from_iter<I: IntoIterator<Item = Circumstance>>(circumstances: I) -> Circumstances {
        Circumstances(circumstances.into_iter().collect())
    }
}

impl From<Vec<Circumstance>> for Circumstances {
    fn from(circumstances: Vec<Circumstance>) -> Circumstances {
        Circumstances(SmallVec::from_vec(circumstances))
    }
}

impl Deref for Circumstances {
    type Target = [Circumstance];

    fn deref(&self) -> &[Circumstance] {
        &self.0
    }
}

/// As the slice.
impl fmt::Debug for Circumstances {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl Serialize for Circumstances {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::{Circumstance, Circumstances};
    use crate::model::Method;

    /// However many are pushed, they read back in order, and lists of the same circumstances
    /// are equal however they are held.
    #[test]
    fn circumstances_read_back_in_the_order_pushed() {
        let all = [
            Circumstance::Method(Method::Card),
            Circumstance::ForeignCard,
            Circumstance::CardPoints,
            Circumstance::Partial(true),
        ];
        for n in 0..=all.len() {
            let pushed: Circumstances = all.iter().take(n).cloned().collect();
            assert_eq!(&pushed[..], &all[..n]);
            assert_eq!(pushed, Circumstances::from(all[..n].to_vec()));
        }
        assert_eq!(
            Circumstances::from(Circumstance::ForeignCard)[..],
            [Circumstance::ForeignCard]
        );
        assert_ne!(
            Circumstances::default(),
            Circumstances::from(Circumstance::ForeignCard)
        );
    }

    /// The first circumstance is held inline, so a reason with one allocates nothing for it;
    /// a second moves both to a list.
    #[test]
    fn one_circumstance_is_held_inline() {
        let mut held = Circumstances::default();
        held.push(Circumstance::ForeignCard);
        assert!(!held.0.spilled());
        held.push(Circumstance::CardPoints);
        assert!(held.0.spilled());
        assert_eq!(
            &held[..],
            [Circumstance::ForeignCard, Circumstance::CardPoints]
        );
    }
}
