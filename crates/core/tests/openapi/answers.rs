//! The sandbox's answers in the story: each is documented (status, code, body schema, content
//! type; the `Allow` header of a 405), and each documented answer is given at least once.

use std::collections::BTreeSet;

use paylater_core::api::ErrorCode;
use serde_json::{Value, json};

use crate::story::story;
use crate::{METHODS, document, errors, fail_with, operations, resolve, schema_ref, template_of, validator_at};

#[test]
fn every_answer_of_the_sandbox_is_documented_and_every_documented_answer_is_given() {
    let mut failures = Vec::new();
    let mut given: BTreeSet<(String, String, String)> = BTreeSet::new();
    let allow_schema = validator_at("/components/responses/MethodNotAllowed/headers/Allow/schema");
    let exchanges = &story().exchanges;
    assert!(exchanges.len() > 300, "only {} answers", exchanges.len());
    for e in exchanges {
        let path = e.path.split_once('?').map_or(e.path.as_str(), |(p, _)| p);
        let at = format!("{} {} → {}", e.method, e.path, e.response.status);
        let r = &e.response;
        let body: Value = match serde_json::from_str(&r.body) {
            Ok(body) => body,
            Err(err) => {
                failures.push(format!("{at}: the body is not JSON ({err})"));
                continue;
            }
        };
        let Some(template) = template_of(path) else {
            failures.push(format!("{at}: no documented path"));
            continue;
        };
        let item = &document()["paths"][template];
        let Some(op) = item.get(e.method.to_lowercase().as_str()) else {
            // A method the path does not take: 405, the Allow header listing the methods it takes.
            let takes: BTreeSet<String> =
                METHODS.iter().filter(|m| item.get(**m).is_some()).map(|m| m.to_uppercase()).collect();
            let allow = r.allow.unwrap_or_default();
            let allowed: BTreeSet<String> = allow.split(", ").map(str::to_owned).collect();
            let code = body["code"].as_str().unwrap_or_default();
            if r.status != 405
                || allowed != takes
                || !allow_schema.is_valid(&json!(allow))
                || code != "method_not_allowed"
            {
                failures.push(format!("{at}: Allow {allow:?} ({code}), the path takes {takes:?}"));
            }
            given.insert(("*".to_owned(), "405".to_owned(), code.to_owned()));
            continue;
        };
        let operation = format!("{} {template}", e.method);
        let status = r.status.to_string();
        let Some(response) = op["responses"].get(&status).map(resolve) else {
            failures.push(format!("{at}: {operation} does not document {status} ({})", r.body));
            continue;
        };
        if r.status < 400 {
            let schema = schema_ref(&response["content"]["application/json"]["schema"]).unwrap_or_default();
            let errs = if schema.is_empty() { vec!["no schema".to_owned()] } else { errors(schema, &body) };
            if r.content_type != "application/json" || !errs.is_empty() {
                failures.push(format!("{at}: {} {}", r.content_type, errs.join("; ")));
            }
            given.insert((operation, status, String::new()));
        } else {
            let errs = errors("Problem", &body);
            let code = body["code"].as_str().unwrap_or_default().to_owned();
            let listed = response["x-error-codes"].as_array().is_some_and(|c| c.contains(&json!(code)));
            if r.content_type != "application/problem+json" || !errs.is_empty() || !listed {
                failures
                    .push(format!("{at}: {code} is not documented for {status} of {operation} {}", errs.join("; ")));
            }
            given.insert((operation, status, code));
        }
    }
    // Each documented answer was given at least once, but the provider failing (`internal`).
    for (method, path, op) in operations() {
        let operation = format!("{} {path}", method.to_uppercase());
        for (status, response) in op["responses"].as_object().expect("responses") {
            let response = resolve(response);
            let codes: Vec<String> = response["x-error-codes"]
                .as_array()
                .map(|c| c.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                .unwrap_or_else(|| vec![String::new()]);
            for code in codes.into_iter().filter(|c| c != ErrorCode::Internal.as_str()) {
                if !given.contains(&(operation.clone(), status.clone(), code.clone())) {
                    failures.push(format!("{operation} documents {status} {code} but the story never got it"));
                }
            }
        }
    }
    if !given.contains(&("*".to_owned(), "405".to_owned(), "method_not_allowed".to_owned())) {
        failures.push("the story never got a 405".to_owned());
    }
    fail_with(failures, "answers and documentation differ");
}
