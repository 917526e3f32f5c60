//! HTTP semantics of the sandbox: maps a request (method, path, query, the two headers that
//! matter, body bytes) onto a [`Sandbox`] operation and its result onto a status and a JSON body.
//! The in-browser mock and the HTTP server both call [`Sandbox::handle`], so they answer every
//! request with the same bytes.

use serde::Serialize;
use serde::de::DeserializeOwned;
use time::OffsetDateTime;

use super::{ApiError, Sandbox};
use crate::api::{BillFilter, ErrorCode, PageRequest};

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
    pub body: &'a [u8],
}

/// The sandbox's answer: a status and a JSON body (`application/json`, or
/// `application/problem+json` for errors).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
}

impl HttpResponse {
    fn json<T: Serialize>(status: u16, value: &T) -> HttpResponse {
        match serde_json::to_string(value) {
            Ok(body) => HttpResponse { status, content_type: "application/json", body },
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
        HttpResponse { status: error.code.http_status(), content_type: "application/problem+json", body }
    }
}

fn bearer<'a>(request: &HttpRequest<'a>) -> Result<&'a str, ApiError> {
    request.authorization.and_then(|h| h.strip_prefix("Bearer ")).map(str::trim).filter(|t| !t.is_empty()).ok_or_else(
        || {
            ApiError::new(
                ErrorCode::Unauthorized,
                "send the shopper's session token as `Authorization: Bearer <token>`",
            )
        },
    )
}

fn idempotency_key<'a>(request: &HttpRequest<'a>) -> Result<&'a str, ApiError> {
    request.idempotency_key.ok_or_else(|| {
        ApiError::new(ErrorCode::InvalidRequest, "this call moves money or creates an order: send an Idempotency-Key header (a new UUID per attempt, the same one to retry it)")
    })
}

fn body<T: DeserializeOwned>(request: &HttpRequest<'_>) -> Result<T, ApiError> {
    serde_json::from_slice(request.body)
        .map_err(|e| ApiError::new(ErrorCode::InvalidRequest, format!("the request body is not valid: {e}")))
}

/// The value of `name` in a query string (no percent-decoding needed for the contract's values,
/// but `+` and `%XX` are decoded anyway).
pub fn query_value(query: &str, name: &str) -> Option<String> {
    query.split('&').filter_map(|pair| pair.split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| percent_decode(v))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| core::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn bill_filter(query: &str) -> Result<BillFilter, ApiError> {
    match query_value(query, "status").as_deref() {
        None | Some("open") => Ok(BillFilter::Open),
        Some("settled") => Ok(BillFilter::Settled),
        Some("all") => Ok(BillFilter::All),
        Some(other) => {
            Err(ApiError::new(ErrorCode::InvalidRequest, format!("status={other:?}: use open, settled or all")))
        }
    }
}

fn page(query: &str) -> Result<PageRequest, ApiError> {
    let limit = match query_value(query, "limit") {
        None => None,
        Some(text) => match text.parse::<u32>() {
            Ok(n) if (1..=PageRequest::MAX_LIMIT).contains(&n) => Some(n),
            _ => {
                return Err(ApiError::new(
                    ErrorCode::InvalidRequest,
                    format!("limit={text:?}: use a whole number from 1 to {}", PageRequest::MAX_LIMIT),
                ));
            }
        },
    };
    Ok(PageRequest { limit, cursor: query_value(query, "cursor") })
}

impl Sandbox {
    /// Answers one HTTP request at `now`.
    pub fn handle(&mut self, request: &HttpRequest<'_>, now: OffsetDateTime) -> HttpResponse {
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
        let token = bearer(request)?;
        self.open_session(token);
        match (request.method, rest) {
            ("GET", ["me"]) => Ok(HttpResponse::json(200, &self.profile(token, now)?)),
            ("GET", ["agreement"]) => Ok(HttpResponse::json(200, &self.agreement(token)?)),
            ("POST", ["activation"]) => Ok(HttpResponse::json(200, &self.activate(token, &body(request)?, now)?)),
            ("POST", ["eligibility"]) => Ok(HttpResponse::json(200, &self.eligibility(token, &body(request)?, now)?)),
            ("POST", ["orders"]) => {
                let key = idempotency_key(request)?;
                Ok(HttpResponse::json(201, &self.create_order(token, key, &body(request)?, now)?))
            }
            ("GET", ["bills"]) => Ok(HttpResponse::json(
                200,
                &self.bills(token, bill_filter(request.query)?, &page(request.query)?, now)?,
            )),
            ("GET", ["bills", id]) => Ok(HttpResponse::json(200, &self.bill(token, id, now)?)),
            ("POST", ["bills", id, "quotes"]) => {
                Ok(HttpResponse::json(201, &self.create_quote(token, id, &body(request)?, now)?))
            }
            ("GET", ["payment-methods"]) => Ok(HttpResponse::json(200, &self.payment_methods(token)?)),
            ("POST", ["repayments"]) => {
                let key = idempotency_key(request)?;
                Ok(HttpResponse::json(201, &self.repay(token, key, &body(request)?, now)?))
            }
            ("GET", ["repayments"]) => {
                let bill_id = query_value(request.query, "bill_id");
                Ok(HttpResponse::json(200, &self.repayments(token, bill_id.as_deref(), &page(request.query)?)?))
            }
            _ => Err(not_found()),
        }
    }
}
