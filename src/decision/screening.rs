//! A screening: the verdict and reason codes of a decision, without the rest of it.

use super::{ReasonCode, Verdict};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use smallvec::SmallVec;

/// Reason codes kept without allocating: one byte each, sixteen in the room a spilled list's
/// pointer and length take anyway. A decision with more (none of the example cases comes
/// near) spills them to the heap.
const INLINE: usize = 16;

/// The verdict and the reason codes a [`Decision`](super::Decision) would give, from
/// [`Engine::screen`](crate::Engine::screen).
///
/// The same checks make it as make a decision, compiled to keep only each reason's code: no
/// rule ids, provider errors, numbers, notes or last refundable day. It is for going through
/// many payments to find which cannot be refunded and why (a merchant's history re-checked
/// after a policy change, say); decide the ones to show or act on to get the full account.
/// Its codes are the decision's [`reason_codes`](super::Decision::reason_codes), in the same
/// order, always: a test holds the two together on every example case and on generated inputs.
///
/// ```
/// use refund_policy::{Engine, input, model::parse_instant};
///
/// let engine = Engine::builtin()?;
/// let payment = input::payment(r#"{"provider": "portone_v2", "pg": "danal", "method": "mobile",
///     "status": "paid", "amount": {"total": 10000}, "paid_at": "2026-03-31T23:00:00+09:00"}"#)?;
/// let request = input::request(r#"{"reason": "고객 요청"}"#)?;
/// let merchant = input::merchant("")?;
/// let now = parse_instant("2026-04-01T09:00:00+09:00")?;
///
/// let screening = engine.screen(&payment, &request, &merchant, now);
/// assert!(!screening.is_allowed());
/// assert_eq!(screening.reason_codes()[0].as_str(), "MONTH_CHANGED");
/// // What a decision says, to the code.
/// let decision = engine.decide(&payment, &request, &merchant, now);
/// assert_eq!(screening.reason_codes(), decision.reason_codes());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Screening {
    codes: SmallVec<[ReasonCode; INLINE]>,
}

impl Screening {
    /// Allow when no reason stands in the way, deny otherwise.
    ///
    /// ```
    /// use refund_policy::{Screening, decision::Verdict};
    /// assert_eq!(Screening::default().verdict(), Verdict::Allow);
    /// ```
    pub fn verdict(&self) -> Verdict {
        if self.codes.is_empty() {
            Verdict::Allow
        } else {
            Verdict::Deny
        }
    }

    /// Whether the refund would go through.
    ///
    /// ```
    /// assert!(refund_policy::Screening::default().is_allowed());
    /// ```
    pub fn is_allowed(&self) -> bool {
        self.codes.is_empty()
    }

    /// The codes of every reason the refund would not go through, in the decision's order.
    ///
    /// ```
    /// assert!(refund_policy::Screening::default().reason_codes().is_empty());
    /// ```
    pub fn reason_codes(&self) -> &[ReasonCode] {
        &self.codes
    }

    pub(crate) fn push(&mut self, code: ReasonCode) {
        self.codes.push(code);
    }
}

/// `{"verdict": "deny", "reasons": ["MONTH_CHANGED"]}`: a decision's first two fields, named
/// as the decision names them (contract §4), so a reader of either reads both.
///
/// ```
/// let json = serde_json::to_string(&refund_policy::Screening::default()).unwrap();
/// assert_eq!(json, r#"{"verdict":"allow","reasons":[]}"#);
/// ```
impl Serialize for Screening {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Screening", 2)?;
        out.serialize_field("verdict", &self.verdict())?;
        out.serialize_field("reasons", self.reason_codes())?;
        out.end()
    }
}
