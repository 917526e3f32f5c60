//! Component tests of the bills view in headless Chromium: the list in every status, the filter,
//! a bill's plan and records, and the early-repayment dialog in each of its states.
#![cfg(target_arch = "wasm32")]

mod common;

use std::time::Duration;

use common::*;
use gloo_timers::future::sleep;
use leptos::task::tick;
use pay_later_widget::api::{ApiClient, MockClock, MockTransport, Transport};
use paylater_core::Policy;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the bills view for `shopper`; every test gets a sandbox of its own unless it brings
/// one, so that one test's repayments do not show in another.
async fn mount(shopper: &str, client: Option<ApiClient>) -> (Mounted, ShadowRoot) {
    let client = client.unwrap_or_else(|| {
        ApiClient::new(Transport::Mock(MockTransport::isolated(MockClock::System, Duration::ZERO)), shopper)
    });
    let attributes = [("data-locale", "en"), ("data-view", "bills"), ("data-session-token", shopper)];
    common::mount(&attributes, Some(client)).await
}

fn status_of(root: &ShadowRoot, bill_id: &str) -> String {
    find(&bill(root, bill_id), "[data-testid=bill-status]").map(|e| text_of(&e)).unwrap_or_default()
}

fn bill(root: &ShadowRoot, id: &str) -> Element {
    find(root, &format!("[data-bill-id={id}]")).unwrap_or_else(|| panic!("no bill {id}"))
}

#[wasm_bindgen_test]
async fn every_status_in_words_most_urgent_first_and_the_filter() {
    let (_host, root) = mount("demo-good", None).await;
    wait_for(&root, "[data-testid=bill-list]").await;
    let statuses: Vec<String> = all(&root, "[data-testid=bill-status]").iter().map(text_of).collect();
    assert_eq!(statuses.len(), 4, "{statuses:?}");
    assert!(statuses[0].starts_with("Overdue ") && statuses[0].contains(" days · late interest ¥"), "{statuses:?}");
    assert_eq!(&statuses[1..], ["Due soon", "On schedule", "On schedule"]);
    let radios = all(&root, "input[name=plw-bill-filter]");
    radios[1].unchecked_ref::<HtmlElement>().click();
    wait_until(|| all(&root, "[data-testid=bill-status]").len() == 1, "the settled filter").await;
    assert!(text_of(&all(&root, "[data-testid=bill-status]")[0]).starts_with("Settled on "));
    radios[2].unchecked_ref::<HtmlElement>().click();
    wait_until(|| all(&root, "[data-testid=bill-status]").len() == 5, "the all filter").await;
}

#[wasm_bindgen_test]
async fn nothing_owed_shows_an_empty_state() {
    let (_host, root) = mount("demo-new", None).await;
    let empty = wait_for(&root, "[data-testid=bills-empty]").await;
    assert_eq!(text_of(&empty), "You have nothing to repay.");
    assert_eq!(text_of(&wait_for(&root, "[data-testid=records-empty]").await), "No repayments yet.");
}

#[wasm_bindgen_test]
async fn a_bill_opens_into_its_plan_and_its_own_records() {
    let (_host, root) = mount("demo-good", None).await;
    wait_for(&root, "[data-testid=bill-list]").await;
    let card = bill(&root, "bill_partly_paid");
    let toggle = button(&card, "Repayment plan");
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("false"));
    toggle.click();
    tick().await;
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("true"));
    let rows = card.query_selector_all("[data-testid=bill-detail] tbody tr").unwrap();
    assert_eq!(rows.length(), 12);
    let statuses: Vec<String> = (0..4).map(|i| rows.item(i).unwrap().text_content().unwrap()).collect();
    assert!(statuses[0].contains("Paid on ") && statuses[1].contains("Paid on "), "{statuses:?}");
    assert!(statuses[2].contains("Due") && statuses[3].contains("Upcoming"), "{statuses:?}");
    let own = card.query_selector_all("[data-testid=bill-records] li").unwrap();
    assert_eq!(own.length(), 2, "the bill's own two records");
    // All records, newest first, each with its receipt number.
    let receipts: Vec<String> = all(&root, "[data-testid=records] > ul > li")
        .iter()
        .map(|li| li.get_attribute("data-receipt").unwrap())
        .collect();
    assert_eq!(receipts.len(), 4);
    let mut sorted = receipts.clone();
    sorted.sort_by(|a, b| b[2..10].cmp(&a[2..10]));
    assert_eq!(receipts, sorted, "newest first");
}

