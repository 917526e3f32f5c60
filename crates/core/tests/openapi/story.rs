//! The sandbox's story: a demo merchant and its shoppers through every operation and state, and
//! most refusals, through the router (the same code the mock and the server run). Its answers
//! become examples; its exchanges are checked against the document in `answers`, its webhook
//! deliveries in `webhook`. Refusals are tables of cases; every step that answers otherwise than
//! expected is named by [`the_sandbox_answers_every_step_of_the_story_as_expected`].

use std::collections::BTreeSet;
use std::sync::OnceLock;

use paylater_core::api::{
    Activation, ActivationRequest, Agreement, AutopayRequest, Bill, BillList, BillStatus, CancelRequest,
    CaptureRequest, CreateOrderRequest, Eligibility, EligibilityRequest, ErrorCode, EventList, InstallmentStatus,
    Offer, Order, OrderList, OrderStatus, PaymentMethodList, PlanKind, Profile, Quote, QuoteRequest, QuoteScope,
    Refund, RefundList, RefundRequest, RepaymentList, RepaymentRequest, RepaymentResult, WebhookEndpoint,
    WebhookEndpointRequest,
};
use paylater_core::sandbox::router::OFFER_CACHE_CONTROL;
use paylater_core::sandbox::seed::{DEMO_MERCHANT_ID, DEMO_SECRET_KEY};
use paylater_core::{Currency, Money};
use time::Duration;

use crate::common::{self, Call, NOW, capture_request, cny, order as create_order};
use crate::enums::order_statuses;
use crate::examples::Examples;
use crate::teller::{Story, Teller, json};
use crate::{METHODS, SHOPPER, document, fail_with, is_public, money, operations, sample_path};

const BROWSER: &str = "https://shop.example";

pub fn story() -> &'static Story {
    static STORY: OnceLock<Story> = OnceLock::new();
    STORY.get_or_init(tell_story)
}

#[test]
fn the_sandbox_answers_every_step_of_the_story_as_expected() {
    fail_with(story().failures.clone(), "steps of the story answered otherwise");
}

