//! The document on its own: its version, info, server and security; every `$ref` resolves and
//! every schema is used; objects are closed; enums list serde's wire names; each side's calls
//! take its credential and carry a tag of its side.

use std::collections::BTreeSet;

use paylater_core::api::{BillFilter, ErrorCode, PlanKind, Problem};
use paylater_core::{Currency, Decimal, Money};
use paylater_core::{Policy, schedule};
use serde_json::{Value, json};

use crate::enums::{currencies, enums, error_codes, plan_kinds};
use crate::{SCHEMA_PREFIX, TODAY, check_cases, cny, document, errors, fail_with, is_valid, operations, refs, schemas};

#[test]
fn the_document_declares_openapi_3_1_with_its_info_server_and_bearer_security() {
    let doc = document();
    // Where in the document, and what must be there.
    let declared = [
        ("/openapi", json!("3.1.0")),
        ("/info/title", json!("Pay Later API")),
        ("/info/version", json!("1.0.0")),
        ("/servers/0/url", json!("http://127.0.0.1:8787")),
        ("/components/securitySchemes/bearer/type", json!("http")),
        ("/components/securitySchemes/bearer/scheme", json!("bearer")),
        // Bearer auth applies to every call.
        ("/security", json!([{ "bearer": [] }])),
    ];
    let mut failures: Vec<String> = declared
        .iter()
        .filter(|(pointer, expected)| doc.pointer(pointer) != Some(expected))
        .map(|(pointer, expected)| format!("{pointer} is {:?}, expected {expected}", doc.pointer(pointer)))
        .collect();
    let description = doc["info"]["description"].as_str().unwrap_or_default();
    for needle in ["decimal", "RFC 3339", "YYYY-MM-DD", "RFC 9457", "problem+json", "code"] {
        if !description.contains(needle) {
            failures.push(format!("info.description does not mention {needle:?}"));
        }
    }
    fail_with(failures, "problems with the document's header");
}

#[test]
fn every_ref_resolves() {
    let mut found = Vec::new();
    refs(document(), "", &mut found);
    assert!(found.len() > 50, "only {} $refs found", found.len());
    check_cases(&found, "$refs do not resolve", |(at, target)| {
        let resolves = target.strip_prefix('#').and_then(|p| document().pointer(p)).is_some();
        (!resolves).then(|| format!("{at}: {target}"))
    });
}

#[test]
fn every_schema_is_used_by_a_path_or_another_schema() {
    let mut found = Vec::new();
    refs(document(), "", &mut found);
    let referenced: BTreeSet<&str> = found
        .iter()
        .filter_map(|(at, target)| {
            let name = target.strip_prefix(SCHEMA_PREFIX)?;
            // A schema referring to itself does not count.
            let inside_itself =
                at == &format!("/components/schemas/{name}") || at.starts_with(&format!("/components/schemas/{name}/"));
            (!inside_itself).then_some(name)
        })
        .collect();
    let unused: Vec<&String> = schemas().keys().filter(|name| !referenced.contains(name.as_str())).collect();
    assert!(unused.is_empty(), "schemas no path or other schema refers to: {unused:?}");
}

#[test]
fn object_schemas_are_closed_and_require_every_field() {
    let mut failures = Vec::new();
    for (name, schema) in schemas() {
        if schema["description"].as_str().is_none_or(str::is_empty) {
            failures.push(format!("{name} has no description"));
        }
        if schema["type"] != "object" {
            continue;
        }
        if schema["additionalProperties"] != false {
            failures.push(format!("{name} does not say additionalProperties: false"));
        }
        let properties: BTreeSet<&str> =
            schema["properties"].as_object().map(|p| p.keys().map(String::as_str).collect()).unwrap_or_default();
        let required: BTreeSet<&str> =
            schema["required"].as_array().map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
        if properties != required {
            failures.push(format!("{name}: properties {properties:?} but required {required:?}"));
        }
    }
    fail_with(failures, "object schemas are not closed");
}

#[test]
fn enum_schemas_list_exactly_the_serde_wire_names() {
    let mut failures = Vec::new();
    for e in enums() {
        let listed = schemas()[e.name]["enum"].as_array().cloned().unwrap_or_default();
        if listed != e.wire {
            failures.push(format!("{}: the schema lists {listed:?}, serde writes {:?}", e.name, e.wire));
        }
        if schemas()[e.name]["type"] != "string" {
            failures.push(format!("{} is not type: string", e.name));
        }
    }
    assert_eq!(ErrorCode::ALL.to_vec(), error_codes().to_vec(), "ErrorCode::ALL misses a code");
    assert_eq!(PlanKind::ALL.to_vec(), plan_kinds().to_vec(), "PlanKind::ALL misses a plan");
    assert_eq!(Currency::ALL.to_vec(), currencies().to_vec(), "Currency::ALL misses a currency");
    assert_eq!(schemas()["BillFilter"]["default"], serde_json::to_value(BillFilter::default()).unwrap());
    fail_with(failures, "enum schemas differ from the Rust enums");
}

