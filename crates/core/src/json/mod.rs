//! JSON for the contract without a JSON library in the browser: answers are parsed by whoever is
//! at hand ([`Parser`]: the browser's `JSON.parse` in the widget, serde_json natively) and decoded
//! from the parsed value by hand ([`Decode`]); request bodies and event details are written by one small
//! serializer ([`to_string`]). All are tested against serde_json (tests/json.rs).

pub mod decode;
mod read;
mod write;

pub use decode::{Decode, Fields, decode_str};
pub use read::{DecodeError, JsonValue, MAX_SAFE_INTEGER, Node};
pub use write::{EncodeError, Quoted, to_string, write_str};

/// Turns JSON text into a value [`Decode`] reads.
pub trait Parser {
    type Value: JsonValue;
    /// The value, or why the text is not JSON.
    fn parse(text: &str) -> Result<Self::Value, String>;
}

/// serde_json's parser: the native tests.
pub struct SerdeJson;

impl Parser for SerdeJson {
    type Value = serde_json::Value;

    fn parse(text: &str) -> Result<serde_json::Value, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}
