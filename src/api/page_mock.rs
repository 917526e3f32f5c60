//! The demo's mock as the page shares it between modules: the checkout module and the account
//! module each send their requests to the page's one mock (the core's sandbox in its own small
//! module, `crates/mock`, which `pay-later.js` loads on first use), so an order placed in one is a
//! bill in the other. Only in demo builds (feature `page-mock`).

use std::time::Duration;

use gloo_timers::future::sleep;
use paylater_core::client::{ApiRequest, ClientError, RawResponse};
use wasm_bindgen::{JsCast, JsValue};

/// The function `pay-later.js` puts on the page for this: `(method, path, query, authorization,
/// idempotencyKey, body) => Promise<{status, body}>`.
pub const PAGE_MOCK_GLOBAL: &str = "__payLaterPageMock";

/// Answers requests from the page's shared mock, after a simulated latency.
#[derive(Clone)]
pub struct PageMockTransport {
    latency: Duration,
}

impl PageMockTransport {
    pub fn new(latency: Duration) -> PageMockTransport {
        PageMockTransport { latency }
    }

    pub async fn send(&self, request: &ApiRequest, token: &str) -> Result<RawResponse, ClientError> {
        if !self.latency.is_zero() {
            sleep(self.latency).await;
        }
        let unavailable = |why: &str| {
            ClientError::Network(format!(
                "the demo's in-page mock is unavailable ({why}): load the widget with pay-later.js"
            ))
        };
        let global = js_sys::global();
        let function = js_sys::Reflect::get(&global, &JsValue::from_str(PAGE_MOCK_GLOBAL))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .ok_or_else(|| unavailable("not on the page"))?;
        let arguments = js_sys::Array::new();
        for argument in [
            JsValue::from_str(request.method.as_str()),
            JsValue::from_str(request.path_only()),
            JsValue::from_str(request.query()),
            if request.public { JsValue::NULL } else { JsValue::from_str(&format!("Bearer {token}")) },
            request.idempotency_key.as_deref().map_or(JsValue::NULL, JsValue::from_str),
            JsValue::from_str(request.body.as_deref().unwrap_or("")),
        ] {
            arguments.push(&argument);
        }
        let promise = function
            .apply(&JsValue::NULL, &arguments)
            .ok()
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
            .ok_or_else(|| unavailable("it did not answer"))?;
        let answer = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|e| {
            unavailable(
                &e.as_string()
                    .or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()))
                    .unwrap_or_default(),
            )
        })?;
        let field = |name: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(name)).ok();
        let status = field("status").and_then(|s| s.as_f64()).map(|s| s as u16);
        let body = field("body").and_then(|b| b.as_string());
        match (status, body) {
            (Some(status), Some(body)) => Ok(RawResponse { status, body }),
            _ => Err(unavailable("its answer has no status and body")),
        }
    }
}
