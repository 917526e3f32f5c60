//! The examples validate against their schemas and round-trip through serde; every schema has
//! one; and together they cover every state (tables of what must be seen).

use std::collections::BTreeSet;

use paylater_core::rfc3339;
use serde_json::Value;

use crate::enums::{
    bill_statuses, credit_bands, error_codes, event_types, ineligible_reasons, installment_statuses, order_statuses,
    payment_method_kinds, plan_kinds, quote_scopes, wire,
};
use crate::examples::{examples, examples_of};
use crate::{check_cases, errors, fail_with, schemas};

#[test]
fn examples_from_the_rust_types_validate_against_their_schemas() {
    println!("{} examples validated", examples().len());
    check_cases(examples(), "examples do not validate", |e| {
        let errs = errors(e.schema, &e.json);
        (!errs.is_empty()).then(|| format!("{} ({}): {}\n  {}", e.schema, e.label, errs.join("\n  "), e.json))
    });
}

#[test]
fn examples_round_trip_through_json_unchanged() {
    check_cases(examples(), "examples do not round-trip", |e| {
        e.round_trip.as_ref().err().map(|why| format!("{} ({}): {why}", e.schema, e.label))
    });
}

#[test]
fn every_schema_is_exercised_by_an_example() {
    let exercised: BTreeSet<&str> = examples().iter().map(|e| e.schema).collect();
    let documented: BTreeSet<&str> = schemas().keys().map(String::as_str).collect();
    let missing: Vec<&&str> = documented.difference(&exercised).collect();
    let unknown: Vec<&&str> = exercised.difference(&documented).collect();
    assert!(missing.is_empty(), "schemas without an example: {missing:?}");
    assert!(unknown.is_empty(), "examples of schemas the document lacks: {unknown:?}");
}

/// Fields whose examples take every value of their enum: schema, JSON pointer, the wire names.
fn every_value() -> [(&'static str, &'static str, Vec<Value>); 10] {
    [
        ("Bill", "/status", wire(&bill_statuses())),
        ("BillInstallment", "/status", wire(&installment_statuses())),
        ("Schedule", "/plan", wire(&plan_kinds())),
        ("Problem", "/code", wire(&error_codes())),
        ("PaymentMethod", "/kind", wire(&payment_method_kinds())),
        ("Profile", "/credit_band", wire(&credit_bands())),
        ("Repayment", "/scope", wire(&quote_scopes())),
        ("Order", "/status", wire(&order_statuses())),
        ("WebhookEvent", "/type", wire(&event_types())),
        // Every reason: the values of the `reasons` arrays.
        ("Eligibility", "/reasons/*", wire(&ineligible_reasons())),
    ]
}

/// Fields that are `null` in some example of their schema and set in another.
const SET_AND_NULL: [(&str, &str); 16] = [
    ("Profile", "agreement_version"),
    ("PaymentMethod", "last4"),
    ("Bill", "next_due"),
    ("Bill", "settled_on"),
    ("BillInstallment", "paid_on"),
    ("Order", "captured_amount"),
    ("Order", "captured_at"),
    ("Order", "closed_at"),
    ("Order", "bill_id"),
    ("WebhookEvent", "refund"),
    ("WebhookEvent", "repayment"),
    ("BillRefund", "reason"),
    ("Refund", "reason"),
    ("RefundRequest", "reason"),
    ("WebhookEndpoint", "url"),
    ("WebhookEndpointRequest", "url"),
];

/// Amounts that are not zero in some example: schema, the Money field, whether in a paid one.
const NON_ZERO: [(&str, &str, bool); 11] = [
    ("BillInstallment", "fee_waived", true),
    ("BillInstallment", "late_interest", true),
    ("BillInstallment", "late_interest", false),
    ("Bill", "late_interest", false),
    ("QuoteBreakdown", "fees_waived", false),
    ("QuoteBreakdown", "late_interest", false),
    ("Bill", "refunded", false),
    ("BillInstallment", "refunded", false),
    ("Order", "refunded_amount", false),
    ("Refund", "paid_back", false),
    ("Refund", "fees_refunded", false),
];

