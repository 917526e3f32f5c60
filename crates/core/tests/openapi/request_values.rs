//! Request values in the document: the text fields carry the sandbox's limits, "not only
//! whitespace" is what the sandbox trims, and `PositiveMoney` takes exactly the positive amounts
//! written with the currency's decimals.

use paylater_core::Money;
use paylater_core::sandbox::merchant::{WEBHOOK_URL_PATTERN, valid_webhook_url};
use serde_json::{Value, json};

use crate::enums::currencies;
use crate::examples::CONSTRAINT_ONLY_SCHEMAS;
use crate::{amount_texts, check_cases, fail_with, is_valid, schema_ref, schemas, verdict};

/// One character that is not whitespace: Unicode's White_Space set, which Rust's `trim` (the
/// sandbox's `require_text`) and `char::is_whitespace` use, spelt out so that every regex engine
/// reads it alike (`\s` differs between ECMA 262, Python and Rust).
const NOT_ONLY_WHITESPACE: &str = r"[^\x09-\x0D\x20\x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";

/// The request fields the sandbox checks with `require_text` (1 to 128 characters, not only
/// whitespace), and `agreement_version`, which the document holds to the same rule.
const TEXT_FIELDS: [(&str, &str); 7] = [
    ("EligibilityRequest", "merchant_id"),
    ("EligibilityRequest", "order_id"),
    ("CreateOrderRequest", "merchant_id"),
    ("CreateOrderRequest", "order_id"),
    ("CaptureRequest", "authorization_id"),
    ("CancelRequest", "authorization_id"),
    ("ActivationRequest", "agreement_version"),
];

/// Request strings the sandbox takes as they come (an unknown id is `404 not_found`).
const FREE_TEXT_FIELDS: [(&str, &str); 3] = [
    ("RepaymentRequest", "quote_id"),
    ("RepaymentRequest", "payment_method_id"),
    ("AutopayRequest", "payment_method_id"),
];

#[test]
fn text_fields_the_sandbox_checks_carry_its_limits_in_the_document() {
    let mut failures = Vec::new();
    for (schema, field) in TEXT_FIELDS {
        let property = &schemas()[schema]["properties"][field];
        if property["type"] != "string"
            || property["minLength"] != 1
            || property["maxLength"] != 128
            || property["pattern"] != NOT_ONLY_WHITESPACE
        {
            failures.push(format!("{schema}.{field} is not 1 to 128 characters, not only whitespace: {property}"));
        }
    }
    let reason = &schemas()["RefundRequest"]["properties"]["reason"];
    if reason["type"] != json!(["string", "null"])
        || reason["minLength"] != 1
        || reason["maxLength"] != 200
        || reason["pattern"] != NOT_ONLY_WHITESPACE
    {
        failures.push(format!("RefundRequest.reason is not null or 1 to 200 characters: {reason}"));
    }
    let url = &schemas()["WebhookEndpointRequest"]["properties"]["url"];
    if url["type"] != json!(["string", "null"]) || url["maxLength"] != 2048 || url["pattern"] != WEBHOOK_URL_PATTERN {
        failures.push(format!("WebhookEndpointRequest.url is not null or an http(s) URL: {url}"));
    }
    // Every string of a request body is one of those, or listed as free.
    for (name, schema) in schemas().iter().filter(|(n, _)| n.ends_with("Request")) {
        for (field, property) in schema["properties"].as_object().into_iter().flatten() {
            let string = property["type"] == "string" || property["type"] == json!(["string", "null"]);
            let known = TEXT_FIELDS.contains(&(name, field))
                || FREE_TEXT_FIELDS.contains(&(name, field))
                || [("RefundRequest", "reason"), ("WebhookEndpointRequest", "url")].contains(&(name, field));
            if string && !known {
                failures.push(format!("{name}.{field} is a string this test does not know the rule of"));
            }
        }
    }
    // And every amount of a request is more than zero.
    for (schema, field) in [
        ("EligibilityRequest", "amount"),
        ("CreateOrderRequest", "amount"),
        ("CaptureRequest", "order_amount"),
        ("CaptureRequest", "capture_amount"),
        ("RefundRequest", "amount"),
    ] {
        if schema_ref(&schemas()[schema]["properties"][field]) != Some("PositiveMoney") {
            failures.push(format!("{schema}.{field} is not PositiveMoney"));
        }
    }
    fail_with(failures, "request fields without the sandbox's limits");
}

/// A request with a character in it, and whether the sandbox takes it.
type Placing = fn(char) -> (Value, bool);

#[test]
fn not_only_whitespace_is_what_the_sandbox_trims() {
    // Where a character is put: where, the schema, and the request.
    let placings: [(&str, &str, Placing); 2] = [
        ("", "CancelRequest", |c| {
            let text = c.to_string();
            (json!({ "authorization_id": text }), !text.trim().is_empty())
        }),
        (" in a URL", "WebhookEndpointRequest", |c| {
            let url = format!("https://shop.example/{c}");
            (json!({ "url": url }), valid_webhook_url(&url))
        }),
    ];
    let codes = (0..=0x3100u32).chain([0x180E, 0x200B, 0x2060, 0xFEFF, 0xE000, 0xFFFD, 0x1F600, 0x10FFFF]);
    let cases = codes.filter_map(char::from_u32).flat_map(|c| placings.map(|placing| (c, placing)));
    check_cases(cases, "characters read differently", |(c, (placed, schema, place))| {
        let (instance, rust_says) = place(c);
        let schema_says = is_valid(schema, &instance);
        (schema_says != rust_says).then(|| {
            let (schema, sandbox) = (verdict(schema_says), verdict(rust_says));
            format!("U+{:04X}{placed}: the schema {schema} it, the sandbox {sandbox} it", c as u32)
        })
    });
}

#[test]
fn positive_money_takes_exactly_the_positive_amounts_written_with_the_currencys_decimals() {
    let mut failures = Vec::new();
    // The same object as Money, narrowed.
    let keys = |name: &str| -> Vec<String> {
        schemas()[name]["properties"].as_object().map(|p| p.keys().cloned().collect()).unwrap_or_default()
    };
    for (narrow, base) in CONSTRAINT_ONLY_SCHEMAS {
        if keys(narrow) != keys(base) || schemas()[narrow]["required"] != schemas()[base]["required"] {
            failures.push(format!("{narrow} does not have the fields of {base}"));
        }
    }
    for currency in currencies() {
        for text in amount_texts() {
            let instance = json!({ "amount": text, "currency": currency });
            let schema_says = is_valid("PositiveMoney", &instance);
            let money = serde_json::from_value::<Money>(instance.clone());
            let (whole, fraction) = text.split_once('.').map_or((text, None), |(w, f)| (w, Some(f)));
            let rule = money.is_ok_and(|m| !m.is_zero() && !m.is_negative())
                && whole.len() <= 12
                && (whole == "0" || !whole.starts_with('0'))
                && fraction.is_none_or(|f| !f.is_empty() && f.len() <= currency.minor_digits() as usize);
            if schema_says != rule {
                failures.push(format!(
                    "{instance}: the schema {} it, the rule {} it",
                    verdict(schema_says),
                    verdict(rule)
                ));
            }
        }
    }
    fail_with(failures, "request amounts judged differently");
}
