//! Korean particles, whose form depends on how the word before them ends: `10,000원이`,
//! `USD 10가`.

use super::text::{LastLetter, from_fn};
use std::fmt::{self, Display, Formatter};

/// Whether `word` is read with a final consonant (받침), which decides the particle after it:
/// `10,000원이`, `USD 10가`... The last Hangul syllable, digit or Latin letter decides; digits and
/// letters are read as Koreans read them (`0` 영, `L` 엘).
#[cfg(test)]
fn has_final_consonant(word: &str) -> bool {
    ends_in_consonant(word.chars().rev().find(|c| c.is_alphanumeric()))
}

/// Whether a word whose last letter or digit is `last` is read with a final consonant.
fn ends_in_consonant(last: Option<char>) -> bool {
    let Some(last) = last else {
        return false;
    };
    match last {
        '가'..='힣' => (u32::from(last).saturating_sub(0xAC00)) % 28 != 0,
        '0' | '1' | '3' | '6' | '7' | '8' => true,
        'l' | 'm' | 'n' | 'r' | 'L' | 'M' | 'N' | 'R' => true,
        _ => false,
    }
}

/// `word` followed by the right form of a particle: `after_consonant` (이, 을, 과, 은) or
/// `after_vowel` (가, 를, 와, 는), chosen from the word as written: it is written through a
/// writer that remembers its last letter.
fn with_particle<W: Display>(
    word: W,
    after_consonant: &'static str,
    after_vowel: &'static str,
) -> impl Display {
    from_fn(move |f| write_with_particle(f, &word, after_consonant, after_vowel))
}

fn write_with_particle(
    f: &mut Formatter<'_>,
    word: &dyn Display,
    after_consonant: &'static str,
    after_vowel: &'static str,
) -> fmt::Result {
    let last = LastLetter::write(f, word)?;
    f.write_str(if ends_in_consonant(last) {
        after_consonant
    } else {
        after_vowel
    })
}

/// Subject (이/가), object (을/를), with (과/와), topic (은/는).
pub(super) fn i_ga<W: Display>(word: W) -> impl Display {
    with_particle(word, "이", "가")
}
pub(super) fn eul_reul<W: Display>(word: W) -> impl Display {
    with_particle(word, "을", "를")
}
pub(super) fn gwa_wa<W: Display>(word: W) -> impl Display {
    with_particle(word, "과", "와")
}
pub(super) fn eun_neun<W: Display>(word: W) -> impl Display {
    with_particle(word, "은", "는")
}

#[cfg(test)]
mod tests {
    use super::{eul_reul, has_final_consonant, i_ga};

    #[test]
    fn particles_follow_how_the_word_ends() {
        assert_eq!(i_ga("10,000원").to_string(), "10,000원이");
        assert_eq!(i_ga("100.5 USD").to_string(), "100.5 USD가");
        assert_eq!(eul_reul("99.99 USD").to_string(), "99.99 USD를");
        assert_eq!(eul_reul("1년").to_string(), "1년을");
        assert_eq!(eul_reul("30 EUR").to_string(), "30 EUR을");
        assert_eq!(i_ga("`key-2`").to_string(), "`key-2`가");
        assert_eq!(i_ga("`key-1`").to_string(), "`key-1`이");
        assert!(!has_final_consonant("`-`"));
    }
}