async fn open_dialog(root: &ShadowRoot, bill_id: &str) -> (HtmlElement, web_sys::HtmlDialogElement) {
    wait_for(root, "[data-testid=bill-list]").await;
    let trigger = button(&bill(root, bill_id), "Repay early");
    trigger.click();
    let dialog: web_sys::HtmlDialogElement = wait_for(root, "dialog").await.unchecked_into();
    assert!(dialog.open(), "a modal dialog");
    wait_for(root, "[data-testid=breakdown]").await;
    (trigger, dialog)
}

fn quote_text(root: &ShadowRoot, testid: &str) -> String {
    text_of(&find(root, &format!("[data-testid={testid}]")).unwrap())
}

#[wasm_bindgen_test]
async fn the_dialog_quotes_next_installment_and_settlement_with_a_breakdown() {
    let (_host, root) = mount("demo-good", None).await;
    wait_for(&root, "[data-testid=bill-list]").await;
    let late = status_of(&root, "bill_overdue");
    let (_, _dialog) = open_dialog(&root, "bill_overdue").await;
    // The next installment carries the bill's late interest.
    let late_interest = quote_text(&root, "quote-late-interest");
    assert!(late.ends_with(&late_interest), "{late} / {late_interest}");
    assert_eq!(quote_text(&root, "quote-fees-waived"), "¥0.00");
    assert!(text_of(&find(&root, "dialog").unwrap()).contains("This amount holds until "));
    choose(&root, "input[name=plw-repay-scope]:not(:checked)").await;
    wait_until(|| quote_text(&root, "quote-fees-waived") == "¥10.00", "the settlement quote").await;
    assert_eq!(quote_text(&root, "quote-principal"), "¥600.00");
    // Every method can cover it: none disabled.
    assert!(
        all(&root, "input[name=plw-repay-method]").iter().all(|i| !i.unchecked_ref::<HtmlInputElement>().disabled())
    );
}

#[wasm_bindgen_test]
async fn paying_shows_the_receipt_updates_the_list_and_tells_the_page() {
    let (host, root) = mount("demo-good", None).await;
    let repaid = record(&host, "paylater:repaid");
    open_dialog(&root, "bill_due_soon").await;
    let dialog = find(&root, "dialog").unwrap();
    let pay = button(&dialog, &format!("Pay {}", quote_text(&root, "quote-total")));
    pay.click();
    pay.click(); // a double click
    let receipt = wait_for(&root, "[data-testid=receipt]").await;
    assert!(text_of(&receipt).starts_with("RC"));
    assert_eq!(repaid.borrow().len(), 1, "one payment, one event");
    assert!(repaid.borrow()[0].contains(r#""bill_status":"settled""#));
    wait_until(|| status_of(&root, "bill_due_soon").starts_with("Settled on "), "the list update").await;
    let records = all(&root, "[data-testid=records] > ul > li");
    assert_eq!(records.len(), 5);
    assert_eq!(records[0].get_attribute("data-receipt"), Some(text_of(&receipt)));
    // Close: focus goes back to the bill (its Repay early button is gone now it is settled).
    button(&dialog, "Close").click();
    wait_until(|| find(&root, "dialog").is_none(), "the dialog to close").await;
    sleep(Duration::from_millis(20)).await;
    let focused = root.active_element().unwrap();
    assert_eq!(focused.id(), "plw-bill-bill_due_soon");
}

#[wasm_bindgen_test]
async fn methods_that_cannot_cover_are_shown_and_cannot_be_chosen() {
    let (_host, root) = mount("demo-no-funds", None).await;
    open_dialog(&root, "bill_no_funds").await;
    let methods = all(&root, "input[name=plw-repay-method]");
    assert_eq!(methods.len(), 3);
    assert!(methods.iter().all(|i| i.unchecked_ref::<HtmlInputElement>().disabled()));
    let card = find(&root, "input[value=pm_card_1234]").unwrap().closest("label").unwrap().unwrap();
    assert!(text_of(&card).contains("Not enough: can pay up to ¥500.00"), "{}", text_of(&card));
    assert!(
        text_of(&wait_for(&root, "[data-testid=no-method]").await).contains("None of your payment methods can cover")
    );
    let pay = find(&root, "dialog .plw-button--primary").unwrap();
    assert!(pay.unchecked_ref::<web_sys::HtmlButtonElement>().disabled(), "nothing to pay with");
}

#[wasm_bindgen_test]
async fn an_expiring_quote_is_refreshed_and_said_so() {
    let policy = Policy { quote_ttl_seconds: 2, ..Policy::default() };
    let client = ApiClient::new(
        Transport::Mock(MockTransport::with_policy(MockClock::System, Duration::ZERO, policy)),
        "demo-good",
    );
    let (_host, root) = mount("demo-good", Some(client)).await;
    open_dialog(&root, "bill_on_schedule").await;
    let first = find(&root, "[data-testid=breakdown]").unwrap().get_attribute("data-quote-id").unwrap();
    let refreshed = wait_for(&root, "[data-testid=quote-refreshed]").await;
    assert_eq!(text_of(&refreshed), "The quote expired, so the amount was refreshed. Check it before you pay.");
    wait_until(
        || {
            find(&root, "[data-testid=breakdown]")
                .and_then(|b| b.get_attribute("data-quote-id"))
                .is_some_and(|id| id != first)
        },
        "a new quote",
    )
    .await;
}

#[wasm_bindgen_test]
async fn escape_closes_and_focus_returns_to_the_button() {
    let (_host, root) = mount("demo-good", None).await;
    let (trigger, dialog) = open_dialog(&root, "bill_partly_paid").await;
    let escape = web_sys::KeyboardEventInit::new();
    escape.set_key("Escape");
    escape.set_bubbles(true);
    dialog
        .dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &escape).unwrap())
        .unwrap();
    wait_until(|| find(&root, "dialog").is_none(), "the dialog to close").await;
    sleep(Duration::from_millis(20)).await;
    let focused: HtmlElement = root.active_element().unwrap().unchecked_into();
    assert_eq!(focused, trigger);
}

