//! Keeps `openapi/openapi.yaml` true to the API's Rust types.
//!
//! Every schema under `components/schemas` is named after a Rust type. Examples are built from
//! those types with the crate's real functions (schedules, bill views, quotes, repayments),
//! serialized with serde and validated against the document (JSON Schema 2020-12, formats
//! checked), and each comes back through serde unchanged. Mutated examples (an extra field, a
//! missing field, a float amount, an unknown enum value, a malformed date, ...) must be refused,
//! so a field added, renamed or retyped on one side alone fails here. The paths are checked against
//! the list of calls, their error responses against `ErrorCode::http_status`, and every `$ref`
//! against the document.
//!
//! This file holds what the modules share: the document, its validators, and small helpers. Most
//! checks are tables of cases walked by one loop, which names every failing case before failing.
//! The modules:
//! - `document`: the document on its own (version, `$ref`s, closed objects, enums, security, tags)
//! - `paths`: the paths against the list of calls; `error_responses`: their error answers
//! - `enums`, `scenarios`, `examples`: the examples built from the Rust types
//! - `coverage`: the examples validate, round-trip and cover every schema and state
//! - `mutations`, `states`: mutated examples the schemas must refuse
//! - `story`, `teller`: the sandbox through every operation, its answers kept as examples
//! - `request_values`, `sandbox_conformance`, `answers`: the sandbox refuses what the document
//!   refuses, and answers only as documented
//! - `webhook`: the webhook and its signature; `properties`: property tests over the core

use std::collections::BTreeMap;
use std::sync::OnceLock;

use jsonschema::Validator;
use paylater_core::{Currency, Money};
use serde_json::{Map, Value, json};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

#[path = "../common/mod.rs"]
mod common;

mod answers;
mod coverage;
mod document;
mod enums;
mod error_responses;
mod examples;
mod mutations;
mod paths;
mod properties;
mod request_values;
mod sandbox_conformance;
mod scenarios;
mod states;
mod story;
mod teller;
mod webhook;

/// The contract, compiled into the test so that editing it rebuilds the test.
const DOCUMENT: &str = include_str!("../../../../openapi/openapi.yaml");
const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// "Today" of the examples, and "now" on that day in Beijing.
const TODAY: Date = date!(2026 - 11 - 23);
const NOW: OffsetDateTime = datetime!(2026-11-23 10:15:00 +08:00);

/// The demo shopper the sandbox's tests act as.
const SHOPPER: &str = "demo-good";

/// The HTTP methods an OpenAPI path item may hold.
const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Amount texts, in groups: the amount checks run each through every currency, and the schemas
/// must judge each as `Money` (or the sandbox) does.
const AMOUNT_TEXTS: [&[&str]; 6] = [
    // Plain decimals, valid in the currencies with two decimals.
    &["0", "1", "10", "1299", "0.5", "1.5", "1.50", "5.5", "0.01", "0.05", "0.10", "1299.00", "999999999999"],
    &["999999999999.99"],
    // Zero and negative amounts.
    &["0.0", "0.00", "-0", "-00", "-1.00", "-3.10"],
    // Too many decimals, leading zeros, too many digits.
    &["1.0", "1.500", "5.000", "1.001", "1.0010", "1.50000", "0012", "00012", "00.50", "1000000000000"],
    // Not a plain decimal.
    &["", "-", ".5", "1.", " 1", "1 ", "+1", "1e3", "1E3", "1,000", "1,299.00", "1_000", "1.2.3", "NaN", "0x10"],
    &["١", "١٢"],
];

fn amount_texts() -> impl Iterator<Item = &'static str> {
    AMOUNT_TEXTS.into_iter().flatten().copied()
}

// ---------------------------------------------------------------------------------------------
// The document and its validators
// ---------------------------------------------------------------------------------------------

fn document() -> &'static Value {
    static PARSED: OnceLock<Value> = OnceLock::new();
    PARSED.get_or_init(|| {
        serde_yaml::from_str(DOCUMENT).unwrap_or_else(|e| panic!("openapi/openapi.yaml does not parse: {e}"))
    })
}

fn schemas() -> &'static Map<String, Value> {
    document()["components"]["schemas"].as_object().expect("components/schemas is a map")
}

/// A validator for the schema at `pointer` in the document (e.g. a parameter's): the whole
/// document with a root `$ref` to it, so that every `$ref` resolves inside the document (OpenAPI's
/// own keywords are unknown to JSON Schema and ignored). Formats (`date`, `date-time`, `uri`) are
/// checked, not just annotated.
fn validator_at(pointer: &str) -> Validator {
    let mut root = document().clone();
    root.as_object_mut()
        .expect("the document is a map")
        .insert("$ref".to_owned(), Value::String(format!("#{pointer}")));
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("{pointer} does not compile: {e}"))
}

