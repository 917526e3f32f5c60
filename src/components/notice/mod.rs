//! A visible, non-technical notice (the technical reason goes to the console).

use crate::i18n::Key;
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

/// A call that failed, in words, with "Try again" (announced as an alert).
#[component]
pub fn RetryError(
    error: paylater_core::client::ClientError,
    locale: Signal<paylater_core::locale::Locale>,
    on_retry: Callback<()>,
    #[prop(optional)] testid: &'static str,
) -> impl IntoView {
    let key = crate::errors::message_key(crate::errors::Call::Read, &error);
    view! {
        <div class="plw-error" role="alert" data-testid=(!testid.is_empty()).then_some(testid)>
            <p>{move || crate::i18n::t(locale.get(), key)}</p>
            <button type="button" class="plw-button plw-button--secondary" on:click=move |_| on_retry.run(())>
                {move || crate::i18n::t(locale.get(), Key::ActionRetry)}
            </button>
        </div>
    }
}
