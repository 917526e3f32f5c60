//! The client side of the contract: the request for each call, and the decoding of each answer
//! into a value or a [`ClientError`] of a fixed kind. Pure, so tested natively; the widget's
//! transports (HTTP with gloo-net, or the in-browser mock) only move the bytes.

pub mod verified;

use serde::Serialize;

use crate::api::{
    ActivationRequest, AutopayRequest, BillFilter, CreateOrderRequest, EligibilityRequest, ErrorCode, OrderFilter,
    PageRequest, Problem, QuoteRequest, RepaymentRequest,
};
use crate::ids::{AuthorizationId, BillId, IdempotencyKey, MerchantId};
use crate::json::{self, Decode};
use crate::money::Money;

/// HTTP method of a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// One call, before a transport sends it. The session token is added by the transport.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiRequest {
    pub method: Method,
    /// Path and query, e.g. `/v1/bills?status=all`.
    pub path: String,
    /// JSON body of a POST.
    pub body: Option<String>,
    /// Sent as `Idempotency-Key` by the calls that create orders or move money.
    pub idempotency_key: Option<IdempotencyKey>,
    /// A public call (the offer): sent without the session token, so that a browser needs no
    /// preflight for it and any cache may keep it.
    pub public: bool,
    /// It changes the shopper's account (accepting the agreement, placing an order, repaying): the
    /// client sends it once and the component that made it decides what to do when no answer
    /// comes. Everything else only reads (eligibility and quotes are POSTs that change nothing).
    pub changes_account: bool,
}

impl ApiRequest {
    /// The path without its query.
    pub fn path_only(&self) -> &str {
        self.path.split_once('?').map_or(self.path.as_str(), |(p, _)| p)
    }

    /// The query without `?` (empty if none).
    pub fn query(&self) -> &str {
        self.path.split_once('?').map_or("", |(_, q)| q)
    }

    /// Whether the client may send the call again by itself on network trouble or a server
    /// error: reads only. A call that changes the account is sent once per attempt its component
    /// makes (orders and repayments replay with their Idempotency-Key).
    pub fn is_read(&self) -> bool {
        !self.changes_account
    }
}

/// What came back: a status and the body text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawResponse {
    pub status: u16,
    pub body: String,
}

/// Every way a call can fail, in kinds the widget words for the shopper.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientError {
    /// No answer: the connection failed or dropped. For a paying call the outcome is unknown.
    Network(String),
    /// No answer within the time allowed. For a paying call the outcome is unknown.
    Timeout,
    /// An answer that is not the contract's JSON (a broken proxy, a truncated body).
    Garbled { status: u16, detail: String },
    /// The API refused with a problem+json body.
    Problem(Problem),
    /// An error status without a problem+json body.
    Http { status: u16 },
}

impl ClientError {
    /// The API's error code, if it answered with one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ClientError::Problem(p) => Some(p.code),
            _ => None,
        }
    }

    /// Whether a paying call that failed this way may still have gone through: no answer, or an
    /// answer that could not be read. The widget must look the outcome up before saying anything.
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, ClientError::Network(_) | ClientError::Timeout | ClientError::Garbled { .. })
            || matches!(self, ClientError::Http { status } if *status >= 500)
    }

    /// Whether a read can be retried (network trouble or a server error).
    pub fn retryable(&self) -> bool {
        match self {
            ClientError::Network(_) | ClientError::Timeout | ClientError::Garbled { .. } => true,
            ClientError::Http { status } => *status >= 500,
            ClientError::Problem(p) => p.status >= 500,
        }
    }
}

impl std::error::Error for ClientError {}

impl core::fmt::Display for ClientError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ClientError::Network(e) => write!(f, "network error: {e}"),
            ClientError::Timeout => f.write_str("the API did not answer in time"),
            ClientError::Garbled { status, detail } => {
                write!(f, "unreadable answer (HTTP {status}): {detail}")
            }
            ClientError::Problem(p) => {
                write!(f, "{} ({}): {}", p.code.as_str(), p.status, p.detail)
            }
            ClientError::Http { status } => write!(f, "HTTP {status} without details"),
        }
    }
}

