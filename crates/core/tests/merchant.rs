//! The merchant's side of the sandbox, through the router: secret keys, authorize then capture,
//! partial capture, cancel, expiry, refunds, events and webhook deliveries.

mod common;

use common::*;
use paylater_core::Policy;
use paylater_core::api::*;
use paylater_core::sandbox::Sandbox;
use paylater_core::sandbox::seed::DEMO_WEBHOOK_SECRET;
use paylater_core::sandbox::webhooks::{SIGNATURE_TOLERANCE, verify_signature};
use paylater_core::time::Duration;

fn available(sb: &mut Sandbox, token: &str) -> paylater_core::Money {
    let me: Profile = ok(get(sb, token, "/v1/me"));
    me.credit_limit.available
}

fn merchant_get<T: serde::de::DeserializeOwned>(sb: &mut Sandbox, path: &str) -> T {
    ok(get(sb, KEY, path))
}

#[test]
fn a_capture_is_made_once_whatever_the_retries() {
    let mut sb = sandbox();
    let before = available(&mut sb, "demo-good");
    let auth = authorize(&mut sb, "demo-good", "1299.00", "ORDER-1", PlanKind::Installments6);
    assert_eq!(available(&mut sb, "demo-good"), before.checked_sub(&cny("1299.00")).unwrap(), "held");
    let first: Order = ok(capture(&mut sb, "cap-1", &auth, "1299.00", "1299.00"));
    let replay: Order = ok(capture(&mut sb, "cap-1", &auth, "1299.00", "1299.00"));
    assert_eq!(first, replay, "the same key answers the first capture");
    let p = problem(capture(&mut sb, "cap-2", &auth, "1299.00", "1299.00"), ErrorCode::InvalidState);
    assert!(p.detail.contains("already captured"), "{}", p.detail);
    let bills: BillList = ok(get(&mut sb, "demo-good", "/v1/bills?status=all"));
    assert_eq!(bills.bills.iter().filter(|b| b.order_id == "ORDER-1").count(), 1, "one bill");
    assert_eq!(available(&mut sb, "demo-good"), before.checked_sub(&cny("1299.00")).unwrap());
    let looked_up: Order = merchant_get(&mut sb, "/v1/merchant/orders/ORDER-1");
    assert_eq!(looked_up, first);
}

