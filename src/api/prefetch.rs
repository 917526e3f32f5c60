//! Answers `pay-later.js` fetched before this module arrived: the public offer, requested as soon
//! as the loader saw a checkout element, in parallel with the module. A transport takes the
//! answer for the very request it was about to send (same URL), once; anything else, or a
//! prefetch that failed, goes over the network as usual.

use paylater_core::client::RawResponse;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The loader's namespace on the page (`globalThis.__payLater`).
pub const LOADER_GLOBAL: &str = "__payLater";

fn field(object: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// The prefetched answer for `key` (a full URL, or `mock:` and the path for the page's mock), if
/// the loader has one; `None` when it has none or its fetch failed.
pub async fn take(key: &str) -> Option<RawResponse> {
    let loader = field(&js_sys::global(), LOADER_GLOBAL)?;
    let take: js_sys::Function = field(&loader, "takePrefetched")?.dyn_into().ok()?;
    let promise: js_sys::Promise = take.call1(&loader, &JsValue::from_str(key)).ok()?.dyn_into().ok()?;
    let answer = JsFuture::from(promise).await.ok()?;
    let status = field(&answer, "status")?.as_f64()?;
    let body = field(&answer, "body")?.as_string()?;
    Some(RawResponse { status: u16::try_from(status as u32).ok()?, body })
}