#[wasm_bindgen_test]
async fn an_unanswered_payment_is_checked_never_failed_and_never_paid_twice() {
    let transport = MockTransport::isolated(MockClock::System, Duration::ZERO);
    let failures = transport.failures();
    let api = ApiClient::new(Transport::Mock(transport), "demo-good");
    let (_host, root) = mount("demo-good", Some(api.clone())).await;
    open_dialog(&root, "bill_on_schedule").await;
    let dialog = find(&root, "dialog").unwrap();
    // The payment, its replay and the first look at the records all go unanswered (503, nothing
    // applied); the look is tried again and answers: no record of this quote.
    failures.set(3);
    button(&dialog, &format!("Pay {}", quote_text(&root, "quote-total"))).click();
    tick().await;
    let unconfirmed = wait_for(&root, "[data-testid=repay-error]").await;
    assert!(text_of(&unconfirmed).starts_with("We couldn't confirm whether your payment went through."));
    // Locked: no other scope or method, no second payment; only "Check again".
    assert!(all(&root, "dialog fieldset").iter().all(|f| f.has_attribute("disabled")));
    let check = button(&dialog, "Check again");
    let before: paylater_core::api::RepaymentList =
        api.repayments(Some(&"bill_on_schedule".into()), &paylater_core::api::PageRequest::default()).await.unwrap();
    assert!(before.repayments.is_empty(), "nothing was paid");
    check.click();
    let receipt = wait_for(&root, "[data-testid=receipt]").await;
    let after =
        api.repayments(Some(&"bill_on_schedule".into()), &paylater_core::api::PageRequest::default()).await.unwrap();
    assert_eq!(after.repayments.len(), 1, "paid once");
    assert_eq!(Some(text_of(&receipt)), after.repayments.first().map(|r| r.receipt_number.clone()));
}

#[wasm_bindgen_test]
async fn an_open_bill_shows_its_new_record_after_a_repayment() {
    let (_host, root) = mount("demo-good", None).await;
    wait_for(&root, "[data-testid=bill-list]").await;
    button(&bill(&root, "bill_partly_paid"), "Repayment plan").click();
    wait_until(|| all(&root, "[data-testid=bill-records] li").len() == 2, "the bill's two records").await;
    open_dialog(&root, "bill_partly_paid").await;
    let dialog = find(&root, "dialog").unwrap();
    button(&dialog, &format!("Pay {}", quote_text(&root, "quote-total"))).click();
    let receipt = text_of(&wait_for(&root, "[data-testid=receipt]").await);
    button(&dialog, "Close").click();
    wait_until(|| find(&root, "dialog").is_none(), "the dialog to close").await;
    wait_until(
        || {
            all(&root, "[data-testid=bill-records] li")
                .first()
                .is_some_and(|li| li.get_attribute("data-receipt").as_deref() == Some(receipt.as_str()))
        },
        "the new record at the top of the bill's own records",
    )
    .await;
    assert_eq!(all(&root, "[data-testid=bill-records] li").len(), 3);
}

