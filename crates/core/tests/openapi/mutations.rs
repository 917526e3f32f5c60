//! Mutated examples the schemas must refuse, as serde does: an extra field in any object, a
//! missing field, a float or malformed amount, an unknown enum value (on its own and in the
//! objects that use it). Inconsistent states are in `states`.

use std::collections::BTreeSet;

use paylater_core::Money;
use serde_json::{Value, json};

use crate::enums::{currencies, enums};
use crate::examples::{examples, first_example};
use crate::{amount_texts, fail_with, is_valid, object_pointers, schemas, verdict, with};

#[test]
fn an_extra_field_in_any_object_is_refused() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in examples() {
        let mut pointers = Vec::new();
        object_pointers(&e.json, String::new(), &mut pointers);
        for pointer in pointers {
            let mut mutated = e.json.clone();
            let object = mutated.pointer_mut(&pointer).and_then(Value::as_object_mut).expect("an object");
            object.insert("unexpected_field".into(), json!("x"));
            checked += 1;
            if is_valid(e.schema, &mutated) {
                failures.push(format!("{} ({}) accepts an extra field at {pointer:?}", e.schema, e.label));
            }
        }
    }
    assert!(checked > 1000, "only {checked} objects checked");
    fail_with(failures, "extra fields accepted");
}

#[test]
fn a_missing_field_is_refused() {
    let mut failures = Vec::new();
    let mut schemas_checked = BTreeSet::new();
    for e in examples() {
        let Some(object) = e.json.as_object() else {
            continue;
        };
        for key in object.keys() {
            let mut mutated = e.json.clone();
            mutated.as_object_mut().unwrap().remove(key);
            schemas_checked.insert(e.schema);
            if is_valid(e.schema, &mutated) {
                failures.push(format!("{} ({}) accepts a missing {key}", e.schema, e.label));
            }
        }
    }
    let objects: BTreeSet<&str> =
        schemas().iter().filter(|(_, s)| s["type"] == "object").map(|(n, _)| n.as_str()).collect();
    let unchecked: Vec<&&str> = objects.difference(&schemas_checked).collect();
    assert!(unchecked.is_empty(), "object schemas never checked for missing fields: {unchecked:?}");
    fail_with(failures, "missing fields accepted");
}

#[test]
fn a_float_or_malformed_amount_is_refused_like_money_does() {
    let mut failures = Vec::new();
    // A float amount anywhere: in a Money and inside every example holding one.
    let float = json!({ "amount": 1299.0, "currency": "CNY" });
    if is_valid("Money", &float) {
        failures.push("Money accepts a float amount".to_owned());
    }
    if serde_json::from_value::<Money>(float).is_ok() {
        failures.push("Money deserializes a float amount".to_owned());
    }
    for e in examples() {
        let mut pointers = Vec::new();
        object_pointers(&e.json, String::new(), &mut pointers);
        for pointer in pointers {
            let target = e.json.pointer(&pointer).unwrap();
            let is_money = target
                .as_object()
                .is_some_and(|o| o.len() == 2 && o.contains_key("amount") && o.contains_key("currency"));
            if !is_money {
                continue;
            }
            let number: f64 = target["amount"].as_str().unwrap().parse().unwrap();
            let mutated = with(e.json.clone(), &format!("{pointer}/amount"), json!(number));
            if is_valid(e.schema, &mutated) {
                failures.push(format!("{} ({}) accepts a float amount at {pointer:?}", e.schema, e.label));
            }
        }
    }
    // Amount strings: the schema accepts exactly what `Money` deserializes, in every currency
    // (plain decimals without leading zeros, no more fractional digits than the currency has,
    // zeros included, at most 12 digits before the point).
    for currency in currencies() {
        for text in amount_texts() {
            let instance = json!({ "amount": text, "currency": currency });
            let schema_says = is_valid("Money", &instance);
            let rust_says = serde_json::from_value::<Money>(instance.clone()).is_ok();
            if schema_says != rust_says {
                failures.push(format!(
                    "{instance}: the schema {} it, Money {} it",
                    verdict(schema_says),
                    verdict(rust_says)
                ));
            }
        }
    }
    for unknown in ["XXX", "cny", "RMB", ""] {
        let instance = json!({ "amount": "1.00", "currency": unknown });
        if is_valid("Money", &instance) || serde_json::from_value::<Money>(instance.clone()).is_ok() {
            failures.push(format!("{instance} is accepted"));
        }
    }
    fail_with(failures, "amounts handled differently");
}

/// Unknown enum values inside the objects that use the enum: schema, JSON pointer, the value.
fn unknown_values() -> [(&'static str, &'static str, Value); 16] {
    [
        ("CreateOrderRequest", "/plan", json!("installments_24")),
        ("QuoteRequest", "/scope", json!("everything")),
        ("Problem", "/code", json!("teapot")),
        ("Bill", "/status", json!("paid")),
        ("BillInstallment", "/status", json!("settled")),
        ("PaymentMethod", "/kind", json!("crypto")),
        ("Profile", "/credit_band", json!("Excellent")),
        ("Money", "/currency", json!("BTC")),
        ("PositiveMoney", "/currency", json!("BTC")),
        ("Order", "/status", json!("pending")),
        ("Order", "/plan", json!("installments_24")),
        ("WebhookEvent", "/type", json!("order.shipped")),
        ("WebhookEvent", "/type", json!("order_captured")),
        ("EventRepayment", "/bill_status", json!("paid")),
        ("RefundPayback", "/payment_method_kind", json!("cash")),
        ("Bill", "/status", json!("cancelled")),
    ]
}

#[test]
fn an_unknown_enum_value_is_refused_like_serde_does() {
    let mut failures = Vec::new();
    for e in enums() {
        // Values near the wire names, and values of no name at all.
        let near = e
            .wire
            .iter()
            .filter_map(Value::as_str)
            .flat_map(|text| [json!(text.to_uppercase()), json!(text.to_lowercase()), json!(format!("{text} "))]);
        let probes = [json!("definitely_not_a_variant"), json!(""), json!(null), json!(0)].into_iter().chain(near);
        for probe in probes {
            let (schema_says, rust_says) = (is_valid(e.name, &probe), (e.rust_accepts)(&probe));
            if schema_says != rust_says {
                let (schema, rust) = (verdict(schema_says), verdict(rust_says));
                failures.push(format!("{} {probe}: the schema {schema} it, serde {rust} it", e.name));
            }
        }
    }
    // And inside the objects that use them.
    failures.extend(unknown_values().into_iter().filter_map(|(schema, pointer, value)| {
        let mutated = with(first_example(schema), pointer, value.clone());
        is_valid(schema, &mutated).then(|| format!("{schema} accepts {value} at {pointer}"))
    }));
    fail_with(failures, "enum values handled differently");
}
