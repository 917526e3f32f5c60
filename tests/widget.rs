//! Component tests in headless Chromium (wasm-bindgen-test): mount the widget as a merchant's page
//! would (with the in-browser mock), act as a shopper, assert what the shopper sees, in every
//! state of the checkout: offer, checking, eligible with plans, each not-eligible reason,
//! activation required, confirming, confirmed, failed.
#![cfg(target_arch = "wasm32")]

mod common;

use std::time::Duration;

use common::*;
use gloo_timers::future::sleep;
use leptos::task::tick;
use pay_later_widget::api::{ApiClient, MockClock, MockTransport, Transport, demo_merchant_request};
use pay_later_widget::mount_host;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlInputElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a checkout for `shopper` (a demo token of the in-browser mock) with a unique order id.
async fn mount(shopper: &str, extra: &[(&str, &str)]) -> (Mounted, ShadowRoot) {
    mount_checkout(shopper, extra, None).await
}

fn order_status(root: &ShadowRoot) -> String {
    find(root, "[data-testid=confirmed]").and_then(|e| e.get_attribute("data-order-status")).unwrap_or_default()
}

fn authorization_id(root: &ShadowRoot) -> String {
    find(root, "[data-testid=confirmed]").and_then(|e| e.get_attribute("data-authorization-id")).unwrap_or_default()
}

/// Waits until the placed order reaches `wanted` (the widget looks again after 1 s, 1 s, 2 s …).
async fn wait_for_order_status(root: &ShadowRoot, wanted: &str) {
    for _ in 0..100 {
        tick().await;
        if order_status(root) == wanted {
            return;
        }
        sleep(Duration::from_millis(100)).await;
    }
    panic!("the order never became {wanted}: {}", order_status(root));
}

