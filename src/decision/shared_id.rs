//! Values a decision shares with the policy that made it (rule ids, the policy id, the
//! policy's texts, a deadline's spans by funding), copied into every decision without
//! counting references.
//!
//! A reference-counted value costs two atomic operations per decision that carries it (one to
//! clone, one to drop), which are cheap in instructions but not in time, and contended when
//! threads decide at once. Values are instead interned: each distinct one is kept once for the
//! life of the process, and a decision copies a plain reference to it. Policies loaded again
//! reuse the values they had. Distinct values beyond [`CAP`] of a kind (a process that loads
//! ever new policies, such as a fuzzer) are counted references again, so the memory kept
//! stays bounded.
//!
//! Both forms point to a `Box` rather than to the value itself: a thin pointer, so that a
//! shared value is two words rather than three. Every note and reason carries one, and a
//! smaller decision is cheaper to return and to drop; the value is one load further away,
//! which only writing or comparing it pays.

#![expect(
    clippy::borrowed_box,
    reason = "a reference to a `Box` is a thin pointer, one word where `&T` is two"
)]

use super::FundingSpan;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::{Arc, Mutex, PoisonError};

/// How many distinct values of a kind are interned at most: the built-in policies have some
/// hundreds of ids; at about a hundred bytes each, the cap keeps at most a few megabytes.
const CAP: usize = 16_384;

/// The values of a kind interned so far.
type Kept<T> = Mutex<Vec<&'static Box<T>>>;

/// A kind of value that can be interned.
pub(crate) trait Internable: 'static {
    /// The values of this kind kept so far: a list rather than a map, as values are added only
    /// when policies load, and a map's code for each kind would cost the WebAssembly package
    /// kilobytes.
    fn kept() -> &'static Kept<Self>;

    /// Where `value` is among `kept`: `Ok` where it is, `Err` where it goes.
    fn find(kept: &[&'static Box<Self>], value: &Self) -> Result<usize, usize>;

    /// A copy of `value` to keep.
    fn boxed(value: &Self) -> Box<Self>;
}

/// Texts, sorted.
impl Internable for str {
    fn kept() -> &'static Kept<str> {
        static TEXTS: Kept<str> = Mutex::new(Vec::new());
        &TEXTS
    }

    fn find(kept: &[&'static Box<str>], value: &str) -> Result<usize, usize> {
        kept.binary_search_by(|text| (***text).cmp(value))
    }

    fn boxed(value: &str) -> Box<str> {
        Box::from(value)
    }
}

/// Spans by funding, in the order found: a policy has a few.
impl Internable for [FundingSpan] {
    fn kept() -> &'static Kept<[FundingSpan]> {
        static SPANS: Kept<[FundingSpan]> = Mutex::new(Vec::new());
        &SPANS
    }

    fn find(kept: &[&'static Box<[FundingSpan]>], value: &[FundingSpan]) -> Result<usize, usize> {
        kept.iter()
            .position(|spans| ***spans == *value)
            .ok_or(kept.len())
    }

    fn boxed(value: &[FundingSpan]) -> Box<[FundingSpan]> {
        Box::from(value)
    }
}

/// A value, shared: cloning it is a copy, unless the cap was reached when it was made.
pub(crate) struct Shared<T: ?Sized + Internable>(Repr<T>);

/// An id or a policy's text.
pub(crate) type SharedId = Shared<str>;

// Two words: a tag and a thin pointer.
const _: () = assert!(size_of::<SharedId>() == 2 * size_of::<usize>());

enum Repr<T: ?Sized + 'static> {
    Interned(&'static Box<T>),
    Counted(Arc<Box<T>>),
}

impl<T: ?Sized + Internable> Shared<T> {
    /// `value`, interned if it is already, or if there is room.
    pub(crate) fn new(value: &T) -> Shared<T> {
        let mut kept = T::kept().lock().unwrap_or_else(PoisonError::into_inner);
        let place = match T::find(&kept, value) {
            Ok(found) => {
                return kept
                    .get(found)
                    .map_or_else(|| counted(value), |&kept| Shared(Repr::Interned(kept)));
            }
            Err(place) => place,
        };
        if kept.len() >= CAP {
            return counted(value);
        }
        let new: &'static Box<T> = Box::leak(Box::new(T::boxed(value)));
        kept.insert(place, new);
        Shared(Repr::Interned(new))
    }

    fn get(&self) -> &T {
        match &self.0 {
            Repr::Interned(value) => value,
            Repr::Counted(value) => value,
        }
    }
}

impl SharedId {
    pub(crate) fn as_str(&self) -> &str {
        self.get()
    }
}

/// `value`, reference-counted: past the cap, and for text that is not the policy's.
pub(crate) fn counted<T: ?Sized + Internable>(value: &T) -> Shared<T> {
    Shared(Repr::Counted(Arc::new(T::boxed(value))))
}

impl<T: ?Sized + Internable> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(match &self.0 {
            Repr::Interned(value) => Repr::Interned(value),
            Repr::Counted(value) => Repr::Counted(Arc::clone(value)),
        })
    }
}

