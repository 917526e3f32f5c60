//! The sandbox state machine: every operation, every error code, replays, conflicts, expiry and
//! all-or-nothing repayments, through the same router the mock and the HTTP server use.

mod common;

use common::*;
use paylater_core::api::*;
use paylater_core::sandbox::router::HttpResponse;
use paylater_core::sandbox::{IDEMPOTENCY_RETENTION, provider_date};
use paylater_core::time::Duration;

#[test]
fn activation_then_order_for_the_new_shopper() {
    let mut sb = sandbox();
    let req = order("1299.00", "ORDER-1", PlanKind::Installments6);
    problem(post(&mut sb, "demo-new", "/v1/orders", Some("k1"), &req, NOW), ErrorCode::AgreementRequired);
    let agreement: Agreement = ok(get(&mut sb, "demo-new", "/v1/agreement"));
    let stale = ActivationRequest { agreement_version: "2020-01".into() };
    let p = problem(post(&mut sb, "demo-new", "/v1/activation", None, &stale, NOW), ErrorCode::InvalidState);
    assert!(p.detail.contains("not the current version"));
    let accept = ActivationRequest { agreement_version: agreement.version.clone() };
    let a: Activation = ok(post(&mut sb, "demo-new", "/v1/activation", None, &accept, NOW));
    assert_eq!(a.agreement_version, agreement.version);
    // Accepting again keeps the first acceptance.
    let again: Activation = ok(post(&mut sb, "demo-new", "/v1/activation", None, &accept, NOW + Duration::minutes(5)));
    assert_eq!(again, a);
    let profile: Profile = ok(get(&mut sb, "demo-new", "/v1/me"));
    assert_eq!(profile.activation, ActivationState::Activated);
    assert_eq!(profile.agreement_version.as_deref(), Some(agreement.version.as_str()));
    let auth: Order = ok(post(&mut sb, "demo-new", "/v1/orders", Some("k1"), &req, NOW));
    assert_eq!(
        (auth.status, auth.plan, auth.bill_id.as_deref()),
        (OrderStatus::Authorized, PlanKind::Installments6, None)
    );
    assert_eq!(auth.merchant_name, "演示商店 Demo shop");
    // Held on the limit, and not a bill yet.
    let profile: Profile = ok(get(&mut sb, "demo-new", "/v1/me"));
    assert_eq!(profile.credit_limit.available, cny("6701.00"));
    let bills: BillList = ok(get(&mut sb, "demo-new", "/v1/bills?status=all"));
    assert!(bills.bills.is_empty(), "an authorization is not a bill to repay");
    let pending: OrderList = ok(get(&mut sb, "demo-new", "/v1/orders"));
    assert_eq!(pending.orders, std::slice::from_ref(&auth));
    // The merchant's server captures it: now it is a bill, and the hold became the bill's principal.
    let captured: Order = ok(capture(&mut sb, "cap-1", &auth, "1299.00", "1299.00"));
    assert_eq!(captured.status, OrderStatus::Captured);
    let bill: Bill = ok(get(&mut sb, "demo-new", &format!("/v1/bills/{}", captured.bill_id.unwrap())));
    assert_eq!(bill.plan, PlanKind::Installments6);
    assert_eq!(bill.installments.len(), 6);
    assert_eq!(bill.next_due.unwrap().due_date, paylater_core::time::macros::date!(2026 - 12 - 23));
    let profile: Profile = ok(get(&mut sb, "demo-new", "/v1/me"));
    assert_eq!(profile.credit_limit.available, cny("6701.00"));
    let pending: OrderList = ok(get(&mut sb, "demo-new", "/v1/orders"));
    assert!(pending.orders.is_empty());
}

