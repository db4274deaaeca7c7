//! A serde `Deserializer` over the positioned tree.
//!
//! Errors (`super::error`) remember the path and position of the node that caused them, and know
//! what kind of problem they are (a missing field, an unknown name) so that the policy loader can
//! recover from one and go on to find the next.

use super::error::{DeError, ErrorKind, describe};
use super::{Node, Value};
use crate::input::NumberProblem;
use crate::model::amount::{exact_number, parse_amount};
use serde::Deserialize;
use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

/// Deserializes a `T` from `node`.
pub(crate) fn from_node<'de, T: Deserialize<'de>>(node: &'de Node) -> Result<T, DeError> {
    T::deserialize(NodeDe { node })
}

/// One step of a path: a map key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Segment {
    Key(String),
    Index(usize),
}

#[derive(Clone, Copy)]
struct NodeDe<'de> {
    node: &'de Node,
}

impl<'de> NodeDe<'de> {
    fn located<T>(self, result: Result<T, DeError>) -> Result<T, DeError> {
        result.map_err(|e| e.at(self.node.at))
    }

    fn integer<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Number { text, .. } if !exact_number(text) => {
                Err(DeError::number(text, NumberProblem::Form).at(self.node.at))
            }
            Value::Number {
                integer: Some(i), ..
            } => self.located(visit_integer(*i, visitor)),
            _ => Err(DeError::expected(&visitor, self.node).at(self.node.at)),
        }
    }

    /// Hands a number to a visitor that takes anything: as an integer when JSON would read it
    /// as one, otherwise as its digits, never as a float. A visitor that refuses the digits (an
    /// amount) is told why in the terms of numbers: form, precision or range.
    fn number<V: Visitor<'de>>(
        self,
        text: &'de str,
        integer: Option<i128>,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match integer {
            Some(i) if exact_number(text) => visit_integer(i, visitor),
            // Digits JSON would not read as a number (`0x2710`, `1-2`) reach the visitor as
            // text: an amount refuses them for their form, a business-day range reads them.
            _ => visitor.visit_borrowed_str(text),
        }
        .map_err(|error| match &error.kind {
            ErrorKind::Other if error.path.is_empty() && !exact_number(text) => {
                DeError::number(text, NumberProblem::Form)
            }
            _ => as_number(error, text),
        })
    }
}

/// A visitor's own refusal of `text` (an amount's), said in the terms of numbers when `text` is
/// not an amount: its form, precision or range.
fn as_number(error: DeError, text: &str) -> DeError {
    match (&error.kind, parse_amount(text)) {
        (ErrorKind::Other, Err(amount)) if error.path.is_empty() => {
            DeError::number(text, NumberProblem::from(&amount))
        }
        _ => error,
    }
}

fn visit_integer<'de, V: Visitor<'de>>(i: i128, visitor: V) -> Result<V::Value, DeError> {
    if let Ok(u) = u64::try_from(i) {
        visitor.visit_u64(u)
    } else if let Ok(s) = i64::try_from(i) {
        visitor.visit_i64(s)
    } else {
        visitor.visit_i128(i)
    }
}

