//! Decoding the API's answers by hand from a parsed JSON value ([`Decode`]): what the widget runs.
//! serde's derived `Deserialize` (the sandbox's, and the native tests') visits every field through
//! generic machinery that weighs a few kilobytes per type in a WebAssembly module; here each type
//! is one short function of field reads, each field read one call. The native tests check that
//! every type decodes every answer of the sandbox exactly as serde does, and refuses what serde
//! refuses (crates/core/tests/json.rs, decode.rs).
//!
//! Answers tolerate unknown fields (a provider may add one); a missing field is an error but for
//! an optional one, which is `None` (as serde's derive does).

use rust_decimal::Decimal;
use time::{Date, OffsetDateTime};

use super::{DecodeError, JsonValue, Node, Parser, read::MAX_SAFE_INTEGER};
use crate::dates::{iso_date, rfc3339};
use crate::json::Quoted;
use crate::money::{Currency, Money};

/// A type read from a parsed JSON value.
pub trait Decode: Sized {
    fn decode<J: JsonValue>(node: Node<J>) -> Result<Self, DecodeError>;

    /// The value of a field the answer left out: an error, but for optional fields (`None`).
    fn missing() -> Option<Self> {
        None
    }
}

/// `T` from JSON text, parsed by `P`.
pub fn decode_str<T: Decode, P: Parser>(text: &str) -> Result<T, DecodeError> {
    T::decode(P::parse(text).map_err(DecodeError::new)?.into_node())
}

/// What a node is, for messages.
fn kind<J>(node: &Node<J>) -> &'static str {
    match node {
        Node::Null => "null",
        Node::Bool(_) => "a boolean",
        Node::Integer(_) => "an integer",
        Node::OtherNumber => "a number with a fraction",
        Node::String(_) => "a string",
        Node::Array(_) => "an array",
        Node::Object(_) => "an object",
    }
}

/// `expected` where `node` was.
pub fn wrong<J>(node: &Node<J>, expected: &str) -> DecodeError {
    DecodeError::new(format!("invalid type: {}, expected {expected}", kind(node)))
}

/// The fields of an object, taken one by one.
pub struct Fields<J> {
    entries: Vec<(String, J)>,
}

impl<J: JsonValue> Fields<J> {
    /// The fields of `node`, which must be an object (`what` names it in the error).
    pub fn of(node: Node<J>, what: &str) -> Result<Fields<J>, DecodeError> {
        match node {
            Node::Object(entries) => Ok(Fields { entries }),
            other => Err(wrong(&other, what)),
        }
    }

