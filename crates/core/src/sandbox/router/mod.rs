//! HTTP semantics of the sandbox: maps a request (method, path, query, the headers that matter,
//! body bytes) onto a [`Sandbox`] operation and its result onto a status and a JSON body. The
//! in-browser mock and the HTTP server both call [`Sandbox::handle`], so they answer every
//! request with the same bytes.
//!
//! Credentials: paths under `/v1/merchant/` take a merchant's secret key, every other `/v1/` path
//! a shopper's session token, both as `Authorization: Bearer …`. A secret key is never accepted
//! from a browser: a request that carries one with an `Origin` header is refused (`forbidden`),
//! whatever the path. A known path with a method it does not take is `method_not_allowed` (405)
//! with an `Allow` header.

use serde::Serialize;
use time::OffsetDateTime;

mod request;

pub use self::request::query_value;
use self::request::{bearer, bill_filter, body, idempotency_key, is_secret_key, order_filter, page, path_segment};
use super::{ApiError, Sandbox};
use crate::api::ErrorCode;
use crate::ids::{AuthorizationId, BillId, MerchantId, OrderId};

/// An HTTP request as the sandbox sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest<'a> {
    pub method: &'a str,
    /// The path without the query, e.g. `/v1/bills/bill_000001/quotes`.
    pub path: &'a str,
    /// The query without `?`, e.g. `status=all`.
    pub query: &'a str,
    /// The `Authorization` header.
    pub authorization: Option<&'a str>,
    /// The `Idempotency-Key` header.
    pub idempotency_key: Option<&'a str>,
    /// The `Origin` header: browsers send it on cross-origin calls (the mock sends none).
    pub origin: Option<&'a str>,
    pub body: &'a [u8],
}

/// The sandbox's answer: a status and a JSON body (`application/json`, or
/// `application/problem+json` for errors).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
    /// The `Allow` header of a 405 answer.
    pub allow: Option<&'static str>,
    /// Public and cacheable (the offer): the server sends `Cache-Control` with this value and lets
    /// any origin read it.
    pub cache_control: Option<&'static str>,
}

impl HttpResponse {
    fn json<T: Serialize>(status: u16, value: &T) -> HttpResponse {
        match serde_json::to_string(value) {
            Ok(body) => {
                HttpResponse { status, content_type: "application/json", body, allow: None, cache_control: None }
            }
            Err(e) => {
                HttpResponse::error(&ApiError::new(ErrorCode::Internal, format!("could not encode the response: {e}")))
            }
        }
    }

    /// The problem+json answer for `error`.
    pub fn error(error: &ApiError) -> HttpResponse {
        let body = serde_json::to_string(&error.problem()).unwrap_or_else(|_| {
            r#"{"type":"about:blank","title":"Internal error","status":500,"detail":"","code":"internal"}"#.to_owned()
        });
        HttpResponse {
            status: error.code.http_status(),
            content_type: "application/problem+json",
            body,
            allow: None,
            cache_control: None,
        }
    }
}

/// How long a browser or a CDN may keep an offer: the policy's fees change rarely, and a
/// shopper's own figures come from eligibility anyway.
pub const OFFER_CACHE_CONTROL: &str = "public, max-age=300";

/// Secret keys start so; session tokens never do.
pub const SECRET_KEY_PREFIX: &str = "sk_";

/// The contract's paths, with the methods each takes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Route {
    Offers,
    Me,
    Agreement,
    Activation,
    Eligibility,
    Orders,
    Order(AuthorizationId),
    Bills,
    Bill(BillId),
    Quotes(BillId),
    Autopay(BillId),
    PaymentMethods,
    Repayments,
    Refunds,
    MerchantOrder(OrderId),
    Capture(OrderId),
    Cancel(OrderId),
    MerchantRefunds(OrderId),
    Events,
    Webhook,
}

impl Route {
    fn of(segments: &[&str]) -> Option<Route> {
        fn id<T: From<String>>(segment: &&str) -> T {
            T::from(path_segment(segment))
        }
        Some(match segments {
            ["offers"] => Route::Offers,
            ["me"] => Route::Me,
            ["agreement"] => Route::Agreement,
            ["activation"] => Route::Activation,
            ["eligibility"] => Route::Eligibility,
            ["orders"] => Route::Orders,
            ["orders", o] => Route::Order(id(o)),
            ["bills"] => Route::Bills,
            ["bills", b] => Route::Bill(id(b)),
            ["bills", b, "quotes"] => Route::Quotes(id(b)),
            ["bills", b, "autopay"] => Route::Autopay(id(b)),
            ["payment-methods"] => Route::PaymentMethods,
            ["repayments"] => Route::Repayments,
            ["refunds"] => Route::Refunds,
            ["merchant", "orders", o] => Route::MerchantOrder(id(o)),
            ["merchant", "orders", o, "capture"] => Route::Capture(id(o)),
            ["merchant", "orders", o, "cancel"] => Route::Cancel(id(o)),
            ["merchant", "orders", o, "refunds"] => Route::MerchantRefunds(id(o)),
            ["merchant", "events"] => Route::Events,
            ["merchant", "webhook"] => Route::Webhook,
            _ => return None,
        })
    }

