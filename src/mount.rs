//! Putting a widget on a host element: options from its `data-*` attributes, an open Shadow DOM
//! root so the page's CSS and the widget's cannot touch each other, the stylesheet adopted into
//! that root (no inline `<style>`, so a strict `style-src 'self'` CSP is kept), then Leptos.

use std::time::Duration;

use leptos::prelude::*;
use paylater_core::locale::Locale;
use paylater_core::time::{Date, Month};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CssStyleSheet, HtmlElement, MutationObserver, MutationObserverInit, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

use crate::api::{ApiClient, ApiHandle, HttpTransport, MockTransport, Transport};
use crate::components::STYLES;
use crate::components::widget::PayLaterWidget;
use crate::events::{HostHandle, WidgetEvent, emit_on};
use crate::options::{ApiOptions, parse_options};

/// The attribute that marks an element for [`crate::start`] to mount a widget in.
pub const HOST_ATTRIBUTE: &str = "data-pay-later";

/// Today's date in the shopper's time zone, from the browser's clock.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    let month = Month::try_from(now.get_month() as u8 + 1).unwrap_or(Month::January);
    Date::from_calendar_date(now.get_full_year() as i32, month, now.get_date() as u8).unwrap_or(Date::MIN)
}

fn shadow_root(host: &HtmlElement) -> Result<ShadowRoot, JsValue> {
    if let Some(root) = host.shadow_root() {
        // Mounting again on the same element replaces the widget instead of adding a second one.
        root.set_inner_html("");
        return Ok(root);
    }
    host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
}

fn adopt_styles(root: &ShadowRoot) -> Result<(), JsValue> {
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(&STYLES.concat())?;
    root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    Ok(())
}

/// Re-reads the options when the merchant changes a `data-*` attribute of the host, so the
/// amount or the language change in place, without remounting and without losing the shopper's
/// choices. The API client stays the one the widget was mounted with.
fn observe_attributes(
    host: &HtmlElement,
    options: RwSignal<Result<crate::options::WidgetOptions, crate::options::OptionsError>>,
    locale: RwSignal<Locale>,
) -> Result<(), JsValue> {
    let target = host.clone();
    let on_change = Closure::<dyn FnMut()>::new(move || {
        let attribute = |name: &str| target.get_attribute(&format!("data-{name}"));
        let parsed = parse_options(attribute);
        match &parsed {
            Ok(o) => locale.set(o.locale),
            Err(e) => web_sys::console::error_1(&JsValue::from_str(&e.to_string())),
        }
        options.set(parsed);
    });
    let observer = MutationObserver::new(on_change.as_ref().unchecked_ref())?;
    let init = MutationObserverInit::new();
    init.set_attributes(true);
    let filter = js_sys::Array::new();
    for name in ["amount", "currency", "locale", "merchant-id", "order-id"] {
        filter.push(&JsValue::from_str(&format!("data-{name}")));
    }
    init.set_attribute_filter(&filter);
    observer.observe_with_options(host, &init)?;
    // Both live as long as the page (unmounting comes with the embedding API).
    on_change.forget();
    std::mem::forget(observer);
    Ok(())
}

/// `detail` of `paylater:ready`.
#[derive(serde::Serialize)]
struct ReadyDetail {
    status: &'static str,
}

/// The API client the options ask for.
pub fn api_client(options: &ApiOptions) -> ApiClient {
    match options {
        ApiOptions::Mock { token, latency_ms } => {
            ApiClient::new(Transport::Mock(MockTransport::shared(Duration::from_millis(u64::from(*latency_ms)))), token)
        }
        ApiOptions::Http { base_url, token, timeout_ms } => ApiClient::new(
            Transport::Http(HttpTransport::new(base_url, Duration::from_millis(u64::from(*timeout_ms)))),
            token,
        ),
    }
}

/// Mounts a widget in `host`, configured by its `data-*` attributes (`data-amount`,
/// `data-currency`, `data-locale`, `data-merchant-id`, `data-order-id`).
///
/// Options that cannot work do not fail the mount: the widget shows a notice to the shopper and
/// the reason, with what to change, goes to the console for the merchant's developer.
pub fn mount_host(host: &HtmlElement) -> Result<(), JsValue> {
    mount_host_with(host, None)
}

/// [`mount_host`] with a given API client instead of the one the options ask for (tests use it
/// to inject a mock with another policy or clock).
pub fn mount_host_with(host: &HtmlElement, client: Option<ApiClient>) -> Result<(), JsValue> {
    let attribute = |name: &str| host.get_attribute(&format!("data-{name}"));
    let options = parse_options(attribute);
    if let Err(e) = &options {
        web_sys::console::error_1(&JsValue::from_str(&e.to_string()));
    }
    let page_lang = host.closest("[lang]").ok().flatten().and_then(|e| e.get_attribute("lang"));
    let locale: Locale = attribute("locale").or(page_lang).and_then(|tag| tag.parse().ok()).unwrap_or_default();

    let root = shadow_root(host)?;
    adopt_styles(&root)?;
    let document = host.owner_document().ok_or("the host element is not in a document")?;
    let container: HtmlElement = document.create_element("div")?.unchecked_into();
    root.append_child(&container)?;

    let client = client.or_else(|| options.as_ref().ok().map(|o| api_client(&o.api)));
    let options = RwSignal::new(options);
    let locale = RwSignal::new(locale);
    let today = today();
    let event_host = host.clone();
    let ready_detail =
        ReadyDetail { status: if options.with_untracked(Result::is_ok) { "ready" } else { "invalid-options" } };
    let handle = leptos::mount::mount_to(container, move || {
        if let Some(client) = client {
            provide_context(ApiHandle::new_local(client));
        }
        provide_context(HostHandle::new_local(event_host.clone()));
        view! { <PayLaterWidget options=options.into() locale=locale.into() today=today /> }
    });
    // The widget lives as long as the page; unmounting comes with the embedding API.
    handle.forget();
    observe_attributes(host, options, locale)?;
    emit_on(host, WidgetEvent::Ready, &ready_detail);
    Ok(())
}
