//! What the component tests share: a host on the page (removed when the test ends), mounting the
//! widget with the in-browser mock, finding things as a shopper does (by text and label, test ids
//! where there is no role), waiting for the mock's asynchronous answers, and recording the events
//! the merchant's page is told.
#![allow(dead_code)] // each test file uses a part of it

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use gloo_timers::future::sleep;
use leptos::task::tick;
use pay_later_widget::api::ApiClient;
use pay_later_widget::mount_host_with;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{Element, HtmlElement, HtmlInputElement, ShadowRoot};

/// How long a wait lasts before the test fails: 300 rounds of a tick and 10 ms.
const ROUNDS: u32 = 300;

/// A widget's host element on the page, removed when the test ends so that a dialog left open by
/// one test does not make the next test's widget inert. Bind it to `_host`, not `_` (which drops
/// it, and takes the widget off the page, at once).
pub struct Mounted(pub HtmlElement);

impl Drop for Mounted {
    fn drop(&mut self) {
        self.0.remove();
    }
}

impl std::ops::Deref for Mounted {
    type Target = HtmlElement;
    fn deref(&self) -> &HtmlElement {
        &self.0
    }
}

/// A `div` with `attributes`, appended to the page's body (later attributes win).
pub fn host(attributes: &[(&str, &str)]) -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    for (name, value) in attributes {
        host.set_attribute(name, value).unwrap();
    }
    document.body().unwrap().append_child(&host).unwrap();
    Mounted(host)
}

/// Mounts a widget configured by `attributes`, with `client` (or the page's default: the shared
/// in-browser mock), as a merchant's page would; returns its host and its open shadow root.
pub async fn mount(attributes: &[(&str, &str)], client: Option<ApiClient>) -> (Mounted, ShadowRoot) {
    // Every language but English comes from its file, as pay-later.js hands it over on a page.
    pay_later_widget::set_locale_messages_js("zh-CN", include_str!("../../locales/zh-CN.json")).unwrap();
    let host = host(attributes);
    mount_host_with(&host, client).unwrap();
    tick().await;
    let root = host.shadow_root().expect("the widget renders in an open shadow root");
    (host, root)
}

/// A checkout's attributes for `shopper` (a demo token of the mock): ¥1,299.00 at the demo shop,
/// in English, with an order id of its own.
pub fn checkout_attributes(shopper: &str) -> Vec<(&'static str, String)> {
    vec![
        ("data-amount", "1299.00".into()),
        ("data-currency", "CNY".into()),
        ("data-locale", "en".into()),
        ("data-merchant-id", "M-DEMO-SHOP".into()),
        ("data-order-id", format!("ORDER-{}", js_sys::Math::random().to_bits())),
        ("data-session-token", shopper.into()),
    ]
}

/// Mounts a checkout for `shopper`, `extra` attributes over [`checkout_attributes`].
pub async fn mount_checkout(shopper: &str, extra: &[(&str, &str)], client: Option<ApiClient>) -> (Mounted, ShadowRoot) {
    let base = checkout_attributes(shopper);
    let mut attributes: Vec<(&str, &str)> = base.iter().map(|(n, v)| (*n, v.as_str())).collect();
    attributes.extend_from_slice(extra);
    mount(&attributes, client).await
}

/// Where elements are looked for: the widget's shadow root, or an element in it.
pub trait Scope {
    fn all(&self, selector: &str) -> Vec<Element>;
    fn html(&self) -> String;
}

impl Scope for ShadowRoot {
    fn all(&self, selector: &str) -> Vec<Element> {
        nodes(self.query_selector_all(selector).unwrap())
    }
    fn html(&self) -> String {
        self.inner_html()
    }
}

impl Scope for Element {
    fn all(&self, selector: &str) -> Vec<Element> {
        nodes(self.query_selector_all(selector).unwrap())
    }
    fn html(&self) -> String {
        self.outer_html()
    }
}

fn nodes(list: web_sys::NodeList) -> Vec<Element> {
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect()
}

pub fn all(scope: &impl Scope, selector: &str) -> Vec<Element> {
    scope.all(selector)
}

pub fn find(scope: &impl Scope, selector: &str) -> Option<Element> {
    scope.all(selector).into_iter().next()
}

/// The text of an element.
pub fn text_of(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

/// The text of the first element matching `selector`; fails the test if there is none.
pub fn text(scope: &impl Scope, selector: &str) -> String {
    text_of(&find(scope, selector).unwrap_or_else(|| panic!("no element matches {selector}: {}", scope.html())))
}

/// The button a shopper would find by `label`: its visible text or its accessible label.
pub fn button(scope: &impl Scope, label: &str) -> HtmlElement {
    scope
        .all("button")
        .into_iter()
        .find(|b| text_of(b).trim() == label || b.get_attribute("aria-label").as_deref() == Some(label))
        .map(JsCast::unchecked_into)
        .unwrap_or_else(|| panic!("no button labelled {label:?} in {}", scope.html()))
}

/// Clicks the radio or checkbox matching `selector`.
pub async fn choose(scope: &impl Scope, selector: &str) {
    let input: HtmlInputElement =
        find(scope, selector).unwrap_or_else(|| panic!("no input matches {selector}")).unchecked_into();
    input.click();
    tick().await;
}

/// The checkout's state (`data-status` on its root).
pub fn status(root: &ShadowRoot) -> String {
    find(root, ".plw-checkout").and_then(|e| e.get_attribute("data-status")).unwrap_or_default()
}

/// Waits until `done` holds (the mock answers asynchronously); fails the test saying `what`.
pub async fn wait_until(mut done: impl FnMut() -> bool, what: &str) {
    for _ in 0..ROUNDS {
        tick().await;
        if done() {
            return;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

/// Waits until something matches `selector`, and returns it.
pub async fn wait_for(root: &ShadowRoot, selector: &str) -> Element {
    for _ in 0..ROUNDS {
        tick().await;
        if let Some(element) = find(root, selector) {
            return element;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("nothing matches {selector}: {}", root.inner_html());
}

/// Waits until the checkout reaches `wanted`.
pub async fn wait_for_status(root: &ShadowRoot, wanted: &str) {
    for _ in 0..ROUNDS {
        tick().await;
        if status(root) == wanted {
            return;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("status stayed {:?}, wanted {wanted:?}: {}", status(root), root.inner_html());
}

/// Records the `detail` (as JSON) of every `name` event the widget sends its host.
pub fn record(host: &HtmlElement, name: &str) -> Rc<RefCell<Vec<String>>> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    let listener = Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
        sink.borrow_mut().push(js_sys::JSON::stringify(&e.detail()).map(String::from).unwrap_or_default());
    });
    host.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref()).unwrap();
    listener.forget();
    seen
}
