//! Fault injection: a fault chosen per request (the `X-Sandbox-Fault` header or the
//! `sandbox_fault` query parameter) or armed ahead (`/sandbox/faults`) for requests a test cannot
//! add a header to. See the crate's documentation for the table of faults.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use paylater_core::api::ErrorCode;
use paylater_core::sandbox::ApiError;
use paylater_core::sandbox::router::{HttpResponse, query_value};
use serde::Deserialize;

use crate::{AppState, FAULT_HEADER, FAULT_QUERY, lock, response};

/// A fault chosen for one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    ServerError,
    Unauthorized,
    Delay(Duration),
    DropAfterApply,
    MalformedAfterApply,
}

impl Fault {
    /// Parses a fault name; unknown names are an error so a typo is not silently ignored.
    pub fn parse(text: &str) -> Result<Fault, String> {
        match text.trim() {
            "500" => Ok(Fault::ServerError),
            "401" => Ok(Fault::Unauthorized),
            "drop" => Ok(Fault::DropAfterApply),
            "malformed" => Ok(Fault::MalformedAfterApply),
            "delay" => Ok(Fault::Delay(Duration::from_secs(10))),
            other => match other.strip_prefix("delay=").and_then(|ms| ms.parse::<u64>().ok()) {
                Some(ms) => Ok(Fault::Delay(Duration::from_millis(ms.min(120_000)))),
                None => Err(format!("unknown sandbox fault {other:?}: use 500, 401, delay=MS, drop or malformed")),
            },
        }
    }
}

/// A fault waiting for the next requests that match it.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ArmedFault {
    method: String,
    /// The exact path, or a prefix ending in `*`.
    path: String,
    fault: String,
    #[serde(default = "one")]
    times: u32,
}

fn one() -> u32 {
    1
}

impl ArmedFault {
    fn matches(&self, method: &Method, path: &str) -> bool {
        let path_ok = match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == self.path,
        };
        self.method.eq_ignore_ascii_case(method.as_str()) && path_ok && self.times > 0
    }
}

/// The fault chosen by the request's header or query, else the first armed one that matches.
pub(crate) fn fault_of(state: &AppState, request: &Request) -> Result<Option<Fault>, ApiError> {
    let from_header = request.headers().get(FAULT_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let from_query = request.uri().query().and_then(|q| query_value(q, FAULT_QUERY));
    let armed = || {
        let mut armed = lock(&state.armed);
        let found = armed.iter_mut().find(|a| a.matches(request.method(), request.uri().path()))?;
        found.times -= 1;
        Some(found.fault.clone())
    };
    from_header
        .or(from_query)
        .or_else(armed)
        .map(|f| Fault::parse(&f).map_err(|e| ApiError::new(ErrorCode::InvalidRequest, e)))
        .transpose()
}

/// `POST /sandbox/faults`: arms a fault for the next matching requests.
pub(crate) async fn arm_fault(State(state): State<Arc<AppState>>, body: axum::body::Bytes) -> Response {
    let armed: ArmedFault = match serde_json::from_slice(&body) {
        Ok(armed) => armed,
        Err(e) => {
            return response(HttpResponse::error(&ApiError::new(
                ErrorCode::InvalidRequest,
                format!("send {{\"method\", \"path\", \"fault\", \"times\"}}: {e}"),
            )));
        }
    };
    if let Err(e) = Fault::parse(&armed.fault) {
        return response(HttpResponse::error(&ApiError::new(ErrorCode::InvalidRequest, e)));
    }
    lock(&state.armed).push(armed);
    StatusCode::NO_CONTENT.into_response()
}

/// `GET /sandbox/faults`: the armed faults, with how many requests each will still fail.
pub(crate) async fn armed_faults(State(state): State<Arc<AppState>>) -> Response {
    let armed = lock(&state.armed).clone();
    let body = serde_json::to_string(&armed).unwrap_or_else(|_| "[]".to_owned());
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// `DELETE /sandbox/faults`: disarms every armed fault.
pub(crate) async fn disarm_faults(State(state): State<Arc<AppState>>) -> Response {
    lock(&state.armed).clear();
    StatusCode::NO_CONTENT.into_response()
}