/// Lists in time order: schema, the items, the time of an item, whether newest first.
const IN_TIME_ORDER: [(&str, &str, &str, bool); 4] = [
    ("OrderList", "orders", "created_at", true),
    ("RefundList", "refunds", "refunded_at", true),
    ("RepaymentList", "repayments", "paid_at", true),
    ("EventList", "events", "created_at", false),
];

/// The values an example holds at `pointer`; `/*` at the end takes the items of an array.
fn values_at(example: &Value, pointer: &str) -> Vec<Value> {
    match pointer.strip_suffix("/*") {
        Some(array) => example.pointer(array).and_then(Value::as_array).cloned().unwrap_or_default(),
        None => example.pointer(pointer).cloned().into_iter().collect(),
    }
}

#[test]
fn the_examples_cover_every_state() {
    let mut failures = Vec::new();
    for (schema, pointer, wire_names) in every_value() {
        let seen: BTreeSet<String> =
            examples_of(schema).flat_map(|e| values_at(&e.json, pointer)).map(|v| v.to_string()).collect();
        let all: BTreeSet<String> = wire_names.iter().map(Value::to_string).collect();
        if seen != all {
            failures.push(format!("{schema}{pointer}: examples of {seen:?}, expected {all:?}"));
        }
    }
    for (schema, field) in SET_AND_NULL {
        let kinds: BTreeSet<bool> = examples_of(schema).map(|e| e.json[field].is_null()).collect();
        if kinds != BTreeSet::from([false, true]) {
            failures.push(format!("{schema}.{field} is not both set and null"));
        }
    }
    for (schema, field, only_paid) in NON_ZERO {
        let found = examples_of(schema).any(|e| {
            let amount = e.json[field]["amount"].as_str().unwrap_or("0");
            amount.trim_start_matches(['0', '.']).chars().any(|c| c != '0' && c != '.')
                && (!only_paid || e.json["status"] == "paid")
        });
        if !found {
            let paid = if only_paid { " (paid)" } else { "" };
            failures.push(format!("no {schema}{paid} with a non-zero {field}"));
        }
    }
    for (schema, items, time, newest_first) in IN_TIME_ORDER {
        for e in examples_of(schema) {
            let times: Vec<_> = e.json[items]
                .as_array()
                .into_iter()
                .flatten()
                .map(|item| rfc3339::parse(item[time].as_str().unwrap_or_default()).expect("an RFC 3339 time"))
                .collect();
            if !times.windows(2).all(|w| if newest_first { w[0] >= w[1] } else { w[0] <= w[1] }) {
                let order = if newest_first { "newest" } else { "oldest" };
                failures.push(format!("{schema} ({}) is not {order} first", e.label));
            }
        }
    }
    // Facts no table above states, each named.
    let bill_currencies: BTreeSet<String> =
        examples_of("Bill").map(|e| e.json["principal"]["currency"].to_string()).collect();
    let after_repayment: BTreeSet<String> =
        examples_of("EventRepayment").map(|e| e.json["bill_status"].to_string()).collect();
    let both = BTreeSet::from([false, true]);
    let refunded_paid_on: BTreeSet<bool> = examples_of("BillInstallment")
        .filter(|e| e.json["status"] == "refunded")
        .map(|e| e.json["paid_on"].is_null())
        .collect();
    let paid_back_to: BTreeSet<bool> =
        examples_of("BillRefund").map(|e| e.json["paid_back_to"].as_array().is_some_and(|a| a.is_empty())).collect();
    let open_refunded = examples_of("Bill")
        .any(|e| e.json["status"] != "refunded" && e.json["refunds"].as_array().is_some_and(|r| !r.is_empty()));
    let partial_capture = examples_of("Order")
        .any(|e| e.json["captured_amount"].is_object() && e.json["captured_amount"] != e.json["amount"]);
    let facts = [
        ("bills in at least four currencies", bill_currencies.len() >= 4),
        ("repayments that settle and not", after_repayment.contains("\"settled\"") && after_repayment.len() >= 2),
        ("refunded installments repaid before and not", refunded_paid_on == both),
        ("refunds paying back and not", paid_back_to == both),
        ("an open bill with a refund", open_refunded),
        ("a partial capture", partial_capture),
    ];
    failures.extend(facts.iter().filter(|(_, holds)| !holds).map(|(what, _)| format!("no example shows {what}")));
    fail_with(failures, "states the examples do not cover");
}
