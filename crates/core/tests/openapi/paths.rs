//! The paths: exactly the contract's calls (the table [`CALLS`]), each with its request body,
//! its one success response, its Idempotency-Key, path and query parameters.

use std::collections::BTreeSet;

use paylater_core::api::{BillFilter, OrderFilter, PageRequest};
use serde_json::Value;

use crate::{document, fail_with, operations, parameters, resolve, schema_ref};

/// A query parameter a call takes: its name, whether it is required, and a check of its schema.
type Query = (&'static str, bool, fn(&Value) -> bool);

/// `limit`: 1 to `PageRequest::MAX_LIMIT`, default `DEFAULT_LIMIT`, optional.
const LIMIT: Query = ("limit", false, |s| {
    s["type"] == "integer"
        && s["minimum"] == 1
        && s["maximum"] == PageRequest::MAX_LIMIT
        && s["default"] == PageRequest::DEFAULT_LIMIT
});
/// `cursor`: a string, optional.
const CURSOR: Query = ("cursor", false, |s| s["type"] == "string");
/// `bill_id`: a string, optional.
const BILL_ID: Query = ("bill_id", false, |s| s["type"] == "string");
const BILL_STATUS: Query = ("status", false, |s| {
    schema_ref(s) == Some("BillFilter") && s["default"] == serde_json::to_value(BillFilter::default()).unwrap()
});
const ORDER_STATUS: Query = ("status", false, |s| {
    schema_ref(s) == Some("OrderFilter") && s["default"] == serde_json::to_value(OrderFilter::default()).unwrap()
});

/// One of the contract's calls.
struct Call {
    method: &'static str,
    path: &'static str,
    /// The schema of the request body, if it takes one.
    request: Option<&'static str>,
    /// The one success status and the schema of its body.
    status: &'static str,
    response: &'static str,
    idempotency_key: bool,
    /// Its query parameters (the lists filter, then page with `limit` and `cursor`).
    queries: &'static [Query],
}

const fn call(
    method: &'static str,
    path: &'static str,
    request: Option<&'static str>,
    (status, response): (&'static str, &'static str),
    idempotency_key: bool,
    queries: &'static [Query],
) -> Call {
    Call { method, path, request, status, response, idempotency_key, queries }
}

/// The contract's calls: method, path, request body, success status and body, Idempotency-Key,
/// query parameters.
const CALLS: [Call; 24] = [
    call("get", "/v1/me", None, ("200", "Profile"), false, &[]),
    call("get", "/v1/agreement", None, ("200", "Agreement"), false, &[]),
    call("post", "/v1/activation", Some("ActivationRequest"), ("200", "Activation"), false, &[]),
    call(
        "get",
        "/v1/offers",
        None,
        ("200", "Offer"),
        false,
        &[
            ("amount", true, |s| s["type"] == "string"),
            ("currency", true, |s| schema_ref(s) == Some("Currency")),
            ("merchant_id", true, |s| s["minLength"] == 1),
        ],
    ),
    call("post", "/v1/eligibility", Some("EligibilityRequest"), ("200", "Eligibility"), false, &[]),
    call("post", "/v1/orders", Some("CreateOrderRequest"), ("201", "Order"), true, &[]),
    call("get", "/v1/orders", None, ("200", "OrderList"), false, &[ORDER_STATUS, LIMIT, CURSOR]),
    call("get", "/v1/orders/{authorization_id}", None, ("200", "Order"), false, &[]),
    call("get", "/v1/bills", None, ("200", "BillList"), false, &[BILL_STATUS, LIMIT, CURSOR]),
    call("get", "/v1/bills/{bill_id}", None, ("200", "Bill"), false, &[]),
    call("post", "/v1/bills/{bill_id}/quotes", Some("QuoteRequest"), ("201", "Quote"), false, &[]),
    call("put", "/v1/bills/{bill_id}/autopay", Some("AutopayRequest"), ("200", "Bill"), false, &[]),
    call("delete", "/v1/bills/{bill_id}/autopay", None, ("200", "Bill"), false, &[]),
    call("get", "/v1/payment-methods", None, ("200", "PaymentMethodList"), false, &[]),
    call("post", "/v1/repayments", Some("RepaymentRequest"), ("201", "RepaymentResult"), true, &[]),
    call("get", "/v1/repayments", None, ("200", "RepaymentList"), false, &[BILL_ID, LIMIT, CURSOR]),
    call("get", "/v1/refunds", None, ("200", "RefundList"), false, &[BILL_ID, LIMIT, CURSOR]),
    // The merchant's side (secret key).
    call("get", "/v1/merchant/orders/{order_id}", None, ("200", "Order"), false, &[]),
    call("post", "/v1/merchant/orders/{order_id}/capture", Some("CaptureRequest"), ("200", "Order"), true, &[]),
    call("post", "/v1/merchant/orders/{order_id}/cancel", Some("CancelRequest"), ("200", "Order"), true, &[]),
    call("post", "/v1/merchant/orders/{order_id}/refunds", Some("RefundRequest"), ("201", "Refund"), true, &[]),
    call("get", "/v1/merchant/events", None, ("200", "EventList"), false, &[LIMIT, CURSOR]),
    call("get", "/v1/merchant/webhook", None, ("200", "WebhookEndpoint"), false, &[]),
    call("put", "/v1/merchant/webhook", Some("WebhookEndpointRequest"), ("200", "WebhookEndpoint"), false, &[]),
];

#[test]
fn the_paths_are_exactly_the_calls_with_their_bodies() {
    let mut failures = Vec::new();
    let documented: BTreeSet<(String, String)> =
        operations().iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    let expected: BTreeSet<(String, String)> = CALLS.iter().map(|c| (c.method.to_owned(), c.path.to_owned())).collect();
    if documented != expected {
        failures.push(format!(
            "documented {:?}, expected {:?}",
            documented.difference(&expected),
            expected.difference(&documented)
        ));
    }
    let mut operation_ids = BTreeSet::new();
    for c in &CALLS {
        let at = format!("{} {}", c.method.to_uppercase(), c.path);
        let Some(op) = document()["paths"].get(c.path).and_then(|item| item.get(c.method)) else {
            continue;
        };
        match op["operationId"].as_str() {
            Some(id) if !id.is_empty() => {
                if !operation_ids.insert(id) {
                    failures.push(format!("{at}: operationId {id} is used twice"));
                }
            }
            _ => failures.push(format!("{at} has no operationId")),
        }
        if op["summary"].as_str().is_none_or(str::is_empty) {
            failures.push(format!("{at} has no summary"));
        }
        // The request body.
        let body = &op["requestBody"];
        match c.request {
            Some(name) => {
                if body["required"] != true {
                    failures.push(format!("{at}: the request body is not required"));
                }
                let schema = &body["content"]["application/json"]["schema"];
                if schema_ref(schema) != Some(name) {
                    failures.push(format!("{at}: the request body is {schema}, expected {name}"));
                }
            }
            None => {
                if !body.is_null() {
                    failures.push(format!("{at} has a request body"));
                }
            }
        }
        // The one success response.
        let responses = op["responses"].as_object().expect("responses");
        let successes: Vec<&String> = responses.keys().filter(|s| s.starts_with('2')).collect();
        if successes != [c.status] {
            failures.push(format!("{at}: success responses {successes:?}, expected [{}]", c.status));
        }
        let schema = &resolve(&op["responses"][c.status])["content"]["application/json"]["schema"];
        if schema_ref(schema) != Some(c.response) {
            failures.push(format!("{at}: the {} response is {schema}, expected {}", c.status, c.response));
        }
        check_parameters(c, op, &at, &mut failures);
    }
    fail_with(failures, "problems with the paths");
}

/// A call's parameters: Idempotency-Key, the path's, the query's.
fn check_parameters(c: &Call, op: &'static Value, at: &str, failures: &mut Vec<String>) {
    let params = parameters(op);
    let key = params.iter().find(|p| p["name"] == "Idempotency-Key");
    match (c.idempotency_key, key) {
        (true, Some(p)) if p["in"] == "header" && p["required"] == true => {}
        (true, _) => failures.push(format!("{at}: no required Idempotency-Key header")),
        (false, Some(_)) => failures.push(format!("{at}: an unexpected Idempotency-Key")),
        (false, None) => {}
    }
    if c.path.contains("{bill_id}")
        && !params.iter().any(|p| p["name"] == "bill_id" && p["in"] == "path" && p["required"] == true)
    {
        failures.push(format!("{at}: no required bill_id path parameter"));
    }
    // Every path parameter: required, a non-empty string (an empty one would be another path).
    let in_path: BTreeSet<&str> = c.path.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}')).collect();
    let declared: BTreeSet<&str> =
        params.iter().filter(|p| p["in"] == "path").filter_map(|p| p["name"].as_str()).collect();
    if in_path != declared {
        failures.push(format!("{at}: path parameters {declared:?}, the path has {in_path:?}"));
    }
    for p in params.iter().filter(|p| p["in"] == "path") {
        if p["required"] != true || p["schema"]["type"] != "string" || p["schema"]["minLength"] != 1 {
            failures.push(format!("{at}: path parameter {} is not a required non-empty string", p["name"]));
        }
    }
    // Exactly the query parameters of the table, each required or not and of its schema.
    let query: Vec<&&Value> = params.iter().filter(|p| p["in"] == "query").collect();
    if query.len() != c.queries.len() {
        let names: Vec<&Value> = query.iter().map(|p| &p["name"]).collect();
        failures.push(format!("{at}: query parameters {names:?}, expected {} of them", c.queries.len()));
    }
    for (name, required, schema_is_right) in c.queries {
        let found = query.iter().find(|p| p["name"] == *name);
        if !found.is_some_and(|p| (p["required"] == true) == *required && schema_is_right(&p["schema"])) {
            let required = if *required { "required" } else { "optional" };
            failures.push(format!("{at}: no {required} query parameter `{name}` of the right schema"));
        }
    }
    // A cursor is what `next_cursor` gives: 1 to 10 digits (anything else is refused with 400).
    if let Some(cursor) = query.iter().find(|p| p["name"] == "cursor")
        && cursor["schema"]["pattern"] != r"^[0-9]{1,10}$"
    {
        failures.push(format!("{at}: the cursor is not ^[0-9]{{1,10}}$"));
    }
    // The Idempotency-Key the sandbox takes: 1 to 255 visible ASCII characters.
    if let Some(key) = key
        && (key["schema"]["pattern"] != r"^[\x21-\x7E]{1,255}$"
            || key["schema"]["minLength"] != 1
            || key["schema"]["maxLength"] != 255)
    {
        failures.push(format!("{at}: the Idempotency-Key is not 1 to 255 visible ASCII characters"));
    }
    if c.idempotency_key {
        let description = op["description"].as_str().unwrap_or_default();
        for needle in ["replay", "idempotency_conflict", "409"] {
            if !description.contains(needle) {
                failures.push(format!("{at}: the description does not explain replays ({needle:?})"));
            }
        }
    }
}
