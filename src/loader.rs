//! What the modules ask of `pay-later.js` (`globalThis.__payLater`), the page's one loader: the
//! answers it fetched before a module asked (crate::api::prefetch), the checkout module for the
//! offer's Pay later (crate::handover), and the shopper's session token, which the loader keeps
//! for the whole page (one store: every module, and a module loaded later, reads the same one).

use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

/// The loader's namespace on the page.
pub const LOADER_GLOBAL: &str = "__payLater";

/// The loader, if this page has one (a widget mounted without `pay-later.js` has none).
pub fn loader() -> Option<JsValue> {
    field(&js_sys::global(), LOADER_GLOBAL)
}

/// `object[name]`, when it is there (neither `undefined` nor `null`).
pub fn field(object: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// The loader's function `name`, with the loader to call it on.
pub fn function(name: &str) -> Option<(JsValue, js_sys::Function)> {
    let loader = loader()?;
    let function = field(&loader, name)?.dyn_into().ok()?;
    Some((loader, function))
}

/// The shopper's session token for `host` (a host element, or the account part of a
/// `view="both"` host), in memory only.
pub fn session_token(host: &HtmlElement) -> Option<String> {
    let (loader, get) = function("sessionToken")?;
    get.call1(&loader, host).ok()?.as_string()
}

/// Gives the loader `token` for `host`: one the page wrote as an attribute, which the widget has
/// taken off the page. `false` when there is no loader to keep it.
pub fn keep_session_token(host: &HtmlElement, token: &str) -> bool {
    function("keepSessionToken")
        .is_some_and(|(loader, keep)| keep.call2(&loader, host, &JsValue::from_str(token)).is_ok())
}
