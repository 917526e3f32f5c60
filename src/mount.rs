//! Putting a widget on a host element: options from its `data-*` attributes, an open Shadow DOM
//! root so the page's CSS and the widget's cannot touch each other, the stylesheet adopted into
//! that root (no inline `<style>`, so a strict `style-src 'self'` CSP is kept), then Leptos.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;
use paylater_core::locale::Locale;
use paylater_core::time::{Date, Month};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CssStyleSheet, HtmlElement, MutationObserver, MutationObserverInit, ShadowRoot, ShadowRootInit, ShadowRootMode,
};

use crate::api::{ApiClient, ApiHandle, HttpTransport, RefreshSignal, Transport};
use crate::components::STYLES;
use crate::components::widget::PayLaterWidget;
use crate::events::{HostHandle, WidgetEvent, emit_on};
use crate::options::{ApiOptions, DEFAULT_MOCK_TOKEN, parse_api, parse_options};

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

/// Re-reads the options when the merchant changes an option attribute of the host (or
/// `PayLater` handle's `update`), so the amount or the language change in place, without
/// remounting and without losing the shopper's choices. The API client stays the one the widget
/// was mounted with.
fn observe_attributes(
    host: &HtmlElement,
    options: RwSignal<Result<crate::options::WidgetOptions, crate::options::OptionsError>>,
    locale: RwSignal<Locale>,
    client: ApiClient,
    refresh: RefreshSignal,
) -> Result<AttributeWatch, JsValue> {
    let target = host.clone();
    let on_change = Closure::<dyn FnMut()>::new(move || {
        let attribute = |name: &str| host_attribute(&target, name);
        let parsed = parse_options(attribute);
        match &parsed {
            Ok(o) => {
                locale.set(o.locale);
                // A renewed session: use the new token and make the failed reads again.
                let token = match &o.api {
                    ApiOptions::Mock { token, .. } | ApiOptions::Http { token, .. } => token,
                };
                if client.set_token(token) {
                    refresh.update(|n| *n += 1);
                }
            }
            Err(e) => web_sys::console::error_1(&JsValue::from_str(&e.to_string())),
        }
        options.set(parsed);
    });
    let observer = MutationObserver::new(on_change.as_ref().unchecked_ref())?;
    let init = MutationObserverInit::new();
    init.set_attributes(true);
    let filter = js_sys::Array::new();
    for name in crate::options::LIVE_OPTIONS.iter().chain(&["session-token"]) {
        filter.push(&JsValue::from_str(&format!("data-{name}")));
        filter.push(&JsValue::from_str(name));
    }
    init.set_attribute_filter(&filter);
    observer.observe_with_options(host, &init)?;
    Ok((observer, on_change))
}

/// Whether the browser is online, as components find it in the reactive context.
#[derive(Clone, Copy)]
pub struct Online(pub RwSignal<bool>);

/// `detail` of `paylater:sessionexpired` (empty: the page only needs to renew the token).
#[derive(serde::Serialize)]
struct SessionExpiredDetail {}

/// An attribute observer and the callback it calls (both must live as long as the widget).
type AttributeWatch = (MutationObserver, Closure<dyn FnMut()>);

/// `detail` of `paylater:ready`.
#[derive(serde::Serialize)]
struct ReadyDetail {
    status: &'static str,
}

/// The API client the options ask for.
pub fn api_client(options: &ApiOptions) -> ApiClient {
    match options {
        #[cfg(feature = "mock")]
        ApiOptions::Mock { token, latency_ms } => ApiClient::new(
            Transport::Mock(crate::api::MockTransport::shared(Duration::from_millis(u64::from(*latency_ms)))),
            token,
        ),
        // A build without the mock refuses options without an API (the widget shows a notice and
        // never calls): this client is a placeholder that is never used.
        #[cfg(not(feature = "mock"))]
        ApiOptions::Mock { token, .. } => {
            ApiClient::new(Transport::Http(HttpTransport::new("", Duration::from_secs(15))), token)
        }
        ApiOptions::Http { base_url, token, timeout_ms } => ApiClient::new(
            Transport::Http(HttpTransport::new(base_url, Duration::from_millis(u64::from(*timeout_ms)))),
            token,
        ),
    }
}

