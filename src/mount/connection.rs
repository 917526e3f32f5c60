//! Follows the browser's connection (`offline` shows a notice; coming back makes the failed reads
//! again) and the page's other widgets (an order placed in one makes the account's reads of every
//! other happen again, whichever module it runs in: [`crate::context::ACCOUNT_CHANGED_EVENT`]).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;

use crate::context::ACCOUNT_CHANGED_EVENT;

/// The window's `online` / `offline` / account-changed listeners of one widget (removed when it is
/// dropped).
pub struct ConnectionWatch {
    on_online: Closure<dyn FnMut()>,
    on_offline: Closure<dyn FnMut()>,
    on_account_changed: Closure<dyn FnMut()>,
}

impl Drop for ConnectionWatch {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback("online", self.on_online.as_ref().unchecked_ref());
            let _ = window.remove_event_listener_with_callback("offline", self.on_offline.as_ref().unchecked_ref());
            let _ = window.remove_event_listener_with_callback(
                ACCOUNT_CHANGED_EVENT,
                self.on_account_changed.as_ref().unchecked_ref(),
            );
        }
    }
}

pub fn watch_connection(
    online: RwSignal<bool>,
    refresh: RwSignal<u32>,
    account_changed: RwSignal<u32>,
) -> Result<ConnectionWatch, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    online.set(window.navigator().on_line());
    let on_online = Closure::<dyn FnMut()>::new(move || {
        online.set(true);
        refresh.update(|n| *n += 1);
    });
    let on_offline = Closure::<dyn FnMut()>::new(move || online.set(false));
    window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref())?;
    window.add_event_listener_with_callback("offline", on_offline.as_ref().unchecked_ref())?;
    let on_account_changed = Closure::<dyn FnMut()>::new(move || {
        account_changed.try_update(|n| *n += 1);
    });
    window.add_event_listener_with_callback(ACCOUNT_CHANGED_EVENT, on_account_changed.as_ref().unchecked_ref())?;
    Ok(ConnectionWatch { on_online, on_offline, on_account_changed })
}
