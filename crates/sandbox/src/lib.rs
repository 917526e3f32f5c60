//! The sandbox API server: the core's [`Sandbox`] state machine behind a lock, served over HTTP on
//! loopback, with CORS for the demo page (shopper endpoints only), request logging, a readiness
//! endpoint, webhook deliveries, and fault injection for tests.
//!
//! Every `/v1/…` request goes to [`Sandbox::handle`], the same router the widget's in-browser
//! mock calls, so the server and the mock answer alike. The merchant endpoints
//! (`/v1/merchant/…`) send no CORS headers: a browser cannot call them, and a secret key sent
//! with an `Origin` header is refused by the router.
//!
//! [`app`] also starts, on the current Tokio runtime, the **deliverer**: every
//! [`Config::tick`] it expires authorizations past their time ([`Sandbox::sweep`]) and POSTs the
//! webhook deliveries that are due, signed, to the merchant's URL; a failure or a non-2xx answer is
//! tried again with backoff (see `paylater_core::sandbox::webhooks`). `GET /sandbox/webhooks`
//! answers `{"pending": n}`: the events still waiting for a delivery.
//!
//! ## Fault injection
//! Chosen per request with the `X-Sandbox-Fault` header or the `sandbox_fault` query parameter,
//! or **armed** ahead for requests a test cannot add a header to (a merchant server's own calls):
//! `POST /sandbox/faults` with `{"method": "POST", "path": "/v1/merchant/orders/O-1/capture",
//! "fault": "drop", "times": 1}` (`path` may end in `*` to match a prefix) makes the next `times`
//! matching requests fail so; `GET /sandbox/faults` lists them with the requests each will still
//! fail, and `DELETE /sandbox/faults` disarms them all.
//!
//! **The clock** moves ahead with `POST /sandbox/clock` `{"days": 31}` (see `clock.rs`): due dates
//! pass, and autopay charges what fell due, once each.
//!
//! | value | effect |
//! |---|---|
//! | `500` | answers 500 `internal` problem+json; the request is **not** applied |
//! | `401` | answers 401 `unauthorized`, as for an expired session; not applied |
//! | `delay=MS` | waits MS milliseconds (default 10000), then handles the request normally |
//! | `drop` | applies the request, then closes the connection without answering |
//! | `malformed` | applies the request, then answers 200 with a truncated JSON body |

// Requests come from outside: nothing here may panic on them.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use paylater_core::Policy;
use paylater_core::api::ErrorCode;
use paylater_core::sandbox::router::{HttpRequest, HttpResponse};
use paylater_core::sandbox::seed::{DEMO_MERCHANT_ID, DEMO_SECRET_KEY, DEMO_WEBHOOK_SECRET};
use paylater_core::sandbox::{ApiError, Sandbox};
use time::OffsetDateTime;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower::ServiceExt;
use tower_http::cors::{AllowOrigin, CorsLayer};

mod clock;
mod deliverer;
mod faults;

use clock::{clock, move_clock};
pub use faults::Fault;
use faults::{ArmedFault, arm_fault, armed_faults, disarm_faults, fault_of};

/// The header that chooses a fault.
pub const FAULT_HEADER: &str = "x-sandbox-fault";
/// The query parameter that chooses a fault.
pub const FAULT_QUERY: &str = "sandbox_fault";
/// Largest request body accepted.
const MAX_BODY: usize = 64 * 1024;

