//! The sandbox's clock, moved ahead so that a test (or a merchant's developer) can watch a due
//! date pass: `POST /sandbox/clock` with `{"days": n, "hours": h, "minutes": m}` (each optional,
//! at least a minute, at most ten years ahead in all) moves "now" forward for every later answer
//! and for the sandbox's own timer: installments fall due and overdue, autopay charges them,
//! authorizations and quotes lapse. `GET /sandbox/clock` says where it is. Never backwards: the
//! provider's clock does not go back. Sandbox only: no such call exists in the API.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use paylater_core::api::ErrorCode;
use paylater_core::rfc3339;
use paylater_core::sandbox::router::HttpResponse;
use paylater_core::sandbox::{ApiError, PROVIDER_OFFSET};
use serde::Deserialize;

use crate::{AppState, lock, response};

/// At most this far ahead in all.
const MOST_AHEAD: time::Duration = time::Duration::days(3_660);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    #[serde(default)]
    days: u32,
    #[serde(default)]
    hours: u32,
    #[serde(default)]
    minutes: u32,
}

/// `{"now": "<RFC 3339 at the provider's offset>", "ahead_seconds": n}`
fn where_it_is(state: &AppState) -> Response {
    let now = state.now().checked_to_offset(PROVIDER_OFFSET).unwrap_or_else(|| state.now());
    let ahead = lock(&state.clock_ahead).whole_seconds();
    let body = format!(r#"{{"now":"{}","ahead_seconds":{ahead}}}"#, rfc3339::format(now));
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// `POST /sandbox/clock`: moves the clock ahead, then runs what fell due (autopay charges).
pub(crate) async fn move_clock(State(state): State<Arc<AppState>>, body: axum::body::Bytes) -> Response {
    let refuse = |detail: String| response(HttpResponse::error(&ApiError::new(ErrorCode::InvalidRequest, detail)));
    let advance: Advance = match serde_json::from_slice(&body) {
        Ok(advance) => advance,
        Err(e) => return refuse(format!("send {{\"days\", \"hours\", \"minutes\"}}, whole numbers: {e}")),
    };
    let step = time::Duration::days(advance.days.into())
        + time::Duration::hours(advance.hours.into())
        + time::Duration::minutes(advance.minutes.into());
    if step < time::Duration::MINUTE {
        return refuse("move the clock ahead by a minute at least; it never goes back".to_owned());
    }
    {
        let mut ahead = lock(&state.clock_ahead);
        if *ahead + step > MOST_AHEAD {
            return refuse(format!("at most {} days ahead in all", MOST_AHEAD.whole_days()));
        }
        *ahead += step;
    }
    let now = state.now();
    {
        let mut sandbox = lock(&state.sandbox);
        sandbox.sweep(now);
        sandbox.run_autopay(now);
    }
    where_it_is(&state)
}

/// `GET /sandbox/clock`
pub(crate) async fn clock(State(state): State<Arc<AppState>>) -> Response {
    where_it_is(&state)
}