#[test]
fn orders_are_idempotent_and_refused_with_codes() {
    let mut sb = sandbox();
    let req = order("1299.00", "ORDER-7", PlanKind::Installments3);
    problem(post(&mut sb, "demo-good", "/v1/orders", None, &req, NOW), ErrorCode::InvalidRequest);
    let first: Order = ok(post(&mut sb, "demo-good", "/v1/orders", Some("order-key"), &req, NOW));
    let replay: Order =
        ok(post(&mut sb, "demo-good", "/v1/orders", Some("order-key"), &req, NOW + Duration::seconds(3)));
    assert_eq!(first, replay);
    let all: OrderList = ok(get(&mut sb, "demo-good", "/v1/orders?status=all"));
    assert_eq!(all.orders.iter().filter(|o| o.order_id == "ORDER-7").count(), 1, "one order for a replayed request");
    let other = order("1299.00", "ORDER-8", PlanKind::Installments3);
    problem(post(&mut sb, "demo-good", "/v1/orders", Some("order-key"), &other, NOW), ErrorCode::IdempotencyConflict);
    // A new key for an order that is already authorized is refused, not a second authorization.
    problem(post(&mut sb, "demo-good", "/v1/orders", Some("another-key"), &req, NOW), ErrorCode::InvalidState);
    // Another shopper cannot authorize the same order of the merchant either.
    problem(post(&mut sb, "demo-good+other", "/v1/orders", Some("k"), &req, NOW), ErrorCode::InvalidState);
    let elsewhere = order("1299.00", "ORDER-7B", PlanKind::Installments3);
    problem(post(&mut sb, "demo-low-score", "/v1/orders", Some("k"), &elsewhere, NOW), ErrorCode::NotEligible);
    problem(post(&mut sb, "demo-low-limit", "/v1/orders", Some("k"), &elsewhere, NOW), ErrorCode::LimitExceeded);
    // A merchant the provider does not know is refused: the page cannot make one up.
    let unknown =
        CreateOrderRequest { merchant_id: "M-NOBODY".into(), ..order("10.00", "ORDER-7C", PlanKind::PayIn30Days) };
    problem(post(&mut sb, "demo-good", "/v1/orders", Some("k"), &unknown, NOW), ErrorCode::NotFound);
    problem(
        post(
            &mut sb,
            "demo-good",
            "/v1/orders",
            Some("bad key with spaces"),
            &order("1.00", "O-9", PlanKind::PayIn30Days),
            NOW,
        ),
        ErrorCode::InvalidRequest,
    );
}

#[test]
fn settling_a_bill_early_updates_everything_once() {
    let mut sb = sandbox();
    let before: Bill = ok(get(&mut sb, "demo-good", "/v1/bills/bill_on_schedule"));
    let q = quote(&mut sb, "demo-good", "bill_on_schedule", QuoteScope::Settle, NOW);
    assert_eq!(q.breakdown.principal, before.principal);
    assert_eq!(q.breakdown.fees_waived, before.fee, "nothing is due yet: every fee is waived");
    assert_eq!(q.expires_at - q.created_at, Duration::minutes(10));
    let r: RepaymentResult =
        ok(repay(&mut sb, "demo-good", "pay-1", &q.id, "pm_card_1234", NOW + Duration::seconds(20)));
    assert_eq!(r.bill.status, BillStatus::Settled);
    assert_eq!(r.repayment.amount, q.breakdown.total);
    assert!(r.repayment.receipt_number.starts_with("RC20261123"));
    let methods: PaymentMethodList = ok(get(&mut sb, "demo-good", "/v1/payment-methods"));
    let card = methods.payment_methods.iter().find(|m| m.id == "pm_card_1234").unwrap();
    assert_eq!(card.available, cny("50000.00").checked_sub(&q.breakdown.total).unwrap());
    // A replay returns the same receipt and debits nothing more.
    let replay: RepaymentResult =
        ok(repay(&mut sb, "demo-good", "pay-1", &q.id, "pm_card_1234", NOW + Duration::minutes(30)));
    assert_eq!(replay, r);
    let methods_after: PaymentMethodList = ok(get(&mut sb, "demo-good", "/v1/payment-methods"));
    assert_eq!(methods_after, methods);
    let records: RepaymentList = ok(get(&mut sb, "demo-good", "/v1/repayments?bill_id=bill_on_schedule"));
    assert_eq!(records.repayments, std::slice::from_ref(&r.repayment));
    // The same key with another body is a conflict; the used quote with a new key is expired.
    problem(repay(&mut sb, "demo-good", "pay-1", &q.id, "pm_balance", NOW), ErrorCode::IdempotencyConflict);
    problem(repay(&mut sb, "demo-good", "pay-2", &q.id, "pm_card_1234", NOW), ErrorCode::QuoteExpired);
    // Nothing left to quote.
    let p = post(
        &mut sb,
        "demo-good",
        "/v1/bills/bill_on_schedule/quotes",
        None,
        &QuoteRequest { scope: QuoteScope::Settle, amount: None },
        NOW,
    );
    problem(p, ErrorCode::NothingToRepay);
    let settled: BillList = ok(get(&mut sb, "demo-good", "/v1/bills?status=settled"));
    assert!(settled.bills.iter().any(|b| b.id == "bill_on_schedule"));
}