/// How the server is started.
#[derive(Clone, Debug)]
pub struct Config {
    pub address: SocketAddr,
    /// Origins allowed by CORS (the demo page's).
    pub allowed_origins: Vec<String>,
    /// Allow every origin (for browser tests served from random ports). Never for a real API.
    pub allow_any_origin: bool,
    /// A frozen clock for deterministic runs; `None` reads the system clock.
    pub frozen_now: Option<OffsetDateTime>,
    pub policy: Policy,
    /// Log each request to stderr.
    pub log_requests: bool,
    /// The demo merchant's secret key (the published demo key by default).
    pub merchant_key: String,
    /// Where the demo merchant's webhook events go (none by default; `PUT /v1/merchant/webhook`
    /// sets it too).
    pub webhook_url: Option<String>,
    /// The demo merchant's webhook signing secret.
    pub webhook_secret: String,
    /// How often the deliverer expires authorizations and sends due webhooks.
    pub tick: Duration,
    /// How long a webhook delivery may take before it counts as failed.
    pub webhook_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            address: SocketAddr::from(([127, 0, 0, 1], 8787)),
            allowed_origins: vec![
                "http://127.0.0.1:8080".into(),
                "http://localhost:8080".into(),
                "http://127.0.0.1:4173".into(),
                "http://localhost:4173".into(),
            ],
            allow_any_origin: false,
            frozen_now: None,
            policy: Policy::default(),
            log_requests: true,
            merchant_key: DEMO_SECRET_KEY.to_owned(),
            webhook_url: None,
            webhook_secret: DEMO_WEBHOOK_SECRET.to_owned(),
            tick: Duration::from_millis(200),
            webhook_timeout: Duration::from_secs(10),
        }
    }
}

pub(crate) struct AppState {
    sandbox: Mutex<Sandbox>,
    frozen_now: Option<OffsetDateTime>,
    /// How far `POST /sandbox/clock` moved the sandbox's clock ahead.
    clock_ahead: Mutex<time::Duration>,
    log_requests: bool,
    armed: Mutex<Vec<ArmedFault>>,
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match mutex.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    }
}

impl AppState {
    fn now(&self) -> OffsetDateTime {
        self.frozen_now.unwrap_or_else(OffsetDateTime::now_utc) + *lock(&self.clock_ahead)
    }
}

/// Closes the connection a request came on (for the `drop` fault).
#[derive(Clone)]
struct ConnectionKill(Arc<Notify>);

pub(crate) fn response(answer: HttpResponse) -> Response {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, [(header::CONTENT_TYPE, answer.content_type)], answer.body).into_response();
    if let Some(allow) = answer.allow {
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allow));
    }
    if let Some(cache) = answer.cache_control {
        // Public (the offer): any page may read it, any cache may keep it.
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    }
    response
}

async fn api(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let fault = match fault_of(&state, &request) {
        Ok(fault) => fault,
        Err(e) => return response(HttpResponse::error(&e)),
    };
    let kill = request.extensions().get::<ConnectionKill>().cloned();
    let answer = handle(&state, request, fault).await;
    if state.log_requests {
        let fault = fault.map(|f| format!(" fault={f:?}")).unwrap_or_default();
        eprintln!("{method} {path} -> {}{fault} in {} ms", answer.status, started.elapsed().as_millis());
    }
    match fault {
        Some(Fault::DropAfterApply) => {
            if let Some(kill) = kill {
                kill.0.notify_one();
            }
            // Never answer: the connection is closed under this request.
            std::future::pending::<()>().await;
            unreachable!()
        }
        Some(Fault::MalformedAfterApply) => {
            (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], "{\"truncated\": [1, 2").into_response()
        }
        _ => response(answer),
    }
}

async fn handle(state: &AppState, request: Request, fault: Option<Fault>) -> HttpResponse {
    match fault {
        Some(Fault::ServerError) => {
            return HttpResponse::error(&ApiError::new(
                ErrorCode::Internal,
                "injected fault: the request was not applied; retry it",
            ));
        }
        Some(Fault::Unauthorized) => {
            return HttpResponse::error(&ApiError::new(
                ErrorCode::Unauthorized,
                "injected fault: the session has expired",
            ));
        }
        Some(Fault::Delay(wait)) => tokio::time::sleep(wait).await,
        _ => {}
    }
    let (parts, body) = request.into_parts();
    let body = match to_bytes(body, MAX_BODY).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return HttpResponse::error(&ApiError::new(
                ErrorCode::InvalidRequest,
                "the request body is larger than 64 KiB",
            ));
        }
    };
    let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
    let now = state.now();
    lock(&state.sandbox).handle(
        &HttpRequest {
            method: parts.method.as_str(),
            path: parts.uri.path(),
            query: parts.uri.query().unwrap_or(""),
            authorization: header("authorization"),
            idempotency_key: header("idempotency-key"),
            origin: header("origin"),
            body: &body,
        },
        now,
    )
}

