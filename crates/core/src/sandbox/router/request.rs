//! Reading a request: the credential, the Idempotency-Key, the JSON body, and the query's values
//! (filters, pages), each refused in words when it cannot be read.

use serde::de::DeserializeOwned;

use super::{HttpRequest, SECRET_KEY_PREFIX};
use crate::api::{BillFilter, ErrorCode, OrderFilter, PageRequest};
use crate::ids::IdempotencyKey;
use crate::json::Quoted;
use crate::sandbox::ApiError;

/// The bearer credential, if any.
pub(super) fn bearer<'a>(request: &HttpRequest<'a>) -> Option<&'a str> {
    request.authorization.and_then(|h| h.strip_prefix("Bearer ")).map(str::trim).filter(|t| !t.is_empty())
}

pub(super) fn is_secret_key(credential: &str) -> bool {
    credential.starts_with(SECRET_KEY_PREFIX)
}

pub(super) fn idempotency_key(request: &HttpRequest<'_>) -> Result<IdempotencyKey, ApiError> {
    request.idempotency_key.map(IdempotencyKey::from).ok_or_else(|| {
        ApiError::new(ErrorCode::InvalidRequest, "this call creates an order or moves money: send an Idempotency-Key header (a new UUID per request, the same one to retry it)")
    })
}

pub(super) fn body<T: DeserializeOwned>(request: &HttpRequest<'_>) -> Result<T, ApiError> {
    serde_json::from_slice(request.body)
        .map_err(|e| ApiError::new(ErrorCode::InvalidRequest, format!("the request body is not valid: {e}")))
}

/// The value of `name` in a query string (no percent-decoding needed for the contract's values,
/// but `+` and `%XX` are decoded anyway).
pub fn query_value(query: &str, name: &str) -> Option<String> {
    query.split('&').filter_map(|pair| pair.split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| percent_decode(v))
}

pub(super) fn percent_decode(text: &str) -> String {
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

/// A path segment, percent-decoded (`+` stays `+` in a path).
pub(super) fn path_segment(text: &str) -> String {
    percent_decode(&text.replace('+', "%2B"))
}

pub(super) fn order_filter(query: &str) -> Result<OrderFilter, ApiError> {
    match query_value(query, "status").as_deref() {
        None | Some("authorized") => Ok(OrderFilter::Authorized),
        Some("all") => Ok(OrderFilter::All),
        Some(other) => {
            Err(ApiError::new(ErrorCode::InvalidRequest, format!("status={}: use authorized or all", Quoted(other))))
        }
    }
}

pub(super) fn bill_filter(query: &str) -> Result<BillFilter, ApiError> {
    match query_value(query, "status").as_deref() {
        None | Some("open") => Ok(BillFilter::Open),
        Some("settled") => Ok(BillFilter::Settled),
        Some("all") => Ok(BillFilter::All),
        Some(other) => {
            Err(ApiError::new(ErrorCode::InvalidRequest, format!("status={}: use open, settled or all", Quoted(other))))
        }
    }
}

pub(super) fn page(query: &str) -> Result<PageRequest, ApiError> {
    let limit = match query_value(query, "limit") {
        None => None,
        Some(text) => match text.parse::<u32>() {
            Ok(n) if (1..=PageRequest::MAX_LIMIT).contains(&n) => Some(n),
            _ => {
                return Err(ApiError::new(
                    ErrorCode::InvalidRequest,
                    format!("limit={}: use a whole number from 1 to {}", Quoted(&text), PageRequest::MAX_LIMIT),
                ));
            }
        },
    };
    Ok(PageRequest { limit, cursor: query_value(query, "cursor") })
}
