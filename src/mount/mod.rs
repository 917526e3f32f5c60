//! Putting a widget on a host element: the options from its attributes, its own Shadow DOM root
//! and stylesheet ([`shadow`]), the API client the options ask for, the reactive context every
//! component reads ([`crate::context`]), then Leptos. It keeps watching the host's attributes
//! ([`attributes`]) and the connection ([`connection`]) until it is unmounted ([`registry`]).
//!
//! Options that cannot work do not fail the mount: the shopper sees a notice and the reason, with
//! what to change, goes to the console for the merchant's developer.

mod attributes;
mod connection;
mod registry;
mod shadow;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

pub use self::attributes::CUSTOM_ELEMENT;
use self::attributes::{host_attribute, observe_attributes, read_options};
use self::connection::watch_connection;
pub use self::registry::live_widgets;
use self::registry::{LiveWidget, live_embedding_problem, live_session, register, unregister};
use self::shadow::{adopt_styles, shadow_root};
use crate::api::{ApiClient, HttpTransport, Transport};
use crate::components::widget::PayLaterWidget;
use crate::context::{AccountChanged, ApiHandle, HostHandle, Lang, Online, Refresh};
use crate::events::{ReadyDetail, SessionExpiredDetail, WidgetEvent, WidgetStatus, emit_on};
use crate::handover::{HandedOver, Handover};
use crate::i18n::Translations;
use crate::options::{ApiOptions, DEFAULT_MOCK_TOKEN, parse_api};

/// The API client the options ask for.
pub fn api_client(options: &ApiOptions) -> ApiClient {
    match options {
        #[cfg(feature = "mock")]
        ApiOptions::Mock { token, latency_ms } => ApiClient::new(
            Transport::Mock(crate::api::MockTransport::shared(Duration::from_millis(u64::from(*latency_ms)))),
            token,
        ),
        #[cfg(all(feature = "page-mock", not(feature = "mock")))]
        ApiOptions::Mock { token, latency_ms } => ApiClient::new(
            Transport::PageMock(crate::api::PageMockTransport::new(Duration::from_millis(u64::from(*latency_ms)))),
            token,
        ),
        // A build without the mock refuses options without an API (the widget shows a notice and
        // never calls): this client is never used.
        #[cfg(not(any(feature = "mock", feature = "page-mock")))]
        ApiOptions::Mock { token, .. } => {
            ApiClient::new(Transport::Http(HttpTransport::new("", Duration::from_secs(15))), token)
        }
        ApiOptions::Http { base_url, token, timeout_ms } => ApiClient::new(
            Transport::Http(HttpTransport::new(base_url, Duration::from_millis(u64::from(*timeout_ms)))),
            token,
        ),
    }
}

/// Unmounts the widget in `host`, if any: its view, its state, its calls and its observers go, and
/// its shadow root is emptied. Returns whether there was one.
pub fn unmount_host(host: &HtmlElement) -> bool {
    let found = unregister(host);
    if let Some(root) = host.shadow_root() {
        root.set_text_content(None); // not innerHTML: a Trusted Types sink
    }
    found
}

/// A renewed session for the widget of `host` (the loader keeps the token: crate::loader); given
/// explicitly, it is a renewed session even if the value is the same: the reads that failed are
/// made again.
pub fn set_session_token(host: &HtmlElement, token: &str) {
    if let Some((client, refresh)) = live_session(host) {
        client.set_token(token);
        refresh.update(|n| *n += 1);
    }
}

/// Hands the widget of `host` what `pay-later.js` found wrong in the page's `update` object (or
/// `None` once it is right): the widget shows the notice, or its view again.
pub fn set_embedding_problem(host: &HtmlElement, problem: Option<String>) {
    live_embedding_problem(host, problem);
}

/// Mounts a widget in `host`, configured by its `data-*` attributes. Mounting again on the same
/// host replaces the widget: no second view, no second observer.
pub fn mount_host(host: &HtmlElement) -> Result<(), JsValue> {
    mount_host_with(host, None)
}

/// [`mount_host`] for `pay-later.js`: with what `PayLater.mount` was given that cannot be an
/// option (`embedding`), and for the checkout module taking over the offer module's widget on Pay
/// later, the `handover`: the shopper's choice and the eligibility answer on its way come with it,
/// and the page hears no second `paylater:ready` (it is the same widget to the shopper and to the
/// page).
pub fn mount_host_from_loader(
    host: &HtmlElement,
    handover: Option<Handover>,
    embedding: Option<String>,
) -> Result<(), JsValue> {
    mount(host, None, handover, embedding)
}

/// [`mount_host`] with a given API client instead of the one the options ask for (tests inject a
/// mock with another policy or clock).
pub fn mount_host_with(host: &HtmlElement, client: Option<ApiClient>) -> Result<(), JsValue> {
    mount(host, client, None, None)
}

fn mount(
    host: &HtmlElement,
    client: Option<ApiClient>,
    handover: Option<Handover>,
    embedding: Option<String>,
) -> Result<(), JsValue> {
    unmount_host(host);
    let handed_over = handover.is_some();
    let attribute = |name: &str| host_attribute(host, name);
    let (options, locale) = read_options(host, embedding.as_deref());
    if let Err(e) = &options {
        web_sys::console::error_1(&JsValue::from_str(&e.to_string()));
    }

    let root = shadow_root(host)?;
    adopt_styles(&root)?;
    let document = host.owner_document().ok_or("the host element is not in a document")?;
    let container: HtmlElement = document.create_element("div")?.unchecked_into();
    root.append_child(&container)?;

    // The client exists even while the options are invalid, so that a widget whose amount is
    // corrected later works. The API options are not live: if they are what is invalid, the
    // widget stays a notice and this client is never used.
    let api = parse_api(&attribute).unwrap_or(ApiOptions::Mock { token: DEFAULT_MOCK_TOKEN.to_owned(), latency_ms: 0 });
    let client = client.unwrap_or_else(|| api_client(&api));
    let ready = if options.is_ok() { WidgetStatus::Ready } else { WidgetStatus::InvalidOptions };
    let options = RwSignal::new(options);
    let locale = RwSignal::new(locale);
    let refresh = RwSignal::new(0u32);
    let online = RwSignal::new(true);
    let account_changed = RwSignal::new(0u32);
    let expired_host = host.clone();
    client.on_unauthorized(move || emit_on(&expired_host, WidgetEvent::SessionExpired, &SessionExpiredDetail {}));
    let (context_client, host_value) = (client.clone(), host.clone());
    let view = leptos::mount::mount_to(container, move || {
        provide_context(ApiHandle::new_local(context_client));
        provide_context(Lang(locale.into()));
        let overrides =
            Memo::new(move |_| options.with(|o| o.as_ref().map(|o| o.translations.clone()).unwrap_or_default()));
        provide_context(Translations(overrides.into()));
        provide_context(Refresh(refresh));
        provide_context(AccountChanged(account_changed));
        provide_context(Online(online));
        provide_context(HostHandle::new_local(host_value.clone()));
        provide_context(HandedOver::new(handover));
        view! { <PayLaterWidget options=options.into() /> }
    });
    let embedding = Rc::new(RefCell::new(embedding));
    let attributes = observe_attributes(host, options, locale, client.clone(), refresh, embedding)?;
    let connection = watch_connection(online, refresh, account_changed)?;
    register(host, LiveWidget { _view: Box::new(view), attributes, _connection: connection, client, refresh })?;
    if !handed_over {
        emit_on(host, WidgetEvent::Ready, &ReadyDetail { status: ready });
    }
    Ok(())
}
