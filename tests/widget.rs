//! Component tests in headless Chromium (wasm-bindgen-test): mount the widget as a merchant's page
//! would, act as a shopper, assert what the shopper sees.
#![cfg(target_arch = "wasm32")]

use leptos::task::tick;
use pay_later_widget::mount_host;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

fn host(attributes: &[(&str, &str)]) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    for (name, value) in attributes {
        host.set_attribute(name, value).unwrap();
    }
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn shadow(host: &HtmlElement) -> ShadowRoot {
    host.shadow_root().expect("the widget renders in an open shadow root")
}

fn find(root: &ShadowRoot, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn text(root: &ShadowRoot, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

/// The button whose visible text is `label`, as a shopper finds it.
fn button(root: &ShadowRoot, label: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no button labelled {label:?}"))
}

#[wasm_bindgen_test]
async fn shows_the_total_and_the_offer_computed_from_the_amount() {
    let host = host(&[("data-amount", "1299.00"), ("data-currency", "CNY"), ("data-locale", "zh-CN")]);
    mount_host(&host).unwrap();
    tick().await;
    let root = shadow(&host);
    assert_eq!(find(&root, ".plw-root").get_attribute("data-status").as_deref(), Some("ready"));
    assert_eq!(text(&root, "[data-testid=order-total]"), "¥1,299.00");
    // 12 installments: 108.25 principal + 9.53 fee on the first (leftover cents go first).
    assert_eq!(text(&root, "[data-testid=offer-line]"), "低至 ¥117.78/月");
    assert_eq!(text(&root, "h2"), "先享后付");
}

#[wasm_bindgen_test]
async fn see_plans_opens_every_plan_with_its_first_payment_fee_and_total() {
    let host = host(&[("data-amount", "1299.00"), ("data-locale", "en")]);
    mount_host(&host).unwrap();
    tick().await;
    let root = shadow(&host);
    let plans = find(&root, "#plw-plans");
    assert!(plans.has_attribute("hidden"), "plans start folded");

    let toggle = button(&root, "See plans");
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("false"));
    toggle.click();
    tick().await;

    assert!(!plans.has_attribute("hidden"), "plans are shown after the click");
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert_eq!(toggle.text_content().unwrap().trim(), "Hide plans");
    let items = root.query_selector_all(".plw-plan").unwrap();
    assert_eq!(items.length(), 4);
    let six = text(&root, "[data-plan=installments_6]");
    assert!(six.contains("6 monthly installments"), "{six}");
    assert!(six.contains("First payment ¥226.25"), "{six}");
    assert!(six.contains("Fee ¥58.46 (4.5%)"), "{six}");
    assert!(six.contains("Total to pay ¥1,357.46"), "{six}");
    let full = text(&root, "[data-plan=pay_in_30_days]");
    assert!(full.contains("Fee ¥0.00 (0%)"), "{full}");

    button(&root, "Hide plans").click();
    tick().await;
    assert!(plans.has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn a_bad_amount_shows_a_notice_not_a_blank_box() {
    let host = host(&[("data-amount", "12.999"), ("data-locale", "en")]);
    mount_host(&host).unwrap();
    tick().await;
    let root = shadow(&host);
    assert_eq!(find(&root, ".plw-root").get_attribute("data-status").as_deref(), Some("invalid-options"));
    let notice = find(&root, "[role=alert]");
    assert!(notice.text_content().unwrap().contains("Pay later is unavailable here"));
    assert!(root.query_selector(".plw-offer").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn mounting_twice_leaves_one_widget() {
    let host = host(&[("data-amount", "88.00")]);
    mount_host(&host).unwrap();
    mount_host(&host).unwrap();
    tick().await;
    assert_eq!(shadow(&host).query_selector_all(".plw-root").unwrap().length(), 1);
}