/// A demo merchant and its shoppers through every operation and state, and most refusals.
fn tell_story() -> Story {
    use ErrorCode as E;
    let story =
        Story { examples: Examples::default(), exchanges: Vec::new(), deliveries: Vec::new(), failures: Vec::new() };
    let mut t = Teller { sb: common::sandbox(), story };
    let key = DEMO_SECRET_KEY;
    let later = NOW + Duration::days(8);

    // The shopper, the agreement and its acceptance.
    let _: Profile = t.ok("demo-good, through the router", "/v1/me", SHOPPER);
    let agreement: Agreement = t.ok("the sandbox's", "/v1/agreement", "demo-new");
    let old = json(&ActivationRequest { agreement_version: "2020-01".into() });
    let early = json(&create_order("10.00", "ORDER-N", PlanKind::PayIn30Days));
    t.refuse_all(&[
        ("an agreement not current", "POST /v1/activation", "demo-new", None, &old, E::InvalidState),
        ("no agreement version", "POST /v1/activation", "demo-new", None, "{}", E::InvalidRequest),
        ("an order before activation", "POST /v1/orders", "demo-new", Some("early"), &early, E::AgreementRequired),
    ]);
    let accept = ActivationRequest { agreement_version: agreement.version.clone() };
    let _: Activation = t.post("demo-new accepts", "/v1/activation", "demo-new", None, &accept);

    // The offer: public (no credential), cacheable, from the same schedules as eligibility's plans.
    let offers = "/v1/offers?amount=1200.00&currency=CNY&merchant_id=M-DEMO-SHOP";
    let answer = t.send(Call { credential: None, ..Call::new("GET", offers, "") }, NOW);
    let cacheable = (answer.status, answer.cache_control) == (200, Some(OFFER_CACHE_CONTROL));
    t.expect(cacheable, format!("the offer is not a cacheable 200: {}", answer.body));
    let offer: Offer = serde_json::from_str(&answer.body).expect("an offer");
    t.story.examples.add("¥1,200.00 at the demo shop", &offer);
    let with_token = t.send(Call::new("GET", offers, SHOPPER), NOW);
    t.expect(with_token.body == answer.body, "a credential changes the offer".to_owned());
    // Offers the sandbox cannot make: the query, and the status it answers.
    for (query, status) in [
        ("amount=12.999&currency=CNY&merchant_id=M-DEMO-SHOP", 400),
        ("amount=0&currency=CNY&merchant_id=M-DEMO-SHOP", 400),
        ("amount=1200.00&currency=XXX&merchant_id=M-DEMO-SHOP", 400),
        ("amount=1200.00&currency=CNY", 400),
        ("amount=1.00&currency=CNY&merchant_id=M-NOBODY", 404),
    ] {
        let path = format!("/v1/offers?{query}");
        let answer = t.send(Call { credential: None, ..Call::new("GET", &path, "") }, NOW);
        t.expect(answer.status == status, format!("the offer of {query}: expected {status}, got {}", answer.body));
    }

    // Eligibility.
    let eligibility =
        EligibilityRequest { merchant_id: DEMO_MERCHANT_ID.into(), order_id: "ORDER-A".into(), amount: cny("1200.00") };
    let _: Eligibility = t.post("demo-good, ORDER-A", "/v1/eligibility", SHOPPER, None, &eligibility);
    let nobody = json(&EligibilityRequest { merchant_id: "M-NOBODY".into(), ..eligibility.clone() });
    let blank = json(&EligibilityRequest { order_id: " ".into(), ..eligibility.clone() });
    t.refuse_all(&[
        ("eligibility at an unknown merchant", "POST /v1/eligibility", SHOPPER, None, &nobody, E::NotFound),
        ("eligibility of a blank order id", "POST /v1/eligibility", SHOPPER, None, &blank, E::InvalidRequest),
    ]);

    // Authorize: an order, its replay, and the refusals.
    let order_a = create_order("1200.00", "ORDER-A", PlanKind::Installments3);
    let auth_a: Order = t.post("ORDER-A authorized", "/v1/orders", SHOPPER, Some("order-a"), &order_a);
    let replay: Order = t.post("ORDER-A, replayed", "/v1/orders", SHOPPER, Some("order-a"), &order_a);
    t.expect(replay == auth_a, format!("ORDER-A replayed is another order: {replay:?}"));
    let order_b = create_order("100.00", "ORDER-B", PlanKind::PayIn30Days);
    let (a, b) = (json(&order_a), json(&order_b));
    let nobody = json(&CreateOrderRequest { merchant_id: "M-NOBODY".into(), ..order_b.clone() });
    let big = json(&create_order("1299.00", "ORDER-BIG", PlanKind::PayIn30Days));
    t.refuse_all(&[
        ("another order under ORDER-A's key", "POST /v1/orders", SHOPPER, Some("order-a"), &b, E::IdempotencyConflict),
        ("ORDER-A again under a new key", "POST /v1/orders", SHOPPER, Some("order-a-again"), &a, E::InvalidState),
        ("an order without a key", "POST /v1/orders", SHOPPER, None, &b, E::InvalidRequest),
        ("an order at an unknown merchant", "POST /v1/orders", SHOPPER, Some("nobody"), &nobody, E::NotFound),
        ("an order of a low score", "POST /v1/orders", "demo-low-score", Some("low"), &b, E::NotEligible),
        ("an order over the limit", "POST /v1/orders", "demo-low-limit", Some("big"), &big, E::LimitExceeded),
    ]);
    let _: OrderList = t.ok("waiting for the merchant", "/v1/orders", SHOPPER);
    let _: Order = t.ok("ORDER-A, the shopper's view", &format!("/v1/orders/{}", auth_a.id), SHOPPER);
    t.refuse_all(&[
        ("an unknown authorization", "GET /v1/orders/auth_nope", SHOPPER, None, "", E::NotFound),
        ("an unknown order status", "GET /v1/orders?status=paid", SHOPPER, None, "", E::InvalidRequest),
    ]);

    // The merchant looks it up and captures it; replays and refusals.
    let _: Order = t.ok("ORDER-A, the merchant's view", "/v1/merchant/orders/ORDER-A", key);
    let capture = |order_amount, capture_amount| json(&capture_request(&auth_a, order_amount, capture_amount));
    let wrong_auth =
        CaptureRequest { authorization_id: "auth_nope".into(), ..capture_request(&auth_a, "1200.00", "1200.00") };
    let (full, wrong_auth, tampered) = (capture("1200.00", "1200.00"), json(&wrong_auth), capture("1.00", "1.00"));
    let capture_path = "/v1/merchant/orders/ORDER-A/capture";
    let capture_a = &format!("POST {capture_path}");
    t.refuse_all(&[
        ("an unknown order", "GET /v1/merchant/orders/ORDER-NOPE", key, None, "", E::NotFound),
        ("a capture of another amount", capture_a, key, Some("cap-tampered"), &tampered, E::AmountMismatch),
        ("more than authorized", capture_a, key, Some("cap-more"), &capture("1200.00", "1200.01"), E::AmountMismatch),
        ("another authorization", capture_a, key, Some("cap-nope"), &wrong_auth, E::NotFound),
        ("a capture without a key", capture_a, key, None, &full, E::InvalidRequest),
    ]);
    let full_a = capture_request(&auth_a, "1200.00", "1200.00");
    let captured_a: Order = t.post("ORDER-A captured", capture_path, key, Some("cap-a"), &full_a);
    let _: Order = t.post("ORDER-A captured, replayed", capture_path, key, Some("cap-a"), &full_a);
    t.refuse_all(&[
        ("less under cap-a", capture_a, key, Some("cap-a"), &capture("1200.00", "1000.00"), E::IdempotencyConflict),
        ("ORDER-A captured again", capture_a, key, Some("cap-a-again"), &full, E::InvalidState),
    ]);
    let bill_a = captured_a.bill_id.clone().expect("a captured order has a bill");

    // The shopper repays the first installment with the card.
    let _: Bill = t.ok("ORDER-A's bill", &format!("/v1/bills/{bill_a}"), SHOPPER);
    let quotes_a = format!("/v1/bills/{bill_a}/quotes");
    let scope = |scope| QuoteRequest { scope, amount: None };
    let next: Quote =
        t.post("ORDER-A, next installment", &quotes_a, SHOPPER, None, &scope(QuoteScope::NextInstallment));
    let pay = RepaymentRequest { quote_id: next.id.clone(), payment_method_id: "pm_card_1234".into() };
    let _: RepaymentResult = t.post("ORDER-A, first installment", "/v1/repayments", SHOPPER, Some("pay-a"), &pay);
    let other = json(&RepaymentRequest { quote_id: "qt_nope".into(), ..pay.clone() });
    let pay = json(&pay);
    let repay = "POST /v1/repayments";
    t.refuse_all(&[
        ("a quote used up", repay, SHOPPER, Some("pay-a-again"), &pay, E::QuoteExpired),
        ("another quote under pay-a", repay, SHOPPER, Some("pay-a"), &other, E::IdempotencyConflict),
        ("an unknown quote", repay, SHOPPER, Some("pay-nope"), &other, E::NotFound),
        ("a repayment without a key", repay, SHOPPER, None, &pay, E::InvalidRequest),
    ]);

    // Then another amount: part of the principal, paid ahead from the last installment.
    let some = QuoteRequest { scope: QuoteScope::Amount, amount: Some(cny("123.45")) };
    let part: Quote = t.post("ORDER-A, another amount", &quotes_a, SHOPPER, None, &some);
    t.expect(part.breakdown.total == some.amount.unwrap(), format!("another amount, as asked: {part:?}"));
    let pay_part = RepaymentRequest { quote_id: part.id.clone(), payment_method_id: "pm_card_1234".into() };
    let _: RepaymentResult = t.post("ORDER-A, 123.45 paid", "/v1/repayments", SHOPPER, Some("pay-a-part"), &pay_part);
    let post_quote = format!("POST {quotes_a}");
    let too_much = r#"{"scope":"amount","amount":{"amount":"99999.00","currency":"CNY"}}"#;
    let in_yen = r#"{"scope":"amount","amount":{"amount":"100","currency":"JPY"}}"#;
    t.refuse_all(&[
        ("more than settles the bill", &post_quote, SHOPPER, None, too_much, E::AmountMismatch),
        ("another currency", &post_quote, SHOPPER, None, in_yen, E::AmountMismatch),
        (
            "zero",
            &post_quote,
            SHOPPER,
            None,
            r#"{"scope":"amount","amount":{"amount":"0.00","currency":"CNY"}}"#,
            E::InvalidRequest,
        ),
        ("scope amount without one", &post_quote, SHOPPER, None, r#"{"scope":"amount"}"#, E::InvalidRequest),
        (
            "an amount with settle",
            &post_quote,
            SHOPPER,
            None,
            r#"{"scope":"settle","amount":{"amount":"1.00","currency":"CNY"}}"#,
            E::InvalidRequest,
        ),
    ]);

    // The merchant refunds what is still owed, then the rest (paid back to the card).
    let refunds_path = "/v1/merchant/orders/ORDER-A/refunds";
    let first = RefundRequest { amount: cny("300.00"), reason: Some("一件退货 One item returned".into()) };
    let _: Refund = t.post("ORDER-A, 300.00 of what was owed", refunds_path, key, Some("refund-1"), &first);
    let _: Refund = t.post("ORDER-A, 300.00, replayed", refunds_path, key, Some("refund-1"), &first);
    let rest = RefundRequest { amount: cny("900.00"), reason: None };
    let refund = |amount: Money, reason: Option<&str>| json(&RefundRequest { amount, reason: reason.map(Into::into) });
    let (refund_a, rest_body) = (&format!("POST {refunds_path}"), &json(&rest));
    let (too_much, nope) = (refund(cny("900.01"), None), "POST /v1/merchant/orders/ORDER-NOPE/refunds");
    t.refuse_all(&[
        ("the rest under refund-1", refund_a, key, Some("refund-1"), rest_body, E::IdempotencyConflict),
        ("more than captured", refund_a, key, Some("refund-too-much"), &too_much, E::RefundExceedsCaptured),
        ("dollars", refund_a, key, Some("refund-usd"), &refund(money("10.00", Currency::USD), None), E::AmountMismatch),
        ("a blank reason", refund_a, key, Some("refund-blank"), &refund(cny("1.00"), Some(" ")), E::InvalidRequest),
        ("an unknown order", nope, key, Some("refund-nope"), rest_body, E::NotFound),
    ]);
    let _: Bill = t.ok("ORDER-A, a quarter refunded", &format!("/v1/bills/{bill_a}"), SHOPPER);
    let _: Refund = t.post("ORDER-A, the rest, paid back", refunds_path, key, Some("refund-2"), &rest);
    let refunded: Bill = t.ok("ORDER-A, refunded", &format!("/v1/bills/{bill_a}"), SHOPPER);
    t.expect(refunded.status == BillStatus::Refunded, format!("ORDER-A's bill is {:?}", refunded.status));
    let settle = json(&scope(QuoteScope::Settle));
    t.refuse(("a quote of a refunded bill", &format!("POST {quotes_a}"), SHOPPER, None, &settle, E::NothingToRepay));
    let _: RefundList = t.ok("ORDER-A's refunds", &format!("/v1/refunds?bill_id={bill_a}"), SHOPPER);
    let _: RefundList = t.ok("all, a first page", "/v1/refunds?limit=1", SHOPPER);
    t.refuse(("refunds of an unknown bill", "GET /v1/refunds?bill_id=bill_nope", SHOPPER, None, "", E::NotFound));
    let _: BillList = t.ok("closed: settled and refunded", "/v1/bills?status=settled", SHOPPER);

    // ORDER-B cancelled; ORDER-C left authorized; neither can be captured again or refunded.
    let auth_b: Order = t.post("ORDER-B authorized", "/v1/orders", SHOPPER, Some("order-b"), &order_b);
    let cancel_path = "/v1/merchant/orders/ORDER-B/cancel";
    let cancel = |authorization_id| CancelRequest { authorization_id };
    let (of_b, of_a) = (json(&cancel(auth_b.id.clone())), json(&cancel(auth_a.id.clone())));
    let of_nobody = json(&cancel("auth_nope".into()));
    let cancel_b = &format!("POST {cancel_path}");
    let refund_b = "POST /v1/merchant/orders/ORDER-B/refunds";
    t.refuse_all(&[
        ("an unknown authorization", cancel_b, key, Some("cancel-nope"), &of_nobody, E::NotFound),
        ("a cancel without a key", cancel_b, key, None, &of_b, E::InvalidRequest),
    ]);
    let _: Order = t.post("ORDER-B cancelled", cancel_path, key, Some("cancel-b"), &cancel(auth_b.id.clone()));
    t.refuse_all(&[
        ("ORDER-A's authorization under cancel-b", cancel_b, key, Some("cancel-b"), &of_a, E::IdempotencyConflict),
        ("ORDER-B cancelled again", cancel_b, key, Some("cancel-b-again"), &of_b, E::InvalidState),
        ("a cancelled order refunded", refund_b, key, Some("refund-b"), rest_body, E::InvalidState),
    ]);
    let order_c = create_order("50.00", "ORDER-C", PlanKind::Installments6);
    let auth_c: Order = t.post("ORDER-C authorized", "/v1/orders", SHOPPER, Some("order-c"), &order_c);
    let refund_c = "POST /v1/merchant/orders/ORDER-C/refunds";
    t.refuse(("an order not captured refunded", refund_c, key, Some("refund-c"), rest_body, E::InvalidState));

    // ORDER-E captured in part, then settled: a repayment and the bill settled.
    let order_e = create_order("600.00", "ORDER-E", PlanKind::Installments3);
    let auth_e: Order = t.post("ORDER-E authorized", "/v1/orders", SHOPPER, Some("order-e"), &order_e);
    let part = capture_request(&auth_e, "600.00", "500.00");
    let capture_e = "/v1/merchant/orders/ORDER-E/capture";
    let captured_e: Order = t.post("ORDER-E captured in part", capture_e, key, Some("cap-e"), &part);
    let bill_e = captured_e.bill_id.clone().expect("a bill");
    let quotes_e = format!("/v1/bills/{bill_e}/quotes");
    let settle: Quote = t.post("ORDER-E, settle", &quotes_e, SHOPPER, None, &scope(QuoteScope::Settle));
    let pay_e = RepaymentRequest { quote_id: settle.id.clone(), payment_method_id: "pm_balance".into() };
    let _: RepaymentResult = t.post("ORDER-E settled", "/v1/repayments", SHOPPER, Some("pay-e"), &pay_e);

    // A payment method that cannot cover a quote.
    let quotes = "/v1/bills/bill_no_funds/quotes";
    let poor: Quote = t.post("demo-no-funds, settle", quotes, "demo-no-funds", None, &scope(QuoteScope::Settle));
    let short = json(&RepaymentRequest { quote_id: poor.id.clone(), payment_method_id: "pm_fund".into() });
    t.refuse(("a method short of funds", repay, "demo-no-funds", Some("short"), &short, E::InsufficientFunds));

    // Bills, quotes, methods and records: reads and refusals.
    let _: BillList = t.ok("demo-good, open", "/v1/bills", SHOPPER);
    let _: BillList = t.ok("demo-good, all, a first page", "/v1/bills?status=all&limit=2", SHOPPER);
    let (settle, everything) = (r#"{"scope":"settle"}"#, r#"{"scope":"everything"}"#);
    t.refuse_all(&[
        ("an unknown bill status", "GET /v1/bills?status=late", SHOPPER, None, "", E::InvalidRequest),
        ("an unknown bill", "GET /v1/bills/bill_nope", SHOPPER, None, "", E::NotFound),
        ("a quote of an unknown bill", "POST /v1/bills/bill_nope/quotes", SHOPPER, None, settle, E::NotFound),
        ("an unknown scope", "POST /v1/bills/bill_overdue/quotes", SHOPPER, None, everything, E::InvalidRequest),
    ]);
    let _: PaymentMethodList = t.ok("demo-good, after the refund", "/v1/payment-methods", SHOPPER);
    let _: RepaymentList = t.ok("demo-good, all", "/v1/repayments", SHOPPER);
    let _: RepaymentList = t.ok("ORDER-A's bill", &format!("/v1/repayments?bill_id={bill_a}"), SHOPPER);
    t.refuse(("repayments of an unknown bill", "GET /v1/repayments?bill_id=bill_nope", SHOPPER, None, "", E::NotFound));
    let past: RepaymentList = t.ok("past the end", "/v1/repayments?cursor=99999", SHOPPER);
    t.expect(past.repayments.is_empty() && past.next_cursor.is_none(), format!("past the end: {past:?}"));

    // Every list refuses a bad page.
    for list in ["/v1/orders", "/v1/bills", "/v1/repayments", "/v1/refunds", "/v1/merchant/events"] {
        let credential = if list.starts_with("/v1/merchant/") { key } else { SHOPPER };
        for query in ["limit=0", "limit=201", "limit=ten", "cursor=x", "cursor=", "cursor=12345678901"] {
            t.refuse(("a bad page", &format!("GET {list}?{query}"), credential, None, "", E::InvalidRequest));
        }
    }

    // ORDER-X is not captured in time: it expires (and so does ORDER-C).
    let order_x = create_order("20.00", "ORDER-X", PlanKind::PayIn30Days);
    let auth_x: Order = t.post("ORDER-X authorized", "/v1/orders", SHOPPER, Some("order-x"), &order_x);
    let expired: Order = t.get_at("ORDER-X expired", &format!("/v1/orders/{}", auth_x.id), SHOPPER, later);
    t.expect(expired.status == OrderStatus::Expired, format!("ORDER-X is {:?} a week later", expired.status));
    let order_y = create_order("30.00", "ORDER-Y", PlanKind::Installments12);
    let label = "ORDER-Y authorized a week later";
    let _: Order = t.ok_at(label, "POST", "/v1/orders", SHOPPER, Some("order-y"), Some(&order_y), later);
    let all: OrderList = t.get_at("demo-good, all", "/v1/orders?status=all", SHOPPER, later);
    let statuses: BTreeSet<OrderStatus> = all.orders.iter().map(|o| o.status).collect();
    t.expect(statuses == BTreeSet::from(order_statuses()), format!("orders only in {statuses:?}"));
    let c_expired = all.orders.iter().any(|o| o.id == auth_c.id && o.status == OrderStatus::Expired);
    t.expect(c_expired, "ORDER-C did not expire".to_owned());
    let _: OrderList = t.get_at("demo-good, a first page", "/v1/orders?status=all&limit=2", SHOPPER, later);

    // The merchant's events, and their deliveries once there is a webhook URL.
    let events: EventList = t.get_at("the demo shop's", "/v1/merchant/events", key, later);
    for e in &events.events {
        t.story.examples.add(format!("{} {}", e.id, e.event_type.as_str()), e);
        t.story.examples.add(format!("{}'s order", e.id), &e.order);
        if let Some(r) = &e.refund {
            t.story.examples.add(format!("{}'s refund", e.id), r);
        }
        if let Some(r) = &e.repayment {
            t.story.examples.add(format!("{}'s repayment", e.id), r);
        }
    }
    let _: EventList = t.get_at("a first page", "/v1/merchant/events?limit=2", key, later);
    let _: WebhookEndpoint = t.get_at("none yet", "/v1/merchant/webhook", key, later);
    let url = WebhookEndpointRequest { url: Some("https://shop.example/paylater/events".into()) };
    let _: WebhookEndpoint = t.ok_at("set", "PUT", "/v1/merchant/webhook", key, None, Some(&url), later);
    t.story.deliveries = t.sb.due_webhooks(later);
    let stop = WebhookEndpointRequest { url: None };
    let _: WebhookEndpoint = t.ok_at("stopped", "PUT", "/v1/merchant/webhook", key, None, Some(&stop), later);
    let ftp = r#"{"url":"ftp://shop.example"}"#;
    t.refuse(("a webhook URL not http(s)", "PUT /v1/merchant/webhook", key, None, ftp, E::InvalidRequest));

    // Autopay: on for the on-schedule bill with the card, off, on again; a month on, its first
    // installment fell due and was charged once, with a record. demo-no-funds' card cannot cover
    // its bill's: a failed charge, on the bill until repaid.
    let on = AutopayRequest { payment_method_id: "pm_card_1234".into() };
    let autopay = "/v1/bills/bill_on_schedule/autopay";
    let _: Bill = t.ok_at("autopay on", "PUT", autopay, SHOPPER, None, Some(&on), later);
    let _: Bill = t.ok_at("autopay off", "DELETE", autopay, SHOPPER, None, None::<&AutopayRequest>, later);
    let turned_on: Bill = t.ok_at("autopay on again", "PUT", autopay, SHOPPER, None, Some(&on), later);
    t.expect(turned_on.autopay.is_some(), format!("autopay on: {turned_on:?}"));
    let on_json = json(&on);
    let put = format!("PUT {autopay}");
    t.refuse_all(&[
        ("autopay with an unknown method", &put, SHOPPER, None, r#"{"payment_method_id":"pm_nope"}"#, E::NotFound),
        ("autopay without a method", &put, SHOPPER, None, "{}", E::InvalidRequest),
        ("autopay on an unknown bill", "PUT /v1/bills/bill_nope/autopay", SHOPPER, None, &on_json, E::NotFound),
        ("autopay on a settled bill", "PUT /v1/bills/bill_settled/autopay", SHOPPER, None, &on_json, E::NothingToRepay),
        ("autopay off on an unknown bill", "DELETE /v1/bills/bill_nope/autopay", SHOPPER, None, "", E::NotFound),
    ]);
    let card = AutopayRequest { payment_method_id: "pm_card_1234".into() };
    let no_funds = "/v1/bills/bill_no_funds/autopay";
    let _: Bill = t.ok_at("autopay, short of funds", "PUT", no_funds, "demo-no-funds", None, Some(&card), later);
    let month = later + Duration::days(40);
    let charged: Bill = t.get_at("a month on, autopay charged", "/v1/bills/bill_on_schedule", SHOPPER, month);
    t.expect(charged.installments[0].status == InstallmentStatus::Paid, format!("charged by autopay: {charged:?}"));
    let records: RepaymentList = t.get_at("with its record", "/v1/repayments?bill_id=bill_on_schedule", SHOPPER, month);
    let by_autopay = records.repayments.iter().filter(|r| r.autopay).count();
    t.expect(by_autopay == 1, format!("one autopay charge, not {by_autopay}: {records:?}"));
    let again: RepaymentList = t.get_at("asked again", "/v1/repayments?bill_id=bill_on_schedule", SHOPPER, month);
    t.expect(again == records, "autopay charges an installment once".to_owned());
    let failed: Bill = t.get_at("a month on, a failed charge", "/v1/bills/bill_no_funds", "demo-no-funds", month);
    let listed = failed.installments.iter().any(|i| i.autopay_failed)
        && failed.installments.iter().all(|i| !i.autopay_failed || i.paid_on.is_none());
    t.expect(listed, format!("the failed charges, on installments still owed: {failed:?}"));
    for c in charged.autopay.iter() {
        t.story.examples.add("autopay", c);
    }

    // Every operation refuses a missing credential, the other side's, and a secret key from a browser
    // (a public one takes no credential, but a secret key from a browser all the same).
    for (method, template, op) in operations() {
        let path = &sample_path(template);
        let method = &method.to_uppercase();
        let from_browser = Call { origin: Some(BROWSER), ..Call::new(method, path, key) };
        if is_public(op) {
            let answer = t.send(from_browser, NOW);
            t.expect(
                answer.status == 403,
                format!("{method} {path} with a secret key from a browser: expected 403, got {}", answer.body),
            );
            continue;
        }
        let theirs = if template.starts_with("/v1/merchant/") { SHOPPER } else { key };
        let wrong = [
            (with_body(Call { credential: None, ..Call::new(method, path, "") }), 401, "without a credential"),
            (with_body(Call::new(method, path, theirs)), 401, "with the other side's credential"),
            (with_body(from_browser), 403, "with a secret key from a browser"),
        ];
        for (call, status, what) in wrong {
            let answer = t.send(call, NOW);
            t.expect(
                answer.status == status,
                format!("{method} {path} {what}: expected {status}, got {}", answer.body),
            );
        }
    }
    // And every path refuses the methods it does not take (checked with every answer in `answers`).
    for (template, item) in document()["paths"].as_object().expect("paths") {
        for method in METHODS.iter().filter(|m| item.get(**m).is_none()) {
            let credential = if template.starts_with("/v1/merchant/") { key } else { SHOPPER };
            t.send(Call::new(&method.to_uppercase(), &sample_path(template), credential), NOW);
        }
    }
    t.story
}

/// `call` with an Idempotency-Key and a JSON body (an empty object).
fn with_body(call: Call<'_>) -> Call<'_> {
    Call { key: Some("k"), body: "{}".to_owned(), ..call }
}