    /// The methods the path takes (the `Allow` header of a 405).
    fn allow(&self) -> &'static str {
        match self {
            Route::Offers
            | Route::Me
            | Route::Agreement
            | Route::Order(_)
            | Route::Bills
            | Route::Bill(_)
            | Route::PaymentMethods
            | Route::Refunds
            | Route::MerchantOrder(_)
            | Route::Events => "GET",
            Route::Activation
            | Route::Eligibility
            | Route::Quotes(_)
            | Route::Capture(_)
            | Route::Cancel(_)
            | Route::MerchantRefunds(_) => "POST",
            Route::Orders | Route::Repayments => "GET, POST",
            Route::Webhook => "GET, PUT",
            Route::Autopay(_) => "PUT, DELETE",
        }
    }

    fn is_merchant(&self) -> bool {
        matches!(
            self,
            Route::MerchantOrder(_)
                | Route::Capture(_)
                | Route::Cancel(_)
                | Route::MerchantRefunds(_)
                | Route::Events
                | Route::Webhook
        )
    }
}

impl Sandbox {
    /// Answers one HTTP request at `now`. Every time it writes is at the provider's offset
    /// ([`super::PROVIDER_OFFSET`], UTC+8): the calendar its dates (due dates, days settled,
    /// receipt numbers) are on, so a time and a date of the same moment always agree.
    pub fn handle(&mut self, request: &HttpRequest<'_>, now: OffsetDateTime) -> HttpResponse {
        let now = now.checked_to_offset(super::PROVIDER_OFFSET).unwrap_or(now);
        match self.route(request, now) {
            Ok(response) => response,
            Err(error) => HttpResponse::error(&error),
        }
    }