/// Decodes a response into `T` (2xx) or the matching error, its JSON parsed by serde_json (the
/// native tests; the widget parses with the browser: [`decode_with`]).
pub fn decode<T: Decode>(response: &RawResponse) -> Result<T, ClientError> {
    decode_with::<T, json::SerdeJson>(response)
}

/// Decodes a response into `T` (2xx) or the matching error, its JSON parsed by `P` and read by
/// [`Decode`] (the widget's one way of reading answers): [`parse_answer`], then [`decode_answer`].
pub fn decode_with<T: Decode, P: json::Parser>(response: &RawResponse) -> Result<T, ClientError> {
    let value = parse_answer::<P>(response)?;
    decode_answer(response.status, value)
}

/// A 2xx answer's JSON, parsed by `P`, or the error its status and body say (`Problem`, `Http`, or
/// `Garbled` for an answer that is not JSON). Not generic over the answer's type, so a client
/// that retries does so in one piece of code for every call.
pub fn parse_answer<P: json::Parser>(response: &RawResponse) -> Result<P::Value, ClientError> {
    if (200..300).contains(&response.status) {
        return P::parse(&response.body).map_err(|e| ClientError::Garbled { status: response.status, detail: e });
    }
    Err(match json::decode_str::<Problem, P>(&response.body) {
        Ok(problem) => ClientError::Problem(problem),
        Err(_) if response.status >= 500 || response.body.trim().is_empty() => {
            ClientError::Http { status: response.status }
        }
        Err(e) => ClientError::Garbled { status: response.status, detail: e.to_string() },
    })
}

/// `T` from a 2xx answer's parsed JSON (`status` for the error of one that is not a `T`).
pub fn decode_answer<T: Decode, J: json::JsonValue>(status: u16, value: J) -> Result<T, ClientError> {
    T::decode(value.into_node()).map_err(|e| ClientError::Garbled { status, detail: e.to_string() })
}

fn body<T: Serialize>(value: &T) -> Option<String> {
    // The contract's request types always serialize.
    json::to_string(value).ok()
}

/// Percent-encodes a path segment or query value (everything but RFC 3986 unreserved characters).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn get(path: String) -> ApiRequest {
    ApiRequest { method: Method::Get, path, body: None, idempotency_key: None, public: false, changes_account: false }
}

/// A POST that only reads (it creates nothing the shopper owes: eligibility, a quote).
fn post(path: String, body: Option<String>) -> ApiRequest {
    ApiRequest { method: Method::Post, path, body, idempotency_key: None, public: false, changes_account: false }
}

/// A POST that changes the shopper's account, with the key that makes its replay safe if it has one.
fn write(path: String, body: Option<String>, idempotency_key: Option<&IdempotencyKey>) -> ApiRequest {
    ApiRequest { idempotency_key: idempotency_key.cloned(), changes_account: true, ..post(path, body) }
}

/// `GET /v1/offers?amount=&currency=&merchant_id=`: public, without the session token.
pub fn offer(amount: &Money, merchant_id: &MerchantId) -> ApiRequest {
    let path = format!(
        "/v1/offers?amount={}&currency={}&merchant_id={}",
        amount.amount_string(),
        amount.currency().code(),
        encode_component(merchant_id)
    );
    ApiRequest { public: true, ..get(path) }
}

/// `GET /v1/me`
pub fn me() -> ApiRequest {
    get("/v1/me".to_owned())
}

/// `GET /v1/agreement`
pub fn agreement() -> ApiRequest {
    get("/v1/agreement".to_owned())
}

/// `POST /v1/activation`
pub fn activate(request: &ActivationRequest) -> ApiRequest {
    write("/v1/activation".to_owned(), body(request), None)
}

