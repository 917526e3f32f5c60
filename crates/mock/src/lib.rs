//! The demo's mock of the provider's API, in the page: the core's sandbox state machine (seeded
//! with the demo shoppers and the demo merchant) answering through the same router as the sandbox
//! server. Demo builds only: `pay-later.js` loads it when a widget without an API base URL sends
//! its first request, and the checkout and account modules share it, so an order placed in one is
//! a bill in the other. Merchant builds have no mock and never download this.

use std::cell::RefCell;

use paylater_core::Policy;
use paylater_core::sandbox::Sandbox;
use paylater_core::sandbox::router::{HttpRequest, HttpResponse};
use paylater_core::time::OffsetDateTime;
use wasm_bindgen::prelude::*;

thread_local! {
    static SANDBOX: RefCell<Option<Sandbox>> = const { RefCell::new(None) };
}

fn now() -> OffsetDateTime {
    let nanos = (js_sys::Date::now() * 1_000_000.0) as i128;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn answer(status: u16, body: &str) -> JsValue {
    let result = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&result, &JsValue::from_str("status"), &JsValue::from(status));
    let _ = js_sys::Reflect::set(&result, &JsValue::from_str("body"), &JsValue::from_str(body));
    result.into()
}

/// Runs `request` on the page's sandbox (created and seeded on first use) at the browser's time;
/// the answer as `{status, body}`.
fn on_sandbox(request: impl FnOnce(&mut Sandbox, OffsetDateTime) -> HttpResponse) -> JsValue {
    let now = now();
    SANDBOX.with(|cell| {
        let mut cell = cell.borrow_mut();
        let sandbox = cell.get_or_insert_with(|| Sandbox::demo(now, Policy::default()));
        let response = request(sandbox, now);
        answer(response.status, &response.body)
    })
}

/// One request to the page's sandbox: `{status, body}`.
#[wasm_bindgen]
pub fn handle(
    method: &str,
    path: &str,
    query: &str,
    authorization: Option<String>,
    idempotency_key: Option<String>,
    body: &str,
) -> JsValue {
    on_sandbox(|sandbox, now| {
        let request = HttpRequest {
            method,
            path,
            query,
            authorization: authorization.as_deref(),
            idempotency_key: idempotency_key.as_deref(),
            origin: None,
            body: body.as_bytes(),
        };
        sandbox.handle(&request, now)
    })
}

/// The demo page's stand-in for the merchant's server: a merchant API call (`/v1/merchant/…`,
/// with its query) with the demo merchant's secret key, answered by the same sandbox the widgets
/// use. A real merchant calls the provider from its own server, with a key that never reaches the
/// browser.
#[wasm_bindgen(js_name = demoMerchantRequest)]
pub fn demo_merchant_request(method: &str, path: &str, body: &str, idempotency_key: Option<String>) -> JsValue {
    on_sandbox(|sandbox, now| sandbox.demo_merchant_request(method, path, body, idempotency_key.as_deref(), now))
}