/// One validator per schema name.
fn validators() -> &'static BTreeMap<String, Validator> {
    static VALIDATORS: OnceLock<BTreeMap<String, Validator>> = OnceLock::new();
    VALIDATORS.get_or_init(|| {
        schemas().keys().map(|name| (name.clone(), validator_at(&format!("/components/schemas/{name}")))).collect()
    })
}

/// Why `instance` does not validate against the schema `name`, one line per error.
fn errors(name: &str, instance: &Value) -> Vec<String> {
    let validator =
        validators().get(name).unwrap_or_else(|| panic!("there is no schema {name:?} under components/schemas"));
    validator.iter_errors(instance).map(|e| format!("at {:?}: {e}", e.instance_path().to_string())).collect()
}

fn is_valid(name: &str, instance: &Value) -> bool {
    errors(name, instance).is_empty()
}

/// A key of a JSON object as a JSON pointer writes it.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Every `$ref` in `value`, with the JSON pointer of the object holding it.
fn refs(value: &Value, location: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match child {
                    Value::String(target) if key == "$ref" => out.push((location.to_owned(), target.clone())),
                    _ if key == "$ref" => {}
                    _ => refs(child, &format!("{location}/{}", escape(key)), out),
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                refs(child, &format!("{location}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// JSON pointers of every object inside `value`, itself included.
fn object_pointers(value: &Value, location: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                object_pointers(child, format!("{location}/{}", escape(key)), out);
            }
            out.push(location);
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                object_pointers(child, format!("{location}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// `value`, or the object its `$ref` points to (one level, as OpenAPI components are used).
fn resolve(value: &Value) -> &Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(target) => {
            let pointer = target.strip_prefix('#').unwrap_or_else(|| panic!("{target} is not a local $ref"));
            document().pointer(pointer).unwrap_or_else(|| panic!("{target} does not resolve"))
        }
        None => value,
    }
}

/// The schema name a `{"$ref": "#/components/schemas/N"}` names.
fn schema_ref(schema: &Value) -> Option<&str> {
    schema.get("$ref")?.as_str()?.strip_prefix(SCHEMA_PREFIX)
}

/// Every operation of the document: method (lower case), path template, the operation.
fn operations() -> Vec<(&'static str, &'static str, &'static Value)> {
    let paths = document()["paths"].as_object().expect("paths is a map");
    let mut out = Vec::new();
    for (path, item) in paths {
        for method in METHODS {
            if let Some(op) = item.get(method) {
                out.push((method, path.as_str(), op));
            }
        }
    }
    out
}

/// An operation's parameters, `$ref`s resolved.
fn parameters(op: &'static Value) -> Vec<&'static Value> {
    op["parameters"].as_array().map(|ps| ps.iter().map(resolve).collect()).unwrap_or_default()
}

/// Whether an operation takes no credential (`security: []`): the offer.
fn is_public(op: &Value) -> bool {
    op.get("security") == Some(&json!([]))
}

/// A path of the template with sample ids, e.g. `/v1/bills/bill_overdue`.
fn sample_path(template: &str) -> String {
    template
        .replace("{bill_id}", "bill_overdue")
        .replace("{authorization_id}", "auth_000001")
        .replace("{order_id}", "ORDER-A")
}

/// The documented path `path` (without its query) falls under, e.g. `/v1/bills/b/quotes` →
/// `/v1/bills/{bill_id}/quotes`.
fn template_of(path: &str) -> Option<&'static str> {
    let segments: Vec<&str> = path.split('/').collect();
    document()["paths"].as_object().expect("paths").keys().map(String::as_str).find(|template| {
        let parts: Vec<&str> = template.split('/').collect();
        parts.len() == segments.len()
            && parts.iter().zip(&segments).all(|(t, s)| if t.starts_with('{') { !s.is_empty() } else { t == s })
    })
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/// `value` with the part at `pointer` replaced (`""` replaces the whole value).
fn with(mut value: Value, pointer: &str, replacement: Value) -> Value {
    match value.pointer_mut(pointer) {
        Some(target) => *target = replacement,
        None => panic!("{pointer} is not in the example"),
    }
    value
}

/// Fails listing every failure, if there is any.
fn fail_with(failures: Vec<String>, what: &str) {
    assert!(failures.is_empty(), "{} {what}:\n{}", failures.len(), failures.join("\n"));
}

/// Runs `check` over every case of a table, then fails listing each case it found wrong.
fn check_cases<C>(cases: impl IntoIterator<Item = C>, what: &str, mut check: impl FnMut(C) -> Option<String>) {
    fail_with(cases.into_iter().filter_map(&mut check).collect(), what);
}

fn verdict(accepts: bool) -> &'static str {
    if accepts { "accepts" } else { "refuses" }
}

fn money(amount: &str, currency: Currency) -> Money {
    Money::parse(amount, currency).expect("a valid amount")
}

fn cny(amount: &str) -> Money {
    money(amount, Currency::CNY)
}