/// `POST /v1/eligibility`
pub fn eligibility(request: &EligibilityRequest) -> ApiRequest {
    post("/v1/eligibility".to_owned(), body(request))
}

/// `POST /v1/orders` with an Idempotency-Key: authorizes the order.
pub fn create_order(idempotency_key: &IdempotencyKey, request: &CreateOrderRequest) -> ApiRequest {
    write("/v1/orders".to_owned(), body(request), Some(idempotency_key))
}

/// `GET /v1/orders/{id}`
pub fn order(authorization_id: &AuthorizationId) -> ApiRequest {
    get(format!("/v1/orders/{}", encode_component(authorization_id)))
}

/// `GET /v1/orders?status=`
pub fn orders(filter: OrderFilter, page: &PageRequest) -> ApiRequest {
    let status = match filter {
        OrderFilter::Authorized => "authorized",
        OrderFilter::All => "all",
    };
    get(format!("/v1/orders?status={status}{}", page_query(page)))
}

/// `GET /v1/refunds?bill_id=`
pub fn refunds(bill_id: Option<&BillId>, page: &PageRequest) -> ApiRequest {
    list_of("/v1/refunds", bill_id, page)
}

/// `GET /v1/bills?status=`
pub fn bills(filter: BillFilter, page: &PageRequest) -> ApiRequest {
    let status = match filter {
        BillFilter::Open => "open",
        BillFilter::Settled => "settled",
        BillFilter::All => "all",
    };
    get(format!("/v1/bills?status={status}{}", page_query(page)))
}

/// `&limit=…&cursor=…` for the parts of `page` that are given.
fn page_query(page: &PageRequest) -> String {
    let mut query = String::new();
    if let Some(limit) = page.limit {
        query.push_str(&format!("&limit={limit}"));
    }
    if let Some(cursor) = &page.cursor {
        query.push_str(&format!("&cursor={}", encode_component(cursor)));
    }
    query
}

/// `GET /v1/bills/{id}`
pub fn bill(bill_id: &BillId) -> ApiRequest {
    get(format!("/v1/bills/{}", encode_component(bill_id)))
}

/// `POST /v1/bills/{id}/quotes`
pub fn quote(bill_id: &BillId, request: &QuoteRequest) -> ApiRequest {
    post(format!("/v1/bills/{}/quotes", encode_component(bill_id)), body(request))
}

/// `PUT /v1/bills/{id}/autopay`: a change of the account, the same whenever repeated.
pub fn set_autopay(bill_id: &BillId, request: &AutopayRequest) -> ApiRequest {
    let path = format!("/v1/bills/{}/autopay", encode_component(bill_id));
    ApiRequest { method: Method::Put, ..write(path, body(request), None) }
}

/// `DELETE /v1/bills/{id}/autopay`
pub fn clear_autopay(bill_id: &BillId) -> ApiRequest {
    let path = format!("/v1/bills/{}/autopay", encode_component(bill_id));
    ApiRequest { method: Method::Delete, ..write(path, None, None) }
}

/// `GET /v1/payment-methods`
pub fn payment_methods() -> ApiRequest {
    get("/v1/payment-methods".to_owned())
}

/// `POST /v1/repayments` with an Idempotency-Key.
pub fn repay(idempotency_key: &IdempotencyKey, request: &RepaymentRequest) -> ApiRequest {
    write("/v1/repayments".to_owned(), body(request), Some(idempotency_key))
}

/// `GET /v1/repayments?bill_id=`
pub fn repayments(bill_id: Option<&BillId>, page: &PageRequest) -> ApiRequest {
    list_of("/v1/repayments", bill_id, page)
}

