//! A serde [`Serializer`](serde::Serializer) that appends compact JSON to a `String`, byte for
//! byte as serde_json's compact writer does, for the parts of a report that are derived types (a
//! reason's or note's `details`, the refund account, the provider).
//!
//! serde_json writes into bytes and checks every byte of every string against its escape
//! table; the report then had to check the bytes were UTF-8 again to append them. This writer
//! appends to the report's own `String` and checks strings sixteen bytes at a time
//! ([`needs_escaping`]). It covers what the library's types serialize to: maps, structs,
//! sequences, enums, strings, integers, booleans and nulls. Anything else (a float, bytes, a
//! map key that is not a string) is [`Unsupported`], and [`push_serialized`] writes that part
//! with serde_json instead, so the output never differs from serde_json's.

use super::json::{needs_escaping, push_contents, push_display};
use serde::ser::{self, Serialize};
use std::fmt;

/// What this writer leaves to serde_json; the caller truncates what was written and asks it.
#[derive(Debug)]
pub(crate) struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value this writer leaves to serde_json")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

/// Appends `value`'s compact JSON to `out`; on [`Unsupported`] `out` holds a partial value,
/// which the caller truncates.
pub(crate) fn append<T: Serialize + ?Sized>(
    out: &mut String,
    value: &T,
) -> Result<(), Unsupported> {
    value.serialize(Writer { out })
}

/// Appends `value` as serde_json's compact writer writes it: through [`append`], or, for
/// what that leaves to serde_json, through serde_json into `scratch`.
pub(crate) fn push_serialized<T: Serialize + ?Sized>(
    out: &mut String,
    scratch: &mut Vec<u8>,
    value: &T,
) -> fmt::Result {
    let start = out.len();
    if append(out, value).is_ok() {
        return Ok(());
    }
    out.truncate(start);
    scratch.clear();
    serde_json::to_writer(&mut *scratch, value).map_err(|_| fmt::Error)?;
    out.push_str(std::str::from_utf8(scratch).map_err(|_| fmt::Error)?);
    Ok(())
}

/// The serializer: a borrow of the output.
struct Writer<'a> {
    out: &'a mut String,
}

/// A sequence or map being written: whether an element has been written yet.
struct Compound<'a> {
    out: &'a mut String,
    first: bool,
    /// What closes it: `]`, `}`, or `]}` / `}}` for a variant's contents.
    close: &'static str,
}

impl<'a> Writer<'a> {
    fn integer(self, value: impl itoa::Integer) -> Result<(), Unsupported> {
        self.out.push_str(itoa::Buffer::new().format(value));
        Ok(())
    }

    /// Opens `{"variant":` for the externally tagged variants.
    fn variant_key(&mut self, variant: &'static str) {
        self.out.push('{');
        push_key(self.out, variant);
    }

    fn compound(self, open: &str, close: &'static str) -> Compound<'a> {
        self.out.push_str(open);
        Compound {
            out: self.out,
            first: true,
            close,
        }
    }
}

/// Appends `"key":` for a field or variant name. Names come from the `Serialize` derives of
/// the library's own types: Rust identifiers, or `rename`s written in its source, none of
/// which JSON escapes. They are copied without the escape check, which was a twentieth of a
/// report's cost; every debug build (every test) checks each name it writes. Inlined, with the
/// field's writing, into each derived `Serialize`: the name is then a constant, copied in a
/// few moves rather than by a call to `memcpy`.
#[inline(always)]
fn push_key(out: &mut String, key: &'static str) {
    debug_assert!(
        !needs_escaping(key),
        "a serde name that JSON escapes: `{key}`"
    );
    out.push('"');
    out.push_str(key);
    out.push_str("\":");
}

/// The serializer's methods for each integer type: its decimal digits.
macro_rules! integers {
    ($($method:ident: $type:ty),*) => {$(
        fn $method(self, v: $type) -> Result<(), Unsupported> {
            self.integer(v)
        }
    )*};
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    integers!(
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128
    );
    // serde_json writes floats with its own shortest-digits algorithm; not needed here.
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.out.push('"');
        push_contents(self.out, v);
        self.out.push('"');
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        // A variant's name, like a field's, is the library's own (see `push_key`).
        debug_assert!(
            !needs_escaping(variant),
            "a serde name that JSON escapes: `{variant}`"
        );
        self.out.push('"');
        self.out.push_str(variant);
        self.out.push('"');
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.variant_key(variant);
        value.serialize(Writer {
            out: &mut *self.out,
        })?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        Ok(self.compound("[", "]"))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        self.variant_key(variant);
        Ok(self.compound("[", "]}"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        Ok(self.compound("{", "}"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Unsupported> {
        Ok(self.compound("{", "}"))
    }
    fn serialize_struct_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        self.variant_key(variant);
        Ok(self.compound("{", "}}"))
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        push_display(self.out, &value).map_err(|_| Unsupported)
    }
}

impl Compound<'_> {
    fn separate(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.separate();
        value.serialize(Writer {
            out: &mut *self.out,
        })
    }

    #[inline(always)]
    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.separate();
        push_key(self.out, key);
        value.serialize(Writer {
            out: &mut *self.out,
        })
    }

    fn close(self) -> Result<(), Unsupported> {
        self.out.push_str(self.close);
        Ok(())
    }
}

/// serde's four kinds of sequence, each written as a JSON array.
macro_rules! sequences {
    ($($kind:ident::$element:ident),*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = Unsupported;
            fn $element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
                self.element(value)
            }
            fn end(self) -> Result<(), Unsupported> {
                self.close()
            }
        }
    )*};
}

