//! JSON for the contract without a JSON library in the browser: answers are parsed by whoever is
//! at hand ([`Parser`]: the browser's `JSON.parse` in the widget, serde_json natively) and decoded
//! from the parsed value by one deserializer ([`from_value`]); request bodies and event details
//! are written by one small serializer ([`to_string`]). Both are tested here against serde_json.

mod read;
mod write;

pub use read::{DecodeError, JsonValue, MAX_SAFE_INTEGER, Node, from_value};
pub use write::{EncodeError, Quoted, to_string, write_str};

/// Turns JSON text into a value [`from_value`] can decode.
pub trait Parser {
    type Value: JsonValue;
    /// The value, or why the text is not JSON.
    fn parse(text: &str) -> Result<Self::Value, String>;
}

/// serde_json's parser: the sandbox server and the native tests.
pub struct SerdeJson;

impl Parser for SerdeJson {
    type Value = serde_json::Value;

    fn parse(text: &str) -> Result<serde_json::Value, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// `T` from JSON text, parsed by `P`.
pub fn from_str<T: serde::de::DeserializeOwned, P: Parser>(text: &str) -> Result<T, DecodeError> {
    from_value(P::parse(text).map_err(DecodeError::new)?)
}
