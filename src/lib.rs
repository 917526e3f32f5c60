//! 先享后付 / Pay later: a checkout widget in Rust + Leptos (client-side rendered WebAssembly).
//!
//! The money, plans, quotes and eligibility live in the `paylater-core` crate, tested natively;
//! this crate renders them and sends the shopper's intents.

// Nothing that comes from the API or the merchant may panic (release builds abort): enforced here.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

pub mod api;
pub mod clock;
pub mod components;
pub mod context;
pub mod errors;
pub mod events;
pub mod format;
pub mod hooks;
pub mod i18n;
pub mod idempotency;
pub mod mount;
pub mod options;
pub mod ui;

use wasm_bindgen::prelude::*;

pub use mount::{HOST_ATTRIBUTE, mount_host, mount_host_with};

/// Mounts a widget in every element with a `data-pay-later` attribute once the module loads.
/// Not run inside wasm-bindgen-test binaries, whose tests mount what they need.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(hosts) = document.query_selector_all(&format!("[{HOST_ATTRIBUTE}]:not({})", mount::CUSTOM_ELEMENT)) else {
        return;
    };
    for i in 0..hosts.length() {
        if let Some(host) = hosts.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            && let Err(e) = mount_host(&host)
        {
            web_sys::console::error_2(&JsValue::from_str("[pay-later] could not mount the widget:"), &e);
        }
    }
}

/// Mounts a widget in `host` (configured by its `data-*` attributes). Used by `pay-later.js`
/// (`PayLater.mount`, `<pay-later-checkout>`).
#[wasm_bindgen(js_name = mountHost)]
pub fn mount_js(host: web_sys::HtmlElement) -> Result<(), JsValue> {
    mount_host(&host)
}

/// Gives `host` the shopper's session token, in memory only (never an attribute). Used by
/// `pay-later.js` for the `sessionToken` option of `PayLater.mount` and `update`.
#[wasm_bindgen(js_name = setSessionToken)]
pub fn set_session_token_js(host: web_sys::HtmlElement, token: String) {
    mount::set_session_token(&host, &token);
}

/// Unmounts the widget in `host`; returns whether there was one.
#[wasm_bindgen(js_name = unmountHost)]
pub fn unmount_js(host: web_sys::HtmlElement) -> bool {
    mount::unmount_host(&host)
}

/// The demo page's stand-in for the merchant's server (builds with the in-browser mock only): a
/// merchant API call (`/v1/merchant/…`) with the demo merchant's secret key, answered by the page's
/// mock. Gives back `{status, body}`. A real merchant calls the provider from its own server, with
/// a key that never reaches the browser.
#[cfg(feature = "mock")]
#[wasm_bindgen(js_name = demoMerchantRequest)]
pub fn demo_merchant_request_js(
    method: String,
    path: String,
    body: String,
    idempotency_key: Option<String>,
) -> JsValue {
    let answer = api::demo_merchant_request(&method, &path, &body, idempotency_key.as_deref());
    let result = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&result, &JsValue::from_str("status"), &JsValue::from(answer.status));
    let _ = js_sys::Reflect::set(&result, &JsValue::from_str("body"), &JsValue::from_str(&answer.body));
    result.into()
}

/// How many widgets are mounted on the page (for tests of mount/unmount cycles).
#[wasm_bindgen(js_name = liveWidgets)]
pub fn live_widgets_js() -> u32 {
    u32::try_from(mount::live_widgets()).unwrap_or(u32::MAX)
}
