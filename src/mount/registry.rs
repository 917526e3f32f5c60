//! The widgets alive on the page, by the id written on their host (`data-pay-later-id`), so that
//! mounting again replaces a widget and unmounting finds it.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use leptos::prelude::*;
use web_sys::HtmlElement;

use super::attributes::AttributeWatch;
use super::connection::ConnectionWatch;
use crate::api::ApiClient;

/// Marks a host with the id of its live widget.
const ID_ATTRIBUTE: &str = "data-pay-later-id";

/// A mounted widget: dropping it unmounts the view, aborts its calls, and stops watching.
/// The view and the connection watch are held only for their `Drop`.
pub struct LiveWidget {
    pub _view: Box<dyn Any>,
    pub attributes: AttributeWatch,
    pub _connection: ConnectionWatch,
    pub client: ApiClient,
    pub refresh: RwSignal<u32>,
}

impl Drop for LiveWidget {
    fn drop(&mut self) {
        self.client.close();
    }
}

thread_local! {
    static LIVE: RefCell<HashMap<u32, LiveWidget>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

fn id_of(host: &HtmlElement) -> Option<u32> {
    host.get_attribute(ID_ATTRIBUTE).and_then(|id| id.parse().ok())
}

/// Keeps `widget` alive as the widget of `host`.
pub fn register(host: &HtmlElement, widget: LiveWidget) -> Result<(), wasm_bindgen::JsValue> {
    let id = NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id.wrapping_add(1));
        id
    });
    host.set_attribute(ID_ATTRIBUTE, &id.to_string())?;
    LIVE.with(|live| live.borrow_mut().insert(id, widget));
    Ok(())
}

/// Drops the widget of `host`, if any; returns whether there was one.
pub fn unregister(host: &HtmlElement) -> bool {
    let Some(id) = id_of(host) else { return false };
    let _ = host.remove_attribute(ID_ATTRIBUTE);
    // Taken out before it is dropped: unmounting runs cleanups that must not find LIVE borrowed.
    let widget = LIVE.with(|live| live.borrow_mut().remove(&id));
    let found = widget.is_some();
    drop(widget);
    found
}

/// The client and refresh signal of the widget of `host`, if it has one.
pub fn live_session(host: &HtmlElement) -> Option<(ApiClient, RwSignal<u32>)> {
    let id = id_of(host)?;
    LIVE.with(|live| live.borrow().get(&id).map(|w| (w.client.clone(), w.refresh)))
}

/// Hands the widget of `host`, if it has one, what `pay-later.js` found wrong in the page's last
/// `update` (or `None`), and reads its options again.
pub fn live_embedding_problem(host: &HtmlElement, problem: Option<String>) {
    let Some(id) = id_of(host) else { return };
    // Called outside the borrow: the options' signals may run effects that reach LIVE.
    let reread = LIVE.with(|live| {
        live.borrow().get(&id).map(|w| {
            w.attributes.set_embedding_problem(problem);
            w.attributes.reread()
        })
    });
    if let Some(reread) = reread {
        let _ = reread.call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// How many widgets are mounted on the page.
pub fn live_widgets() -> usize {
    LIVE.with(|live| live.borrow().len())
}
