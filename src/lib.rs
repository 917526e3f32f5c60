//! 先享后付 / Pay later: a checkout widget in Rust + Leptos (client-side rendered WebAssembly).
//!
//! The money, plans, quotes and eligibility live in the `paylater-core` crate, tested natively;
//! this crate renders them and sends the shopper's intents. It is a library: the pages load it as
//! two modules built from it, `crates/checkout` (feature `checkout`) and `crates/account` (feature
//! `account`), which `pay-later.js` fetches on first need. The functions below are what every
//! module exports to `pay-later.js`, which finds the host elements and mounts them.

// Nothing that comes from the API or the merchant may panic (release builds abort): enforced here.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

/// A stylesheet of this crate as the module carries it, minified by build.rs: its path from the
/// crate's root, e.g. `css!("src/ui/modal/modal.css")`.
macro_rules! css {
    ($path:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/css/", $path))
    };
}

pub mod api;
pub mod components;
pub mod context;
pub mod errors;
pub mod events;
pub mod format;
pub mod handover;
pub mod hooks;
pub mod i18n;
pub mod idempotency;
pub mod json;
pub mod loader;
pub mod mount;
pub mod options;
#[cfg(any(feature = "account", feature = "offer-first"))]
mod split;
#[cfg(feature = "test-hooks")]
pub mod test_hooks;
pub mod ui;

use wasm_bindgen::prelude::*;

pub use mount::{mount_host, mount_host_with};

/// Mounts a widget in `host` (configured by its `data-*` attributes). Used by `pay-later.js`
/// (`PayLater.mount`, `<pay-later-checkout>`); `handover` is what the offer module handed over
/// on Pay later (crate::handover), when the checkout module takes its widget over; `problem`,
/// what `PayLater.mount` was given that cannot be an option (the widget shows its notice).
#[wasm_bindgen(js_name = mountHost)]
pub fn mount_js(host: web_sys::HtmlElement, handover: JsValue, problem: Option<String>) -> Result<(), JsValue> {
    // Panic messages in the console in debug builds; release builds abort without the formatting.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    mount::mount_host_from_loader(&host, handover::Handover::from_js(&handover), problem)
}

/// What the page's `update` object had that cannot be an option (`None` once it is right): a
/// mounted widget shows its notice, or its view again. Used by `pay-later.js`.
#[wasm_bindgen(js_name = setEmbeddingProblem)]
pub fn set_embedding_problem_js(host: web_sys::HtmlElement, problem: Option<String>) {
    mount::set_embedding_problem(&host, problem);
}

/// A new session token for the widget of `host` (`pay-later.js` keeps it, in memory only, and
/// tells the widgets mounted there: the `sessionToken` option of `PayLater.mount` and `update`).
#[wasm_bindgen(js_name = setSessionToken)]
pub fn set_session_token_js(host: web_sys::HtmlElement, token: String) {
    mount::set_session_token(&host, &token);
}

/// Unmounts the widget in `host`; returns whether there was one.
#[wasm_bindgen(js_name = unmountHost)]
pub fn unmount_js(host: web_sys::HtmlElement) -> bool {
    mount::unmount_host(&host)
}

/// The locale file this module needs before showing `tag` (`"ja"` for `ja-JP`: `pay-later.js`
/// fetches `pay-later-locale-ja.json`), or nothing when its texts are built in or already loaded
/// (or the tag is unknown: the widget says so itself).
#[wasm_bindgen(js_name = localeToLoad)]
pub fn locale_to_load_js(tag: &str) -> Option<String> {
    let locale: paylater_core::locale::Locale = tag.parse().ok()?;
    (!i18n::has_messages(locale)).then(|| locale.tag().to_owned())
}

/// Gives this module the texts of the locale `tag` (the JSON of `locales/<tag>.json`). A file
/// that is not the widget's is refused with the reason (the widget then shows English).
#[wasm_bindgen(js_name = setLocaleMessages)]
pub fn set_locale_messages_js(tag: &str, json: &str) -> Result<u32, JsValue> {
    let locale: paylater_core::locale::Locale =
        tag.parse().map_err(|e: paylater_core::locale::UnknownLocale| JsValue::from_str(&e.to_string()))?;
    let count = i18n::load_messages(locale, json).map_err(|e| JsValue::from_str(&e))?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

/// How many widgets are mounted on the page (for tests of mount/unmount cycles).
#[wasm_bindgen(js_name = liveWidgets)]
pub fn live_widgets_js() -> u32 {
    u32::try_from(mount::live_widgets()).unwrap_or(u32::MAX)
}