/// Sends `body` to `path` on `sandbox` with `credential` (a shopper's token or the merchant's key).
fn call(
    sandbox: &std::cell::RefCell<paylater_core::sandbox::Sandbox>,
    credential: &str,
    path: &str,
    key: &str,
    body: &str,
) -> String {
    let authorization = format!("Bearer {credential}");
    let answer = sandbox.borrow_mut().handle(
        &paylater_core::sandbox::router::HttpRequest {
            method: "POST",
            path,
            query: "",
            authorization: Some(&authorization),
            idempotency_key: Some(key),
            origin: None,
            body: body.as_bytes(),
        },
        MockClock::System.now(),
    );
    assert!(answer.status < 300, "{path}: {} {}", answer.status, answer.body);
    answer.body
}

#[wasm_bindgen_test]
async fn pending_orders_show_as_pending_and_refunds_show_on_the_bill_and_in_the_records() {
    let mock = MockTransport::isolated(MockClock::System, Duration::ZERO);
    let sandbox = mock.sandbox();
    let key = paylater_core::sandbox::seed::DEMO_SECRET_KEY;
    let order = |id: &str, amount: &str| {
        format!(
            r#"{{"merchant_id":"M-DEMO-SHOP","order_id":"{id}","amount":{{"amount":"{amount}","currency":"CNY"}},"plan":"installments_3"}}"#
        )
    };
    // One order waits for the shop; another was captured, then partly refunded.
    call(&sandbox, "demo-good", "/v1/orders", "a-1", &order("P-1", "500.00"));
    let placed = call(&sandbox, "demo-good", "/v1/orders", "a-2", &order("R-1", "1200.00"));
    let auth: paylater_core::api::Order = serde_json::from_str(&placed).unwrap();
    let money = r#"{"amount":"1200.00","currency":"CNY"}"#;
    let captured = call(
        &sandbox,
        key,
        "/v1/merchant/orders/R-1/capture",
        "c-1",
        &format!(r#"{{"authorization_id":"{}","order_amount":{money},"capture_amount":{money}}}"#, auth.id),
    );
    let bill_id = serde_json::from_str::<paylater_core::api::Order>(&captured).unwrap().bill_id.unwrap();
    call(
        &sandbox,
        key,
        "/v1/merchant/orders/R-1/refunds",
        "r-1",
        r#"{"amount":{"amount":"300.00","currency":"CNY"},"reason":"one item returned"}"#,
    );
    let (_host, root) = mount("demo-good", Some(ApiClient::new(Transport::Mock(mock), "demo-good"))).await;

    let pending = text_of(&wait_for(&root, "[data-testid=pending-orders]").await);
    assert!(pending.contains("Waiting for the shop"), "{pending}");
    assert!(pending.contains("演示商店 Demo shop · order P-1"), "{pending}");
    assert!(pending.contains("¥500.00 · 3 monthly installments. Nothing to pay until the shop confirms"), "{pending}");
    assert!(!pending.contains("R-1"), "a captured order is a bill, not pending");
    wait_for(&root, &format!("[data-bill-id={bill_id}]")).await;
    let card = bill(&root, &bill_id);
    assert_eq!(
        text_of(&card.query_selector("[data-testid=bill-refunded]").unwrap().unwrap()),
        "Refunded by the shop: ¥300.00"
    );
    button(&card, "Repayment plan").click();
    let refunds = text_of(&wait_for(&root, "[data-testid=bill-refunds]").await);
    assert!(refunds.contains("¥300.00 refunded"), "{refunds}");
    assert!(refunds.contains("less to pay"), "{refunds}");
    assert!(refunds.contains("Reason: one item returned"), "{refunds}");
    let all = text_of(&wait_for(&root, "[data-testid=refunds]").await);
    assert!(all.contains("演示商店 Demo shop · order R-1"), "{all}");
}
