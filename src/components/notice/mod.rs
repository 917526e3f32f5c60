//! A visible, non-technical notice (the technical reason goes to the console).

use leptos::prelude::*;

/// What the notice is about; each kind has its own look and ARIA role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Pay later cannot be offered here; the shopper should pay another way.
    Unavailable,
}

impl NoticeKind {
    const fn class(self) -> &'static str {
        match self {
            NoticeKind::Unavailable => "plw-panel plw-notice plw-notice--unavailable",
        }
    }
}

#[component]
pub fn Notice(kind: NoticeKind, title: Signal<&'static str>, body: Signal<&'static str>) -> impl IntoView {
    view! {
        <div class=kind.class() role="alert">
            <p class="plw-notice__title">{title}</p>
            <p class="plw-notice__body">{body}</p>
        </div>
    }
}
