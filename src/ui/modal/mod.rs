//! A modal dialog done right: the native `<dialog>` opened with `showModal()` (the page behind is
//! inert), focus starts inside and Tab wraps inside, Escape and the close button close it (unless
//! `can_close` says not now), the page behind does not scroll, and when it goes focus returns to
//! what opened it (or to `fallback_focus`, if that is gone).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlDialogElement, HtmlElement, KeyboardEvent, ShadowRoot};

use crate::context::tr;
use crate::i18n::Key;

/// Stops the page behind from scrolling; gives the previous value back.
fn lock_page_scroll() -> Option<String> {
    let body = web_sys::window()?.document()?.body()?;
    let style = body.style();
    let previous = style.get_property_value("overflow").ok()?;
    style.set_property("overflow", "hidden").ok()?;
    Some(previous)
}

fn unlock_page_scroll(previous: &str) {
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        let _ = body.style().set_property("overflow", previous);
    }
}

/// The element focused in `dialog`'s shadow root (the widget's), if any.
fn focused_in(node: &web_sys::Node) -> Option<web_sys::Element> {
    node.get_root_node().dyn_into::<ShadowRoot>().ok().and_then(|r| r.active_element())
}

/// Keeps Tab inside `dialog`: from the last focusable element to the first and back.
fn trap_tab(dialog: &HtmlDialogElement, ev: &KeyboardEvent) {
    let Ok(list) = dialog.query_selector_all("button:not([disabled]), input:not([disabled]), [tabindex='0']") else {
        return;
    };
    let focusable: Vec<HtmlElement> =
        (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect();
    let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else { return };
    let active = focused_in(dialog);
    let at = |el: &HtmlElement| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>());
    if ev.shift_key() && at(first) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && at(last) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

#[component]
pub fn Modal(
    title: Key,
    /// The `id` of the title (the dialog is labelled by it).
    title_id: &'static str,
    /// A line under the title that describes what the dialog is about.
    #[prop(into)]
    description: Signal<String>,
    /// False while the dialog must stay open (e.g. a payment in flight).
    #[prop(into)]
    can_close: Signal<bool>,
    on_close: Callback<()>,
    /// Where focus goes when the opener is gone (e.g. its list was redrawn).
    #[prop(optional)]
    fallback_focus: Option<Callback<(), Option<HtmlElement>>>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let previous_overflow = StoredValue::new(None::<String>);
    let opener = StoredValue::new_local(None::<HtmlElement>);
    let open = move |d: web_sys::HtmlDialogElement| {
        opener.set_value(focused_in(&d).and_then(|e| e.dyn_into().ok()));
        previous_overflow.set_value(lock_page_scroll());
        let _ = d.show_modal();
    };
    dialog.on_load(move |d| {
        // A dialog built off the page (a part fetched on the click, under a Suspense) opens once
        // it is in the page: show_modal() refuses a disconnected element.
        if d.is_connected() {
            open(d);
        } else {
            request_animation_frame(move || {
                if d.is_connected() {
                    open(d);
                }
            });
        }
    });
    on_cleanup(move || {
        if let Some(previous) = previous_overflow.try_get_value().flatten() {
            unlock_page_scroll(&previous);
        }
        let target = opener.try_get_value().flatten().filter(|o| o.is_connected());
        leptos::task::spawn_local(async move {
            // After the view under the dialog has settled (the list may be redrawn by the close).
            leptos::task::tick().await;
            let target = target.or_else(|| fallback_focus.and_then(|f| f.try_run(())).flatten());
            if let Some(target) = target {
                let _ = target.focus();
            }
        });
    });
    let close = move || {
        if can_close.get_untracked() {
            on_close.run(());
        }
    };
    let on_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            close();
        }
        "Tab" => {
            if let Some(d) = dialog.get_untracked() {
                trap_tab(&d, &ev);
            }
        }
        _ => {}
    };
    let description_id = format!("{title_id}-description");
    let description_p = description_id.clone();
    view! {
        <dialog
            class="plw-dialog"
            node_ref=dialog
            aria-labelledby=title_id
            aria-describedby=description_id.clone()
            on:keydown=on_keydown
        >
            <div class="plw-dialog__head">
                <h2 id=title_id class="plw-dialog__title">
                    {tr(title)}
                </h2>
                <button
                    type="button"
                    class="plw-dialog__close"
                    aria-label=tr(Key::RepayClose)
                    disabled=move || !can_close.get()
                    on:click=move |_| close()
                >
                    // A block, not a literal: no static HTML string (see the offer's mark).
                    <span aria-hidden="true">{"×"}</span>
                </button>
            </div>
            <p id=description_p class="plw-dialog__description">
                {description}
            </p>
            {children()}
        </dialog>
    }
}
