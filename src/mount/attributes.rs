//! The host element's attributes: the options (`data-amount`, …; on `<pay-later-checkout>` also
//! the plain names), watched so that a change re-renders in place; and the session token, which is
//! kept in memory only, never in the DOM.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use paylater_core::locale::Locale;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, MutationObserver, MutationObserverInit};

use crate::api::ApiClient;
use crate::options::{ApiOptions, LIVE_OPTIONS, OptionsError, WidgetOptions, parse_options, shown_locale};

/// The custom element's tag.
pub const CUSTOM_ELEMENT: &str = "pay-later-checkout";

/// Reads option `name` of `host`: `data-{name}`, or on a `<pay-later-checkout>` element also the
/// plain attribute `{name}`. The session token is the exception: see [`session_token`].
pub fn host_attribute(host: &HtmlElement, name: &str) -> Option<String> {
    if name == "session-token" {
        return session_token(host);
    }
    raw_attribute(host, name)
}

fn raw_attribute(host: &HtmlElement, name: &str) -> Option<String> {
    host.get_attribute(&format!("data-{name}"))
        .or_else(|| host.tag_name().eq_ignore_ascii_case(CUSTOM_ELEMENT).then(|| host.get_attribute(name)).flatten())
}

/// The `lang` of the page around `host`: of its closest element (itself included) that has one.
fn page_language(host: &HtmlElement) -> Option<String> {
    host.closest("[lang]").ok().flatten().and_then(|e| e.get_attribute("lang"))
}

/// What `PayLater.mount` or `update` were given that cannot be an option, as `pay-later.js` hands
/// it over (crate::options::parse_options): the widget's own copy, changed by
/// [`AttributeWatch::set_embedding_problem`].
pub type EmbeddingProblem = Rc<RefCell<Option<String>>>;

/// The host's options as they are now, by the one rule of crate::options (the language: the
/// `locale` option, else the page's `lang`), and the language to show, which exists even while
/// the options are wrong. On mount and on every change, so that a change keeps what it did not
/// touch.
pub fn read_options(host: &HtmlElement, embedding: Option<&str>) -> (Result<WidgetOptions, OptionsError>, Locale) {
    let page_lang = page_language(host);
    let options = parse_options(|name: &str| host_attribute(host, name), page_lang.as_deref(), embedding);
    let locale = match &options {
        Ok(o) => o.locale,
        Err(_) => shown_locale(raw_attribute(host, "locale").as_deref(), page_lang.as_deref()),
    };
    (options, locale)
}

/// The session token of `host`, from the page's one store, the loader's (crate::loader). One given
/// as an attribute (`data-session-token`) is handed to the loader and the attribute removed at
/// once, so the token does not stay in the page's DOM where session-replay and analytics scripts
/// record attributes. `PayLater.mount` and `update` never write it to the DOM at all.
pub fn session_token(host: &HtmlElement) -> Option<String> {
    if let Some(token) = raw_attribute(host, "session-token") {
        if !crate::loader::keep_session_token(host, &token) {
            // No loader to keep it: the attribute stays, so the token is not lost.
            return Some(token);
        }
        let _ = host.remove_attribute("data-session-token");
        let _ = host.remove_attribute("session-token");
    }
    crate::loader::session_token(host)
}

/// An attribute observer and the callback it calls (both must live as long as the widget).
pub struct AttributeWatch {
    observer: MutationObserver,
    on_change: Closure<dyn FnMut()>,
    embedding: EmbeddingProblem,
}

impl AttributeWatch {
    /// The callback that reads the options again (for a change that is not an attribute's).
    pub fn reread(&self) -> js_sys::Function {
        self.on_change.as_ref().unchecked_ref::<js_sys::Function>().clone()
    }

    /// Sets what `pay-later.js` found wrong in `update`'s object (or clears it); the caller then
    /// reads the options again ([`AttributeWatch::reread`]).
    pub fn set_embedding_problem(&self, problem: Option<String>) {
        *self.embedding.borrow_mut() = problem;
    }
}

impl Drop for AttributeWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Re-reads the options when the merchant changes an option attribute of the host (or a
/// `PayLater` handle's `update`), so the amount or the language change in place, without
/// remounting and without losing the shopper's choices. The API client stays the one the widget
/// was mounted with; a new session token renews its session.
pub fn observe_attributes(
    host: &HtmlElement,
    options: RwSignal<Result<WidgetOptions, OptionsError>>,
    locale: RwSignal<Locale>,
    client: ApiClient,
    refresh: RwSignal<u32>,
    embedding: EmbeddingProblem,
) -> Result<AttributeWatch, JsValue> {
    let target = host.clone();
    let current = embedding.clone();
    let on_change = Closure::<dyn FnMut()>::new(move || {
        let (parsed, shown) = read_options(&target, current.borrow().as_deref());
        locale.set(shown);
        match &parsed {
            Ok(o) => {
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
    for name in LIVE_OPTIONS.iter().chain(&["session-token"]) {
        filter.push(&JsValue::from_str(&format!("data-{name}")));
        filter.push(&JsValue::from_str(name));
    }
    init.set_attribute_filter(&filter);
    observer.observe_with_options(host, &init)?;
    Ok(AttributeWatch { observer, on_change, embedding })
}
