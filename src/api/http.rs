//! The provider's API over HTTP (gloo-net), with a timeout per call.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::{Request, RequestBuilder};
use gloo_timers::callback::Timeout;
use paylater_core::client::{ApiRequest, ClientError, Method, RawResponse};
use web_sys::AbortController;

/// Calls `base_url` + the contract's paths.
pub struct HttpTransport {
    base_url: String,
    timeout: Duration,
    /// The controllers of the calls in flight, aborted by [`HttpTransport::cancel_all`].
    in_flight: RefCell<Vec<AbortController>>,
}

impl HttpTransport {
    /// `base_url` without a trailing slash, e.g. `https://api.example.com` or `http://127.0.0.1:8787`.
    pub fn new(base_url: &str, timeout: Duration) -> HttpTransport {
        HttpTransport { base_url: base_url.trim_end_matches('/').to_owned(), timeout, in_flight: RefCell::default() }
    }

    /// Another transport to the same API, with calls of its own (not aborted with this one's).
    pub fn detached(&self) -> HttpTransport {
        HttpTransport::new(&self.base_url, self.timeout)
    }

    /// The full URL of `path` (with its query).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Aborts every call in flight (the widget is going away).
    pub fn cancel_all(&self) {
        for controller in self.in_flight.take() {
            controller.abort();
        }
    }

    pub async fn send(&self, request: &ApiRequest, token: &str) -> Result<RawResponse, ClientError> {
        let controller =
            AbortController::new().map_err(|_| ClientError::Network("AbortController is unavailable".into()))?;
        self.in_flight.borrow_mut().push(controller.clone());
        let _done = Finished { transport: self, controller: controller.clone() };
        let timed_out = Rc::new(Cell::new(false));
        // Aborts the request (and the reading of its body) when the time is up; dropping the
        // timer at the end of this call cancels it.
        let _timer = {
            let controller = controller.clone();
            let timed_out = timed_out.clone();
            let millis = u32::try_from(self.timeout.as_millis()).unwrap_or(u32::MAX);
            Timeout::new(millis, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let url = self.url(&request.path);
        let builder = match request.method {
            Method::Get => Request::get(&url),
            Method::Post => Request::post(&url),
            Method::Put => Request::put(&url),
            Method::Delete => Request::delete(&url),
        };
        let mut builder: RequestBuilder = builder
            .header("Accept", "application/json, application/problem+json")
            .abort_signal(Some(&controller.signal()));
        if !request.public {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        if let Some(key) = &request.idempotency_key {
            builder = builder.header("Idempotency-Key", key);
        }
        let failed = |e: gloo_net::Error| {
            if timed_out.get() { ClientError::Timeout } else { ClientError::Network(network_error(e)) }
        };
        let response = match &request.body {
            Some(body) => {
                builder
                    .header("Content-Type", "application/json")
                    .body(body.as_str())
                    .map_err(|e| ClientError::Network(network_error(e)))?
                    .send()
                    .await
            }
            None => builder.send().await,
        }
        .map_err(failed)?;
        let status = response.status();
        let body = response.text().await.map_err(failed)?;
        Ok(RawResponse { status, body })
    }
}

/// What went wrong on the way, in the browser's words. Matched by kind rather than formatted
/// whole: gloo-net's `Display` would bring serde_json's error messages into the module.
fn network_error(error: gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(e) => e.message,
        gloo_net::Error::GlooError(message) => message,
        gloo_net::Error::SerdeError(_) => "an unreadable answer".to_owned(),
    }
}

/// Takes a call's controller off the in-flight list when the call ends, and aborts the request
/// when its future is dropped before it ended (what asked for it is gone: crate::hooks::scoped).
/// Aborting a request that has ended does nothing.
struct Finished<'a> {
    transport: &'a HttpTransport,
    controller: AbortController,
}

impl Drop for Finished<'_> {
    fn drop(&mut self) {
        if let Ok(mut list) = self.transport.in_flight.try_borrow_mut() {
            list.retain(|c| c != &self.controller);
        }
        self.controller.abort();
    }
}