#[test]
fn rust_decimal_rates_serialize_as_decimal_strings() {
    // rust_decimal's `serde` feature writes a Decimal as a string keeping its scale.
    assert_eq!(serde_json::to_value(Decimal::new(45, 3)).unwrap(), json!("0.045"));
    assert_eq!(serde_json::to_value(Decimal::ZERO).unwrap(), json!("0"));
    let s = schedule(PlanKind::Installments12, cny("1299.00"), TODAY, &Policy::default()).unwrap();
    assert_eq!(serde_json::to_value(&s).unwrap()["fee_rate"], json!("0.088"));
}

#[test]
fn the_documents_own_examples_validate_and_deserialize() {
    let money = &schemas()["Money"]["example"];
    assert!(is_valid("Money", money), "{:?}", errors("Money", money));
    assert_eq!(serde_json::from_value::<Money>(money.clone()).unwrap(), cny("1299.00"));
    let problem = &schemas()["Problem"]["example"];
    assert!(is_valid("Problem", problem), "{:?}", errors("Problem", problem));
    let problem: Problem = serde_json::from_value(problem.clone()).unwrap();
    assert_eq!(problem.status, problem.code.http_status());
    assert_eq!(problem.problem_type, Problem::type_uri(problem.code));
}

#[test]
fn merchant_calls_take_the_secret_key_and_shopper_calls_the_session_token() {
    let mut failures = Vec::new();
    let schemes = &document()["components"]["securitySchemes"];
    let key = &schemes["merchantKey"];
    if key["type"] != "http" || key["scheme"] != "bearer" {
        failures.push("securitySchemes.merchantKey is not HTTP bearer".to_owned());
    }
    let names: BTreeSet<&String> = schemes.as_object().expect("securitySchemes").keys().collect();
    if names != BTreeSet::from([&"bearer".to_owned(), &"merchantKey".to_owned()]) {
        failures.push(format!("security schemes {names:?}, expected bearer and merchantKey"));
    }
    for (method, path, op) in operations() {
        let at = format!("{} {path}", method.to_uppercase());
        let merchant = path.starts_with("/v1/merchant/");
        match (merchant, op.get("security")) {
            // The document's default (`bearer`) applies.
            (false, None) => {}
            // The offer is the same for every shopper: no credential.
            (false, Some(security)) if *security == json!([]) && path == "/v1/offers" => {}
            (true, Some(security)) if *security == json!([{ "merchantKey": [] }]) => {}
            (_, security) => failures.push(format!("{at}: security {security:?}")),
        }
    }
    fail_with(failures, "operations with the wrong credentials");
}

#[test]
fn every_operation_is_tagged_with_a_declared_tag_of_its_side() {
    let mut failures = Vec::new();
    let declared: Vec<&str> =
        document()["tags"].as_array().expect("tags").iter().filter_map(|t| t["name"].as_str()).collect();
    let mut used = BTreeSet::new();
    let webhook = &document()["webhooks"]["paylaterEvent"]["post"];
    for (at, path, op) in operations()
        .into_iter()
        .map(|(m, p, op)| (format!("{} {p}", m.to_uppercase()), p, op))
        .chain([("webhook paylaterEvent".to_owned(), "/v1/merchant/", webhook)])
    {
        let tags: Vec<&str> =
            op["tags"].as_array().map(|t| t.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
        if tags.len() != 1 {
            failures.push(format!("{at}: tags {tags:?}, expected one"));
        }
        for tag in tags {
            used.insert(tag);
            if !declared.contains(&tag) {
                failures.push(format!("{at}: tag {tag:?} is not declared"));
            }
            if path.starts_with("/v1/merchant/") != tag.starts_with("Merchant ") {
                failures.push(format!("{at}: tag {tag:?} is not of its side"));
            }
        }
    }
    for tag in declared {
        if !used.contains(tag) {
            failures.push(format!("tag {tag:?} is not used"));
        }
    }
    fail_with(failures, "problems with the tags");
}
