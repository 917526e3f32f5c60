//! Under Trusted Types (issue 25): this test page enforces `require-trusted-types-for 'script'`
//! with no policy at all before anything renders, so any string written into `innerHTML` (or any
//! other sink) throws. Static view subtrees, which `view!` compiles into HTML strings, are built
//! node by node by the patched renderer (vendor/README.md) into the DOM the markup describes, and
//! the checkout and the account render and work here as they do anywhere.
#![cfg(target_arch = "wasm32")]

mod common;

use std::time::Duration;

use common::*;
use leptos::prelude::*;
use pay_later_widget::api::{ApiClient, MockClock, MockTransport, Transport};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, Node};

wasm_bindgen_test_configure!(run_in_browser);

/// Turns Trusted Types enforcement on for this page (once): a CSP `<meta>` in the head, which the
/// browser applies from the moment it is inserted.
fn enforce_trusted_types() {
    let document = web_sys::window().unwrap().document().unwrap();
    if document.query_selector("meta[data-trusted-types]").unwrap().is_some() {
        return;
    }
    let meta = document.create_element("meta").unwrap();
    meta.set_attribute("http-equiv", "Content-Security-Policy").unwrap();
    meta.set_attribute("content", "require-trusted-types-for 'script'; trusted-types 'none'").unwrap();
    meta.set_attribute("data-trusted-types", "").unwrap();
    document.head().unwrap().append_child(&meta).unwrap();
}

/// Renders `view` into a fresh element on the page; returns that element.
fn render<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> Mounted {
    enforce_trusted_types();
    let parent = host(&[]);
    let target: HtmlElement = parent.0.clone();
    std::mem::forget(leptos::mount::mount_to(target, view));
    parent
}

fn children(node: &Node) -> Vec<Node> {
    let list = node.child_nodes();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

fn element(node: &Node) -> Element {
    node.clone().dyn_into().unwrap_or_else(|_| panic!("{:?} is not an element", node.node_name()))
}

#[wasm_bindgen_test]
fn the_page_enforces_trusted_types() {
    enforce_trusted_types();
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    let written = js_sys::Reflect::set(&div, &JsValue::from_str("innerHTML"), &JsValue::from_str("<b>x</b>"));
    assert!(written.is_err(), "a plain string into innerHTML must throw here, or these tests prove nothing");
    assert_eq!(div.child_element_count(), 0);
}

#[wasm_bindgen_test]
fn static_markup_becomes_the_dom_it_describes() {
    let host = render(|| {
        view! {
            <p class="plw-note" title="Tom & \"Jerry\" <3>" data-x="¥1,299.00">
                "a < b & c · ¥1,299.00 — 先享后付 &amp;"
                <b>"bold"</b>
                " tail"
            </p>
        }
    });
    let p = host.first_element_child().expect("the view rendered");
    assert_eq!(p.tag_name(), "P");
    assert_eq!(p.class_name(), "plw-note");
    assert_eq!(p.get_attribute("title").as_deref(), Some("Tom & \"Jerry\" <3>"));
    assert_eq!(p.get_attribute("data-x").as_deref(), Some("¥1,299.00"));
    let nodes = children(&p);
    assert_eq!(nodes.len(), 3, "{}", p.outer_html());
    assert_eq!(nodes[0].text_content().as_deref(), Some("a < b & c · ¥1,299.00 — 先享后付 &amp;"));
    assert_eq!(element(&nodes[1]).tag_name(), "B");
    assert_eq!(nodes[1].text_content().as_deref(), Some("bold"));
    assert_eq!(nodes[2].text_content().as_deref(), Some(" tail"));
}

#[wasm_bindgen_test]
fn void_elements_and_boolean_attributes_close_where_html_closes_them() {
    let host = render(|| {
        view! {
            <div class="plw-form">
                <input type="checkbox" disabled />
                <br />
                <span>"after"</span>
                <ul>
                    <li>"one"</li>
                    <li aria-hidden="true">"two"</li>
                </ul>
            </div>
        }
    });
    let div = host.first_element_child().unwrap();
    let kinds: Vec<String> = children(&div).iter().map(|n| element(n).tag_name()).collect();
    assert_eq!(kinds, ["INPUT", "BR", "SPAN", "UL"], "{}", div.outer_html());
    let input = element(&children(&div)[0]);
    assert_eq!(input.get_attribute("disabled").as_deref(), Some(""));
    assert_eq!(input.child_nodes().length(), 0);
    assert!(input.unchecked_ref::<web_sys::HtmlInputElement>().disabled());
    let items = children(&children(&div)[3]);
    assert_eq!(items.len(), 2);
    assert_eq!(element(&items[1]).get_attribute("aria-hidden").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
fn svg_in_static_markup_is_in_the_svg_namespace() {
    let host = render(|| {
        view! {
            <div class="plw-icon">
                <svg viewBox="0 0 10 10" aria-hidden="true">
                    <path d="M0 0h10v10z"></path>
                </svg>
            </div>
        }
    });
    let svg = host.query_selector("svg").unwrap().expect("an svg");
    assert_eq!(svg.namespace_uri().as_deref(), Some("http://www.w3.org/2000/svg"));
    assert_eq!(svg.get_attribute("viewBox").as_deref(), Some("0 0 10 10"));
    let path = svg.first_element_child().unwrap();
    assert_eq!(path.namespace_uri().as_deref(), Some("http://www.w3.org/2000/svg"));
    assert_eq!(path.get_attribute("d").as_deref(), Some("M0 0h10v10z"));
}

#[wasm_bindgen_test]
async fn the_checkout_works_from_the_offer_to_the_order_placed() {
    enforce_trusted_types();
    let (_host, root) = mount_checkout("demo-good", &[], None).await;
    assert_eq!(text(&root, "[data-testid=order-total]"), "¥1,299.00");
    button(&root, "Pay later").click();
    wait_for_status(&root, "eligible").await;
    assert_eq!(all(&root, "input[type=radio]").len(), 4);
    button(&root, "Confirm pay later").click();
    wait_for_status(&root, "confirmed").await;
}

#[wasm_bindgen_test]
async fn the_account_pays_a_bill_early_to_its_receipt() {
    enforce_trusted_types();
    let client =
        ApiClient::new(Transport::Mock(MockTransport::isolated(MockClock::System, Duration::ZERO)), "demo-good");
    let attributes = [("data-locale", "en"), ("data-view", "bills"), ("data-session-token", "demo-good")];
    let (_host, root) = mount(&attributes, Some(client)).await;
    wait_for(&root, "[data-testid=bill-list]").await;
    let card = find(&root, "[data-bill-id=bill_due_soon]").expect("the bill due soon");
    button(&card, "Repay early").click();
    let dialog = wait_for(&root, "dialog").await;
    wait_for(&root, "[data-testid=breakdown]").await;
    let total = text(&root, "[data-testid=quote-total]");
    button(&dialog, &format!("Pay {total}")).click();
    let receipt = wait_for(&root, "[data-testid=receipt]").await;
    assert!(text_of(&receipt).starts_with("RC"));
}
