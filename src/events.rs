//! DOM CustomEvents on the widget's host element, so the merchant's page can follow the widget:
//! `paylater:ready`, `paylater:planchange`, `paylater:approved`, `paylater:declined`,
//! `paylater:error`, `paylater:close`, `paylater:repaid`, `paylater:sessionexpired`. Each `detail` is a plain object built from a typed Rust struct.

use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

/// The host element as components find it in the reactive context.
pub type HostHandle = StoredValue<HtmlElement, LocalStorage>;

/// The events the widget sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WidgetEvent {
    Ready,
    PlanChange,
    Approved,
    Declined,
    Error,
    Close,
    Repaid,
    SessionExpired,
}

impl WidgetEvent {
    pub const fn name(self) -> &'static str {
        match self {
            WidgetEvent::Ready => "paylater:ready",
            WidgetEvent::PlanChange => "paylater:planchange",
            WidgetEvent::Approved => "paylater:approved",
            WidgetEvent::Declined => "paylater:declined",
            WidgetEvent::Error => "paylater:error",
            WidgetEvent::Close => "paylater:close",
            WidgetEvent::Repaid => "paylater:repaid",
            WidgetEvent::SessionExpired => "paylater:sessionexpired",
        }
    }
}

/// Dispatches `event` with `detail` on `host` (bubbling, composed so it crosses shadow roots).
pub fn emit_on<T: Serialize>(host: &HtmlElement, event: WidgetEvent, detail: &T) {
    let detail =
        serde_json::to_string(detail).ok().and_then(|json| js_sys::JSON::parse(&json).ok()).unwrap_or(JsValue::NULL);
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(custom) = CustomEvent::new_with_event_init_dict(event.name(), &init) {
        let _ = host.dispatch_event(&custom);
    }
}

/// Dispatches `event` on the widget's host element, if the widget has one in context.
pub fn emit<T: Serialize>(event: WidgetEvent, detail: &T) {
    if let Some(host) = use_context::<HostHandle>() {
        host.with_value(|h| emit_on(h, event, detail));
    }
}