#[test]
fn next_installment_of_the_overdue_bill_includes_late_interest() {
    let mut sb = sandbox();
    let bill: Bill = ok(get(&mut sb, "demo-good", "/v1/bills/bill_overdue"));
    let q = quote(&mut sb, "demo-good", "bill_overdue", QuoteScope::NextInstallment, NOW);
    assert_eq!(q.breakdown.installments, [1]);
    assert_eq!(q.breakdown.late_interest, bill.installments[0].late_interest);
    assert_eq!(q.breakdown.total, bill.installments[0].amount);
    let r: RepaymentResult = ok(repay(&mut sb, "demo-good", "k", &q.id, "pm_balance", NOW));
    assert_eq!(r.bill.status, BillStatus::OnSchedule);
    assert_eq!(r.bill.next_due.as_ref().unwrap().installment_number, 2);
    assert_eq!(r.bill.installments[0].status, InstallmentStatus::Paid);
}

#[test]
fn expired_and_stale_quotes_are_refused_never_repriced() {
    let mut sb = sandbox();
    let q = quote(&mut sb, "demo-good", "bill_due_soon", QuoteScope::Settle, NOW);
    problem(repay(&mut sb, "demo-good", "late", &q.id, "pm_card_1234", q.expires_at), ErrorCode::QuoteExpired);
    // A quote made before another repayment changed the bill is stale.
    let a = quote(&mut sb, "demo-good", "bill_partly_paid", QuoteScope::Settle, NOW);
    let b = quote(&mut sb, "demo-good", "bill_partly_paid", QuoteScope::NextInstallment, NOW);
    ok::<RepaymentResult>(repay(&mut sb, "demo-good", "first", &b.id, "pm_card_1234", NOW));
    problem(repay(&mut sb, "demo-good", "second", &a.id, "pm_card_1234", NOW), ErrorCode::QuoteExpired);
    // Another shopper's quote id is unknown to this one.
    let mine = quote(&mut sb, "demo-good", "bill_overdue", QuoteScope::Settle, NOW);
    problem(repay(&mut sb, "demo-no-funds", "x", &mine.id, "pm_card_1234", NOW), ErrorCode::NotFound);
    problem(repay(&mut sb, "demo-good", "y", &mine.id, "pm_nope", NOW), ErrorCode::NotFound);
    problem(repay(&mut sb, "demo-good", "z", "qt_nope", "pm_card_1234", NOW), ErrorCode::NotFound);
}

#[test]
fn insufficient_funds_changes_nothing() {
    let mut sb = sandbox();
    let before = sb.clone();
    let q = quote(&mut sb, "demo-no-funds", "bill_no_funds", QuoteScope::Settle, NOW);
    for method in ["pm_card_1234", "pm_balance", "pm_fund"] {
        let p = problem(repay(&mut sb, "demo-no-funds", method, &q.id, method, NOW), ErrorCode::InsufficientFunds);
        assert!(p.detail.contains("choose another payment method"));
    }
    assert_eq!(sb.shopper("demo-no-funds"), before.shopper("demo-no-funds"), "bill, methods and records unchanged");
    // The refusal was not stored: the same key carries another attempt (another method), which is
    // tried for itself. A stored refusal would answer it as a conflicting replay instead.
    let p =
        problem(repay(&mut sb, "demo-no-funds", "pm_card_1234", &q.id, "pm_fund", NOW), ErrorCode::InsufficientFunds);
    assert!(p.detail.contains("choose another payment method"), "{}", p.detail);
    assert_eq!(sb.shopper("demo-no-funds"), before.shopper("demo-no-funds"), "still unchanged");
}

#[test]
fn idempotency_keys_are_kept_for_24_hours() {
    let mut sb = sandbox();
    let req = order("100.00", "ORDER-24H", PlanKind::PayIn30Days);
    let first: Order = ok(post(&mut sb, "demo-good", "/v1/orders", Some("day-key"), &req, NOW));
    let later = NOW + IDEMPOTENCY_RETENTION - Duration::seconds(1);
    let replay: Order = ok(post(&mut sb, "demo-good", "/v1/orders", Some("day-key"), &req, later));
    assert_eq!(replay, first);
    assert_eq!(provider_date(later), provider_date(NOW) + Duration::days(1));
    // Within the day the key is taken: another order under it is a conflict.
    let other = order("200.00", "ORDER-24H-2", PlanKind::PayIn30Days);
    problem(post(&mut sb, "demo-good", "/v1/orders", Some("day-key"), &other, later), ErrorCode::IdempotencyConflict);
    // After it the key is forgotten: the same key is a new request, answered for itself.
    let after = NOW + IDEMPOTENCY_RETENTION + Duration::seconds(1);
    let fresh: Order = ok(post(&mut sb, "demo-good", "/v1/orders", Some("day-key"), &other, after));
    assert_ne!(fresh.id, first.id);
    assert_eq!(fresh.amount.amount().to_string(), "200.00");
}

