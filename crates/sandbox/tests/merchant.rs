//! The merchant's side over real HTTP on loopback: secret keys kept off browsers, no CORS,
//! capture (once, partial, with another amount), cancel, expiry on the server's own timer, refunds
//! seen by the shopper, armed faults, and signed webhooks delivered to an endpoint that comes up
//! late, each event once.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use paylater_core::api::*;
use paylater_core::sandbox::seed::{DEMO_SECRET_KEY, DEMO_WEBHOOK_SECRET};
use paylater_core::sandbox::webhooks::{SIGNATURE_TOLERANCE, verify_signature};
use paylater_core::{Currency, Money};
use paylater_sandbox::{Config, app, serve};
use reqwest::{Client, Method};
use time::OffsetDateTime;

async fn start(config: Config) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, app(&Config { log_requests: false, ..config })));
    format!("http://{address}")
}

struct Caller {
    base: String,
    client: Client,
}

impl Caller {
    async fn send(
        &self,
        credential: &str,
        method: Method,
        path: &str,
        key: Option<&str>,
        body: Option<String>,
        origin: Option<&str>,
    ) -> (StatusCode, HeaderMap, String) {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("authorization", format!("Bearer {credential}"));
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        if let Some(body) = body {
            request = request.header("content-type", "application/json").body(body);
        }
        let response = request.send().await.unwrap();
        let status = StatusCode::from_u16(response.status().as_u16()).unwrap();
        let headers = response.headers().clone();
        (status, headers, response.text().await.unwrap())
    }

    async fn ok<T: serde::de::DeserializeOwned>(
        &self,
        credential: &str,
        method: Method,
        path: &str,
        key: Option<&str>,
        body: Option<String>,
    ) -> T {
        let (status, _, text) = self.send(credential, method, path, key, body, None).await;
        assert!(status.is_success(), "{path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }

    async fn code(
        &self,
        credential: &str,
        method: Method,
        path: &str,
        key: Option<&str>,
        body: Option<String>,
    ) -> ErrorCode {
        let (status, _, text) = self.send(credential, method, path, key, body, None).await;
        let problem: Problem = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {status} {text}"));
        assert_eq!(status.as_u16(), problem.status);
        problem.code
    }

    async fn authorize(&self, shopper: &str, order_id: &str, amount: &str) -> Order {
        let body = format!(
            r#"{{"merchant_id":"M-DEMO-SHOP","order_id":"{order_id}","amount":{{"amount":"{amount}","currency":"CNY"}},"plan":"installments_3"}}"#
        );
        self.ok(shopper, Method::POST, "/v1/orders", Some(&format!("auth-{order_id}")), Some(body)).await
    }
}

fn capture_body(auth: &Order, order_amount: &str, capture_amount: &str) -> String {
    format!(
        r#"{{"authorization_id":"{}","order_amount":{{"amount":"{order_amount}","currency":"CNY"}},"capture_amount":{{"amount":"{capture_amount}","currency":"CNY"}}}}"#,
        auth.id
    )
}

fn cny(text: &str) -> Money {
    Money::parse(text, Currency::CNY).unwrap()
}

async fn caller(config: Config) -> Caller {
    Caller { base: start(config).await, client: Client::builder().timeout(Duration::from_secs(5)).build().unwrap() }
}

#[tokio::test]
async fn secret_keys_are_refused_from_browsers_and_merchant_endpoints_send_no_cors() {
    let api = caller(Config::default()).await;
    let shop = Some("http://127.0.0.1:8080"); // an allowed origin for the shopper's endpoints
    // A preflight for a merchant endpoint gets no CORS answer: the browser blocks the call.
    let (status, headers, _) = api.send("", Method::OPTIONS, "/v1/merchant/orders/O-1", None, None, shop).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(headers.keys().all(|k| !k.as_str().starts_with("access-control-")), "{headers:?}");
    // A secret key with an Origin is refused, on merchant and shopper paths alike.
    for path in ["/v1/merchant/events", "/v1/me"] {
        let (status, headers, body) = api.send(DEMO_SECRET_KEY, Method::GET, path, None, None, shop).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}: {body}");
        if path.starts_with("/v1/merchant/") {
            assert!(headers.keys().all(|k| !k.as_str().starts_with("access-control-")), "{headers:?}");
        }
    }
    // From a server (no Origin) the key works, and the answer carries no CORS headers.
    let (status, headers, _) = api.send(DEMO_SECRET_KEY, Method::GET, "/v1/merchant/events", None, None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.keys().all(|k| !k.as_str().starts_with("access-control-")));
    // The shopper's endpoints still answer the demo page with CORS.
    let (status, headers, _) = api.send("demo-good", Method::GET, "/v1/me", None, None, shop).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["access-control-allow-origin"], "http://127.0.0.1:8080");
    // Each credential stays on its side.
    assert_eq!(api.code("demo-good", Method::GET, "/v1/merchant/events", None, None).await, ErrorCode::Unauthorized);
    assert_eq!(api.code(DEMO_SECRET_KEY, Method::GET, "/v1/me", None, None).await, ErrorCode::Unauthorized);
    // 405 with the methods the path takes.
    let (status, headers, _) = api.send("demo-good", Method::DELETE, "/v1/bills", None, None, None).await;
    assert_eq!((status, headers["allow"].to_str().unwrap()), (StatusCode::METHOD_NOT_ALLOWED, "GET"));
}

