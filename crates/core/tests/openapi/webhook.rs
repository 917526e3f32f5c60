//! The webhook the provider sends: an OpenAPI webhook with its signature header and retries as
//! the sandbox does them, and every delivery of the story a signed `WebhookEvent`.

use paylater_core::Policy;
use paylater_core::sandbox::seed::DEMO_WEBHOOK_SECRET;
use paylater_core::sandbox::webhooks::{
    MAX_ATTEMPTS, MAX_BACKOFF, SIGNATURE_HEADER, SIGNATURE_TOLERANCE, sign, verify_signature,
};
use serde_json::{Value, json};
use time::Duration;

use crate::common;
use crate::enums::event_types;
use crate::story::story;
use crate::{NOW, document, errors, fail_with, schema_ref, validator_at};

#[test]
fn the_webhook_is_an_openapi_webhook_with_its_signature_and_retries() {
    let mut failures = Vec::new();
    let hook = &document()["webhooks"]["paylaterEvent"]["post"];
    assert!(hook.is_object(), "no webhooks.paylaterEvent.post");
    if schema_ref(&hook["requestBody"]["content"]["application/json"]["schema"]) != Some("WebhookEvent")
        || hook["requestBody"]["required"] != true
    {
        failures.push("the webhook's body is not a required WebhookEvent".to_owned());
    }
    if hook["security"] != json!([]) {
        failures.push("the webhook takes no provider credential (its signature authenticates it)".to_owned());
    }
    let responses: Vec<&String> = hook["responses"].as_object().map(|r| r.keys().collect()).unwrap_or_default();
    if responses != ["2XX", "default"] {
        failures.push(format!("the webhook's responses are {responses:?}, expected 2XX and default"));
    }
    let params = hook["parameters"].as_array().cloned().unwrap_or_default();
    let signature = params.iter().position(|p| p["name"] == SIGNATURE_HEADER && p["in"] == "header");
    match signature {
        Some(i) if params[i]["required"] == true => {
            let validator = validator_at(&format!("/webhooks/paylaterEvent/post/parameters/{i}/schema"));
            let header = sign(DEMO_WEBHOOK_SECRET, r#"{"id":"evt_000001"}"#, NOW);
            if !validator.is_valid(&json!(header)) {
                failures.push(format!("the signature schema refuses {header}"));
            }
            for bad in ["v1=00", "t=1,v1=XYZ", "t=,v1=", "", "t=1795400100, v1=00"] {
                if validator.is_valid(&json!(bad)) {
                    failures.push(format!("the signature schema accepts {bad:?}"));
                }
            }
        }
        _ => failures.push(format!("no required {SIGNATURE_HEADER} header")),
    }
    if !params.iter().any(|p| p["name"] == "PayLater-Event-Id" && p["in"] == "header") {
        failures.push("no PayLater-Event-Id header".to_owned());
    }
    // What the description promises is what the sandbox does.
    let description = hook["description"].as_str().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
    let base_seconds = Policy::default().webhook_retry_base_ms / 1000;
    assert_eq!(Policy::default().webhook_retry_base_ms % 1000, 0);
    assert_eq!(MAX_BACKOFF, Duration::hours(1));
    for needle in [
        SIGNATURE_HEADER.to_owned(),
        "HMAC-SHA256".to_owned(),
        "`t=<unix seconds>,v1=<hex>`".to_owned(),
        "`<t>.<body>`".to_owned(),
        format!("{} minutes", SIGNATURE_TOLERANCE.whole_minutes()),
        format!("after {base_seconds} s"),
        "doubling up to one hour".to_owned(),
        format!("up to {MAX_ATTEMPTS} attempts"),
        "handle each event `id` once".to_owned(),
        "2xx".to_owned(),
    ] {
        if !description.contains(&needle) {
            failures.push(format!("the webhook's description does not say {needle:?}"));
        }
    }
    // Every delivery of the story: a WebhookEvent, signed as documented.
    let deliveries = &story().deliveries;
    assert!(deliveries.len() >= event_types().len(), "only {} deliveries", deliveries.len());
    let validator = signature.map(|i| validator_at(&format!("/webhooks/paylaterEvent/post/parameters/{i}/schema")));
    for d in deliveries {
        let body: Value = serde_json::from_str(&d.body).expect("JSON");
        let errs = errors("WebhookEvent", &body);
        if !errs.is_empty() {
            failures.push(format!("delivery {}: {}", d.event_id, errs.join("; ")));
        }
        if body["id"] != d.event_id.as_str() {
            failures.push(format!("delivery {} carries event {}", d.event_id, body["id"]));
        }
        if validator.as_ref().is_some_and(|v| !v.is_valid(&json!(d.signature))) {
            failures.push(format!("delivery {}: signature {} refused by the schema", d.event_id, d.signature));
        }
        let checked = verify_signature(
            DEMO_WEBHOOK_SECRET,
            &d.signature,
            &d.body,
            common::NOW + Duration::days(8),
            SIGNATURE_TOLERANCE,
        );
        if checked.is_err() {
            failures.push(format!("delivery {}: {checked:?}", d.event_id));
        }
    }
    fail_with(failures, "problems with the webhook");
}