#[test]
fn every_error_code_can_be_produced() {
    // Internal is the server's own (faults, encoding failures); the rest come from the sandbox.
    let mut seen = std::collections::BTreeSet::new();
    let mut sb = sandbox();
    let mut note = |r: HttpResponse| {
        let p: Problem = serde_json::from_str(&r.body).unwrap();
        seen.insert(p.code.as_str());
    };
    note(post(&mut sb, "demo-low-score", "/v1/orders", Some("a"), &order("10.00", "E1", PlanKind::Installments3), NOW));
    note(post(
        &mut sb,
        "demo-low-limit",
        "/v1/orders",
        Some("a"),
        &order("1299.00", "E2", PlanKind::Installments3),
        NOW,
    ));
    note(post(&mut sb, "demo-new", "/v1/orders", Some("a"), &order("10.00", "E3", PlanKind::Installments3), NOW));
    let q = quote(&mut sb, "demo-no-funds", "bill_no_funds", QuoteScope::Settle, NOW);
    note(repay(&mut sb, "demo-no-funds", "a", &q.id, "pm_fund", NOW));
    note(repay(&mut sb, "demo-no-funds", "b", &q.id, "pm_fund", q.expires_at));
    note(post(
        &mut sb,
        "demo-good",
        "/v1/bills/bill_settled/quotes",
        None,
        &QuoteRequest { scope: QuoteScope::Settle, amount: None },
        NOW,
    ));
    let e4: Order =
        ok(post(&mut sb, "demo-good", "/v1/orders", Some("c"), &order("10.00", "E4", PlanKind::PayIn30Days), NOW));
    note(post(&mut sb, "demo-good", "/v1/orders", Some("c"), &order("11.00", "E4", PlanKind::PayIn30Days), NOW));
    note(get(&mut sb, "demo-good", "/v1/bills?status=x"));
    note(get(&mut sb, "nobody", "/v1/me"));
    note(get(&mut sb, "demo-good", "/v1/bills/none"));
    // The merchant's side.
    note(capture(&mut sb, "m1", &e4, "99.00", "99.00"));
    ok::<Order>(capture(&mut sb, "m2", &e4, "10.00", "10.00"));
    note(capture(&mut sb, "m3", &e4, "10.00", "10.00"));
    note(refund(&mut sb, "m4", "E4", "10.01", NOW));
    note(call(
        &mut sb,
        Call { origin: Some("https://shop.example"), ..Call::new("GET", "/v1/merchant/orders/E4", KEY) },
        NOW,
    ));
    note(call(&mut sb, Call::new("DELETE", "/v1/me", "demo-good"), NOW));
    let expected: Vec<&str> =
        ErrorCode::ALL.iter().filter(|c| **c != ErrorCode::Internal).map(|c| c.as_str()).collect();
    let mut expected = expected;
    expected.sort();
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), expected);
}

/// One clock: a repayment made at 17:56 UTC on Dec 3 (12:56 in New York) is written at the
/// provider's offset, so its time, its receipt number and the bill's day settled all say Dec 4.
#[test]
fn every_time_is_written_at_the_providers_offset_so_times_and_dates_agree() {
    let mut sb = sandbox();
    let at = paylater_core::time::macros::datetime!(2026-12-03 17:56 UTC);
    let request = QuoteRequest { scope: QuoteScope::Settle, amount: None };
    let q: Quote = ok(post(&mut sb, "demo-good", "/v1/bills/bill_on_schedule/quotes", None, &request, at));
    assert_eq!(q.created_at.offset(), paylater_core::sandbox::PROVIDER_OFFSET);
    let pay = RepaymentRequest { quote_id: q.id, payment_method_id: "pm_card_1234".into() };
    let r: RepaymentResult = ok(post(&mut sb, "demo-good", "/v1/repayments", Some("clock-1"), &pay, at));
    assert_eq!(r.repayment.paid_at.offset(), paylater_core::sandbox::PROVIDER_OFFSET);
    assert_eq!((r.repayment.paid_at.day(), r.repayment.paid_at.hour()), (4, 1));
    assert!(r.repayment.receipt_number.starts_with("RC20261204"), "{}", r.repayment.receipt_number);
    assert_eq!(r.bill.settled_on, Some(paylater_core::time::macros::date!(2026 - 12 - 04)));
}