/// The demo merchant's server captures `order_id` with the amount from its own cart.
fn capture(order_id: &str, authorization_id: &str, cart_total: &str) -> paylater_core::client::RawResponse {
    let money = format!(r#"{{"amount":"{cart_total}","currency":"CNY"}}"#);
    let body =
        format!(r#"{{"authorization_id":"{authorization_id}","order_amount":{money},"capture_amount":{money}}}"#);
    demo_merchant_request(
        "POST",
        &format!("/v1/merchant/orders/{order_id}/capture"),
        &body,
        Some(&format!("capture-{order_id}")),
    )
}

#[wasm_bindgen_test]
async fn offer_shows_the_total_and_the_monthly_line_computed_from_the_amount() {
    let (_host, root) = mount("demo-good", &[("data-locale", "zh-CN")]).await;
    assert_eq!(status(&root), "offer");
    assert_eq!(text(&root, "[data-testid=order-total]"), "¥1,299.00");
    // 12 installments: 108.25 principal + 9.53 fee on the first (leftover cents go first).
    assert_eq!(text(&root, "[data-testid=offer-line]"), "低至 ¥117.78/月");
    button(&root, "使用先享后付");
}

#[wasm_bindgen_test]
async fn changing_the_amount_or_language_updates_in_place_and_rechecks() {
    let (host, root) = mount("demo-good", &[]).await;
    button(&root, "Pay later").click();
    wait_for_status(&root, "eligible").await;
    let six: HtmlInputElement = find(&root, "input[value=installments_6]").unwrap().unchecked_into();
    six.click();
    tick().await;
    let offer = find(&root, ".plw-offer").unwrap();
    host.set_attribute("data-amount", "2599.00").unwrap();
    for _ in 0..100 {
        tick().await;
        if text(&root, "[data-testid=schedule-total]") == "¥2,715.96" {
            break;
        }
        sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(text(&root, "[data-testid=order-total]"), "¥2,599.00");
    // 12 × (216.58 principal + 19.05 fee), the leftover cents on the first: 216.59 + 19.06.
    assert_eq!(text(&root, "[data-testid=offer-line]"), "From ¥235.65 / month");
    // 2599.00 + 4.5 % = 2715.96 (116.96 fee): the plans were checked again for the new amount.
    assert_eq!(text(&root, "[data-testid=schedule-total]"), "¥2,715.96");
    assert!(
        find(&root, "input[value=installments_6]").unwrap().unchecked_into::<HtmlInputElement>().checked(),
        "the selection is kept"
    );
    assert!(offer.is_connected(), "updated in place, not remounted");
    host.set_attribute("data-locale", "zh-CN").unwrap();
    tick().await;
    sleep(Duration::from_millis(20)).await;
    tick().await;
    assert_eq!(text(&root, "[data-testid=schedule-total]"), "¥2,715.96");
    assert!(text(&root, ".plw-plans__legend").contains("选择付款方案"));
}

#[wasm_bindgen_test]
async fn checking_then_eligible_with_every_plan_and_the_schedule() {
    let (_host, root) = mount("demo-good", &[("data-mock-latency-ms", "120")]).await;
    button(&root, "Pay later").click();
    tick().await;
    assert_eq!(status(&root), "checking");
    assert!(find(&root, "[data-testid=checking]").is_some(), "a loading state is shown");
    assert_eq!(find(&root, ".plw-flow").unwrap().get_attribute("aria-busy").as_deref(), Some("true"));
    wait_for_status(&root, "eligible").await;
    let radios = all(&root, "input[type=radio]");
    assert_eq!(radios.len(), 4);
    // The first plan is selected, with its schedule.
    assert_eq!(
        find(&root, "[data-testid=schedule]").unwrap().get_attribute("data-plan").as_deref(),
        Some("pay_in_30_days")
    );
    // Choosing 6 installments shows six rows, the fee with its rate, and the total.
    let six: HtmlInputElement = find(&root, "input[value=installments_6]").unwrap().unchecked_into();
    six.click();
    tick().await;
    assert_eq!(all(&root, "[data-testid=schedule] tbody tr").len(), 6);
    assert!(text(&root, "[data-testid=schedule]").contains("¥226.25"));
    assert_eq!(text(&root, "[data-testid=schedule-fee]"), "¥58.46 · 4.5% of the order amount");
    assert_eq!(text(&root, "[data-testid=schedule-total]"), "¥1,357.46");
}

#[wasm_bindgen_test]
async fn confirming_then_confirmed_tells_the_page_once() {
    let (host, root) = mount("demo-good", &[("data-mock-latency-ms", "60")]).await;
    let approved = record(&host, "paylater:approved");
    button(&root, "Pay later").click();
    wait_for_status(&root, "eligible").await;
    let three: HtmlInputElement = find(&root, "input[value=installments_3]").unwrap().unchecked_into();
    three.click();
    tick().await;
    let confirm = button(&root, "Confirm pay later");
    confirm.click();
    confirm.click(); // a double click
    tick().await;
    assert_eq!(status(&root), "confirming");
    let busy = button(&root, "Confirming…");
    assert!(busy.unchecked_ref::<web_sys::HtmlButtonElement>().disabled());
    wait_for_status(&root, "confirmed").await;
    // Placed: nothing owed until the merchant's server captures it.
    let placed = text(&root, "[data-testid=confirmed]");
    let focused = root.active_element().expect("focus moved into the widget");
    assert_eq!(focused.class_name(), "plw-confirmed__heading", "the result takes focus");
    assert!(placed.contains("Order placed"), "{placed}");
    assert!(
        placed.contains("Waiting for 演示商店 Demo shop to confirm your order. You owe nothing until they do"),
        "{placed}"
    );
    assert_eq!(order_status(&root), "authorized");
    assert_eq!(approved.borrow().len(), 1, "one approved event");
    let detail = approved.borrow()[0].clone();
    assert!(detail.contains(r#""plan":"installments_3""#), "{detail}");
    assert!(detail.contains(r#""status":"authorized""#), "{detail}");
    let authorization_id = authorization_id(&root);
    assert!(detail.contains(&format!(r#""authorization_id":"{authorization_id}""#)), "{detail}");
    // The merchant's server captures it; the widget follows the order and shows the plan.
    let order_id = host.get_attribute("data-order-id").unwrap();
    assert_eq!(capture(&order_id, &authorization_id, "1299.00").status, 200);
    wait_for_order_status(&root, "captured").await;
    let confirmed = text(&root, "[data-testid=confirmed]");
    assert!(confirmed.contains("Pay later confirmed by the shop"), "{confirmed}");
    assert!(confirmed.contains("Your first payment of ¥443.83 is due on"), "{confirmed}");
}

#[wasm_bindgen_test]
async fn an_order_the_shop_refuses_shows_as_cancelled_with_nothing_owed() {
    let (host, root) = mount("demo-good", &[("data-amount", "1.00")]).await;
    button(&root, "Pay later").click();
    wait_for_status(&root, "eligible").await;
    button(&root, "Confirm pay later").click();
    wait_for_status(&root, "confirmed").await;
    let order_id = host.get_attribute("data-order-id").unwrap();
    let authorization_id = authorization_id(&root);
    // The shop's cart says ¥1,299.00: the capture is refused, and the shop cancels.
    let refused = capture(&order_id, &authorization_id, "1299.00");
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("amount_mismatch"));
    let body = format!(r#"{{"authorization_id":"{authorization_id}"}}"#);
    let path = format!("/v1/merchant/orders/{order_id}/cancel");
    assert_eq!(demo_merchant_request("POST", &path, &body, Some("cancel-1")).status, 200);
    wait_for_order_status(&root, "cancelled").await;
    let words = text(&root, "[data-testid=confirmed]");
    assert!(words.contains("Order cancelled by the shop"), "{words}");
    assert!(words.contains("You owe nothing, and the hold on your limit is released."), "{words}");
}

#[wasm_bindgen_test]
async fn low_score_is_declined_in_words_with_a_way_back() {
    let (host, root) = mount("demo-low-score", &[]).await;
    let declined = record(&host, "paylater:declined");
    let closed = record(&host, "paylater:close");
    button(&root, "Pay later").click();
    wait_for_status(&root, "not-eligible").await;
    let words = text(&root, "[data-testid=declined]");
    assert!(words.contains("Your credit score doesn't meet the requirement for pay later yet."), "{words}");
    assert!(!words.contains("score_too_low"), "no raw codes: {words}");
    assert_eq!(declined.borrow().len(), 1);
    button(&root, "Choose another payment method").click();
    tick().await;
    assert_eq!(status(&root), "offer");
    assert_eq!(closed.borrow().len(), 1);
}

#[wasm_bindgen_test]
async fn low_limit_says_the_available_limit() {
    let (_host, root) = mount("demo-low-limit", &[]).await;
    button(&root, "Pay later").click();
    wait_for_status(&root, "not-eligible").await;
    assert!(
        text(&root, "[data-testid=declined]")
            .contains("Your available pay-later limit is ¥300.00, less than this order.")
    );
}

#[wasm_bindgen_test]
async fn a_seriously_overdue_bill_must_be_repaid_first() {
    let (_host, root) = mount("demo-overdue", &[("data-locale", "zh-CN")]).await;
    button(&root, "使用先享后付").click();
    wait_for_status(&root, "not-eligible").await;
    assert!(text(&root, "[data-testid=declined]").contains("你有逾期未还的账单，还清后可再次使用先享后付。"));
}

#[wasm_bindgen_test]
async fn activation_requires_accepting_the_agreement_before_confirming() {
    let (_host, root) = mount("demo-new", &[]).await;
    button(&root, "Pay later").click();
    wait_for_status(&root, "eligible").await;
    for _ in 0..50 {
        if find(&root, ".plw-agreement__text").is_some() {
            break;
        }
        sleep(Duration::from_millis(10)).await;
    }
    assert!(text(&root, ".plw-agreement").contains("Version 2026-10"));
    assert!(text(&root, ".plw-agreement__text").contains("提前还款 Early repayment"));
    // Confirming without accepting is refused, and says why.
    button(&root, "Confirm pay later").click();
    tick().await;
    assert_eq!(status(&root), "eligible");
    assert_eq!(text(&root, "#plw-agreement-error"), "Accept the service agreement to confirm pay later.");
    let checkbox: HtmlInputElement = find(&root, ".plw-checkbox input").unwrap().unchecked_into();
    assert_eq!(checkbox.get_attribute("aria-invalid").as_deref(), Some("true"));
    checkbox.click();
    tick().await;
    assert_eq!(text(&root, "#plw-agreement-error"), "");
    button(&root, "Confirm pay later").click();
    wait_for_status(&root, "confirmed").await;
}

#[wasm_bindgen_test]
async fn a_failed_check_says_what_to_do() {
    let (host, root) =
        mount("demo-good", &[("data-api-base-url", "http://127.0.0.1:9"), ("data-timeout-ms", "2000")]).await;
    let errors = record(&host, "paylater:error");
    button(&root, "Pay later").click();
    wait_for_status(&root, "failed").await;
    assert_eq!(
        text(&root, "[role=alert]"),
        "We couldn't reach the pay-later service. Check your connection and try again.Try again"
    );
    assert_eq!(errors.borrow().len(), 1);
    assert!(errors.borrow()[0].contains(r#""kind":"network""#));
}

#[wasm_bindgen_test]
async fn try_again_checks_again_and_goes_on_when_the_service_answers() {
    let transport = MockTransport::isolated(MockClock::System, Duration::ZERO);
    let failures = transport.failures();
    let client = ApiClient::new(Transport::Mock(transport), "demo-good");
    let (host, root) = mount_checkout("demo-good", &[], Some(client)).await;
    let errors = record(&host, "paylater:error");
    // Every try of the check fails (503), so the checkout fails and says so.
    failures.set(u32::MAX);
    button(&root, "Pay later").click();
    wait_until(|| status(&root) == "failed", "the check to fail (three tries)").await;
    assert_eq!(errors.borrow().len(), 1);
    // The service is back: Try again makes the check again, and the plans show.
    failures.set(0);
    button(&root, "Try again").click();
    wait_for_status(&root, "eligible").await;
    assert_eq!(errors.borrow().len(), 1, "no second error");
    assert_eq!(all(&root, "input[type=radio]").len(), 4);
}

#[wasm_bindgen_test]
async fn a_bad_amount_shows_a_notice_not_a_blank_box() {
    let host = host(&[("data-amount", "12.999"), ("data-locale", "en")]);
    mount_host(&host).unwrap();
    tick().await;
    let root = host.shadow_root().unwrap();
    assert_eq!(find(&root, ".plw-root").unwrap().get_attribute("data-status").as_deref(), Some("invalid-options"));
    assert!(text(&root, "[role=alert]").contains("Pay later is unavailable here"));
    assert!(find(&root, ".plw-checkout").is_none());
}

#[wasm_bindgen_test]
async fn mounting_twice_leaves_one_widget() {
    let host = host(&[("data-amount", "88.00")]);
    mount_host(&host).unwrap();
    mount_host(&host).unwrap();
    tick().await;
    assert_eq!(host.shadow_root().unwrap().query_selector_all(".plw-root").unwrap().length(), 1);
}
