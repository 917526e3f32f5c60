//! Values the schemas must refuse though each part looks right: malformed dates and times,
//! numbers out of range, and states that contradict themselves (a settled bill still due, an
//! authorized order with a bill, ...). One table of mutated examples, each named.

use serde_json::{Value, json};

use crate::examples::{example_where, first_example};
use crate::{check_cases, is_valid};

/// A pointer that replaces the whole example.
const WHOLE: &str = "";

#[test]
fn malformed_dates_times_ranges_and_inconsistent_states_are_refused() {
    let bill = example_where("Bill", |b| b["status"] == "overdue");
    let settled = example_where("Bill", |b| b["status"] == "settled");
    let next_due = bill["next_due"].clone();
    let paid = example_where("BillInstallment", |i| i["status"] == "paid");
    let due = example_where("BillInstallment", |i| i["status"] == "due");
    let profile = first_example("Profile");
    let activation = first_example("Activation");
    let problem = first_example("Problem");
    let card = example_where("PaymentMethod", |m| m["kind"] == "bank_card");
    let balance = example_where("PaymentMethod", |m| m["kind"] == "balance");
    let eligible = example_where("Eligibility", |e| e["eligible"] == true);
    let ineligible = example_where("Eligibility", |e| e["eligible"] == false);
    let schedule = first_example("Schedule");
    let breakdown = first_example("QuoteBreakdown");
    let quote = first_example("Quote");
    let refunded = example_where("Bill", |b| b["status"] == "refunded");
    let overdue = example_where("BillInstallment", |i| i["status"] == "overdue");
    let authorized = example_where("Order", |o| o["status"] == "authorized");
    let captured = example_where("Order", |o| o["status"] == "captured");
    let cancelled = example_where("Order", |o| o["status"] == "cancelled");
    let event = |kind: &str| example_where("WebhookEvent", |e| e["type"] == kind);
    let refund_event = event("order.refunded");
    let repaid = event("repayment.made");
    let capture_event = event("order.captured");
    let settle_event = event("bill.settled");
    let capture = first_example("CaptureRequest");
    let eligibility = first_example("EligibilityRequest");
    let order = first_example("CreateOrderRequest");
    let refund = example_where("RefundRequest", |r| r["reason"].is_string());
    let nothing = &Value::Null;
    let too_long_url = format!("https://{}", "a".repeat(2041));

    // The schema, what is wrong, the example, where it is changed, and to what.
    let cases: Vec<(&str, &str, &Value, &str, Value)> = vec![
        ("Bill", "a date that does not exist", &bill, "/created_on", json!("2026-02-30")),
        ("Bill", "a day-first date", &bill, "/created_on", json!("22/12/2026")),
        ("Bill", "a date without zero padding", &bill, "/created_on", json!("2026-1-5")),
        ("Bill", "a date-time for a date", &bill, "/created_on", json!("2026-11-23T00:00:00Z")),
        ("Bill", "a negative overdue_days", &bill, "/overdue_days", json!(-1)),
        ("Bill", "an open bill without next_due", &bill, "/next_due", Value::Null),
        ("Bill", "an open bill with settled_on", &bill, "/settled_on", json!("2026-11-20")),
        ("Bill", "a settled bill with next_due", &settled, "/next_due", next_due),
        ("Bill", "a settled bill without settled_on", &settled, "/settled_on", Value::Null),
        ("Bill", "no installments", &bill, "/installments", json!([])),
        ("BillInstallment", "paid without paid_on", &paid, "/paid_on", Value::Null),
        ("BillInstallment", "unpaid with paid_on", &due, "/paid_on", json!("2026-11-20")),
        ("BillInstallment", "number 0", &due, "/number", json!(0)),
        ("BillInstallment", "a fractional number", &due, "/number", json!(1.5)),
        ("Activation", "a date-time without offset", &activation, "/accepted_at", json!("2026-11-23T10:15:00")),
        ("Activation", "a date for a date-time", &activation, "/accepted_at", json!("2026-11-23")),
        ("Activation", "a date-time with a bad hour", &activation, "/accepted_at", json!("2026-11-23T25:15:00Z")),
        ("Activation", "a Unix timestamp", &activation, "/accepted_at", json!(1_795_400_100)),
        ("Profile", "a credit score below 350", &profile, "/credit_score", json!(349)),
        ("Profile", "a credit score above 950", &profile, "/credit_score", json!(951)),
        ("Profile", "a null masked_name", &profile, "/masked_name", Value::Null),
        ("Profile", "a null credit_limit", &profile, "/credit_limit", Value::Null),
        ("Problem", "status 99", &problem, "/status", json!(99)),
        ("Problem", "status 600", &problem, "/status", json!(600)),
        ("Problem", "a type that is not a URI", &problem, "/type", json!("quote expired")),
        ("PaymentMethod", "a bank card without last4", &card, "/last4", Value::Null),
        ("PaymentMethod", "a full card number", &card, "/last4", json!("6225880012344321")),
        ("PaymentMethod", "a balance with last4", &balance, "/last4", json!("4321")),
        ("Eligibility", "eligible with a reason", &eligible, "/reasons", json!(["score_too_low"])),
        ("Eligibility", "not eligible without a reason", &ineligible, "/reasons", json!([])),
        ("Eligibility", "not eligible with plans", &ineligible, "/plans", json!([schedule.clone()])),
        ("Eligibility", "a reason twice", &ineligible, "/reasons", json!(["score_too_low", "score_too_low"])),
        ("Schedule", "a float fee_rate", &schedule, "/fee_rate", json!(0.045)),
        ("Schedule", "a percentage fee_rate", &schedule, "/fee_rate", json!("4.5%")),
        ("Schedule", "no installments", &schedule, "/installments", json!([])),
        ("QuoteBreakdown", "installment 0", &breakdown, "/installments", json!([0])),
        ("Quote", "no lines", &quote, "/lines", json!([])),
        ("BillList", "bills as an object", nothing, WHOLE, json!({ "bills": { "bill_1": bill } })),
        ("Bill", "a refunded bill with next_due", &refunded, "/next_due", bill["next_due"].clone()),
        ("Bill", "a refunded bill without settled_on", &refunded, "/settled_on", Value::Null),
        ("Bill", "refunds as an object", &refunded, "/refunds", json!({})),
        ("BillInstallment", "overdue with paid_on", &overdue, "/paid_on", json!("2026-11-20")),
        ("Order", "authorized with a bill", &authorized, "/bill_id", json!("bill_1")),
        ("Order", "authorized with captured_amount", &authorized, "/captured_amount", captured["amount"].clone()),
        ("Order", "authorized with closed_at", &authorized, "/closed_at", captured["created_at"].clone()),
        ("Order", "captured without a bill", &captured, "/bill_id", Value::Null),
        ("Order", "captured without captured_at", &captured, "/captured_at", Value::Null),
        ("Order", "captured without captured_amount", &captured, "/captured_amount", Value::Null),
        ("Order", "cancelled without closed_at", &cancelled, "/closed_at", Value::Null),
        ("Order", "a float amount", &captured, "/refunded_amount/amount", json!(0.0)),
        ("WebhookEvent", "order.refunded without a refund", &refund_event, "/refund", Value::Null),
        ("WebhookEvent", "order.refunded with a repayment", &refund_event, "/repayment", repaid["repayment"].clone()),
        ("WebhookEvent", "repayment.made without a repayment", &repaid, "/repayment", Value::Null),
        ("WebhookEvent", "repayment.made with a refund", &repaid, "/refund", refund_event["refund"].clone()),
        ("WebhookEvent", "order.captured with a refund", &capture_event, "/refund", refund_event["refund"].clone()),
        ("WebhookEvent", "bill.settled of an open bill", &settle_event, "/repayment/bill_status", json!("on_schedule")),
        ("PositiveMoney", "zero", nothing, WHOLE, json!({ "amount": "0.00", "currency": "CNY" })),
        ("PositiveMoney", "a negative amount", nothing, WHOLE, json!({ "amount": "-1.00", "currency": "CNY" })),
        ("PositiveMoney", "decimals in yen", nothing, WHOLE, json!({ "amount": "100.00", "currency": "JPY" })),
        ("PositiveMoney", "13 digits", nothing, WHOLE, json!({ "amount": "1000000000000", "currency": "KRW" })),
        ("CaptureRequest", "an empty authorization_id", &capture, "/authorization_id", json!("")),
        ("CaptureRequest", "a blank authorization_id", &capture, "/authorization_id", json!(" \u{3000}")),
        ("CaptureRequest", "129 characters", &capture, "/authorization_id", json!("a".repeat(129))),
        ("CaptureRequest", "a zero capture", &capture, "/capture_amount", json!({ "amount": "0", "currency": "CNY" })),
        ("EligibilityRequest", "an empty merchant_id", &eligibility, "/merchant_id", json!("")),
        ("CreateOrderRequest", "a blank order_id", &order, "/order_id", json!("\t\n")),
        ("ActivationRequest", "an empty version", nothing, WHOLE, json!({ "agreement_version": "" })),
        ("RefundRequest", "an empty reason", &refund, "/reason", json!("")),
        ("RefundRequest", "201 characters", &refund, "/reason", json!("退".repeat(201))),
        ("RefundRequest", "a negative amount", &refund, "/amount/amount", json!("-1.00")),
        ("WebhookEndpointRequest", "ftp", nothing, WHOLE, json!({ "url": "ftp://shop.example" })),
        ("WebhookEndpointRequest", "no host", nothing, WHOLE, json!({ "url": "https://" })),
        ("WebhookEndpointRequest", "a space", nothing, WHOLE, json!({ "url": "https://shop.example/a b" })),
        ("WebhookEndpointRequest", "a trailing newline", nothing, WHOLE, json!({ "url": "https://shop.example\n" })),
        ("WebhookEndpointRequest", "upper case", nothing, WHOLE, json!({ "url": "HTTPS://shop.example" })),
        ("WebhookEndpointRequest", "2049 characters", nothing, WHOLE, json!({ "url": too_long_url })),
    ];
    check_cases(cases, "invalid values accepted", |(schema, what, example, pointer, value)| {
        let mut mutated = example.clone();
        match mutated.pointer_mut(pointer) {
            Some(target) => *target = value,
            None => return Some(format!("{schema} ({what}): {pointer} is not in the example")),
        }
        is_valid(schema, &mutated).then(|| format!("{schema} accepts {what}"))
    });
}
