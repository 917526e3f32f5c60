//! Resilience of the widget's client (issue 7, in part): reads are tried again with backoff on
//! server and network trouble, paying calls are not (they are replayed with the same key by the
//! components); an expired session is told to the page and a renewed token picks up where the
//! shopper was; offline is shown, and reads are made again when the connection returns.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use gloo_timers::future::sleep;
use leptos::task::tick;
use pay_later_widget::api::{ApiClient, MockClock, MockTransport, Transport};
use pay_later_widget::mount_host;
use paylater_core::api::{QuoteRequest, QuoteScope, RepaymentRequest};
use paylater_core::client::ClientError;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

fn client() -> (ApiClient, Rc<std::cell::Cell<u32>>) {
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
    let quote = api.quote("bill_due_soon", &QuoteRequest { scope: QuoteScope::Settle }).await.unwrap();
    failures.set(2);
    let request = RepaymentRequest { quote_id: quote.id, payment_method_id: "pm_balance".into() };
    assert_eq!(api.repay("key-1", &request).await.unwrap_err(), ClientError::Http { status: 503 });
    assert_eq!(failures.get(), 1, "one try only");
}

struct Mounted(HtmlElement);

impl Drop for Mounted {
    fn drop(&mut self) {
        self.0.remove();
    }
}

async fn mount(token: &str) -> (Mounted, ShadowRoot) {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    for (name, value) in [
        ("data-amount", "1299.00"),
        ("data-locale", "en"),
        ("data-merchant-id", "M-DEMO-SHOP"),
        ("data-order-id", "ORDER-RESILIENCE"),
        ("data-session-token", token),
    ] {
        host.set_attribute(name, value).unwrap();
    }
    document.body().unwrap().append_child(&host).unwrap();
    mount_host(&host).unwrap();
    tick().await;
    let root = host.shadow_root().unwrap();
    (Mounted(host), root)
}

fn status(root: &ShadowRoot) -> String {
    root.query_selector(".plw-checkout").unwrap().and_then(|e| e.get_attribute("data-status")).unwrap_or_default()
}

async fn wait_for_status(root: &ShadowRoot, wanted: &str) {
    for _ in 0..300 {
        tick().await;
        if status(root) == wanted {
            return;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("status stayed {:?}, wanted {wanted:?}", status(root));
}

fn click_button(root: &ShadowRoot, label: &str) {
    let buttons = root.query_selector_all("button").unwrap();
    let button = (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no button {label:?}"));
    button.click();
}

#[wasm_bindgen_test]
async fn an_expired_session_is_told_to_the_page_and_a_new_token_resumes() {
    let (host, root) = mount("expired-session-token").await;
    let expired = Rc::new(RefCell::new(0));
    let count = expired.clone();
    let listener = Closure::<dyn FnMut()>::new(move || *count.borrow_mut() += 1);
    host.0.add_event_listener_with_callback("paylater:sessionexpired", listener.as_ref().unchecked_ref()).unwrap();
    listener.forget();
    click_button(&root, "Pay later");
    wait_for_status(&root, "failed").await;
    let alert = root.query_selector("[role=alert]").unwrap().unwrap().text_content().unwrap();
    assert!(alert.contains("Your session has expired."), "{alert}");
    assert_eq!(*expired.borrow(), 1, "the page is told once");
    // The merchant's page renews the token (attribute or PayLater handle's update): the check is
    // made again by itself, and the shopper is where they were.
    host.0.set_attribute("data-session-token", "demo-good").unwrap();
    wait_for_status(&root, "eligible").await;
}

#[wasm_bindgen_test]
async fn offline_is_shown_and_the_widget_resumes_when_back_online() {
    let (_host, root) = mount("demo-good").await;
    let window = web_sys::window().unwrap();
    window.dispatch_event(&web_sys::Event::new("offline").unwrap()).unwrap();
    tick().await;
    let notice = root.query_selector("[data-testid=offline]").unwrap().expect("an offline notice");
    assert!(notice.text_content().unwrap().contains("You're offline."));
    assert_eq!(notice.get_attribute("role").as_deref(), Some("status"));
    window.dispatch_event(&web_sys::Event::new("online").unwrap()).unwrap();
    tick().await;
    assert!(root.query_selector("[data-testid=offline]").unwrap().is_none());
    click_button(&root, "Pay later");
    wait_for_status(&root, "eligible").await;
}
