//! Writing JSON text by hand for serde_json, where serde's way costs more than the work.
//!
//! serde_json checks every byte of every string and key against its escape table, one byte
//! at a time; a three-reason report is some seventy strings, mostly Korean messages and rule
//! ids, and that check alone cost more than the decision. A report for serde_json's compact
//! writer is therefore written here as one piece of text, its strings checked for escaping
//! eight bytes at a time, and handed to serde_json as a raw fragment (its `raw_value`
//! feature), which it copies as is.
//!
//! Raw fragments only go to serde_json's own compact serializer writing into a `Vec<u8>`
//! (`to_vec`, `to_string`, `to_writer` on a vector): any other serializer or formatter gets
//! the report field by field, so every format sees exactly what it saw before.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use std::any::type_name;
use std::cell::RefCell;
use std::fmt;
use std::sync::OnceLock;

/// The struct name and field through which serde_json (with `raw_value`) takes a raw
/// fragment: what `serde_json::value::RawValue` serializes as.
const RAW_TOKEN: &str = "$serde_json::private::RawValue";

/// A complete JSON value, copied as is by serde_json.
pub(crate) struct Raw<'a>(pub(crate) &'a str);

impl Serialize for Raw<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut raw = serializer.serialize_struct(RAW_TOKEN, 1)?;
        raw.serialize_field(RAW_TOKEN, self.0)?;
        raw.end()
    }
}

/// Whether `S` is serde_json's compact serializer into a vector, which copies a [`Raw`]
/// fragment as is.
pub(crate) fn takes_raw<S: Serializer>() -> bool {
    // serde_json's writers return `()`; known at compile time, so serializers that build a
    // value (`to_value`, the JS package's) do not carry the hand-written path at all.
    if size_of::<S::Ok>() != 0 {
        return false;
    }
    // The names the compiler gives the serializers of `to_vec`, `to_string` and `to_writer`
    // on a vector, compared whole: a custom formatter or another writer never matches.
    let name = type_name::<S>();
    (name == type_name::<&mut serde_json::Serializer<&mut Vec<u8>>>()
        || name == type_name::<&mut serde_json::Serializer<Vec<u8>>>())
        && raw_fragments_work()
}

/// Whether this build's serde_json copies raw fragments; checked once, so that a serde_json
/// without the feature, or with another token, costs speed, never correctness.
fn raw_fragments_work() -> bool {
    static WORKS: OnceLock<bool> = OnceLock::new();
    *WORKS.get_or_init(|| {
        let fragment = "[\"\\u0041\",1]";
        serde_json::to_vec(&Raw(fragment)).ok().as_deref() == Some(fragment.as_bytes())
    })
}

thread_local! {
    /// The text of the report being written, and room for the parts serde_json writes: kept
    /// per thread, so a report allocates nothing once a thread has written one.
    static BUFFERS: RefCell<(String, Vec<u8>)> = const { RefCell::new((String::new(), Vec::new())) };
}

/// Buffers larger than this after a report are let go, so one huge report does not keep its
/// memory for the thread's life.
const KEPT_CAPACITY: usize = 64 * 1024;

/// Calls `write` with the thread's empty text and scratch buffers; `None` when they are in
/// use (a report written while writing another).
pub(crate) fn with_buffers<T>(write: impl FnOnce(&mut String, &mut Vec<u8>) -> T) -> Option<T> {
    BUFFERS.with(|buffers| {
        let mut buffers = buffers.try_borrow_mut().ok()?;
        let (text, scratch) = &mut *buffers;
        text.clear();
        scratch.clear();
        let result = write(text, scratch);
        if text.capacity() > KEPT_CAPACITY {
            *text = String::new();
        }
        if scratch.capacity() > KEPT_CAPACITY {
            *scratch = Vec::new();
        }
        Some(result)
    })
}

/// Appends `value` as serde_json's compact writer writes it.
pub(crate) fn push_serialized<T: Serialize + ?Sized>(
    out: &mut String,
    scratch: &mut Vec<u8>,
    value: &T,
) -> fmt::Result {
    scratch.clear();
    serde_json::to_writer(&mut *scratch, value).map_err(|_| fmt::Error)?;
    out.push_str(std::str::from_utf8(scratch).map_err(|_| fmt::Error)?);
    Ok(())
}

/// Appends `text` as a JSON string.
pub(crate) fn push_str(out: &mut String, text: &str) {
    out.push('"');
    push_contents(out, text);
    out.push('"');
}

/// Appends `text` escaped as serde_json escapes it, without the quotes.
fn push_contents(out: &mut String, text: &str) {
    if !needs_escaping(text) {
        out.push_str(text);
        return;
    }
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
    use std::fmt::Write as _;
    out.push('"');
    let start = out.len();
    write!(out, "{value}")?;
    if out.get(start..).is_some_and(needs_escaping) {
        // Rare: a caller's id with a quote or a control character in a message.
        let written = out.split_off(start);
        push_contents(out, &written);
    }
    out.push('"');
    Ok(())
}

/// Whether JSON needs any byte of `text` escaped: a control character, `"` or `\`.
pub(crate) fn needs_escaping(text: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Whether any byte of a word is below `n` (exact for `n` up to 0x80), or zero.
    let has_below = |word: u64, n: u64| word.wrapping_sub(ONES.wrapping_mul(n)) & !word & HIGH != 0;
    let has_byte = |word: u64, byte: u8| has_below(word ^ ONES.wrapping_mul(u64::from(byte)), 1);
    let mut words = text.as_bytes().chunks_exact(8);
    for chunk in &mut words {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(chunk);
        let word = u64::from_le_bytes(bytes);
        if has_below(word, 0x20) || has_byte(word, b'"') || has_byte(word, b'\\') {
            return true;
        }
    }
    words
        .remainder()
        .iter()
        .any(|&byte| byte < 0x20 || byte == b'"' || byte == b'\\')
}

#[cfg(test)]
mod tests {
    use super::{Raw, needs_escaping, push_display, push_str, takes_raw};

    #[test]
    fn finds_every_byte_json_escapes_wherever_it_is() {
        for byte in 0_u8..=127 {
            let escaped = byte < 0x20 || byte == b'"' || byte == b'\\';
            for at in 0..20 {
                let mut bytes = vec![b'a'; at];
                bytes.push(byte);
                bytes.extend_from_slice(b"tail of it");
                let text = String::from_utf8(bytes).unwrap_or_default();
                assert_eq!(needs_escaping(&text), escaped, "byte {byte:#x} at {at}");
            }
        }
        assert!(!needs_escaping(
            "결제한 달에만 취소할 수 있는 결제입니다: `kcp_v2` › mobile"
        ));
        assert!(!needs_escaping(""));
        assert!(!needs_escaping("\u{7f}\u{80}\u{2028}"));
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

    #[test]
    fn raw_fragments_only_go_to_the_compact_writer_into_a_vector() {
        assert!(takes_raw::<&mut serde_json::Serializer<&mut Vec<u8>>>());
        assert!(!takes_raw::<
            &mut serde_json::Serializer<&mut Vec<u8>, serde_json::ser::PrettyFormatter<'static>>,
        >());
        assert!(!takes_raw::<&mut serde_json::Serializer<std::io::Sink>>());
        assert!(!takes_raw::<serde_json::value::Serializer>());
        assert_eq!(
            serde_json::to_string(&Raw("[1, 2]")).unwrap_or_default(),
            "[1, 2]"
        );
    }
}
