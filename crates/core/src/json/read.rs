//! Decoding the contract's types from JSON that something else has parsed: the browser's
//! `JSON.parse` in the widget, `serde_json::Value` natively. The value is seen through
//! [`JsonValue`], one small trait, and turned into the type by one serde `Deserializer`, so the
//! widget carries no JSON parser and the decoding it runs is the one tested here.
//!
//! Numbers are whole or refused: every amount in the contract is a decimal string, so a number
//! with a fraction is an error, and no float is ever read, formatted or rounded.

use core::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, Expected, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};
use serde::forward_to_deserialize_any;

/// One JSON value, one level deep.
#[derive(Debug, PartialEq, Eq)]
pub enum Node<J> {
    Null,
    Bool(bool),
    /// A whole number that fits an `i64` (in the browser: a safe integer).
    Integer(i64),
    /// A number with a fraction, an exponent that leaves one, or out of range.
    OtherNumber,
    String(String),
    Array(Vec<J>),
    /// The members in their order.
    Object(Vec<(String, J)>),
}

/// A parsed JSON value that can be taken apart one level at a time.
pub trait JsonValue: Sized {
    fn into_node(self) -> Node<Self>;
}

/// Why a value is not the type asked for. `Display` says what was wrong and where it was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError(String);

impl DecodeError {
    pub fn new(message: impl Into<String>) -> DecodeError {
        DecodeError(message.into())
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        DecodeError(message.to_string())
    }

    // Written here rather than by serde's defaults, which format `Unexpected` with its `Display`,
    // and that `Display` formats floats: a module that never reads one should not carry the code
    // that prints one.
    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        DecodeError(format!("invalid type: {}, expected {expected}", Described(&unexpected)))
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        DecodeError(format!("invalid value: {}, expected {expected}", Described(&unexpected)))
    }
}

/// `Unexpected` in words, floats without their value.
struct Described<'a, 'b>(&'a Unexpected<'b>);

impl fmt::Display for Described<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self.0 {
            Unexpected::Bool(b) => write!(f, "boolean `{b}`"),
            Unexpected::Unsigned(n) => write!(f, "integer `{n}`"),
            Unexpected::Signed(n) => write!(f, "integer `{n}`"),
            Unexpected::Float(_) => f.write_str("a floating point number"),
            Unexpected::Char(c) => write!(f, "character `{c}`"),
            Unexpected::Str(s) => write!(f, "string \"{s}\""),
            Unexpected::Bytes(_) => f.write_str("bytes"),
            Unexpected::Unit => f.write_str("null"),
            Unexpected::Option => f.write_str("an optional value"),
            Unexpected::NewtypeStruct => f.write_str("a newtype struct"),
            Unexpected::Seq => f.write_str("an array"),
            Unexpected::Map => f.write_str("an object"),
            Unexpected::Enum => f.write_str("an enum"),
            Unexpected::UnitVariant => f.write_str("a unit variant"),
            Unexpected::NewtypeVariant => f.write_str("a newtype variant"),
            Unexpected::TupleVariant => f.write_str("a tuple variant"),
            Unexpected::StructVariant => f.write_str("a struct variant"),
            Unexpected::Other(other) => f.write_str(other),
        }
    }
}

/// `T` from a parsed value.
pub fn from_value<T: DeserializeOwned, J: JsonValue>(value: J) -> Result<T, DecodeError> {
    T::deserialize(Deserializer(value.into_node()))
}

struct Deserializer<J>(Node<J>);

/// `fn deserialize_x(self, visitor)` that calls `deserialize_y`, for each `x, … => y`.
macro_rules! forward_to {
    ($($($method:ident),+ => $to:ident);+) => {
        $($(
            fn $method<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DecodeError> {
                self.$to(visitor)
            }
        )+)+
    };
}

const FRACTION: &str = "a number with a fraction or out of range (the contract's amounts are decimal strings)";

impl<'de, J: JsonValue> de::Deserializer<'de> for Deserializer<J> {
    type Error = DecodeError;

    fn deserialize_any<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DecodeError> {
        match self.0 {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(b),
            Node::Integer(n) => match u64::try_from(n) {
                Ok(n) => visitor.visit_u64(n),
                Err(_) => visitor.visit_i64(n),
            },
            Node::OtherNumber => Err(DecodeError::new(FRACTION)),
            Node::String(s) => visitor.visit_string(s),
            Node::Array(items) => {
                let count = items.len();
                let mut seq = Seq(items.into_iter());
                let value = visitor.visit_seq(&mut seq)?;
                match seq.0.len() {
                    0 => Ok(value),
                    _ => Err(de::Error::invalid_length(count, &"fewer elements in the array")),
                }
            }
            Node::Object(entries) => visitor.visit_map(Map { entries: entries.into_iter(), value: None }),
        }
    }

    fn deserialize_option<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DecodeError> {
        match self.0 {
            Node::Null => visitor.visit_none(),
            node => visitor.visit_some(Deserializer(node)),
        }
    }