sequences!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        self.separate();
        let start = self.out.len();
        key.serialize(Writer {
            out: &mut *self.out,
        })?;
        // serde_json takes a key that serializes as a string as it is, and quotes numbers and
        // booleans; those are left to it.
        if !self
            .out
            .get(start..)
            .is_some_and(|key| key.starts_with('"'))
        {
            return Err(Unsupported);
        }
        self.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(Writer {
            out: &mut *self.out,
        })
    }
    fn end(self) -> Result<(), Unsupported> {
        self.close()
    }
}

/// serde's two kinds of struct, each written as a JSON object.
macro_rules! structs {
    ($($kind:ident),*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = Unsupported;
            #[inline(always)]
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Unsupported> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Unsupported> {
                self.close()
            }
        }
    )*};
}

structs!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::{Unsupported, append, push_serialized};
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Wrapper(&'static str);

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Shape {
        Plain,
        Newtype(u32),
        Tuple(i64, bool),
        Struct {
            name: &'static str,
            left: Option<u8>,
        },
    }

    #[derive(Serialize)]
    #[serde(tag = "problem", rename_all = "snake_case")]
    enum Tagged {
        Missing { field: &'static str },
        Empty,
    }

    #[derive(Serialize)]
    #[serde(untagged)]
    enum Untagged {
        Fields {
            list: Vec<Shape>,
            #[serde(skip_serializing_if = "Option::is_none")]
            skipped: Option<u8>,
        },
        Nothing,
    }

    #[derive(Serialize)]
    struct Everything {
        shapes: Vec<Shape>,
        tagged: [Tagged; 2],
        untagged: (Untagged, Untagged),
        names: BTreeMap<&'static str, Wrapper>,
        units: (Unit, (), Option<Unit>),
        numbers: (i8, i16, i32, i64, i128, u8, u16, u32, u64, u128),
        text: (char, char, &'static str, &'static str),
        shown: Shown,
    }

    /// A value serialized with `collect_str`, as the library's dates and spans are.
    struct Shown(&'static str);

    impl Serialize for Shown {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(self.0)
        }
    }

    fn everything() -> Everything {
        Everything {
            shapes: vec![
                Shape::Plain,
                Shape::Newtype(7),
                Shape::Tuple(-3, true),
                Shape::Struct {
                    name: "이름 \"quoted\"",
                    left: None,
                },
                Shape::Struct {
                    name: "",
                    left: Some(0),
                },
            ],
            tagged: [Tagged::Missing { field: "reason" }, Tagged::Empty],
            untagged: (
                Untagged::Fields {
                    list: Vec::new(),
                    skipped: None,
                },
                Untagged::Nothing,
            ),
            names: BTreeMap::from([("a\tb", Wrapper("x\\y")), ("", Wrapper("\u{1}"))]),
            units: (Unit, (), None),
            numbers: (
                i8::MIN,
                i16::MIN,
                i32::MIN,
                i64::MIN,
                i128::MIN,
                u8::MAX,
                u16::MAX,
                u32::MAX,
                u64::MAX,
                u128::MAX,
            ),
            text: ('"', '한', "\u{7f}\u{2028}", "line\nbreak"),
            shown: Shown("shown \"here\"\r"),
        }
    }

    fn written<T: Serialize + ?Sized>(value: &T) -> Result<String, Unsupported> {
        let mut out = String::from("before ");
        append(&mut out, value)?;
        Ok(out.split_off("before ".len()))
    }

    #[test]
    fn writes_what_serde_json_writes_for_every_shape_the_library_uses() {
        let value = everything();
        let expected = serde_json::to_string(&value).unwrap_or_default();
        assert!(expected.contains(r#"{"problem":"missing","field":"reason"}"#));
        assert_eq!(written(&value).ok(), Some(expected));
    }

    #[test]
    fn leaves_floats_bytes_and_keys_that_are_not_strings_to_serde_json() {
        let number_keys = BTreeMap::from([(1_u32, "one"), (2, "two")]);
        let bool_keys = BTreeMap::from([(true, 1_u8)]);
        let nested_keys = BTreeMap::from([((1_u8, 2_u8), 1_u8)]);
        assert!(written(&1.5_f64).is_err());
        assert!(written(&vec![1.5_f32]).is_err());
        assert!(written(&serde_bytes_like()).is_err());
        assert!(written(&number_keys).is_err());
        assert!(written(&bool_keys).is_err());
        assert!(written(&nested_keys).is_err());
        // A string key wrapped in `Some` is a string to serde_json too.
        let some_keys = BTreeMap::from([(Some("k"), 1_u8)]);
        assert_eq!(written(&some_keys).ok().as_deref(), Some(r#"{"k":1}"#));

        // What the writer leaves is written by serde_json, after what came before.
        let mut out = String::from("[");
        let mut scratch = Vec::new();
        let mixed = (Shape::Newtype(3), 0.25_f64, &number_keys);
        assert!(push_serialized(&mut out, &mut scratch, &mixed).is_ok());
        assert_eq!(
            out,
            format!("[{}", serde_json::to_string(&mixed).unwrap_or_default())
        );
        assert_eq!(out, r#"[[{"newtype":3},0.25,{"1":"one","2":"two"}]"#);
    }

    /// Bytes, as `serde_bytes` would hand them over.
    fn serde_bytes_like() -> impl Serialize {
        struct Bytes;
        impl Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_bytes(b"raw")
            }
        }
        Bytes
    }
}