#[test]
fn a_problem_quotes_the_ids_as_they_were_sent() {
    let mut sb = sandbox();
    let cancel = CancelRequest { authorization_id: "auth_x".into() };
    let p =
        problem(post(&mut sb, KEY, "/v1/merchant/orders/ORDER-9/cancel", Some("c"), &cancel, NOW), ErrorCode::NotFound);
    assert!(p.detail.starts_with(r#"no authorization "auth_x" for your order "ORDER-9": "#), "{}", p.detail);
    let p = problem(get(&mut sb, KEY, "/v1/merchant/orders/ORDER-9"), ErrorCode::NotFound);
    assert!(p.detail.starts_with(r#"no pay-later order "ORDER-9" "#), "{}", p.detail);
    let p = problem(get(&mut sb, "demo-good", "/v1/bills/bill_x"), ErrorCode::NotFound);
    assert_eq!(p.detail, r#"no bill "bill_x" for this shopper"#);
}

#[test]
fn a_capture_with_another_amount_or_currency_moves_nothing() {
    let mut sb = sandbox();
    // The page said ¥1.00 (tampered); the merchant's cart says ¥1,299.00.
    let auth = authorize(&mut sb, "demo-good", "1.00", "ORDER-T", PlanKind::PayIn30Days);
    let held = available(&mut sb, "demo-good");
    let p = problem(capture(&mut sb, "cap-t", &auth, "1299.00", "1299.00"), ErrorCode::AmountMismatch);
    assert!(p.detail.contains("nothing was captured"), "{}", p.detail);
    let other_currency = CaptureRequest {
        authorization_id: auth.id.clone(),
        order_amount: paylater_core::Money::parse("1.00", paylater_core::Currency::USD).unwrap(),
        capture_amount: paylater_core::Money::parse("1.00", paylater_core::Currency::USD).unwrap(),
    };
    let path = "/v1/merchant/orders/ORDER-T/capture";
    problem(post(&mut sb, KEY, path, Some("cap-u"), &other_currency, NOW), ErrorCode::AmountMismatch);
    let still: Order = merchant_get(&mut sb, "/v1/merchant/orders/ORDER-T");
    assert_eq!(still.status, OrderStatus::Authorized);
    assert_eq!(available(&mut sb, "demo-good"), held, "the hold stays until the merchant cancels");
    let bills: BillList = ok(get(&mut sb, "demo-good", "/v1/bills?status=all"));
    assert!(bills.bills.iter().all(|b| b.order_id != "ORDER-T"), "the shopper owes nothing");
    // The merchant cancels: the hold is released.
    let cancel = CancelRequest { authorization_id: auth.id.clone() };
    let cancelled: Order = ok(post(&mut sb, KEY, "/v1/merchant/orders/ORDER-T/cancel", Some("c-1"), &cancel, NOW));
    assert_eq!(cancelled.status, OrderStatus::Cancelled);
    assert_eq!(available(&mut sb, "demo-good"), held.checked_add(&cny("1.00")).unwrap());
    problem(capture(&mut sb, "cap-after", &auth, "1.00", "1.00"), ErrorCode::InvalidState);
    problem(
        post(&mut sb, KEY, "/v1/merchant/orders/ORDER-T/cancel", Some("c-2"), &cancel, NOW),
        ErrorCode::InvalidState,
    );
    // A cancelled order id can be checked out again.
    let again = order("1299.00", "ORDER-T", PlanKind::PayIn30Days);
    ok::<Order>(post(&mut sb, "demo-good", "/v1/orders", Some("second-checkout"), &again, NOW));
    let latest: Order = merchant_get(&mut sb, "/v1/merchant/orders/ORDER-T");
    assert_eq!((latest.status, latest.amount), (OrderStatus::Authorized, cny("1299.00")));
}

#[test]
fn a_partial_capture_bills_what_was_captured_and_releases_the_rest() {
    let mut sb = sandbox();
    let before = available(&mut sb, "demo-good");
    let auth = authorize(&mut sb, "demo-good", "1299.00", "ORDER-P", PlanKind::Installments3);
    let captured: Order = ok(capture(&mut sb, "cap-p", &auth, "1299.00", "999.00"));
    assert_eq!(captured.captured_amount, Some(cny("999.00")));
    let bill: Bill = ok(get(&mut sb, "demo-good", &format!("/v1/bills/{}", captured.bill_id.unwrap())));
    assert_eq!(bill.principal, cny("999.00"));
    assert_eq!(bill.installments.len(), 3);
    assert_eq!(available(&mut sb, "demo-good"), before.checked_sub(&cny("999.00")).unwrap());
    // Never more than the order, never zero.
    let auth2 = authorize(&mut sb, "demo-good", "100.00", "ORDER-P2", PlanKind::PayIn30Days);
    problem(capture(&mut sb, "x1", &auth2, "100.00", "100.01"), ErrorCode::AmountMismatch);
    problem(capture(&mut sb, "x2", &auth2, "100.00", "0.00"), ErrorCode::InvalidRequest);
}

#[test]
fn an_uncaptured_authorization_expires_and_releases_the_hold() {
    let policy = Policy { authorization_ttl_seconds: 3600, ..Policy::default() };
    let mut sb = Sandbox::demo(NOW, policy);
    let before = available(&mut sb, "demo-good");
    let auth = authorize(&mut sb, "demo-good", "500.00", "ORDER-E", PlanKind::PayIn30Days);
    assert_eq!(auth.expires_at, NOW + Duration::hours(1));
    let just_before: Order =
        ok(get_at(&mut sb, "demo-good", &format!("/v1/orders/{}", auth.id), auth.expires_at - Duration::seconds(1)));
    assert_eq!(just_before.status, OrderStatus::Authorized);
    let expired: Order = ok(get_at(&mut sb, "demo-good", &format!("/v1/orders/{}", auth.id), auth.expires_at));
    assert_eq!((expired.status, expired.closed_at), (OrderStatus::Expired, Some(auth.expires_at)));
    assert_eq!(available(&mut sb, "demo-good"), before, "the hold is released");
    let late = post(
        &mut sb,
        KEY,
        "/v1/merchant/orders/ORDER-E/capture",
        Some("late"),
        &capture_request(&auth, "500.00", "500.00"),
        auth.expires_at + Duration::minutes(1),
    );
    let p = problem(late, ErrorCode::InvalidState);
    assert!(p.detail.contains("expired"), "{}", p.detail);
    let events: EventList = merchant_get(&mut sb, "/v1/merchant/events");
    let types: Vec<EventType> = events.events.iter().map(|e| e.event_type).collect();
    assert_eq!(types, [EventType::OrderAuthorized, EventType::OrderExpired]);
}

#[test]
fn refunds_reduce_what_is_owed_then_pay_back_and_never_exceed_the_capture() {
    let mut sb = sandbox();
    let order = captured(&mut sb, "demo-good", "1200.00", "ORDER-R", PlanKind::Installments3);
    let bill_id = order.bill_id.clone().unwrap();
    // The shopper repays the first installment (¥400 + fee) with the card.
    let q = quote(&mut sb, "demo-good", &bill_id, QuoteScope::NextInstallment, NOW);
    ok::<RepaymentResult>(repay(&mut sb, "demo-good", "pay-1", &q.id, "pm_card_1234", NOW));
    let card_before = card(&mut sb);
    // A refund within the unpaid part: the shopper owes less, nothing is paid back.
    let r1: Refund = ok(refund(&mut sb, "rf-1", "ORDER-R", "300.00", NOW));
    assert_eq!((r1.amount, r1.paid_back), (cny("300.00"), cny("0.00")));
    assert_eq!(r1, ok::<Refund>(refund(&mut sb, "rf-1", "ORDER-R", "300.00", NOW)), "a replay refunds once");
    let bill: Bill = ok(get(&mut sb, "demo-good", &format!("/v1/bills/{bill_id}")));
    assert_eq!(bill.refunded, cny("300.00"));
    assert_eq!(bill.installments[2].principal, cny("100.00"), "the last installment first");
    assert_eq!(bill.refunds.len(), 1);
    assert_eq!(card(&mut sb), card_before);
    // More than is left is refused and changes nothing.
    let p = problem(refund(&mut sb, "rf-2", "ORDER-R", "900.01", NOW), ErrorCode::RefundExceedsCaptured);
    assert!(p.detail.contains("900.00"), "{}", p.detail);
    // The rest: the unpaid part is no longer owed, the paid part goes back to the card.
    let r2: Refund = ok(refund(&mut sb, "rf-3", "ORDER-R", "900.00", NOW));
    let paid_back = cny("400.00").checked_add(&bill.installments[0].fee).unwrap();
    assert_eq!(r2.paid_back, paid_back);
    assert_eq!(card(&mut sb), card_before.checked_add(&paid_back).unwrap());
    let bill: Bill = ok(get(&mut sb, "demo-good", &format!("/v1/bills/{bill_id}")));
    assert_eq!((bill.status, bill.amount_left, bill.refunded), (BillStatus::Refunded, cny("0.00"), cny("1200.00")));
    assert!(bill.installments.iter().all(|i| i.status == InstallmentStatus::Refunded));
    let records: RefundList = ok(get(&mut sb, "demo-good", &format!("/v1/refunds?bill_id={bill_id}")));
    assert_eq!(records.refunds.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), [r2.id.as_str(), r1.id.as_str()]);
    assert_eq!(records.refunds[0].paid_back_to[0].payment_method_id, "pm_card_1234");
    problem(refund(&mut sb, "rf-4", "ORDER-R", "0.01", NOW), ErrorCode::RefundExceedsCaptured);
    let merchant_view: Order = merchant_get(&mut sb, "/v1/merchant/orders/ORDER-R");
    assert_eq!(merchant_view.refunded_amount, cny("1200.00"));
    // An authorization not captured cannot be refunded.
    authorize(&mut sb, "demo-good", "10.00", "ORDER-U", PlanKind::PayIn30Days);
    problem(refund(&mut sb, "rf-5", "ORDER-U", "1.00", NOW), ErrorCode::InvalidState);
}

fn card(sb: &mut Sandbox) -> paylater_core::Money {
    let methods: PaymentMethodList = ok(get(sb, "demo-good", "/v1/payment-methods"));
    methods.payment_methods.iter().find(|m| m.id == "pm_card_1234").unwrap().available
}

#[test]
fn secret_keys_and_session_tokens_stay_on_their_side() {
    let mut sb = sandbox();
    captured(&mut sb, "demo-good", "100.00", "ORDER-K", PlanKind::PayIn30Days);
    // A shopper's token cannot call the merchant API; a secret key cannot act as a shopper.
    let p = problem(get(&mut sb, "demo-good", "/v1/merchant/orders/ORDER-K"), ErrorCode::Unauthorized);
    assert!(p.detail.contains("secret key"), "{}", p.detail);
    let p = problem(get(&mut sb, KEY, "/v1/me"), ErrorCode::Unauthorized);
    assert!(p.detail.contains("cannot act as a shopper"), "{}", p.detail);
    problem(get(&mut sb, "sk_test_unknown", "/v1/merchant/orders/ORDER-K"), ErrorCode::Unauthorized);
    // A secret key from a browser is refused on every path, even with a valid key.
    for path in ["/v1/merchant/orders/ORDER-K", "/v1/me", "/v1/merchant/events"] {
        let from_browser = Call { origin: Some("https://shop.example"), ..Call::new("GET", path, KEY) };
        problem(call(&mut sb, from_browser, NOW), ErrorCode::Forbidden);
    }
    // A shopper's token from a browser is what the widget sends: fine.
    let widget = Call { origin: Some("https://shop.example"), ..Call::new("GET", "/v1/me", "demo-good") };
    ok::<Profile>(call(&mut sb, widget, NOW));
    // Another merchant with its own key sees none of the demo shop's orders.
    sb.set_secret_key("M-FRESH", "sk_test_fresh");
    problem(get(&mut sb, "sk_test_fresh", "/v1/merchant/orders/ORDER-K"), ErrorCode::NotFound);
    let theirs: EventList = ok(get(&mut sb, "sk_test_fresh", "/v1/merchant/events"));
    assert!(theirs.events.is_empty());
}

#[test]
fn a_known_path_with_another_method_is_405_with_allow() {
    let mut sb = sandbox();
    for (method, path, allow) in [
        ("DELETE", "/v1/me", "GET"),
        ("PUT", "/v1/orders", "GET, POST"),
        ("GET", "/v1/merchant/orders/O/capture", "POST"),
        ("POST", "/v1/merchant/webhook", "GET, PUT"),
        ("TRACE", "/v1/bills/bill_overdue", "GET"),
    ] {
        let r = call(&mut sb, Call::new(method, path, "demo-good"), NOW);
        assert_eq!(r.allow, Some(allow), "{method} {path}");
        problem(r, ErrorCode::MethodNotAllowed);
    }
    problem(get(&mut sb, "demo-good", "/v1/nothing"), ErrorCode::NotFound);
}

#[test]
fn every_change_is_an_event_delivered_signed_and_retried_with_backoff() {
    let mut sb = sandbox();
    let order = captured(&mut sb, "demo-good", "600.00", "ORDER-W", PlanKind::Installments3);
    let bill_id = order.bill_id.clone().unwrap();
    let q = quote(&mut sb, "demo-good", &bill_id, QuoteScope::Settle, NOW);
    ok::<RepaymentResult>(repay(&mut sb, "demo-good", "pay-w", &q.id, "pm_card_1234", NOW));
    ok::<Refund>(refund(&mut sb, "rf-w", "ORDER-W", "100.00", NOW));
    let events: EventList = merchant_get(&mut sb, "/v1/merchant/events");
    let types: Vec<&str> = events.events.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(types, ["order.authorized", "order.captured", "repayment.made", "bill.settled", "order.refunded"]);
    let ids: std::collections::BTreeSet<&str> = events.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 5, "unique ids");
    assert!(events.events[4].refund.is_some() && events.events[2].repayment.is_some());
    // Paged like every list.
    let first: EventList = merchant_get(&mut sb, "/v1/merchant/events?limit=2");
    let next: EventList =
        merchant_get(&mut sb, &format!("/v1/merchant/events?limit=2&cursor={}", first.next_cursor.unwrap()));
    assert_eq!(next.events[0], events.events[2]);

    // No URL: nothing to deliver (the events wait). With one, each is delivered, signed.
    assert!(sb.due_webhooks(NOW).is_empty());
    let endpoint: WebhookEndpoint = ok(call(
        &mut sb,
        Call { body: r#"{"url":"http://127.0.0.1:9/hooks"}"#.into(), ..Call::new("PUT", "/v1/merchant/webhook", KEY) },
        NOW,
    ));
    assert_eq!(endpoint.secret, DEMO_WEBHOOK_SECRET);
    let due = sb.due_webhooks(NOW);
    assert_eq!(due.len(), 5);
    for d in &due {
        assert_eq!(d.url, "http://127.0.0.1:9/hooks");
        assert_eq!(verify_signature(DEMO_WEBHOOK_SECRET, &d.signature, &d.body, NOW, SIGNATURE_TOLERANCE), Ok(()));
        let event: WebhookEvent = serde_json::from_str(&d.body).unwrap();
        assert_eq!(event.id, d.event_id);
    }
    // Handed out once while in flight.
    assert!(sb.due_webhooks(NOW + Duration::seconds(1)).is_empty());
    // The endpoint is down: tried again after 1 s, then 2 s, 4 s …
    let id = due[0].event_id.clone();
    sb.webhook_failed(&id, NOW);
    assert!(sb.due_webhooks(NOW + Duration::milliseconds(999)).iter().all(|d| d.event_id != id));
    let again = sb.due_webhooks(NOW + Duration::seconds(1));
    assert_eq!(again.iter().map(|d| (d.event_id.as_str(), d.attempt)).collect::<Vec<_>>(), [(id.as_str(), 2)]);
    sb.webhook_failed(&id, NOW + Duration::seconds(1));
    assert!(sb.due_webhooks(NOW + Duration::milliseconds(2999)).is_empty());
    assert_eq!(sb.due_webhooks(NOW + Duration::seconds(3)).len(), 1);
    sb.webhook_delivered(&id, NOW + Duration::seconds(3));
    for d in &due[1..] {
        sb.webhook_delivered(&d.event_id, NOW);
    }
    assert_eq!(sb.pending_webhooks(), 0);
    assert!(sb.due_webhooks(NOW + Duration::hours(2)).is_empty(), "delivered events are not sent again");
    // A bad URL is refused.
    let bad = Call { body: r#"{"url":"ftp://x"}"#.into(), ..Call::new("PUT", "/v1/merchant/webhook", KEY) };
    problem(call(&mut sb, bad, NOW), ErrorCode::InvalidRequest);
}
