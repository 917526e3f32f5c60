//! "Show more": the next page of a long list (bills, records), so that every item stays reachable
//! while the first render stays small. Busy while loading; a failure says why and stays retryable.

use leptos::prelude::*;
use paylater_core::client::ClientError;
use paylater_core::locale::Locale;

use crate::errors::{Call, message_key};
use crate::i18n::{Key, t};

#[component]
pub fn ShowMore(
    /// The button's text (an i18n key).
    label: Key,
    pending: Signal<bool>,
    error: Signal<Option<ClientError>>,
    locale: Signal<Locale>,
    on_more: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="plw-show-more">
            {move || error.get().map(|e| {
                let key = message_key(Call::Read, &e);
                view! { <p class="plw-error" role="alert">{move || t(locale.get(), key)}</p> }
            })}
            <button
                type="button"
                class="plw-button plw-button--secondary plw-button--block"
                disabled=move || pending.get()
                aria-busy=move || pending.get().to_string()
                on:click=move |_| on_more.run(())
            >
                {move || t(locale.get(), if pending.get() { Key::ListLoadingMore } else { label })}
            </button>
        </div>
    }
}
