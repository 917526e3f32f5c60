//! JSON in the widget without a JSON library: text is parsed by the browser's own `JSON.parse`
//! ([`Json`] in wasm) and decoded from the parsed value by the core's deserializer
//! (`paylater_core::json`), the one its native tests check against serde_json. Natively (the
//! widget's own unit tests) serde_json parses instead.

use paylater_core::json::{JsonValue, Node, Parser};
use wasm_bindgen::{JsCast, JsValue};

/// The browser's `JSON.parse` (in wasm), or serde_json (natively).
#[cfg(target_arch = "wasm32")]
pub type Json = BrowserJson;
#[cfg(not(target_arch = "wasm32"))]
pub type Json = paylater_core::json::SerdeJson;

/// The browser's `JSON.parse`.
pub struct BrowserJson;

impl Parser for BrowserJson {
    type Value = Parsed;

    fn parse(text: &str) -> Result<Parsed, String> {
        js_sys::JSON::parse(text).map(Parsed).map_err(|e| {
            e.dyn_ref::<js_sys::Error>().map_or_else(|| "not JSON".to_owned(), |e| String::from(e.message()))
        })
    }
}

/// A value `JSON.parse` made (or any JavaScript value of the same shapes).
pub struct Parsed(pub JsValue);

impl JsonValue for Parsed {
    fn into_node(self) -> Node<Parsed> {
        let value = self.0;
        if value.is_null() || value.is_undefined() {
            Node::Null
        } else if let Some(b) = value.as_bool() {
            Node::Bool(b)
        } else if let Some(text) = value.as_string() {
            Node::String(text)
        } else if js_sys::Number::is_safe_integer(&value) {
            // A safe integer converts exactly; nothing here formats or rounds a float.
            value.as_f64().map_or(Node::OtherNumber, |n| Node::Integer(n as i64))
        } else if value.as_f64().is_some() {
            Node::OtherNumber
        } else if js_sys::Array::is_array(&value) {
            Node::Array(js_sys::Array::from(&value).iter().map(Parsed).collect())
        } else {
            let entries = js_sys::Object::entries(value.unchecked_ref());
            Node::Object(
                entries
                    .iter()
                    .map(|pair| {
                        let pair: js_sys::Array = pair.unchecked_into();
                        (pair.get(0).as_string().unwrap_or_default(), Parsed(pair.get(1)))
                    })
                    .collect(),
            )
        }
    }
}

/// `value` as a JavaScript value (an event's detail): written by the core's JSON writer, read by
/// the browser's parser.
pub fn to_js<T: serde::Serialize>(value: &T) -> JsValue {
    paylater_core::json::to_string(value).ok().and_then(|json| js_sys::JSON::parse(&json).ok()).unwrap_or(JsValue::NULL)
}
