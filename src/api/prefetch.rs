//! Answers that were on their way before this module asked: the public offer, which
//! `pay-later.js` requests as soon as it sees a checkout element, in parallel with the module (a
//! transport takes it for the very request it was about to send, same URL); and eligibility, which
//! the offer module starts on Pay later and hands to the checkout module (crate::handover). An
//! answer that failed, or none, means the call goes over the network as usual.

use paylater_core::client::RawResponse;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::loader::field;

/// The prefetched answer for `key` (a full URL, or `mock:` and the path for the page's mock), if
/// the loader has one; `None` when it has none or its fetch failed. An answer that already came
/// (`settled` on the promise) is taken without waiting, so the first render can show it.
pub async fn take(key: &str) -> Option<RawResponse> {
    let (loader, take) = crate::loader::function("takePrefetched")?;
    let promise: js_sys::Promise = take.call1(&loader, &JsValue::from_str(key)).ok()?.dyn_into().ok()?;
    match field(&promise, "settled") {
        Some(answer) => raw_of(&answer),
        None => settle(promise).await,
    }
}

/// The answer `promise` resolves to (`{status, body}`), or `None` if it was refused.
pub async fn settle(promise: js_sys::Promise) -> Option<RawResponse> {
    raw_of(&JsFuture::from(promise).await.ok()?)
}

/// The answer `{status, body}` is, if it is one.
pub fn raw_of(answer: &JsValue) -> Option<RawResponse> {
    let status = field(answer, "status")?.as_f64()?;
    let body = field(answer, "body")?.as_string()?;
    Some(RawResponse { status: u16::try_from(status as u32).ok()?, body })
}

/// `{status, body}`: an answer as a JavaScript value, to hand to another module.
pub fn to_js(answer: &RawResponse) -> JsValue {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &JsValue::from_str("status"), &JsValue::from(answer.status));
    let _ = js_sys::Reflect::set(&object, &JsValue::from_str("body"), &JsValue::from_str(&answer.body));
    object.into()
}