/// Marks a host with the id of its live widget.
const ID_ATTRIBUTE: &str = "data-pay-later-id";

/// A mounted widget: dropping it unmounts the view and stops watching the host's attributes.
struct LiveWidget {
    _view: Box<dyn Any>,
    observer: MutationObserver,
    _on_change: Closure<dyn FnMut()>,
    connection: ConnectionWatch,
    client: ApiClient,
    refresh: RefreshSignal,
}

impl Drop for LiveWidget {
    fn drop(&mut self) {
        self.client.close();
        self.observer.disconnect();
        if let Some(window) = web_sys::window() {
            let _ = window
                .remove_event_listener_with_callback("online", self.connection.on_online.as_ref().unchecked_ref());
            let _ = window
                .remove_event_listener_with_callback("offline", self.connection.on_offline.as_ref().unchecked_ref());
        }
    }
}

/// The window's `online` / `offline` listeners of one widget.
struct ConnectionWatch {
    on_online: Closure<dyn FnMut()>,
    on_offline: Closure<dyn FnMut()>,
}

/// Follows the connection: `online` false shows the offline notice; coming back makes the failed
/// reads again.
fn watch_connection(online: RwSignal<bool>, refresh: RefreshSignal) -> Result<ConnectionWatch, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    online.set(window.navigator().on_line());
    let on_online = Closure::<dyn FnMut()>::new(move || {
        online.set(true);
        refresh.update(|n| *n += 1);
    });
    let on_offline = Closure::<dyn FnMut()>::new(move || online.set(false));
    window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref())?;
    window.add_event_listener_with_callback("offline", on_offline.as_ref().unchecked_ref())?;
    Ok(ConnectionWatch { on_online, on_offline })
}

