//! Reading the small JSON objects of texts (a locale file, a merchant's `translations`): in the
//! browser with its own `JSON.parse`, so the module carries no JSON machinery for them (serde_json's
//! generic maps and numbers cost about 10 KB of wasm); natively with serde_json, for the tests.

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
#[cfg(target_arch = "wasm32")]
pub fn object_entries(json: &str) -> Result<Vec<(String, Entry)>, String> {
    use wasm_bindgen::JsCast;
    let is_object = |v: &wasm_bindgen::JsValue| v.is_object() && !js_sys::Array::is_array(v);
    let members = |v: &wasm_bindgen::JsValue| -> Vec<(String, wasm_bindgen::JsValue)> {
        js_sys::Object::entries(v.unchecked_ref())
            .iter()
            .map(|pair| {
                let pair: js_sys::Array = pair.unchecked_into();
                (pair.get(0).as_string().unwrap_or_default(), pair.get(1))
            })
            .collect()
    };
    let value = js_sys::JSON::parse(json).map_err(|_| "not JSON".to_owned())?;
    if !is_object(&value) {
        return Err("not a JSON object".to_owned());
    }
    Ok(members(&value)
        .into_iter()
        .map(|(name, v)| {
            let entry = match v.as_string() {
                Some(text) => Entry::Text(text),
                None if is_object(&v) => {
                    Entry::Texts(members(&v).into_iter().map(|(k, t)| (k, t.as_string())).collect())
                }
                None => Entry::Other,
            };
            (name, entry)
        })
        .collect())
}

/// The members of the JSON object `json`, in order.
#[cfg(not(target_arch = "wasm32"))]
pub fn object_entries(json: &str) -> Result<Vec<(String, Entry)>, String> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| format!("not JSON ({e})"))?;
    let object = value.as_object().ok_or("not a JSON object")?;
    Ok(object
        .iter()
        .map(|(name, v)| {
            let entry = match v {
                serde_json::Value::String(text) => Entry::Text(text.clone()),
                serde_json::Value::Object(texts) => {
                    Entry::Texts(texts.iter().map(|(k, t)| (k.clone(), t.as_str().map(str::to_owned))).collect())
                }
                _ => Entry::Other,
            };
            (name.clone(), entry)
        })
        .collect())
}