    fn deserialize_newtype_struct<W: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: W,
    ) -> Result<W::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<W: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: W,
    ) -> Result<W::Value, DecodeError> {
        match self.0 {
            // A unit variant: "settle".
            Node::String(name) => visitor.visit_enum(name.into_deserializer()),
            // Any other variant: {"name": value}.
            Node::Object(mut entries) if entries.len() == 1 => match entries.pop() {
                Some((name, value)) => visitor.visit_enum(Variant { name, value: value.into_node() }),
                None => Err(DecodeError::new("an empty object is not an enum")),
            },
            _ => Err(DecodeError::new("an enum is a string, or an object with one member")),
        }
    }

    // The contract's types ask for what they expect: each call takes only that kind of value
    // (anything else is refused), so each type's decoding carries one arm, not six.
    fn deserialize_bool<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DecodeError> {
        match self.0 {
            Node::Bool(b) => visitor.visit_bool(b),
            other => Err(refused(&other, &visitor)),
        }
    }

    fn deserialize_u64<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DecodeError> {
        match self.0 {
            Node::Integer(n) => match u64::try_from(n) {
                Ok(n) => visitor.visit_u64(n),
                Err(_) => visitor.visit_i64(n),
            },
            other => Err(refused(&other, &visitor)),
        }
    }

    fn deserialize_string<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DecodeError> {
        match self.0 {
            Node::String(s) => visitor.visit_string(s),
            other => Err(refused(&other, &visitor)),
        }
    }

    fn deserialize_seq<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DecodeError> {
        match self.0 {
            Node::Array(items) => {
                let count = items.len();
                let mut seq = Seq(items.into_iter());
                let value = visitor.visit_seq(&mut seq)?;
                match seq.0.len() {
                    0 => Ok(value),
                    _ => Err(de::Error::invalid_length(count, &"fewer elements in the array")),
                }
            }
            other => Err(refused(&other, &visitor)),
        }
    }

    fn deserialize_map<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DecodeError> {
        match self.0 {
            Node::Object(entries) => visitor.visit_map(Map { entries: entries.into_iter(), value: None }),
            other => Err(refused(&other, &visitor)),
        }
    }

    fn deserialize_struct<W: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: W,
    ) -> Result<W::Value, DecodeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_ignored_any<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, DecodeError> {
        visitor.visit_unit()
    }

    forward_to! {
        deserialize_u8, deserialize_u16, deserialize_u32, deserialize_i8, deserialize_i16,
        deserialize_i32, deserialize_i64 => deserialize_u64;
        deserialize_str, deserialize_identifier, deserialize_char => deserialize_string
    }

    fn deserialize_tuple<W: Visitor<'de>>(self, _len: usize, visitor: W) -> Result<W::Value, DecodeError> {
        self.deserialize_seq(visitor)
    }

    forward_to_deserialize_any! {
        i128 u128 f32 f64 bytes byte_buf unit unit_struct tuple_struct
    }
}

/// Why `node` is not what `expected` takes, in serde's words.
fn refused<J>(node: &Node<J>, expected: &dyn Expected) -> DecodeError {
    let unexpected = match node {
        Node::Null => Unexpected::Unit,
        Node::Bool(b) => Unexpected::Bool(*b),
        Node::Integer(n) => match u64::try_from(*n) {
            Ok(n) => Unexpected::Unsigned(n),
            Err(_) => Unexpected::Signed(*n),
        },
        Node::OtherNumber => return DecodeError::new(FRACTION),
        Node::String(s) => Unexpected::Str(s),
        Node::Array(_) => Unexpected::Seq,
        Node::Object(_) => Unexpected::Map,
    };
    de::Error::invalid_type(unexpected, expected)
}

struct Seq<I>(I);

impl<'de, J: JsonValue, I: ExactSizeIterator<Item = J>> SeqAccess<'de> for Seq<I> {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DecodeError> {
        self.0.next().map(|item| seed.deserialize(Deserializer(item.into_node()))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Map<I, J> {
    entries: I,
    value: Option<J>,
}

impl<'de, J: JsonValue, I: Iterator<Item = (String, J)>> MapAccess<'de> for Map<I, J> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DecodeError> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(Deserializer::<J>(Node::String(key))).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, DecodeError> {
        match self.value.take() {
            Some(value) => seed.deserialize(Deserializer(value.into_node())),
            None => Err(DecodeError::new("a value was asked for before its key")),
        }
    }
}

struct Variant<J> {
    name: String,
    value: Node<J>,
}

impl<'de, J: JsonValue> EnumAccess<'de> for Variant<J> {
    type Error = DecodeError;
    type Variant = Deserializer<J>;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Deserializer<J>), DecodeError> {
        let name = seed.deserialize(Deserializer::<J>(Node::String(self.name)))?;
        Ok((name, Deserializer(self.value)))
    }
}

impl<'de, J: JsonValue> VariantAccess<'de> for Deserializer<J> {
    type Error = DecodeError;

    fn unit_variant(self) -> Result<(), DecodeError> {
        match self.0 {
            Node::Null => Ok(()),
            _ => Err(DecodeError::new("a unit variant has no value")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DecodeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<W: Visitor<'de>>(self, _len: usize, visitor: W) -> Result<W::Value, DecodeError> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<W: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: W,
    ) -> Result<W::Value, DecodeError> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}

/// The largest whole number a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// `serde_json`'s values, for the native tests and the sandbox: the same decoding as the browser's.
impl JsonValue for serde_json::Value {
    fn into_node(self) -> Node<Self> {
        match self {
            serde_json::Value::Null => Node::Null,
            serde_json::Value::Bool(b) => Node::Bool(b),
            // As in the browser, where a number past 2^53 is not exact.
            serde_json::Value::Number(n) => {
                n.as_i64().filter(|n| n.unsigned_abs() <= MAX_SAFE_INTEGER).map_or(Node::OtherNumber, Node::Integer)
            }
            serde_json::Value::String(s) => Node::String(s),
            serde_json::Value::Array(items) => Node::Array(items),
            serde_json::Value::Object(members) => Node::Object(members.into_iter().collect()),
        }
    }
}