/// `path?bill_id=…&limit=…&cursor=…` with the parts that are given.
fn list_of(path: &str, bill_id: Option<&BillId>, page: &PageRequest) -> ApiRequest {
    let query = match bill_id {
        Some(id) => format!("bill_id={}{}", encode_component(id), page_query(page)),
        None => page_query(page).trim_start_matches('&').to_owned(),
    };
    if query.is_empty() { get(path.to_owned()) } else { get(format!("{path}?{query}")) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{BillList, Profile, QuoteScope};

    fn raw(status: u16, body: &str) -> RawResponse {
        RawResponse { status, body: body.to_owned() }
    }

    #[test]
    fn success_decodes_and_garbage_is_garbled_not_a_panic() {
        let ok: BillList = decode(&raw(200, r#"{"bills":[]}"#)).unwrap();
        assert!(ok.bills.is_empty());
        for body in ["", "{", r#"{"truncated": [1, 2"#, "<html>proxy error</html>", r#"{"bills":"no"}"#] {
            assert!(
                matches!(decode::<BillList>(&raw(200, body)), Err(ClientError::Garbled { status: 200, .. })),
                "{body:?}"
            );
        }
    }

    #[test]
    fn problems_keep_their_code() {
        let body = r#"{"type":"https://paylater.example/problems/quote_expired","title":"Quote expired","status":410,"detail":"ask again","code":"quote_expired"}"#;
        let e = decode::<Profile>(&raw(410, body)).unwrap_err();
        assert_eq!(e.code(), Some(ErrorCode::QuoteExpired));
        assert!(!e.outcome_unknown());
        assert_eq!(decode::<Profile>(&raw(502, "Bad Gateway")).unwrap_err(), ClientError::Http { status: 502 });
        assert!(decode::<Profile>(&raw(502, "")).unwrap_err().outcome_unknown());
        assert!(matches!(decode::<Profile>(&raw(404, "nope")), Err(ClientError::Garbled { status: 404, .. })));
        assert!(ClientError::Timeout.outcome_unknown() && ClientError::Timeout.retryable());
    }

    #[test]
    fn requests_carry_paths_bodies_and_keys() {
        assert_eq!(bills(BillFilter::All, &PageRequest::default()).path, "/v1/bills?status=all");
        assert_eq!(bills(BillFilter::All, &PageRequest::default()).query(), "status=all");
        assert_eq!(bills(BillFilter::Open, &PageRequest::after(20, "40")).query(), "status=open&limit=20&cursor=40");
        assert_eq!(repayments(None, &PageRequest::first(20)).path, "/v1/repayments?limit=20");
        assert_eq!(repayments(None, &PageRequest::default()).path, "/v1/repayments");
        assert_eq!(bill(&"a/b c".into()).path, "/v1/bills/a%2Fb%20c");
        let r = repay(&"key-1".into(), &RepaymentRequest { quote_id: "qt_1".into(), payment_method_id: "pm".into() });
        assert_eq!(
            (r.method, r.path_only(), r.idempotency_key.as_ref().map(|k| k.as_str())),
            (Method::Post, "/v1/repayments", Some("key-1"))
        );
        assert_eq!(r.body.as_deref(), Some(r#"{"quote_id":"qt_1","payment_method_id":"pm"}"#));
        // Only reads are sent again by the client itself; a write once per attempt of its component.
        let accept = activate(&ActivationRequest { agreement_version: "v1".into() });
        assert!(!r.is_read() && !accept.is_read() && accept.idempotency_key.is_none());
        let quote_request = QuoteRequest { scope: QuoteScope::Settle, amount: None };
        assert!(me().is_read() && quote(&"bill_1".into(), &quote_request).is_read());
        assert_eq!(repayments(Some(&"bill_1".into()), &PageRequest::default()).path, "/v1/repayments?bill_id=bill_1");
        assert_eq!(refunds(None, &PageRequest::first(20)).path, "/v1/refunds?limit=20");
        assert_eq!(orders(OrderFilter::All, &PageRequest::first(200)).path, "/v1/orders?status=all&limit=200");
        assert_eq!(order(&"auth_1".into()).path, "/v1/orders/auth_1");
    }
}
