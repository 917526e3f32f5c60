//! Resilience of the widget's client (issue 7, in part): reads are tried again with backoff on
//! server and network trouble, paying calls are not (they are replayed with the same key by the
//! components); an expired session is told to the page and a renewed token picks up where the
//! shopper was; offline is shown, and reads are made again when the connection returns.
#![cfg(target_arch = "wasm32")]

mod common;

use std::time::Duration;

use common::*;
use pay_later_widget::api::{ApiClient, MockClock, MockTransport, Transport};
use paylater_core::api::{QuoteRequest, QuoteScope, RepaymentRequest};
use paylater_core::client::ClientError;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A client of a sandbox of its own, and the count of calls it will fail (503) next.
fn client() -> (ApiClient, std::rc::Rc<std::cell::Cell<u32>>) {
    let transport = MockTransport::isolated(MockClock::System, Duration::ZERO);
    let failures = transport.failures();
    (ApiClient::new(Transport::Mock(transport), "demo-good"), failures)
}

#[wasm_bindgen_test]
async fn reads_are_tried_again_after_server_trouble() {
    let (api, failures) = client();
    failures.set(2);
    let started = js_sys::Date::now();
    assert_eq!(api.me().await.unwrap().credit_score, 720, "the third try succeeds");
    assert_eq!(failures.get(), 0);
    assert!(js_sys::Date::now() - started >= 1_100.0, "waited 300 + 900 ms between tries");
    failures.set(3);
    assert_eq!(api.me().await.unwrap_err(), ClientError::Http { status: 503 }, "three tries, then the error");
    assert_eq!(failures.get(), 0);
}

#[wasm_bindgen_test]
async fn paying_calls_are_never_retried_by_the_client() {
    let (api, failures) = client();
    let quote =
        api.quote(&"bill_due_soon".into(), &QuoteRequest { scope: QuoteScope::Settle, amount: None }).await.unwrap();
    failures.set(2);
    let request = RepaymentRequest { quote_id: quote.id, payment_method_id: "pm_balance".into() };
    assert_eq!(api.repay(&"key-1".into(), &request).await.unwrap_err(), ClientError::Http { status: 503 });
    assert_eq!(failures.get(), 1, "one try only");
}

#[wasm_bindgen_test]
async fn an_expired_session_is_told_to_the_page_and_a_new_token_resumes() {
    let (host, root) = mount_checkout("expired-session-token", &[], None).await;
    let expired = record(&host, "paylater:sessionexpired");
    button(&root, "Pay later").click();
    wait_for_status(&root, "failed").await;
    let alert = text(&root, "[role=alert]");
    assert!(alert.contains("Your session has expired."), "{alert}");
    assert_eq!(expired.borrow().len(), 1, "the page is told once");
    // The merchant's page renews the token (attribute or PayLater handle's update): the check is
    // made again by itself, and the shopper is where they were.
    host.set_attribute("data-session-token", "demo-good").unwrap();
    wait_for_status(&root, "eligible").await;
}

#[wasm_bindgen_test]
async fn offline_is_shown_and_the_widget_resumes_when_back_online() {
    let (api, failures) = client();
    let (_host, root) = mount_checkout("demo-good", &[], Some(api)).await;
    // The connection drops while the eligibility check is made: every try fails.
    failures.set(u32::MAX);
    button(&root, "Pay later").click();
    wait_until(|| status(&root) == "failed", "the check to fail").await;
    let window = web_sys::window().unwrap();
    window.dispatch_event(&web_sys::Event::new("offline").unwrap()).unwrap();
    leptos::task::tick().await;
    let notice = find(&root, "[data-testid=offline]").expect("an offline notice");
    assert!(text_of(&notice).contains("You're offline."));
    assert_eq!(notice.get_attribute("role").as_deref(), Some("status"));
    // Back online: the failed check is made again by itself, with no click.
    failures.set(0);
    window.dispatch_event(&web_sys::Event::new("online").unwrap()).unwrap();
    wait_for_status(&root, "eligible").await;
    assert!(find(&root, "[data-testid=offline]").is_none());
}