#[tokio::test]
async fn capture_once_partial_mismatch_cancel_and_refunds_over_http() {
    let api = caller(Config::default()).await;
    let shopper = "demo-good+http";
    let me: Profile = api.ok(shopper, Method::GET, "/v1/me", None, None).await;
    let limit = me.credit_limit.available;
    // Capture twice under one key: one capture, one bill.
    let a = api.authorize(shopper, "H-1", "1200.00").await;
    let path = "/v1/merchant/orders/H-1/capture";
    let first: Order =
        api.ok(DEMO_SECRET_KEY, Method::POST, path, Some("c-1"), Some(capture_body(&a, "1200.00", "1200.00"))).await;
    let again: Order =
        api.ok(DEMO_SECRET_KEY, Method::POST, path, Some("c-1"), Some(capture_body(&a, "1200.00", "1200.00"))).await;
    assert_eq!(first, again);
    let code =
        api.code(DEMO_SECRET_KEY, Method::POST, path, Some("c-2"), Some(capture_body(&a, "1200.00", "1200.00"))).await;
    assert_eq!(code, ErrorCode::InvalidState);
    // Another amount: nothing moves.
    let b = api.authorize(shopper, "H-2", "1.00").await;
    let code = api
        .code(
            DEMO_SECRET_KEY,
            Method::POST,
            "/v1/merchant/orders/H-2/capture",
            Some("c-3"),
            Some(capture_body(&b, "1299.00", "1299.00")),
        )
        .await;
    assert_eq!(code, ErrorCode::AmountMismatch);
    // Cancel releases the hold.
    let cancel = format!(r#"{{"authorization_id":"{}"}}"#, b.id);
    let cancelled: Order =
        api.ok(DEMO_SECRET_KEY, Method::POST, "/v1/merchant/orders/H-2/cancel", Some("x-1"), Some(cancel)).await;
    assert_eq!(cancelled.status, OrderStatus::Cancelled);
    // Partial capture: the rest of the hold is released.
    let c = api.authorize(shopper, "H-3", "500.00").await;
    let partial: Order = api
        .ok(
            DEMO_SECRET_KEY,
            Method::POST,
            "/v1/merchant/orders/H-3/capture",
            Some("c-4"),
            Some(capture_body(&c, "500.00", "300.00")),
        )
        .await;
    assert_eq!(partial.captured_amount, Some(cny("300.00")));
    let me: Profile = api.ok(shopper, Method::GET, "/v1/me", None, None).await;
    assert_eq!(me.credit_limit.available, limit.checked_sub(&cny("1500.00")).unwrap());
    // Refunds: more than captured is refused; partial, then the rest.
    let refund = |amount: &str| format!(r#"{{"amount":{{"amount":"{amount}","currency":"CNY"}},"reason":"returned"}}"#);
    let code = api
        .code(DEMO_SECRET_KEY, Method::POST, "/v1/merchant/orders/H-1/refunds", Some("r-0"), Some(refund("1200.01")))
        .await;
    assert_eq!(code, ErrorCode::RefundExceedsCaptured);
    let r1: Refund = api
        .ok(DEMO_SECRET_KEY, Method::POST, "/v1/merchant/orders/H-1/refunds", Some("r-1"), Some(refund("200.00")))
        .await;
    let bill: Bill = api.ok(shopper, Method::GET, &format!("/v1/bills/{}", r1.bill_id), None, None).await;
    assert_eq!((bill.refunded, bill.refunds.len()), (cny("200.00"), 1));
    assert_eq!(bill.refunds[0].reason.as_deref(), Some("returned"));
    let _r2: Refund = api
        .ok(DEMO_SECRET_KEY, Method::POST, "/v1/merchant/orders/H-1/refunds", Some("r-2"), Some(refund("1000.00")))
        .await;
    let bill: Bill = api.ok(shopper, Method::GET, &format!("/v1/bills/{}", r1.bill_id), None, None).await;
    assert_eq!((bill.status, bill.amount_left), (BillStatus::Refunded, cny("0.00")));
    let records: RefundList = api.ok(shopper, Method::GET, "/v1/refunds", None, None).await;
    assert_eq!(records.refunds.len(), 2, "the shopper sees both refunds in the records");
    let order: Order = api.ok(DEMO_SECRET_KEY, Method::GET, "/v1/merchant/orders/H-1", None, None).await;
    assert_eq!(order.refunded_amount, cny("1200.00"));
}

#[tokio::test]
async fn an_armed_fault_drops_a_capture_and_the_retry_with_the_same_key_captures_once() {
    let api = caller(Config::default()).await;
    let a = api.authorize("demo-good+armed", "F-1", "99.00").await;
    let arm = r#"{"method":"POST","path":"/v1/merchant/orders/F-*","fault":"drop","times":1}"#;
    let armed = api.client.post(format!("{}/sandbox/faults", api.base)).body(arm).send().await.unwrap();
    assert_eq!(armed.status().as_u16(), 204);
    let dropped = api
        .client
        .post(format!("{}/v1/merchant/orders/F-1/capture", api.base))
        .header("authorization", format!("Bearer {DEMO_SECRET_KEY}"))
        .header("idempotency-key", "cap-f1")
        .body(capture_body(&a, "99.00", "99.00"))
        .send()
        .await;
    assert!(dropped.is_err(), "the connection is closed without an answer");
    let order: Order = api.ok(DEMO_SECRET_KEY, Method::GET, "/v1/merchant/orders/F-1", None, None).await;
    assert_eq!(order.status, OrderStatus::Captured, "it was applied before the drop");
    let retried: Order = api
        .ok(
            DEMO_SECRET_KEY,
            Method::POST,
            "/v1/merchant/orders/F-1/capture",
            Some("cap-f1"),
            Some(capture_body(&a, "99.00", "99.00")),
        )
        .await;
    assert_eq!(retried, order, "the retry answers the first capture");
    let bills: BillList = api.ok("demo-good+armed", Method::GET, "/v1/bills?status=all", None, None).await;
    assert_eq!(bills.bills.iter().filter(|b| b.order_id == "F-1").count(), 1);
    let bad = api.client.post(format!("{}/sandbox/faults", api.base)).body(r#"{"method":"GET"}"#).send().await.unwrap();
    assert_eq!(bad.status().as_u16(), 400);
}

/// What the merchant's endpoint received: event id → (deliveries, signature valid every time).
type Received = Arc<Mutex<BTreeMap<String, (u32, bool)>>>;

async fn receive(State(received): State<Received>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let body = String::from_utf8_lossy(&body).into_owned();
    let signature = headers.get("paylater-signature").and_then(|v| v.to_str().ok()).unwrap_or("");
    let valid =
        verify_signature(DEMO_WEBHOOK_SECRET, signature, &body, OffsetDateTime::now_utc(), SIGNATURE_TOLERANCE).is_ok();
    let Ok(event) = serde_json::from_str::<WebhookEvent>(&body) else { return StatusCode::BAD_REQUEST };
    let mut received = received.lock().unwrap();
    let entry = received.entry(event.id).or_insert((0, true));
    entry.0 += 1;
    entry.1 &= valid;
    StatusCode::NO_CONTENT
}

#[tokio::test]
async fn webhooks_reach_an_endpoint_that_comes_up_late_signed_and_each_once() {
    // A port with nothing listening yet: the merchant's endpoint is down.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut config = Config {
        webhook_url: Some(format!("http://127.0.0.1:{port}/webhooks")),
        tick: Duration::from_millis(50),
        webhook_timeout: Duration::from_secs(2),
        ..Config::default()
    };
    config.policy.authorization_ttl_seconds = 1;
    config.policy.webhook_retry_base_ms = 100;
    let api = caller(config).await;
    let a = api.authorize("demo-good+hooks", "W-1", "300.00").await;
    let _: Order = api
        .ok(
            DEMO_SECRET_KEY,
            Method::POST,
            "/v1/merchant/orders/W-1/capture",
            Some("c"),
            Some(capture_body(&a, "300.00", "300.00")),
        )
        .await;
    let refund = r#"{"amount":{"amount":"50.00","currency":"CNY"},"reason":null}"#.to_owned();
    let _: Refund =
        api.ok(DEMO_SECRET_KEY, Method::POST, "/v1/merchant/orders/W-1/refunds", Some("r"), Some(refund)).await;
    // Left uncaptured: the server's own timer expires it and releases the hold (no request is made
    // from here until its order.expired event has been delivered).
    let before: Profile = api.ok("demo-good+hooks", Method::GET, "/v1/me", None, None).await;
    api.authorize("demo-good+hooks", "W-2", "10.00").await;
    let held: Profile = api.ok("demo-good+hooks", Method::GET, "/v1/me", None, None).await;
    assert_eq!(held.credit_limit.available, before.credit_limit.available.checked_sub(&cny("10.00")).unwrap());
    tokio::time::sleep(Duration::from_millis(1500)).await;

    // The endpoint comes up.
    let received: Received = Arc::default();
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    let receiver = Router::new().route("/webhooks", post(receive)).with_state(received.clone());
    tokio::spawn(async move { axum::serve(listener, receiver).await });
    let started = Instant::now();
    while received.lock().unwrap().len() < 5 && started.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Nothing left to deliver, and nothing arrives again past the longest backoff the failures
    // had reached (100 ms doubled per attempt over the 1.5 s the endpoint was down: under 1.6 s).
    let queue = || async {
        let answer = api.client.get(format!("{}/sandbox/webhooks", api.base)).send().await.unwrap();
        let body: serde_json::Value = serde_json::from_str(&answer.text().await.unwrap()).unwrap();
        body["pending"].as_u64().unwrap()
    };
    let started = Instant::now();
    while queue().await > 0 && started.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(queue().await, 0, "every delivery is done");
    tokio::time::sleep(Duration::from_millis(2000)).await;
    let expired: Order = api.ok(DEMO_SECRET_KEY, Method::GET, "/v1/merchant/orders/W-2", None, None).await;
    assert_eq!(expired.status, OrderStatus::Expired);
    let after: Profile = api.ok("demo-good+hooks", Method::GET, "/v1/me", None, None).await;
    assert_eq!(after.credit_limit.available, before.credit_limit.available, "the expired hold is released");
    let events: EventList = api.ok(DEMO_SECRET_KEY, Method::GET, "/v1/merchant/events", None, None).await;
    let types: Vec<&str> = events.events.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(types, ["order.authorized", "order.captured", "order.refunded", "order.authorized", "order.expired"]);
    let received = received.lock().unwrap().clone();
    let expected: BTreeMap<String, (u32, bool)> = events.events.iter().map(|e| (e.id.clone(), (1, true))).collect();
    assert_eq!(received, expected, "every event delivered once, with a valid signature");
}

#[tokio::test]
async fn on_a_frozen_clock_webhooks_still_go_out_signed_by_the_real_clock() {
    let received: Received = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let receiver = Router::new().route("/webhooks", post(receive)).with_state(received.clone());
    tokio::spawn(async move { axum::serve(listener, receiver).await });
    // A day in the past, as the component tests freeze it.
    let frozen = OffsetDateTime::now_utc() - time::Duration::days(1);
    let config = Config {
        frozen_now: Some(frozen),
        webhook_url: Some(format!("http://127.0.0.1:{port}/webhooks")),
        tick: Duration::from_millis(50),
        ..Config::default()
    };
    let api = caller(config).await;
    api.authorize("demo-good+frozen", "Z-1", "20.00").await;
    let started = Instant::now();
    while received.lock().unwrap().is_empty() && started.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let events: EventList = api.ok(DEMO_SECRET_KEY, Method::GET, "/v1/merchant/events", None, None).await;
    assert_eq!(events.events[0].created_at, frozen, "the event keeps the sandbox's time");
    let received = received.lock().unwrap().clone();
    assert_eq!(
        received.get(&events.events[0].id),
        Some(&(1, true)),
        "delivered once, its signature fresh by the real clock"
    );
}