    fn route(&mut self, request: &HttpRequest<'_>, now: OffsetDateTime) -> Result<HttpResponse, ApiError> {
        let segments: Vec<&str> = request.path.trim_end_matches('/').split('/').skip(1).collect();
        let not_found =
            || ApiError::new(ErrorCode::NotFound, format!("no such endpoint: {} {}", request.method, request.path));
        let (version, rest) = segments.split_first().ok_or_else(not_found)?;
        if *version != "v1" {
            return Err(not_found());
        }
        let route = Route::of(rest).ok_or_else(not_found)?;
        let allowed = route.allow().split(", ").any(|m| m == request.method);
        if !allowed {
            let mut answer = HttpResponse::error(&ApiError::new(
                ErrorCode::MethodNotAllowed,
                format!("{} does not take {}: use {}", request.path, request.method, route.allow()),
            ));
            answer.allow = Some(route.allow());
            return Ok(answer);
        }
        let credential = bearer(request);
        if credential.is_some_and(is_secret_key) && request.origin.is_some() {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                "a secret key was sent from a browser (the request has an Origin header): call the merchant API from your server only, and replace this key, since the page exposed it",
            ));
        }
        if route == Route::Offers {
            // Public: the same for every shopper, whatever credential came with it.
            let mut answer = HttpResponse::json(200, &self.offer(request.query, now)?);
            answer.cache_control = Some(OFFER_CACHE_CONTROL);
            return Ok(answer);
        }
        // Once per request, here only: every operation below sees authorizations past their
        // time already expired.
        self.sweep(now);
        self.run_autopay(now);
        if route.is_merchant() {
            let key = credential.filter(|c| is_secret_key(c)).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::Unauthorized,
                    "the merchant API takes your secret key, from your server: `Authorization: Bearer sk_test_…`; a shopper's session token cannot call it",
                )
            })?;
            let merchant = self.merchant_for_key(key)?;
            return self.merchant_route(&merchant, route, request, now);
        }
        let token = credential.filter(|c| !is_secret_key(c)).ok_or_else(|| {
            ApiError::new(
                ErrorCode::Unauthorized,
                if credential.is_some() {
                    "a secret key cannot act as a shopper: shopper calls take the shopper's session token (`Authorization: Bearer <token>`)"
                } else {
                    "send the shopper's session token as `Authorization: Bearer <token>`"
                },
            )
        })?;
        self.open_session(token);
        self.shopper_route(token, route, request, now)
    }

    fn shopper_route(
        &mut self,
        token: &str,
        route: Route,
        request: &HttpRequest<'_>,
        now: OffsetDateTime,
    ) -> Result<HttpResponse, ApiError> {
        let q = request.query;
        match (request.method, route) {
            ("GET", Route::Me) => Ok(HttpResponse::json(200, &self.profile(token, now)?)),
            ("GET", Route::Agreement) => Ok(HttpResponse::json(200, &self.agreement(token)?)),
            ("POST", Route::Activation) => Ok(HttpResponse::json(200, &self.activate(token, &body(request)?, now)?)),
            ("POST", Route::Eligibility) => {
                Ok(HttpResponse::json(200, &self.eligibility(token, &body(request)?, now)?))
            }
            ("POST", Route::Orders) => {
                let key = idempotency_key(request)?;
                Ok(HttpResponse::json(201, &self.create_order(token, &key, &body(request)?, now)?))
            }
            ("GET", Route::Orders) => Ok(HttpResponse::json(200, &self.orders(token, order_filter(q)?, &page(q)?)?)),
            ("GET", Route::Order(id)) => Ok(HttpResponse::json(200, &self.order(token, &id)?)),
            ("GET", Route::Bills) => Ok(HttpResponse::json(200, &self.bills(token, bill_filter(q)?, &page(q)?, now)?)),
            ("GET", Route::Bill(id)) => Ok(HttpResponse::json(200, &self.bill(token, &id, now)?)),
            ("POST", Route::Quotes(id)) => {
                Ok(HttpResponse::json(201, &self.create_quote(token, &id, &body(request)?, now)?))
            }
            ("PUT", Route::Autopay(id)) => {
                Ok(HttpResponse::json(200, &self.set_autopay(token, &id, &body(request)?, now)?))
            }
            ("DELETE", Route::Autopay(id)) => Ok(HttpResponse::json(200, &self.clear_autopay(token, &id, now)?)),
            ("GET", Route::PaymentMethods) => Ok(HttpResponse::json(200, &self.payment_methods(token)?)),
            ("POST", Route::Repayments) => {
                let key = idempotency_key(request)?;
                Ok(HttpResponse::json(201, &self.repay(token, &key, &body(request)?, now)?))
            }
            ("GET", Route::Repayments) => {
                let bill_id = query_value(q, "bill_id").map(BillId::from);
                Ok(HttpResponse::json(200, &self.repayments(token, bill_id.as_ref(), &page(q)?)?))
            }
            ("GET", Route::Refunds) => {
                let bill_id = query_value(q, "bill_id").map(BillId::from);
                Ok(HttpResponse::json(200, &self.refunds(token, bill_id.as_ref(), &page(q)?)?))
            }
            _ => Err(ApiError::new(
                ErrorCode::NotFound,
                format!("no such endpoint: {} {}", request.method, request.path),
            )),
        }
    }

    fn merchant_route(
        &mut self,
        merchant: &MerchantId,
        route: Route,
        request: &HttpRequest<'_>,
        now: OffsetDateTime,
    ) -> Result<HttpResponse, ApiError> {
        match (request.method, route) {
            ("GET", Route::MerchantOrder(order_id)) => {
                Ok(HttpResponse::json(200, &self.lookup_order(merchant, &order_id)?))
            }
            ("POST", Route::Capture(order_id)) => {
                let key = idempotency_key(request)?;
                Ok(HttpResponse::json(200, &self.capture(merchant, &key, &order_id, &body(request)?, now)?))
            }
            ("POST", Route::Cancel(order_id)) => {
                let key = idempotency_key(request)?;
                Ok(HttpResponse::json(200, &self.cancel(merchant, &key, &order_id, &body(request)?, now)?))
            }
            ("POST", Route::MerchantRefunds(order_id)) => {
                let key = idempotency_key(request)?;
                Ok(HttpResponse::json(201, &self.refund(merchant, &key, &order_id, &body(request)?, now)?))
            }
            ("GET", Route::Events) => Ok(HttpResponse::json(200, &self.events(merchant, &page(request.query)?)?)),
            ("GET", Route::Webhook) => Ok(HttpResponse::json(200, &self.webhook_endpoint(merchant)?)),
            ("PUT", Route::Webhook) => {
                Ok(HttpResponse::json(200, &self.set_webhook_endpoint(merchant, &body(request)?)?))
            }
            _ => Err(ApiError::new(
                ErrorCode::NotFound,
                format!("no such endpoint: {} {}", request.method, request.path),
            )),
        }
    }
}
