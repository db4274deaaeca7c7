//! Korean particles, whose form depends on how the word before them ends: `10,000원이`,
//! `USD 10가`.

use super::text::{Out, Piece};
use std::fmt;

/// A word a particle can follow: what it displays, and the last letter or digit of that text,
/// which decides the particle. Each word says how it ends rather than being written through a
/// writer that watches for it, which cost more than the word itself.
pub(super) trait Word: Piece + fmt::Display {
    /// The last letter or digit of what the word displays, if it has any.
    fn last_letter(&self) -> Option<char>;
}

impl Word for &str {
    fn last_letter(&self) -> Option<char> {
        last_letter(self)
    }
}

impl Word for String {
    fn last_letter(&self) -> Option<char> {
        last_letter(self)
    }
}

/// The last letter or digit of `text`.
pub(super) fn last_letter(text: &str) -> Option<char> {
    text.chars().rev().find(|c| is_letter_or_digit(*c))
}

/// `c.is_alphanumeric()`, answered without Unicode's tables for ASCII and Hangul syllables,
/// which is what words end in.
fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        matches!(c, '가'..='힣') || c.is_alphanumeric()
    }
}

/// Whether a word whose last letter or digit is `last` is read with a final consonant (받침),
/// which decides the particle after it: `10,000원이`, `USD 10가`... The last Hangul syllable,
/// digit or Latin letter decides; digits and letters are read as Koreans read them (`0` 영,
/// `L` 엘).
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

/// A word followed by the right form of a particle: `after_consonant` (이, 을, 과, 은) or
/// `after_vowel` (가, 를, 와, 는), chosen from the word's last letter.
pub(super) struct WithParticle<W> {
    word: W,
    after_consonant: &'static str,
    after_vowel: &'static str,
}

impl<T: Word> Piece for WithParticle<T> {
    fn put<W: Out>(&self, f: &mut W) -> fmt::Result {
        self.word.put(f)?;
        f.text(if ends_in_consonant(self.word.last_letter()) {
            self.after_consonant
        } else {
            self.after_vowel
        })
    }
}

impl<T: Word> fmt::Display for WithParticle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.put(f)
    }
}

fn with_particle<W: Word>(
    word: W,
    after_consonant: &'static str,
    after_vowel: &'static str,
) -> WithParticle<W> {
    WithParticle {
        word,
        after_consonant,
        after_vowel,
    }
}

/// Subject (이/가), object (을/를), with (과/와), topic (은/는).
pub(super) fn i_ga<W: Word>(word: W) -> WithParticle<W> {
    with_particle(word, "이", "가")
}
pub(super) fn eul_reul<W: Word>(word: W) -> WithParticle<W> {
    with_particle(word, "을", "를")
}
pub(super) fn gwa_wa<W: Word>(word: W) -> WithParticle<W> {
    with_particle(word, "과", "와")
}
pub(super) fn eun_neun<W: Word>(word: W) -> WithParticle<W> {
    with_particle(word, "은", "는")
}

/// Holds a word's own `last_letter` to the last letter of what it displays.
#[cfg(test)]
pub(super) fn assert_ends_as_displayed(word: &impl Word) {
    let shown = word.to_string();
    assert_eq!(word.last_letter(), last_letter(&shown), "{shown}");
}

#[cfg(test)]
mod tests {
    use super::{assert_ends_as_displayed, eul_reul, i_ga};

    #[test]
    fn particles_follow_how_the_word_ends() {
        assert_eq!(i_ga("10,000원").to_string(), "10,000원이");
        assert_eq!(i_ga("100.5 USD").to_string(), "100.5 USD가");
        assert_eq!(eul_reul("99.99 USD").to_string(), "99.99 USD를");
        assert_eq!(eul_reul("1년").to_string(), "1년을");
        assert_eq!(eul_reul("30 EUR").to_string(), "30 EUR을");
        assert_eq!(i_ga("`key-2`").to_string(), "`key-2`가");
        assert_eq!(i_ga("`key-1`").to_string(), "`key-1`이");
        assert_eq!(i_ga("`-`").to_string(), "`-`가");
        // A letter outside ASCII and Hangul ends a word too: `é` (a vowel), not the `1` before it.
        assert_eq!(i_ga("1é").to_string(), "1é가");
        assert_eq!(
            i_ga(String::from("2026-01-20T01:00:00+00:00")).to_string(),
            "2026-01-20T01:00:00+00:00이"
        );
        assert_ends_as_displayed(&"`key-2`");
    }
}
