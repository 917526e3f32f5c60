//! Reading the small JSON objects of texts (a locale file, a merchant's `translations`) with the
//! widget's one JSON path ([`crate::json`]: the browser's `JSON.parse` in wasm, serde_json in the
//! native tests), so the module carries no JSON machinery of its own for them.

use paylater_core::json::{JsonValue, Node, Parser};

use crate::json::Json;

/// One member of the object.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry {
    Text(String),
    /// An object of texts (a language's overrides); a member that is not a string is `None`.
    Texts(Vec<(String, Option<String>)>),
    /// Anything else (a number, an array, null).
    Other,
}

/// The members of the JSON object `json`, in order.
pub fn object_entries(json: &str) -> Result<Vec<(String, Entry)>, String> {
    let value = Json::parse(json).map_err(|e| format!("not JSON ({e})"))?;
    let Node::Object(members) = value.into_node() else {
        return Err("not a JSON object".to_owned());
    };
    Ok(members
        .into_iter()
        .map(|(name, value)| {
            let entry = match value.into_node() {
                Node::String(text) => Entry::Text(text),
                Node::Object(texts) => Entry::Texts(
                    texts
                        .into_iter()
                        .map(|(key, text)| match text.into_node() {
                            Node::String(text) => (key, Some(text)),
                            _ => (key, None),
                        })
                        .collect(),
                ),
                _ => Entry::Other,
            };
            (name, entry)
        })
        .collect())
}
