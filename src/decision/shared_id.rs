//! Ids a decision shares with the policy that made it (rule ids, the policy id), copied into
//! every decision without counting references.
//!
//! A reference-counted id costs two atomic operations per decision that carries it (one to
//! clone, one to drop), which are cheap in instructions but not in time, and contended when
//! threads decide at once. Ids are instead interned: each distinct id is kept once for the
//! life of the process, and a decision copies a plain reference to it. Policies loaded again
//! reuse the ids they had. Distinct ids beyond [`CAP`] (a process that loads ever new
//! policies, such as a fuzzer) are counted references again, so the memory kept stays
//! bounded.
//!
//! Both forms point to a `Box<str>` rather than to the text itself: a thin pointer, so that
//! an id is two words rather than three. Every note and reason carries one, and a smaller
//! decision is cheaper to return and to drop; the text is one load further away, which only
//! writing or comparing an id pays.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::{Arc, Mutex, PoisonError};

/// How many distinct ids are interned at most: the built-in policies have some hundreds; at
/// about a hundred bytes each, the cap keeps at most a few megabytes.
const CAP: usize = 16_384;

/// The ids interned so far, sorted by their text. A sorted list rather than a map: ids are
/// added when policies load, a few hundred at most, and a map's code for this one key type
/// would cost the WebAssembly package kilobytes.
static INTERNED: Mutex<Vec<&'static Box<str>>> = Mutex::new(Vec::new());

/// An id, shared: cloning it is a copy, unless the cap was reached when it was made.
#[derive(Clone)]
pub(crate) struct SharedId(Repr);

// Two words: a tag and a thin pointer.
const _: () = assert!(size_of::<SharedId>() == 2 * size_of::<usize>());

#[derive(Clone)]
enum Repr {
    Interned(&'static Box<str>),
    Counted(Arc<Box<str>>),
}

impl SharedId {
    /// `id`, interned if it is already, or if there is room.
    pub(crate) fn new(id: &str) -> SharedId {
        let mut interned = INTERNED.lock().unwrap_or_else(PoisonError::into_inner);
        let place = match interned.binary_search_by(|kept| (***kept).cmp(id)) {
            Ok(found) => {
                return interned
                    .get(found)
                    .map_or_else(|| counted(id), |&kept| SharedId(Repr::Interned(kept)));
            }
            Err(place) => place,
        };
        if interned.len() >= CAP {
            return counted(id);
        }
        let kept: &'static Box<str> = Box::leak(Box::new(Box::from(id)));
        interned.insert(place, kept);
        SharedId(Repr::Interned(kept))
    }

    pub(crate) fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Interned(id) => id,
            Repr::Counted(id) => id,
        }
    }
}

/// `id`, reference-counted: past the cap.
fn counted(id: &str) -> SharedId {
    SharedId(Repr::Counted(Arc::new(Box::from(id))))
}

impl Deref for SharedId {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// As the text: a decision's debug output shows its ids as strings.
impl fmt::Debug for SharedId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl serde::Serialize for SharedId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl PartialEq for SharedId {
    fn eq(&self, other: &SharedId) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedId {}

impl PartialOrd for SharedId {
    fn partial_cmp(&self, other: &SharedId) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedId {
    fn cmp(&self, other: &SharedId) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for SharedId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::{Repr, SharedId};
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

    /// An interned id and a counted one with the same text are the same id.
    #[test]
    fn ids_compare_by_their_text() {
        let interned = SharedId::new("test › shared › compare");
        let counted = SharedId(Repr::Counted(Arc::new("test › shared › compare".into())));
        assert_eq!(interned, counted);
        assert_eq!(interned.cmp(&counted), std::cmp::Ordering::Equal);
        assert_eq!(
            format!("{interned:?}"),
            format!("{:?}", "test › shared › compare")
        );
    }

    /// `<` and `>` order ids as their texts, as `sort` does: rule ids derive their order.
    #[test]
    fn ids_order_by_their_text() {
        let (first, second) = (
            SharedId::new("test › shared › a"),
            SharedId(Repr::Counted(Arc::new("test › shared › b".into()))),
        );
        assert!(first < second);
        assert!(second > first);
        assert_eq!(
            first.partial_cmp(&first.clone()),
            Some(std::cmp::Ordering::Equal)
        );
    }
}