    /// The field `name`, decoded.
    pub fn get<T: Decode>(&mut self, name: &'static str) -> Result<T, DecodeError> {
        match self.entries.iter().position(|(key, _)| key == name) {
            Some(index) => {
                let (_, value) = self.entries.swap_remove(index);
                T::decode(value.into_node()).map_err(|e| DecodeError::new(format!("{name}: {e}")))
            }
            None => T::missing().ok_or_else(|| DecodeError::new(format!("missing field `{name}`"))),
        }
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode<J: JsonValue>(node: Node<J>) -> Result<Self, DecodeError> {
        match node {
            Node::Null => Ok(None),
            node => T::decode(node).map(Some),
        }
    }

    fn missing() -> Option<Self> {
        Some(None)
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode<J: JsonValue>(node: Node<J>) -> Result<Self, DecodeError> {
        match node {
            Node::Array(items) => items.into_iter().map(|item| T::decode(item.into_node())).collect(),
            other => Err(wrong(&other, "an array")),
        }
    }
}

impl Decode for String {
    fn decode<J: JsonValue>(node: Node<J>) -> Result<Self, DecodeError> {
        match node {
            Node::String(text) => Ok(text),
            other => Err(wrong(&other, "a string")),
        }
    }
}

impl Decode for bool {
    fn decode<J: JsonValue>(node: Node<J>) -> Result<Self, DecodeError> {
        match node {
            Node::Bool(b) => Ok(b),
            other => Err(wrong(&other, "a boolean")),
        }
    }
}

/// A whole number from 0 to `max`.
fn whole<J>(node: Node<J>, max: u64) -> Result<u64, DecodeError> {
    match node {
        Node::Integer(n) => u64::try_from(n)
            .ok()
            .filter(|n| *n <= max.min(MAX_SAFE_INTEGER))
            .ok_or_else(|| DecodeError::new(format!("invalid value: integer `{n}`, expected 0 to {max}"))),
        Node::OtherNumber => Err(DecodeError::new(super::read::FRACTION)),
        other => Err(wrong(&other, "a whole number")),
    }
}

impl Decode for u16 {
    fn decode<J: JsonValue>(node: Node<J>) -> Result<Self, DecodeError> {
        whole(node, u64::from(u16::MAX)).map(|n| n as u16)
    }
}

impl Decode for u32 {
    fn decode<J: JsonValue>(node: Node<J>) -> Result<Self, DecodeError> {
        whole(node, u64::from(u32::MAX)).map(|n| n as u32)
    }
}

/// A string field parsed by `parse` (`what` names the form in the error).
fn parsed<J, T, E: core::fmt::Display>(
    node: Node<J>,
    what: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, DecodeError> {
    match node {
        Node::String(text) => {
            parse(&text).map_err(|e| DecodeError::new(format!("{} is not {what}: {e}", Quoted(&text))))
        }
        other => Err(wrong(&other, what)),
    }
}

/// Rates (`"0.045"`): a decimal string, never a JSON number.
impl Decode for Decimal {
    fn decode<J: JsonValue>(node: Node<J>) -> Result<Self, DecodeError> {
        parsed(node, "a decimal string", |text| crate::money::plain_decimal(text).ok_or("not a plain decimal"))
    }
}

/// Calendar dates: `YYYY-MM-DD`.
impl Decode for Date {
    fn decode<J: JsonValue>(node: Node<J>) -> Result<Self, DecodeError> {
        parsed(node, "a YYYY-MM-DD date", iso_date::parse)
    }
}

/// Instants: RFC 3339.
impl Decode for OffsetDateTime {
    fn decode<J: JsonValue>(node: Node<J>) -> Result<Self, DecodeError> {
        parsed(node, "a date-time", rfc3339::parse)
    }
}

/// `{"amount": "1299.00", "currency": "CNY"}`, checked as [`Money::parse`] checks it.
impl Decode for Money {
    fn decode<J: JsonValue>(node: Node<J>) -> Result<Self, DecodeError> {
        let mut f = Fields::of(node, "an amount")?;
        let amount: String = f.get("amount")?;
        let currency: String = f.get("currency")?;
        let currency: Currency = currency.parse().map_err(|e| DecodeError::new(format!("{e}")))?;
        Money::parse(&amount, currency).map_err(|e| DecodeError::new(format!("{e}")))
    }
}

/// `Decode` for a struct, field by field: `decode_struct!(Type { field, field: "json_name" })`.
#[macro_export]
#[doc(hidden)]
macro_rules! decode_struct {
    ($type:ident { $($field:ident $(: $name:literal)?),* $(,)? }) => {
        impl $crate::json::Decode for $type {
            fn decode<J: $crate::json::JsonValue>(
                node: $crate::json::Node<J>,
            ) -> Result<Self, $crate::json::DecodeError> {
                let mut f = $crate::json::Fields::of(node, stringify!($type))?;
                Ok($type { $($field: f.get($crate::decode_struct!(@name $field $($name)?))?),* })
            }
        }
    };
    (@name $field:ident) => { stringify!($field) };
    (@name $field:ident $name:literal) => { $name };
}

/// `Decode` for an enum of names: `decode_enum!(Type { Variant = "wire_name", … })`; it also
/// gives `Type::WIRE`, the names, for the tests that check them against serde's.
#[macro_export]
#[doc(hidden)]
macro_rules! decode_enum {
    ($type:ident { $($variant:ident = $name:literal),* $(,)? }) => {
        impl $type {
            /// Every variant with its name on the wire.
            pub const WIRE: &'static [($type, &'static str)] = &[$(($type::$variant, $name)),*];
        }

        impl $crate::json::Decode for $type {
            fn decode<J: $crate::json::JsonValue>(
                node: $crate::json::Node<J>,
            ) -> Result<Self, $crate::json::DecodeError> {
                $crate::json::decode::name_of(node, $type::WIRE, stringify!($type))
            }
        }
    };
}

/// The variant whose wire name `node` is.
pub fn name_of<J, T: Copy>(node: Node<J>, names: &[(T, &str)], what: &str) -> Result<T, DecodeError> {
    match node {
        Node::String(text) => names.iter().find(|(_, name)| *name == text).map(|(v, _)| *v).ok_or_else(|| {
            let known: Vec<&str> = names.iter().map(|(_, name)| *name).collect();
            DecodeError::new(format!("unknown variant `{text}` of {what}, expected one of {}", known.join(", ")))
        }),
        other => Err(wrong(&other, what)),
    }
}
