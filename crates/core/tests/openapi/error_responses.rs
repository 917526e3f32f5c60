//! The error responses: problem+json with the codes of their status, the shared responses, and
//! the codes each operation must list ([`EXPECTED_CODES`]).

use std::collections::{BTreeMap, BTreeSet};

use paylater_core::api::ErrorCode::{self, *};
use serde_json::json;

use crate::enums::error_codes;
use crate::{document, fail_with, is_public, operations, parameters, resolve, schema_ref};

/// Codes every operation lists: unauthorized (but a public one, which takes no credential), a
/// secret key sent from a browser, a failure inside the provider.
const SHARED_CODES: [ErrorCode; 3] = [Unauthorized, Forbidden, Internal];

/// Codes an operation must list among its error responses, besides the shared ones.
const EXPECTED_CODES: [(&str, &[ErrorCode]); 15] = [
    ("POST /v1/activation", &[InvalidRequest, InvalidState]),
    ("GET /v1/offers", &[InvalidRequest, NotFound]),
    ("POST /v1/eligibility", &[InvalidRequest, NotFound]),
    (
        "POST /v1/orders",
        &[NotEligible, LimitExceeded, AgreementRequired, IdempotencyConflict, InvalidRequest, NotFound, InvalidState],
    ),
    ("GET /v1/orders/{authorization_id}", &[NotFound]),
    ("GET /v1/bills/{bill_id}", &[NotFound]),
    ("POST /v1/bills/{bill_id}/quotes", &[NotFound, NothingToRepay]),
    (
        "POST /v1/repayments",
        &[InsufficientFunds, QuoteExpired, IdempotencyConflict, NotFound, InvalidRequest, Unauthorized],
    ),
    ("GET /v1/repayments", &[InvalidRequest, NotFound]),
    ("GET /v1/refunds", &[InvalidRequest, NotFound]),
    ("GET /v1/merchant/orders/{order_id}", &[NotFound]),
    (
        "POST /v1/merchant/orders/{order_id}/capture",
        &[InvalidRequest, NotFound, IdempotencyConflict, InvalidState, AmountMismatch],
    ),
    ("POST /v1/merchant/orders/{order_id}/cancel", &[InvalidRequest, NotFound, IdempotencyConflict, InvalidState]),
    (
        "POST /v1/merchant/orders/{order_id}/refunds",
        &[InvalidRequest, NotFound, IdempotencyConflict, InvalidState, AmountMismatch, RefundExceedsCaptured],
    ),
    ("PUT /v1/merchant/webhook", &[InvalidRequest]),
];

#[test]
fn error_responses_are_problem_json_with_the_codes_of_their_status() {
    let mut failures = Vec::new();
    let mut codes_used = BTreeSet::new();
    let mut codes_by_operation: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (method, path, op) in operations() {
        let at = format!("{} {path}", method.to_uppercase());
        let responses = op["responses"].as_object().expect("responses");
        // Any call can be unauthorized (but a public one, which takes no credential), refused for
        // a secret key sent from a browser (whatever the path), or fail inside the provider.
        let required: &[&str] = if is_public(op) { &["403", "500"] } else { &["401", "403", "500"] };
        for required in required {
            if !responses.contains_key(*required) {
                failures.push(format!("{at} has no {required} response"));
            }
        }
        if is_public(op) && responses.contains_key("401") {
            failures.push(format!("{at} takes no credential but documents 401"));
        }
        for (status, name) in [("401", "Unauthorized"), ("403", "Forbidden"), ("500", "Internal")] {
            let target = format!("#/components/responses/{name}");
            if responses.get(status).is_some_and(|r| r["$ref"] != target.as_str()) {
                failures.push(format!("{at} {status} is not the shared {target}"));
            }
        }
        // A list that takes `limit` refuses a bad one.
        if parameters(op).iter().any(|p| p["name"] == "limit" && p["in"] == "query") && !responses.contains_key("400") {
            failures.push(format!("{at} takes `limit` but has no 400 response"));
        }
        // 405 is answered for the methods a path does not take, never for an operation's own.
        if responses.contains_key("405") {
            failures.push(format!("{at} documents 405 for a method it takes"));
        }
        for (status, response) in responses {
            let Ok(status_code) = status.parse::<u16>() else {
                failures.push(format!("{at}: response {status:?} is not a status code"));
                continue;
            };
            let response = resolve(response);
            let types: Vec<&String> = response["content"].as_object().map(|c| c.keys().collect()).unwrap_or_default();
            if status_code < 400 {
                if types != ["application/json"] {
                    failures.push(format!("{at} {status}: content types {types:?}"));
                }
                continue;
            }
            if types != ["application/problem+json"] {
                failures.push(format!("{at} {status}: content types {types:?}, expected application/problem+json"));
            }
            if schema_ref(&response["content"]["application/problem+json"]["schema"]) != Some("Problem") {
                failures.push(format!("{at} {status}: the schema is not Problem"));
            }
            let description = response["description"].as_str().unwrap_or_default();
            let codes = response["x-error-codes"].as_array().cloned().unwrap_or_default();
            if codes.is_empty() {
                failures.push(format!("{at} {status}: no x-error-codes"));
            }
            for code in codes {
                let Ok(c) = serde_json::from_value::<ErrorCode>(code.clone()) else {
                    failures.push(format!("{at} {status}: {code} is not an ErrorCode"));
                    continue;
                };
                if c.http_status() != status_code {
                    failures.push(format!("{at} {status}: {code} is answered with {}", c.http_status()));
                }
                if !description.contains(&format!("`{}`", c.as_str())) {
                    failures.push(format!("{at} {status}: the description does not name `{}`", c.as_str()));
                }
                codes_used.insert(c.as_str());
                codes_by_operation.entry(at.clone()).or_default().insert(c.as_str());
            }
        }
    }
    // `method_not_allowed` belongs to no operation: the shared response answered for the methods a
    // path does not take documents it, with its `Allow` header.
    let not_allowed = &document()["components"]["responses"]["MethodNotAllowed"];
    let documents_405 = not_allowed["x-error-codes"] == json!([MethodNotAllowed.as_str()])
        && MethodNotAllowed.http_status() == 405
        && not_allowed["description"].as_str().unwrap_or_default().contains("`method_not_allowed`")
        && not_allowed["content"].as_object().is_some_and(|c| c.keys().eq(["application/problem+json"]))
        && schema_ref(&not_allowed["content"]["application/problem+json"]["schema"]) == Some("Problem")
        && not_allowed["headers"]["Allow"]["required"] == true;
    if documents_405 {
        codes_used.insert(MethodNotAllowed.as_str());
    } else {
        failures.push("components/responses/MethodNotAllowed is not 405 method_not_allowed with Allow".to_owned());
    }
    for code in error_codes() {
        if !codes_used.contains(code.as_str()) {
            failures.push(format!("no operation can answer {}", code.as_str()));
        }
    }
    // Each operation lists its own codes of the table, and the shared ones.
    let shared = operations().into_iter().map(|(method, path, op)| {
        let codes: &[ErrorCode] = if is_public(op) { &SHARED_CODES[1..] } else { &SHARED_CODES };
        (format!("{} {path}", method.to_uppercase()), codes)
    });
    for (at, codes) in EXPECTED_CODES.iter().map(|&(at, codes)| (at.to_owned(), codes)).chain(shared) {
        let listed = codes_by_operation.get(&at).cloned().unwrap_or_default();
        for code in codes.iter().filter(|c| !listed.contains(c.as_str())) {
            failures.push(format!("{at} does not list {}", code.as_str()));
        }
    }
    fail_with(failures, "problems with the error responses");
}