/// `GET /sandbox/webhooks`: `{"pending": n}`, how many events still wait for a delivery (a failed
/// one waits for its retry). For tests: 0 once every event was delivered.
async fn webhook_queue(State(state): State<Arc<AppState>>) -> Response {
    let pending = lock(&state.sandbox).pending_webhooks();
    ([(header::CONTENT_TYPE, "application/json")], format!(r#"{{"pending":{pending}}}"#)).into_response()
}

/// The merchant API is server to server: no CORS headers on its answers, and no preflight.
async fn no_cors_for_merchants(request: Request, next: Next) -> Response {
    let merchant = request.uri().path().starts_with("/v1/merchant/");
    if merchant && request.method() == Method::OPTIONS {
        return response(HttpResponse::error(&ApiError::new(
            ErrorCode::Forbidden,
            "the merchant API is not for browsers: call it from your server with your secret key",
        )));
    }
    let mut answer = next.run(request).await;
    if merchant {
        let cors: Vec<_> =
            answer.headers().keys().filter(|k| k.as_str().starts_with("access-control-")).cloned().collect();
        for name in cors {
            answer.headers_mut().remove(name);
        }
        answer.headers_mut().remove(header::VARY);
    }
    answer
}

async fn ready() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], r#"{"status":"ready"}"#).into_response()
}

/// The application: `/health/ready`, the API under `/v1`, the fault controls under `/sandbox`.
/// Called inside a Tokio runtime, it also starts the deliverer (expiry and webhooks).
pub fn app(config: &Config) -> Router {
    let now = config.frozen_now.unwrap_or_else(OffsetDateTime::now_utc);
    let mut sandbox = Sandbox::demo(now, config.policy.clone());
    sandbox.set_secret_key(DEMO_MERCHANT_ID, &config.merchant_key);
    sandbox.set_webhook_secret(DEMO_MERCHANT_ID, &config.webhook_secret);
    sandbox.set_webhook_url(DEMO_MERCHANT_ID, config.webhook_url.as_deref());
    let state = Arc::new(AppState {
        sandbox: Mutex::new(sandbox),
        frozen_now: config.frozen_now,
        clock_ahead: Mutex::new(time::Duration::ZERO),
        log_requests: config.log_requests,
        armed: Mutex::new(Vec::new()),
    });
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(deliverer::run_deliverer(
            state.clone(),
            config.tick,
            config.webhook_timeout,
            config.log_requests,
        ));
    }
    let origins: Vec<HeaderValue> =
        config.allowed_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    let allow_origin = if config.allow_any_origin { AllowOrigin::any() } else { AllowOrigin::list(origins) };
    let cors = CorsLayer::new()
        .allow_origin(allow_origin)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::HeaderName::from_static("idempotency-key"),
            header::HeaderName::from_static(FAULT_HEADER),
        ])
        .max_age(Duration::from_secs(600));
    Router::new()
        .route("/health/ready", get(ready))
        .route("/sandbox/faults", post(arm_fault).get(armed_faults).delete(disarm_faults))
        .route("/sandbox/webhooks", get(webhook_queue))
        .route("/sandbox/clock", post(move_clock).get(clock))
        .fallback(api)
        .with_state(state)
        .layer(cors)
        .layer(middleware::from_fn(no_cors_for_merchants))
}

/// Serves `app` on `listener` until the process ends. Each connection can be closed from inside a
/// request (the `drop` fault).
pub async fn serve(listener: TcpListener, app: Router) -> std::io::Result<()> {
    loop {
        let (stream, _) = listener.accept().await?;
        let kill = Arc::new(Notify::new());
        let connection_kill = ConnectionKill(kill.clone());
        let service = app.clone().map_request(move |mut request: axum::http::Request<Incoming>| {
            request.extensions_mut().insert(connection_kill.clone());
            request.map(Body::new)
        });
        let service = TowerToHyperService::new(service.map_err(|e: Infallible| e));
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = kill.notified() => {}
            }
        });
    }
}