impl<'de> Deserializer<'de> for NodeDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            // A non-integer number goes to the visitor as its digits, never as a float: the
            // crate reads amounts from text, and nothing in it wants a binary float.
            Value::Number { text, integer } => self.number(text, *integer, visitor),
            Value::String(s) => visitor.visit_borrowed_str(s).map_err(|e| as_number(e, s)),
            Value::Seq(items) => visitor.visit_seq(Items::new(items)),
            Value::Map(entries) => visitor.visit_map(Entries::new(entries)),
        };
        self.located(result)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Bool(b) => self.located(visitor.visit_bool(*b)),
            _ => Err(DeError::expected(&visitor, self.node).at(self.node.at)),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.integer(v)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.integer(v)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.integer(v)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.integer(v)
    }
    fn deserialize_i128<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.integer(v)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.integer(v)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.integer(v)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.integer(v)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.integer(v)
    }
    fn deserialize_u128<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.integer(v)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Number { text, .. } if !exact_number(text) => {
                Err(DeError::number(text, NumberProblem::Form).at(self.node.at))
            }
            Value::Number { text, .. } => match text.parse::<f64>() {
                Ok(f) => self.located(visitor.visit_f64(f)),
                Err(_) => Err(DeError::expected(&visitor, self.node).at(self.node.at)),
            },
            _ => Err(DeError::expected(&visitor, self.node).at(self.node.at)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let text = match &self.node.value {
            Value::String(s) => s,
            // A plain number where text is wanted is its digits, as written (`01012345678`).
            Value::Number { text, .. } => text,
            _ => return Err(DeError::expected(&visitor, self.node).at(self.node.at)),
        };
        // One call of the visitor, not one per arm: this is compiled for every type's field names.
        self.located(visitor.visit_borrowed_str(text))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        Err(DeError::expected(&visitor, self.node).at(self.node.at))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Null => self.located(visitor.visit_none()),
            _ => self.located(visitor.visit_some(self)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Null => self.located(visitor.visit_unit()),
            _ => Err(DeError::expected(&visitor, self.node).at(self.node.at)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.located(visitor.visit_newtype_struct(self))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // Straight to `visit_seq`, not through `deserialize_any`: a derived visitor's other
        // `visit_*` methods would be compiled in for every type, which the WebAssembly package
        // pays for in size.
        match &self.node.value {
            Value::Seq(items) => self.located(visitor.visit_seq(Items::new(items))),
            _ => Err(DeError::expected(&visitor, self.node).at(self.node.at)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // Straight to `visit_map`, for the same reason as `deserialize_seq`.
        match &self.node.value {
            Value::Map(entries) => self.located(visitor.visit_map(Entries::new(entries))),
            _ => Err(DeError::expected(&visitor, self.node).at(self.node.at)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let result = match &self.node.value {
            Value::String(_) | Value::Number { .. } => visitor.visit_enum(Variant {
                name: self.node,
                value: None,
            }),
            Value::Map(entries) => match entries.as_slice() {
                [(name, value)] => visitor.visit_enum(Variant {
                    name,
                    value: Some(value),
                }),
                _ => Err(DeError::expected(&visitor, self.node)),
            },
            _ => Err(DeError::expected(&visitor, self.node)),
        };
        self.located(result)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

impl<'de> IntoDeserializer<'de, DeError> for NodeDe<'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

struct Items<'de> {
    items: std::slice::Iter<'de, Node>,
    index: usize,
}

impl<'de> Items<'de> {
    fn new(items: &'de [Node]) -> Items<'de> {
        Items {
            items: items.iter(),
            index: 0,
        }
    }
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index = self.index.saturating_add(1);
        seed.deserialize(NodeDe { node })
            .map(Some)
            .map_err(|e| e.under(Segment::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries<'de> {
    entries: std::slice::Iter<'de, (Node, Node)>,
    key: Option<&'de Node>,
    value: Option<&'de Node>,
}

impl<'de> Entries<'de> {
    fn new(entries: &'de [(Node, Node)]) -> Entries<'de> {
        Entries {
            entries: entries.iter(),
            key: None,
            value: None,
        }
    }
}

fn key_segment(key: &Node) -> Segment {
    Segment::Key(key.as_str().unwrap_or_default().to_owned())
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.key = Some(key);
        self.value = Some(value);
        seed.deserialize(NodeDe { node: key })
            .map(Some)
            .map_err(|mut e| {
                e.in_key = true;
                e.at(key.at).under(key_segment(key))
            })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let (Some(key), Some(value)) = (self.key.take(), self.value.take()) else {
            return Err(DeError::new(
                "a map value was read before its key".to_owned(),
            ));
        };
        seed.deserialize(NodeDe { node: value })
            .map_err(|e| e.under(key_segment(key)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct Variant<'de> {
    name: &'de Node,
    value: Option<&'de Node>,
}

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), DeError> {
        let name = seed
            .deserialize(NodeDe { node: self.name })
            .map_err(|e| e.at(self.name.at))?;
        Ok((name, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match self.value {
            None => Ok(()),
            Some(Node {
                value: Value::Null, ..
            }) => Ok(()),
            Some(node) => Err(DeError::new(format!(
                "expected no value after `{}`, found {}",
                self.name.as_str().unwrap_or_default(),
                describe(node)
            ))
            .at(node.at)),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        match self.value {
            Some(node) => seed
                .deserialize(NodeDe { node })
                .map_err(|e| e.under(key_segment(self.name))),
            None => Err(DeError::new(format!(
                "expected a value after `{}`",
                self.name.as_str().unwrap_or_default()
            ))
            .at(self.name.at)),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Some(node) => NodeDe { node }
                .deserialize_seq(visitor)
                .map_err(|e| e.under(key_segment(self.name))),
            None => Err(DeError::expected(&visitor, self.name).at(self.name.at)),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.value {
            Some(node) => NodeDe { node }
                .deserialize_map(visitor)
                .map_err(|e| e.under(key_segment(self.name))),
            None => Err(DeError::expected(&visitor, self.name).at(self.name.at)),
        }
    }
}
