//! "Did you mean" answers a policy already gave: the nearest known id to an unknown PG or
//! easy-pay service is a search by edit distance over the policy's lists, thousands of
//! instructions where the rest of a decision takes two thousand, and a service meets the same
//! unknown id again and again (a merchant on a PG its policy does not list).
//!
//! Kept with the policy, so an answer never outlives the lists it was searched in, and bounded:
//! past [`CAP`] ids, new ones are searched each time, and memory stays small whatever ids
//! callers send.

use std::fmt;
use std::sync::{Mutex, PoisonError};

/// The most answers kept per policy.
const CAP: usize = 64;

/// Which of the policy's lists an id was searched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    Pgs,
    EasyPayServices,
}

/// The answers found so far, by list and id.
#[derive(Default)]
pub(crate) struct Suggestions(Mutex<Vec<Answer>>);

/// A list, an id and the suggestion found for it.
type Answer = (List, String, Option<Box<str>>);

impl Suggestions {
    /// The suggestion for `id` in `list`: the one found before, or `search`'s, kept.
    pub(crate) fn get_or(
        &self,
        list: List,
        id: &str,
        search: impl FnOnce() -> Option<Box<str>>,
    ) -> Option<Box<str>> {
        {
            let kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some((_, _, found)) = kept.iter().find(|(l, i, _)| *l == list && i == id) {
                return found.clone();
            }
        }
        // Searched without the lock held: two threads meeting a new id at once both search,
        // and find the same answer.
        let found = search();
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() < CAP && !kept.iter().any(|(l, i, _)| *l == list && i == id) {
            kept.push((list, id.to_owned(), found.clone()));
        }
        found
    }
}

/// A copy of a policy starts with no answers: they are found again from its own lists.
impl Clone for Suggestions {
    fn clone(&self) -> Suggestions {
        Suggestions::default()
    }
}

/// What a policy already answered is not part of what it says.
impl PartialEq for Suggestions {
    fn eq(&self, _: &Suggestions) -> bool {
        true
    }
}

impl fmt::Debug for Suggestions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kept = self.0.lock().map_or(0, |kept| kept.len());
        write!(f, "Suggestions({kept} kept)")
    }
}

#[cfg(test)]
mod tests {
    use super::{CAP, List, Suggestions};
    use std::cell::Cell;

    /// An id is searched once per list; past the bound, every time; a list's answer is never
    /// given for the other list.
    #[test]
    fn an_answer_is_searched_once_per_list_and_id() {
        let suggestions = Suggestions::default();
        let searches = Cell::new(0_u32);
        let search = |answer: Option<&str>| {
            searches.set(searches.get().saturating_add(1));
            answer.map(Box::from)
        };
        let first = suggestions.get_or(List::Pgs, "ksent", || search(Some("ksnet")));
        let again = suggestions.get_or(List::Pgs, "ksent", || search(Some("wrong")));
        assert_eq!(
            (first.as_deref(), again.as_deref()),
            (Some("ksnet"), Some("ksnet"))
        );
        assert_eq!(searches.get(), 1);
        let other = suggestions.get_or(List::EasyPayServices, "ksent", || search(None));
        assert_eq!(other, None);
        assert_eq!(searches.get(), 2);
        let again = suggestions.get_or(List::EasyPayServices, "ksent", || search(Some("x")));
        assert_eq!(
            (again, searches.get()),
            (None, 2),
            "each list keeps its own answer"
        );
        for n in 0..CAP {
            suggestions.get_or(List::Pgs, &format!("id{n}"), || search(None));
        }
        // Every id up to the bound is kept, and answered again without a search.
        let before = searches.get();
        let kept = suggestions.get_or(List::Pgs, "id5", || search(Some("x")));
        assert_eq!((kept, searches.get()), (None, before));
        assert_eq!(suggestions.0.lock().map(|k| k.len()).ok(), Some(CAP));
        let past = searches.get();
        suggestions.get_or(List::Pgs, &format!("id{CAP}"), || search(None));
        suggestions.get_or(List::Pgs, &format!("id{CAP}"), || search(None));
        assert_eq!(searches.get(), past.saturating_add(2), "past the bound");
        assert_eq!(suggestions.clone().0.lock().map(|k| k.len()).ok(), Some(0));
    }
}
