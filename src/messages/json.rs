//! Writing JSON text by hand, for [`Report::write_json`](super::Report::write_json).
//!
//! serde_json checks every byte of every string and key against its escape table, one byte
//! at a time; a three-reason report is some seventy strings, mostly Korean messages and rule
//! ids, and that check alone cost more than the decision. Here strings are checked for
//! escaping eight bytes at a time and copied whole when nothing needs escaping, which is
//! almost always; what does is escaped exactly as serde_json escapes it.

use std::fmt;

/// Appends `text` as a JSON string.
pub(crate) fn push_str(out: &mut String, text: &str) {
    out.push('"');
    push_contents(out, text);
    out.push('"');
}

/// Appends `text` escaped as serde_json escapes it, without the quotes.
// Inlined: almost every text needs no escaping, and is then a check and a copy.
#[inline]
pub(crate) fn push_contents(out: &mut String, text: &str) {
    if needs_escaping(text) {
        push_escaped(out, text);
    } else {
        out.push_str(text);
    }
}

/// Appends `text` escaped as serde_json escapes it: the rare case, kept out of line so that
/// the common one saves no registers for it.
#[cold]
#[inline(never)]
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0}'..='\u{1f}' => {
                let code = u32::from(c);
                out.push_str("\\u00");
                out.push(char::from_digit(code >> 4, 16).unwrap_or('0'));
                out.push(char::from_digit(code & 0xf, 16).unwrap_or('0'));
            }
            other => out.push(other),
        }
    }
}

/// Appends what `value` displays as a JSON string.
pub(crate) fn push_display(out: &mut String, value: &dyn fmt::Display) -> fmt::Result {
    out.push('"');
    push_display_contents(out, value)?;
    out.push('"');
    Ok(())
}

/// Appends what `value` displays, escaped as serde_json escapes it, without the quotes.
pub(crate) fn push_display_contents(out: &mut String, value: &dyn fmt::Display) -> fmt::Result {
    use std::fmt::Write as _;
    let start = out.len();
    write!(out, "{value}")?;
    if out.get(start..).is_some_and(needs_escaping) {
        // Rare: a caller's id with a quote or a control character in a message.
        let written = out.split_off(start);
        push_contents(out, &written);
    }
    Ok(())
}

/// Whether JSON needs any byte of `text` escaped: a control character, `"` or `\`.
///
/// Most strings in a report are short (keys, codes, dates), so the bytes are read in the widest
/// pieces that fit, overlapping at the end rather than finishing byte by byte: blocks of
/// sixteen (which the compiler tests at once), two words of eight or of four.
// Inlined: most strings are a few bytes, and the call cost as much as the check.
#[inline]
pub(crate) fn needs_escaping(text: &str) -> bool {
    let bytes = text.as_bytes();
    if let Some(last) = bytes.last_chunk::<16>() {
        let (blocks, _) = bytes.as_chunks::<16>();
        return blocks.iter().any(block_needs_escaping) || block_needs_escaping(last);
    }
    if let (Some(first), Some(last)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        return word_needs_escaping(u64::from_le_bytes(*first))
            | word_needs_escaping(u64::from_le_bytes(*last));
    }
    if let (Some(first), Some(last)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        // The upper four bytes are letters, which need no escaping.
        let widen = |half: &[u8; 4]| u64::from(u32::from_le_bytes(*half)) | 0x4141_4141_0000_0000;
        return word_needs_escaping(widen(first)) | word_needs_escaping(widen(last));
    }
    bytes.iter().any(|&byte| byte_needs_escaping(byte))
}

/// `|`, not `||`: no branch per byte.
const fn byte_needs_escaping(byte: u8) -> bool {
    (byte < 0x20) | (byte == b'"') | (byte == b'\\')
}

/// Tested whole, without stopping at the first byte found, so that it compiles to a few
/// vector instructions.
#[inline]
fn block_needs_escaping(block: &[u8; 16]) -> bool {
    block
        .iter()
        .fold(false, |found, &byte| found | byte_needs_escaping(byte))
}

/// Eight bytes at once: a byte below 0x20, `"` or `\` leaves its high bit set in the masks.
#[inline]
fn word_needs_escaping(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Whether any byte of `word` is below `n` (exact for `n` up to 0x80).
    let has_below = |word: u64, n: u64| word.wrapping_sub(ONES.wrapping_mul(n)) & !word & HIGH != 0;
    let has_byte = |byte: u8| has_below(word ^ ONES.wrapping_mul(u64::from(byte)), 1);
    has_below(word, 0x20) | has_byte(b'"') | has_byte(b'\\')
}

#[cfg(test)]
mod tests {
    use super::{needs_escaping, push_display, push_str};

    #[test]
    fn finds_every_byte_json_escapes_wherever_it_is() {
        for byte in 0_u8..=127 {
            let escaped = byte < 0x20 || byte == b'"' || byte == b'\\';
            // Every length up to three blocks, the byte at every place: each way of reading
            // (blocks, words, halves, bytes) and each overlap between them.
            for len in 1..48 {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    if let Some(place) = bytes.get_mut(at) {
                        *place = byte;
                    }
                    let text = String::from_utf8(bytes).unwrap_or_default();
                    assert_eq!(
                        needs_escaping(&text),
                        escaped,
                        "byte {byte:#x} at {at} of {len}"
                    );
                }
            }
        }
        assert!(!needs_escaping(
            "결제한 달에만 취소할 수 있는 결제입니다: `kcp_v2` › mobile"
        ));
        assert!(!needs_escaping(""));
        assert!(!needs_escaping("\u{7f}\u{80}\u{2028}"));
    }

    /// Two bytes to escape are found as surely as one, in the same block, word or half, of
    /// the same kind or of two kinds (one found cannot hide the other).
    #[test]
    fn finds_two_bytes_json_escapes_together() {
        let escaped = [0_u8, 0x1f, b'"', b'\\'];
        for len in 2..40 {
            for first in 0..len {
                for second in first + 1..len {
                    for (a, b) in escaped
                        .iter()
                        .flat_map(|a| escaped.iter().map(move |b| (a, b)))
                    {
                        let mut bytes = vec![b'a'; len];
                        if let Some(place) = bytes.get_mut(first) {
                            *place = *a;
                        }
                        if let Some(place) = bytes.get_mut(second) {
                            *place = *b;
                        }
                        let text = String::from_utf8(bytes).unwrap_or_default();
                        assert!(
                            needs_escaping(&text),
                            "{a:#x} at {first}, {b:#x} at {second} of {len}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        let all_ascii: String = (0_u8..=127).map(char::from).collect();
        let texts = [
            "",
            "plain",
            "한국어 › rule",
            "quote \" here",
            "back\\slash",
            "\u{8}\u{c}\n\r\t\u{1}\u{1f}\u{7f}",
            all_ascii.as_str(),
        ];
        for text in texts {
            let expected = serde_json::to_string(text).unwrap_or_default();
            let mut pushed = String::new();
            push_str(&mut pushed, text);
            assert_eq!(pushed, expected);
            let mut shown = String::from("x");
            assert!(push_display(&mut shown, &text).is_ok());
            assert_eq!(shown, format!("x{expected}"));
        }
    }
}
