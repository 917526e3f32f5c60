//! Notices: a visible, non-technical panel (the technical reason goes to the console), and an
//! inline note inside a flow (an amount refreshed, a heads-up).

use leptos::prelude::*;

use paylater_core::client::ClientError;

use crate::context::tr;
use crate::errors::{Call, message_key};
use crate::i18n::Key;

/// What a notice is about; each kind has its own look and role.
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
pub fn Notice(kind: NoticeKind, title: Key, body: Key) -> impl IntoView {
    view! {
        <div class=kind.class() role="alert">
            <p class="plw-notice__title">{tr(title)}</p>
            <p class="plw-notice__body">{tr(body)}</p>
        </div>
    }
}

/// A short note inside a flow.
#[component]
pub fn InlineNote(text: Key, #[prop(optional)] testid: Option<&'static str>) -> impl IntoView {
    view! {
        <p class="plw-notice-inline" data-testid=testid>
            {tr(text)}
        </p>
    }
}

/// A call that failed, in words, announced (`role="alert"`); nothing while there is none.
#[component]
pub fn CallError(#[prop(into)] error: Signal<Option<ClientError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! {
                <p class="plw-error" role="alert">
                    {tr(message_key(Call::Read, &e))}
                </p>
            }
        })
    }
}
