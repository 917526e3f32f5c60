//! JSON that something else has parsed (the browser's `JSON.parse` in the widget,
//! `serde_json::Value` natively), seen one level at a time through [`JsonValue`], one small trait,
//! so the widget carries no JSON parser and the decoding it runs (crate::json::decode) is the one
//! tested natively.
//!
//! Numbers are whole or refused: every amount in the contract is a decimal string, so a number
//! with a fraction is an error, and no float is ever read, formatted or rounded.

use core::fmt;

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

pub(super) const FRACTION: &str =
    "a number with a fraction or out of range (the contract's amounts are decimal strings)";

/// The largest whole number a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// `serde_json`'s values, for the native tests: the same decoding as the browser's.
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
