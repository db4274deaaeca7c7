//! "Did you mean" suggestions for misspelled names.

/// The candidate nearest to `input`, if one is near enough to be a likely misspelling.
///
/// ```
/// use refund_policy::suggest::closest;
/// assert_eq!(closest("crad", ["card", "transfer", "mobile"]), Some("card"));
/// assert_eq!(closest("zzz", ["card", "transfer"]), None);
/// ```
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = input.chars().count().div_ceil(3).max(1);
    candidates
        .into_iter()
        .map(|candidate| {
            let distance = strsim::damerau_levenshtein(input, candidate);
            let case_only = input.eq_ignore_ascii_case(candidate);
            (if case_only { 0 } else { distance }, candidate)
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}
