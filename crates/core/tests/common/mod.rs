//! Helpers shared by the sandbox's tests: requests through the router (as the mock and the HTTP
//! server send them), and checks of their answers.
#![allow(dead_code)] // each test file uses its own share of these

use paylater_core::Policy;
use paylater_core::api::*;
use paylater_core::sandbox::Sandbox;
use paylater_core::sandbox::router::{HttpRequest, HttpResponse};
use paylater_core::sandbox::seed::{DEMO_MERCHANT_ID, DEMO_SECRET_KEY};
use paylater_core::time::OffsetDateTime;
use paylater_core::time::macros::datetime;
use paylater_core::{Currency, Money};
use serde::de::DeserializeOwned;

pub const NOW: OffsetDateTime = datetime!(2026-11-23 10:00 +08:00);
pub const KEY: &str = DEMO_SECRET_KEY;

pub fn cny(text: &str) -> Money {
    Money::parse(text, Currency::CNY).unwrap()
}

pub fn sandbox() -> Sandbox {
    Sandbox::demo(NOW, Policy::default())
}

/// One request: `credential` is a shopper's token or a merchant's secret key.
pub struct Call<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub credential: Option<&'a str>,
    pub key: Option<&'a str>,
    pub origin: Option<&'a str>,
    pub body: String,
}

impl<'a> Call<'a> {
    pub fn new(method: &'a str, path: &'a str, credential: &'a str) -> Call<'a> {
        Call { method, path, credential: Some(credential), key: None, origin: None, body: String::new() }
    }
}

pub fn call(sb: &mut Sandbox, c: Call<'_>, now: OffsetDateTime) -> HttpResponse {
    let (path, query) = c.path.split_once('?').unwrap_or((c.path, ""));
    let auth = c.credential.map(|t| format!("Bearer {t}"));
    sb.handle(
        &HttpRequest {
            method: c.method,
            path,
            query,
            authorization: auth.as_deref(),
            idempotency_key: c.key,
            origin: c.origin,
            body: c.body.as_bytes(),
        },
        now,
    )
}

pub fn get(sb: &mut Sandbox, token: &str, path: &str) -> HttpResponse {
    call(sb, Call::new("GET", path, token), NOW)
}

pub fn get_at(sb: &mut Sandbox, token: &str, path: &str, now: OffsetDateTime) -> HttpResponse {
    call(sb, Call::new("GET", path, token), now)
}

pub fn post<B: serde::Serialize>(
    sb: &mut Sandbox,
    token: &str,
    path: &str,
    key: Option<&str>,
    body: &B,
    now: OffsetDateTime,
) -> HttpResponse {
    call(sb, Call { key, body: serde_json::to_string(body).unwrap(), ..Call::new("POST", path, token) }, now)
}

pub fn ok<T: DeserializeOwned>(r: HttpResponse) -> T {
    assert!(r.status < 300, "expected success, got {} {}", r.status, r.body);
    assert_eq!(r.content_type, "application/json");
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body))
}

pub fn problem(r: HttpResponse, code: ErrorCode) -> Problem {
    assert_eq!(r.content_type, "application/problem+json", "{}", r.body);
    let p: Problem = serde_json::from_str(&r.body).unwrap();
    assert_eq!(p.code, code, "{}", r.body);
    assert_eq!(r.status, code.http_status());
    assert_eq!(p.status, r.status);
    assert!(!p.detail.is_empty());
    p
}

pub fn order(amount: &str, order_id: &str, plan: PlanKind) -> CreateOrderRequest {
    CreateOrderRequest { merchant_id: DEMO_MERCHANT_ID.into(), order_id: order_id.into(), amount: cny(amount), plan }
}

/// The shopper authorizes `order_id` for `amount`.
pub fn authorize(sb: &mut Sandbox, token: &str, amount: &str, order_id: &str, plan: PlanKind) -> Order {
    ok(post(sb, token, "/v1/orders", Some(&format!("auth-{order_id}")), &order(amount, order_id, plan), NOW))
}

pub fn capture_request(auth: &Order, order_amount: &str, capture_amount: &str) -> CaptureRequest {
    CaptureRequest {
        authorization_id: auth.id.clone(),
        order_amount: cny(order_amount),
        capture_amount: cny(capture_amount),
    }
}

/// The demo merchant's server captures `auth` with `key`.
pub fn capture(sb: &mut Sandbox, key: &str, auth: &Order, order_amount: &str, capture_amount: &str) -> HttpResponse {
    let path = format!("/v1/merchant/orders/{}/capture", auth.order_id);
    post(sb, KEY, &path, Some(key), &capture_request(auth, order_amount, capture_amount), NOW)
}

/// Authorized by `token` and captured in full: the order, with its bill.
pub fn captured(sb: &mut Sandbox, token: &str, amount: &str, order_id: &str, plan: PlanKind) -> Order {
    let auth = authorize(sb, token, amount, order_id, plan);
    ok(capture(sb, &format!("cap-{order_id}"), &auth, amount, amount))
}

pub fn refund(sb: &mut Sandbox, key: &str, order_id: &str, amount: &str, now: OffsetDateTime) -> HttpResponse {
    let path = format!("/v1/merchant/orders/{order_id}/refunds");
    post(sb, KEY, &path, Some(key), &RefundRequest { amount: cny(amount), reason: Some("returned".into()) }, now)
}

pub fn quote(sb: &mut Sandbox, token: &str, bill: &str, scope: QuoteScope, now: OffsetDateTime) -> Quote {
    ok(post(sb, token, &format!("/v1/bills/{bill}/quotes"), None, &QuoteRequest { scope, amount: None }, now))
}

pub fn repay(
    sb: &mut Sandbox,
    token: &str,
    key: &str,
    quote_id: &str,
    method: &str,
    now: OffsetDateTime,
) -> HttpResponse {
    post(
        sb,
        token,
        "/v1/repayments",
        Some(key),
        &RepaymentRequest { quote_id: quote_id.into(), payment_method_id: method.into() },
        now,
    )
}
