//! The sandbox API server: the core's [`Sandbox`] state machine behind a lock, served over HTTP on
//! loopback, with CORS for the demo page, request logging, a readiness endpoint, and fault
//! injection for tests.
//!
//! Every `/v1/…` request goes to [`Sandbox::handle`], the same router the widget's in-browser
//! mock calls, so the server and the mock answer alike.
//!
//! ## Fault injection
//! Chosen per request with the `X-Sandbox-Fault` header or the `sandbox_fault` query parameter:
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
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use paylater_core::api::ErrorCode;
use paylater_core::plan::Policy;
use paylater_core::sandbox::router::{HttpRequest, HttpResponse, query_value};
use paylater_core::sandbox::{ApiError, Sandbox};
use time::OffsetDateTime;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower::ServiceExt;
use tower_http::cors::{AllowOrigin, CorsLayer};

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
        }
    }
}

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

struct AppState {
    sandbox: Mutex<Sandbox>,
    frozen_now: Option<OffsetDateTime>,
    log_requests: bool,
}

impl AppState {
    fn now(&self) -> OffsetDateTime {
        self.frozen_now.unwrap_or_else(OffsetDateTime::now_utc)
    }
}

/// Closes the connection a request came on (for the `drop` fault).
#[derive(Clone)]
struct ConnectionKill(Arc<Notify>);

fn response(answer: HttpResponse) -> Response {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, answer.content_type)], answer.body).into_response()
}

fn fault_of(request: &Request) -> Result<Option<Fault>, ApiError> {
    let from_header = request.headers().get(FAULT_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let from_query = request.uri().query().and_then(|q| query_value(q, FAULT_QUERY));
    from_header
        .or(from_query)
        .map(|f| Fault::parse(&f).map_err(|e| ApiError::new(ErrorCode::InvalidRequest, e)))
        .transpose()
}

async fn api(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let fault = match fault_of(&request) {
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
    let mut sandbox = match state.sandbox.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    sandbox.handle(
        &HttpRequest {
            method: parts.method.as_str(),
            path: parts.uri.path(),
            query: parts.uri.query().unwrap_or(""),
            authorization: header("authorization"),
            idempotency_key: header("idempotency-key"),
            body: &body,
        },
        now,
    )
}

async fn ready() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], r#"{"status":"ready"}"#).into_response()
}

/// The application: `/health/ready` and the API under `/v1`.
pub fn app(config: &Config) -> Router {
    let now = config.frozen_now.unwrap_or_else(OffsetDateTime::now_utc);
    let state = Arc::new(AppState {
        sandbox: Mutex::new(Sandbox::demo(now, config.policy.clone())),
        frozen_now: config.frozen_now,
        log_requests: config.log_requests,
    });
    let origins: Vec<HeaderValue> =
        config.allowed_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    let allow_origin = if config.allow_any_origin { AllowOrigin::any() } else { AllowOrigin::list(origins) };
    let cors = CorsLayer::new()
        .allow_origin(allow_origin)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::HeaderName::from_static("idempotency-key"),
            header::HeaderName::from_static(FAULT_HEADER),
        ])
        .max_age(Duration::from_secs(600));
    Router::new().route("/health/ready", get(ready)).fallback(api).with_state(state).layer(cors)
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
