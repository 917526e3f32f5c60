//! What every component finds in the reactive context, provided once per widget by the mount (so
//! nothing is threaded through props): the shopper's language, the API client, the clock, the
//! host element, and the signals that make reads happen again.

use leptos::prelude::*;
use paylater_core::locale::Locale;

use crate::api::ApiClient;
use crate::i18n::{Key, t};

/// The shopper's language, changeable without remounting.
#[derive(Clone, Copy)]
pub struct Lang(pub Signal<Locale>);

/// The API client (not `Send`: it lives on the page's one thread).
pub type ApiHandle = StoredValue<ApiClient, LocalStorage>;

/// Bumped when the session is renewed or the connection comes back: reads that failed are made
/// again (resources track it).
#[derive(Clone, Copy)]
pub struct Refresh(pub RwSignal<u32>);

/// Bumped when a widget of the page, in either module, changed the shopper's account (an order
/// placed, or one it follows captured or cancelled; [`ACCOUNT_CHANGED_EVENT`]): the account's
/// reads (bills, pending orders, the limit) are made again.
#[derive(Clone, Copy)]
pub struct AccountChanged(pub RwSignal<u32>);

/// Whether the browser is online.
#[derive(Clone, Copy)]
pub struct Online(pub RwSignal<bool>);

/// The host element, for events.
pub type HostHandle = StoredValue<web_sys::HtmlElement, LocalStorage>;

pub fn use_locale() -> Signal<Locale> {
    use_context::<Lang>().map_or_else(|| Signal::stored(Locale::default()), |l| l.0)
}

/// A reactive translation: `{tr(Key::OfferTitle)}` in a view follows the language.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || t(locale.get(), key)
}

pub fn use_api() -> ApiClient {
    expect_context::<ApiHandle>().get_value()
}

/// Tracks what should make the account's reads happen again (a renewed session, the connection
/// back, a change this widget made).
pub fn track_account_changes() {
    if let Some(Refresh(refresh)) = use_context::<Refresh>() {
        refresh.track();
    }
    if let Some(AccountChanged(changed)) = use_context::<AccountChanged>() {
        changed.track();
    }
}

/// Tracks only what should make failed reads happen again.
pub fn track_refresh() {
    if let Some(Refresh(refresh)) = use_context::<Refresh>() {
        refresh.track();
    }
}

/// The window event by which a widget tells every widget of the page (its own included, and those
/// of the other module) that it changed the shopper's account. Internal: it carries nothing, and a
/// forged one only makes the account's reads happen again.
pub const ACCOUNT_CHANGED_EVENT: &str = "paylater:account-changed";

/// A function that tells the account's views of the page this widget changed the account. Without
/// a window (never in a browser) it bumps this widget's own [`AccountChanged`].
pub fn account_changed_notifier() -> impl Fn() + Copy + 'static {
    let changed = use_context::<AccountChanged>();
    move || {
        let sent = web_sys::window()
            .and_then(|window| {
                let event = web_sys::Event::new(ACCOUNT_CHANGED_EVENT).ok()?;
                window.dispatch_event(&event).ok()
            })
            .is_some();
        if !sent && let Some(AccountChanged(changed)) = changed {
            changed.try_update(|n| *n += 1);
        }
    }
}