impl<T: ?Sized + Internable> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.get()
    }
}

/// As the value: a decision's debug output shows its ids as strings.
impl<T: ?Sized + Internable + fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.get(), f)
    }
}

impl<T: ?Sized + Internable + serde::Serialize> serde::Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(serializer)
    }
}

impl<T: ?Sized + Internable + PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        self.get() == other.get()
    }
}

impl<T: ?Sized + Internable + Eq> Eq for Shared<T> {}

impl<T: ?Sized + Internable + Ord> PartialOrd for Shared<T> {
    fn partial_cmp(&self, other: &Shared<T>) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T: ?Sized + Internable + Ord> Ord for Shared<T> {
    fn cmp(&self, other: &Shared<T>) -> Ordering {
        self.get().cmp(other.get())
    }
}

impl<T: ?Sized + Internable + Hash> Hash for Shared<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.get().hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::{Repr, Shared, SharedId};
    use std::sync::Arc;

    /// The same text is kept once, however often an id is made from it.
    #[test]
    fn an_id_made_twice_is_kept_once() {
        let (first, again) = (
            SharedId::new("test › shared › once"),
            SharedId::new("test › shared › once"),
        );
        let (Repr::Interned(first), Repr::Interned(again)) = (first.0, again.0) else {
            panic!("the first ids of a process are interned");
        };
        assert!(std::ptr::eq(first, again));
    }

    /// Spans by funding are kept once too, and different spans apart.
    #[test]
    fn spans_made_twice_are_kept_once() {
        use crate::calendar::Span;
        use crate::decision::FundingSpan;
        use crate::model::Funding;
        let span = |funding, text: &str| FundingSpan {
            funding,
            within: text
                .parse::<Span>()
                .unwrap_or_else(|_| panic!("`{text}` is a span")),
        };
        let spans = [
            span(Funding::Card, "1 year"),
            span(Funding::Point, "5 years"),
        ];
        // The same spans from another place in memory.
        let copy = spans.to_vec();
        let (Repr::Interned(first), Repr::Interned(again)) = (
            Shared::<[FundingSpan]>::new(&spans).0,
            Shared::<[FundingSpan]>::new(&copy).0,
        ) else {
            panic!("the first spans of a process are interned");
        };
        assert!(std::ptr::eq(first, again));
        let other = Shared::<[FundingSpan]>::new(&spans[..1]);
        assert_eq!(&*other, &spans[..1]);
        assert_ne!(&*other, &spans[..]);
    }

    /// An interned id and a counted one with the same text are the same id.
    #[test]
    fn ids_compare_by_their_text() {
        let interned = SharedId::new("test › shared › compare");
        let counted = Shared(Repr::Counted(Arc::new("test › shared › compare".into())));
        assert_eq!(interned, counted);
        assert_eq!(interned.cmp(&counted), std::cmp::Ordering::Equal);
        assert_eq!(
            format!("{interned:?}"),
            format!("{:?}", "test › shared › compare")
        );
    }

    /// An id reads as its text, different texts are different ids, and an id hashes as its
    /// text does (`PolicyText` finds a `&str` in a hashed set by it).
    #[test]
    fn ids_read_and_hash_as_their_text() {
        use std::hash::{BuildHasher, RandomState};
        let id = SharedId::new("test › shared › text");
        assert_eq!(id.as_str(), "test › shared › text");
        assert_eq!(&*id, "test › shared › text");
        assert_ne!(id, SharedId::new("test › shared › other"));
        let state = RandomState::new();
        assert_eq!(state.hash_one(&id), state.hash_one("test › shared › text"));
    }

    /// `<` and `>` order ids as their texts, as `sort` does: rule ids derive their order.
    #[test]
    fn ids_order_by_their_text() {
        let (first, second) = (
            SharedId::new("test › shared › a"),
            Shared(Repr::Counted(Arc::new("test › shared › b".into()))),
        );
        assert!(first < second);
        assert!(second > first);
        assert_eq!(
            first.partial_cmp(&first.clone()),
            Some(std::cmp::Ordering::Equal)
        );
    }
}