thread_local! {
    static LIVE: RefCell<HashMap<u32, LiveWidget>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// How many widgets are mounted on the page.
pub fn live_widgets() -> usize {
    LIVE.with(|live| live.borrow().len())
}

/// Unmounts the widget in `host`, if any: its view, its reactive state and its attribute
/// observer go, and its shadow root is emptied. Returns whether there was one.
pub fn unmount_host(host: &HtmlElement) -> bool {
    let Some(id) = host.get_attribute(ID_ATTRIBUTE).and_then(|id| id.parse::<u32>().ok()) else {
        return false;
    };
    let _ = host.remove_attribute(ID_ATTRIBUTE);
    // Taken out before it is dropped: unmounting runs cleanups that must not find LIVE borrowed.
    let widget = LIVE.with(|live| live.borrow_mut().remove(&id));
    let found = widget.is_some();
    drop(widget);
    if let Some(root) = host.shadow_root() {
        root.set_inner_html("");
    }
    found
}

/// Reads option `name` of `host`: `data-{name}`, or on a `<pay-later-checkout>` element also the
/// plain attribute `{name}`. The session token is the exception: see [`session_token`].
fn host_attribute(host: &HtmlElement, name: &str) -> Option<String> {
    if name == "session-token" {
        return session_token(host);
    }
    raw_attribute(host, name)
}

fn raw_attribute(host: &HtmlElement, name: &str) -> Option<String> {
    host.get_attribute(&format!("data-{name}"))
        .or_else(|| host.tag_name().eq_ignore_ascii_case(CUSTOM_ELEMENT).then(|| host.get_attribute(name)).flatten())
}

thread_local! {
    /// Session tokens by host element, in memory only (a `WeakMap`: a removed host takes its token
    /// with it).
    static TOKENS: js_sys::WeakMap = js_sys::WeakMap::new();
}

/// The session token of `host`. One given as an attribute (`data-session-token`) is moved into
/// memory and the attribute removed at once, so the token does not stay in the page's DOM where
/// session-replay and analytics scripts record attributes. `PayLater.mount` and `update` never
/// write it to the DOM at all ([`set_session_token`]).
pub fn session_token(host: &HtmlElement) -> Option<String> {
    if let Some(token) = raw_attribute(host, "session-token") {
        TOKENS.with(|tokens| tokens.set(host, &JsValue::from_str(&token)));
        let _ = host.remove_attribute("data-session-token");
        let _ = host.remove_attribute("session-token");
    }
    TOKENS.with(|tokens| tokens.get(host).as_string())
}

/// Gives `host` a session token without writing it to the DOM; a mounted widget uses it at once
/// (a renewed session: the failed reads are made again).
pub fn set_session_token(host: &HtmlElement, token: &str) {
    TOKENS.with(|tokens| tokens.set(host, &JsValue::from_str(token)));
    let Some(id) = host.get_attribute(ID_ATTRIBUTE).and_then(|id| id.parse::<u32>().ok()) else { return };
    let live = LIVE.with(|live| live.borrow().get(&id).map(|w| (w.client.clone(), w.refresh)));
    if let Some((client, refresh)) = live {
        // Given explicitly, it is a renewed session even if the value is the same: the reads
        // that failed are made again.
        client.set_token(token);
        refresh.update(|n| *n += 1);
    }
}

/// The custom element's tag.
pub const CUSTOM_ELEMENT: &str = "pay-later-checkout";

/// Mounts a widget in `host`, configured by its `data-*` attributes (`data-amount`,
/// `data-currency`, `data-locale`, `data-merchant-id`, `data-order-id`, …). Mounting again on
/// the same host replaces the widget: no second view, no second observer.
///
/// Options that cannot work do not fail the mount: the widget shows a notice to the shopper and
/// the reason, with what to change, goes to the console for the merchant's developer.
pub fn mount_host(host: &HtmlElement) -> Result<(), JsValue> {
    mount_host_with(host, None)
}

/// [`mount_host`] with a given API client instead of the one the options ask for (tests use it
/// to inject a mock with another policy or clock).
pub fn mount_host_with(host: &HtmlElement, client: Option<ApiClient>) -> Result<(), JsValue> {
    unmount_host(host);
    let attribute = |name: &str| host_attribute(host, name);
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

    // The client exists even while the options are invalid, so that a widget whose amount is
    // corrected later (an attribute, or `update`) works. The API options are not live: if they
    // are what is invalid, the widget stays a notice and this client is never used.
    let api = parse_api(&attribute).unwrap_or(ApiOptions::Mock { token: DEFAULT_MOCK_TOKEN.to_owned(), latency_ms: 0 });
    let client = client.unwrap_or_else(|| api_client(&api));
    let options = RwSignal::new(options);
    let locale = RwSignal::new(locale);
    let refresh = RefreshSignal::new(0);
    let online = RwSignal::new(true);
    let today = today();
    let event_host = host.clone();
    let expired_host = host.clone();
    client.on_unauthorized(move || emit_on(&expired_host, WidgetEvent::SessionExpired, &SessionExpiredDetail {}));
    let watched_client = client.clone();
    let live_client = client.clone();
    let ready_detail =
        ReadyDetail { status: if options.with_untracked(Result::is_ok) { "ready" } else { "invalid-options" } };
    let view = leptos::mount::mount_to(container, move || {
        provide_context(ApiHandle::new_local(client));
        provide_context(refresh);
        provide_context(crate::api::AccountChanged(RwSignal::new(0)));
        provide_context(Online(online));
        provide_context(HostHandle::new_local(event_host.clone()));
        view! { <PayLaterWidget options=options.into() locale=locale.into() today=today /> }
    });
    let (observer, on_change) = observe_attributes(host, options, locale, watched_client, refresh)?;
    let connection = watch_connection(online, refresh)?;
    let id = NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id.wrapping_add(1));
        id
    });
    host.set_attribute(ID_ATTRIBUTE, &id.to_string())?;
    LIVE.with(|live| {
        live.borrow_mut().insert(
            id,
            LiveWidget {
                _view: Box::new(view),
                observer,
                _on_change: on_change,
                connection,
                client: live_client,
                refresh,
            },
        )
    });
    emit_on(host, WidgetEvent::Ready, &ready_detail);
    Ok(())
}
